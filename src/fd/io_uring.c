/* io_uring instances ("anon_inode:[io_uring]"): ring sizes, SQPOLL,
 * registered files and buffers.
 *
 * fdinfo on Linux 6.18 (each io_uring has its own inode):
 *
 *	SqMask:	0x3
 *	SqHead:	0
 *	SqTail:	0
 *	CachedSqHead:	0
 *	CqMask:	0x7
 *	CqHead:	0
 *	CqTail:	0
 *	CachedCqTail:	0
 *	SQEs:	0
 *	CQEs:	0
 *	SqThread:	-1
 *	SqThreadCpu:	-1
 *	SqTotalTime:	0
 *	SqWorkTime:	0
 *	UserFiles:	0
 *	UserBufs:	0
 *	PollList:
 *	CqOverflowList:
 *	NAPI:	disabled
 *
 * The masks are hex with "0x", the rest decimal. SqThread is -1 without
 * IORING_SETUP_SQPOLL, else the thread id of the "iou-sqp-PID" kernel
 * thread (a task of the ring's owner). "UserFiles: N" is followed by a line per
 * registered file ("    0: /path") and "UserBufs: N" by one per buffer;
 * the kernel escapes blanks, newlines and backslashes in those paths
 * ("\012"), so a file name cannot forge a line. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "fd/anon_parse.h"
#include "fd/fd.h"

int io_uring_fdinfo_parse(const char *buf, size_t len, struct io_uring_info *u)
{
	const char *end = buf + len;
	uint64_t sq_mask, cq_mask;
	int r[4];

	memset(u, 0, sizeof(*u));
	if (!anon_key_u64(buf, end, "SqMask", 16, &sq_mask) ||
	    !anon_key_u64(buf, end, "CqMask", 16, &cq_mask) ||
	    sq_mask >= UINT32_MAX || cq_mask >= UINT32_MAX)
		return -EINVAL;
	u->sq_entries = sq_mask + 1;
	u->cq_entries = cq_mask + 1;

	r[0] = anon_key_opt_u64(buf, end, "SqHead", 10, &u->sq_head);
	r[1] = anon_key_opt_u64(buf, end, "SqTail", 10, &u->sq_tail);
	r[2] = anon_key_opt_u64(buf, end, "CqHead", 10, &u->cq_head);
	r[3] = anon_key_opt_u64(buf, end, "CqTail", 10, &u->cq_tail);
	if (r[0] < 0 || r[1] < 0 || r[2] < 0 || r[3] < 0)
		return -EINVAL;
	u->has_heads = r[0] && r[1] && r[2] && r[3];

	if (anon_key(buf, end, "SqThread", &(const char *){ NULL })) {
		if (!anon_key_i64(buf, end, "SqThread", &u->sq_thread) ||
		    u->sq_thread < -1)
			return -EINVAL;
		u->has_sq_thread = true;
	}
	r[0] = anon_key_opt_u64(buf, end, "UserFiles", 10, &u->user_files);
	r[1] = anon_key_opt_u64(buf, end, "UserBufs", 10, &u->user_bufs);
	if (r[0] < 0 || r[1] < 0)
		return -EINVAL;
	u->has_user_files = r[0];
	u->has_user_bufs = r[1];
	return 0;
}

static bool probe_io_uring(const struct fd *fd)
{
	return anon_target_is(fd->target, "io_uring");
}

static int parse_io_uring(struct fd *fd, const char *extra, size_t len)
{
	struct io_uring_info *u = xmalloc(sizeof(*u));
	int err = io_uring_fdinfo_parse(extra, len, u);

	if (err) {
		free(u);
		return err;
	}
	fd->priv = u;
	return 0;
}

static void describe_io_uring(const struct fd *fd, struct snapshot *snap,
			      struct strbuf *out)
{
	const struct io_uring_info *u = fd->priv;

	(void)snap;
	strbuf_adds(out, "io_uring");
	if (!u)
		return;
	strbuf_addf(out, " sq %llu cq %llu", (unsigned long long)u->sq_entries,
		    (unsigned long long)u->cq_entries);
	if (u->has_sq_thread && u->sq_thread > 0)
		strbuf_addf(out, ", sqpoll thread %lld",
			    (long long)u->sq_thread);
	if (u->user_files)
		strbuf_addf(out, ", %llu %s", (unsigned long long)u->user_files,
			    u->user_files == 1 ? "file" : "files");
	if (u->user_bufs)
		strbuf_addf(out, ", %llu %s", (unsigned long long)u->user_bufs,
			    u->user_bufs == 1 ? "buffer" : "buffers");
}

static void emit_opt_u64(struct sink *s, const char *key, bool has, uint64_t v)
{
	if (has)
		sink_u64(s, key, v);
	else
		sink_null(s, key);
}

static void emit_io_uring(const struct fd *fd, struct snapshot *snap,
			  struct sink *s)
{
	const struct io_uring_info *u = fd->priv;
	bool ok = u != NULL;

	(void)snap;
	emit_opt_u64(s, "sq_entries", ok, ok ? u->sq_entries : 0);
	emit_opt_u64(s, "cq_entries", ok, ok ? u->cq_entries : 0);
	emit_opt_u64(s, "sq_head", ok && u->has_heads, ok ? u->sq_head : 0);
	emit_opt_u64(s, "sq_tail", ok && u->has_heads, ok ? u->sq_tail : 0);
	emit_opt_u64(s, "cq_head", ok && u->has_heads, ok ? u->cq_head : 0);
	emit_opt_u64(s, "cq_tail", ok && u->has_heads, ok ? u->cq_tail : 0);
	if (ok && u->has_sq_thread && u->sq_thread > 0)
		sink_i64(s, "sq_thread", u->sq_thread);
	else
		sink_null(s, "sq_thread");
	emit_opt_u64(s, "user_files", ok && u->has_user_files,
		     ok ? u->user_files : 0);
	emit_opt_u64(s, "user_bufs", ok && u->has_user_bufs,
		     ok ? u->user_bufs : 0);
}

const struct fd_class fd_class_io_uring = {
	.kind = "io_uring",
	.needs = FD_NEED_FDINFO,
	.probe = probe_io_uring,
	.parse = parse_io_uring,
	.describe = describe_io_uring,
	.emit = emit_io_uring,
};
