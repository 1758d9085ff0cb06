/* Userfaultfds ("anon_inode:[userfaultfd]"): page faults handed to a
 * user-space handler (live migration, CRIU, garbage collectors).
 *
 * fdinfo on Linux 6.18:
 *
 *	pending:	0
 *	total:	0
 *	API:	aa:80000000:80000000000001ff
 *
 * pending counts faults not yet woken up, total the faults waiting (read
 * or not); API is the version, the features negotiated with UFFDIO_API
 * and the ioctls allowed, all hex (features has the kernel's own
 * "initialized" bit 0x80000000 once UFFDIO_API was called). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "fd/anon_parse.h"
#include "fd/fd.h"

int userfaultfd_fdinfo_parse(const char *buf, size_t len,
			     struct userfaultfd_info *u)
{
	const char *end = buf + len, *eol, *p;
	uint64_t *v[3] = { &u->api, &u->features, &u->ioctls };

	memset(u, 0, sizeof(*u));
	if (!anon_key_u64(buf, end, "pending", 10, &u->pending) ||
	    !anon_key_u64(buf, end, "total", 10, &u->total))
		return -EINVAL;
	p = anon_key(buf, end, "API", &eol);
	if (!p)
		return 0;
	for (int i = 0; i < 3; i++) {
		if (i && (p >= eol || *p++ != ':'))
			return -EINVAL;
		if (!parse_u64(&p, eol, 16, v[i]))
			return -EINVAL;
	}
	if (parse_skip_blanks(p, eol) != eol)
		return -EINVAL;
	u->has_api = true;
	return 0;
}

static bool probe_userfaultfd(const struct fd *fd)
{
	return anon_target_is(fd->target, "userfaultfd");
}

static int parse_userfaultfd(struct fd *fd, const char *extra, size_t len)
{
	struct userfaultfd_info *u = xmalloc(sizeof(*u));
	int err = userfaultfd_fdinfo_parse(extra, len, u);

	if (err) {
		free(u);
		return err;
	}
	fd->priv = u;
	return 0;
}

static void describe_userfaultfd(const struct fd *fd, struct snapshot *snap,
				 struct strbuf *out)
{
	const struct userfaultfd_info *u = fd->priv;

	(void)snap;
	strbuf_adds(out, "userfaultfd");
	if (u)
		strbuf_addf(out, ", %llu pending, %llu total",
			    (unsigned long long)u->pending,
			    (unsigned long long)u->total);
}

static void emit_userfaultfd(const struct fd *fd, struct snapshot *snap,
			     struct sink *s)
{
	const struct userfaultfd_info *u = fd->priv;

	(void)snap;
	if (u) {
		sink_u64(s, "pending", u->pending);
		sink_u64(s, "total", u->total);
	} else {
		sink_null(s, "pending");
		sink_null(s, "total");
	}
	if (u && u->has_api) {
		sink_u64(s, "api", u->api);
		sink_u64(s, "features", u->features);
		sink_u64(s, "ioctls", u->ioctls);
	} else {
		sink_null(s, "api");
		sink_null(s, "features");
		sink_null(s, "ioctls");
	}
}

const struct fd_class fd_class_userfaultfd = {
	.kind = "userfaultfd",
	.needs = FD_NEED_FDINFO,
	.probe = probe_userfaultfd,
	.parse = parse_userfaultfd,
	.describe = describe_userfaultfd,
	.emit = emit_userfaultfd,
};
