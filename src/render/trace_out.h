/* Where trace lines go: a FILE. When someone reads it live (a terminal
 * or a pipe) the tracer flushes it whenever it would wait for the
 * tracee, so a call that blocks shows its entry at once. */
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

/* live: the tracer flushes before each wait. */
void trace_out_init(struct trace_out *o, FILE *f, bool live);
void trace_out_write(struct trace_out *o, const char *s, size_t len);
/* Flushes; returns 0 or the first write error. */
int trace_out_flush(struct trace_out *o);
/* Whether f is read live (a terminal, pipe or socket). */
bool trace_out_is_live(FILE *f);

#endif
