/* dscope inspect: everything about one process, collected and linked
 * once, then rendered as text or JSON by cmd/inspect.c. */
#ifndef DSCOPE_MODEL_INSPECT_H
#define DSCOPE_MODEL_INSPECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "decode/blocked.h"
#include "model/daemon.h"
#include "model/fdtab.h"
#include "model/journal.h"
#include "model/logfile.h"
#include "model/process.h"
#include "model/snapshot.h"
#include "proc/syscall.h"

struct thread_state {
	pid_t tid;
	char comm[64];
	char state; /* R, S, D, ... */
	struct proc_syscall sc;
	int sc_err; /* -EACCES: not allowed to see it */
	char *wchan;
	struct blocked_call call;
};

/* An fd a poll or select set waits on. */
struct wait_fd {
	int fd;
	unsigned events; /* POLLIN, POLLOUT, ... */
};

/* The chain of parents shown, nearest first: bounded, and cut where a
 * malformed /proc makes it a cycle (a process its own parent). */
#define INSPECT_MAX_PARENTS 64
struct inspect_parent {
	pid_t pid;
	const struct process *proc; /* inside table, NULL: not listed */
};

struct inspect {
	const struct process *proc; /* inside table */
	struct process_table table;
	struct daemon_verdict verdict;
	struct inspect_parent parents[INSPECT_MAX_PARENTS];
	size_t nparents;
	struct thread_state *threads; /* main thread first */
	size_t nthreads;
	int threads_err;
	struct fd_table fds;
	struct snapshot snap;
	/* what the main thread waits on (epoll, poll, select) */
	struct wait_fd *waits;
	size_t nwaits;
	int waits_err; /* reading poll/select sets failed (-EPERM, ...) */
	char *journal_stream; /* JOURNAL_STREAM from environ, or NULL */
	int environ_err;
	/* last logs: journald entries, or else the tails of its log files */
	struct log_lines journal;
	int journal_err;
	struct log_files files;
	struct text_lines *file_lines; /* one per files.v[i] */
};

#define INSPECT_LOG_LINES 3

/* Collects and links everything about pid. Returns 0, -ENOENT when the
 * process does not exist (or exited meanwhile), or -errno when /proc
 * cannot be listed. */
int inspect_collect(const struct procfs *fs, pid_t pid, struct inspect *in);
void inspect_release(struct inspect *in);

/* The fd num of the process, or NULL. */
struct fd *inspect_fd(const struct inspect *in, int num);

#endif
