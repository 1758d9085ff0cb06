/* Where trace lines go: a FILE, flushed after each piece when someone
 * reads it live (a terminal or a pipe), so a call that blocks shows its
 * entry at once; buffered for files, where speed matters more. */
#ifndef DSCOPE_RENDER_TRACE_OUT_H
#define DSCOPE_RENDER_TRACE_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct trace_out {
	FILE *f;
	bool live;
	int error; /* first write error, -errno */
};

/* live: flush after each write. */
void trace_out_init(struct trace_out *o, FILE *f, bool live);
void trace_out_write(struct trace_out *o, const char *s, size_t len);
/* Flushes; returns 0 or the first write error. */
int trace_out_flush(struct trace_out *o);
/* Whether f is read live (a terminal, pipe or socket). */
bool trace_out_is_live(FILE *f);

#endif
