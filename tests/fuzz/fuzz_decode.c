/* The syscall decoders, fed any call: a number, six register values, a
 * return value and the tracee's memory (a blob at MEM_BASE; an argument
 * whose selector byte is odd points into it). Each call is decoded at
 * entry and exit as text, which must be safe for a terminal, and as
 * JSON, which must be valid.
 *
 * Input: nr (2 bytes) | flags (1) | 6 x (selector 1, value 8) |
 *        ret selector (1), ret (8) | memory */
#include "fuzz.h"

#include <errno.h>
#include <time.h>

#include "decode/decode.h"
#include "decode/syscall_table.h"
#include "render/json.h"
#include "render/trace_format.h"

#define MEM_BASE 0x10000000ull
#define HEADER	 (2 + 1 + 6 * 9 + 9)

struct memory {
	const uint8_t *p;
	size_t len;
};

static ssize_t read_blob(void *ctx, pid_t tid, uint64_t addr, void *buf,
			 size_t len)
{
	const struct memory *m = ctx;

	(void)tid;
	if (addr < MEM_BASE || addr - MEM_BASE >= m->len)
		return -EFAULT;
	if (len > m->len - (addr - MEM_BASE))
		len = m->len - (addr - MEM_BASE);
	memcpy(buf, m->p + (addr - MEM_BASE), len);
	return (ssize_t)len;
}

static void fd_text(void *ctx, int fd, struct strbuf *out)
{
	(void)ctx;
	strbuf_addf(out, "fd %d", fd);
}

static void fd_json(void *ctx, int fd, struct json_writer *w)
{
	(void)ctx;
	json_i64(w, "fd", fd);
}

static uint64_t u64_at(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static void decode_text(struct decode_call c)
{
	struct strbuf sb = STRBUF_INIT;
	struct dout o;

	dout_init(&o, DOUT_TEXT, &sb, NULL);
	o.namer.text = fd_text;
	trace_format_call_name(&sb, &c);
	c.exiting = false;
	decode_args(&c, &o);
	c.exiting = true;
	decode_args(&c, &o);
	strbuf_adds(&sb, ") = ");
	trace_format_ret(&sb, &c, &o);
	FUZZ_CHECK(fuzz_terminal_safe(sb.buf, sb.len));
	strbuf_release(&sb);
}

static void decode_json(struct decode_call c)
{
	struct timespec wall = { 0, 0 };
	struct json_writer w;
	struct dout o;

	json_writer_init(&w, NULL, false);
	trace_format_json_begin(&w, c.pid, c.tid, &wall, &c);
	dout_init(&o, DOUT_JSON, NULL, &w);
	o.namer.json = fd_json;
	c.exiting = false;
	decode_args(&c, &o);
	c.exiting = true;
	decode_args(&c, &o);
	trace_format_json_end(&w, &c, &o, true, 1000);
	if (getenv("FUZZ_SHOW"))
		fprintf(stderr, "%.*s\n", (int)w.buf.len, w.buf.buf);
	FUZZ_CHECK(json_check(w.buf.buf, w.buf.len, NULL));
	json_writer_release(&w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum syscall_arch arch = syscall_arch_native();
	struct memory mem;
	struct decode_call c;
	const uint8_t *p = data;
	uint16_t nr;

	if (size < HEADER)
		return 0;
	mem.p = data + HEADER;
	mem.len = size - HEADER;
	memset(&c, 0, sizeof(c));
	memcpy(&nr, p, 2);
	p += 2;
	c.nr = nr % (syscall_table_size(arch) + 8);
	c.name = syscall_table_name(arch, c.nr);
	c.spec = c.name ? decode_spec(c.name) : NULL;
	c.compat = *p & 1;
	c.strsize = *p & 2 ? 4 : 32;
	p++;
	for (int i = 0; i < 6; i++, p += 9) {
		uint64_t v = u64_at(p + 1);

		c.args[i] = p[0] & 1 ? MEM_BASE + v % (mem.len + 16) : v;
	}
	c.ret = (int64_t)u64_at(p + 1);
	if (p[0] & 1) /* an error, as the kernel returns one */
		c.ret = -(int64_t)((uint64_t)c.ret % 134 + 1);
	c.pid = c.tid = 4242;
	c.read = read_blob;
	c.read_ctx = &mem;
	decode_text(c);
	decode_json(c);
	return 0;
}
