/* Sockets. Family, state and peer come from sock_diag with `dscope fds`. */
#include "fd/fd.h"
#include "proc/link.h"

static bool probe_socket(const struct fd *fd)
{
	return fd->target && proc_link_inode(fd->target, "socket", (uint64_t[]){ 0 });
}

static void emit_socket(const struct fd *fd, struct sink *s)
{
	uint64_t ino = 0;

	proc_link_inode(fd->target, "socket", &ino);
	sink_u64(s, "inode", ino);
}

const struct fd_class fd_class_socket = {
	.kind = "socket",
	.probe = probe_socket,
	.emit = emit_socket,
};
