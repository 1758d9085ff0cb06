/* What the eBPF program said the traced fds are: the program sends an
 * fd's text (what /proc/PID/fd/N reads) only when it changed, so the last
 * one a record said is kept per (tgid, fd), in record order, and dropped
 * when a close() of it works and at the group's end. */
#ifndef DSCOPE_TRACE_EBPF_FDS_H
#define DSCOPE_TRACE_EBPF_FDS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "base/hashmap.h"
#include "trace/backend.h"
#include "trace.h"

struct ebpf_fds {
	struct hashmap fds;	/* tgid << 32 | fd -> struct ebpf_fd * */
	struct hashmap closing; /* tid -> 1 + the fd its close() closes */
	long nr_close;
	uint64_t versions; /* what the fds were learned: their count */
};

void ebpf_fds_init(struct ebpf_fds *t);
void ebpf_fds_release(struct ebpf_fds *t);
/* Takes what a syscall record says of its fds (and of a close). */
void ebpf_fds_learn(struct ebpf_fds *t, const struct dscope_rec *r,
		    size_t size);
/* Fills seen (its backend member aside) with what fd of pid was: 0, or
 * -ENOENT when no record said. The text lives until the table changes. */
int ebpf_fds_seen(const struct ebpf_fds *t, pid_t pid, int fd,
		  struct fd_seen *seen);
/* The other end of fd of pid among the fds the records named: another fd
 * of the same pipe, the fd of a unix socket's peer, or the TCP/UDP socket
 * with its addresses swapped. 0, or -ENOENT. */
int ebpf_fds_peer(const struct ebpf_fds *t, pid_t pid, int fd, pid_t *peer_pid,
		  int *peer_fd);
/* pid exec'd: its close-on-exec fds are gone, but the program still
 * knows the others as they were and says an fd again only when it
 * changes. So what the records said is kept, for its fds' use, but no
 * longer offered as the other end of others' fds. */
void ebpf_fds_exec(struct ebpf_fds *t, pid_t pid);
/* Every fd of pid: it ended. */
void ebpf_fds_forget_pid(struct ebpf_fds *t, pid_t pid);

#endif
