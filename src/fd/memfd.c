/* Memfds (memfd_create): anonymous memory files. Their link target is a
 * path, "/memfd:NAME (deleted)", on Linux 6.18 also for hugetlb memfds;
 * NAME is chosen by the process (up to 249 bytes, anything but '/', so
 * also " (deleted)": only the last one is stripped). Their fdinfo has
 * only the common lines; the size comes from stat. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fd/anon_parse.h"
#include "fd/fd.h"

#define PREFIX "/memfd:"
#define SUFFIX " (deleted)"

const char *memfd_name(const char *target, size_t *len)
{
	size_t n, p = sizeof(PREFIX) - 1, s = sizeof(SUFFIX) - 1;

	if (!target || strncmp(target, PREFIX, p) != 0)
		return NULL;
	n = strlen(target);
	if (n < p + s || memcmp(target + n - s, SUFFIX, s) != 0)
		return NULL;
	*len = n - p - s;
	return target + p;
}

static bool probe_memfd(const struct fd *fd)
{
	size_t len;

	/* a real file named "/memfd:x (deleted)" would not be a regular
	 * file with no links, but only S_ISREG is known here */
	if (fd->has_stat && !S_ISREG(fd->st_mode))
		return false;
	return memfd_name(fd->target, &len) != NULL;
}

static void describe_memfd(const struct fd *fd, struct snapshot *snap,
			   struct strbuf *out)
{
	size_t len = 0;
	const char *name = memfd_name(fd->target, &len);

	(void)snap;
	strbuf_adds(out, "memfd ");
	if (name && len)
		fd_put_escaped(out, name, len);
	else
		strbuf_adds(out, "(unnamed)");
	if (fd->has_stat)
		strbuf_addf(out, ", %llu bytes",
			    (unsigned long long)fd->st_size);
}

static void emit_memfd(const struct fd *fd, struct snapshot *snap,
		       struct sink *s)
{
	size_t len = 0;
	const char *name = memfd_name(fd->target, &len);

	(void)snap;
	if (name)
		sink_str(s, "name", name, len);
	else
		sink_null(s, "name");
	if (fd->has_stat)
		sink_u64(s, "size", fd->st_size);
	else
		sink_null(s, "size");
}

const struct fd_class fd_class_memfd = {
	.kind = "memfd",
	.needs = FD_NEED_FDINFO | FD_NEED_STAT,
	.probe = probe_memfd,
	.describe = describe_memfd,
	.emit = emit_memfd,
};
