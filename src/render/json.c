#include "render/json.h"

#include <errno.h>
#include <string.h>

#include "base/utf8.h"

void json_writer_init(struct json_writer *w, FILE *out, bool pretty)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->pretty = pretty;
	w->first[0] = true;
}

static void flush(struct json_writer *w)
{
	if (!w->out || w->buf.len == 0)
		return;
	errno = 0;
	if (fwrite(w->buf.buf, 1, w->buf.len, w->out) != w->buf.len &&
	    !w->error)
		w->error = errno ? -errno : -EIO;
	strbuf_reset(&w->buf);
}

int json_writer_finish(struct json_writer *w)
{
	flush(w);
	errno = 0;
	if (w->out && fflush(w->out) != 0 && !w->error)
		w->error = errno ? -errno : -EIO;
	return w->error;
}

void json_writer_release(struct json_writer *w)
{
	strbuf_release(&w->buf);
}

void json_quote(struct strbuf *out, const void *data, size_t len)
{
	const unsigned char *s = data;
	size_t i = 0;

	strbuf_grow(out, len + 2);
	strbuf_addc(out, '"');
	while (i < len) {
		unsigned char c = s[i];
		uint32_t cp;
		size_t n;

		if (c >= 0x20 && c < 0x7f) {
			size_t run = i;

			if (c == '"' || c == '\\') {
				strbuf_addc(out, '\\');
				strbuf_addc(out, (char)c);
				i++;
				continue;
			}
			/* copy a run of plain ASCII at once: most text is */
			while (run < len && s[run] >= 0x20 && s[run] < 0x7f &&
			       s[run] != '"' && s[run] != '\\')
				run++;
			strbuf_add(out, s + i, run - i);
			i = run;
			continue;
		}
		if (c < 0x20 || c == 0x7f) {
			switch (c) {
			case '\n':
				strbuf_adds(out, "\\n");
				break;
			case '\t':
				strbuf_adds(out, "\\t");
				break;
			case '\r':
				strbuf_adds(out, "\\r");
				break;
			default:
				strbuf_addf(out, "\\u%04x", c);
			}
			i++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			strbuf_adds(out, "\xef\xbf\xbd"); /* U+FFFD */
			i++;
			continue;
		}
		/* U+2028/2029 are valid JSON but break JavaScript parsers. */
		if (cp == 0x2028 || cp == 0x2029)
			strbuf_addf(out, "\\u%04x", (unsigned)cp);
		else
			strbuf_add(out, s + i, n);
		i += n;
	}
	strbuf_addc(out, '"');
}

static void newline(struct json_writer *w)
{
	if (!w->pretty)
		return;
	strbuf_addc(&w->buf, '\n');
	strbuf_addpad(&w->buf, ' ', (size_t)w->depth * 2);
}

/* Writes the separator, indentation and key that come before a value. */
static void member(struct json_writer *w, const char *key)
{
	if (w->depth > 0) {
		if (!w->first[w->depth])
			strbuf_addc(&w->buf, ',');
		newline(w);
	}
	w->first[w->depth] = false;
	if (key) {
		json_quote(&w->buf, key, strlen(key));
		strbuf_adds(&w->buf, w->pretty ? ": " : ":");
	}
}

static void after_value(struct json_writer *w)
{
	if (w->depth == 0) {
		strbuf_addc(&w->buf, '\n');
		flush(w);
	} else if (w->buf.len >= 1 << 16) {
		flush(w);
	}
}

static void open_container(struct json_writer *w, const char *key, char c)
{
	member(w, key);
	strbuf_addc(&w->buf, c);
	/* Deeper levels still nest correctly; they share the last level's
	 * comma state, which is right because each holds one value. */
	if (w->depth + 1 < JSON_MAX_DEPTH) {
		w->depth++;
		w->first[w->depth] = true;
	} else {
		w->overflow++;
		w->first[w->depth] = true;
	}
}

static void close_container(struct json_writer *w, char c)
{
	bool empty = w->first[w->depth];

	if (w->overflow > 0) {
		w->overflow--;
		w->first[w->depth] = false;
		strbuf_addc(&w->buf, c);
		return;
	}
	if (w->depth > 0)
		w->depth--;
	if (!empty)
		newline(w);
	strbuf_addc(&w->buf, c);
	after_value(w);
}

void json_begin_object(struct json_writer *w, const char *key)
{
	open_container(w, key, '{');
}

void json_end_object(struct json_writer *w)
{
	close_container(w, '}');
}

void json_begin_array(struct json_writer *w, const char *key)
{
	open_container(w, key, '[');
}

void json_end_array(struct json_writer *w)
{
	close_container(w, ']');
}

void json_str(struct json_writer *w, const char *key, const void *s,
	      size_t len)
{
	member(w, key);
	json_quote(&w->buf, s, len);
	after_value(w);
}

void json_cstr(struct json_writer *w, const char *key, const char *s)
{
	json_str(w, key, s, strlen(s));
}

void json_u64(struct json_writer *w, const char *key, uint64_t v)
{
	member(w, key);
	strbuf_add_u64(&w->buf, v);
	after_value(w);
}

void json_i64(struct json_writer *w, const char *key, int64_t v)
{
	member(w, key);
	strbuf_add_i64(&w->buf, v);
	after_value(w);
}

void json_bool(struct json_writer *w, const char *key, bool v)
{
	member(w, key);
	strbuf_adds(&w->buf, v ? "true" : "false");
	after_value(w);
}

void json_null(struct json_writer *w, const char *key)
{
	member(w, key);
	strbuf_adds(&w->buf, "null");
	after_value(w);
}
