/* The -c table: calls, errors and time per syscall, as strace -c prints
 * it (time is the wall-clock time from entry to exit). */
#ifndef DSCOPE_RENDER_TRACE_SUMMARY_H
#define DSCOPE_RENDER_TRACE_SUMMARY_H

#include <stdint.h>
#include <stdio.h>

#include "trace/backend.h"

struct summary_row {
	uint64_t calls, errors, ns;
};

struct summary {
	struct summary_row rows[TRACE_SYSCALL_MAX];
};

void summary_add(struct summary *s, long nr, uint64_t ns, int64_t ret);
/* Prints the table sorted by time (then calls); JSON when json. */
void summary_print(const struct summary *s, FILE *out, int json);

#endif
