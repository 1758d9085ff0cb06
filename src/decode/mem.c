/* Reading tracee memory for decoders, and printing what was read. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include "decode/decode.h"

#define PAGE 4096u
#define ARRAY_SHOWN 16

int decode_read(const struct decode_call *c, uint64_t addr, void *buf,
		size_t len)
{
	ssize_t n;

	if (!addr)
		return -EFAULT;
	if (!c->read)
		return -ENOSYS;
	n = c->read(c->read_ctx, c->tid, addr, buf, len);
	if (n < 0)
		return (int)n;
	return (size_t)n == len ? 0 : -EFAULT;
}

int decode_read_str(const struct decode_call *c, uint64_t addr, char *buf,
		    size_t max, size_t *len, bool *more)
{
	size_t got = 0;

	*len = 0;
	*more = false;
	if (!addr)
		return -EFAULT;
	if (!c->read)
		return -ENOSYS;
	/* Page by page: the string may end just before an unmapped page. */
	while (got < max + 1) {
		size_t chunk = PAGE - (size_t)((addr + got) % PAGE);
		ssize_t n;
		char *nul;

		if (chunk > max + 1 - got)
			chunk = max + 1 - got;
		n = c->read(c->read_ctx, c->tid, addr + got, buf + got, chunk);
		if (n <= 0)
			return got ? -EFAULT : (n < 0 ? (int)n : -EFAULT);
		nul = memchr(buf + got, '\0', (size_t)n);
		if (nul) {
			*len = (size_t)(nul - buf);
			return 0;
		}
		got += (size_t)n;
		if ((size_t)n < chunk)
			return -EFAULT;
	}
	*len = max;
	*more = true;
	return 0;
}

static void put_string(struct decode_call *c, struct dout *o, const char *key,
		       uint64_t addr, size_t max)
{
	char *buf;
	size_t len;
	bool more;

	if (!addr) {
		dout_ptr(o, key, 0);
		return;
	}
	buf = malloc(max + 1);
	if (buf && decode_read_str(c, addr, buf, max, &len, &more) == 0)
		dout_str(o, key, buf, len, more);
	else
		dout_ptr(o, key, addr);
	free(buf);
}

void decode_put_path(struct decode_call *c, struct dout *o, const char *key,
		     uint64_t addr)
{
	put_string(c, o, key, addr, PATH_MAX);
}

void decode_put_str(struct decode_call *c, struct dout *o, const char *key,
		    uint64_t addr)
{
	put_string(c, o, key, addr, c->strsize);
}

void decode_put_buf(struct decode_call *c, struct dout *o, const char *key,
		    uint64_t addr, uint64_t len)
{
	size_t n = len < c->strsize ? (size_t)len : c->strsize;
	char *buf;

	if (!addr) {
		dout_ptr(o, key, 0);
		return;
	}
	buf = malloc(n ? n : 1);
	if (buf && decode_read(c, addr, buf, n) == 0)
		dout_str(o, key, buf, n, len > n);
	else
		dout_ptr(o, key, addr);
	free(buf);
}

void decode_put_struct(struct decode_call *c, struct dout *o, const char *key,
		       uint64_t addr, size_t size, decode_struct_fn fn)
{
	unsigned char stackbuf[256];
	void *buf = size <= sizeof(stackbuf) ? stackbuf : malloc(size);

	if (!addr) {
		dout_ptr(o, key, 0);
	} else if (buf && decode_read(c, addr, buf, size) == 0) {
		dout_begin_struct(o, key);
		fn(c, o, buf, size);
		dout_end_struct(o);
	} else {
		dout_ptr(o, key, addr);
	}
	if (buf != stackbuf)
		free(buf);
}

void decode_put_struct_out(struct decode_call *c, struct dout *o,
			   const char *key, uint64_t addr, size_t size,
			   decode_struct_fn fn)
{
	if (c->ret < 0)
		dout_ptr(o, key, addr);
	else
		decode_put_struct(c, o, key, addr, size, fn);
}

void decode_put_array(struct decode_call *c, struct dout *o, const char *key,
		      uint64_t addr, uint64_t n, size_t size,
		      decode_struct_fn fn)
{
	size_t shown = n < ARRAY_SHOWN ? (size_t)n : ARRAY_SHOWN;
	unsigned char *buf;

	if (!addr) {
		dout_ptr(o, key, 0);
		return;
	}
	buf = malloc(shown * size + 1);
	if (!buf || decode_read(c, addr, buf, shown * size) != 0) {
		dout_ptr(o, key, addr);
		free(buf);
		return;
	}
	dout_begin_array(o, key);
	for (size_t i = 0; i < shown; i++)
		fn(c, o, buf + i * size, size);
	if (n > shown)
		dout_more(o);
	dout_end_array(o);
	free(buf);
}

void decode_put_iov(struct decode_call *c, struct dout *o, const char *key,
		    uint64_t addr, uint64_t n, int64_t total)
{
	size_t shown = n < ARRAY_SHOWN ? (size_t)n : ARRAY_SHOWN;
	struct iovec *iov;

	if (!addr) {
		dout_ptr(o, key, 0);
		return;
	}
	iov = malloc(shown * sizeof(*iov) + 1);
	if (!iov || decode_read(c, addr, iov, shown * sizeof(*iov)) != 0) {
		dout_ptr(o, key, addr);
		free(iov);
		return;
	}
	dout_begin_array(o, key);
	for (size_t i = 0; i < shown; i++) {
		uint64_t base = (uintptr_t)iov[i].iov_base, len = iov[i].iov_len;
		uint64_t data = total < 0 || (uint64_t)total >= len
					? len
					: (uint64_t)total;

		dout_begin_struct(o, NULL);
		decode_put_buf(c, o, "iov_base", base, data);
		dout_uint(o, "iov_len", len);
		dout_end_struct(o);
		if (total >= 0)
			total -= (int64_t)data;
	}
	if (n > shown)
		dout_more(o);
	dout_end_array(o);
	free(iov);
}
