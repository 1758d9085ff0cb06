/* Reading and writing fds: read, write, their p/v variants, close, lseek,
 * dup*, pipe2, sendfile, splice and friends. */
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "decode/families.h"

static const struct flag_name whence[] = {
	{ SEEK_SET, "SEEK_SET" }, { SEEK_CUR, "SEEK_CUR" },
	{ SEEK_END, "SEEK_END" }, { SEEK_DATA, "SEEK_DATA" },
	{ SEEK_HOLE, "SEEK_HOLE" }, { 0, NULL },
};

static const struct flag_name lock_ops[] = {
	{ LOCK_SH, "LOCK_SH" }, { LOCK_EX, "LOCK_EX" }, { LOCK_NB, "LOCK_NB" },
	{ LOCK_UN, "LOCK_UN" }, { 0, NULL },
};

static void in_whence(struct decode_call *c, struct dout *o, const char *key,
		      uint64_t v)
{
	(void)c;
	decode_put_xlat(o, key, (uint32_t)v, whence, "SEEK_???");
}

static const struct flag_name pipe_flags[] = {
	{ O_CLOEXEC, "O_CLOEXEC" }, { O_NONBLOCK, "O_NONBLOCK" },
	{ O_DIRECT, "O_DIRECT" }, { 0, NULL },
};

static const struct flag_name splice_flags[] = {
	{ 1, "SPLICE_F_MOVE" }, { 2, "SPLICE_F_NONBLOCK" },
	{ 4, "SPLICE_F_MORE" }, { 8, "SPLICE_F_GIFT" }, { 0, NULL },
};

/* readv & co: the data the kernel filled, up to the return value. */
static void out_iov(struct decode_call *c, struct dout *o, const char *key,
		    uint64_t v)
{
	if (c->ret < 0)
		dout_ptr(o, key, v);
	else
		decode_put_iov(c, o, key, v, c->args[2], c->ret);
}

static void in_iov(struct decode_call *c, struct dout *o, const char *key,
		   uint64_t v)
{
	decode_put_iov(c, o, key, v, c->args[2], -1);
}

void decode_out_fd_pair(struct decode_call *c, struct dout *o,
			const char *key, uint64_t v)
{
	int fds[2];

	if (c->ret < 0 || decode_read(c, v, fds, sizeof(fds)) != 0) {
		dout_ptr(o, key, v);
		return;
	}
	dout_begin_array(o, key);
	dout_fd(o, NULL, fds[0]);
	dout_fd(o, NULL, fds[1]);
	dout_end_array(o);
}

/* A loff_t * as the caller passed it: [1] (splice, copy_file_range). */
static void in_offset(struct decode_call *c, struct dout *o, const char *key,
		      uint64_t v)
{
	int64_t off;

	if (!v || decode_read(c, v, &off, sizeof(off)) != 0) {
		dout_ptr(o, key, v);
		return;
	}
	dout_begin_array(o, key);
	dout_int(o, NULL, off);
	dout_end_array(o);
}

/* sendfile's in/out offset: kept at entry (saved[0], saved[1] whether it
 * was read), at exit strace's "[0] => [4]", or "[0]" when it did not
 * change. JSON: {"in": 0, "out": 4}. */
static void inout_offset(struct decode_call *c, struct dout *o,
			 const char *key, uint64_t v)
{
	bool had = c->saved[1], has;
	int64_t in = (int64_t)c->saved[0], out = 0;
	struct strbuf sb = STRBUF_INIT;

	if (!c->exiting) {
		c->saved[1] = v && decode_read(c, v, &in, sizeof(in)) == 0;
		c->saved[0] = (uint64_t)in;
		return;
	}
	has = v && c->ret >= 0 && decode_read(c, v, &out, sizeof(out)) == 0;
	if (!had && !has) {
		dout_ptr(o, key, v);
		return;
	}
	if (o->mode != DOUT_TEXT) {
		dout_begin_struct(o, key);
		if (had)
			dout_int(o, "in", in);
		if (has)
			dout_int(o, "out", out);
		dout_end_struct(o);
		return;
	}
	if (had)
		strbuf_addf(&sb, "[%lld]", (long long)in);
	if (has && (!had || out != in))
		strbuf_addf(&sb, "%s[%lld]", had ? " => " : "", (long long)out);
	dout_raw(o, key, strbuf_str(&sb));
	strbuf_release(&sb);
}

const struct syscall_spec decode_family_io[] = {
	{ "read", RET_INT, { { "fd", ARG_FD }, { "buf", ARG_OBUF }, { "count", ARG_UINT } } },
	{ "write", RET_INT, { { "fd", ARG_FD }, { "buf", ARG_IBUF, NULL, 2 }, { "count", ARG_UINT } } },
	{ "pread64", RET_INT, { { "fd", ARG_FD }, { "buf", ARG_OBUF }, { "count", ARG_UINT }, { "offset", ARG_LONG } } },
	{ "pwrite64", RET_INT, { { "fd", ARG_FD }, { "buf", ARG_IBUF, NULL, 2 }, { "count", ARG_UINT }, { "offset", ARG_LONG } } },
	{ "readv", RET_INT, { { "fd", ARG_FD }, { "iov", ARG_OUT, out_iov }, { "iovcnt", ARG_UINT } } },
	{ "writev", RET_INT, { { "fd", ARG_FD }, { "iov", ARG_IN, in_iov }, { "iovcnt", ARG_UINT } } },
	{ "preadv", RET_INT, { { "fd", ARG_FD }, { "iov", ARG_OUT, out_iov }, { "iovcnt", ARG_UINT }, { "offset", ARG_LONG } } },
	{ "pwritev", RET_INT, { { "fd", ARG_FD }, { "iov", ARG_IN, in_iov }, { "iovcnt", ARG_UINT }, { "offset", ARG_LONG } } },
	{ "preadv2", RET_INT, { { "fd", ARG_FD }, { "iov", ARG_OUT, out_iov }, { "iovcnt", ARG_UINT }, { "offset", ARG_LONG }, { "pos_h", ARG_LONG }, { "flags", ARG_HEX } } },
	{ "pwritev2", RET_INT, { { "fd", ARG_FD }, { "iov", ARG_IN, in_iov }, { "iovcnt", ARG_UINT }, { "offset", ARG_LONG }, { "pos_h", ARG_LONG }, { "flags", ARG_HEX } } },
	{ "close", RET_INT, { { "fd", ARG_FD } } },
	{ "close_range", RET_INT, { { "first", ARG_UINT }, { "last", ARG_UINT }, { "flags", ARG_HEX } } },
	{ "lseek", RET_INT, { { "fd", ARG_FD }, { "offset", ARG_LONG }, { "whence", ARG_IN, in_whence } } },
	{ "dup", RET_FD, { { "oldfd", ARG_FD } } },
	{ "dup2", RET_FD, { { "oldfd", ARG_FD }, { "newfd", ARG_INT } } },
	{ "dup3", RET_FD, { { "oldfd", ARG_FD }, { "newfd", ARG_INT }, { "flags", ARG_FLAGS, pipe_flags } } },
	{ "pipe", RET_INT, { { "pipefd", ARG_OUT, decode_out_fd_pair } } },
	{ "pipe2", RET_INT, { { "pipefd", ARG_OUT, decode_out_fd_pair }, { "flags", ARG_FLAGS, pipe_flags } } },
	{ "sendfile", RET_INT, { { "out_fd", ARG_FD }, { "in_fd", ARG_FD }, { "offset", ARG_INOUT, inout_offset }, { "count", ARG_UINT } } },
	{ "splice", RET_INT, { { "fd_in", ARG_FD }, { "off_in", ARG_IN, in_offset }, { "fd_out", ARG_FD }, { "off_out", ARG_IN, in_offset }, { "len", ARG_UINT }, { "flags", ARG_FLAGS, splice_flags } } },
	{ "tee", RET_INT, { { "fd_in", ARG_FD }, { "fd_out", ARG_FD }, { "len", ARG_UINT }, { "flags", ARG_FLAGS, splice_flags } } },
	{ "copy_file_range", RET_INT, { { "fd_in", ARG_FD }, { "off_in", ARG_IN, in_offset }, { "fd_out", ARG_FD }, { "off_out", ARG_IN, in_offset }, { "len", ARG_UINT }, { "flags", ARG_HEX } } },
	{ "fsync", RET_INT, { { "fd", ARG_FD } } },
	{ "fdatasync", RET_INT, { { "fd", ARG_FD } } },
	{ "ftruncate", RET_INT, { { "fd", ARG_FD }, { "length", ARG_LONG } } },
	{ "flock", RET_INT, { { "fd", ARG_FD }, { "operation", ARG_FLAGS, lock_ops } } },
	{ NULL },
};

/* What the decoders above read (decode/capture.h), for backends that
 * capture it while the call runs. */
/* clang-format off */
const struct capture_shape decode_shapes_io[] = {
	/* the iovecs, and the first -s bytes of each buffer */
	{ (const void *)out_iov, { { CAPTURE_SELF, CAPTURE_IOV, CAPTURE_EXIT, CAPTURE_LEN_ARG, 2, 1, CAPTURE_STRSIZE } } },
	{ (const void *)in_iov, { { CAPTURE_SELF, CAPTURE_IOV, CAPTURE_ENTRY, CAPTURE_LEN_ARG, 2, 1, CAPTURE_STRSIZE } } },
	/* socketpair's too (net) */
	{ (const void *)decode_out_fd_pair, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, 2 * sizeof(int) } } },
	{ (const void *)in_offset, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, sizeof(int64_t) } } },
	/* the offset given, then where the kernel left it */
	{ (const void *)inout_offset, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_BOTH, CAPTURE_LEN_CONST, 0, sizeof(int64_t) } } },
	{ NULL },
};
/* clang-format on */
