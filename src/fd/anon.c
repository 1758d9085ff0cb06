/* Anonymous inodes ("anon_inode:[eventpoll]", "anon_inode:inotify"):
 * shown by name until a class of their own decodes them. */
#include "fd/fd.h"
#include "proc/link.h"

static bool probe_anon(const struct fd *fd)
{
	int len;

	return fd->target && proc_link_anon_name(fd->target, &len);
}

static void emit_anon(const struct fd *fd, struct sink *s)
{
	int len = 0;
	const char *name = proc_link_anon_name(fd->target, &len);

	sink_str(s, "name", name, (size_t)len);
}

const struct fd_class fd_class_anon = {
	.kind = "anon",
	.probe = probe_anon,
	.emit = emit_anon,
};
