/* The ptrace backend. Threads are seized (PTRACE_SEIZE: no SIGSTOP is
 * sent, group-stops are reported as such), stopped once with
 * PTRACE_INTERRUPT and then resumed to the next syscall stop; the kernel
 * decodes the stop for us (PTRACE_GET_SYSCALL_INFO). No kill-on-exit: if
 * dscope dies, the kernel detaches and the tracee runs on.
 *
 * Stops that are not syscalls: group-stops are left stopped
 * (PTRACE_LISTEN), signals are delivered as they came, new threads and
 * children report themselves and are kept or let go. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/audit.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/hashmap.h"
#include "base/xalloc.h"
#include "trace/backend.h"
#include "trace/procthreads.h"
#include "trace/seccomp.h"

struct pt_thread {
	pid_t tid, tgid;
	int resume_sig; /* signal to deliver when resumed */
	bool listen; /* in a group-stop: resume with PTRACE_LISTEN */
	bool want_exit; /* seccomp mode: stop at this syscall's exit */
	bool foreign; /* a child we do not follow: let go at its first stop */
	bool compat; /* in a syscall of another ABI (i386, x32) */
};

struct pt_backend {
	struct trace_backend base;
	struct hashmap threads; /* tid -> struct pt_thread * */
	unsigned options; /* PTRACE_O_* */
	bool follow;
	bool seccomp; /* syscalls stop only where the filter says so */
	pid_t held; /* the thread of the last event, not yet resumed */
};

#define PT(b) ((struct pt_backend *)(b))

extern const struct trace_backend_ops trace_backend_ptrace;

/* PTRACE_GET_SYSCALL_INFO, which the backend relies on, came with
 * Linux 5.3. */
static int pt_probe(char *why, size_t size)
{
	struct utsname u;
	int major = 0, minor = 0;

	if (uname(&u) == 0 && sscanf(u.release, "%d.%d", &major, &minor) == 2 &&
	    (major < 5 || (major == 5 && minor < 3))) {
		snprintf(why, size,
			 "Linux %d.%d has no PTRACE_GET_SYSCALL_INFO (5.3 or later "
			 "is needed)",
			 major, minor);
		return -ENOSYS;
	}
	return 0;
}

static struct trace_backend *
pt_create(const struct trace_backend_setup *setup, char *why, size_t size)
{
	struct pt_backend *b = xcalloc(1, sizeof(*b));

	(void)setup; /* times: the clock is read at each event anyway */
	(void)why;
	(void)size;
	hashmap_init(&b->threads);
	b->base.ops = &trace_backend_ptrace;
	return &b->base;
}

static struct pt_thread *thread_get(struct pt_backend *b, pid_t tid)
{
	return hashmap_get(&b->threads, (uint64_t)tid);
}

static struct pt_thread *thread_add(struct pt_backend *b, pid_t tid,
				    pid_t tgid)
{
	struct pt_thread *t = thread_get(b, tid);

	if (!t) {
		t = xcalloc(1, sizeof(*t));
		t->tid = tid;
		hashmap_put(&b->threads, (uint64_t)tid, t);
	}
	t->tgid = tgid;
	return t;
}

static void thread_remove(struct pt_backend *b, pid_t tid)
{
	free(hashmap_remove(&b->threads, (uint64_t)tid));
	if (b->held == tid)
		b->held = 0;
}

static bool group_traced(const struct pt_backend *b, pid_t tgid, pid_t self);
static bool is_gone(pid_t tid);

static unsigned options_for(unsigned flags, bool seccomp)
{
	unsigned o = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC |
		     PTRACE_O_TRACECLONE;

	if (flags & TRACE_FOLLOW_FORKS)
		o |= PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK;
	if (seccomp)
		o |= PTRACE_O_TRACESECCOMP;
	return o;
}

/* Why seizing pid failed: another tracer, or not allowed. */
static int seize_error(pid_t tid, int err)
{
	if (err == EPERM && procthreads_tracer(tid) > 0)
		return -EBUSY;
	return -err;
}

static int pt_attach(struct trace_backend *base, pid_t pid, unsigned flags)
{
	struct pt_backend *b = PT(base);
	pid_t tgid = procthreads_tgid(pid);
	bool progress = true;
	size_t seized = 0;

	if (tgid < 0)
		return tgid;
	if (group_traced(b, tgid, 0))
		return 0; /* named twice */
	b->follow = b->follow || (flags & TRACE_FOLLOW_FORKS);
	b->options = options_for(b->follow ? TRACE_FOLLOW_FORKS : 0,
				 b->seccomp);
	/* Threads created while we seize are seen on the next listing
	 * (those created by a seized thread are attached by the kernel). */
	while (progress) {
		pid_t *tids = NULL;
		size_t n = 0;
		int err = procthreads_list(tgid, &tids, &n);

		if (err)
			return seized ? 0 : err;
		progress = false;
		for (size_t i = 0; i < n; i++) {
			if (thread_get(b, tids[i]))
				continue;
			if (ptrace(PTRACE_SEIZE, tids[i], 0,
				   (unsigned long)b->options) != 0) {
				int e = errno;

				pid_t failed = tids[i];

				/* a thread that just ended, or a zombie leader
				 * whose other threads go on */
				if (e == ESRCH || (e == EPERM && is_gone(failed)))
					continue;
				if (e == EPERM && procthreads_tracer(failed) == getpid()) {
					/* created by a seized thread: the
					 * kernel attached it for us */
					thread_add(b, failed, tgid);
					continue;
				}
				free(tids);
				return seized ? 0 : seize_error(failed, e);
			}
			thread_add(b, tids[i], tgid);
			ptrace(PTRACE_INTERRUPT, tids[i], 0, 0);
			seized++;
			progress = true;
		}
		free(tids);
	}
	return seized ? 0 : -ESRCH;
}

static int pt_spawn(struct trace_backend *base, char *const argv[],
		    const struct trace_spawn_options *opts, pid_t *pidp)
{
	struct pt_backend *b = PT(base);
	int status;
	pid_t pid;

	b->follow = b->follow || (opts->flags & TRACE_FOLLOW_FORKS);
	b->seccomp = opts->only != NULL;
	b->options = options_for(b->follow ? TRACE_FOLLOW_FORKS : 0,
				 b->seccomp);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		/* Wait until the tracer holds us, so the filter's first
		 * SECCOMP_RET_TRACE finds a tracer (without one it fails the
		 * call with ENOSYS). */
		raise(SIGSTOP);
		static const char no_filter[] =
			"dscope: cannot install the seccomp filter (try --no-seccomp)\n";
		static const char no_exec[] = "dscope: cannot execute the command\n";

		if (opts->only && seccomp_install(opts->only) != 0) {
			(void)!write(2, no_filter, sizeof(no_filter) - 1);
			_exit(126);
		}
		execv(argv[0], argv);
		(void)!write(2, no_exec, sizeof(no_exec) - 1);
		_exit(127);
	}
	if (waitpid(pid, &status, WUNTRACED) != pid || !WIFSTOPPED(status)) {
		int e = errno;

		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		return e ? -e : -ECHILD;
	}
	if (ptrace(PTRACE_SEIZE, pid, 0, (unsigned long)b->options) != 0) {
		int e = errno;

		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		return -e;
	}
	thread_add(b, pid, pid);
	kill(pid, SIGCONT);
	*pidp = pid;
	return 0;
}

static long resume_request(const struct pt_thread *t, const struct pt_backend *b)
{
	if (t->listen)
		return PTRACE_LISTEN;
	return b->seccomp && !t->want_exit ? PTRACE_CONT : PTRACE_SYSCALL;
}

static void resume(struct pt_backend *b, struct pt_thread *t)
{
	int sig = t->resume_sig;

	t->resume_sig = 0;
	/* ESRCH: killed meanwhile; its exit is reported by waitpid */
	ptrace(resume_request(t, b), t->tid, 0, (unsigned long)sig);
}

static bool is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU;
}

/* A new thread or child announced by its parent's clone event. */
static void note_new_task(struct pt_backend *b, struct pt_thread *parent,
			  int event)
{
	unsigned long msg = 0;
	pid_t tid, tgid;
	struct pt_thread *t;

	if (ptrace(PTRACE_GETEVENTMSG, parent->tid, 0, &msg) != 0)
		return;
	tid = (pid_t)msg;
	tgid = event == PTRACE_EVENT_CLONE ? procthreads_tgid(tid) : tid;
	if (tgid < 0)
		tgid = parent->tgid; /* gone already: it does not matter */
	t = thread_add(b, tid, tgid);
	t->foreign = tgid != parent->tgid && !b->follow;
}

/* Whether another thread of process tgid is traced already. */
static bool group_traced(const struct pt_backend *b, pid_t tgid, pid_t self)
{
	uint64_t key;
	void *v;

	for (size_t i = 0; hashmap_next(&b->threads, &i, &key, &v);) {
		const struct pt_thread *t = v;

		if (t->tgid == tgid && t->tid != self)
			return true;
	}
	return false;
}

static int syscall_stop(struct pt_backend *b, struct pt_thread *t,
			struct trace_event *ev)
{
	/* zeroed: valgrind 3.19 does not know that the kernel fills it */
	struct __ptrace_syscall_info info = { 0 };
	long n = ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, sizeof(info), &info);

	if (n <= 0)
		return -1;
	/* The seccomp filter sends other ABIs' calls too; their numbers
	 * mean other calls */
	if (info.op == PTRACE_SYSCALL_INFO_ENTRY ||
	    info.op == PTRACE_SYSCALL_INFO_SECCOMP)
		t->compat = info.arch != AUDIT_ARCH_X86_64;
	ev->compat = t->compat;
	switch (info.op) {
	case PTRACE_SYSCALL_INFO_ENTRY:
		ev->type = TRACE_SYSCALL_ENTER;
		ev->nr = (long)info.entry.nr;
		memcpy(ev->args, info.entry.args, sizeof(ev->args));
		return 0;
	case PTRACE_SYSCALL_INFO_SECCOMP:
		ev->type = TRACE_SYSCALL_ENTER;
		ev->nr = (long)info.seccomp.nr;
		memcpy(ev->args, info.seccomp.args, sizeof(ev->args));
		t->want_exit = true;
		return 0;
	case PTRACE_SYSCALL_INFO_EXIT:
		ev->type = TRACE_SYSCALL_EXIT;
		ev->ret = info.exit.rval;
		t->want_exit = false;
		return 0;
	}
	(void)b;
	return -1;
}

static void signal_info(pid_t tid, struct trace_event *ev)
{
	siginfo_t si;

	if (ptrace(PTRACE_GETSIGINFO, tid, 0, &si) != 0)
		return;
	ev->sig_code = si.si_code;
	ev->sig_errno = si.si_errno;
	ev->sig_pid = si.si_pid;
	ev->sig_uid = si.si_uid;
	if (ev->nr == SIGCHLD)
		ev->sig_status = si.si_status;
}

/* Handles one stop of a known thread: 1 with an event for the caller, 0
 * when it was handled here (the thread is resumed). */
static int handle_stop(struct pt_backend *b, struct pt_thread *t, int status,
		       struct trace_event *ev)
{
	int sig = WSTOPSIG(status), event = status >> 16;

	t->listen = false;
	if (sig == (SIGTRAP | 0x80)) {
		if (syscall_stop(b, t, ev) == 0)
			return 1;
	} else if (event == PTRACE_EVENT_SECCOMP) {
		if (syscall_stop(b, t, ev) == 0)
			return 1;
	} else if (event == PTRACE_EVENT_EXEC) {
		unsigned long old = 0;

		ptrace(PTRACE_GETEVENTMSG, t->tid, 0, &old);
		if ((pid_t)old != t->tid && thread_get(b, (pid_t)old)) {
			/* a non-leader exec'd: it now has the leader's tid */
			struct pt_thread *o = thread_get(b, (pid_t)old);

			t->want_exit = o->want_exit;
			thread_remove(b, (pid_t)old);
		}
		ev->type = TRACE_EXEC;
		ev->ret = (int64_t)old;
		return 1;
	} else if (event == PTRACE_EVENT_CLONE || event == PTRACE_EVENT_FORK ||
		   event == PTRACE_EVENT_VFORK) {
		note_new_task(b, t, event);
	} else if (event == PTRACE_EVENT_STOP) {
		if (is_stop_signal(sig)) {
			t->listen = true;
			ev->type = TRACE_GROUP_STOP;
			ev->nr = sig;
			return 1;
		}
		/* our interrupt, a new task's first stop, or the end of a
		 * group-stop: just go on */
	} else if (event == 0) {
		t->resume_sig = sig;
		ev->type = TRACE_SIGNAL;
		ev->nr = sig;
		signal_info(t->tid, ev);
		return 1;
	}
	resume(b, t);
	return 0;
}

static void let_go(pid_t tid, int status);

static int pt_next_event(struct trace_backend *base, struct trace_event *ev,
			 bool block)
{
	struct pt_backend *b = PT(base);

	if (b->held) {
		struct pt_thread *t = thread_get(b, b->held);

		b->held = 0;
		if (t)
			resume(b, t);
	}
	for (;;) {
		struct pt_thread *t;
		int status;
		pid_t tid;

		if (b->threads.count == 0)
			return -ECHILD;
		tid = waitpid(-1, &status, __WALL | (block ? 0 : WNOHANG));
		if (tid == 0)
			return -EAGAIN;
		if (tid < 0) {
			if (errno == EINTR)
				return -EINTR;
			return -errno;
		}
		memset(ev, 0, sizeof(*ev));
		ev->time_ns = clock_ns(CLOCK_MONOTONIC);
		ev->tid = tid;
		t = thread_get(b, tid);
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			if (!t)
				continue;
			ev->pid = t->tgid;
			ev->type = TRACE_THREAD_EXIT;
			ev->ret = status;
			thread_remove(b, tid);
			return 0;
		}
		if (!WIFSTOPPED(status))
			continue;
		if (!t) {
			/* reported before its parent's clone event */
			pid_t tgid = procthreads_tgid(tid);

			t = thread_add(b, tid, tgid > 0 ? tgid : tid);
			t->foreign = !b->follow && tgid > 0 &&
				     !group_traced(b, tgid, tid);
		}
		if (t->foreign) {
			let_go(tid, status);
			thread_remove(b, tid);
			continue;
		}
		ev->pid = t->tgid;
		if (handle_stop(b, t, status, ev)) {
			b->held = tid;
			return 0;
		}
	}
}

static ssize_t pt_read_memory(struct trace_backend *base, pid_t tid,
			      uint64_t addr, void *buf, size_t len)
{
	struct iovec local = { .iov_base = buf, .iov_len = len };
	struct iovec remote = { .iov_base = (void *)(uintptr_t)addr,
				.iov_len = len };
	ssize_t n;

	(void)base;
	n = process_vm_readv(tid, &local, 1, &remote, 1, 0);
	if (n >= 0)
		return n;
	if (errno == EFAULT)
		return -EFAULT;
	/* no process_vm_readv (seccomp'd container, old kernel): /proc */
	{
		char path[32];
		int fd, e;

		snprintf(path, sizeof(path), "/proc/%d/mem", (int)tid);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return -errno;
		n = pread(fd, buf, len, (off_t)addr);
		e = errno;
		close(fd);
		return n >= 0 ? n : -e;
	}
}

/* Lets one thread go from whatever ptrace-stop it is in, delivering the
 * signal it was stopped for (a signal-delivery stop) so none is lost. */
static void let_go(pid_t tid, int status)
{
	int sig = 0;

	/* a stop signal too: the stop it was sent for then happens */
	if ((status >> 16) == 0 && WSTOPSIG(status) != (SIGTRAP | 0x80))
		sig = WSTOPSIG(status);
	ptrace(PTRACE_DETACH, tid, 0, (unsigned long)sig);
}

/* How long detach_all waits for threads to stop before leaving the rest
 * to the kernel (a thread in uninterruptible sleep, a vfork parent
 * waiting on a stopped child): when dscope exits, the kernel detaches
 * them without stopping anything. */
#define DETACH_WAIT_MS 2000

static bool is_gone(pid_t tid)
{
	int st = procthreads_state(tid);

	/* a zombie leader never stops again: nothing to wait for */
	return st < 0 || st == 'Z' || st == 'X';
}

/* Asks every thread to stop, so it can be detached; the held one (in a
 * ptrace-stop already) is detached at once. Returns how many to wait for. */
static size_t stop_all(struct pt_backend *b)
{
	size_t pending = 0;
	uint64_t key;
	void *v;

	for (size_t i = 0; hashmap_next(&b->threads, &i, &key, &v);) {
		struct pt_thread *t = v;

		if (t->tid == b->held &&
		    ptrace(PTRACE_DETACH, t->tid, 0,
			   (unsigned long)t->resume_sig) == 0) {
			t->tid = 0;
			continue;
		}
		/* a group-stopped (LISTENing) thread cannot be detached as it
		 * is: interrupted, it traps again and stays stopped after */
		if (is_gone(t->tid) ||
		    ptrace(PTRACE_INTERRUPT, t->tid, 0, 0) != 0) {
			t->tid = 0; /* gone, or not ours any more */
			continue;
		}
		pending++;
	}
	b->held = 0;
	return pending;
}

static int pt_detach_all(struct trace_backend *base)
{
	struct pt_backend *b = PT(base);
	uint64_t start = clock_ns(CLOCK_MONOTONIC);
	size_t pending = stop_all(b);

	while (pending) {
		struct pt_thread *t;
		int status;
		pid_t tid = waitpid(-1, &status, __WALL | WNOHANG);

		if (tid < 0 && errno == EINTR)
			continue;
		if (tid < 0)
			break; /* ECHILD: the kernel has let go of everything */
		if (tid == 0) {
			struct timespec ms = { 0, 1000 * 1000 };

			if (clock_ns(CLOCK_MONOTONIC) - start > DETACH_WAIT_MS * 1000000ull)
				break;
			nanosleep(&ms, NULL);
			continue;
		}
		t = thread_get(b, tid);
		if (WIFSTOPPED(status)) {
			int event = status >> 16;
			unsigned long child = 0;

			/* a child born meanwhile reports too: wait for it */
			if ((event == PTRACE_EVENT_FORK ||
			     event == PTRACE_EVENT_VFORK ||
			     event == PTRACE_EVENT_CLONE) &&
			    ptrace(PTRACE_GETEVENTMSG, tid, 0, &child) == 0 &&
			    !thread_get(b, (pid_t)child)) {
				thread_add(b, (pid_t)child, 0);
				pending++;
			}
			let_go(tid, status);
		}
		if (t && t->tid) {
			t->tid = 0;
			pending--;
		} else if (!t) {
			/* an unknown child: let go above, nothing pending */
		}
	}
	hashmap_release_values(&b->threads, free);
	hashmap_init(&b->threads);
	return 0;
}

static void pt_free(struct trace_backend *base)
{
	struct pt_backend *b = PT(base);

	if (!b)
		return;
	hashmap_release_values(&b->threads, free);
	free(b);
}

const struct trace_backend_ops trace_backend_ptrace = {
	.name = "ptrace",
	.probe = pt_probe,
	.create = pt_create,
	.attach = pt_attach,
	.spawn = pt_spawn,
	.next_event = pt_next_event,
	.read_memory = pt_read_memory,
	.detach_all = pt_detach_all,
	.free = pt_free,
};
