/* What the tracer needs to know of live threads: their thread group, the
 * threads of a process, and who traces them (from /proc). */
#ifndef DSCOPE_TRACE_PROCTHREADS_H
#define DSCOPE_TRACE_PROCTHREADS_H

#include <stddef.h>
#include <sys/types.h>

/* The thread group (process) of tid, or -errno (-ESRCH when gone). */
pid_t procthreads_tgid(pid_t tid);
/* The pid tracing tid (0 when none), or -errno. */
pid_t procthreads_tracer(pid_t tid);
/* The threads of process pid (malloc'd). Returns 0 or -errno. */
int procthreads_list(pid_t pid, pid_t **tids, size_t *n);
/* The state letter of thread tid (R, S, T, t, Z, ...), or -errno. */
int procthreads_state(pid_t tid);

#endif
