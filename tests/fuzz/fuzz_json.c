/* The JSON writer's strings: any bytes in (names and paths a process
 * chose), valid JSON out, which reads back as the same bytes with each
 * invalid UTF-8 byte replaced by U+FFFD. The input is also written as a
 * key's value inside nested objects and arrays, in both layouts. */
#include "fuzz.h"

#include "base/utf8.h"
#include "render/json.h"

/* What the writer promises a string reads back as. */
static void expected(struct strbuf *out, const uint8_t *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (n == 0) {
			strbuf_adds(out, "\xef\xbf\xbd");
			i++;
			continue;
		}
		strbuf_add(out, s + i, n);
		i += n;
	}
	strbuf_addc(out, '\0');
}

static void check_quote(const uint8_t *data, size_t size)
{
	struct strbuf quoted = STRBUF_INIT, back = STRBUF_INIT,
		      want = STRBUF_INIT;

	json_quote(&quoted, data, size);
	FUZZ_CHECK(json_check(quoted.buf, quoted.len, &back));
	expected(&want, data, size);
	FUZZ_CHECK(back.len == want.len &&
		   memcmp(back.buf, want.buf, want.len) == 0);
	strbuf_release(&quoted);
	strbuf_release(&back);
	strbuf_release(&want);
}

static void check_document(const uint8_t *data, size_t size, bool pretty)
{
	struct json_writer w;
	size_t depth = size ? data[0] % 80 : 0; /* past JSON_MAX_DEPTH too */
	struct strbuf back = STRBUF_INIT;

	bool keyed; /* inside an object: members have keys */

	json_writer_init(&w, NULL, pretty);
	json_begin_object(&w, NULL);
	/* levels alternate: object (even), array (odd), each inside the last */
	for (size_t i = 0; i < depth; i++)
		if (i % 2)
			json_begin_array(&w, "level");
		else
			json_begin_object(&w, i ? NULL : "level");
	keyed = depth % 2 == 1 || depth == 0;
	json_str(&w, keyed ? "s" : NULL, data, size);
	json_i64(&w, keyed ? "n" : NULL, -(int64_t)size);
	json_null(&w, keyed ? "z" : NULL);
	for (size_t i = depth; i-- > 0;)
		if (i % 2)
			json_end_array(&w);
		else
			json_end_object(&w);
	json_end_object(&w);
	FUZZ_CHECK(json_check(w.buf.buf, w.buf.len, &back));
	json_writer_release(&w);
	strbuf_release(&back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_quote(data, size);
	check_document(data, size, false);
	check_document(data, size, true);
	return 0;
}
