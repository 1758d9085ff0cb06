/* Eventfds ("anon_inode:[eventfd]"): the counter and the other processes
 * holding the same eventfd (they share it to wake each other).
 *
 * fdinfo on Linux 6.18:
 *
 *	eventfd-count:                5
 *	eventfd-id: 1
 *	eventfd-semaphore: 1
 *
 * The count is HEX ("%16llx": padded to 16 columns, "a" for ten,
 * "fffffffffffffffe" at most); the id is decimal and unique on the
 * machine (Linux 5.2+); eventfd-semaphore is 6.4+. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "fd/anon_parse.h"
#include "fd/fd.h"
#include "model/snapshot.h"

int eventfd_fdinfo_parse(const char *buf, size_t len, struct eventfd_info *e)
{
	const char *end = buf + len;
	uint64_t v = 0;
	int r;

	memset(e, 0, sizeof(*e));
	if (!anon_key_u64(buf, end, "eventfd-count", 16, &e->count))
		return -EINVAL;
	r = anon_key_opt_u64(buf, end, "eventfd-id", 10, &e->id);
	if (r < 0)
		return r;
	e->has_id = r == 1;
	r = anon_key_opt_u64(buf, end, "eventfd-semaphore", 10, &v);
	if (r < 0 || v > 1)
		return -EINVAL;
	e->has_semaphore = r == 1;
	e->semaphore = r == 1 && v == 1;
	return 0;
}

bool eventfd_fd_id(const struct fd *fd, uint64_t *id)
{
	const struct eventfd_info *e =
		fd->cls == &fd_class_eventfd ? fd->priv : NULL;

	if (!e || !e->has_id)
		return false;
	*id = e->id;
	return true;
}

static bool probe_eventfd(const struct fd *fd)
{
	return anon_target_is(fd->target, "eventfd");
}

static int parse_eventfd(struct fd *fd, const char *extra, size_t len)
{
	struct eventfd_info *e = xmalloc(sizeof(*e));
	int err = eventfd_fdinfo_parse(extra, len, e);

	if (err) {
		free(e);
		return err;
	}
	fd->priv = e;
	if (e->has_id)
		fd->self_key = snapshot_key(ENDPOINT_EVENTFD, e->id);
	return 0;
}

static void want_eventfd(const struct fd *fd, struct snapshot *snap)
{
	const struct eventfd_info *e = fd->priv;

	if (e && e->has_id)
		snapshot_want_optional(snap, snapshot_key(ENDPOINT_EVENTFD, e->id));
}

static void link_eventfd(struct fd *fd, struct snapshot *snap)
{
	const struct eventfd_info *e = fd->priv;

	if (e && e->has_id)
		fd_link_holders(fd, snap, snapshot_key(ENDPOINT_EVENTFD, e->id));
}

static void describe_eventfd(const struct fd *fd, struct snapshot *snap,
			     struct strbuf *out)
{
	const struct eventfd_info *e = fd->priv;

	strbuf_adds(out, "eventfd");
	if (!e)
		return;
	strbuf_addf(out, " count %llu", (unsigned long long)e->count);
	if (e->has_id)
		strbuf_addf(out, " (id %llu)", (unsigned long long)e->id);
	if (e->semaphore)
		strbuf_adds(out, ", semaphore");
	fd_describe_peers(fd, snap, out);
}

static void emit_eventfd(const struct fd *fd, struct snapshot *snap,
			 struct sink *s)
{
	const struct eventfd_info *e = fd->priv;

	if (e)
		sink_u64(s, "count", e->count);
	else
		sink_null(s, "count");
	if (e && e->has_id)
		sink_u64(s, "id", e->id);
	else
		sink_null(s, "id");
	if (e && e->has_semaphore)
		sink_bool(s, "semaphore", e->semaphore);
	else
		sink_null(s, "semaphore");
	fd_emit_peers(fd, snap, s);
}

const struct fd_class fd_class_eventfd = {
	.kind = "eventfd",
	.needs = FD_NEED_FDINFO,
	.probe = probe_eventfd,
	.parse = parse_eventfd,
	.want = want_eventfd,
	.link = link_eventfd,
	.describe = describe_eventfd,
	.emit = emit_eventfd,
};
