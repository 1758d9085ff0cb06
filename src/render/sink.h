/* The sink: the one interface through which collected data reaches the user.
 * Commands, fd classes and decoders emit typed fields; a sink turns them
 * into text, JSON or DOT. Keys are trusted literals; string values are
 * untrusted bytes and every sink escapes them. */
#ifndef DSCOPE_RENDER_SINK_H
#define DSCOPE_RENDER_SINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct flag_name {
	uint64_t bit;
	const char *name;
};

struct sink;

struct sink_ops {
	void (*begin_object)(struct sink *s, const char *key);
	void (*end_object)(struct sink *s);
	void (*begin_array)(struct sink *s, const char *key);
	void (*end_array)(struct sink *s);
	void (*field_str)(struct sink *s, const char *key, const char *val,
			  size_t len);
	/* Text dscope composed itself whose untrusted parts are already
	 * escaped (descriptions): text sinks print it as it is. */
	void (*field_text)(struct sink *s, const char *key, const char *val,
			   size_t len);
	void (*field_u64)(struct sink *s, const char *key, uint64_t v);
	void (*field_i64)(struct sink *s, const char *key, int64_t v);
	void (*field_bool)(struct sink *s, const char *key, bool v);
	/* A value dscope could not learn (e.g. permission denied). */
	void (*field_null)(struct sink *s, const char *key);
	/* Writes all output; returns 0 or -errno (e.g. -EPIPE). */
	int (*finish)(struct sink *s);
	void (*free)(struct sink *s);
};

struct sink {
	const struct sink_ops *ops;
};

static inline void sink_begin_object(struct sink *s, const char *key)
{
	s->ops->begin_object(s, key);
}

static inline void sink_end_object(struct sink *s)
{
	s->ops->end_object(s);
}

static inline void sink_begin_array(struct sink *s, const char *key)
{
	s->ops->begin_array(s, key);
}

static inline void sink_end_array(struct sink *s)
{
	s->ops->end_array(s);
}

static inline void sink_str(struct sink *s, const char *key, const char *val,
			    size_t len)
{
	s->ops->field_str(s, key, val, len);
}

/* A C string, or null when val is NULL. */
static inline void sink_cstr(struct sink *s, const char *key, const char *val)
{
	if (val)
		s->ops->field_str(s, key, val, strlen(val));
	else
		s->ops->field_null(s, key);
}

static inline void sink_text(struct sink *s, const char *key,
			     const char *val, size_t len)
{
	s->ops->field_text(s, key, val, len);
}

static inline void sink_u64(struct sink *s, const char *key, uint64_t v)
{
	s->ops->field_u64(s, key, v);
}

static inline void sink_i64(struct sink *s, const char *key, int64_t v)
{
	s->ops->field_i64(s, key, v);
}

static inline void sink_bool(struct sink *s, const char *key, bool v)
{
	s->ops->field_bool(s, key, v);
}

static inline void sink_null(struct sink *s, const char *key)
{
	s->ops->field_null(s, key);
}

static inline int sink_finish(struct sink *s)
{
	return s->ops->finish(s);
}

static inline void sink_free(struct sink *s)
{
	if (s)
		s->ops->free(s);
}

/* Flags as an array of names; bits without a name come out as "0x..". */
void sink_flags(struct sink *s, const char *key, uint64_t v,
		const struct flag_name *names);

#endif
