/* Running a syscall decoder in a unit test: the "tracee" is the test
 * itself (arguments are pointers into its own memory, read with memcpy),
 * fds are named "fd N". decode_text() and decode_json() return what the
 * entry and exit phases printed together (malloc'd); check() and
 * check_json() compare them with what is wanted. */
#ifndef DSCOPE_TESTS_DECODE_UTIL_H
#define DSCOPE_TESTS_DECODE_UTIL_H

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#include "base/strbuf.h"
#include "decode/decode.h"
#include "decode/syscall_table.h"
#include "render/json.h"

/* Reads the test's own memory as the tracer reads a tracee's: with
 * process_vm_readv, so a read past a short string stops at the end of
 * the mapping instead of tripping ASan. Addresses below 4096 are
 * unmapped. */
static inline ssize_t decode_util_read(void *ctx, pid_t tid, uint64_t addr,
				       void *buf, size_t len)
{
	struct iovec local = { buf, len };
	struct iovec remote = { (void *)(uintptr_t)addr, len };
	ssize_t n;

	(void)ctx;
	(void)tid;
	if (addr < 4096)
		return -EFAULT;
	n = process_vm_readv(getpid(), &local, 1, &remote, 1, 0);
	return n < 0 ? -errno : n;
}

static inline void decode_util_fd_text(void *ctx, int fd, struct strbuf *out)
{
	(void)ctx;
	strbuf_addf(out, "fd %d", fd);
}

static inline void decode_util_fd_json(void *ctx, int fd, struct json_writer *w)
{
	(void)ctx;
	(void)fd;
	json_cstr(w, "description", "test fd");
}

/* A call of name with args, returning ret. */
static inline struct decode_call decode_util_call(const char *name,
						  const uint64_t args[6],
						  int64_t ret)
{
	struct decode_call c;

	memset(&c, 0, sizeof(c));
	c.pid = c.tid = 1;
	c.name = name;
	c.nr = syscall_table_lookup(syscall_arch_native(), name);
	memcpy(c.args, args, sizeof(c.args));
	c.ret = ret;
	c.strsize = 32;
	c.read = decode_util_read;
	c.spec = decode_spec(name);
	return c;
}

static inline void decode_util_run(struct decode_call *c, struct dout *o)
{
	o->namer.text = decode_util_fd_text;
	o->namer.json = decode_util_fd_json;
	c->exiting = false;
	decode_args(c, o);
	c->exiting = true;
	decode_args(c, o);
}

/* "fd 1, \"hi\\n\", 3": the arguments as text (without name and parens). */
static inline char *decode_text(const char *name, const uint64_t args[6],
				int64_t ret)
{
	struct decode_call c = decode_util_call(name, args, ret);
	struct strbuf sb = STRBUF_INIT;
	struct dout o;

	dout_init(&o, DOUT_TEXT, &sb, NULL);
	decode_util_run(&c, &o);
	return strbuf_detach(&sb);
}

/* {"fd":{...},"buf":"hi\n","count":3}: the args object. */
static inline char *decode_json(const char *name, const uint64_t args[6],
				int64_t ret)
{
	struct decode_call c = decode_util_call(name, args, ret);
	struct json_writer w;
	struct dout o;
	char *s;

	json_writer_init(&w, NULL, false);
	json_begin_object(&w, NULL);
	dout_init(&o, DOUT_JSON, NULL, &w);
	decode_util_run(&c, &o);
	json_end_object(&w);
	s = strbuf_detach(&w.buf);
	json_writer_release(&w);
	return s;
}

#define A(p) ((uint64_t)(uintptr_t)(p))

/* The checks every decoder test makes (include cmocka.h first). */
static inline void check(const char *name, const uint64_t args[6],
			 int64_t ret, const char *want)
{
	char *got = decode_text(name, args, ret);

	assert_string_equal(got, want);
	free(got);
}

static inline void check_json(const char *name, const uint64_t args[6],
			      int64_t ret, const char *want)
{
	char *got = decode_json(name, args, ret);

	assert_string_equal(got, want);
	free(got);
}

#endif
