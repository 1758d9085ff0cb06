/* Family "process" (see families.h): creating (clone, clone3, fork,
 * vfork), running (execve, execveat), ending and waiting (exit*, wait4,
 * waitid), ids (getpid & co, set*id), pidfds (prctl: sys_prctl.c),
 * namespaces (unshare, setns), CPU affinity and resource limits. */
#include <stdio.h>
#include <string.h>

#include "decode/families.h"

/* Elements of an argv shown at most (beside -s), pointers counted in an
 * envp at most, bytes of a CPU mask read at most. */
#define ARGV_MAX   4096u
#define ENVP_MAX   (1u << 20)
#define CPUSET_MAX 1024u
#define GROUPS_MAX 1024u
#define PAGE_	   4096u

/* A signal as part of composed text: SIGCHLD, SIGRT_2, or the number. */
static void add_signal(struct strbuf *sb, int64_t sig)
{
	char buf[24];

	strbuf_adds(sb, decode_signal_text(sig, buf, sizeof(buf)));
}

/* Bytes of tracee memory an int[1] out argument holds: "[5]". */
void decode_put_out_int(struct decode_call *c, struct dout *o, const char *key,
			uint64_t v, bool signal)
{
	int32_t i;

	if (c->ret < 0 || decode_read(c, v, &i, sizeof(i)) != 0) {
		dout_ptr(o, key, v);
		return;
	}
	dout_begin_array(o, key);
	if (signal)
		decode_put_signal(o, NULL, i);
	else
		dout_int(o, NULL, i);
	dout_end_array(o);
}

/* clone, clone3, unshare, setns. CLONE_NEWTIME shares the exit signal's
 * byte in clone's flags. */
#define CLONE_SIGNAL_MASK 0xffull

static const struct flag_name clone_flags[] = {
	{ 0x80, "CLONE_NEWTIME" },
	{ 0x100, "CLONE_VM" },
	{ 0x200, "CLONE_FS" },
	{ 0x400, "CLONE_FILES" },
	{ 0x800, "CLONE_SIGHAND" },
	{ 0x1000, "CLONE_PIDFD" },
	{ 0x2000, "CLONE_PTRACE" },
	{ 0x4000, "CLONE_VFORK" },
	{ 0x8000, "CLONE_PARENT" },
	{ 0x10000, "CLONE_THREAD" },
	{ 0x20000, "CLONE_NEWNS" },
	{ 0x40000, "CLONE_SYSVSEM" },
	{ 0x80000, "CLONE_SETTLS" },
	{ 0x100000, "CLONE_PARENT_SETTID" },
	{ 0x200000, "CLONE_CHILD_CLEARTID" },
	{ 0x400000, "CLONE_DETACHED" },
	{ 0x800000, "CLONE_UNTRACED" },
	{ 0x1000000, "CLONE_CHILD_SETTID" },
	{ 0x2000000, "CLONE_NEWCGROUP" },
	{ 0x4000000, "CLONE_NEWUTS" },
	{ 0x8000000, "CLONE_NEWIPC" },
	{ 0x10000000, "CLONE_NEWUSER" },
	{ 0x20000000, "CLONE_NEWPID" },
	{ 0x40000000, "CLONE_NEWNET" },
	{ 0x80000000, "CLONE_IO" },
	{ 0x100000000ull, "CLONE_CLEAR_SIGHAND" },
	{ 0x200000000ull, "CLONE_INTO_CGROUP" },
	{ 0, NULL },
};

#define CLONE_PIDFD_	      0x1000ull
#define CLONE_SETTLS_	      0x80000ull
#define CLONE_PARENT_SETTID_  0x100000ull
#define CLONE_CHILD_CLEARTID_ 0x200000ull
#define CLONE_CHILD_SETTID_   0x1000000ull
#define CLONE_INTO_CGROUP_    0x200000000ull

/* strace names clone's arguments in its text: "child_stack=NULL". */
static void put_labelled(struct dout *o, const char *key, const char *value)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s=%s", key, value);
	dout_raw(o, key, strbuf_str(&sb));
	strbuf_release(&sb);
}

static void put_labelled_ptr(struct dout *o, const char *key, uint64_t v)
{
	char buf[24];

	if (o->mode != DOUT_TEXT) {
		dout_ptr(o, key, v);
		return;
	}
	if (v)
		snprintf(buf, sizeof(buf), "%#llx", (unsigned long long)v);
	else
		snprintf(buf, sizeof(buf), "NULL");
	put_labelled(o, key, buf);
}

/* CLONE_VM|CLONE_FS|...|SIGCHLD: the exit signal in the low byte. */
static bool call_clone(struct decode_call *c, struct dout *o)
{
	uint64_t flags = c->args[0], sig = flags & CLONE_SIGNAL_MASK;
	struct strbuf sb = STRBUF_INIT;

	if (c->exiting)
		return true;
	put_labelled_ptr(o, "child_stack", c->args[1]);
	if (flags & ~CLONE_SIGNAL_MASK)
		dout_join_flags(&sb, flags & ~CLONE_SIGNAL_MASK, clone_flags);
	if (sig) {
		if (sb.len)
			strbuf_addc(&sb, '|');
		add_signal(&sb, (int64_t)sig);
	}
	if (!sb.len)
		strbuf_addc(&sb, '0');
	if (o->mode == DOUT_TEXT)
		put_labelled(o, "flags", strbuf_str(&sb));
	else
		dout_flags_text(o, "flags", strbuf_str(&sb));
	strbuf_release(&sb);
	if (flags & CLONE_PARENT_SETTID_)
		put_labelled_ptr(o, "parent_tid", c->args[2]);
	if (flags & CLONE_SETTLS_)
		put_labelled_ptr(o, "tls", c->args[4]);
	if (flags & (CLONE_CHILD_SETTID_ | CLONE_CHILD_CLEARTID_))
		put_labelled_ptr(o, "child_tidptr", c->args[3]);
	return true;
}

/* struct clone_args, as long as the caller says (64, 80 or 88 bytes). */
#define CLONE_ARGS_VER0 64u
enum {
	CA_FLAGS,
	CA_PIDFD,
	CA_CHILD_TID,
	CA_PARENT_TID,
	CA_EXIT_SIGNAL,
	CA_STACK,
	CA_STACK_SIZE,
	CA_TLS,
	CA_SET_TID,
	CA_SET_TID_SIZE,
	CA_CGROUP,
	CA_COUNT
};

static void in_clone_args(struct decode_call *c, struct dout *o,
			  const char *key, uint64_t v)
{
	uint64_t a[CA_COUNT] = { 0 };
	uint64_t size = c->args[1] < sizeof(a) ? c->args[1] : sizeof(a);
	uint64_t flags;

	if (!v || size < CLONE_ARGS_VER0 ||
	    decode_read(c, v, a, (size_t)size) != 0) {
		dout_ptr(o, key, v);
		return;
	}
	flags = a[CA_FLAGS];
	dout_begin_struct(o, key);
	dout_flags(o, "flags", flags, clone_flags);
	if (flags & CLONE_PIDFD_)
		dout_ptr(o, "pidfd", a[CA_PIDFD]);
	if (flags & (CLONE_CHILD_SETTID_ | CLONE_CHILD_CLEARTID_))
		dout_ptr(o, "child_tid", a[CA_CHILD_TID]);
	if (flags & CLONE_PARENT_SETTID_)
		dout_ptr(o, "parent_tid", a[CA_PARENT_TID]);
	decode_put_signal(o, "exit_signal", (int64_t)a[CA_EXIT_SIGNAL]);
	dout_ptr(o, "stack", a[CA_STACK]);
	dout_hex(o, "stack_size", a[CA_STACK_SIZE]);
	if (flags & CLONE_SETTLS_)
		dout_ptr(o, "tls", a[CA_TLS]);
	if (a[CA_SET_TID_SIZE]) {
		dout_ptr(o, "set_tid", a[CA_SET_TID]);
		dout_uint(o, "set_tid_size", a[CA_SET_TID_SIZE]);
	}
	if (flags & CLONE_INTO_CGROUP_)
		dout_uint(o, "cgroup", a[CA_CGROUP]);
	dout_end_struct(o);
}

/* execve's argv: the strings, at most -s of them. */
static void in_argv(struct decode_call *c, struct dout *o, const char *key,
		    uint64_t v)
{
	size_t max = c->strsize < ARGV_MAX ? c->strsize : ARGV_MAX;
	uint64_t p;

	if (!v || decode_read(c, v, &p, sizeof(p)) != 0) {
		dout_ptr(o, key, v);
		return;
	}
	dout_begin_array(o, key);
	for (size_t i = 0;; i++) {
		if (i > 0 &&
		    decode_read(c, v + i * sizeof(p), &p, sizeof(p)) != 0) {
			dout_more(o);
			break;
		}
		if (!p)
			break;
		if (i == max) {
			dout_more(o);
			break;
		}
		decode_put_str(c, o, NULL, p);
	}
	dout_end_array(o);
}

/* Pointers before the NULL that ends the array at addr (page by page),
 * or -1 when it cannot be read or goes on past ENVP_MAX. */
static int64_t count_ptrs(struct decode_call *c, uint64_t addr)
{
	uint64_t chunk[PAGE_ / sizeof(uint64_t)];
	uint64_t n = 0;

	while (n < ENVP_MAX) {
		uint64_t at = addr + n * sizeof(uint64_t);
		size_t len = PAGE_ - (size_t)(at % PAGE_);

		if (at % sizeof(uint64_t) != 0)
			len = sizeof(uint64_t);
		if (decode_read(c, at, chunk, len) != 0)
			return -1;
		for (size_t i = 0; i < len / sizeof(uint64_t); i++, n++)
			if (!chunk[i])
				return (int64_t)n;
	}
	return -1;
}

/* envp as strace shows it: the address and a count of its variables. */
static void in_envp(struct decode_call *c, struct dout *o, const char *key,
		    uint64_t v)
{
	int64_t n = v ? count_ptrs(c, v) : -1;
	char buf[40];

	dout_ptr(o, key, v);
	if (n < 0)
		return;
	snprintf(buf, sizeof(buf), "%lld var%s", (long long)n,
		 n == 1 ? "" : "s");
	dout_comment(o, buf);
	if (o->mode != DOUT_TEXT)
		dout_uint(o, "envc", (uint64_t)n);
}

static const struct flag_name execveat_flags[] = {
	{ 0x100, "AT_SYMLINK_NOFOLLOW" },
	{ 0x1000, "AT_EMPTY_PATH" },
	{ 0, NULL },
};

/* wait4, waitid */
static const struct flag_name wait_flags[] = {
	{ 1, "WNOHANG" },
	{ 4, "WEXITED" },
	{ 2, "WSTOPPED" },
	{ 8, "WCONTINUED" },
	{ 0x1000000, "WNOWAIT" },
	{ 0x80000000, "__WCLONE" },
	{ 0x40000000, "__WALL" },
	{ 0x20000000, "__WNOTHREAD" },
	{ 0, NULL },
};

static const struct flag_name ptrace_events[] = {
	{ 1, "PTRACE_EVENT_FORK" },
	{ 2, "PTRACE_EVENT_VFORK" },
	{ 3, "PTRACE_EVENT_CLONE" },
	{ 4, "PTRACE_EVENT_EXEC" },
	{ 5, "PTRACE_EVENT_VFORK_DONE" },
	{ 6, "PTRACE_EVENT_EXIT" },
	{ 7, "PTRACE_EVENT_SECCOMP" },
	{ 128, "PTRACE_EVENT_STOP" },
	{ 0, NULL },
};

static const struct flag_name id_types[] = {
	{ 0, "P_ALL" },	  { 1, "P_PID" }, { 2, "P_PGID" },
	{ 3, "P_PIDFD" }, { 0, NULL },
};

/* [{WIFEXITED(s) && WEXITSTATUS(s) == 0}] */
static void status_text(struct strbuf *sb, uint32_t s)
{
	uint32_t sig = s & 0x7f, event = s >> 16;
	const char *name;

	if (sig == 0) {
		strbuf_addf(sb, "[{WIFEXITED(s) && WEXITSTATUS(s) == %u}]",
			    (s >> 8) & 0xff);
	} else if ((s & 0xff) == 0x7f) {
		strbuf_adds(sb, "[{WIFSTOPPED(s) && WSTOPSIG(s) == ");
		add_signal(sb, (s >> 8) & 0xff);
		strbuf_addc(sb, '}');
		name = dout_enum_name(event, ptrace_events);
		if (name)
			strbuf_addf(sb, " | %s << 16", name);
		else if (event)
			strbuf_addf(sb, " | %#x << 16", event);
		strbuf_addc(sb, ']');
	} else if (s == 0xffff) {
		strbuf_adds(sb, "[{WIFCONTINUED(s)}]");
	} else {
		strbuf_adds(sb, "[{WIFSIGNALED(s) && WTERMSIG(s) == ");
		add_signal(sb, sig);
		if (s & 0x80)
			strbuf_adds(sb, " && WCOREDUMP(s)");
		strbuf_adds(sb, "}]");
	}
}

/* JSON: {"exit_status": 0}, {"term_signal": "SIGTERM"}, ... */
static void status_json(struct dout *o, const char *key, uint32_t s)
{
	uint32_t sig = s & 0x7f;
	const char *event = dout_enum_name(s >> 16, ptrace_events);

	dout_begin_struct(o, key);
	if (sig == 0) {
		dout_uint(o, "exit_status", (s >> 8) & 0xff);
	} else if ((s & 0xff) == 0x7f) {
		decode_put_signal(o, "stop_signal", (s >> 8) & 0xff);
		if (event)
			dout_sym(o, "ptrace_event", event);
	} else if (s == 0xffff) {
		dout_uint(o, "continued", 1);
	} else {
		decode_put_signal(o, "term_signal", sig);
		if (s & 0x80)
			dout_uint(o, "core_dumped", 1);
	}
	dout_end_struct(o);
}

/* Written only when a child was reaped (wait4 returned its pid). */
static void out_wstatus(struct decode_call *c, struct dout *o, const char *key,
			uint64_t v)
{
	struct strbuf sb = STRBUF_INIT;
	int32_t s;

	if (c->ret <= 0 || decode_read(c, v, &s, sizeof(s)) != 0) {
		dout_ptr(o, key, v);
		return;
	}
	if (o->mode != DOUT_TEXT) {
		status_json(o, key, (uint32_t)s);
		return;
	}
	status_text(&sb, (uint32_t)s);
	dout_raw(o, key, strbuf_str(&sb));
	strbuf_release(&sb);
}

/* struct rusage: the two times, then "...". */
static void put_timeval(struct dout *o, const char *key, const int64_t tv[2])
{
	dout_begin_struct(o, key);
	dout_int(o, "tv_sec", tv[0]);
	dout_int(o, "tv_usec", tv[1]);
	dout_end_struct(o);
}

#define RUSAGE_SIZE 144u

static void rusage_fields(struct decode_call *c, struct dout *o,
			  const void *data, size_t size)
{
	int64_t t[4];

	(void)c;
	(void)size;
	memcpy(t, data, sizeof(t));
	put_timeval(o, "ru_utime", t);
	put_timeval(o, "ru_stime", t + 2);
	dout_more(o);
}

static void out_rusage_wait4(struct decode_call *c, struct dout *o,
			     const char *key, uint64_t v)
{
	if (c->ret <= 0)
		dout_ptr(o, key, v);
	else
		decode_put_struct(c, o, key, v, RUSAGE_SIZE, rusage_fields);
}

static void out_rusage_waitid(struct decode_call *c, struct dout *o,
			      const char *key, uint64_t v)
{
	if (c->ret != 0)
		dout_ptr(o, key, v);
	else
		decode_put_struct(c, o, key, v, RUSAGE_SIZE, rusage_fields);
}

static void in_idtype(struct decode_call *c, struct dout *o, const char *key,
		      uint64_t v)
{
	(void)c;
	decode_put_xlat(o, key, (uint32_t)v, id_types, "P_???");
}

/* getresuid & co: "[0]" */
static void out_id(struct decode_call *c, struct dout *o, const char *key,
		   uint64_t v)
{
	decode_put_out_int(c, o, key, v, false);
}

/* A gid_t array of n elements, at most -s shown. */
static void put_groups(struct decode_call *c, struct dout *o, const char *key,
		       uint64_t addr, uint64_t n)
{
	uint32_t groups[GROUPS_MAX];
	size_t shown = n < c->strsize ? (size_t)n : c->strsize;

	if (shown > GROUPS_MAX)
		shown = GROUPS_MAX;
	if (!addr || decode_read(c, addr, groups, shown * sizeof(*groups))) {
		dout_ptr(o, key, addr);
		return;
	}
	dout_begin_array(o, key);
	for (size_t i = 0; i < shown; i++)
		dout_uint(o, NULL, groups[i]);
	if (n > shown)
		dout_more(o);
	dout_end_array(o);
}

static void out_groups(struct decode_call *c, struct dout *o, const char *key,
		       uint64_t v)
{
	if (c->ret < 0 || (int32_t)c->args[0] == 0)
		dout_ptr(o, key, v);
	else
		put_groups(c, o, key, v, (uint64_t)c->ret);
}

static void in_groups(struct decode_call *c, struct dout *o, const char *key,
		      uint64_t v)
{
	int32_t n = (int32_t)c->args[0];

	if (n <= 0)
		dout_ptr(o, key, v);
	else
		put_groups(c, o, key, v, (uint64_t)n);
}

/* pidfds */
static const struct flag_name pidfd_open_flags[] = {
	{ 04000, "PIDFD_NONBLOCK" },
	{ 0200, "PIDFD_THREAD" },
	{ 0, NULL },
};

static const struct flag_name pidfd_signal_flags[] = {
	{ 1, "PIDFD_SIGNAL_THREAD" },
	{ 2, "PIDFD_SIGNAL_THREAD_GROUP" },
	{ 4, "PIDFD_SIGNAL_PROCESS_GROUP" },
	{ 0, NULL },
};

/* A CPU mask of size bytes: [0 1 4]; JSON: the array of CPU numbers. */
static void put_cpuset(struct decode_call *c, struct dout *o, const char *key,
		       uint64_t addr, uint64_t size)
{
	unsigned char mask[CPUSET_MAX];
	struct strbuf sb = STRBUF_INIT;
	size_t n = size < sizeof(mask) ? (size_t)size : sizeof(mask);

	if (!addr || decode_read(c, addr, mask, n) != 0) {
		dout_ptr(o, key, addr);
		return;
	}
	if (o->mode != DOUT_TEXT)
		dout_begin_array(o, key);
	strbuf_addc(&sb, '[');
	for (size_t cpu = 0; cpu < n * 8; cpu++) {
		if (!(mask[cpu / 8] & (1u << (cpu % 8))))
			continue;
		if (o->mode != DOUT_TEXT) {
			dout_uint(o, NULL, cpu);
			continue;
		}
		if (sb.len > 1)
			strbuf_addc(&sb, ' ');
		strbuf_addf(&sb, "%zu", cpu);
	}
	strbuf_addc(&sb, ']');
	if (o->mode != DOUT_TEXT)
		dout_end_array(o);
	else
		dout_raw(o, key, strbuf_str(&sb));
	strbuf_release(&sb);
}

/* sched_getaffinity returns the bytes it wrote. */
static void out_cpuset(struct decode_call *c, struct dout *o, const char *key,
		       uint64_t v)
{
	if (c->ret < 0)
		dout_ptr(o, key, v);
	else
		put_cpuset(c, o, key, v, (uint64_t)c->ret);
}

static void in_cpuset(struct decode_call *c, struct dout *o, const char *key,
		      uint64_t v)
{
	put_cpuset(c, o, key, v, c->args[1]);
}

/* Resource limits */
static const struct flag_name rlimits[] = {
	{ 0, "RLIMIT_CPU" },
	{ 1, "RLIMIT_FSIZE" },
	{ 2, "RLIMIT_DATA" },
	{ 3, "RLIMIT_STACK" },
	{ 4, "RLIMIT_CORE" },
	{ 5, "RLIMIT_RSS" },
	{ 6, "RLIMIT_NPROC" },
	{ 7, "RLIMIT_NOFILE" },
	{ 8, "RLIMIT_MEMLOCK" },
	{ 9, "RLIMIT_AS" },
	{ 10, "RLIMIT_LOCKS" },
	{ 11, "RLIMIT_SIGPENDING" },
	{ 12, "RLIMIT_MSGQUEUE" },
	{ 13, "RLIMIT_NICE" },
	{ 14, "RLIMIT_RTPRIO" },
	{ 15, "RLIMIT_RTTIME" },
	{ 0, NULL },
};

static void in_resource(struct decode_call *c, struct dout *o, const char *key,
			uint64_t v)
{
	(void)c;
	decode_put_xlat(o, key, (uint32_t)v, rlimits, "RLIMIT_???");
}

/* RLIM64_INFINITY, 8192*1024 (text), or the number. */
static void put_rlim(struct dout *o, const char *key, uint64_t v)
{
	char buf[32];

	if (v == UINT64_MAX) {
		dout_sym(o, key, "RLIM64_INFINITY");
	} else if (o->mode == DOUT_TEXT && v > 1024 && v % 1024 == 0) {
		snprintf(buf, sizeof(buf), "%llu*1024",
			 (unsigned long long)(v / 1024));
		dout_raw(o, key, buf);
	} else {
		dout_uint(o, key, v);
	}
}

static void rlimit_fields(struct decode_call *c, struct dout *o,
			  const void *data, size_t size)
{
	uint64_t r[2];

	(void)c;
	(void)size;
	memcpy(r, data, sizeof(r));
	put_rlim(o, "rlim_cur", r[0]);
	put_rlim(o, "rlim_max", r[1]);
}

static void in_rlimit(struct decode_call *c, struct dout *o, const char *key,
		      uint64_t v)
{
	decode_put_struct(c, o, key, v, 16, rlimit_fields);
}

static void out_rlimit(struct decode_call *c, struct dout *o, const char *key,
		       uint64_t v)
{
	decode_put_struct_out(c, o, key, v, 16, rlimit_fields);
}

/* One line a syscall. */
/* clang-format off */
const struct syscall_spec decode_family_process[] = {
	/* x86_64 order: flags, stack, parent_tid, child_tid, tls; shown in
	 * strace's order with its names. */
	{ "clone", RET_INT, { { "flags", ARG_HEX }, { "child_stack", ARG_PTR }, { "parent_tid", ARG_PTR }, { "child_tidptr", ARG_PTR }, { "tls", ARG_PTR } }, call_clone },
	{ "clone3", RET_INT, { { "cl_args", ARG_IN, in_clone_args }, { "size", ARG_UINT } } },
	{ "fork", RET_INT },
	{ "vfork", RET_INT },
	/* Read at entry: a successful execve leaves no memory to read. */
	{ "execve", RET_INT, { { "pathname", ARG_PATH }, { "argv", ARG_IN, in_argv }, { "envp", ARG_IN, in_envp } } },
	{ "execveat", RET_INT, { { "dirfd", ARG_DIRFD }, { "pathname", ARG_PATH }, { "argv", ARG_IN, in_argv }, { "envp", ARG_IN, in_envp }, { "flags", ARG_FLAGS, execveat_flags } } },
	{ "exit", RET_NONE, { { "status", ARG_INT } } },
	{ "exit_group", RET_NONE, { { "status", ARG_INT } } },
	{ "wait4", RET_INT, { { "pid", ARG_INT }, { "wstatus", ARG_OUT, out_wstatus }, { "options", ARG_FLAGS, wait_flags }, { "rusage", ARG_OUT, out_rusage_wait4 } } },
	/* The siginfo the kernel fills is shown as its address. */
	{ "waitid", RET_INT, { { "idtype", ARG_IN, in_idtype }, { "id", ARG_INT }, { "infop", ARG_PTR }, { "options", ARG_FLAGS, wait_flags }, { "rusage", ARG_OUT, out_rusage_waitid } } },
	{ "getpid", RET_INT },
	{ "getppid", RET_INT },
	{ "gettid", RET_INT },
	{ "getuid", RET_INT },
	{ "geteuid", RET_INT },
	{ "getgid", RET_INT },
	{ "getegid", RET_INT },
	{ "getpgrp", RET_INT },
	{ "setsid", RET_INT },
	{ "setpgid", RET_INT, { { "pid", ARG_INT }, { "pgid", ARG_INT } } },
	{ "getpgid", RET_INT, { { "pid", ARG_INT } } },
	{ "getsid", RET_INT, { { "pid", ARG_INT } } },
	{ "setuid", RET_INT, { { "uid", ARG_INT } } },
	{ "setgid", RET_INT, { { "gid", ARG_INT } } },
	{ "setreuid", RET_INT, { { "ruid", ARG_INT }, { "euid", ARG_INT } } },
	{ "setregid", RET_INT, { { "rgid", ARG_INT }, { "egid", ARG_INT } } },
	{ "setresuid", RET_INT, { { "ruid", ARG_INT }, { "euid", ARG_INT }, { "suid", ARG_INT } } },
	{ "setresgid", RET_INT, { { "rgid", ARG_INT }, { "egid", ARG_INT }, { "sgid", ARG_INT } } },
	{ "getresuid", RET_INT, { { "ruid", ARG_OUT, out_id }, { "euid", ARG_OUT, out_id }, { "suid", ARG_OUT, out_id } } },
	{ "getresgid", RET_INT, { { "rgid", ARG_OUT, out_id }, { "egid", ARG_OUT, out_id }, { "sgid", ARG_OUT, out_id } } },
	{ "setfsuid", RET_INT, { { "fsuid", ARG_INT } } },
	{ "setfsgid", RET_INT, { { "fsgid", ARG_INT } } },
	{ "getgroups", RET_INT, { { "size", ARG_INT }, { "list", ARG_OUT, out_groups } } },
	{ "setgroups", RET_INT, { { "size", ARG_INT }, { "list", ARG_IN, in_groups } } },
	{ "pidfd_open", RET_FD, { { "pid", ARG_INT }, { "flags", ARG_FLAGS, pidfd_open_flags } } },
	{ "pidfd_send_signal", RET_INT, { { "pidfd", ARG_FD }, { "sig", ARG_SIGNAL }, { "info", ARG_PTR }, { "flags", ARG_FLAGS, pidfd_signal_flags } } },
	{ "pidfd_getfd", RET_FD, { { "pidfd", ARG_FD }, { "targetfd", ARG_INT }, { "flags", ARG_UINT } } },
	{ "set_tid_address", RET_INT, { { "tidptr", ARG_PTR } } },
	{ "set_robust_list", RET_INT, { { "head", ARG_PTR }, { "len", ARG_UINT } } },
	{ "rseq", RET_INT, { { "rseq", ARG_PTR }, { "rseq_len", ARG_HEX }, { "flags", ARG_INT }, { "sig", ARG_HEX } } },
	{ "unshare", RET_INT, { { "flags", ARG_FLAGS, clone_flags } } },
	{ "setns", RET_INT, { { "fd", ARG_FD }, { "nstype", ARG_FLAGS, clone_flags } } },
	{ "sched_yield", RET_INT },
	{ "sched_getaffinity", RET_INT, { { "pid", ARG_INT }, { "cpusetsize", ARG_UINT }, { "mask", ARG_OUT, out_cpuset } } },
	{ "sched_setaffinity", RET_INT, { { "pid", ARG_INT }, { "cpusetsize", ARG_UINT }, { "mask", ARG_IN, in_cpuset } } },
	{ "getrlimit", RET_INT, { { "resource", ARG_IN, in_resource }, { "rlim", ARG_OUT, out_rlimit } } },
	{ "setrlimit", RET_INT, { { "resource", ARG_IN, in_resource }, { "rlim", ARG_IN, in_rlimit } } },
	{ "prlimit64", RET_INT, { { "pid", ARG_INT }, { "resource", ARG_IN, in_resource }, { "new_limit", ARG_IN, in_rlimit }, { "old_limit", ARG_OUT, out_rlimit } } },
	{ NULL },
};

/* What the decoders above read (decode/capture.h), for backends that
 * capture it while the call runs. */
const struct capture_shape decode_shapes_process[] = {
	{ (const void *)in_clone_args, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_ARG, 1, 1, CA_COUNT * sizeof(uint64_t) } } },
	/* the pointers and strings: 32 at most (the backend's limit), and
	 * no further than the pointers' page */
	{ (const void *)in_argv, { { CAPTURE_SELF, CAPTURE_STRV, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, 0, CAPTURE_STRSIZE } } },
	/* count_ptrs' first page: an envp going on past it is not counted */
	{ (const void *)in_envp, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_PAGE } } },
	{ (const void *)out_wstatus, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, sizeof(int32_t) } } },
	{ (const void *)out_rusage_wait4, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, RUSAGE_SIZE } } },
	{ (const void *)out_rusage_waitid, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, RUSAGE_SIZE } } },
	{ (const void *)out_id, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, sizeof(int32_t) } } },
	/* -s gids shown, GROUPS_MAX at most: the bound in bytes */
	{ (const void *)out_groups, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_RET, 0, sizeof(uint32_t), GROUPS_MAX * sizeof(uint32_t) } } },
	{ (const void *)in_groups, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_ARG, 0, sizeof(uint32_t), GROUPS_MAX * sizeof(uint32_t) } } },
	{ (const void *)out_cpuset, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_RET, 0, 1, CPUSET_MAX } } },
	{ (const void *)in_cpuset, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_ARG, 1, 1, CPUSET_MAX } } },
	{ (const void *)in_rlimit, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, 16 } } },
	{ (const void *)out_rlimit, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, 16 } } },
	{ NULL },
};
/* clang-format on */
