/* The eBPF backend's state, shared by its two files: ebpf.c (the seam:
 * attach, spawn, events, memory) and ebpf_load.c (the loader: the
 * program loaded, attached and configured). Private to them; it needs
 * the skeleton (trace.skel.h, generated in the build directory). */
#ifndef DSCOPE_TRACE_EBPF_BACKEND_H
#define DSCOPE_TRACE_EBPF_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "base/hashmap.h"
#include "trace/backend.h"
#include "trace/ebpf_calls.h"
#include "trace/ebpf_fds.h"
#include "trace/ebpf_queue.h"
#include "trace.h"
#include "trace.skel.h"

struct eb_group {
	pid_t tgid;
	unsigned strikes;   /* poll timeouts it was seen gone */
	bool leader_exited; /* its leader ended before the other threads */
	/* for a group attached to: a pidfd of it, -1 when none, so that a
	 * group whose end was not seen is not taken for a newcomer with its
	 * pid (check_groups) */
	int pidfd;
};

struct eb_backend {
	struct trace_backend base;
	struct dscope_trace_bpf *skel;
	struct ebpf_queue queue; /* the records taken from its ring buffer */
	struct hashmap groups;	 /* tgid -> struct eb_group * */
	struct ebpf_fds fds;	 /* what the records said the fds are */
	struct ebpf_calls calls; /* the per-call events in use, if any */
	bool per_call;		 /* their programs are loaded, not the raw */
	bool times;		 /* the records carry the time (setup) */
	/* tgid -> its last name (char *), kept after it ends: a peer gone
	 * since is named by it */
	struct hashmap comms;
	/* the record of the event being decoded, in the queue, whose memory
	 * read_memory serves (NULL: none) */
	const struct dscope_rec *cur;
	size_t cur_size;
	/* with an entry whose memory the program could not read: its exit's
	 * record, already queued, where the program read it again */
	const struct dscope_rec *cur_exit;
	size_t cur_exit_size;
	uint64_t lost_seen;
	pid_t spawned;		    /* the launched command, ours to reap */
	struct trace_event pending; /* an event to return next */
	bool has_pending;
};

#define EB(b) ((struct eb_backend *)(b))

/* What can be checked without loading: BTF and the capabilities; 0, or
 * -errno and why. */
int ebpf_load_probe(char *why, size_t size);
/* Loads the program (the per-call syscall programs or the raw ones),
 * attaches it and maps its ring buffer: 0, or -1 and why. */
int ebpf_program_open(struct eb_backend *b, bool per_call, char *why,
		      size_t size);
void ebpf_program_close(struct eb_backend *b);
/* The kernel's -e trace= bitmap (NULL: every call); 0 or -errno. */
int ebpf_set_syscalls(struct eb_backend *b,
		      const struct trace_syscall_set *set);
/* The fd-table generations (bpf/trace.bpf.c's fd_gen, ebpf_fdgen.c):
 * kept when every call's exit runs the program (no -e set), which then
 * knows of each call that may change an fd. */
void ebpf_fd_gen_configure(struct eb_backend *b, bool kept);
/* A group joins the trace: what its pid's slot said of fds is forgotten,
 * and not trusted at all while it holds an io_uring fd. */
void ebpf_fd_gen_group(struct eb_backend *b, pid_t tgid);
/* Group-stop records for the stopped threads of tgid (0: none), and
 * dscope's own pid as the kernel sees it (bss reader_tgid). */
void ebpf_run_task_iterator(struct eb_backend *b, pid_t tgid);
/* With the per-call programs loaded, attaches them to set's calls, or
 * loads the raw ones where the kernel refuses; 0 or -errno. */
int ebpf_attach_calls(struct eb_backend *b,
		      const struct trace_syscall_set *set);

#endif
