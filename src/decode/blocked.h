/* What a thread is blocked in, decoded from /proc/PID/task/TID/syscall
 * without attaching: the call with its arguments (fds named by the
 * caller), and what kind of wait it is. */
#ifndef DSCOPE_DECODE_BLOCKED_H
#define DSCOPE_DECODE_BLOCKED_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "base/strbuf.h"
#include "proc/syscall.h"

enum blocked_kind {
	BLOCKED_NONE, /* running, or not in a syscall */
	BLOCKED_EPOLL, /* epoll_wait & co: fd is the epoll set */
	BLOCKED_POLL, /* poll, ppoll: the pollfd array is in memory */
	BLOCKED_SELECT, /* select, pselect6: fd_sets in memory */
	BLOCKED_IO, /* read, write, recv, send, ...: on fd */
	BLOCKED_ACCEPT, /* accept, accept4: on listening fd */
	BLOCKED_SLEEP, /* nanosleep, clock_nanosleep */
	BLOCKED_FUTEX, /* a lock or condition variable */
	BLOCKED_CHILD, /* wait4, waitid */
	BLOCKED_SIGNAL, /* pause, sigsuspend, sigtimedwait */
	BLOCKED_OTHER,
};

/* Names an fd argument: appends its description (escaped) to out. */
typedef void (*blocked_fd_namer)(void *ctx, int fd, struct strbuf *out);

struct blocked_call {
	enum blocked_kind kind;
	const char *name; /* syscall name, NULL when unknown */
	long nr;
	int fd; /* the fd it waits on, -1 when none */
	int64_t timeout_ms; /* epoll/poll: -1 forever; INT64_MIN unknown */
	uint64_t array; /* poll: address of the pollfd array */
	uint64_t nfds; /* poll: entries; select: highest fd + 1 */
	uint64_t sets[3]; /* select: read, write, except fd_set addresses */
};

/* Classifies the syscall of sc (state PROC_SYSCALL_IN). */
void blocked_classify(const struct proc_syscall *sc, struct blocked_call *b);

enum blocked_format_flags {
	/* addresses as "…": they differ between threads doing the same */
	BLOCKED_ELIDE_POINTERS = 1 << 0,
};

/* Appends the call as strace shows it, fds named through namer (may be
 * NULL): "epoll_wait(3<epoll set, 5 entries>, 0x7ffc5e2c, 64, -1)". */
void blocked_format(const struct proc_syscall *sc, blocked_fd_namer namer,
		    void *ctx, unsigned flags, struct strbuf *out);

#endif
