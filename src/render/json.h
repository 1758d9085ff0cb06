/* A small streaming JSON writer. Output is always valid UTF-8 JSON: strings
 * are copied where they are valid UTF-8, control characters are escaped as
 * \uXXXX (or \n, \t, ...), and every byte that is not part of a valid UTF-8
 * sequence is written as U+FFFD (the replacement character). Keys are
 * trusted literals from dscope itself. */
#ifndef DSCOPE_RENDER_JSON_H
#define DSCOPE_RENDER_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/strbuf.h"

#define JSON_MAX_DEPTH 64

struct json_writer {
	FILE *out; /* flushed to at the end of each top-level value; may be NULL */
	struct strbuf buf;
	bool pretty;
	int depth;
	bool first[JSON_MAX_DEPTH]; /* no member written yet at this depth */
	int overflow; /* levels opened beyond JSON_MAX_DEPTH (not indented) */
	int error; /* first write error, as -errno */
};

void json_writer_init(struct json_writer *w, FILE *out, bool pretty);
/* Flushes what is left; returns 0 or the first write error (-errno). */
int json_writer_finish(struct json_writer *w);
void json_writer_release(struct json_writer *w);

/* key is NULL inside arrays and at the top level. */
void json_begin_object(struct json_writer *w, const char *key);
void json_end_object(struct json_writer *w);
void json_begin_array(struct json_writer *w, const char *key);
void json_end_array(struct json_writer *w);
void json_str(struct json_writer *w, const char *key, const void *s,
	      size_t len);
void json_cstr(struct json_writer *w, const char *key, const char *s);
void json_u64(struct json_writer *w, const char *key, uint64_t v);
void json_i64(struct json_writer *w, const char *key, int64_t v);
void json_bool(struct json_writer *w, const char *key, bool v);
void json_null(struct json_writer *w, const char *key);

/* Appends s as a quoted JSON string to out (used by the writer and tests). */
void json_quote(struct strbuf *out, const void *s, size_t len);

#endif
