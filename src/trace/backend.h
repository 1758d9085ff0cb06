/* The tracer backend seam: ptrace today, eBPF later. A backend produces
 * syscall events; decoders read tracee memory only through read_memory, so
 * they never know which backend runs. An optional backend that was not
 * built has a stub whose probe says so, so no #ifdef leaks out of trace/. */
#ifndef DSCOPE_TRACE_BACKEND_H
#define DSCOPE_TRACE_BACKEND_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum trace_event_type {
	TRACE_SYSCALL_ENTER,
	TRACE_SYSCALL_EXIT,
	TRACE_SIGNAL, /* a signal is delivered to the thread */
	TRACE_THREAD_NEW, /* a thread or child joined the trace */
	TRACE_THREAD_EXIT,
	TRACE_EXEC,
	TRACE_LOST, /* the backend dropped events (count in ret) */
};

struct trace_event {
	enum trace_event_type type;
	pid_t pid, tid;
	long nr; /* syscall number, or signal number */
	uint64_t args[6];
	int64_t ret;
	uint64_t time_ns; /* CLOCK_MONOTONIC */
};

enum trace_attach_flags {
	TRACE_FOLLOW_FORKS = 1 << 0,
};

struct trace_backend;

struct trace_backend_ops {
	const char *name;
	/* 0 when the backend can run here, else -errno with the reason in why. */
	int (*probe)(char *why, size_t size);
	struct trace_backend *(*create)(void);
	/* Attaches to every thread of pid. */
	int (*attach)(struct trace_backend *b, pid_t pid, unsigned flags);
	/* Waits up to timeout_ms (-1: forever); 0 and an event, -EAGAIN on
	 * timeout, -ECHILD when nothing is traced any more. */
	int (*next_event)(struct trace_backend *b, struct trace_event *ev,
			  int timeout_ms);
	/* Reads tracee memory; returns bytes read or -errno. */
	ssize_t (*read_memory)(struct trace_backend *b, pid_t tid,
			       uint64_t addr, void *buf, size_t len);
	/* Detaches from pid and leaves it running (0 pid: from everything). */
	int (*detach)(struct trace_backend *b, pid_t pid);
	void (*free)(struct trace_backend *b);
};

struct trace_backend {
	const struct trace_backend_ops *ops;
};

/* The backend called name ("ptrace", "ebpf"), or NULL. */
const struct trace_backend_ops *trace_backend_find(const char *name);

#endif
