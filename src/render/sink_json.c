#include "render/sink_json.h"

#include <stdlib.h>

#include "base/xalloc.h"
#include "render/json.h"

struct sink_json {
	struct sink base;
	struct json_writer w;
};

#define W(s) (&((struct sink_json *)(s))->w)

static void begin_object(struct sink *s, const char *key)
{
	json_begin_object(W(s), key);
}

static void end_object(struct sink *s)
{
	json_end_object(W(s));
}

static void begin_array(struct sink *s, const char *key)
{
	json_begin_array(W(s), key);
}

static void end_array(struct sink *s)
{
	json_end_array(W(s));
}

static void field_str(struct sink *s, const char *key, const char *val,
		      size_t len)
{
	json_str(W(s), key, val, len);
}

static void field_u64(struct sink *s, const char *key, uint64_t v)
{
	json_u64(W(s), key, v);
}

static void field_i64(struct sink *s, const char *key, int64_t v)
{
	json_i64(W(s), key, v);
}

static void field_bool(struct sink *s, const char *key, bool v)
{
	json_bool(W(s), key, v);
}

static void field_null(struct sink *s, const char *key)
{
	json_null(W(s), key);
}

static int finish(struct sink *s)
{
	return json_writer_finish(W(s));
}

static void free_sink(struct sink *s)
{
	json_writer_release(W(s));
	free(s);
}

static const struct sink_ops sink_json_ops = {
	.begin_object = begin_object,
	.end_object = end_object,
	.begin_array = begin_array,
	.end_array = end_array,
	.field_str = field_str,
	.field_text = field_str, /* escaped text is valid UTF-8 already */
	.field_u64 = field_u64,
	.field_i64 = field_i64,
	.field_bool = field_bool,
	.field_null = field_null,
	.finish = finish,
	.free = free_sink,
};

struct sink *sink_json_new(FILE *out, bool pretty)
{
	struct sink_json *j = xcalloc(1, sizeof(*j));

	j->base.ops = &sink_json_ops;
	json_writer_init(&j->w, out, pretty);
	return &j->base;
}
