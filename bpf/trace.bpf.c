// SPDX-License-Identifier: GPL-2.0
/* dscope trace's eBPF program: syscall entries and exits of the traced
 * thread groups, as fixed-size records in one ring buffer. CO-RE: built
 * once against a vmlinux.h, it loads on any kernel with BTF.
 *
 * Every syscall of every process on the machine runs sys_enter and
 * sys_exit, so their first job is to leave at once when the caller is not
 * traced: one hash lookup. Then the -e trace= bitmap: an unmatched call
 * leaves no record at all.
 *
 * The decoders read memory that is gone when the record is read: for a
 * syscall with a capture plan (the captures map, filled by the loader
 * from decode/capture.h), the program copies those regions while the call
 * runs, what the caller gave at entry and what the kernel wrote at exit,
 * into a per-CPU scratch record sent with bpf_ringbuf_output. Calls
 * without a plan keep the fixed-size fast path. */
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

/* syscall number -> what to capture (n == 0: nothing) */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, DSCOPE_SYSCALL_MAX);
	__type(key, __u32);
	__type(value, struct dscope_plan);
} captures SEC(".maps");

/* A record with captured memory is built here, then copied out whole.
 * data has room past DATA_MAX for a last piece and the caps, so that
 * offsets masked below DATA_MAX and lengths below PIECE_MAX stay inside. */
struct scratch {
	struct dscope_rec rec;
	__u8 data[DSCOPE_CAP_DATA_MAX + DSCOPE_CAP_PIECE_MAX + 1 +
		  DSCOPE_CAP_PIECES * sizeof(struct dscope_cap)];
	struct dscope_cap caps[DSCOPE_CAP_PIECES];
	__u32 used, ncaps;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct scratch);
} scratch SEC(".maps");

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

static __always_inline void count_lost(void)
{
	__u32 zero = 0;
	__u64 *n = bpf_map_lookup_elem(&lost, &zero);

	if (n)
		*n += 1;
}

static __always_inline struct dscope_rec *reserve(void)
{
	struct dscope_rec *r = bpf_ringbuf_reserve(&rb, sizeof(*r), 0);

	if (!r)
		count_lost();
	return r;
}

/* Batched wake-ups: the consumer is woken only when a good amount is
 * waiting; it finds smaller amounts at its poll timeout. */
static __always_inline __u64 wakeup_flag(__u64 size)
{
	__u64 avail = bpf_ringbuf_query(&rb, BPF_RB_AVAIL_DATA);

	return avail + size >= wakeup_bytes ? BPF_RB_FORCE_WAKEUP
					     : BPF_RB_NO_WAKEUP;
}

static __always_inline void submit(struct dscope_rec *r)
{
	bpf_ringbuf_submit(r, wakeup_flag(sizeof(*r)));
}

static __always_inline void fill(struct dscope_rec *r, __u16 type,
				 __u64 pid_tgid)
{
	r->type = type;
	r->flags = 0;
	r->ncaps = 0;
	r->tgid = pid_tgid >> 32;
	r->tid = (__u32)pid_tgid;
	r->ktime_ns = bpf_ktime_get_ns();
	r->ret = 0;
}

/* Memory capture. The global (__noinline, not static) functions are
 * verified once each, not once per place they are called from. */

struct iovec_u {
	__u64 base, len;
};

struct msghdr_u { /* struct user_msghdr, 64-bit */
	__u64 name;
	__u32 namelen, pad0;
	__u64 iov, iovlen, control, controllen;
	__u32 flags, pad1;
};

/* Copies len bytes (a string: up to len, with its NUL) at addr into the
 * record as its next piece; the piece says why when it could not. */
__noinline int capture_piece(struct scratch *s, __u64 addr, __u32 len,
			     int str)
{
	struct dscope_cap *c;
	__u32 n, used;
	long rc;

	if (!s)
		return 0;
	n = s->ncaps;
	used = s->used;
	if (n >= DSCOPE_CAP_PIECES || used >= DSCOPE_CAP_DATA_MAX)
		return -1;
	if (len > DSCOPE_CAP_DATA_MAX - used)
		len = DSCOPE_CAP_DATA_MAX - used;
	if (len > DSCOPE_CAP_PIECE_MAX)
		len = DSCOPE_CAP_PIECE_MAX;
	/* the compiler drops a mask it proves useless; the verifier wants it */
	asm volatile("" : "+r"(len));
	len &= DSCOPE_CAP_PIECE_MAX;
	used &= DSCOPE_CAP_DATA_MAX - 1;
	c = &s->caps[n & (DSCOPE_CAP_PIECES - 1)];
	c->addr = addr;
	c->len = 0;
	c->err = 0;
	if (str)
		rc = bpf_probe_read_user_str(&s->data[used], len,
					     (const void *)addr);
	else
		rc = bpf_probe_read_user(&s->data[used], len,
					 (const void *)addr);
	if (rc < 0) {
		c->err = (__s32)rc;
	} else {
		c->len = str ? (__u32)rc : len;
		s->used = used + ((c->len + 7) & ~7u);
	}
	s->ncaps = n + 1;
	return rc < 0 ? (int)rc : 0;
}

static __always_inline __u64 min_u64(__u64 a, __u64 b)
{
	return a < b ? a : b;
}

/* The buffers of an iovec array of n entries, max bytes of each. */
__noinline int capture_iov_buffers(struct scratch *s, __u64 iov, __u64 n,
				   __u32 max)
{
	struct iovec_u v;

	for (int i = 0; i < DSCOPE_CAP_IOV_MAX; i++) {
		if (i >= n)
			break;
		if (bpf_probe_read_user(&v, sizeof(v), (const void *)(iov + i * sizeof(v))))
			break;
		capture_piece(s, v.base, (__u32)min_u64(v.len, max), 0);
	}
	return 0;
}

/* An argv array: its pointers (as far as its page goes), each string. */
__noinline int capture_strv(struct scratch *s, __u64 addr, __u32 max)
{
	__u64 p, room = 4096 - (addr & 4095);

	capture_piece(s, addr,
		      (__u32)min_u64((DSCOPE_CAP_STRV_MAX + 1) * sizeof(p), room), 0);
	for (int i = 0; i < DSCOPE_CAP_STRV_MAX; i++) {
		if (bpf_probe_read_user(&p, sizeof(p), (const void *)(addr + i * sizeof(p))) || !p)
			break;
		capture_piece(s, p, max, 1);
	}
	return 0;
}

__noinline int capture_msghdr(struct scratch *s, __u64 addr, __u32 max)
{
	struct msghdr_u m;

	if (capture_piece(s, addr, sizeof(m), 0) != 0 ||
	    bpf_probe_read_user(&m, sizeof(m), (const void *)addr))
		return 0;
	if (m.name)
		capture_piece(s, m.name,
			      (__u32)min_u64(m.namelen, DSCOPE_CAP_NAME_MAX), 0);
	if (m.iov) {
		__u64 n = min_u64(m.iovlen, DSCOPE_CAP_IOV_MAX);

		capture_piece(s, m.iov, (__u32)(n * sizeof(struct iovec_u)), 0);
		capture_iov_buffers(s, m.iov, n, max);
	}
	if (m.control)
		capture_piece(s, m.control,
			      (__u32)min_u64(m.controllen, DSCOPE_CAP_CONTROL_MAX), 0);
	return 0;
}

/* Argument indexes are masked for the verifier; the loader gives 0-5. */
static __always_inline __u64 region_units(const struct dscope_region *r,
					  const __u64 *args, __s64 ret)
{
	__u32 v;

	switch (r->len) {
	case DSCOPE_LEN_ARG:
		return args[r->len_arg & 7];
	case DSCOPE_LEN_RET:
		return ret < 0 ? 0 : (__u64)ret;
	case DSCOPE_LEN_DEREF:
		if (bpf_probe_read_user(&v, sizeof(v),
					(const void *)args[r->len_arg & 7]))
			return 0;
		return v;
	}
	return 1;
}

/* The bytes of a region, capped by its max. */
static __always_inline __u64 region_len(const struct dscope_region *r,
					const __u64 *args, __s64 ret,
					__u64 addr)
{
	__u64 bytes;

	switch (r->len) {
	case DSCOPE_LEN_BITS:
		bytes = ((args[r->len_arg & 7] & 0xffffffff) + 63) / 64 * 8;
		break;
	case DSCOPE_LEN_PAGE:
		bytes = 4096 - (addr & 4095);
		break;
	default:
		bytes = min_u64(region_units(r, args, ret), DSCOPE_CAP_PIECE_MAX) *
			(r->size ? r->size : 1);
	}
	if (r->max)
		bytes = min_u64(bytes, r->max);
	return min_u64(bytes, DSCOPE_CAP_PIECE_MAX);
}

/* Every region of the plan that is read now (when: entry or exit). */
__noinline int capture_plan(struct scratch *s, const struct dscope_plan *p,
			    __s64 ret, __u32 when)
{
	if (!s || !p)
		return 0;
	for (int i = 0; i < DSCOPE_PLAN_REGIONS; i++) {
		const struct dscope_region *r = &p->r[i];
		__u64 addr, len;
		__u32 max;

		if (i >= p->n)
			break;
		if (!(r->when & when))
			continue;
		addr = s->rec.args[r->arg & 7];
		if (!addr)
			continue;
		max = r->max ? r->max : DSCOPE_CAP_PIECE_MAX;
		switch (r->kind) {
		case DSCOPE_CAP_BYTES:
			len = region_len(r, s->rec.args, ret, addr);
			if (len)
				capture_piece(s, addr, (__u32)len, 0);
			break;
		case DSCOPE_CAP_STR:
			capture_piece(s, addr, max, 1);
			break;
		case DSCOPE_CAP_IOV:
			/* max is each buffer's, not the array's */
			len = min_u64(region_units(r, s->rec.args, ret),
				      DSCOPE_CAP_IOV_MAX);
			capture_piece(s, addr, (__u32)(len * sizeof(struct iovec_u)), 0);
			capture_iov_buffers(s, addr, len, max);
			break;
		case DSCOPE_CAP_STRV:
			capture_strv(s, addr, max);
			break;
		case DSCOPE_CAP_MSGHDR:
			capture_msghdr(s, addr, max);
			break;
		}
	}
	return 0;
}

/* The plan of a call when it has regions to read now, else NULL. */
static __always_inline const struct dscope_plan *plan_of(long nr, bool compat,
							 __u32 when)
{
	const struct dscope_plan *p;
	__u32 key = (__u32)nr;

	if (compat || nr < 0 || nr >= DSCOPE_SYSCALL_MAX)
		return NULL;
	p = bpf_map_lookup_elem(&captures, &key);
	return p && (p->when & when) ? p : NULL;
}

static __always_inline struct scratch *scratch_begin(__u16 type,
						     __u64 pid_tgid,
						     struct pt_regs *regs)
{
	__u32 zero = 0;
	struct scratch *s = bpf_map_lookup_elem(&scratch, &zero);

	if (!s)
		return NULL;
	fill(&s->rec, type, pid_tgid);
	s->rec.args[0] = regs->di;
	s->rec.args[1] = regs->si;
	s->rec.args[2] = regs->dx;
	s->rec.args[3] = regs->r10;
	s->rec.args[4] = regs->r8;
	s->rec.args[5] = regs->r9;
	s->used = 0;
	s->ncaps = 0;
	return s;
}

/* The record, its pieces' bytes and then the pieces, in one copy. */
static __always_inline void scratch_send(struct scratch *s)
{
	__u32 used = s->used & (DSCOPE_CAP_DATA_MAX * 2 - 1);
	__u32 n = s->ncaps & (DSCOPE_CAP_PIECES * 2 - 1);
	__u64 size;

	if (used > DSCOPE_CAP_DATA_MAX + DSCOPE_CAP_PIECE_MAX || n > DSCOPE_CAP_PIECES)
		return;
	bpf_probe_read_kernel(&s->data[used], n * sizeof(struct dscope_cap),
			      s->caps);
	s->rec.ncaps = (__u8)n;
	size = sizeof(s->rec) + used + n * sizeof(struct dscope_cap);
	if (bpf_ringbuf_output(&rb, s, size, wakeup_flag(size)) != 0)
		count_lost();
}

SEC("tp_btf/sys_enter")
int BPF_PROG(dscope_sys_enter, struct pt_regs *regs, long id)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tgid = pid_tgid >> 32;
	const struct dscope_plan *plan;
	struct dscope_rec *r;
	struct scratch *s;
	bool compat;

	if (!bpf_map_lookup_elem(&tgids, &tgid))
		return 0;
	compat = is_compat(id);
	if (!wanted(id, compat))
		return 0;
	plan = plan_of(id, compat, DSCOPE_CAP_ENTRY);
	if (plan) {
		s = scratch_begin(DSCOPE_REC_ENTER, pid_tgid, regs);
		if (!s)
			return 0;
		s->rec.nr = (__s32)id;
		capture_plan(s, plan, 0, DSCOPE_CAP_ENTRY);
		scratch_send(s);
		return 0;
	}
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
	const struct dscope_plan *plan;
	struct dscope_rec *r;
	struct scratch *s;
	bool compat;
	long nr;

	if (!bpf_map_lookup_elem(&tgids, &tgid))
		return 0;
	nr = regs->orig_ax;
	compat = is_compat(nr);
	/* rt_sigreturn sets orig_ax to -1: its exit always goes */
	if (nr >= 0 && !wanted(nr, compat))
		return 0;
	/* x86_64: the registers still hold the arguments at exit */
	plan = plan_of(nr, compat, DSCOPE_CAP_EXIT);
	if (plan) {
		s = scratch_begin(DSCOPE_REC_EXIT, pid_tgid, regs);
		if (!s)
			return 0;
		s->rec.nr = (__s32)nr;
		s->rec.ret = ret;
		capture_plan(s, plan, ret, DSCOPE_CAP_EXIT);
		scratch_send(s);
		return 0;
	}
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

/* A signal on its way to a handler or its default action, in the
 * receiving thread: what ptrace's signal-delivery stop reports. */
SEC("tp_btf/signal_deliver")
int BPF_PROG(dscope_signal, int sig, struct kernel_siginfo *info,
	     struct k_sigaction *ka)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tgid = pid_tgid >> 32;
	struct dscope_rec *r;

	/* SIGKILL is never seen delivered under ptrace; here it also stands
	 * for any fatal signal, which the kernel turns into SIGKILL for
	 * every thread (the exit record says which signal killed) */
	if (sig == 9 || !bpf_map_lookup_elem(&tgids, &tgid))
		return 0;
	r = reserve();
	if (!r)
		return 0;
	fill(r, DSCOPE_REC_SIGNAL, pid_tgid);
	r->nr = sig;
	/* the verifier does not trust info: read it, not load it */
	r->args[0] = (__u64)(__s64)BPF_CORE_READ(info, si_code);
	r->args[1] = (__u64)(__s64)BPF_CORE_READ(info, si_errno);
	r->args[2] = (__u64)(__s64)BPF_CORE_READ(info, _sifields._kill._pid);
	r->args[3] = BPF_CORE_READ(info, _sifields._kill._uid);
	r->args[4] = (__u64)(__s64)BPF_CORE_READ(info, _sifields._sigchld._status);
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
