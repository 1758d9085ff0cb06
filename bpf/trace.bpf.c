// SPDX-License-Identifier: GPL-2.0
/* dscope trace's eBPF program: syscall entries and exits of the traced
 * thread groups, as fixed-size records in one ring buffer. CO-RE: built
 * once against a vmlinux.h, it loads on any kernel with BTF.
 *
 * Every syscall of every process on the machine runs sys_enter and
 * sys_exit, so their first job is to leave at once when the caller is not
 * traced: one hash lookup. Then the -e trace= bitmap: an unmatched call
 * leaves no record at all. No memory is read yet (step 2 of issue 7:
 * payloads captured at syscall exit). */
#include "vmlinux.h"

#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "trace.h"

char LICENSE[] SEC("license") = "GPL";

#define TS_COMPAT 0x0002 /* arch/x86/include/asm/thread_info.h */
#define X32_SYSCALL_BIT 0x40000000

/* Set by the loader before the program is loaded. */
const volatile __u64 wakeup_bytes = DSCOPE_WAKEUP_BYTES;

/* tgid -> enum dscope_tgid_flags */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, DSCOPE_MAX_TGIDS);
	__type(key, __u32);
	__type(value, __u32);
} tgids SEC(".maps");

/* The -e trace= set, 64 syscalls a word; word DSCOPE_SYSCALL_WORDS is
 * non-zero when every call is traced (numbers past the bitmap and other
 * ABIs' calls included). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, DSCOPE_SYSCALL_WORDS + 1);
	__type(key, __u32);
	__type(value, __u64);
} syscalls SEC(".maps");

/* Records that found the ring buffer full. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} lost SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, DSCOPE_RINGBUF_DEFAULT);
} rb SEC(".maps");

static __always_inline bool wanted(long nr, bool compat)
{
	__u32 key;
	__u64 *word;

	if (!compat && nr >= 0 && nr < DSCOPE_SYSCALL_MAX) {
		key = (__u32)nr / 64;
		word = bpf_map_lookup_elem(&syscalls, &key);
		return word && (*word >> (nr % 64) & 1);
	}
	key = DSCOPE_SYSCALL_WORDS;
	word = bpf_map_lookup_elem(&syscalls, &key);
	return word && *word;
}

static __always_inline bool is_compat(long nr)
{
	struct task_struct *task;

	if (nr & X32_SYSCALL_BIT)
		return true;
	if (!bpf_core_field_exists(struct thread_info, status))
		return false;
	task = bpf_get_current_task_btf();
	return task->thread_info.status & TS_COMPAT;
}

static __always_inline struct dscope_rec *reserve(void)
{
	struct dscope_rec *r = bpf_ringbuf_reserve(&rb, sizeof(*r), 0);

	if (!r) {
		__u32 zero = 0;
		__u64 *n = bpf_map_lookup_elem(&lost, &zero);

		if (n)
			*n += 1;
	}
	return r;
}

/* Batched wake-ups: the consumer is woken only when a good amount is
 * waiting; it finds smaller amounts at its poll timeout. */
static __always_inline void submit(struct dscope_rec *r)
{
	__u64 avail = bpf_ringbuf_query(&rb, BPF_RB_AVAIL_DATA);

	bpf_ringbuf_submit(r, avail + sizeof(*r) >= wakeup_bytes
				      ? BPF_RB_FORCE_WAKEUP
				      : BPF_RB_NO_WAKEUP);
}

static __always_inline void fill(struct dscope_rec *r, __u16 type,
				 __u64 pid_tgid)
{
	r->type = type;
	r->flags = 0;
	r->tgid = pid_tgid >> 32;
	r->tid = (__u32)pid_tgid;
	r->ktime_ns = bpf_ktime_get_ns();
	r->ret = 0;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(dscope_sys_enter, struct pt_regs *regs, long id)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tgid = pid_tgid >> 32;
	struct dscope_rec *r;
	bool compat;

	if (!bpf_map_lookup_elem(&tgids, &tgid))
		return 0;
	compat = is_compat(id);
	if (!wanted(id, compat))
		return 0;
	r = reserve();
	if (!r)
		return 0;
	fill(r, DSCOPE_REC_ENTER, pid_tgid);
	r->flags = compat ? DSCOPE_REC_COMPAT : 0;
	r->nr = (__s32)id;
	r->args[0] = regs->di;
	r->args[1] = regs->si;
	r->args[2] = regs->dx;
	r->args[3] = regs->r10;
	r->args[4] = regs->r8;
	r->args[5] = regs->r9;
	submit(r);
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(dscope_sys_exit, struct pt_regs *regs, long ret)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tgid = pid_tgid >> 32;
	struct dscope_rec *r;
	bool compat;
	long nr;

	if (!bpf_map_lookup_elem(&tgids, &tgid))
		return 0;
	nr = regs->orig_ax;
	compat = is_compat(nr);
	/* rt_sigreturn sets orig_ax to -1: its exit always goes */
	if (nr >= 0 && !wanted(nr, compat))
		return 0;
	r = reserve();
	if (!r)
		return 0;
	fill(r, DSCOPE_REC_EXIT, pid_tgid);
	r->flags = compat ? DSCOPE_REC_COMPAT : 0;
	r->nr = (__s32)nr;
	r->ret = ret;
	submit(r);
	return 0;
}

/* A new task: threads are traced with their group; with -f a child
 * process of a followed group is added to the map before it first runs. */
SEC("tp_btf/sched_process_fork")
int BPF_PROG(dscope_fork, struct task_struct *parent, struct task_struct *child)
{
	__u32 ptgid = parent->tgid, ctgid = child->tgid;
	__u32 *flags = bpf_map_lookup_elem(&tgids, &ptgid);
	struct dscope_rec *r;
	__u32 f;

	if (!flags || ctgid == ptgid || !(*flags & DSCOPE_TGID_FOLLOW))
		return 0;
	f = *flags;
	if (bpf_map_update_elem(&tgids, &ctgid, &f, BPF_NOEXIST) != 0)
		return 0;
	r = reserve();
	if (!r)
		return 0;
	fill(r, DSCOPE_REC_FORK, (__u64)ctgid << 32 | ctgid);
	r->ret = ptgid;
	bpf_ringbuf_submit(r, 0); /* rare, and the loader must learn of it */
	return 0;
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(dscope_exec, struct task_struct *p, pid_t old_pid)
{
	__u32 tgid = p->tgid;
	struct dscope_rec *r;

	if (!bpf_map_lookup_elem(&tgids, &tgid))
		return 0;
	r = reserve();
	if (!r)
		return 0;
	fill(r, DSCOPE_REC_EXEC, (__u64)tgid << 32 | (__u32)p->pid);
	r->ret = old_pid;
	submit(r);
	return 0;
}

/* Every thread's end. The last one of its group (signal->live has
 * dropped to 0) takes the group out of the map: its pid may come back as
 * someone else. */
SEC("tp_btf/sched_process_exit")
int BPF_PROG(dscope_exit, struct task_struct *p)
{
	__u32 tgid = p->tgid;
	struct dscope_rec *r;
	bool dead;

	if (!bpf_map_lookup_elem(&tgids, &tgid))
		return 0;
	dead = BPF_CORE_READ(p, signal, live.counter) == 0;
	if (dead)
		bpf_map_delete_elem(&tgids, &tgid);
	r = reserve();
	if (!r)
		return 0;
	fill(r, DSCOPE_REC_THREAD_EXIT, (__u64)tgid << 32 | (__u32)p->pid);
	r->flags = dead ? DSCOPE_REC_GROUP_DEAD : 0;
	r->ret = p->exit_code;
	bpf_ringbuf_submit(r, 0);
	return 0;
}
