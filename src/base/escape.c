#include "base/escape.h"

#include <stdint.h>

#include "base/utf8.h"

/* Code points a terminal would act on or that reorder text: C1 controls,
 * the bidi embeddings/overrides/isolates, line and paragraph separators. */
static int is_unsafe_codepoint(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 ||
	       (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e ||
	       cp == 0x200f || cp == 0x061c || cp == 0xfeff;
}

static size_t escape_byte(struct strbuf *out, unsigned char c)
{
	const char *hex = "0123456789abcdef";
	char e[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };

	switch (c) {
	case '\n':
		strbuf_add(out, "\\n", 2);
		return 2;
	case '\t':
		strbuf_add(out, "\\t", 2);
		return 2;
	case '\r':
		strbuf_add(out, "\\r", 2);
		return 2;
	case 0x1b:
		strbuf_add(out, "\\e", 2);
		return 2;
	case '\\':
		strbuf_add(out, "\\\\", 2);
		return 2;
	}
	strbuf_add(out, e, 4);
	return 4;
}

size_t escape_text(struct strbuf *out, const void *data, size_t len,
		   unsigned flags)
{
	const unsigned char *s = data;
	size_t i = 0, width = 0;

	strbuf_grow(out, len);
	while (i < len) {
		unsigned char c = s[i];
		uint32_t cp;
		size_t n;

		if (c >= 0x20 && c < 0x7f && c != '\\') {
			size_t run = i;

			if (c == ' ' && (flags & ESCAPE_SPACE)) {
				strbuf_add(out, "\\x20", 4);
				width += 4;
				i++;
				continue;
			}
			/* copy a run of plain ASCII at once: most text is */
			while (run < len && s[run] >= 0x20 && s[run] < 0x7f &&
			       s[run] != '\\' &&
			       !(s[run] == ' ' && (flags & ESCAPE_SPACE)))
				run++;
			strbuf_add(out, s + i, run - i);
			width += run - i;
			i = run;
			continue;
		}
		if (c < 0x80) {
			width += escape_byte(out, c);
			i++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			width += escape_byte(out, c);
			i++;
			continue;
		}
		if (is_unsafe_codepoint(cp)) {
			size_t before = out->len;

			strbuf_addf(out, "\\u{%04x}", (unsigned)cp);
			width += out->len - before;
		} else {
			strbuf_add(out, s + i, n);
			width++;
		}
		i += n;
	}
	return width;
}

size_t escape_width(const char *s, size_t len)
{
	size_t i, width = 0;

	/* Escaped text is valid UTF-8: count the bytes that start a code point. */
	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			width++;
	return width;
}

void escape_shorten(struct strbuf *sb, size_t start, size_t cols)
{
	const char *s = sb->buf + start;
	size_t len = sb->len - start, i = 0, w = 0;

	if (escape_width(s, len) <= cols)
		return;
	/* keep cols - 3 code points, then "..." */
	while (i < len && w < cols - 3)
		w += ((unsigned char)s[i++] & 0xc0) != 0x80;
	while (i < len && ((unsigned char)s[i] & 0xc0) == 0x80)
		i++;
	sb->len = start + i;
	sb->buf[sb->len] = '\0';
	strbuf_adds(sb, "...");
}
