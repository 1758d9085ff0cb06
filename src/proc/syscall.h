/* /proc/PID/syscall and /proc/PID/task/TID/syscall: what a thread is
 * blocked in, read without attaching to it. */
#ifndef DSCOPE_PROC_SYSCALL_H
#define DSCOPE_PROC_SYSCALL_H

#include <stddef.h>
#include <stdint.h>

enum proc_syscall_state {
	PROC_SYSCALL_RUNNING, /* "running": on a CPU, no registers to show */
	PROC_SYSCALL_IN, /* blocked in syscall nr with args */
	PROC_SYSCALL_NONE, /* "-1 sp pc": blocked, but not in a syscall */
};

struct proc_syscall {
	enum proc_syscall_state state;
	long nr;
	uint64_t args[6];
	uint64_t sp, pc;
};

/* Parses the text of the syscall file. Returns 0 or -EINVAL. */
int proc_syscall_parse(const char *buf, size_t len, struct proc_syscall *sc);

#endif
