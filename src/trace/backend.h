/* The tracer backend seam: ptrace, and eBPF (ebpf.c, or ebpf_stub.c when
 * not built). A backend produces
 * syscall events; decoders read tracee memory only through read_memory, so
 * they never know which backend runs. An optional backend that was not
 * built has a stub whose probe says so, so no #ifdef leaks out of trace/.
 *
 * A thread that produced an event stays as it was (stopped, for ptrace)
 * until the next call of next_event or detach, so its memory can be read
 * consistently while the event is decoded. */
#ifndef DSCOPE_TRACE_BACKEND_H
#define DSCOPE_TRACE_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "decode/capture.h"

enum trace_event_type {
	TRACE_SYSCALL_ENTER, /* nr, args */
	TRACE_SYSCALL_EXIT, /* ret (the entry's nr and args are the tracer's) */
	TRACE_SIGNAL,	  /* a signal is delivered: nr, and the siginfo below */
	TRACE_GROUP_STOP, /* stopped by a job-control signal (nr) */
	TRACE_THREAD_EXIT, /* ret: the wait status (exited or killed) */
	TRACE_EXEC, /* the process exec'd: ret is the tid that called execve
		     * (a non-leader's tid becomes the leader's) */
	TRACE_LOST, /* the backend dropped events (count in ret) */
};

struct trace_event {
	enum trace_event_type type;
	pid_t pid, tid; /* thread group and thread */
	long nr;	/* syscall number, or signal number */
	/* TRACE_SYSCALL_EXIT: nr is the call's number too (-1: not known,
	 * as after rt_sigreturn), so a tracer can tell when events were lost
	 * in between; when false, nr means nothing at exit */
	bool exit_nr;
	bool compat; /* a syscall of another ABI (i386, x32): nr is its own */
	uint64_t args[6];
	int64_t ret;
	uint64_t time_ns; /* CLOCK_MONOTONIC when the event happened */
	/* TRACE_SIGNAL: the interesting parts of the siginfo */
	int sig_code, sig_errno;
	pid_t sig_pid;
	uid_t sig_uid;
	int sig_status;
};

struct sock_info;

/* What an fd was when a call ran, from a backend that saw it there
 * (eBPF): its /proc/PID/fd/N link text and its S_IFMT bits; for a socket,
 * what sock_diag would have said of it and, for a unix one, of its peer
 * (NULL when not known). */
struct fd_seen {
	const char *target;
	unsigned mode;
	dev_t rdev; /* a device's numbers, as stat's st_rdev; 0: not said */
	const struct sock_info *sock, *peer_sock;
	/* an eventfd's or timerfd's own lines of fdinfo then, or NULL */
	const char *fdinfo;
	/* an accepted unix socket: the process that connected (SO_PEERCRED)
	 * and its name then (NULL: gone already); 0: not known */
	pid_t peer_pid;
	const char *peer_comm;
	/* another number each time the backend learns anew what the fd is */
	uint64_t version;
	/* how many times the backend learned what an fd is, any fd */
	uint64_t learned;
	/* the backend that saw it, for fd_peer */
	struct trace_backend *backend;
};

enum trace_attach_flags {
	TRACE_FOLLOW_FORKS = 1 << 0, /* children created after attach too */
};

/* A bitmap of syscall numbers (the tracer's -e trace= set). */
#define TRACE_SYSCALL_MAX 1024
struct trace_syscall_set {
	uint64_t bits[TRACE_SYSCALL_MAX / 64];
};

static inline bool trace_syscall_set_has(const struct trace_syscall_set *s,
					 long nr)
{
	return nr >= 0 && nr < TRACE_SYSCALL_MAX &&
	       (s->bits[nr / 64] >> (nr % 64) & 1);
}

static inline void trace_syscall_set_add(struct trace_syscall_set *s, long nr)
{
	if (nr >= 0 && nr < TRACE_SYSCALL_MAX)
		s->bits[nr / 64] |= 1ull << (nr % 64);
}

struct trace_spawn_options {
	unsigned flags; /* enum trace_attach_flags */
	/* When set, only these syscalls stop the child (a seccomp filter in
	 * the kernel); the others cost nothing. */
	const struct trace_syscall_set *only;
};

struct trace_backend;

/* What a backend is made for (create). */
struct trace_backend_setup {
	/* the set that filter() will be given (NULL: none), for a backend
	 * that prepares for it as it loads */
	const struct trace_syscall_set *filter;
	/* events carry time_ns; without it a backend may leave it 0 (the
	 * eBPF program's two clock reads are a tenth of its work a call) */
	bool times;
};

struct trace_backend_ops {
	const char *name;
	/* 0 when the backend can run here, else -errno with the reason in
	 * why. Cheap: it checks what it can without loading anything. */
	int (*probe)(char *why, size_t size);
	/* The backend, ready; NULL with the reason in why. */
	struct trace_backend *(*create)(const struct trace_backend_setup *setup,
					char *why, size_t size);
	/* Attaches to every thread of pid (and threads created later).
	 * Returns 0 or -errno: -ESRCH gone, -EPERM not allowed, -EBUSY
	 * already traced. */
	int (*attach)(struct trace_backend *b, pid_t pid, unsigned flags);
	/* Starts argv[0] (searched in PATH) traced from its execve on. Returns
	 * 0 and its pid, or -errno (the command could not be started). */
	int (*spawn)(struct trace_backend *b, char *const argv[],
		     const struct trace_spawn_options *opts, pid_t *pid);
	/* Waits for the next event: 0 and ev, -EINTR when a signal arrived
	 * or a while passed without events (the caller checks why, then
	 * calls again), -ECHILD when nothing is traced any more.
	 * Without block: -EAGAIN at once when no event is waiting. */
	int (*next_event)(struct trace_backend *b, struct trace_event *ev,
			  bool block);
	/* Optional (NULL: the backend sees every call): only the calls in
	 * set produce events, for attached processes too, filtered in the
	 * kernel. Called before attach and spawn. */
	int (*filter)(struct trace_backend *b,
		      const struct trace_syscall_set *set);
	/* Optional (NULL: read_memory reads the tracee when asked): a
	 * backend that cannot read memory once the call is over captures,
	 * while syscall nr runs, the n regions its decoders read (the plan
	 * of decode/capture.h), and what its fds are. Returns the most bytes
	 * it keeps of one region, or -errno; nr -1 only asks that. Called
	 * before attach and spawn. */
	ssize_t (*capture)(struct trace_backend *b, long nr,
			   const struct capture_plan *plan);
	/* Optional (NULL: fds are named when the event is decoded): what fd
	 * of pid was as the last record that named it said ("/etc/passwd",
	 * "pipe:[1234]"): for an argument or the result of the current
	 * event's call, what it was at the call. 1 when the current event's
	 * record named it (an fd the call wrote: pipe2's), 0 when an
	 * earlier one did, -EBADF when the current one said it was not open
	 * (closed behind the call's back: by io_uring, by a process sharing
	 * the fd table), -ENOENT when none did. What seen points to lives
	 * until the next event. */
	int (*fd_target)(struct trace_backend *b, pid_t pid, int fd,
			 struct fd_seen *seen);
	/* With fd_target: the other end of what fd of pid was, among the fds
	 * the backend saw (a pipe's other fd, a unix socket's peer), for a
	 * pipe or socket closed since. 0 and *peer_pid, *peer_fd, or
	 * -ENOENT. */
	int (*fd_peer)(struct trace_backend *b, pid_t pid, int fd,
		       pid_t *peer_pid, int *peer_fd);
	/* Optional: the name the backend last saw pid's process have, or
	 * NULL: a peer gone before its line is printed is named by it. */
	const char *(*comm)(struct trace_backend *b, pid_t pid);
	/* Optional: for -v, how it sees the calls, once configured
	 * ("per-call syscall events, 1 call"). */
	const char *(*describe)(struct trace_backend *b);
	/* Reads tracee memory; returns bytes read (fewer when only part of
	 * the range can be read) or -errno. */
	ssize_t (*read_memory)(struct trace_backend *b, pid_t tid,
			       uint64_t addr, void *buf, size_t len);
	/* Detaches from everything and leaves it running (a thread that was
	 * stopped by a job-control signal stays stopped). */
	int (*detach_all)(struct trace_backend *b);
	void (*free)(struct trace_backend *b);
};

struct trace_backend {
	const struct trace_backend_ops *ops;
};

/* The backend called name ("ptrace", "ebpf"), or NULL. */
const struct trace_backend_ops *trace_backend_find(const char *name);

/* Gives a capturing backend the plan of every native syscall for -s of
 * *strsize bytes, lowered to what the backend keeps. 0 or -errno. */
int trace_backend_set_capture(struct trace_backend *b, size_t *strsize);

#endif
