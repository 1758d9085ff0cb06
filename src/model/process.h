/* One process as read from /proc, and the table of all of them. Collection
 * only reads; what could not be read is recorded as an error per field
 * (-EACCES, ...) so renderers can show it as unknown. */
#ifndef DSCOPE_MODEL_PROCESS_H
#define DSCOPE_MODEL_PROCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "proc/procfs.h"
#include "proc/stat.h"
#include "proc/status.h"
#include "proc/syscall.h"

/* What to read besides stat. */
enum process_fields {
	PROCESS_CMDLINE = 1 << 0,
	PROCESS_SYSCALL = 1 << 1,
	PROCESS_WCHAN = 1 << 2,
	PROCESS_CGROUP = 1 << 3,
	PROCESS_STDIN = 1 << 4,
	PROCESS_CWD = 1 << 5,
	PROCESS_EXE = 1 << 6,
	/* wchan only when the syscall file shows no syscall (kernel threads,
	 * page faults): it then tells what the task waits for. */
	PROCESS_WCHAN_FALLBACK = 1 << 7,
	PROCESS_STATUS = 1 << 8, /* uids, locked memory, NSpid */
	PROCESS_ALL = ((1 << 7) - 1) | PROCESS_STATUS,
};

struct process {
	struct proc_stat stat;
	struct proc_status status;
	int status_err; /* -ENODATA when not asked for */
	char *cmdline; /* arguments joined by spaces, raw bytes; "" for kernel threads */
	size_t cmdline_len;
	size_t argv0_len; /* length of the first argument inside cmdline */
	int cmdline_err;
	struct proc_syscall syscall;
	int syscall_err;
	char *wchan; /* "" when not sleeping in the kernel */
	int wchan_err;
	char *cgroup; /* path in the hierarchy that names the unit */
	int cgroup_err;
	char *stdin_target; /* readlink of fd/0; NULL when closed */
	int stdin_err; /* -ENOENT: closed */
	char *cwd;
	int cwd_err;
	char *exe;
	int exe_err;
};

/* Reads one process. Returns 0, or -ENOENT when it is gone (or its pid now
 * names another process), or -errno when even stat is unreadable. */
int process_read(const struct procfs *fs, pid_t pid, unsigned fields,
		 struct process *p);
void process_release(struct process *p);

/* The flag alone decides: inside a pid namespace pid 2 is an ordinary
 * process. */
static inline bool process_is_kernel_thread(const struct process *p)
{
	return (p->stat.flags & PF_KTHREAD_FLAG) != 0;
}

struct process_table {
	struct process *procs; /* sorted by pid */
	size_t count;
	uint64_t boot_time; /* seconds since the epoch; 0 when unknown */
	long ticks_per_second;
};

/* Reads every process under fs. Processes that exit meanwhile are left
 * out. Returns 0 or -errno when the /proc root cannot be listed. */
int process_table_collect(const struct procfs *fs, unsigned fields,
			  struct process_table *t);
/* Reads just the listed pids (missing ones are left out). */
int process_table_collect_pids(const struct procfs *fs, unsigned fields,
			       const pid_t *pids, size_t n,
			       struct process_table *t);
const struct process *process_table_find(const struct process_table *t,
					 pid_t pid);
void process_table_release(struct process_table *t);

#endif
