/* Anonymous inodes no class of their own decodes ("anon_inode:[NAME]"),
 * and whatever nobody recognises. */
#include <string.h>

#include "fd/fd.h"
#include "proc/link.h"

static bool probe_anon(const struct fd *fd)
{
	int len;

	return fd->target && proc_link_anon_name(fd->target, &len);
}

static void describe_anon(const struct fd *fd, struct snapshot *snap,
			  struct strbuf *out)
{
	int len = 0;
	const char *name = proc_link_anon_name(fd->target, &len);

	(void)snap;
	strbuf_adds(out, "anon inode ");
	fd_put_escaped(out, name, (size_t)len);
}

static void emit_anon(const struct fd *fd, struct snapshot *snap,
		      struct sink *s)
{
	int len = 0;
	const char *name = proc_link_anon_name(fd->target, &len);

	(void)snap;
	sink_str(s, "name", name, (size_t)len);
}

const struct fd_class fd_class_anon = {
	.kind = "anon",
	.needs = FD_NEED_FDINFO,
	.probe = probe_anon,
	.describe = describe_anon,
	.emit = emit_anon,
};

static bool probe_unknown(const struct fd *fd)
{
	(void)fd;
	return true;
}

const struct fd_class fd_class_unknown = {
	.kind = "unknown",
	.probe = probe_unknown,
};
