/* The one header shared by the eBPF program (bpf/trace.bpf.c) and its
 * loader (src/trace/ebpf.c): the record layout, the map sizes and the
 * flags. Both sides see the same fixed-size types. */
#ifndef DSCOPE_BPF_TRACE_H
#define DSCOPE_BPF_TRACE_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

/* Traced thread groups at once (attached, spawned and, with -f, their
 * descendants). */
#define DSCOPE_MAX_TGIDS 8192
/* Syscall numbers the -e trace= bitmap covers (TRACE_SYSCALL_MAX). */
#define DSCOPE_SYSCALL_MAX 1024
#define DSCOPE_SYSCALL_WORDS (DSCOPE_SYSCALL_MAX / 64)
/* The ring buffer's default size (a power of two, in bytes); the loader
 * may change it (DSCOPE_EBPF_RINGBUF, for tests). */
#define DSCOPE_RINGBUF_DEFAULT (8u << 20)
/* A consumer is woken when this much is waiting; below it the loader
 * finds the records at its next poll timeout. */
#define DSCOPE_WAKEUP_BYTES (64u << 10)

enum dscope_rec_type {
	DSCOPE_REC_ENTER = 1, /* nr, args */
	DSCOPE_REC_EXIT, /* nr (orig_ax: -1 after rt_sigreturn), ret */
	DSCOPE_REC_FORK, /* a followed child: tgid is the child's, ret the parent's tgid */
	DSCOPE_REC_EXEC, /* ret: the tid that called execve */
	DSCOPE_REC_THREAD_EXIT, /* ret: the wait status; flags GROUP_DEAD */
};

enum dscope_rec_flags {
	DSCOPE_REC_COMPAT = 1 << 0, /* a syscall of another ABI (i386, x32) */
	DSCOPE_REC_GROUP_DEAD = 1 << 1, /* the last thread of its group */
};

/* The values of the tgids map. */
enum dscope_tgid_flags {
	DSCOPE_TGID_FOLLOW = 1 << 0, /* its children are traced too */
};

struct dscope_rec {
	__u16 type; /* enum dscope_rec_type */
	__u16 flags; /* enum dscope_rec_flags */
	__s32 nr;
	__u32 tgid, tid;
	__u64 ktime_ns; /* bpf_ktime_get_ns: CLOCK_MONOTONIC */
	__s64 ret;
	__u64 args[6]; /* at entry only */
};

#endif
