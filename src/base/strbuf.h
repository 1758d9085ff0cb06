/* A growable byte buffer, always NUL-terminated so it can be used as a C
 * string (the contents may still hold NUL bytes: use len). */
#ifndef DSCOPE_BASE_STRBUF_H
#define DSCOPE_BASE_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};

#define STRBUF_INIT { NULL, 0, 0 }

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
/* Cuts the contents to len bytes (len <= sb->len). */
void strbuf_setlen(struct strbuf *sb, size_t len);
/* Hands the buffer to the caller (never NULL) and leaves sb empty. */
char *strbuf_detach(struct strbuf *sb);
void strbuf_grow_slow(struct strbuf *sb, size_t extra);

/* Room for extra more bytes and the NUL; inline, as most calls find the
 * room there already. */
static inline void strbuf_grow(struct strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 > sb->alloc)
		strbuf_grow_slow(sb, extra);
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addc(struct strbuf *sb, char c);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/* Numbers as "%" PRId64, "%" PRIu64 and "%#" PRIx64 write them (0 is
 * "0", not "0x0"), without printf: a trace line is mostly numbers. */
void strbuf_add_i64(struct strbuf *sb, int64_t v);
void strbuf_add_u64(struct strbuf *sb, uint64_t v);
void strbuf_add_hex(struct strbuf *sb, uint64_t v);
/* Appends n copies of c. */
void strbuf_addpad(struct strbuf *sb, char c, size_t n);
/* The contents as a C string ("" when nothing was ever added). */
const char *strbuf_str(const struct strbuf *sb);

#endif
