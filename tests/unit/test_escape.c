#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/utf8.h"
#include "unit_util.h"

/* Escapes len bytes of s into sb (reset first); returns the width. */
static size_t esc(struct strbuf *sb, const char *s, size_t len, unsigned flags)
{
	char *buf = dup_exact(s, len);
	size_t w;

	strbuf_reset(sb);
	w = escape_text(sb, buf, len, flags);
	free(buf);
	return w;
}

static void expect(const char *in, size_t len, unsigned flags, const char *want,
		   size_t want_width)
{
	struct strbuf sb = STRBUF_INIT;
	size_t w = esc(&sb, in, len, flags);

	assert_string_equal(strbuf_str(&sb), want);
	assert_int_equal(sb.len, strlen(want));
	assert_int_equal(w, want_width);
	assert_int_equal(escape_width(sb.buf, sb.len), want_width);
	strbuf_release(&sb);
}

#define EXPECT(in, flags, want, width) \
	expect(in, sizeof(in) - 1, flags, want, width)

static void test_plain_text_kept(void **state)
{
	(void)state;
	EXPECT("", 0, "", 0);
	EXPECT("cupsd", 0, "cupsd", 5);
	EXPECT("a b ~!@#$%^&*()_+{}|:\"<>?`-=[];',./", 0,
	       "a b ~!@#$%^&*()_+{}|:\"<>?`-=[];',./", 35);
	/* Valid UTF-8 is kept, one column per code point */
	EXPECT("caf\xc3\xa9", 0, "caf\xc3\xa9", 4);
	EXPECT("\xe6\x97\xa5\xe6\x9c\xac", 0, "\xe6\x97\xa5\xe6\x9c\xac", 2);
	EXPECT("\xf0\x9f\x98\x80", 0, "\xf0\x9f\x98\x80", 1);
	/* U+00A0, the first code point after the C1 block */
	EXPECT("\xc2\xa0", 0, "\xc2\xa0", 1);
}

static void test_controls(void **state)
{
	(void)state;
	EXPECT("\033[31mred", 0, "\\e[31mred", 9);
	EXPECT("a\nb", 0, "a\\nb", 4);
	EXPECT("a\tb\rc", 0, "a\\tb\\rc", 7);
	EXPECT("a\\b", 0, "a\\\\b", 4);
	EXPECT("\\\\", 0, "\\\\\\\\", 4);
	EXPECT("\x01\x07\x08\x1f\x7f", 0, "\\x01\\x07\\x08\\x1f\\x7f", 20);
	EXPECT("a\0b", 0, "a\\x00b", 6);
	/* A whole terminal attack: set title, clear screen */
	EXPECT("\033]0;pwned\007\033[2J", 0, "\\e]0;pwned\\x07\\e[2J", 19);
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	EXPECT("\xff", 0, "\\xff", 4);
	EXPECT("a\x80z", 0, "a\\x80z", 6);
	/* Truncated sequence, then ASCII */
	EXPECT("\xc3z", 0, "\\xc3z", 5);
	EXPECT("\xe2\x82", 0, "\\xe2\\x82", 8);
	/* Overlong '/' and NUL */
	EXPECT("\xc0\xaf", 0, "\\xc0\\xaf", 8);
	EXPECT("\xc0\x80", 0, "\\xc0\\x80", 8);
	EXPECT("\xe0\x80\xaf", 0, "\\xe0\\x80\\xaf", 12);
	/* Surrogate U+D800 */
	EXPECT("\xed\xa0\x80", 0, "\\xed\\xa0\\x80", 12);
	/* Above U+10FFFF */
	EXPECT("\xf4\x90\x80\x80", 0, "\\xf4\\x90\\x80\\x80", 16);
	/* Invalid then valid: the valid part survives */
	EXPECT("\xff\xc3\xa9", 0, "\\xff\xc3\xa9", 5);
}

static void test_unsafe_code_points(void **state)
{
	(void)state;
	/* C1 controls: U+0080, U+0085 (NEL), U+009B (CSI), U+009F */
	EXPECT("\xc2\x80", 0, "\\u{0080}", 8);
	EXPECT("\xc2\x85", 0, "\\u{0085}", 8);
	EXPECT("a\xc2\x9b"
	       "31m",
	       0, "a\\u{009b}31m", 12);
	EXPECT("\xc2\x9f", 0, "\\u{009f}", 8);
	/* Bidi overrides and isolates, line separators, BOM */
	EXPECT("evil\xe2\x80\xaetxt.exe", 0, "evil\\u{202e}txt.exe", 19);
	EXPECT("\xe2\x80\xaa", 0, "\\u{202a}", 8);
	EXPECT("\xe2\x81\xa6", 0, "\\u{2066}", 8);
	EXPECT("\xe2\x81\xa9", 0, "\\u{2069}", 8);
	EXPECT("\xe2\x80\x8e\xe2\x80\x8f", 0, "\\u{200e}\\u{200f}", 16);
	EXPECT("\xd8\x9c", 0, "\\u{061c}", 8);
	EXPECT("\xe2\x80\xa8\xe2\x80\xa9", 0, "\\u{2028}\\u{2029}", 16);
	EXPECT("\xef\xbb\xbf", 0, "\\u{feff}", 8);
	/* Neighbours of the bidi range are ordinary punctuation */
	EXPECT("\xe2\x80\xa9", 0, "\\u{2029}", 8);
	EXPECT("\xe2\x80\xaf", 0, "\xe2\x80\xaf", 1);
	EXPECT("\xe2\x81\xa5", 0, "\xe2\x81\xa5", 1);
}

static void test_escape_space(void **state)
{
	(void)state;
	EXPECT("a b", ESCAPE_SPACE, "a\\x20b", 6);
	EXPECT("  ", ESCAPE_SPACE, "\\x20\\x20", 8);
	EXPECT("a b", 0, "a b", 3);
	/* Other rules still apply */
	EXPECT("\n \\", ESCAPE_SPACE, "\\n\\x20\\\\", 8);
}

static void test_appends(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_adds(&sb, "x=");
	assert_int_equal(escape_text(&sb, "\033", 1, 0), 2);
	assert_string_equal(strbuf_str(&sb), "x=\\e");
	strbuf_release(&sb);
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(escape_width("", 0), 0);
	assert_int_equal(escape_width("abc", 3), 3);
	assert_int_equal(escape_width("caf\xc3\xa9", 5), 4);
	assert_int_equal(escape_width("\xf0\x9f\x98\x80!", 5), 2);
	/* Only len bytes count */
	assert_int_equal(escape_width("abcdef", 2), 2);
	assert_int_equal(escape_width("\\u{202e}", 8), 8);
}

/* An independent decoder of escaped text, to check that escaping loses
 * nothing: unescape(escape(x)) == x for every x. */
static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static size_t unescape(const char *s, size_t len, unsigned char *out)
{
	size_t i = 0, n = 0;

	while (i < len) {
		if (s[i] != '\\') {
			out[n++] = (unsigned char)s[i++];
			continue;
		}
		assert_true(i + 1 < len);
		switch (s[i + 1]) {
		case 'n':
			out[n++] = '\n';
			i += 2;
			break;
		case 't':
			out[n++] = '\t';
			i += 2;
			break;
		case 'r':
			out[n++] = '\r';
			i += 2;
			break;
		case 'e':
			out[n++] = 0x1b;
			i += 2;
			break;
		case '\\':
			out[n++] = '\\';
			i += 2;
			break;
		case 'x':
			assert_true(i + 3 < len);
			assert_true(hexval(s[i + 2]) >= 0 &&
				    hexval(s[i + 3]) >= 0);
			out[n++] = (unsigned char)(hexval(s[i + 2]) * 16 +
						   hexval(s[i + 3]));
			i += 4;
			break;
		case 'u': {
			uint32_t cp = 0;
			char enc[4];
			size_t k;

			assert_true(i + 2 < len && s[i + 2] == '{');
			for (i += 3; i < len && s[i] != '}'; i++) {
				assert_true(hexval(s[i]) >= 0);
				cp = cp * 16 + (uint32_t)hexval(s[i]);
			}
			assert_true(i < len);
			i++;
			k = utf8_encode(cp, enc);
			memcpy(out + n, enc, k);
			n += k;
			break;
		}
		default:
			fail_msg("unknown escape \\%c", s[i + 1]);
		}
	}
	return n;
}

/* Output is valid UTF-8 with no C0/C1 control, DEL or bidi control. */
static void check_safe(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n =
			utf8_decode((const unsigned char *)s + i, len - i, &cp);

		assert_int_not_equal(n, 0);
		assert_true(cp >= 0x20 && cp != 0x7f);
		assert_false(cp >= 0x80 && cp <= 0x9f);
		assert_false(cp >= 0x202a && cp <= 0x202e);
		assert_false(cp >= 0x2066 && cp <= 0x2069);
		assert_false(cp == 0x2028 || cp == 0x2029 || cp == 0xfeff);
		i += n;
	}
}

static void test_random_round_trip(void **state)
{
	/* Bytes that make interesting UTF-8 more likely than uniform noise */
	static const unsigned char pool[] = {
		'a',  ' ',  '\\', '\n', 0x1b, 0x00, 0x7f, 0x80, 0xbf, 0xc0,
		0xc2, 0xc3, 0xa9, 0xe0, 0xe2, 0x80, 0xae, 0xed, 0xa0, 0xef,
		0xbb, 0xf0, 0xf4, 0x8f, 0x90, 0x9f, 0xff, 'x',	'u',  '{',
	};
	unsigned char in[64], back[64 * 4];
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	srand(12345);
	for (int iter = 0; iter < 20000; iter++) {
		size_t len = (size_t)rand() % sizeof(in), w, n;
		unsigned flags = iter & 1 ? ESCAPE_SPACE : 0;

		for (size_t i = 0; i < len; i++)
			in[i] = iter & 2 ? (unsigned char)rand()
					 : pool[(size_t)rand() % sizeof(pool)];
		w = esc(&sb, (const char *)in, len, flags);
		assert_int_equal(w, escape_width(sb.buf, sb.len));
		check_safe(strbuf_str(&sb), sb.len);
		if (flags & ESCAPE_SPACE)
			assert_null(memchr(strbuf_str(&sb), ' ', sb.len));
		n = unescape(strbuf_str(&sb), sb.len, back);
		assert_int_equal(n, len);
		assert_memory_equal(back, in, len);
	}
	strbuf_release(&sb);
}

/* utf8_decode */

static size_t dec(const char *s, size_t len, uint32_t *cp)
{
	char *buf = dup_exact(s, len);
	size_t n;

	*cp = 0xdeadbeef;
	n = utf8_decode((const unsigned char *)buf, len, cp);
	free(buf);
	return n;
}

#define DEC_OK(s, want_cp)                                                    \
	do {                                                                  \
		uint32_t cp_;                                                 \
		assert_int_equal(dec(s, sizeof(s) - 1, &cp_), sizeof(s) - 1); \
		assert_int_equal(cp_, want_cp);                               \
	} while (0)

#define DEC_BAD(s)                                                \
	do {                                                      \
		uint32_t cp_;                                     \
		assert_int_equal(dec(s, sizeof(s) - 1, &cp_), 0); \
	} while (0)

static void test_utf8_valid(void **state)
{
	(void)state;
	DEC_OK("A", 0x41);
	DEC_OK("\x7f", 0x7f);
	DEC_OK("\xc2\x80", 0x80);
	DEC_OK("\xc3\xa9", 0xe9);
	DEC_OK("\xdf\xbf", 0x7ff);
	DEC_OK("\xe0\xa0\x80", 0x800);
	DEC_OK("\xe2\x82\xac", 0x20ac);
	DEC_OK("\xed\x9f\xbf", 0xd7ff);
	DEC_OK("\xee\x80\x80", 0xe000);
	DEC_OK("\xef\xbf\xbf", 0xffff);
	DEC_OK("\xf0\x90\x80\x80", 0x10000);
	DEC_OK("\xf0\x9f\x98\x80", 0x1f600);
	DEC_OK("\xf4\x8f\xbf\xbf", 0x10ffff);
}

static void test_utf8_invalid(void **state)
{
	uint32_t cp;

	(void)state;
	/* Overlong forms */
	DEC_BAD("\xc0\x80");
	DEC_BAD("\xc0\xaf");
	DEC_BAD("\xc1\xbf");
	DEC_BAD("\xe0\x80\x80");
	DEC_BAD("\xe0\x9f\xbf");
	DEC_BAD("\xf0\x80\x80\x80");
	DEC_BAD("\xf0\x8f\xbf\xbf");
	/* Surrogates */
	DEC_BAD("\xed\xa0\x80");
	DEC_BAD("\xed\xaf\xbf");
	DEC_BAD("\xed\xb0\x80");
	DEC_BAD("\xed\xbf\xbf");
	/* Beyond U+10FFFF, and lead bytes that can only start those */
	DEC_BAD("\xf4\x90\x80\x80");
	DEC_BAD("\xf5\x80\x80\x80");
	DEC_BAD("\xf7\xbf\xbf\xbf");
	DEC_BAD("\xf8\x88\x80\x80\x80");
	DEC_BAD("\xfc\x84\x80\x80\x80\x80");
	DEC_BAD("\xfe");
	DEC_BAD("\xff");
	/* Lone continuation bytes */
	DEC_BAD("\x80");
	DEC_BAD("\xbf");
	/* Bad continuation */
	DEC_BAD("\xc3\x28");
	DEC_BAD("\xc3\xc3");
	DEC_BAD("\xe2\x28\xa1");
	DEC_BAD("\xe2\x82\x28");
	DEC_BAD("\xf0\x9f\x28\x80");
	DEC_BAD("\xf0\x9f\x98\x28");
	/* Truncated: len ends inside the sequence (ASan checks no read past) */
	DEC_BAD("\xc3");
	DEC_BAD("\xe2\x82");
	DEC_BAD("\xe2");
	DEC_BAD("\xf0\x9f\x98");
	DEC_BAD("\xf0\x9f");
	DEC_BAD("\xf0");
	assert_int_equal(dec("\xc3\xa9", 1, &cp), 0);
	assert_int_equal(dec("\xf0\x9f\x98\x80", 3, &cp), 0);
	/* Only one code point is decoded */
	assert_int_equal(dec("\xc3\xa9\xc3\xa9", 4, &cp), 2);
	assert_int_equal(cp, 0xe9);
}

/* Reference: the well-formed byte sequences table of Unicode 15, ch. 3. */
static size_t ref_len(const unsigned char *s, size_t len)
{
	unsigned c = s[0];
	unsigned lo = 0x80, hi = 0xbf;
	size_t need;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		need = 2;
	else if (c >= 0xe0 && c <= 0xef)
		need = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		need = 4;
	else
		return 0;
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (len < need || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < need; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return need;
}

/* Every 1-, 2- and 3-byte input, and every 4-byte input with a 4-byte lead,
 * agrees with the reference table. */
static void test_utf8_exhaustive(void **state)
{
	unsigned char s[4];
	uint32_t cp;

	(void)state;
	for (unsigned a = 0; a < 256; a++) {
		s[0] = (unsigned char)a;
		assert_int_equal(utf8_decode(s, 1, &cp), ref_len(s, 1));
		for (unsigned b = 0; b < 256; b++) {
			s[1] = (unsigned char)b;
			assert_int_equal(utf8_decode(s, 2, &cp), ref_len(s, 2));
			if (a < 0xe0 || a > 0xf4)
				continue;
			for (unsigned c = 0; c < 256; c++) {
				s[2] = (unsigned char)c;
				if (utf8_decode(s, 3, &cp) != ref_len(s, 3))
					fail_msg("%02x %02x %02x", a, b, c);
				if (a < 0xf0 || (c & 0xc0) != 0x80)
					continue;
				s[3] = 0x80;
				assert_int_equal(utf8_decode(s, 4, &cp),
						 ref_len(s, 4));
				s[3] = 0xbf;
				assert_int_equal(utf8_decode(s, 4, &cp),
						 ref_len(s, 4));
				s[3] = 0xc0;
				assert_int_equal(utf8_decode(s, 4, &cp), 0);
			}
		}
	}
}

static void test_utf8_encode_round_trip(void **state)
{
	char buf[4];
	uint32_t cp;

	(void)state;
	for (uint32_t c = 0; c <= 0x10ffff; c++) {
		size_t n;

		if (c >= 0xd800 && c <= 0xdfff)
			continue;
		n = utf8_encode(c, buf);
		assert_int_equal(n, c < 0x80	  ? 1
				    : c < 0x800	  ? 2
				    : c < 0x10000 ? 3
						  : 4);
		if (utf8_decode((const unsigned char *)buf, n, &cp) != n ||
		    cp != c)
			fail_msg("U+%04X does not round-trip", (unsigned)c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_text_kept),
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_unsafe_code_points),
		cmocka_unit_test(test_escape_space),
		cmocka_unit_test(test_appends),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_random_round_trip),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_invalid),
		cmocka_unit_test(test_utf8_exhaustive),
		cmocka_unit_test(test_utf8_encode_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
