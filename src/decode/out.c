#include "decode/out.h"

#include <stdio.h>
#include <string.h>

#include "base/escape.h"

void dout_init(struct dout *o, enum dout_mode mode, struct strbuf *text,
	       struct json_writer *json)
{
	memset(o, 0, sizeof(*o));
	o->mode = mode;
	o->text = text;
	o->json = json;
	o->first[0] = true;
}

void dout_restart(struct dout *o)
{
	o->first[o->depth] = true;
}

/* Text: the separator and, inside a struct, "key=". */
static void member(struct dout *o, const char *key)
{
	if (o->mode != DOUT_TEXT)
		return;
	if (!o->first[o->depth])
		strbuf_adds(o->text, ", ");
	o->first[o->depth] = false;
	if (o->depth > 0 && !o->in_array[o->depth] && key) {
		strbuf_adds(o->text, key);
		strbuf_addc(o->text, '=');
	}
}

/* JSON keys are dropped inside arrays. */
static const char *jkey(const struct dout *o, const char *key)
{
	return o->in_array[o->depth] ? NULL : key;
}

void dout_int(struct dout *o, const char *key, int64_t v)
{
	member(o, key);
	if (o->mode == DOUT_TEXT)
		strbuf_add_i64(o->text, v);
	else
		json_i64(o->json, jkey(o, key), v);
}

void dout_uint(struct dout *o, const char *key, uint64_t v)
{
	member(o, key);
	if (o->mode == DOUT_TEXT)
		strbuf_add_u64(o->text, v);
	else
		json_u64(o->json, jkey(o, key), v);
}

void dout_hex(struct dout *o, const char *key, uint64_t v)
{
	member(o, key);
	if (o->mode == DOUT_TEXT)
		strbuf_add_hex(o->text, v);
	else
		json_u64(o->json, jkey(o, key), v);
}

void dout_oct(struct dout *o, const char *key, uint64_t v)
{
	member(o, key);
	if (o->mode == DOUT_TEXT)
		strbuf_addf(o->text, "%#03llo", (unsigned long long)v);
	else
		json_u64(o->json, jkey(o, key), v);
}

void dout_ptr(struct dout *o, const char *key, uint64_t v)
{
	char buf[24];

	member(o, key);
	if (!v) {
		if (o->mode == DOUT_TEXT)
			strbuf_adds(o->text, "NULL");
		else
			json_null(o->json, jkey(o, key));
		return;
	}
	snprintf(buf, sizeof(buf), "%#llx", (unsigned long long)v);
	if (o->mode == DOUT_TEXT)
		strbuf_adds(o->text, buf);
	else
		json_cstr(o->json, jkey(o, key), buf);
}

void dout_sym(struct dout *o, const char *key, const char *name)
{
	member(o, key);
	if (o->mode == DOUT_TEXT)
		strbuf_adds(o->text, name);
	else
		json_cstr(o->json, jkey(o, key), name);
}

void dout_raw(struct dout *o, const char *key, const char *text)
{
	dout_sym(o, key, text);
}

void dout_join_flags(struct strbuf *out, uint64_t v,
		     const struct flag_name *names)
{
	size_t start = out->len;

	for (const struct flag_name *f = names; f && f->name; f++) {
		if (f->bit && (v & f->bit) == f->bit) {
			if (out->len > start)
				strbuf_addc(out, '|');
			strbuf_adds(out, f->name);
			v &= ~f->bit;
		}
	}
	if (v || out->len == start) {
		if (out->len > start)
			strbuf_addc(out, '|');
		strbuf_add_hex(out, v);
	}
}

void dout_flags_text(struct dout *o, const char *key, const char *joined)
{
	member(o, key);
	if (o->mode == DOUT_TEXT) {
		strbuf_adds(o->text, joined);
		return;
	}
	json_begin_array(o->json, jkey(o, key));
	for (const char *p = joined; *p;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);

		if (!(n == 1 && *p == '0'))
			json_str(o->json, NULL, p, n);
		p += n + (bar != NULL);
	}
	json_end_array(o->json);
}

void dout_flags(struct dout *o, const char *key, uint64_t v,
		const struct flag_name *names)
{
	struct strbuf sb = STRBUF_INIT;

	dout_join_flags(&sb, v, names);
	dout_flags_text(o, key, strbuf_str(&sb));
	strbuf_release(&sb);
}

const char *dout_enum_name(uint64_t v, const struct flag_name *names)
{
	for (const struct flag_name *f = names; f && f->name; f++)
		if (f->bit == v)
			return f->name;
	return NULL;
}

void dout_enum(struct dout *o, const char *key, uint64_t v,
	       const struct flag_name *names)
{
	const char *name = dout_enum_name(v, names);

	if (name)
		dout_sym(o, key, name);
	else
		dout_int(o, key, (int64_t)v);
}

void dout_quote(struct strbuf *out, const void *s, size_t len, bool more)
{
	const char *p = s, *end = p + len;

	strbuf_addc(out, '"');
	/* the escaper keeps '"': escape it here, between the pieces */
	while (p < end) {
		const char *q = memchr(p, '"', (size_t)(end - p));
		size_t n = q ? (size_t)(q - p) : (size_t)(end - p);

		escape_text(out, p, n, 0);
		p += n;
		if (q) {
			strbuf_adds(out, "\\\"");
			p++;
		}
	}
	strbuf_addc(out, '"');
	if (more)
		strbuf_adds(out, "...");
}

void dout_str(struct dout *o, const char *key, const void *s, size_t len,
	      bool more)
{
	member(o, key);
	if (o->mode == DOUT_TEXT)
		dout_quote(o->text, s, len, more);
	else
		json_str(o->json, jkey(o, key), s, len);
}

void dout_fd(struct dout *o, const char *key, int fd)
{
	member(o, key);
	if (o->mode == DOUT_TEXT) {
		strbuf_add_i64(o->text, fd);
		if (o->namer.text && fd >= 0) {
			strbuf_addc(o->text, '<');
			o->namer.text(o->namer.ctx, fd, o->text);
			strbuf_addc(o->text, '>');
		}
		return;
	}
	if (!o->namer.json || fd < 0) {
		json_i64(o->json, jkey(o, key), fd);
		return;
	}
	json_begin_object(o->json, jkey(o, key));
	json_i64(o->json, "fd", fd);
	o->namer.json(o->namer.ctx, fd, o->json);
	json_end_object(o->json);
}

void dout_more(struct dout *o)
{
	if (o->mode != DOUT_TEXT)
		return;
	member(o, NULL);
	strbuf_adds(o->text, "...");
}

static void open_nested(struct dout *o, const char *key, bool array)
{
	member(o, key);
	if (o->mode == DOUT_TEXT)
		strbuf_addc(o->text, array ? '[' : '{');
	else if (array)
		json_begin_array(o->json, jkey(o, key));
	else
		json_begin_object(o->json, jkey(o, key));
	if (o->depth + 1 < DOUT_MAX_DEPTH) {
		o->depth++;
		o->first[o->depth] = true;
		o->in_array[o->depth] = array;
	}
}

static void close_nested(struct dout *o, bool array)
{
	if (o->mode == DOUT_TEXT)
		strbuf_addc(o->text, array ? ']' : '}');
	else if (array)
		json_end_array(o->json);
	else
		json_end_object(o->json);
	if (o->depth > 0)
		o->depth--;
}

void dout_begin_struct(struct dout *o, const char *key)
{
	open_nested(o, key, false);
}

void dout_end_struct(struct dout *o)
{
	close_nested(o, false);
}

void dout_begin_array(struct dout *o, const char *key)
{
	open_nested(o, key, true);
}

void dout_end_array(struct dout *o)
{
	close_nested(o, true);
}

void dout_comment(struct dout *o, const char *text)
{
	if (o->mode != DOUT_TEXT)
		return;
	strbuf_adds(o->text, " /* ");
	strbuf_adds(o->text, text);
	strbuf_adds(o->text, " */");
}
