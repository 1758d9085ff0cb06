/* The seccomp filter of a launched command: only the syscalls of the
 * -e trace= set stop it (SECCOMP_RET_TRACE); every other one runs at full
 * speed, decided in the kernel. */
#ifndef DSCOPE_TRACE_SECCOMP_H
#define DSCOPE_TRACE_SECCOMP_H

#include <linux/filter.h>
#include <stddef.h>

#include "trace/backend.h"

/* Builds the filter program for set into prog (at most max instructions).
 * Returns the number of instructions, or -E2BIG. */
int seccomp_build(const struct trace_syscall_set *set, struct sock_filter *prog,
		  size_t max);
/* Installs the filter in the calling process (setting
 * PR_SET_NO_NEW_PRIVS first only when it lacks the privilege to do
 * without). Returns 0 or -errno. Async-signal-safe: it runs in the forked
 * child before exec. */
int seccomp_install(const struct trace_syscall_set *set);

#endif
