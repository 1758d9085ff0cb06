/* Reading and writing fds: read, write, their p/v variants, close, lseek,
 * dup*, pipe2, sendfile, splice and friends. */
#include <fcntl.h>
#include <unistd.h>

#include "decode/families.h"

static const struct flag_name whence[] = {
	{ SEEK_SET, "SEEK_SET" }, { SEEK_CUR, "SEEK_CUR" },
	{ SEEK_END, "SEEK_END" }, { SEEK_DATA, "SEEK_DATA" },
	{ SEEK_HOLE, "SEEK_HOLE" }, { 0, NULL },
};

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

/* pipe2's int[2], both fds named. */
static void out_fd_pair(struct decode_call *c, struct dout *o,
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

/* An in/out loff_t *: the offset as the caller passed it. */
static void in_offset_ptr(struct decode_call *c, struct dout *o,
			  const char *key, uint64_t v)
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
	{ "lseek", RET_INT, { { "fd", ARG_FD }, { "offset", ARG_LONG }, { "whence", ARG_ENUM, whence } } },
	{ "dup", RET_FD, { { "oldfd", ARG_FD } } },
	{ "dup2", RET_FD, { { "oldfd", ARG_FD }, { "newfd", ARG_INT } } },
	{ "dup3", RET_FD, { { "oldfd", ARG_FD }, { "newfd", ARG_INT }, { "flags", ARG_FLAGS, pipe_flags } } },
	{ "pipe", RET_INT, { { "pipefd", ARG_OUT, out_fd_pair } } },
	{ "pipe2", RET_INT, { { "pipefd", ARG_OUT, out_fd_pair }, { "flags", ARG_FLAGS, pipe_flags } } },
	{ "sendfile", RET_INT, { { "out_fd", ARG_FD }, { "in_fd", ARG_FD }, { "offset", ARG_IN, in_offset_ptr }, { "count", ARG_UINT } } },
	{ "splice", RET_INT, { { "fd_in", ARG_FD }, { "off_in", ARG_IN, in_offset_ptr }, { "fd_out", ARG_FD }, { "off_out", ARG_IN, in_offset_ptr }, { "len", ARG_UINT }, { "flags", ARG_FLAGS, splice_flags } } },
	{ "tee", RET_INT, { { "fd_in", ARG_FD }, { "fd_out", ARG_FD }, { "len", ARG_UINT }, { "flags", ARG_FLAGS, splice_flags } } },
	{ "copy_file_range", RET_INT, { { "fd_in", ARG_FD }, { "off_in", ARG_IN, in_offset_ptr }, { "fd_out", ARG_FD }, { "off_out", ARG_IN, in_offset_ptr }, { "len", ARG_UINT }, { "flags", ARG_HEX } } },
	{ "fsync", RET_INT, { { "fd", ARG_FD } } },
	{ "fdatasync", RET_INT, { { "fd", ARG_FD } } },
	{ "ftruncate", RET_INT, { { "fd", ARG_FD }, { "length", ARG_LONG } } },
	{ "flock", RET_INT, { { "fd", ARG_FD }, { "operation", ARG_HEX } } },
	{ NULL },
};
