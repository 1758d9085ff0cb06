/* The eBPF backend's choice of syscall events: see ebpf_calls.h. */
#include "trace/ebpf_calls.h"

#include <bpf/libbpf.h>
#include <errno.h>
#include <linux/perf_event.h>
#include <sys/syscall.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decode/syscall_table.h"
#include "trace/tracefs.h"
#include "trace.skel.h"

/* The calls whose entry point (the kernel's syscall table, fourth column)
 * is not sys_NAME: their events are named after the entry point. */
static const struct {
	const char *name, *event;
} entry_points[] = {
	{ "stat", "newstat" },	 { "fstat", "newfstat" },
	{ "lstat", "newlstat" }, { "sendfile", "sendfile64" },
	{ "uname", "newuname" }, { "umount2", "umount" },
};

static const char *event_name(const char *name)
{
	for (size_t i = 0; i < sizeof(entry_points) / sizeof(*entry_points);
	     i++)
		if (strcmp(entry_points[i].name, name) == 0)
			return entry_points[i].event;
	return name;
}

bool ebpf_calls_fit(struct ebpf_calls *c, const struct trace_syscall_set *set)
{
	enum syscall_arch arch = syscall_arch_native();
	char names[2 * EBPF_CALLS_MAX][80];
	const char *events[2 * EBPF_CALLS_MAX];
	long ids[2 * EBPF_CALLS_MAX];
	size_t count = 0;

	c->nevents = 0;
	for (long nr = 0; nr < TRACE_SYSCALL_MAX; nr++) {
		const char *name;

		if (!trace_syscall_set_has(set, nr))
			continue;
		name = syscall_table_name(arch, nr);
		if (!name || count == EBPF_CALLS_MAX)
			return false;
		snprintf(names[2 * count], sizeof(*names), "sys_enter_%s",
			 event_name(name));
		snprintf(names[2 * count + 1], sizeof(*names), "sys_exit_%s",
			 event_name(name));
		events[2 * count] = names[2 * count];
		events[2 * count + 1] = names[2 * count + 1];
		c->events[count++].nr = nr;
	}
	if (count == 0 ||
	    tracefs_event_ids("syscalls", events, 2 * count, ids) != 0)
		return false;
	for (size_t i = 0; i < count; i++) {
		c->events[i].enter = ids[2 * i];
		c->events[i].exit = ids[2 * i + 1];
		if (ids[2 * i] < 0 || ids[2 * i + 1] < 0)
			return false;
	}
	c->nevents = count;
	return true;
}

/* Attaches prog to the trace event of that id, as libbpf would but for
 * the id, which tracefs_event_ids found: 0, or -errno. */
static int attach_one(struct ebpf_calls *c, struct bpf_program *prog, long id)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_TRACEPOINT,
		.size = sizeof(attr),
		.config = (__u64)id,
		.sample_period = 1,
		.wakeup_events = 1,
	};
	struct bpf_link *link;
	int fd, err;

	fd = (int)syscall(SYS_perf_event_open, &attr, -1, 0, -1,
			  PERF_FLAG_FD_CLOEXEC);
	if (fd < 0)
		return -errno;
	link = bpf_program__attach_perf_event(prog, fd);
	if (!link) {
		err = errno ? -errno : -ENOENT;
		close(fd);
		return err;
	}
	c->links[c->n++] = link;
	return 0;
}

static const struct ebpf_call_event *event_of(const struct ebpf_calls *c,
					      long nr)
{
	for (size_t i = 0; i < c->nevents; i++)
		if (c->events[i].nr == nr)
			return &c->events[i];
	return NULL;
}

int ebpf_calls_narrow(struct ebpf_calls *c, struct dscope_trace_bpf *skel,
		      const struct trace_syscall_set *set)
{
	for (long nr = 0; nr < TRACE_SYSCALL_MAX; nr++) {
		const struct ebpf_call_event *ev;
		int err;

		if (!trace_syscall_set_has(set, nr))
			continue;
		ev = event_of(c, nr);
		if (!ev) { /* not the set ebpf_calls_fit was asked of */
			ebpf_calls_release(c);
			return 0;
		}
		err = attach_one(c, skel->progs.dscope_call_enter, ev->enter);
		if (!err)
			err = attach_one(c, skel->progs.dscope_call_exit,
					 ev->exit);
		if (err) { /* a kernel without that event, or none */
			ebpf_calls_release(c);
			return err == -ENOENT ? 0 : err;
		}
	}
	__atomic_store_n(&skel->bss->per_call_events, true, __ATOMIC_SEQ_CST);
	return 1;
}

static int compare_ints(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* In a child: closes every fd but the n sorted in keep (the last one a
 * pipe's read end), waits for the parent to close the pipe's other end,
 * then closes the rest, the last of each link, and ends. Async-signal-safe
 * calls only. */
static _Noreturn void close_slowly(const int *keep, size_t n)
{
	unsigned from = 0;
	char c;

	for (size_t i = 0; i < n; i++) {
		if ((unsigned)keep[i] > from)
			close_range(from, (unsigned)keep[i] - 1, 0);
		from = (unsigned)keep[i] + 1;
	}
	close_range(from, ~0u, 0);
	while (read(keep[n - 1], &c, 1) < 0 && errno == EINTR)
		;
	for (size_t i = 0; i + 1 < n; i++)
		close(keep[i]);
	_exit(0);
}

/* Ending a per-call link makes the kernel wait for a grace period (tens
 * of ms each, one after the other: a second for a dozen calls). A child
 * holding copies of their fds ends them once dscope has let go of its
 * own, in the background; the programs do nothing meanwhile (the traced
 * groups left their map). Returns the pipe's write end to close after
 * the links (-1: no child; the closes are as slow as ever). */
static int release_in_child(const struct ebpf_calls *c)
{
	int fds[2 * EBPF_CALLS_MAX + 1], p[2];
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) != 0)
		return -1;
	for (size_t i = 0; i < c->n; i++)
		fds[i] = bpf_link__fd(c->links[i]);
	qsort(fds, c->n, sizeof(*fds), compare_ints);
	/* the read end after the links, so that the order stays sorted */
	if (p[0] < fds[c->n - 1]) {
		int high = fcntl(p[0], F_DUPFD_CLOEXEC, fds[c->n - 1] + 1);

		close(p[0]);
		p[0] = high;
	}
	if (p[0] < 0) {
		close(p[1]);
		return -1;
	}
	fds[c->n] = p[0];
	pid = fork();
	if (pid == 0)
		close_slowly(fds, c->n + 1);
	close(p[0]);
	if (pid < 0) {
		close(p[1]);
		return -1;
	}
	return p[1];
}

void ebpf_calls_release(struct ebpf_calls *c)
{
	int go = c->n > 0 ? release_in_child(c) : -1;

	for (size_t i = 0; i < c->n; i++)
		bpf_link__destroy(c->links[i]);
	c->n = 0;
	if (go >= 0)
		close(go);
}
