/* The tracer: events from a backend become decoded lines (or JSON
 * records, or a summary). It pairs each thread's syscall entry with its
 * exit, applies the filters, names the fds and prints strace-style, with
 * <unfinished ...> / <... resumed> when threads interleave. */
#ifndef DSCOPE_TRACE_TRACER_H
#define DSCOPE_TRACE_TRACER_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "trace/backend.h"
#include "trace/filter.h"

enum trace_timestamps {
	TRACE_TS_NONE,
	TRACE_TS_TIME, /* -t: 10:08:02 */
	TRACE_TS_TIME_US, /* -tt: 10:08:02.123456 */
	TRACE_TS_EPOCH, /* -ttt: 1700000000.123456 */
	TRACE_TS_RELATIVE, /* -r: since the previous line */
};

struct tracer_options {
	struct trace_filter filter;
	int fd_filter; /* --fd N, -1 for none */
	enum trace_timestamps timestamps;
	bool show_duration; /* -T */
	bool summary; /* -c: a table at the end instead of lines */
	bool json; /* one object per syscall */
	bool annotate; /* name fds (default) */
	size_t strsize; /* -s */
	uint64_t limit; /* --limit: stop after this many calls, 0 none */
	/* not every syscall is seen (a filter, seccomp): annotations are
	 * checked before they are trusted */
	bool partial_view;
	FILE *out;
	bool flush_each; /* output is read live (terminal, pipe) */
	bool pid_prefix; /* several threads from the start: [pid N] always */
	pid_t only_pid; /* show this process only (its children are traced
			 * for the seccomp filter's sake, not shown) */
};

struct tracer;

/* Whether the options show times (durations, timestamps): a backend may
 * then be asked for them (trace_backend_setup.times). */
bool tracer_wants_times(const struct tracer_options *opt);

/* A tracer reading from backend b (owned by the caller). stop is set by
 * signal handlers: the tracer then detaches and returns. */
struct tracer *tracer_new(const struct tracer_options *opt,
			  struct trace_backend *b, volatile sig_atomic_t *stop);
void tracer_free(struct tracer *t);
/* Hides a launched command's own set-up until it calls execve. */
void tracer_hide_until_exec(struct tracer *t, pid_t pid);

enum tracer_end {
	TRACER_END_NOTHING_LEFT, /* every traced process ended */
	TRACER_END_STOPPED, /* a signal, the duration or the limit */
	TRACER_END_ERROR,
};

/* Runs until everything ended, stop was set or the limit was reached.
 * *status gets the wait status of the launched process (main_pid) when it
 * ended. */
enum tracer_end tracer_run(struct tracer *t, pid_t main_pid, int *status);
/* Goes on tracing without showing anything until every traced process
 * ended: a command under a seccomp filter must keep its tracer, or the
 * filtered calls fail with ENOSYS. Ignores stop. */
enum tracer_end tracer_drain(struct tracer *t, int *status);
/* How many events the backend lost (TRACE_LOST), for the caller to say. */
uint64_t tracer_lost(const struct tracer *t);
/* The first error writing the output (-errno), 0 when none. */
int tracer_output_error(const struct tracer *t);
/* Detaches from everything that is left, leaving it running. */
void tracer_detach(struct tracer *t);
/* Prints the -c table. */
void tracer_print_summary(struct tracer *t);

#endif
