// SPDX-License-Identifier: GPL-2.0
/* dscope trace's eBPF program: syscall entries and exits of the traced
 * thread groups, as fixed-size records in one ring buffer. CO-RE: built
 * once against a vmlinux.h, it loads on any kernel with BTF.
 *
 * Every syscall of every process on the machine runs sys_enter and
 * sys_exit, so their first job is to leave at once when the caller is not
 * traced: one load from the traced_bits bitmap. Then the -e trace=
 * bitmap: an unmatched call leaves no record at all.
 *
 * The decoders read memory that is gone when the record is read: for a
 * syscall with a capture plan (the captures map, filled by the loader
 * from decode/capture.h), the program copies those regions while the call
 * runs, what the caller gave at entry and what the kernel wrote at exit,
 * into a per-CPU scratch record sent with bpf_ringbuf_output. Calls
 * without a plan keep the fixed-size fast path. */
#include "vmlinux.h"

#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "trace.h"

char LICENSE[] SEC("license") = "GPL";

#define TS_COMPAT 0x0002 /* arch/x86/include/asm/thread_info.h */
#define X32_SYSCALL_BIT 0x40000000

/* Set by the loader before the program is loaded. */
const volatile __u64 wakeup_bytes = DSCOPE_WAKEUP_BYTES;
/* Whether records carry their time: only durations (-T, -c, --json) and
 * timestamps (-t) need it, and reading the clock twice is a tenth of the
 * program's work on a busy loop. */
const volatile bool with_times = true;

/* Set by the loader: the per-call programs (dscope_call_*) are the ones
 * in use, the raw ones leave at once; see src/trace/ebpf_calls.h. */
volatile bool per_call_events;

/* The traced tgids, a bit each, for the test that every syscall on the
 * machine makes: a plain load (the hash lookup below cost each call
 * about 30 ns). Set and cleared with the hash's entries, atomically: the
 * loader shares it through the skeleton's mmap of .bss. */
__u64 traced_bits[DSCOPE_TGID_WORDS];

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

/* Records that found the ring buffer full. In .bss, which the loader
 * reads through its mmap each time it has emptied the ring: a map lookup
 * there was a syscall, a sixth of its time. Shared by the CPUs, but
 * written only when the ring is full. */
__u64 lost_records;

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
	__u32 faults; /* pieces that found their page not present */
	__u64 walk_node; /* where an epoll or inotify walk is (anon_state) */
	/* a path is built here from its end, then copied into data */
	char path[DSCOPE_FD_TARGET_MAX + 256];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct scratch);
} scratch SEC(".maps");

/* The threads whose call's entry regions are to be read again at its
 * exit (tid -> 1). */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 16384);
	__type(key, __u32);
	__type(value, __u8);
} refetch SEC(".maps");

/* What each traced fd was at the last record that said it: a record
 * names an fd only when it changed, so a loop on one fd costs a lookup. */
/* file: the struct file, 0 when not open, FD_SEEN_CLOSED (no pointer)
 * when closed by a close seen since: changed whatever comes next. */
#define FD_SEEN_CLOSED 1
struct fd_seen {
	__u64 file, dentry, inode;
	__u64 sock; /* a socket's state and other end, which change; 0: not one */
	__u64 priv; /* the socket's struct socket */
	__u64 gen; /* fd_gen of its group when it was looked at */
	/* its group leader's start time: a process with the pid of one gone
	 * (whose fds user space forgot) does not have that one's fds */
	__u64 owner;
};

/* The fd tables' generations, a slot per tgid (tgids that share a slot
 * only cost each other checks): every call's exit adds one, but for the
 * calls known to leave the fd table alone (fd_keepers, set by the loader
 * when every call is traced: fd_gen_on). A fd seen at the slot's current
 * generation is then what it was, and its check needs no reads of the fd
 * table (a third of a write's cost). DSCOPE_FD_GEN_NEVER: a group of the slot
 * uses io_uring, whose requests open and close fds outside any call.
 * The loader bumps a group's slot when it adds the group (a pid seen
 * before is another process now), and marks it DSCOPE_FD_GEN_NEVER when the
 * group holds an io_uring fd. A call of another thread that changes an
 * fd bumps the generation when it ends, not when the fd changes: a call
 * running alongside it may be named after the fd it replaced, as with
 * any read of an fd table while another thread changes it. */
#define NR_CLOSE 3 /* asm/unistd_64.h */
#define NR_IO_URING_SETUP 425 /* asm/unistd_64.h; 426: _enter */
#define NR_IO_URING_REGISTER 427
__u64 fd_gen[DSCOPE_FD_GEN_SLOTS];
__u64 fd_keepers[DSCOPE_SYSCALL_WORDS];
volatile bool fd_gen_on;

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 65536);
	__type(key, __u64); /* tgid << 32 | fd */
	__type(value, struct fd_seen);
} fds SEC(".maps");

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
	__sync_fetch_and_add(&lost_records, 1);
}

static __always_inline struct dscope_rec *reserve(void)
{
	struct dscope_rec *r = bpf_ringbuf_reserve(&rb, sizeof(*r), 0);

	if (!r)
		count_lost();
	return r;
}

/* Batched wake-ups: the consumer is woken when the bytes waiting cross a
 * multiple of wakeup_bytes (a power of two), and finds smaller amounts at
 * its poll timeout. Only at the crossing: a consumer that lags (busy, or
 * on the tracee's CPU) would otherwise be woken at every record, each an
 * irq_work the tracee pays for. pending: the bytes waiting with this
 * record's size bytes. */
/* What a record of size bytes advances the ring by: with its 8-byte
 * header, rounded up to 8. */
static __always_inline __u64 ring_step(__u64 size)
{
	return (size + 8 + 7) & ~7ull;
}

static __always_inline __u64 wakeup_flag(__u64 pending, __u64 size)
{
	__u64 step = ring_step(size);
	__u64 before = pending > step ? pending - step : 0;

	return (before ^ pending) & ~(wakeup_bytes - 1) ? BPF_RB_FORCE_WAKEUP
							 : BPF_RB_NO_WAKEUP;
}

/* For a reserved record: the ring counts it as waiting already. */
static __always_inline void submit(struct dscope_rec *r)
{
	bpf_ringbuf_submit(r, wakeup_flag(bpf_ringbuf_query(&rb, BPF_RB_AVAIL_DATA),
					  sizeof(*r)));
}

static __always_inline void fill(struct dscope_rec *r, __u16 type,
				 __u64 pid_tgid)
{
	r->type = type;
	r->flags = 0;
	r->ncaps = 0;
	r->tgid = pid_tgid >> 32;
	r->tid = (__u32)pid_tgid;
	r->ktime_ns = with_times ? bpf_ktime_get_ns() : 0;
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
/* A small piece is read onto the stack, then stored: a copy from user
 * memory into a map's memory pays for the kernel's check of the
 * destination (hardened usercopy's, a sixth of a small write's trace),
 * one onto the stack almost nothing. dst has SMALL_PIECE bytes of room,
 * len is at most SMALL_PIECE. */
#define SMALL_PIECE 64
static __always_inline long read_user_small(__u8 *dst, __u32 len, __u64 addr)
{
	__u64 small[SMALL_PIECE / 8] = {};
	long rc;

	len &= SMALL_PIECE * 2 - 1;
	if (len > SMALL_PIECE)
		return -7; /* E2BIG: not reached */
	rc = bpf_probe_read_user(small, len, (const void *)addr);
	for (int i = 0; i < SMALL_PIECE / 8; i++)
		((__u64 *)dst)[i] = small[i];
	return rc;
}

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
	c->info = 0;
	if (str)
		rc = bpf_probe_read_user_str(&s->data[used], len,
					     (const void *)addr);
	else if (len <= SMALL_PIECE)
		rc = read_user_small(&s->data[used], len, addr);
	else
		rc = bpf_probe_read_user(&s->data[used], len,
					 (const void *)addr);
	if (rc < 0) {
		c->err = (__s16)rc;
		if (rc == -14) /* EFAULT */
			s->faults++;
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

static __always_inline __u64 max_u64(__u64 a, __u64 b)
{
	return a > b ? a : b;
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

/* An argv array: each string, then the pointers up to the NULL (or one
 * past the last string captured). */
__noinline int capture_strv(struct scratch *s, __u64 addr, __u32 max)
{
	__u64 p;
	int i;

	for (i = 0; i < DSCOPE_CAP_STRV_MAX; i++) {
		if (bpf_probe_read_user(&p, sizeof(p), (const void *)(addr + i * sizeof(p))) || !p)
			break;
		capture_piece(s, p, max, 1);
	}
	capture_piece(s, addr, (__u32)((i + 1) * sizeof(p)), 0);
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
			/* and the next page, apart: it may not be mapped
			 * (envp at the top of the stack) */
			if (r->len == DSCOPE_LEN_PAGE)
				capture_piece(s, addr + len, 4096, 0);
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

/* Fd names. */

#define S_IFMT 00170000
#define S_IFSOCK 0140000
#define S_IFCHR 0020000
#define S_IFBLK 0060000
#define SOCKFS_MAGIC 0x534F434B
#define PIPEFS_MAGIC 0x50495045
#define ANON_INODE_FS_MAGIC 0x09041934
#define PID_FS_MAGIC 0x50494446
#define AF_UNIX 1 /* linux/socket.h: macros, not in BTF */
#define AF_INET 2
#define AF_INET6 10
#define PATH_DEPTH 48 /* components of a path followed */
#define PATH_END (DSCOPE_FD_TARGET_MAX - 1)

static const char deleted[] = " (deleted)";
static const char pidfd_target[] = "anon_inode:[pidfd]";

/* Prepends len bytes at src (kernel memory) to the path being built
 * backwards from *pos; false when they do not fit. */
static __always_inline bool path_prepend(struct scratch *s, __u32 *pos,
					 const void *src, __u32 len)
{
	if (len > 255 || *pos < len)
		return false;
	*pos -= len;
	bpf_probe_read_kernel(&s->path[*pos & (DSCOPE_FD_TARGET_MAX - 1)],
			      len & 255, src);
	return true;
}

/* The path of a file as d_path writes it, walking dentries and mounts up
 * to the root (" (deleted)" for an unlinked one), into s->path from
 * *pos on. */
#define TMPFS_MAGIC 0x01021994
#define HUGETLBFS_MAGIC 0x958458f6

/* Whether f is on the file systems memfds live on. */
static __always_inline bool is_memfd_sb(struct file *f)
{
	unsigned long magic = BPF_CORE_READ(f, f_inode, i_sb, s_magic);

	return magic == TMPFS_MAGIC || magic == HUGETLBFS_MAGIC;
}

__noinline int build_path(struct scratch *s, __u64 filep, __u32 *pos)
{
	struct file *f = (struct file *)filep;
	struct dentry *d, *parent, *root;
	struct mount *m, *mp;
	struct qstr q;
	char slash = '/';

	if (!s || !pos)
		return 0;
	*pos = PATH_END;
	d = BPF_CORE_READ(f, f_path.dentry);
	m = container_of(BPF_CORE_READ(f, f_path.mnt), struct mount, mnt);
	if (!BPF_CORE_READ(d, d_hash.pprev) && BPF_CORE_READ(d, d_parent) != d)
		path_prepend(s, pos, deleted, sizeof(deleted) - 1);
	for (int i = 0; i < PATH_DEPTH; i++) {
		parent = BPF_CORE_READ(d, d_parent);
		root = BPF_CORE_READ(m, mnt.mnt_root);
		if (d == root) {
			mp = BPF_CORE_READ(m, mnt_parent);
			if (mp == m)
				break; /* the root */
			d = BPF_CORE_READ(m, mnt_mountpoint);
			m = mp;
			continue;
		}
		if (d == parent && i == 0 && is_memfd_sb(f)) {
			/* a memfd has no place in any tree: named as
			 * simple_dname names it, "/NAME (deleted)" */
			if (!bpf_core_read(&q, sizeof(q), &d->d_name) &&
			    path_prepend(s, pos, deleted, sizeof(deleted) - 1) &&
			    path_prepend(s, pos, q.name, q.len))
				path_prepend(s, pos, &slash, 1);
			break;
		}
		if (d == parent)
			break; /* not under its mount's root */
		if (bpf_core_read(&q, sizeof(q), &d->d_name))
			break;
		if (!path_prepend(s, pos, q.name, q.len) ||
		    !path_prepend(s, pos, &slash, 1))
			break;
		d = parent;
	}
	if (*pos == PATH_END)
		path_prepend(s, pos, &slash, 1);
	return 0;
}

/* Several fields of one kernel object in one probe read: a read costs
 * about as much for 8 bytes as for 100, and fd_change, which runs at
 * every call that names an fd, wants a few fields each of a file and a
 * socket. A span runs from its lowest field to the end of its highest;
 * the offsets are CO-RE constants, so once loaded the verifier sees a
 * fixed size. A span longer than SPAN_MAX (another kernel's layout) is
 * read field by field. */
#define SPAN_MAX 128

static __always_inline bool span_read(void *buf, const void *obj, __u64 lo,
				      __u64 end)
{
	return lo < end && end - lo <= SPAN_MAX &&
	       !bpf_probe_read_kernel(buf, end - lo, obj + lo);
}

/* The 8-byte field at off of obj: from the span read at lo, else read. */
static __always_inline __u64 span_u64(const __u64 *span, bool in_span,
				      __u64 lo, const void *obj, __u64 off)
{
	__u64 v = 0;

	if (in_span)
		return span[(off - lo) / 8];
	bpf_probe_read_kernel(&v, sizeof(v), obj + off);
	return v;
}

/* A file's inode, dentry and private data (a socket's struct socket). */
struct file_fields {
	__u64 inode, dentry, priv;
};

static __always_inline void read_file_fields(struct file *f,
					     struct file_fields *ff)
{
	__u64 o_inode = bpf_core_field_offset(struct file, f_inode);
	__u64 o_dentry = bpf_core_field_offset(struct file, f_path.dentry);
	__u64 o_priv = bpf_core_field_offset(struct file, private_data);
	__u64 lo = min_u64(min_u64(o_inode, o_dentry), o_priv);
	__u64 end = max_u64(max_u64(o_inode, o_dentry), o_priv) + 8;
	__u64 span[SPAN_MAX / 8];
	bool in = span_read(span, f, lo, end);

	ff->inode = span_u64(span, in, lo, f, o_inode);
	ff->dentry = span_u64(span, in, lo, f, o_dentry);
	ff->priv = span_u64(span, in, lo, f, o_priv);
}

/* What changes of a socket while its fd stays: its state, its local
 * port, a listener's queue and, for a unix one, its name and other end,
 * which gets its socket when accepted (a record says it again when they
 * change). Never 0: a state is. */
static __always_inline __u64 sock_state(struct socket *sock)
{
	__u64 o_num = bpf_core_field_offset(struct sock, __sk_common.skc_num);
	__u64 o_family = bpf_core_field_offset(struct sock, __sk_common.skc_family);
	__u64 o_state = bpf_core_field_offset(struct sock, __sk_common.skc_state);
	__u64 lo = min_u64(min_u64(o_num, o_family), o_state);
	__u64 end = max_u64(max_u64(o_num + 2, o_family + 2), o_state + 1);
	__u8 common[SPAN_MAX];
	struct sock *sk = BPF_CORE_READ(sock, sk);
	__u16 num, family;
	__u8 state;
	__u64 v;

	if (span_read(common, sk, lo, end)) {
		__builtin_memcpy(&num, &common[o_num - lo], 2);
		__builtin_memcpy(&family, &common[o_family - lo], 2);
		state = common[o_state - lo];
	} else {
		num = BPF_CORE_READ(sk, __sk_common.skc_num);
		family = BPF_CORE_READ(sk, __sk_common.skc_family);
		state = BPF_CORE_READ(sk, __sk_common.skc_state);
	}
	v = state | (__u64)num << 8;
	if (state == TCP_LISTEN)
		v ^= (__u64)(family == AF_UNIX ? BPF_CORE_READ(sk, sk_receive_queue.qlen)
					       : BPF_CORE_READ(sk, sk_ack_backlog)) << 24;
	if (family == AF_UNIX) {
		__u64 o_addr = bpf_core_field_offset(struct unix_sock, addr);
		__u64 o_peer = bpf_core_field_offset(struct unix_sock, peer);
		__u64 ulo = min_u64(o_addr, o_peer);
		__u64 uend = max_u64(o_addr, o_peer) + 8;
		__u64 span[SPAN_MAX / 8];
		bool in = span_read(span, sk, ulo, uend);
		struct sock *peer = (struct sock *)span_u64(span, in, ulo, sk, o_peer);

		v ^= (__u64)peer << 24;
		v ^= span_u64(span, in, ulo, sk, o_addr) << 16;
		if (peer)
			v ^= (__u64)BPF_CORE_READ(peer, sk_socket) << 20;
	}
	return v ?: 1;
}

/* The name a unix socket is bound to (sun_path bytes, an abstract one
 * from its NUL), into dst; its length. */
static __always_inline __u16 unix_name(struct sock *sk, char *dst)
{
	struct unix_address *addr = BPF_CORE_READ((struct unix_sock *)sk, addr);
	__u32 len;

	if (!addr)
		return 0;
	len = (__u32)BPF_CORE_READ(addr, len);
	if (len <= sizeof(short))
		return 0;
	len -= sizeof(short);
	if (len > DSCOPE_UNIX_PATH_MAX)
		len = DSCOPE_UNIX_PATH_MAX;
	asm volatile("" : "+r"(len)); /* keep the mask: see capture_piece */
	len &= 127;
	if (bpf_probe_read_kernel(dst, len, addr->name[0].sun_path))
		return 0;
	return (__u16)len;
}

static __always_inline __u64 sock_ino(struct socket *sock)
{
	return BPF_CORE_READ(container_of(sock, struct socket_alloc, socket),
			     vfs_inode.i_ino);
}

/* The process that connected to an accepted unix socket, as
 * SO_PEERCRED says, and its name if it is still there. */
static __always_inline void peer_cred(struct sock *sk, struct dscope_sock *d)
{
	struct pid *pid = BPF_CORE_READ(sk, sk_peer_pid);
	struct hlist_node *first;
	struct task_struct *t;

	if (!pid)
		return;
	d->peer_pid = BPF_CORE_READ(pid, numbers[0].nr);
	first = BPF_CORE_READ(pid, tasks[PIDTYPE_TGID].first);
	if (!first)
		return;
	t = container_of(first, struct task_struct, pid_links[PIDTYPE_TGID]);
	BPF_CORE_READ_STR_INTO(&d->peer_comm, t, comm);
}

/* A unix socket's names, other end and, listening, its queue. */
static __always_inline void describe_unix(struct sock *sk, struct dscope_sock *d)
{
	struct sock *peer = BPF_CORE_READ((struct unix_sock *)sk, peer);
	struct socket *ps = peer ? BPF_CORE_READ(peer, sk_socket) : NULL;

	d->path_len = unix_name(sk, d->path);
	if (ps)
		d->peer_ino = sock_ino(ps);
	if (peer)
		d->peer_path_len = unix_name(peer, d->peer_path);
	/* accepted (named as its listener, its peer not), its peer still
	 * open (it has its socket): who connected */
	if (ps && d->path_len && !d->peer_path_len)
		peer_cred(sk, d);
	if (d->state == TCP_LISTEN) {
		d->rqueue = BPF_CORE_READ(sk, sk_receive_queue.qlen);
		d->wqueue = BPF_CORE_READ(sk, sk_max_ack_backlog);
	}
}

/* An IPv4 or IPv6 socket's two ends and, listening, its backlog. */
static __always_inline void describe_inet(struct sock *sk, struct dscope_sock *d)
{
	d->sport = BPF_CORE_READ(sk, __sk_common.skc_num);
	d->dport = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
	if (d->family == AF_INET6) {
		BPF_CORE_READ_INTO(&d->src, sk, __sk_common.skc_v6_rcv_saddr);
		BPF_CORE_READ_INTO(&d->dst, sk, __sk_common.skc_v6_daddr);
	} else {
		BPF_CORE_READ_INTO((__u32 *)d->src, sk, __sk_common.skc_rcv_saddr);
		BPF_CORE_READ_INTO((__u32 *)d->dst, sk, __sk_common.skc_daddr);
	}
	if (d->state == TCP_LISTEN) {
		d->rqueue = BPF_CORE_READ(sk, sk_ack_backlog);
		d->wqueue = BPF_CORE_READ(sk, sk_max_ack_backlog);
	}
}

/* What sock_diag would say of a socket: family, type, protocol, state,
 * then its family's addresses. Global: verified once, on its own. */
__noinline int describe_sock(__u64 filep, struct dscope_sock *d)
{
	struct socket *sock;
	struct sock *sk;

	if (!d)
		return 0;
	sock = BPF_CORE_READ((struct file *)filep, private_data);
	sk = BPF_CORE_READ(sock, sk);
	__builtin_memset(d, 0, sizeof(*d));
	d->family = BPF_CORE_READ(sk, __sk_common.skc_family);
	d->type = BPF_CORE_READ(sk, sk_type);
	d->protocol = BPF_CORE_READ(sk, sk_protocol);
	d->state = BPF_CORE_READ(sk, __sk_common.skc_state);
	if (d->family == AF_UNIX)
		describe_unix(sk, d);
	else if (d->family == AF_INET || d->family == AF_INET6)
		describe_inet(sk, d);
	return 0;
}

#define ANON_STATE_MAX 256
/* An epoll set's lines: EPOLL_STATE_ENTRIES entries at most, each line
 * under EPOLL_LINE_MAX, in EPOLL_STATE_MAX (a power of two). */
#define EPOLL_STATE_MAX 2048u
#define EPOLL_LINE_MAX 128u
#define EPOLL_STATE_ENTRIES 48
#define EFD_SEMAPHORE 1
#define NSEC_PER_SEC 1000000000ull

/* Whether the anonymous inode's name (kernel memory) is want. */
static __always_inline bool anon_is(const char *name, const char *want, int n)
{
	char got[16] = {};

	bpf_probe_read_kernel_str(got, sizeof(got), name);
	for (int i = 0; i < n && i < (int)sizeof(got); i++)
		if (got[i] != want[i])
			return false;
	return true;
}

/* A state written by bpf_snprintf into ANON_STATE_MAX bytes: its length
 * with the NUL, or 0 when it was cut short (the parser would read a cut
 * line as a whole one). */
static __always_inline long state_len(long n)
{
	return n > 0 && n <= ANON_STATE_MAX ? n : 0;
}

/* A file as itself: a freed struct file comes back for another, with
 * another dentry. */
struct set_key {
	__u64 file, dentry;
};

/* The epoll sets found too big to send (-> 1): a daemon
 * with thousands of connections calls epoll_ctl for each, and each call
 * would walk the first entries again for nothing. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 1024);
	__type(key, struct set_key);
	__type(value, __u8);
} big_sets SEC(".maps");

/* The epoll tree's next node in order (rb_next), 0 at its end, 1 when
 * the tree is too high to walk here (over a million nodes). */
static __always_inline __u64 rb_after(struct rb_node *node)
{
	struct rb_node *next = BPF_CORE_READ(node, rb_right), *parent;

	if (next) {
		for (int i = 0; i < 40; i++) {
			struct rb_node *left = BPF_CORE_READ(next, rb_left);

			if (!left)
				return (__u64)next;
			next = left;
		}
		return 1;
	}
	for (int i = 0; i < 40; i++) {
		parent = (struct rb_node *)(BPF_CORE_READ(node, __rb_parent_color) & ~3ul);
		if (!parent || BPF_CORE_READ(parent, rb_right) != node)
			return (__u64)parent;
		node = parent;
	}
	return 1;
}

/* The walks below keep their place in the scratch record (walk_node),
 * and write one line a call of a global function: verified once, where
 * the loop of lines inlined cost loading a third of a second. */

/* The epoll entry at walk_node as its line of fdinfo (ep_show_fdinfo,
 * unpadded) at data[off], walk_node moved to the next: the line's length
 * (without its NUL), or -1. */
__noinline int epoll_line(struct scratch *s, __u32 off)
{
	static const char fmt[] = "tfd: %d events: %x data: %llx pos:%lld ino:%lx sdev:%x\n";
	struct rb_node *node;
	struct epitem *epi;
	struct file *tf;
	__u64 v[6];
	long n;

	if (!s)
		return -1;
	node = (struct rb_node *)s->walk_node;
	epi = (void *)node - bpf_core_field_offset(struct epitem, rbn);
	tf = BPF_CORE_READ(epi, ffd.file);
	v[0] = (__u64)(__s64)BPF_CORE_READ(epi, ffd.fd);
	v[1] = BPF_CORE_READ(epi, event.events);
	v[2] = BPF_CORE_READ(epi, event.data);
	v[3] = BPF_CORE_READ(tf, f_pos);
	v[4] = BPF_CORE_READ(tf, f_inode, i_ino);
	v[5] = BPF_CORE_READ(tf, f_inode, i_sb, s_dev);
	n = bpf_snprintf((char *)&s->data[off & (DSCOPE_CAP_DATA_MAX - 1)],
			 EPOLL_LINE_MAX, fmt, v, sizeof(v));
	if (n <= 0 || n > EPOLL_LINE_MAX)
		return -1;
	s->walk_node = rb_after(node);
	return (int)n - 1;
}

/* The inotify mark whose g_list is walk_node as its line of fdinfo
 * (inotify_fdinfo, without the file handle) at data[off], walk_node
 * moved to the next: the line's length, 0 for a mark of no inode, -1. */
__noinline int inotify_line(struct scratch *s, __u32 off)
{
	static const char fmt[] = "inotify wd:%x ino:%lx sdev:%x mask:%x ignored_mask:0\n";
	struct fsnotify_mark_connector *conn, *back;
	struct fsnotify_mark *m;
	struct inode *inode;
	__u64 v[4];
	long n = 1;

	if (!s)
		return -1;
	m = (void *)s->walk_node - bpf_core_field_offset(struct fsnotify_mark, g_list);
	s->walk_node = (__u64)BPF_CORE_READ(m, g_list.next);
	conn = BPF_CORE_READ(m, connector);
	if (!conn || BPF_CORE_READ(conn, type) != FSNOTIFY_OBJ_TYPE_INODE)
		return 0;
	inode = BPF_CORE_READ(conn, obj);
	/* before 6.10, obj is &inode->i_fsnotify_marks, which points back
	 * at the connector; since, it is the inode */
	if (!bpf_probe_read_kernel(&back, sizeof(back), inode) && back == conn)
		inode = (void *)inode - bpf_core_field_offset(struct inode, i_fsnotify_marks);
	v[0] = (__u64)(__s64)BPF_CORE_READ((struct inotify_inode_mark *)((void *)m -
		bpf_core_field_offset(struct inotify_inode_mark, fsn_mark)), wd);
	v[1] = BPF_CORE_READ(inode, i_ino);
	v[2] = BPF_CORE_READ(inode, i_sb, s_dev);
	v[3] = BPF_CORE_READ(m, mask) & 0xfff; /* IN_ALL_EVENTS */
	n = bpf_snprintf((char *)&s->data[off & (DSCOPE_CAP_DATA_MAX - 1)],
			 EPOLL_LINE_MAX, fmt, v, sizeof(v));
	return n <= 0 || n > EPOLL_LINE_MAX ? -1 : (int)n - 1;
}

/* An epoll set's entries (the kernel's tree in order) or an inotify
 * instance's watches (its group's list), a line each, at data[off]: so a
 * set closed before its line is printed still has them. All or nothing:
 * past EPOLL_STATE_ENTRIES or EPOLL_STATE_MAX, no lines (the parser would
 * take a part for the whole). Bytes written with the NUL, or 0. */
static __always_inline long walk_state(struct scratch *s, __u32 off, bool epoll,
				       __u64 first, __u64 end)
{
	__u32 at = 0;
	int n;

	s->walk_node = first;
	for (int i = 0; i < EPOLL_STATE_ENTRIES; i++) {
		if (s->walk_node == end)
			break;
		if (s->walk_node == 1 || at > EPOLL_STATE_MAX - EPOLL_LINE_MAX)
			return 0;
		n = epoll ? epoll_line(s, off + at) : inotify_line(s, off + at);
		if (n < 0)
			return 0;
		at += (__u32)n;
	}
	if (s->walk_node != end)
		return 0;
	s->data[(off + at) & (DSCOPE_CAP_DATA_MAX - 1)] = 0;
	return at + 1;
}

static __always_inline long epoll_state(struct file *f, struct scratch *s, __u32 off)
{
	struct eventpoll *ep = BPF_CORE_READ(f, private_data);
	struct set_key key = { (__u64)f, (__u64)BPF_CORE_READ(f, f_path.dentry) };
	__u8 one = 1;
	long n;

	if (bpf_map_lookup_elem(&big_sets, &key))
		return 0;
	n = walk_state(s, off, true, (__u64)BPF_CORE_READ(ep, rbr.rb_leftmost), 0);
	if (!n)
		bpf_map_update_elem(&big_sets, &key, &one, BPF_ANY);
	return n;
}

static __always_inline long inotify_state(struct file *f, struct scratch *s, __u32 off)
{
	struct fsnotify_group *g = BPF_CORE_READ(f, private_data);
	__u64 head = (__u64)g + bpf_core_field_offset(struct fsnotify_group, marks_list);

	if (!g)
		return 0;
	return walk_state(s, off, false, (__u64)BPF_CORE_READ(g, marks_list.next), head);
}

/* A pidfd's lines of fdinfo (pidfd_show_fdinfo): its process's pid as
 * the initial pid namespace sees it, which is dscope's (eBPF refuses to
 * run in another), -1 once it was reaped. */
static __always_inline long pidfd_state(struct file *f, bool pidfs, char *dst)
{
	static const char fmt[] = "Pid:\t%d\nNSpid:\t%d\n";
	/* and its name, which the kernel's fdinfo has not: a line printed
	 * after the process was reaped still names it (ebpf_fds.c) */
	static const char named_fmt[] = "Pid:\t%d\nNSpid:\t%d\nName:\t%s\n";
	/* pidfs keeps the pid in the inode, anon_inode pidfds in the file */
	struct pid *pid = pidfs ? BPF_CORE_READ(f, f_inode, i_private)
				: BPF_CORE_READ(f, private_data);
	__u64 v[2];
	int nr = -1;

	struct hlist_node *link = pid ? BPF_CORE_READ(pid, tasks[PIDTYPE_PID].first) : NULL;

	if (link)
		nr = BPF_CORE_READ(pid, numbers[0].nr);
	v[0] = v[1] = (__u64)(__s64)nr;
	if (link) {
		__u64 w[3] = { v[0], v[1] };
		void *task = (void *)link - bpf_core_field_offset(struct task_struct, pid_links);

		w[2] = (__u64)(task + bpf_core_field_offset(struct task_struct, comm));
		return state_len(bpf_snprintf(dst, ANON_STATE_MAX, named_fmt, w, sizeof(w)));
	}
	return state_len(bpf_snprintf(dst, ANON_STATE_MAX, fmt, v, sizeof(v)));
}

/* An eventfd's, timerfd's, signalfd's or pidfd's lines of fdinfo, as the
 * kernel writes them (eventfd_show_fdinfo, timerfd_show,
 * signalfd_show_fdinfo), into dst: so one closed before its line is
 * printed still shows its count, settings, signals or process. Bytes
 * written with the NUL, 0 for other files (and alarm timers). */
static __always_inline long anon_state(struct file *f, const char *name,
				       struct scratch *s, __u32 off)
{
	char *dst = (char *)&s->data[off & (DSCOPE_CAP_DATA_MAX - 1)];
	static const char efd_fmt[] = "eventfd-count: %16llx\n"
				      "eventfd-id: %d\n"
				      "eventfd-semaphore: %d\n";
	static const char tfd_fmt[] = "clockid: %d\nticks: %llu\n"
				      "settime flags: 0%u\n"
				      "it_value: (%llu, %llu)\n"
				      "it_interval: (%llu, %llu)\n";
	__u64 v[7];

	if (anon_is(name, "[eventfd]", 10)) {
		struct eventfd_ctx *e = BPF_CORE_READ(f, private_data);

		v[0] = BPF_CORE_READ(e, count);
		v[1] = BPF_CORE_READ(e, id);
		v[2] = BPF_CORE_READ(e, flags) & EFD_SEMAPHORE;
		return state_len(bpf_snprintf(dst, ANON_STATE_MAX, efd_fmt, v,
					      3 * sizeof(v[0])));
	}
	if (anon_is(name, "[signalfd]", 11)) {
		static const char sfd_fmt[] = "sigmask:\t%016llx\n";
		struct signalfd_ctx *c = BPF_CORE_READ(f, private_data);

		/* the context keeps the signals not asked for */
		v[0] = ~BPF_CORE_READ(c, sigmask.sig[0]);
		return state_len(bpf_snprintf(dst, ANON_STATE_MAX, sfd_fmt, v,
					      sizeof(v[0])));
	}
	if (anon_is(name, "[pidfd]", 8))
		return pidfd_state(f, false, dst);
	if (anon_is(name, "[eventpoll]", 12))
		return epoll_state(f, s, off);
	if (anon_is(name, "inotify", 8))
		return inotify_state(f, s, off);
	if (anon_is(name, "[timerfd]", 10)) {
		struct timerfd_ctx *t = BPF_CORE_READ(f, private_data);
		int clockid = BPF_CORE_READ(t, clockid);
		__u64 now, expires, left = 0, intv;

		if (clockid != 0 && clockid != 1 && clockid != 7)
			return 0; /* an alarm timer: another clock base */
		/* the base's clock is CLOCK_MONOTONIC plus its offset */
		now = bpf_ktime_get_ns() + BPF_CORE_READ(t, t.tmr.base, offset);
		expires = BPF_CORE_READ(t, t.tmr.node.expires);
		if ((__s64)expires > (__s64)now)
			left = expires - now;
		intv = BPF_CORE_READ(t, tintv);
		v[0] = clockid;
		v[1] = BPF_CORE_READ(t, ticks);
		v[2] = BPF_CORE_READ(t, settime_flags);
		v[3] = left / NSEC_PER_SEC;
		v[4] = left % NSEC_PER_SEC;
		v[5] = intv / NSEC_PER_SEC;
		v[6] = intv % NSEC_PER_SEC;
		return state_len(bpf_snprintf(dst, ANON_STATE_MAX, tfd_fmt, v,
					      sizeof(v)));
	}
	return 0;
}

/* The target of the file at fd as the next piece: what readlink of
 * /proc/PID/fd/N says (sockets, pipes and anonymous inodes are named by
 * their file system, as its d_dname does). */
__noinline int capture_fd(struct scratch *s, __u64 fd, __u64 filep)
{
	static const char sock_fmt[] = "socket:[%lu]", pipe_fmt[] = "pipe:[%lu]",
			  anon_fmt[] = "anon_inode:%s";
	struct file *f = (struct file *)filep;
	struct inode *inode;
	struct dscope_cap *c;
	__u64 data[1];
	__u32 n, used, pos = PATH_END, magic, type;
	long len;
	char *dst;

	if (!s)
		return 0;
	n = s->ncaps;
	used = s->used;
	/* the largest piece: a path and a device's numbers */
	if (n >= DSCOPE_CAP_PIECES ||
	    used + DSCOPE_FD_TARGET_MAX + 8 > DSCOPE_CAP_DATA_MAX)
		return 0;
	used &= DSCOPE_CAP_DATA_MAX - 1;
	dst = (char *)&s->data[used];
	c = &s->caps[n & (DSCOPE_CAP_PIECES - 1)];
	c->addr = fd;
	if (!f) { /* not open: an empty piece says so */
		c->len = 0;
		c->err = -9; /* EBADF */
		c->info = DSCOPE_CAP_FD;
		s->ncaps = n + 1;
		return 0;
	}
	inode = BPF_CORE_READ(f, f_inode);
	magic = BPF_CORE_READ(inode, i_sb, s_magic);
	c->err = 0;
	type = BPF_CORE_READ(inode, i_mode) & S_IFMT;
	c->info = DSCOPE_CAP_FD | type;
	if (magic == SOCKFS_MAGIC) {
		data[0] = BPF_CORE_READ(inode, i_ino);
		len = bpf_snprintf(dst, 64, sock_fmt, data, sizeof(data));
		if (len > 0 && len <= 64) {
			len = (len + 7) & ~7L;
			describe_sock(filep, (struct dscope_sock *)&s->data[(used + len) & (DSCOPE_CAP_DATA_MAX - 1)]);
			len += sizeof(struct dscope_sock);
		}
	} else if (magic == PIPEFS_MAGIC) {
		data[0] = BPF_CORE_READ(inode, i_ino);
		len = bpf_snprintf(dst, 64, pipe_fmt, data, sizeof(data));
	} else if (magic == PID_FS_MAGIC) {
		/* pidfs says pidfds are anon_inode:[pidfd], as they were */
		len = bpf_probe_read_kernel_str(dst, sizeof(pidfd_target),
						pidfd_target);
		if (len > 0 && len <= (long)sizeof(pidfd_target)) {
			long more;

			len = (len + 7) & ~7L;
			more = pidfd_state(f, true, (char *)&s->data[(used + len) &
							       (DSCOPE_CAP_DATA_MAX - 1)]);
			if (more > 0 && more <= ANON_STATE_MAX)
				len += more;
		}
	} else if (magic == ANON_INODE_FS_MAGIC) {
		data[0] = (__u64)BPF_CORE_READ(f, f_path.dentry, d_name.name);
		len = bpf_snprintf(dst, 128, anon_fmt, data, sizeof(data));
		if (len > 0 && len <= 128) {
			long more;

			len = (len + 7) & ~7L;
			more = anon_state(f, (char *)data[0], s, used + len);
			if (more > 0 && more <= EPOLL_STATE_MAX)
				len += more;
		}
	} else {
		build_path(s, filep, &pos);
		pos &= DSCOPE_FD_TARGET_MAX - 1;
		s->path[PATH_END] = 0;
		len = DSCOPE_FD_TARGET_MAX - pos;
		bpf_probe_read_kernel(dst, len & (DSCOPE_FD_TARGET_MAX * 2 - 1),
				      &s->path[pos]);
		/* a device's numbers, as the kernel keeps them (major << 20 |
		 * minor), after its path: what stat's st_rdev says */
		if (type == S_IFCHR || type == S_IFBLK) {
			len = (len + 7) & ~7L;
			*(__u64 *)&s->data[(used + len) & (DSCOPE_CAP_DATA_MAX - 1)] =
				BPF_CORE_READ(inode, i_rdev);
			len += 8;
		}
	}
	if (len <= 0)
		return 0;
	c->len = (__u32)len;
	s->used = used + ((c->len + 7) & ~7u);
	s->ncaps = n + 1;
	return 0;
}

/* The struct file of fd in the current thread, 0 when none. The task's
 * fields are loaded directly (a BTF pointer); only the array slot, which
 * the verifier cannot index, takes a probe read. */
static __always_inline __u64 fd_file(__s64 fd)
{
	struct task_struct *t = bpf_get_current_task_btf();
	struct files_struct *files = t->files;
	struct fdtable *fdt;
	__u64 f = 0;

	if (fd < 0 || !files)
		return 0;
	fdt = files->fdt;
	if (!fdt || fd >= fdt->max_fds)
		return 0;
	bpf_probe_read_kernel(&f, sizeof(f), &fdt->fd[fd]);
	return f;
}

static __always_inline __u64 *fd_gen_slot(__u32 tgid)
{
	return &fd_gen[tgid % DSCOPE_FD_GEN_SLOTS];
}

/* The generation of the current group's fd table; DSCOPE_FD_GEN_NEVER when it
 * cannot be trusted: not kept (a -e filter); the table shared with
 * another process (clone's CLONE_FILES without CLONE_THREAD: more users
 * than the group has threads), whose calls may not be traced; or this
 * thread's table not its group's (unshare(CLONE_FILES)), when the group's
 * fds are not all one table's. */
static __always_inline __u64 fd_gen_now(__u32 tgid)
{
	struct task_struct *t = bpf_get_current_task_btf();
	struct files_struct *files = t->files;

	if (!fd_gen_on || files != t->group_leader->files ||
	    files->count.counter > t->signal->nr_threads)
		return DSCOPE_FD_GEN_NEVER;
	/* a thread that used io_uring (its rings' requests change fds with
	 * no call); rings a group had before the trace, the loader marks */
	if (bpf_core_field_exists(t->io_uring) && t->io_uring)
		return DSCOPE_FD_GEN_NEVER;
	return *(volatile __u64 *)fd_gen_slot(tgid);
}

/* A call of tgid ended that may have changed its fd table. Nothing to
 * do when the generations are not kept (-e: fd_gen_now never trusts
 * them), and no atomic on a shared line at every call then. */
static __always_inline void fd_gen_bump(__u32 tgid, long nr, bool compat)
{
	__u32 word = (__u32)nr / 64;

	if (!fd_gen_on)
		return;
	asm volatile("" : "+r"(word));
	if (!compat && nr >= 0 && word < DSCOPE_SYSCALL_WORDS &&
	    fd_keepers[word] >> (nr % 64) & 1)
		return;
	if (!compat && nr >= NR_IO_URING_SETUP && nr <= NR_IO_URING_REGISTER)
		__sync_fetch_and_or(fd_gen_slot(tgid), DSCOPE_FD_GEN_NEVER);
	else
		__sync_fetch_and_add(fd_gen_slot(tgid), 1);
}

/* Whether fd is not what the group's last record said, remembering it as
 * said: FD_UNCHANGED, FD_NOT_OPEN (changed to no file), or the file; with
 * force, said again anyway (a call that changes what its fd holds: a
 * timerfd's settings, which the check does not follow). Negative fds
 * (AT_FDCWD, -1) are never anything. Global: verified once, not at each
 * of the many places the calls check an fd. */
#define FD_UNCHANGED 0
#define FD_NOT_OPEN 1
__noinline __u64 fd_change(__u32 tgid, __s64 fd, int force)
{
	__u64 key = (__u64)tgid << 32 | (__u32)fd;
	struct fd_seen now = {}, *last;
	struct file *f;

	if (fd < 0)
		return FD_UNCHANGED;
	/* read before the table: a change after it bumps the generation */
	now.gen = fd_gen_now(tgid);
	last = bpf_map_lookup_elem(&fds, &key);
	if (last && !force && now.gen == last->gen && !(now.gen & DSCOPE_FD_GEN_NEVER) &&
	    (!last->sock || sock_state((struct socket *)last->priv) == last->sock))
		return FD_UNCHANGED; /* the same file, in the same state */
	now.file = fd_file(fd);
	now.owner = bpf_get_current_task_btf()->group_leader->start_time;
	f = (struct file *)now.file;
	if (f) {
		struct file_fields ff;
		struct inode *inode;
		bool same;

		read_file_fields(f, &ff);
		inode = (struct inode *)ff.inode;
		now.dentry = ff.dentry;
		now.inode = ff.inode;
		now.priv = ff.priv;
		/* a file freed and another made at its address may have the
		 * same dentry and inode too (an anonymous inode's are one
		 * for all, a closed path's the same): its private data tells
		 * an eventfd from the timerfd after it */
		same = last && last->owner == now.owner && last->file == now.file &&
		       last->dentry == now.dentry && last->inode == now.inode &&
		       last->priv == now.priv;
		/* the same file is the same kind: only a new one has its
		 * mode read */
		if (same ? last->sock != 0
			 : (BPF_CORE_READ(inode, i_mode) & S_IFMT) == S_IFSOCK)
			now.sock = sock_state((struct socket *)ff.priv);
		if (same && last->sock == now.sock && !force) {
			last->gen = now.gen;
			return FD_UNCHANGED;
		}
	} else if (!last || !last->file) {
		if (last)
			last->gen = now.gen;
		return FD_UNCHANGED; /* still not open */
	}
	bpf_map_update_elem(&fds, &key, &now, BPF_ANY);
	return now.file ? now.file : FD_NOT_OPEN;
}

/* fd_change as a test: true when it changed, its file (0: none) in *file. */
static __always_inline bool fd_changed(__u32 tgid, __s64 fd, __u64 *file,
				       int force)
{
	__u64 v = fd_change(tgid, fd, force);

	*file = v == FD_NOT_OPEN ? 0 : v;
	return v != FD_UNCHANGED;
}

/* The two fds a call wrote at addr (pipe2, socketpair) that changed, a
 * bit each, with their numbers and files. */
static __always_inline __u32 fd_pair_changed(__u32 tgid, __u64 addr,
					     __s32 fds[2], __u64 files[2])
{
	__u32 changed = 0;

	if (bpf_probe_read_user(fds, 2 * sizeof(fds[0]), (const void *)addr))
		return 0;
	for (int i = 0; i < 2; i++)
		if (fd_changed(tgid, fds[i], &files[i], 0))
			changed |= 1u << i;
	return changed;
}

/* The fd arguments (mask: bit i for args[i]) that changed (with force:
 * every one open), a bit each, and their files in files[]. */
static __always_inline __u32 fds_changed(__u32 tgid, __u8 mask,
					 const __u64 args[6], __u64 files[6],
					 int force)
{
	__u32 changed = 0;

	for (int i = 0; i < 6; i++) {
		files[i] = 0;
		if (mask >> i & 1 &&
		    fd_changed(tgid, (__s32)args[i], &files[i], force))
			changed |= 1u << i;
	}
	return changed;
}

/* The capture plan of a native call (its regions, its fds), or NULL. */
static __always_inline const struct dscope_plan *plan_of(long nr, bool compat)
{
	__u32 key = (__u32)nr;

	if (compat || nr < 0 || nr >= DSCOPE_SYSCALL_MAX)
		return NULL;
	return bpf_map_lookup_elem(&captures, &key);
}

static __always_inline struct scratch *scratch_begin(__u16 type,
						     __u64 pid_tgid,
						     const __u64 args[6])
{
	__u32 zero = 0;
	struct scratch *s = bpf_map_lookup_elem(&scratch, &zero);

	if (!s)
		return NULL;
	fill(&s->rec, type, pid_tgid);
	for (int i = 0; i < 6; i++)
		s->rec.args[i] = args[i];
	s->used = 0;
	s->ncaps = 0;
	s->faults = 0;
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
	/* stored, not probe-read: most records have a piece or two */
	for (__u32 i = 0; i < DSCOPE_CAP_PIECES && i < n; i++)
		((struct dscope_cap *)&s->data[used])[i] = s->caps[i];
	s->rec.ncaps = (__u8)n;
	size = sizeof(s->rec) + used + n * sizeof(struct dscope_cap);
	if (bpf_ringbuf_output(&rb, s, size,
			       wakeup_flag(bpf_ringbuf_query(&rb, BPF_RB_AVAIL_DATA) +
						   ring_step(size),
					   size)) != 0)
		count_lost();
}

/* A call's six arguments, as one sized thing a global function can take
 * (two more, zero, for indexes masked with 7). */
struct sys_args {
	__u64 v[8];
};

/* The fds of a pollfd array (poll, ppoll) at addr, n entries, that are
 * not what the group's last record said: named as the call saw them, as
 * arguments are, the first DSCOPE_POLL_FDS. */
__noinline int capture_poll_fds(struct scratch *s, __u32 tgid, __u64 addr,
				__u64 n)
{
	if (!s)
		return 0;
	for (int i = 0; i < DSCOPE_POLL_FDS && i < n; i++) {
		__s32 fd;
		__u64 file;

		if (bpf_probe_read_user(&fd, sizeof(fd), (const void *)(addr + 8 * i)))
			break;
		if (fd >= 0 && fd_changed(tgid, fd, &file, 0))
			capture_fd(s, (__u32)fd, file);
	}
	return 0;
}

/* select's walk over its fd_sets' bits, one bpf_loop step a bit: the
 * callback is verified once, where a loop of 64 steps with calls went
 * past the verifier's limit. */
struct fdset_walk {
	struct scratch *s;
	__u64 bits;
	__u32 tgid, named;
};

static long fdset_step(__u64 fd, void *ctx)
{
	struct fdset_walk *w = ctx;
	__u64 file;

	if (w->named >= DSCOPE_POLL_FDS || !(w->bits >> (fd & 63)))
		return 1; /* done */
	if (!(w->bits >> (fd & 63) & 1))
		return 0;
	w->named++;
	if (fd_changed(w->tgid, (__s64)fd, &file, 0))
		capture_fd(w->s, (__u32)fd, file);
	return 0;
}

/* The fds of select's three fd_sets (args[1..3], below args[0] and 64)
 * that are not what the group's last record said, the first
 * DSCOPE_POLL_FDS of them: named as arguments are. */
__noinline int capture_fdset_fds(struct scratch *s, __u32 tgid,
				 const struct sys_args *a)
{
	struct fdset_walk w = { .s = s, .tgid = tgid };
	__u64 set;

	if (!s || !a)
		return 0;
	for (int i = 1; i <= 3; i++)
		if (a->v[i] && !bpf_probe_read_user(&set, sizeof(set), (const void *)a->v[i]))
			w.bits |= set;
	if (a->v[0] < 64)
		w.bits &= (1ull << a->v[0]) - 1;
	if (w.bits)
		bpf_loop(64, fdset_step, &w, 0);
	return 0;
}

/* The fds that recvmsg's SCM_RIGHTS control messages brought (the
 * msghdr at addr, as the call left it): new fds, named as a result is,
 * DSCOPE_CMSG_FDS of each of the first DSCOPE_CMSGS messages. */
__noinline int capture_cmsg_fds(struct scratch *s, __u32 tgid, __u64 addr)
{
	struct {
		__u64 len;
		__s32 level, type;
	} h;
	struct msghdr_u m;
	__u64 off = 0;

	if (!s || bpf_probe_read_user(&m, sizeof(m), (const void *)addr) ||
	    !m.control)
		return 0;
	for (int i = 0; i < DSCOPE_CMSGS; i++) {
		__u64 n;

		if (off + sizeof(h) > m.controllen ||
		    bpf_probe_read_user(&h, sizeof(h), (const void *)(m.control + off)) ||
		    h.len < sizeof(h) || h.len > m.controllen - off)
			break;
		n = (h.len - sizeof(h)) / sizeof(__s32);
		for (int k = 0; k < DSCOPE_CMSG_FDS && k < n &&
				h.level == 1 /* SOL_SOCKET */ && h.type == 1 /* SCM_RIGHTS */;
		     k++) {
			__s32 fd;
			__u64 file;

			if (bpf_probe_read_user(&fd, sizeof(fd),
						(const void *)(m.control + off + sizeof(h) + k * sizeof(fd))))
				break;
			if (fd >= 0 && fd_changed(tgid, fd, &file, 0))
				capture_fd(s, (__u32)fd, file);
		}
		off += (h.len + 7) & ~7ull; /* CMSG_ALIGN */
	}
	return 0;
}

/* A call's entry (args: its six arguments). Global, as on_exit: verified
 * once, not once per program that calls it. */
__noinline int on_enter(__u64 pid_tgid, long id, int compat,
			const struct sys_args *a)
{
	__u32 tgid = pid_tgid >> 32;
	const struct dscope_plan *plan;
	const __u64 *args;
	struct dscope_rec *r;
	struct scratch *s;
	__u64 files[6];
	__u32 changed;

	if (!a)
		return 0;
	args = a->v;

	plan = plan_of(id, compat);
	changed = plan && plan->fd_args & ~plan->fd_args_exit
			  ? fds_changed(tgid, plan->fd_args & ~plan->fd_args_exit,
					args, files, 0)
			  : 0;
	if (changed || (plan && plan->when & DSCOPE_CAP_ENTRY)) {
		s = scratch_begin(DSCOPE_REC_ENTER, pid_tgid, args);
		if (!s)
			return 0;
		s->rec.nr = (__s32)id;
		for (int i = 0; i < 6; i++)
			if (changed >> i & 1)
				capture_fd(s, (__u32)s->rec.args[i], files[i]);
		if (plan->when & DSCOPE_CAP_ENTRY)
			capture_plan(s, plan, 0, DSCOPE_CAP_ENTRY);
		if (plan->fd_poll)
			capture_poll_fds(s, tgid, args[0], args[1]);
		if (plan->fd_sets)
			capture_fdset_fds(s, tgid, a);
		if (s->faults && plan->refetch) {
			__u32 tid = (__u32)pid_tgid;
			__u8 one = 1;

			bpf_map_update_elem(&refetch, &tid, &one, BPF_ANY);
		}
		scratch_send(s);
		return 0;
	}
	r = reserve();
	if (!r)
		return 0;
	fill(r, DSCOPE_REC_ENTER, pid_tgid);
	r->flags = compat ? DSCOPE_REC_COMPAT : 0;
	r->nr = (__s32)id;
	for (int i = 0; i < 6; i++)
		r->args[i] = args[i];
	submit(r);
	return 0;
}

/* A call's exit (args: the registers, which still hold the arguments on
 * x86_64). */
/* Whether the call's return value is a new fd. */
static __always_inline bool returns_fd(const struct dscope_plan *plan,
				       const __u64 *args)
{
	__u32 cmd = (__u32)args[1];

	return plan->ret_fd == DSCOPE_RET_FD ||
	       (plan->ret_fd == DSCOPE_RET_FD_DUPFD &&
		(cmd == 0 /* F_DUPFD */ || cmd == 1030 /* F_DUPFD_CLOEXEC */));
}

__noinline int on_exit(__u64 pid_tgid, long nr, int compat, long ret,
		       const struct sys_args *a)
{
	__u32 tgid = pid_tgid >> 32;
	const struct dscope_plan *plan;
	struct dscope_rec *r;
	struct scratch *s;
	__u32 tid = (__u32)pid_tgid;
	__u64 newfile = 0, pair_files[2] = {}, file0 = 0;
	__s32 pair_fds[2] = {};
	/* the fds the record names, at most 4: the result, the pair, arg 0 */
	__u64 out_files[4] = {};
	__s64 out_fds[4] = {};
	__u32 nout = 0, pair;
	const __u64 *args;
	bool again;

	/* also for a call begun before the trace (no entry seen) */
	fd_gen_bump(tgid, nr, compat);
	if (!a)
		return 0;
	args = a->v;
	/* a closed fd is marked so, as user space forgets it: the next open
	 * may get the struct file just freed (files are SLAB_TYPESAFE_BY_RCU)
	 * for the same path, which would pass for the fd unchanged; and a
	 * use of the closed fd still sends that it is not open */
	if (!compat && nr == NR_CLOSE && ret == 0) {
		__u64 key = (__u64)tgid << 32 | (__u32)args[0];
		struct fd_seen *last = bpf_map_lookup_elem(&fds, &key);

		if (last)
			last->file = FD_SEEN_CLOSED;
	}
	plan = plan_of(nr, compat);
	if (plan && returns_fd(plan, args) && ret >= 0 &&
	    fd_changed(tgid, ret, &newfile, 0) && newfile) {
		out_fds[0] = ret;
		out_files[0] = newfile;
		nout = 1;
	}
	again = plan && plan->refetch && plan->when & DSCOPE_CAP_ENTRY &&
		bpf_map_lookup_elem(&refetch, &tid);
	if (again)
		bpf_map_delete_elem(&refetch, &tid);
	pair = plan && plan->fd_pair_arg && ret == 0
		       ? fd_pair_changed(tgid, args[(plan->fd_pair_arg - 1) & 7],
					 pair_fds, pair_files)
		       : 0;
	for (int i = 0; i < 2; i++) {
		if (pair >> i & 1) {
			out_fds[nout & 3] = (__u32)pair_fds[i];
			out_files[nout & 3] = pair_files[i];
			nout++;
		}
	}
	/* the calls of fd_args_exit change their first argument's fd */
	if (plan && plan->fd_args_exit & 1 &&
	    fd_changed(tgid, (__s32)args[0], &file0, 1)) {
		out_fds[nout & 3] = (__u32)args[0];
		out_files[nout & 3] = file0;
		nout++;
	}
	if (nout || again || (plan && plan->when & DSCOPE_CAP_EXIT)) {
		s = scratch_begin(DSCOPE_REC_EXIT, pid_tgid, args);
		if (!s)
			return 0;
		s->rec.nr = (__s32)nr;
		s->rec.ret = ret;
		for (int i = 0; i < 4; i++)
			if (i < nout)
				capture_fd(s, out_fds[i], out_files[i]);
		if (again) /* the entry's regions, now paged in */
			capture_plan(s, plan, ret, DSCOPE_CAP_ENTRY);
		if (plan->when & DSCOPE_CAP_EXIT)
			capture_plan(s, plan, ret, DSCOPE_CAP_EXIT);
		if (plan->fd_cmsg && ret >= 0)
			capture_cmsg_fds(s, tgid, args[1]);
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

/* tgid's word in traced_bits, or NULL past them. The barrier keeps the
 * compiler from indexing with a register the check did not bound. */
static __always_inline __u64 *traced_word(__u32 tgid)
{
	__u32 word = tgid / 64;

	asm volatile("" : "+r"(word));
	return word < DSCOPE_TGID_WORDS ? &traced_bits[word] : NULL;
}

static __always_inline bool traced_tgid(__u32 tgid)
{
	__u64 *word = traced_word(tgid);

	return word && *word >> (tgid % 64) & 1;
}

static __always_inline bool traced(__u64 pid_tgid)
{
	return traced_tgid(pid_tgid >> 32);
}

#define REGS_ARGS(r) { { (r)->di, (r)->si, (r)->dx, (r)->r10, (r)->r8, (r)->r9 } }

SEC("tp_btf/sys_enter")
int BPF_PROG(dscope_sys_enter, struct pt_regs *regs, long id)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	bool compat;

	if (per_call_events || !traced(pid_tgid))
		return 0;
	compat = is_compat(id);
	if (!wanted(id, compat))
		return 0;
	{
		struct sys_args a = REGS_ARGS(regs);

		return on_enter(pid_tgid, id, compat, &a);
	}
}

SEC("tp_btf/sys_exit")
int BPF_PROG(dscope_sys_exit, struct pt_regs *regs, long ret)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	bool compat;
	long nr;

	if (per_call_events || !traced(pid_tgid))
		return 0;
	nr = regs->orig_ax;
	compat = is_compat(nr);
	/* rt_sigreturn sets orig_ax to -1: its exit always goes */
	if (nr >= 0 && !wanted(nr, compat))
		return 0;
	{
		struct sys_args a = REGS_ARGS(regs);

		return on_exit(pid_tgid, nr, compat, ret, &a);
	}
}

/* The per-call events syscalls:sys_enter_NAME and sys_exit_NAME, used
 * instead of the raw ones when -e trace= names a few calls: the others
 * then run no program at all (the kernel tests a bitmap). Their records:
 * an 8-byte trace_entry, the number, then the return value at offset 16
 * or as many arguments as the call has (the kernel refuses a program
 * that reads past the smallest event: the arguments come from the
 * registers). They never see another ABI's calls, which a -e trace= set
 * leaves out anyway. */
struct call_enter_ctx {
	__u64 common;
	int nr;
};

struct call_exit_ctx {
	__u64 common;
	int nr;
	long ret;
};

SEC("tracepoint")
int dscope_call_enter(struct call_enter_ctx *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	long nr = ctx->nr;

	if (!per_call_events || !traced(pid_tgid) || !wanted(nr, false))
		return 0;
	{
		struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(
			bpf_get_current_task_btf());
		struct sys_args a = REGS_ARGS(regs);

		return on_enter(pid_tgid, nr, false, &a);
	}
}

SEC("tracepoint")
int dscope_call_exit(struct call_exit_ctx *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct pt_regs *regs;
	long nr = ctx->nr;

	if (!per_call_events || !traced(pid_tgid) || !wanted(nr, false))
		return 0;
	/* the arguments at exit, as the raw event's regs give them */
	regs = (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());
	{
		struct sys_args a = REGS_ARGS(regs);

		return on_exit(pid_tgid, nr, false, ctx->ret, &a);
	}
}

/* A new task: threads are traced with their group; with -f a child
 * process of a followed group is added to the map before it first runs. */
SEC("tp_btf/sched_process_fork")
int BPF_PROG(dscope_fork, struct task_struct *parent, struct task_struct *child)
{
	__u32 ptgid = parent->tgid, ctgid = child->tgid;
	__u32 *flags = bpf_map_lookup_elem(&tgids, &ptgid);
	struct dscope_rec *r;
	__u64 *word;
	__u32 f;

	if (!flags || ctgid == ptgid || !(*flags & DSCOPE_TGID_FOLLOW))
		return 0;
	f = *flags;
	if (bpf_map_update_elem(&tgids, &ctgid, &f, BPF_NOEXIST) != 0)
		return 0;
	word = traced_word(ctgid);
	if (word)
		__sync_fetch_and_or(word, 1ull << (ctgid % 64));
	/* what a process of this pid left in the fds map is not its; and
	 * a parent's io_uring fds are the child's too */
	__sync_fetch_and_add(fd_gen_slot(ctgid), 1);
	if (*fd_gen_slot(ptgid) & DSCOPE_FD_GEN_NEVER)
		__sync_fetch_and_or(fd_gen_slot(ctgid), DSCOPE_FD_GEN_NEVER);
	r = reserve();
	if (!r)
		return 0;
	fill(r, DSCOPE_REC_FORK, (__u64)ctgid << 32 | ctgid);
	r->ret = ptgid;
	bpf_ringbuf_submit(r, 0); /* rare, and the loader must learn of it */
	return 0;
}

/* A traced process's new name, for naming it after it is gone: the
 * loader keeps the last one of each group. */
SEC("tp_btf/task_rename")
int BPF_PROG(dscope_rename, struct task_struct *task, const char *comm)
{
	__u32 tgid = task->tgid;
	struct dscope_rec *r;

	if (task->pid != task->tgid || !traced_tgid(tgid))
		return 0;
	r = reserve();
	if (!r)
		return 0;
	fill(r, DSCOPE_REC_COMM, (__u64)tgid << 32 | tgid);
	r->args[0] = r->args[1] = 0;
	bpf_probe_read_kernel_str(r->args, 16, comm);
	submit(r);
	return 0;
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(dscope_exec, struct task_struct *p, pid_t old_pid)
{
	__u32 tgid = p->tgid;
	struct dscope_rec *r;

	if (!traced_tgid(tgid))
		return 0;
	__sync_fetch_and_add(fd_gen_slot(tgid), 1); /* close-on-exec fds */
	r = reserve();
	if (!r)
		return 0;
	fill(r, DSCOPE_REC_EXEC, (__u64)tgid << 32 | (__u32)p->pid);
	r->ret = old_pid;
	submit(r);
	return 0;
}

#define __TASK_STOPPED 0x4 /* linux/sched.h: macros, not in BTF */

/* SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU: their default action stops. */
static __always_inline bool is_stop_signal(int sig)
{
	return sig >= 19 && sig <= 22;
}

/* The stop of a thread's group: what ptrace's group-stop reports (here
 * at the stop signal's delivery, of the thread that takes it). The
 * reader is woken at once: a stopped process makes no more records. */
static __always_inline void group_stop(__u64 pid_tgid, int sig)
{
	struct dscope_rec *r = reserve();

	if (!r)
		return;
	fill(r, DSCOPE_REC_GROUP_STOP, pid_tgid);
	r->nr = sig;
	bpf_ringbuf_submit(r, BPF_RB_FORCE_WAKEUP);
}

/* A signal on its way to a handler or its default action, in the
 * receiving thread: what ptrace's signal-delivery stop reports; for a
 * stop signal's default action, the group's stop follows. */
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
	if (sig == 9 || !traced_tgid(tgid))
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
	if (is_stop_signal(sig) && !BPF_CORE_READ(ka, sa.sa_handler)) /* SIG_DFL */
		group_stop(pid_tgid, sig);
	return 0;
}

/* task_struct's state before Linux 5.14 (then renamed __state). */
struct task_struct___old {
	long state;
} __attribute__((preserve_access_index));

static __always_inline unsigned task_state(struct task_struct *t)
{
	if (bpf_core_field_exists(t->__state))
		return BPF_CORE_READ(t, __state);
	return BPF_CORE_READ((struct task_struct___old *)t, state);
}

/* The group the loader just attached to (set before it runs the
 * iterator below). */
volatile __u32 stopped_tgid;
/* The loader's own tgid as the kernel (the initial pid namespace) sees
 * it, which the records use: set by the iterator, run by the loader. */
volatile __u32 reader_tgid;

/* A thread of the group just attached to found stopped (job control)
 * when the loader runs this iterator: a record says it, with the signal
 * that stopped its group. */
SEC("iter/task")
int dscope_stopped(struct bpf_iter__task *ctx)
{
	struct task_struct *t = ctx->task;

	reader_tgid = bpf_get_current_pid_tgid() >> 32;
	if (!t || t->tgid != stopped_tgid || !(task_state(t) & __TASK_STOPPED))
		return 0;
	group_stop((__u64)t->tgid << 32 | (__u32)t->pid,
		   BPF_CORE_READ(t, signal, group_exit_code));
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

	if (!traced_tgid(tgid))
		return 0;
	dead = BPF_CORE_READ(p, signal, live.counter) == 0;
	if (dead) {
		__u64 *word = traced_word(tgid);

		if (word)
			__sync_fetch_and_and(word, ~(1ull << (tgid % 64)));
		bpf_map_delete_elem(&tgids, &tgid);
	}
	r = reserve();
	if (!r)
		return 0;
	fill(r, DSCOPE_REC_THREAD_EXIT, (__u64)tgid << 32 | (__u32)p->pid);
	r->flags = dead ? DSCOPE_REC_GROUP_DEAD : 0;
	r->ret = p->exit_code;
	bpf_ringbuf_submit(r, 0);
	return 0;
}
