#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "render/json.h"
#include "render/sink.h"
#include "render/sink_json.h"
#include "unit_util.h"

/* A writer into a memory stream; out() returns what was written. */
struct mem {
	FILE *f;
	char *buf;
	size_t len;
};

static void mem_open(struct mem *m)
{
	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
	assert_non_null(m->f);
}

static const char *mem_close(struct mem *m)
{
	fclose(m->f);
	m->f = NULL;
	return m->buf;
}

static void sample(struct json_writer *w)
{
	json_begin_object(w, NULL);
	json_cstr(w, "name", "cupsd");
	json_i64(w, "pid", 812);
	json_begin_array(w, "fds");
	json_begin_object(w, NULL);
	json_u64(w, "fd", 0);
	json_null(w, "peer");
	json_end_object(w);
	json_bool(w, NULL, true);
	json_end_array(w);
	json_begin_object(w, "empty");
	json_end_object(w);
	json_begin_array(w, "none");
	json_end_array(w);
	json_bool(w, "daemon", false);
	json_end_object(w);
}

static void test_compact(void **state)
{
	struct json_writer w;
	struct mem m;

	(void)state;
	mem_open(&m);
	json_writer_init(&w, m.f, false);
	sample(&w);
	assert_int_equal(json_writer_finish(&w), 0);
	json_writer_release(&w);
	assert_string_equal(
		mem_close(&m),
		"{\"name\":\"cupsd\",\"pid\":812,\"fds\":[{\"fd\":0,"
		"\"peer\":null},true],\"empty\":{},\"none\":[],"
		"\"daemon\":false}\n");
	free(m.buf);
}

static void test_pretty(void **state)
{
	struct json_writer w;
	struct mem m;

	(void)state;
	mem_open(&m);
	json_writer_init(&w, m.f, true);
	sample(&w);
	assert_int_equal(json_writer_finish(&w), 0);
	json_writer_release(&w);
	assert_string_equal(mem_close(&m), "{\n"
					   "  \"name\": \"cupsd\",\n"
					   "  \"pid\": 812,\n"
					   "  \"fds\": [\n"
					   "    {\n"
					   "      \"fd\": 0,\n"
					   "      \"peer\": null\n"
					   "    },\n"
					   "    true\n"
					   "  ],\n"
					   "  \"empty\": {},\n"
					   "  \"none\": [],\n"
					   "  \"daemon\": false\n"
					   "}\n");
	free(m.buf);
}

static void test_top_level_values(void **state)
{
	struct json_writer w;
	struct mem m;

	(void)state;
	mem_open(&m);
	json_writer_init(&w, m.f, false);
	/* Each top-level value is one line (JSON Lines), flushed at once */
	json_begin_object(&w, NULL);
	json_u64(&w, "a", 1);
	json_end_object(&w);
	fflush(m.f);
	assert_string_equal(m.buf, "{\"a\":1}\n");
	json_begin_array(&w, NULL);
	json_end_array(&w);
	json_u64(&w, NULL, 7);
	json_cstr(&w, NULL, "s");
	assert_int_equal(json_writer_finish(&w), 0);
	json_writer_release(&w);
	assert_string_equal(mem_close(&m), "{\"a\":1}\n[]\n7\n\"s\"\n");
	free(m.buf);
}

static void test_numbers(void **state)
{
	struct json_writer w;
	struct mem m;

	(void)state;
	mem_open(&m);
	json_writer_init(&w, m.f, false);
	json_begin_array(&w, NULL);
	json_u64(&w, NULL, 0);
	json_u64(&w, NULL, UINT64_MAX);
	json_i64(&w, NULL, -1);
	json_i64(&w, NULL, INT64_MIN);
	json_i64(&w, NULL, INT64_MAX);
	json_end_array(&w);
	assert_int_equal(json_writer_finish(&w), 0);
	json_writer_release(&w);
	assert_string_equal(mem_close(&m),
			    "[0,18446744073709551615,-1,-9223372036854775808,"
			    "9223372036854775807]\n");
	free(m.buf);
}

static void test_deep_nesting(void **state)
{
	struct json_writer w;
	struct strbuf want = STRBUF_INIT;
	struct mem m;

	(void)state;
	mem_open(&m);
	json_writer_init(&w, m.f, false);
	for (int i = 0; i < JSON_MAX_DEPTH - 1; i++)
		json_begin_array(&w, NULL);
	json_u64(&w, NULL, 1);
	json_u64(&w, NULL, 2);
	for (int i = 0; i < JSON_MAX_DEPTH - 1; i++)
		json_end_array(&w);
	assert_int_equal(json_writer_finish(&w), 0);
	json_writer_release(&w);
	strbuf_addpad(&want, '[', JSON_MAX_DEPTH - 1);
	strbuf_adds(&want, "1,2");
	strbuf_addpad(&want, ']', JSON_MAX_DEPTH - 1);
	strbuf_addc(&want, '\n');
	assert_string_equal(mem_close(&m), strbuf_str(&want));
	strbuf_release(&want);
	free(m.buf);
}

/* A large document is flushed along the way, and arrives whole. */
static void test_large_output(void **state)
{
	struct json_writer w;
	struct mem m;
	size_t n = 0;

	(void)state;
	mem_open(&m);
	json_writer_init(&w, m.f, false);
	json_begin_array(&w, NULL);
	for (int i = 0; i < 20000; i++)
		json_cstr(&w, NULL, "0123456789");
	json_end_array(&w);
	assert_int_equal(json_writer_finish(&w), 0);
	json_writer_release(&w);
	mem_close(&m);
	assert_int_equal(m.len, 1 + 20000 * 13 - 1 + 1 + 1);
	for (size_t i = 0; i < m.len; i++)
		n += m.buf[i] == '"';
	assert_int_equal(n, 40000);
	free(m.buf);
}

static void test_write_error(void **state)
{
	struct json_writer w;
	FILE *f = fopen("/dev/null", "r");

	(void)state;
	assert_non_null(f);
	json_writer_init(&w, f, false);
	json_cstr(&w, NULL, "lost");
	assert_true(json_writer_finish(&w) < 0);
	json_writer_release(&w);
	fclose(f);
}

static const char *quote(struct strbuf *sb, const char *s, size_t len)
{
	char *buf = dup_exact(s, len);

	strbuf_reset(sb);
	json_quote(sb, buf, len);
	free(buf);
	return strbuf_str(sb);
}

#define QUOTE(sb, lit) quote(sb, lit, sizeof(lit) - 1)

static void test_quote(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_string_equal(QUOTE(&sb, ""), "\"\"");
	assert_string_equal(QUOTE(&sb, "abc"), "\"abc\"");
	assert_string_equal(QUOTE(&sb, "say \"hi\""), "\"say \\\"hi\\\"\"");
	assert_string_equal(QUOTE(&sb, "a\\b"), "\"a\\\\b\"");
	assert_string_equal(QUOTE(&sb, "/"), "\"/\"");
	assert_string_equal(QUOTE(&sb, "\n\t\r"), "\"\\n\\t\\r\"");
	assert_string_equal(QUOTE(&sb, "\b\f"), "\"\\u0008\\u000c\"");
	assert_string_equal(QUOTE(&sb, "\033[31m"), "\"\\u001b[31m\"");
	assert_string_equal(QUOTE(&sb, "a\0b"), "\"a\\u0000b\"");
	assert_string_equal(QUOTE(&sb, "\x1f\x7f"), "\"\\u001f\\u007f\"");
	/* Valid UTF-8 is kept, C1 controls included (valid JSON) */
	assert_string_equal(QUOTE(&sb, "caf\xc3\xa9"), "\"caf\xc3\xa9\"");
	assert_string_equal(QUOTE(&sb, "\xf0\x9f\x98\x80"),
			    "\"\xf0\x9f\x98\x80\"");
	assert_string_equal(QUOTE(&sb, "\xc2\x85"), "\"\xc2\x85\"");
	/* U+2028 and U+2029 are escaped for JavaScript's sake */
	assert_string_equal(QUOTE(&sb, "a\xe2\x80\xa8"
				       "b\xe2\x80\xa9"),
			    "\"a\\u2028b\\u2029\"");
	/* Each invalid byte is one U+FFFD */
	assert_string_equal(QUOTE(&sb, "\xff"), "\"\xef\xbf\xbd\"");
	assert_string_equal(QUOTE(&sb, "a\xc3"), "\"a\xef\xbf\xbd\"");
	assert_string_equal(QUOTE(&sb, "\xc0\xaf"),
			    "\"\xef\xbf\xbd\xef\xbf\xbd\"");
	assert_string_equal(QUOTE(&sb, "\xed\xa0\x80"),
			    "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
	assert_string_equal(QUOTE(&sb, "\xe2\x82"
				       "x"),
			    "\"\xef\xbf\xbd\xef\xbf\xbdx\"");
	/* Appends */
	strbuf_reset(&sb);
	strbuf_adds(&sb, "k=");
	json_quote(&sb, "v", 1);
	assert_string_equal(strbuf_str(&sb), "k=\"v\"");
	strbuf_release(&sb);
}

static void test_writer_escapes_values(void **state)
{
	struct json_writer w;
	struct mem m;

	(void)state;
	mem_open(&m);
	json_writer_init(&w, m.f, false);
	json_begin_object(&w, NULL);
	json_str(&w, "comm", "\033]0;x\007\xff\n", 8);
	json_end_object(&w);
	assert_int_equal(json_writer_finish(&w), 0);
	json_writer_release(&w);
	assert_string_equal(
		mem_close(&m),
		"{\"comm\":\"\\u001b]0;x\\u0007\xef\xbf\xbd\\n\"}\n");
	free(m.buf);
}

/* A strict decoder for one JSON string, written for this test: returns
 * the decoded bytes, or fails the test on anything that is not JSON. */
static int hex4(const char *s)
{
	int v = 0;

	for (int i = 0; i < 4; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9'   ? c - '0'
			: c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10
					       : -1;

		if (d < 0)
			fail_msg("bad \\u escape");
		v = v * 16 + d;
	}
	return v;
}

static size_t json_decode(const char *s, size_t len, char *out)
{
	size_t i = 1, n = 0;

	assert_true(len >= 2 && s[0] == '"' && s[len - 1] == '"');
	len--;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;

		if (c < 0x20 || c == '"')
			fail_msg("raw 0x%02x in a JSON string", c);
		if (c != '\\') {
			size_t k = utf8_decode((const unsigned char *)s + i,
					       len - i, &cp);

			if (k == 0)
				fail_msg("invalid UTF-8 at %zu", i);
			memcpy(out + n, s + i, k);
			n += k;
			i += k;
			continue;
		}
		assert_true(i + 1 < len);
		switch (s[i + 1]) {
		case '"':
		case '\\':
		case '/':
			out[n++] = s[i + 1];
			break;
		case 'b':
			out[n++] = '\b';
			break;
		case 'f':
			out[n++] = '\f';
			break;
		case 'n':
			out[n++] = '\n';
			break;
		case 'r':
			out[n++] = '\r';
			break;
		case 't':
			out[n++] = '\t';
			break;
		case 'u':
			assert_true(i + 6 <= len);
			cp = (uint32_t)hex4(s + i + 2);
			if (cp >= 0xd800 && cp <= 0xdbff) {
				assert_true(i + 12 <= len && s[i + 6] == '\\' &&
					    s[i + 7] == 'u');
				uint32_t lo = (uint32_t)hex4(s + i + 8);

				assert_true(lo >= 0xdc00 && lo <= 0xdfff);
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				     (lo - 0xdc00);
				i += 6;
			} else {
				assert_false(cp >= 0xdc00 && cp <= 0xdfff);
			}
			n += utf8_encode(cp, out + n);
			i += 4;
			break;
		default:
			fail_msg("bad escape \\%c", s[i + 1]);
		}
		i += 2;
	}
	return n;
}

/* What the writer promises for any input: valid sequences kept, every
 * other byte replaced by U+FFFD. */
static size_t expected(const unsigned char *in, size_t len, char *out)
{
	size_t i = 0, n = 0;

	while (i < len) {
		uint32_t cp;
		size_t k = utf8_decode(in + i, len - i, &cp);

		if (k == 0) {
			memcpy(out + n, "\xef\xbf\xbd", 3);
			n += 3;
			i++;
		} else {
			memcpy(out + n, in + i, k);
			n += k;
			i += k;
		}
	}
	return n;
}

static bool valid_utf8(const unsigned char *s, size_t len)
{
	uint32_t cp;

	for (size_t i = 0; i < len;) {
		size_t k = utf8_decode(s + i, len - i, &cp);

		if (!k)
			return false;
		i += k;
	}
	return true;
}

static void test_random_round_trip(void **state)
{
	/* Pieces that make valid multi-byte text common in the input; the
	 * first VALID_PIECES are valid UTF-8. */
	enum { VALID_PIECES = 16 };
	static const char *const pieces[] = {
		"a",
		"\"",
		"\\",
		"/",
		"\n",
		"\t",
		"\b",
		"\x01",
		"\x7f",
		"\xc3\xa9",
		"\xe2\x80\xa8",
		"\xe2\x80\xa9",
		"\xe2\x82\xac",
		"\xf0\x9f\x98\x80",
		"\xc2\x85",
		"\xef\xbf\xbd",
		"\xff",
		"\xc3",
		"\xed\xa0\x80",
		"\xf4\x90\x80\x80",
		"\xe0\x80\xaf",
		"u",
	};
	unsigned char in[96];
	char back[96 * 4], want[96 * 3];
	struct strbuf sb = STRBUF_INIT;
	size_t valid = 0;

	(void)state;
	srand(4242);
	for (int iter = 0; iter < 5000; iter++) {
		/* A third random bytes, a third any pieces, a third only
		 * the valid pieces. */
		size_t npieces = iter % 3 == 2
					 ? VALID_PIECES
					 : sizeof(pieces) / sizeof(*pieces);
		size_t len = 0, n, wn, target = (size_t)rand() % 64;

		while (len < target) {
			if (iter % 3 == 0) {
				in[len++] = (unsigned char)rand();
			} else {
				const char *p =
					pieces[(size_t)rand() % npieces];

				memcpy(in + len, p, strlen(p));
				len += strlen(p);
			}
		}
		quote(&sb, (const char *)in, len);
		assert_true(valid_utf8((const unsigned char *)sb.buf, sb.len));
		n = json_decode(sb.buf, sb.len, back);
		wn = expected(in, len, want);
		assert_int_equal(n, wn);
		assert_memory_equal(back, want, n);
		if (valid_utf8(in, len)) {
			valid++;
			assert_int_equal(n, len);
			assert_memory_equal(back, in, len);
		}
	}
	/* The property was checked on many valid inputs, not vacuously */
	assert_true(valid > 1500);
	strbuf_release(&sb);
}

/* The JSON sink maps sink calls to the writer. */
static void test_sink_json(void **state)
{
	static const struct flag_name names[] = {
		{ 1, "read" },
		{ 2, "write" },
		{ 4, "cloexec" },
		{ 0, NULL },
	};
	struct sink *s;
	struct mem m;

	(void)state;
	mem_open(&m);
	s = sink_json_new(m.f, false);
	sink_begin_object(s, NULL);
	sink_begin_array(s, "processes");
	sink_begin_object(s, NULL);
	sink_i64(s, "pid", -3);
	sink_u64(s, "rss", 4096);
	sink_str(s, "comm", "a\"b\xff", 4);
	sink_cstr(s, "cwd", NULL);
	sink_bool(s, "daemon", true);
	sink_null(s, "unit");
	sink_flags(s, "flags", 1 | 4 | 16, names);
	sink_flags(s, "none", 0, names);
	sink_end_object(s);
	sink_end_array(s);
	sink_end_object(s);
	assert_int_equal(sink_finish(s), 0);
	sink_free(s);
	assert_string_equal(mem_close(&m),
			    "{\"processes\":[{\"pid\":-3,\"rss\":4096,"
			    "\"comm\":\"a\\\"b\xef\xbf\xbd\",\"cwd\":null,"
			    "\"daemon\":true,\"unit\":null,"
			    "\"flags\":[\"read\",\"cloexec\",\"0x10\"],"
			    "\"none\":[]}]}\n");
	free(m.buf);
	sink_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compact),
		cmocka_unit_test(test_pretty),
		cmocka_unit_test(test_top_level_values),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_large_output),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_quote),
		cmocka_unit_test(test_writer_escapes_values),
		cmocka_unit_test(test_random_round_trip),
		cmocka_unit_test(test_sink_json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
