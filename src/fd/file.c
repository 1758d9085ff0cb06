/* Paths: regular files and directories ("file"), and device nodes under
 * /dev ("device": /dev/null, terminals). Offsets, flags and mounts come
 * with `dscope fds`. */
#include <string.h>

#include "fd/fd.h"

static bool is_path(const struct fd *fd)
{
	return fd->target && fd->target[0] == '/';
}

static bool probe_device(const struct fd *fd)
{
	return is_path(fd) && strncmp(fd->target, "/dev/", 5) == 0;
}

static bool probe_file(const struct fd *fd)
{
	return is_path(fd);
}

static void emit_path(const struct fd *fd, struct sink *s)
{
	size_t len = strlen(fd->target);
	bool deleted = len > 10 && strcmp(fd->target + len - 10, " (deleted)") == 0;

	sink_str(s, "path", fd->target, deleted ? len - 10 : len);
	sink_bool(s, "deleted", deleted);
}

const struct fd_class fd_class_device = {
	.kind = "device",
	.probe = probe_device,
	.emit = emit_path,
};

const struct fd_class fd_class_file = {
	.kind = "file",
	.probe = probe_file,
	.emit = emit_path,
};
