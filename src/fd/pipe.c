/* Pipes and (with `dscope fds`) the processes at their other end. */
#include "fd/fd.h"
#include "proc/link.h"

static bool probe_pipe(const struct fd *fd)
{
	return fd->target && proc_link_inode(fd->target, "pipe", (uint64_t[]){ 0 });
}

static void emit_pipe(const struct fd *fd, struct sink *s)
{
	uint64_t ino = 0;

	proc_link_inode(fd->target, "pipe", &ino);
	sink_u64(s, "inode", ino);
}

const struct fd_class fd_class_pipe = {
	.kind = "pipe",
	.probe = probe_pipe,
	.emit = emit_pipe,
};
