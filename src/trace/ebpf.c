/* The eBPF backend: bpf/trace.bpf.c, loaded through its libbpf skeleton,
 * sees the syscalls of the traced thread groups on the raw syscall
 * tracepoints and sends records through a ring buffer (80 bytes, more
 * with the memory and fd names they carry); this file turns them into
 * trace events. The tracee is never stopped: no
 * ptrace at all. Which processes are traced is a map of tgids in the
 * kernel (children join it in the kernel with -f); the -e trace= set is a
 * bitmap there too, so an unmatched call leaves no record.
 *
 * Memory: the program captures what the decoders of a call read (its
 * capture plan, in the captures map), at entry what the caller gave and at
 * exit what the kernel wrote; read_memory serves the decoders from the
 * pieces of the record of the event being decoded (ebpf_records.c walks
 * them). What was not captured reads as -EIO, and the decoder prints the
 * address. What the records say of fds is kept by ebpf_fds.c; the
 * records wait in ebpf_queue.c's queue, copied out of the ring. The
 * program is loaded and configured by ebpf_load.c. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "base/hashmap.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "proc/procfs.h"
#include "trace/ebpf_backend.h"
#include "trace/ebpf_records.h"
#include "trace/procthreads.h"

/* How long a blocking wait sleeps before it looks for records that came
 * without a wake-up (the program wakes the reader only for batches). */
#define POLL_MS 50
/* A traced group seen gone at this many poll timeouts in a row, with no
 * record of its end (lost), is dropped. */
#define GONE_STRIKES 2
/* How long the entry of a call whose memory could not be read waits for
 * the call's exit, which reads it again (most calls return in
 * microseconds; one that blocks shows the addresses). */
#define EXIT_WAIT_MS 20

extern const struct trace_backend_ops trace_backend_ebpf;

static void eb_free(struct trace_backend *base);

static struct trace_backend *eb_create(const struct trace_backend_setup *setup,
				       char *why, size_t size)
{
	const struct trace_syscall_set *filter = setup->filter;
	struct eb_backend *b = xcalloc(1, sizeof(*b));

	b->base.ops = &trace_backend_ebpf;
	hashmap_init(&b->groups);
	hashmap_init(&b->comms);
	ebpf_fds_init(&b->fds);
	ebpf_queue_init(&b->queue);
	b->times = setup->times;
	if (ebpf_program_open(b, filter && ebpf_calls_fit(&b->calls, filter), why, size) != 0)
		goto fail;
	/* the records' pids are the kernel's: in a pid namespace of its own
	 * dscope would look for other processes than the ones it names */
	ebpf_run_task_iterator(b, 0);
	if (b->skel->bss->reader_tgid &&
	    (pid_t)b->skel->bss->reader_tgid != getpid()) {
		snprintf(why, size,
			 "dscope runs in a pid namespace of its own (it is "
			 "pid %d here, %u to the kernel), and the eBPF "
			 "program sees the kernel's pids",
			 (int)getpid(), b->skel->bss->reader_tgid);
		goto fail;
	}
	return &b->base;
fail:
	eb_free(&b->base);
	return NULL;
}

static const char *eb_describe(struct trace_backend *base)
{
	struct eb_backend *b = EB(base);
	static char text[64];

	if (b->calls.n == 0)
		return "raw syscall events (every call runs the program)";
	snprintf(text, sizeof(text), "per-call syscall events, %zu call%s",
		 b->calls.n / 2, b->calls.n == 2 ? "" : "s");
	return text;
}

static int eb_filter(struct trace_backend *base,
		     const struct trace_syscall_set *set)
{
	struct eb_backend *b = EB(base);
	int err = ebpf_set_syscalls(b, set);

	return err ? err : ebpf_attach_calls(b, set);
}

static int eb_fd_target(struct trace_backend *base, pid_t pid, int fd,
			struct fd_seen *seen)
{
	struct eb_backend *b = EB(base);
	bool named = b->cur && (pid_t)b->cur->tgid == pid &&
		     record_names_fd(b->cur, b->cur_size, fd);

	/* the record named it with no file: not open at the call */
	if (ebpf_fds_seen(&b->fds, pid, fd, seen) != 0)
		return named ? -EBADF : -ENOENT;
	seen->backend = base;
	return named;
}

static int eb_fd_peer(struct trace_backend *base, pid_t pid, int fd,
		      pid_t *peer_pid, int *peer_fd)
{
	return ebpf_fds_peer(&EB(base)->fds, pid, fd, peer_pid, peer_fd);
}

/* Keeps the name of tgid (up to 15 bytes: a comm; NULL keeps none). */
static void comm_set(struct eb_backend *b, pid_t tgid, const char *comm)
{
	if (!comm)
		return;
	free(hashmap_get(&b->comms, (uint64_t)tgid));
	hashmap_put(&b->comms, (uint64_t)tgid, xstrndup(comm, 15));
}

/* The name of tgid as /proc says now, at attach. */
static void comm_read(struct eb_backend *b, pid_t tgid)
{
	struct strbuf sb = STRBUF_INIT;
	char path[40];

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)tgid);
	if (procfs_read_at(AT_FDCWD, path, &sb) == 0) {
		sb.buf[strcspn(sb.buf, "\n")] = '\0';
		comm_set(b, tgid, sb.buf);
	}
	strbuf_release(&sb);
}

static const char *eb_comm(struct trace_backend *base, pid_t pid)
{
	return hashmap_get(&EB(base)->comms, (uint64_t)pid);
}

static struct eb_group *group_add(struct eb_backend *b, pid_t tgid)
{
	struct eb_group *g = hashmap_get(&b->groups, (uint64_t)tgid);

	if (!g) {
		g = xcalloc(1, sizeof(*g));
		g->tgid = tgid;
		g->pidfd = -1;
		hashmap_put(&b->groups, (uint64_t)tgid, g);
	}
	return g;
}

static void group_free(void *v)
{
	struct eb_group *g = v;

	if (g && g->pidfd >= 0)
		close(g->pidfd);
	free(g);
}

/* The group's bit in the programs' traced_bits (shared through the
 * skeleton's mmap of .bss; the programs change other bits of the same
 * word at forks and exits, hence the atomics). */
static void traced_bit(struct eb_backend *b, pid_t tgid, bool on)
{
	__u64 bit = 1ull << ((__u32)tgid % 64);
	__u64 *word;

	if ((__u32)tgid / 64 >= DSCOPE_TGID_WORDS)
		return;
	word = &b->skel->bss->traced_bits[(__u32)tgid / 64];
	if (on)
		__atomic_fetch_or(word, bit, __ATOMIC_SEQ_CST);
	else
		__atomic_fetch_and(word, ~bit, __ATOMIC_SEQ_CST);
}

static void group_drop(struct eb_backend *b, pid_t tgid)
{
	__u32 key = (__u32)tgid;

	traced_bit(b, tgid, false);
	bpf_map_delete_elem(bpf_map__fd(b->skel->maps.tgids), &key);
	group_free(hashmap_remove(&b->groups, (uint64_t)tgid));
	ebpf_fds_forget_pid(&b->fds, tgid);
}

static int map_add(struct eb_backend *b, pid_t tgid, unsigned flags)
{
	__u32 key = (__u32)tgid;
	__u32 v = flags & TRACE_FOLLOW_FORKS ? DSCOPE_TGID_FOLLOW : 0;

	if (bpf_map_update_elem(bpf_map__fd(b->skel->maps.tgids), &key, &v,
				BPF_ANY) != 0)
		return errno == E2BIG ? -ENOSPC : -errno;
	traced_bit(b, tgid, true);
	ebpf_fd_gen_group(b, tgid);
	group_add(b, tgid);
	return 0;
}

/* Whether a thread of the group still runs (a zombie leader may have
 * live threads). */
static bool group_alive(const struct eb_group *g)
{
	struct pollfd p = { .fd = g->pidfd, .events = POLLIN };
	pid_t tgid = g->tgid;
	pid_t *tids = NULL;
	size_t n = 0;
	bool live = false;

	/* its pidfd is readable once every thread has ended */
	if (g->pidfd >= 0)
		return !(poll(&p, 1, 0) == 1 && p.revents & POLLIN);
	if (procthreads_list(tgid, &tids, &n) != 0)
		return false;
	for (size_t i = 0; i < n && !live; i++) {
		int st = procthreads_state(tids[i]);

		live = st >= 0 && st != 'Z' && st != 'X';
	}
	free(tids);
	return live;
}

static int eb_attach(struct trace_backend *base, pid_t pid, unsigned flags)
{
	struct eb_backend *b = EB(base);
	pid_t tgid = procthreads_tgid(pid);
	struct eb_group *g;
	int err;

	if (tgid < 0)
		return tgid == -ENOENT ? -ESRCH : tgid;
	if (tgid == getpid())
		return -EINVAL; /* its own records would make more records */
	err = ebpf_attach_calls(b, NULL);
	if (!err)
		err = map_add(b, tgid, flags);
	if (err)
		return err;
	/* its pidfd, taken now, is this process even if the pid comes back
	 * as another's (-1 where there is none: the kernel's, valgrind's) */
	g = group_add(b, tgid);
	g->pidfd = (int)syscall(SYS_pidfd_open, tgid, 0);
	/* gone before it was in the map: no record would say so */
	if (g->pidfd >= 0 ? !group_alive(g) : kill(tgid, 0) != 0 && errno == ESRCH) {
		group_drop(b, tgid);
		return -ESRCH;
	}
	comm_read(b, tgid);
	if (procthreads_state(tgid) == 'T')
		ebpf_run_task_iterator(b, tgid);
	return 0;
}

/* The child waits on a pipe until it is in the map, then exec's: its
 * calls before the execve are the tracer's to hide. */
static int eb_spawn(struct trace_backend *base, char *const argv[],
		    const struct trace_spawn_options *opts, pid_t *pidp)
{
	struct eb_backend *b = EB(base);
	int p[2], err;
	pid_t pid;

	err = ebpf_attach_calls(b, NULL);
	if (err)
		return err;
	if (pipe2(p, O_CLOEXEC) != 0)
		return -errno;
	pid = fork();
	if (pid < 0) {
		err = -errno;
		close(p[0]);
		close(p[1]);
		return err;
	}
	if (pid == 0) {
		static const char no_exec[] =
			"dscope: cannot execute the command\n";
		char c;

		close(p[1]);
		if (read(p[0], &c, 1) != 1)
			_exit(127); /* dscope gave up */
		execv(argv[0], argv);
		(void)!write(2, no_exec, sizeof(no_exec) - 1);
		_exit(127);
	}
	close(p[0]);
	err = map_add(b, pid, opts->flags);
	if (err) {
		close(p[1]); /* it exits */
		waitpid(pid, NULL, 0);
		return err;
	}
	if (write(p[1], "x", 1) != 1) {
		err = -errno;
		close(p[1]);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		group_drop(b, pid);
		return err;
	}
	close(p[1]);
	b->spawned = pid;
	*pidp = pid;
	return 0;
}

/* The records' wait status of a thread group's end; the launched
 * command's from waitpid (it is reaped here). */
static int group_status(struct eb_backend *b, pid_t tgid, int status)
{
	int st;

	if (tgid != b->spawned)
		return status;
	b->spawned = 0;
	while (waitpid(tgid, &st, 0) < 0)
		if (errno != EINTR)
			return status;
	return st;
}

/* One record as an event: 1 when there is one for the caller. */
static int convert(struct eb_backend *b, const struct dscope_rec *r,
		   size_t size, struct trace_event *ev)
{
	struct eb_group *g = hashmap_get(&b->groups, (uint64_t)r->tgid);

	memset(ev, 0, sizeof(*ev));
	ev->pid = (pid_t)r->tgid;
	ev->tid = (pid_t)r->tid;
	ev->time_ns = r->ktime_ns;
	ev->compat = r->flags & DSCOPE_REC_COMPAT;
	switch (r->type) {
	case DSCOPE_REC_ENTER:
	case DSCOPE_REC_EXIT:
	case DSCOPE_REC_EXEC:
	case DSCOPE_REC_SIGNAL:
	case DSCOPE_REC_GROUP_STOP:
		if (!g) /* its fork record was lost */
			group_add(b, ev->pid);
		break;
	}
	switch (r->type) {
	case DSCOPE_REC_ENTER:
		ebpf_fds_learn(&b->fds, r, size);
		ev->type = TRACE_SYSCALL_ENTER;
		ev->nr = r->nr;
		memcpy(ev->args, r->args, sizeof(ev->args));
		return 1;
	case DSCOPE_REC_EXIT:
		ebpf_fds_learn(&b->fds, r, size);
		ev->type = TRACE_SYSCALL_EXIT;
		ev->nr = r->nr;
		ev->exit_nr = true;
		ev->ret = r->ret;
		return 1;
	case DSCOPE_REC_EXEC:
		/* close-on-exec fds are gone, the program does not know
		 * which (ebpf_fds_exec) */
		ebpf_fds_exec(&b->fds, ev->pid);
		ev->type = TRACE_EXEC;
		ev->ret = r->ret;
		return 1;
	case DSCOPE_REC_GROUP_STOP:
		ev->type = TRACE_GROUP_STOP;
		ev->nr = r->nr;
		return 1;
	case DSCOPE_REC_SIGNAL:
		ev->type = TRACE_SIGNAL;
		ev->nr = r->nr;
		ev->sig_code = (int)r->args[0];
		ev->sig_errno = (int)r->args[1];
		ev->sig_pid = (pid_t)r->args[2];
		ev->sig_uid = (uid_t)r->args[3];
		if (ev->nr == SIGCHLD)
			ev->sig_status = (int)r->args[4];
		return 1;
	case DSCOPE_REC_FORK:
		group_add(b, ev->pid);
		comm_set(b, ev->pid, hashmap_get(&b->comms, (uint64_t)r->ret));
		return 0;
	case DSCOPE_REC_COMM:
		comm_set(b, ev->pid, (const char *)r->args);
		return 0;
	case DSCOPE_REC_THREAD_EXIT:
		if (!g)
			return 0; /* a group already ended */
		ev->type = TRACE_THREAD_EXIT;
		ev->ret = r->ret;
		if (!(r->flags & DSCOPE_REC_GROUP_DEAD)) {
			/* the leader's end is told with the group's, as
			 * waitpid tells it */
			if (ev->tid == ev->pid) {
				g->leader_exited = true;
				return 0;
			}
			return 1;
		}
		ev->ret = group_status(b, ev->pid, (int)r->ret);
		ebpf_fds_forget_pid(&b->fds, ev->pid);
		if (g->leader_exited && ev->tid != ev->pid) {
			b->pending = *ev;
			b->pending.tid = ev->pid;
			b->has_pending = true;
		}
		group_free(hashmap_remove(&b->groups, (uint64_t)ev->pid));
		return 1;
	}
	return 0;
}

static uint64_t lost_total(struct eb_backend *b)
{
	return __atomic_load_n(&b->skel->bss->lost_records, __ATOMIC_RELAXED);
}


/* At a poll timeout, with nothing waiting: a group whose end was lost
 * would be waited for forever. Seen gone twice in a row: dropped. */
static void check_groups(struct eb_backend *b)
{
	pid_t gone[64];
	size_t n = 0;
	uint64_t key;
	void *v;

	for (size_t i = 0; hashmap_next(&b->groups, &i, &key, &v);) {
		struct eb_group *g = v;

		if (group_alive(g))
			g->strikes = 0;
		else if (++g->strikes >= GONE_STRIKES && n < 64)
			gone[n++] = g->tgid;
	}
	for (size_t i = 0; i < n; i++) {
		if (gone[i] == b->spawned)
			group_status(b, gone[i], 0);
		group_drop(b, gone[i]);
	}
}

/* The exit of the call whose entry (of tid) could not read its memory:
 * what the program read again there is what the entry shows. Waited for
 * a little when the call has not returned yet; NULL when it does not
 * come. */
static const struct dscope_rec *exit_of_faulted(struct eb_backend *b, __u32 tid,
						size_t *size)
{
	const struct dscope_rec *next;
	const struct timespec ms = { 0, 1000000 };

	for (int waited = 0;; waited++) {
		next = ebpf_queue_next_of(&b->queue, tid, size);
		if (next) /* the thread's next record: its exit, or not */
			return next->type == DSCOPE_REC_EXIT ? next : NULL;
		if (waited == EXIT_WAIT_MS)
			return NULL;
		if (waited)
			nanosleep(&ms, NULL);
		if (!ebpf_queue_append(&b->queue))
			return NULL;
	}
}

static int eb_next_event(struct trace_backend *base, struct trace_event *ev,
			 bool block)
{
	struct eb_backend *b = EB(base);

	for (;;) {
		const struct dscope_rec *r;
		uint64_t lost;
		size_t size;
		int rc;

		/* they point into the queue, which may start over below */
		b->cur = b->cur_exit = NULL;
		if (b->has_pending) {
			*ev = b->pending;
			b->has_pending = false;
			return 0;
		}
		while ((r = ebpf_queue_pop(&b->queue, &size))) {
			if (convert(b, r, size, ev)) {
				b->cur = r;
				b->cur_size = size;
				if (r->type == DSCOPE_REC_ENTER &&
				    record_has_faults(r, size))
					b->cur_exit = exit_of_faulted(
						b, r->tid, &b->cur_exit_size);
				return 0;
			}
			if (b->has_pending)
				break;
		}
		if (b->has_pending)
			continue;
		lost = lost_total(b);
		if (lost > b->lost_seen) {
			memset(ev, 0, sizeof(*ev));
			ev->type = TRACE_LOST;
			ev->ret = (int64_t)(lost - b->lost_seen);
			b->lost_seen = lost;
			return 0;
		}
		rc = ebpf_queue_refill(&b->queue, -1);
		if (rc < 0)
			return rc;
		if (!ebpf_queue_empty(&b->queue))
			continue;
		if (b->groups.count == 0)
			return -ECHILD;
		if (!block)
			return -EAGAIN;
		rc = ebpf_queue_refill(&b->queue, POLL_MS);
		if (rc < 0)
			return rc;
		if (rc == 0 && ebpf_queue_empty(&b->queue)) {
			/* records that came without a wake-up */
			rc = ebpf_queue_refill(&b->queue, -1);
			if (rc < 0)
				return rc;
			if (ebpf_queue_empty(&b->queue)) {
				check_groups(b);
				/* a quiet interval: the caller checks its
				 * stop flag, as after a signal, which may
				 * have come outside the poll (and --duration
				 * is one) */
				return -EINTR;
			}
		}
	}
}

/* From the memory captured with the event's record: as much of the
 * range as one piece holds (a string's reader stops at its NUL). */
static ssize_t eb_read_memory(struct trace_backend *base, pid_t tid,
			      uint64_t addr, void *buf, size_t len)
{
	struct eb_backend *b = EB(base);
	const unsigned char *p;
	size_t avail = 0;

	if (len == 0)
		return 0;
	if (!b->cur || (pid_t)b->cur->tid != tid)
		return -EIO;
	p = record_memory_at(b->cur, b->cur_size, addr, &avail);
	if (!p && b->cur_exit)
		p = record_memory_at(b->cur_exit, b->cur_exit_size, addr,
				     &avail);
	if (!p)
		return -EIO;
	if (len > avail)
		len = avail;
	memcpy(buf, p, len);
	return (ssize_t)len;
}

/* The plan's values are decode/capture.h's. */
#define SAME(a, b) ((int)(a) == (int)(b))
_Static_assert(SAME(CAPTURE_BYTES, DSCOPE_CAP_BYTES) &&
		       SAME(CAPTURE_STR, DSCOPE_CAP_STR) &&
		       SAME(CAPTURE_IOV, DSCOPE_CAP_IOV) &&
		       SAME(CAPTURE_STRV, DSCOPE_CAP_STRV) &&
		       SAME(CAPTURE_MSGHDR, DSCOPE_CAP_MSGHDR),
	       "capture kinds");
_Static_assert(SAME(CAPTURE_ENTRY, DSCOPE_CAP_ENTRY) &&
		       SAME(CAPTURE_EXIT, DSCOPE_CAP_EXIT),
	       "capture times");
_Static_assert(SAME(CAPTURE_LEN_CONST, DSCOPE_LEN_CONST) &&
		       SAME(CAPTURE_LEN_ARG, DSCOPE_LEN_ARG) &&
		       SAME(CAPTURE_LEN_RET, DSCOPE_LEN_RET) &&
		       SAME(CAPTURE_LEN_DEREF, DSCOPE_LEN_DEREF) &&
		       SAME(CAPTURE_LEN_BITS, DSCOPE_LEN_BITS) &&
		       SAME(CAPTURE_LEN_PAGE, DSCOPE_LEN_PAGE),
	       "capture lengths");
_Static_assert(SAME(CAPTURE_IOV_MAX, DSCOPE_CAP_IOV_MAX) &&
		       SAME(CAPTURE_STRV_MAX, DSCOPE_CAP_STRV_MAX),
	       "capture limits");
#undef SAME

static ssize_t eb_capture(struct trace_backend *base, long nr,
			  const struct capture_plan *p)
{
	struct eb_backend *b = EB(base);
	struct dscope_plan plan;
	__u32 key = (__u32)nr;

	if (nr < 0)
		return DSCOPE_CAP_PIECE_MAX;
	if (nr >= DSCOPE_SYSCALL_MAX || p->n < 0 || p->n > DSCOPE_PLAN_REGIONS)
		return -EINVAL;
	memset(&plan, 0, sizeof(plan));
	for (int i = 0; i < p->n; i++) {
		const struct capture_region *r = &p->r[i];
		struct dscope_region *d = &plan.r[plan.n];

		if (r->arg > 5 || r->len_arg > 5 || !r->kind)
			continue;
		d->arg = r->arg;
		d->kind = r->kind;
		d->when = r->when;
		d->len = r->len;
		d->len_arg = r->len_arg;
		d->size = r->size;
		d->max = r->max;
		plan.when |= d->when;
		plan.n++;
	}
	plan.fd_args = p->fd_args;
	plan.fd_args_exit = p->fd_args_exit;
	plan.fd_poll = p->fd_poll;
	plan.fd_sets = p->fd_sets;
	plan.fd_cmsg = p->fd_cmsg;
	plan.ret_fd = p->ret_fd == CAPTURE_RET_FD_DUPFD ? DSCOPE_RET_FD_DUPFD
			: p->ret_fd			     ? DSCOPE_RET_FD
							     : 0;
	plan.refetch = p->refetch;
	plan.fd_pair_arg = p->fd_pair_arg;
	if (bpf_map_update_elem(bpf_map__fd(b->skel->maps.captures), &key,
				&plan, BPF_ANY) != 0)
		return -errno;
	return DSCOPE_CAP_PIECE_MAX;
}

/* Nothing was ever stopped: the groups leave the map, the programs are
 * detached. */
static int eb_detach_all(struct trace_backend *base)
{
	struct eb_backend *b = EB(base);
	pid_t tgids[256];
	uint64_t key;
	void *v;

	while (b->groups.count) {
		size_t n = 0;

		for (size_t i = 0;
		     n < 256 && hashmap_next(&b->groups, &i, &key, &v);)
			tgids[n++] = (pid_t)key;
		for (size_t i = 0; i < n; i++)
			group_drop(b, tgids[i]);
	}
	ebpf_calls_release(&b->calls);
	if (b->skel)
		dscope_trace_bpf__detach(b->skel);
	ebpf_queue_clear(&b->queue);
	b->cur = b->cur_exit = NULL;
	b->has_pending = false;
	return 0;
}

static void eb_free(struct trace_backend *base)
{
	struct eb_backend *b = EB(base);

	if (!b)
		return;
	ebpf_program_close(b);
	hashmap_release_values(&b->groups, group_free);
	hashmap_release_values(&b->comms, free);
	ebpf_fds_release(&b->fds);
	ebpf_queue_release(&b->queue);
	free(b);
}

const struct trace_backend_ops trace_backend_ebpf = {
	.name = "ebpf",
	.probe = ebpf_load_probe,
	.create = eb_create,
	.attach = eb_attach,
	.spawn = eb_spawn,
	.next_event = eb_next_event,
	.filter = eb_filter,
	.capture = eb_capture,
	.fd_target = eb_fd_target,
	.comm = eb_comm,
	.describe = eb_describe,
	.fd_peer = eb_fd_peer,
	.read_memory = eb_read_memory,
	.detach_all = eb_detach_all,
	.free = eb_free,
};
