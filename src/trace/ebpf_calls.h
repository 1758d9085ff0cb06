/* Which kernel events run the eBPF backend's syscall programs. By default
 * the raw ones, raw_syscalls:sys_enter and sys_exit, which every syscall
 * of every process crosses. When -e trace= names a few calls, the per-call
 * events syscalls:sys_enter_NAME and sys_exit_NAME instead: the calls not
 * asked for then run no program at all, only the kernel's test of a
 * bitmap. The per-call events never see a 32-bit (ia32, x32) call; with
 * -e trace= the raw ones do not keep them either (the set names native
 * numbers). */
#ifndef DSCOPE_TRACE_EBPF_CALLS_H
#define DSCOPE_TRACE_EBPF_CALLS_H

#include <stdbool.h>
#include <stddef.h>

#include "trace/backend.h"

struct dscope_trace_bpf;
struct bpf_link;

/* Few enough calls for their own events: more, and the raw events are
 * used (each call takes two perf events, and a broad set saves little). */
#define EBPF_CALLS_MAX 32

/* A call's entry and exit events, by their tracefs ids. */
struct ebpf_call_event {
	long nr, enter, exit;
};

struct ebpf_calls {
	struct bpf_link *links[2 * EBPF_CALLS_MAX];
	size_t n; /* 0: the raw events */
	struct ebpf_call_event events[EBPF_CALLS_MAX]; /* ebpf_calls_fit's */
	size_t nevents;
};

/* Whether set's calls can have their own events (few enough, each with
 * an event in tracefs), remembering the events' ids in c: the per-call
 * programs are loaded only then. */
bool ebpf_calls_fit(struct ebpf_calls *c, const struct trace_syscall_set *set);
/* Attaches the programs to the per-call events of set's calls (the raw
 * ones, if attached, leave at once from then on). 1 when done; 0 when
 * the raw events are to be used (too many calls, or the kernel lacks an
 * event); -errno on another failure. */
int ebpf_calls_narrow(struct ebpf_calls *c, struct dscope_trace_bpf *skel,
		      const struct trace_syscall_set *set);
/* Destroys the per-call links (the raw ones are the skeleton's); the
 * kernel's slow part of it is left to a child that outlives dscope. */
void ebpf_calls_release(struct ebpf_calls *c);

#endif
