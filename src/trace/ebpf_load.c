/* The eBPF backend's loader (ebpf_backend.h): opens, loads and attaches
 * bpf/trace.bpf.c through its skeleton, says why when the kernel refuses
 * it, and configures it (the -e trace= bitmap, the per-call events, the
 * task iterator). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/capability.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "trace/ebpf_backend.h"

/* The ring buffer's size can be set for tests: DSCOPE_EBPF_RINGBUF=BYTES
 * (rounded up to a power of two, at least a page). */
#define RINGBUF_ENV "DSCOPE_EBPF_RINGBUF"
static int quiet_print(enum libbpf_print_level level, const char *fmt,
		       va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

/* libbpf writes its diagnostics to stderr; dscope says why in its own
 * words. DSCOPE_EBPF_DEBUG=1 lets libbpf speak. */
static void quiet_libbpf(void)
{
	if (!getenv("DSCOPE_EBPF_DEBUG"))
		libbpf_set_print(quiet_print);
}

static bool has_caps(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	uint64_t eff;

	memset(d, 0, sizeof(d));
	if (syscall(SYS_capget, &h, d) != 0)
		return geteuid() == 0;
	eff = (uint64_t)d[1].effective << 32 | d[0].effective;
#define HAS(cap) (eff >> (cap)&1)
	return HAS(CAP_SYS_ADMIN) || (HAS(CAP_BPF) && HAS(CAP_PERFMON));
#undef HAS
}

static unsigned ring_size(void)
{
	const char *s = getenv(RINGBUF_ENV);
	long page = sysconf(_SC_PAGESIZE);
	unsigned long want;
	unsigned size = 1;
	char *end;

	if (!s || !*s)
		return DSCOPE_RINGBUF_DEFAULT;
	want = strtoul(s, &end, 0);
	if (*end || want > (1ul << 30))
		return DSCOPE_RINGBUF_DEFAULT;
	if (want < (unsigned long)page)
		want = (unsigned long)page;
	while (size < want)
		size <<= 1;
	return size;
}

/* Why loading failed. libbpf says ESRCH ("no valid kernel BTF") also when
 * it could not allocate what parsing the kernel's BTF takes (tens of MB:
 * a low RLIMIT_AS), where BTF is there (ebpf_load_probe checked). */
static void refusal_text(int err, char *why, size_t size)
{
	struct rlimit as;

	if (err == -ESRCH && getrlimit(RLIMIT_AS, &as) == 0 &&
	    as.rlim_cur != RLIM_INFINITY) {
		snprintf(why, size,
			 "libbpf could not read the kernel's BTF "
			 "(/sys/kernel/btf/vmlinux), which takes tens of MB: "
			 "the address space is limited to %llu MB (RLIMIT_AS)",
			 (unsigned long long)(as.rlim_cur >> 20));
		return;
	}
	snprintf(why, size,
		 "the kernel refused the eBPF program: %s "
		 "(DSCOPE_EBPF_DEBUG=1 shows libbpf's messages)",
		 strerror(-err));
}

/* Opens and loads the program and its maps, with the per-call programs
 * only when they will be used (verifying them takes tens of ms); NULL and
 * the reason in why. */
static struct dscope_trace_bpf *load(unsigned ring, bool per_call, bool times,
				     char *why, size_t size)
{
	struct dscope_trace_bpf *skel;
	int err;

	quiet_libbpf();
	skel = dscope_trace_bpf__open();
	if (!skel) {
		snprintf(why, size, "cannot open the eBPF program: %s",
			 strerror(errno));
		return NULL;
	}
	bpf_map__set_max_entries(skel->maps.rb, ring);
	/* run at each attach (report_stopped), not attached for good */
	bpf_program__set_autoattach(skel->progs.dscope_stopped, false);
	/* attached per call by ebpf_calls_narrow, for -e trace= */
	bpf_program__set_autoattach(skel->progs.dscope_call_enter, false);
	bpf_program__set_autoattach(skel->progs.dscope_call_exit, false);
	bpf_program__set_autoload(skel->progs.dscope_call_enter, per_call);
	bpf_program__set_autoload(skel->progs.dscope_call_exit, per_call);
	/* and the raw ones only without them (attach_calls reloads them
	 * where the per-call events cannot be had) */
	bpf_program__set_autoload(skel->progs.dscope_sys_enter, !per_call);
	bpf_program__set_autoload(skel->progs.dscope_sys_exit, !per_call);
	skel->rodata->with_times = times;
	skel->rodata->wakeup_bytes =
		ring / 4 < DSCOPE_WAKEUP_BYTES ? ring / 4 : DSCOPE_WAKEUP_BYTES;
	err = dscope_trace_bpf__load(skel);
	if (err) {
		refusal_text(err, why, size);
		dscope_trace_bpf__destroy(skel);
		return NULL;
	}
	return skel;
}

/* What can be checked without loading (loading parses the kernel's BTF,
 * tens of ms): create says why when the kernel refuses the program. */
int ebpf_load_probe(char *why, size_t size)
{
	if (access("/sys/kernel/btf/vmlinux", R_OK) != 0) {
		snprintf(why, size,
			 "the kernel has no BTF "
			 "(/sys/kernel/btf/vmlinux; CONFIG_DEBUG_INFO_BTF)");
		return -ENOSYS;
	}
	if (!has_caps()) {
		snprintf(why, size,
			 "loading eBPF programs needs root, or "
			 "CAP_BPF and CAP_PERFMON");
		return -EPERM;
	}
	return 0;
}

/* The kernel's -e trace= bitmap; NULL: every call (numbers past the
 * bitmap and other ABIs' calls too, word DSCOPE_SYSCALL_WORDS). */
int ebpf_set_syscalls(struct eb_backend *b, const struct trace_syscall_set *set)
{
	int fd = bpf_map__fd(b->skel->maps.syscalls);

	_Static_assert(TRACE_SYSCALL_MAX == DSCOPE_SYSCALL_MAX,
		       "one syscall bitmap size");
	for (__u32 i = 0; i <= DSCOPE_SYSCALL_WORDS; i++) {
		__u64 v = set ? (i < DSCOPE_SYSCALL_WORDS ? set->bits[i] : 0)
			      : ~(__u64)0;

		if (bpf_map_update_elem(fd, &i, &v, BPF_ANY) != 0)
			return -errno;
	}
	ebpf_fd_gen_configure(b, !set);
	return 0;
}

/* Runs the program's task iterator over every task: for each stopped
 * thread of tgid (0: none) a group-stop record (a thread that stopped
 * before attach is told as ptrace tells it), and it notes the kernel's
 * pid of dscope. */
void ebpf_run_task_iterator(struct eb_backend *b, pid_t tgid)
{
	struct bpf_link *link =
		bpf_program__attach_iter(b->skel->progs.dscope_stopped, NULL);
	char buf[64];
	int fd;

	if (!link)
		return;
	b->skel->bss->stopped_tgid = (__u32)tgid;
	fd = bpf_iter_create(bpf_link__fd(link));
	if (fd >= 0) {
		while (read(fd, buf, sizeof(buf)) > 0)
			; /* the records go to the ring; nothing is written here
			   */
		close(fd);
	}
	bpf_link__destroy(link);
}

/* Loads the program (the per-call syscall programs or the raw ones),
 * attaches it (the per-call programs wait for attach_calls) and maps its
 * ring buffer: 0, or -1 and why. */
int ebpf_program_open(struct eb_backend *b, bool per_call, char *why,
		      size_t size)
{
	int err;

	b->per_call = per_call;
	b->skel = load(ring_size(), per_call, b->times, why, size);
	if (!b->skel)
		return -1;
	err = dscope_trace_bpf__attach(b->skel);
	if (!err)
		err = ebpf_set_syscalls(b, NULL);
	if (err) {
		snprintf(why, size, "cannot attach the eBPF program: %s",
			 strerror(-err));
		return -1;
	}
	err = ebpf_queue_open(&b->queue, bpf_map__fd(b->skel->maps.rb));
	if (err) {
		snprintf(why, size, "cannot map the ring buffer: %s",
			 strerror(-err));
		return -1;
	}
	return 0;
}

void ebpf_program_close(struct eb_backend *b)
{
	ebpf_calls_release(&b->calls);
	ebpf_queue_close(&b->queue);
	dscope_trace_bpf__destroy(b->skel);
	b->skel = NULL;
}

/* With the per-call programs loaded, attaches them to set's calls; where
 * the kernel refuses, loads the raw ones instead (before anything is
 * traced: filter() comes before attach and spawn). 0 or -errno. */
int ebpf_attach_calls(struct eb_backend *b, const struct trace_syscall_set *set)
{
	char why[256];
	int rc;

	if (!b->per_call || b->calls.n > 0)
		return 0;
	rc = set ? ebpf_calls_narrow(&b->calls, b->skel, set) : 0;
	if (rc == 1)
		return 0;
	ebpf_program_close(b);
	if (ebpf_program_open(b, false, why, sizeof(why)) != 0)
		return -EPERM;
	return set ? ebpf_set_syscalls(b, set) : 0;
}
