/* Family "signal" (see families.h): sending signals (kill, tgkill, tkill,
 * rt_sigqueueinfo), handlers (rt_sigaction, in the x86_64 kernel's struct
 * layout), masks (rt_sigprocmask & co, through decode_put_sigset),
 * waiting (rt_sigsuspend, rt_sigtimedwait, pause), sigaltstack, alarm. */
#include <signal.h>
#include <string.h>

#include "decode/families.h"

/* The kernel's struct sigaction on x86_64 (not glibc's): the mask last. */
struct ksigaction {
	uint64_t handler;
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;
};

#define KSA_MASK_OFFSET 24
#define SA_RESTORER_	0x04000000u
#define SA_INTERRUPT_	0x20000000u

/* strace's order: SA_RESTORER first. */
static const struct flag_name sa_flags[] = {
	{ SA_RESTORER_, "SA_RESTORER" },  { SA_ONSTACK, "SA_ONSTACK" },
	{ SA_RESTART, "SA_RESTART" },	  { SA_INTERRUPT_, "SA_INTERRUPT" },
	{ SA_NODEFER, "SA_NODEFER" },	  { SA_RESETHAND, "SA_RESETHAND" },
	{ SA_SIGINFO, "SA_SIGINFO" },	  { SA_NOCLDSTOP, "SA_NOCLDSTOP" },
	{ SA_NOCLDWAIT, "SA_NOCLDWAIT" }, { 0, NULL },
};

static const struct flag_name sigprocmask_how[] = {
	{ SIG_BLOCK, "SIG_BLOCK" },
	{ SIG_UNBLOCK, "SIG_UNBLOCK" },
	{ SIG_SETMASK, "SIG_SETMASK" },
	{ 0, NULL },
};

static const struct flag_name ss_flags[] = {
	{ SS_ONSTACK, "SS_ONSTACK" },
	{ SS_DISABLE, "SS_DISABLE" },
	{ 1u << 31, "SS_AUTODISARM" },
	{ 0, NULL },
};

static void put_handler(struct dout *o, const char *key, uint64_t h)
{
	if (h == 0)
		dout_sym(o, key, "SIG_DFL");
	else if (h == 1)
		dout_sym(o, key, "SIG_IGN");
	else if (h == UINT64_MAX)
		dout_sym(o, key, "SIG_ERR");
	else
		dout_ptr(o, key, h);
}

/* The mask is printed by decode_put_sigset, which reads it again from its
 * place in the struct (the tracee is stopped: the same bytes). */
static void put_sigaction(struct decode_call *c, struct dout *o,
			  const char *key, uint64_t addr)
{
	struct ksigaction sa;

	if (!addr || decode_read(c, addr, &sa, sizeof(sa)) != 0) {
		dout_ptr(o, key, addr);
		return;
	}
	dout_begin_struct(o, key);
	put_handler(o, "sa_handler", sa.handler);
	decode_put_sigset(c, o, "sa_mask", addr + KSA_MASK_OFFSET,
			  sizeof(sa.mask));
	dout_flags(o, "sa_flags", sa.flags, sa_flags);
	if (sa.flags & SA_RESTORER_)
		dout_ptr(o, "sa_restorer", sa.restorer);
	dout_end_struct(o);
}

static void in_sigaction(struct decode_call *c, struct dout *o, const char *key,
			 uint64_t v)
{
	put_sigaction(c, o, key, v);
}

static void out_sigaction(struct decode_call *c, struct dout *o,
			  const char *key, uint64_t v)
{
	if (c->ret < 0)
		dout_ptr(o, key, v);
	else
		put_sigaction(c, o, key, v);
}

static void in_how(struct decode_call *c, struct dout *o, const char *key,
		   uint64_t v)
{
	(void)c;
	decode_put_xlat(o, key, (uint32_t)v, sigprocmask_how, "SIG_???");
}

/* A mask whose size is the next argument (rt_sigsuspend, rt_sigpending)
 * or the fourth (rt_sigprocmask, rt_sigtimedwait). */
static void in_sigset_a1(struct decode_call *c, struct dout *o, const char *key,
			 uint64_t v)
{
	decode_put_sigset(c, o, key, v, c->args[1]);
}

static void out_sigset_a1(struct decode_call *c, struct dout *o,
			  const char *key, uint64_t v)
{
	if (c->ret < 0)
		dout_ptr(o, key, v);
	else
		decode_put_sigset(c, o, key, v, c->args[1]);
}

static void in_sigset_a3(struct decode_call *c, struct dout *o, const char *key,
			 uint64_t v)
{
	decode_put_sigset(c, o, key, v, c->args[3]);
}

static void out_sigset_a3(struct decode_call *c, struct dout *o,
			  const char *key, uint64_t v)
{
	if (c->ret < 0)
		dout_ptr(o, key, v);
	else
		decode_put_sigset(c, o, key, v, c->args[3]);
}

/* siginfo_t (128 bytes): what a signal carries, by its code. */
#define SIGINFO_SIZE 128

static const struct flag_name si_codes[] = {
	{ 0, "SI_USER" },
	{ 0x80, "SI_KERNEL" },
	{ (uint32_t)-1, "SI_QUEUE" },
	{ (uint32_t)-2, "SI_TIMER" },
	{ (uint32_t)-3, "SI_MESGQ" },
	{ (uint32_t)-4, "SI_ASYNCIO" },
	{ (uint32_t)-5, "SI_SIGIO" },
	{ (uint32_t)-6, "SI_TKILL" },
	{ (uint32_t)-7, "SI_DETHREAD" },
	{ (uint32_t)-60, "SI_ASYNCNL" },
	{ 0, NULL },
};

static const struct flag_name cld_codes[] = {
	{ 1, "CLD_EXITED" },  { 2, "CLD_KILLED" },  { 3, "CLD_DUMPED" },
	{ 4, "CLD_TRAPPED" }, { 5, "CLD_STOPPED" }, { 6, "CLD_CONTINUED" },
	{ 0, NULL },
};

static const struct flag_name segv_codes[] = {
	{ 1, "SEGV_MAPERR" }, { 2, "SEGV_ACCERR" }, { 3, "SEGV_BNDERR" },
	{ 4, "SEGV_PKUERR" }, { 0, NULL },
};

static const struct flag_name bus_codes[] = {
	{ 1, "BUS_ADRALN" },	{ 2, "BUS_ADRERR" },	{ 3, "BUS_OBJERR" },
	{ 4, "BUS_MCEERR_AR" }, { 5, "BUS_MCEERR_AO" }, { 0, NULL },
};

static const struct flag_name ill_codes[] = {
	{ 1, "ILL_ILLOPC" }, { 2, "ILL_ILLOPN" }, { 3, "ILL_ILLADR" },
	{ 4, "ILL_ILLTRP" }, { 5, "ILL_PRVOPC" }, { 6, "ILL_PRVREG" },
	{ 7, "ILL_COPROC" }, { 8, "ILL_BADSTK" }, { 0, NULL },
};

static const struct flag_name fpe_codes[] = {
	{ 1, "FPE_INTDIV" }, { 2, "FPE_INTOVF" }, { 3, "FPE_FLTDIV" },
	{ 4, "FPE_FLTOVF" }, { 5, "FPE_FLTUND" }, { 6, "FPE_FLTRES" },
	{ 7, "FPE_FLTINV" }, { 8, "FPE_FLTSUB" }, { 0, NULL },
};

static const struct flag_name trap_codes[] = {
	{ 1, "TRAP_BRKPT" },  { 2, "TRAP_TRACE" }, { 3, "TRAP_BRANCH" },
	{ 4, "TRAP_HWBKPT" }, { 0, NULL },
};

static const struct flag_name poll_codes[] = {
	{ 1, "POLL_IN" },  { 2, "POLL_OUT" }, { 3, "POLL_MSG" },
	{ 4, "POLL_ERR" }, { 5, "POLL_PRI" }, { 6, "POLL_HUP" },
	{ 0, NULL },
};

static const struct flag_name sys_codes[] = {
	{ 1, "SYS_SECCOMP" },
	{ 0, NULL },
};

/* The kernel's codes (> 0) are named by signal. */
static const struct flag_name *kernel_codes(int signo)
{
	switch (signo) {
	case SIGCHLD:
		return cld_codes;
	case SIGSEGV:
		return segv_codes;
	case SIGBUS:
		return bus_codes;
	case SIGILL:
		return ill_codes;
	case SIGFPE:
		return fpe_codes;
	case SIGTRAP:
		return trap_codes;
	case SIGPOLL:
		return poll_codes;
	case SIGSYS:
		return sys_codes;
	default:
		return NULL;
	}
}

static int32_t si_i32(const unsigned char *si, size_t off)
{
	int32_t v;

	memcpy(&v, si + off, sizeof(v));
	return v;
}

static int64_t si_i64(const unsigned char *si, size_t off)
{
	int64_t v;

	memcpy(&v, si + off, sizeof(v));
	return v;
}

/* Members after signo, errno and code: the union at offset 16. */
static void siginfo_union(struct dout *o, const unsigned char *si, int signo,
			  int code)
{
	if (code == SI_TIMER) {
		dout_int(o, "si_timerid", si_i32(si, 16));
		dout_int(o, "si_overrun", si_i32(si, 20));
		dout_int(o, "si_int", si_i32(si, 24));
		dout_ptr(o, "si_ptr", (uint64_t)si_i64(si, 24));
		return;
	}
	if (code <= 0 && code != SI_SIGIO) {
		dout_int(o, "si_pid", si_i32(si, 16));
		dout_uint(o, "si_uid", (uint32_t)si_i32(si, 20));
		if (code == SI_QUEUE || code == SI_MESGQ ||
		    code == SI_ASYNCIO) {
			dout_int(o, "si_int", si_i32(si, 24));
			dout_ptr(o, "si_ptr", (uint64_t)si_i64(si, 24));
		}
		return;
	}
	if (code == SI_KERNEL && signo != SIGSEGV && signo != SIGBUS)
		return;
	switch (signo) {
	case SIGCHLD:
		dout_int(o, "si_pid", si_i32(si, 16));
		dout_uint(o, "si_uid", (uint32_t)si_i32(si, 20));
		if (code == CLD_EXITED)
			dout_int(o, "si_status", si_i32(si, 24));
		else
			decode_put_signal(o, "si_status", si_i32(si, 24));
		dout_int(o, "si_utime", si_i64(si, 32));
		dout_int(o, "si_stime", si_i64(si, 40));
		break;
	case SIGSEGV:
	case SIGBUS:
	case SIGILL:
	case SIGFPE:
	case SIGTRAP:
		dout_ptr(o, "si_addr", (uint64_t)si_i64(si, 16));
		break;
	case SIGPOLL:
		dout_int(o, "si_band", si_i64(si, 16));
		dout_int(o, "si_fd", si_i32(si, 24));
		break;
	case SIGSYS:
		dout_ptr(o, "si_call_addr", (uint64_t)si_i64(si, 16));
		dout_int(o, "si_syscall", si_i32(si, 24));
		dout_hex(o, "si_arch", (uint32_t)si_i32(si, 28));
		break;
	default:
		break;
	}
}

static void siginfo_fields(struct decode_call *c, struct dout *o,
			   const void *data, size_t size)
{
	const unsigned char *si = data;
	int signo = si_i32(si, 0), err = si_i32(si, 4), code = si_i32(si, 8);
	const struct flag_name *codes =
		code > 0 && code != SI_KERNEL ? kernel_codes(signo) : si_codes;
	const char *name = dout_enum_name((uint32_t)code, codes);

	(void)c;
	(void)size;
	if (signo == 0)
		return; /* nothing was written: {} */
	decode_put_signal(o, "si_signo", signo);
	if (err)
		dout_int(o, "si_errno", err);
	if (name)
		dout_sym(o, "si_code", name);
	else
		dout_int(o, "si_code", code);
	siginfo_union(o, si, signo, code);
}

static void in_siginfo(struct decode_call *c, struct dout *o, const char *key,
		       uint64_t v)
{
	decode_put_struct(c, o, key, v, SIGINFO_SIZE, siginfo_fields);
}

/* rt_sigtimedwait: the signal taken is the return value, named after it
 * ("= 14 (SIGALRM)"). */
static void out_siginfo_signal(struct decode_call *c, struct dout *o,
			       const char *key, uint64_t v)
{
	if (c->ret <= 0) {
		dout_ptr(o, key, v);
		return;
	}
	c->ret_note = decode_signal_name(c->ret);
	decode_put_struct(c, o, key, v, SIGINFO_SIZE, siginfo_fields);
}

static void in_timespec(struct decode_call *c, struct dout *o, const char *key,
			uint64_t v)
{
	decode_put_timespec(c, o, key, v);
}

/* stack_t: ss_sp, ss_flags (int and padding), ss_size. */
static void stack_fields(struct decode_call *c, struct dout *o,
			 const void *data, size_t size)
{
	uint64_t sp, len;
	int32_t flags;

	(void)c;
	(void)size;
	memcpy(&sp, data, sizeof(sp));
	memcpy(&flags, (const char *)data + 8, sizeof(flags));
	memcpy(&len, (const char *)data + 16, sizeof(len));
	dout_ptr(o, "ss_sp", sp);
	dout_flags(o, "ss_flags", (uint32_t)flags, ss_flags);
	dout_uint(o, "ss_size", len);
}

static void in_stack(struct decode_call *c, struct dout *o, const char *key,
		     uint64_t v)
{
	decode_put_struct(c, o, key, v, 24, stack_fields);
}

static void out_stack(struct decode_call *c, struct dout *o, const char *key,
		      uint64_t v)
{
	decode_put_struct_out(c, o, key, v, 24, stack_fields);
}

/* One line a syscall. */
/* clang-format off */
const struct syscall_spec decode_family_signal[] = {
	{ "kill", RET_INT, { { "pid", ARG_INT }, { "sig", ARG_SIGNAL } } },
	{ "tgkill", RET_INT, { { "tgid", ARG_INT }, { "tid", ARG_INT }, { "sig", ARG_SIGNAL } } },
	{ "tkill", RET_INT, { { "tid", ARG_INT }, { "sig", ARG_SIGNAL } } },
	{ "rt_sigaction", RET_INT, { { "signum", ARG_SIGNAL }, { "act", ARG_IN, in_sigaction }, { "oldact", ARG_OUT, out_sigaction }, { "sigsetsize", ARG_UINT } } },
	{ "rt_sigprocmask", RET_INT, { { "how", ARG_IN, in_how }, { "set", ARG_IN, in_sigset_a3 }, { "oldset", ARG_OUT, out_sigset_a3 }, { "sigsetsize", ARG_UINT } } },
	/* The frame the kernel restores is on the stack, which the call
	 * does not name: shown without arguments. */
	{ "rt_sigreturn", RET_INT },
	{ "rt_sigpending", RET_INT, { { "set", ARG_OUT, out_sigset_a1 }, { "sigsetsize", ARG_UINT } } },
	{ "rt_sigsuspend", RET_INT, { { "mask", ARG_IN, in_sigset_a1 }, { "sigsetsize", ARG_UINT } } },
	{ "rt_sigtimedwait", RET_INT, { { "set", ARG_IN, in_sigset_a3 }, { "info", ARG_OUT, out_siginfo_signal }, { "timeout", ARG_IN, in_timespec }, { "sigsetsize", ARG_UINT } } },
	{ "rt_sigqueueinfo", RET_INT, { { "tgid", ARG_INT }, { "sig", ARG_SIGNAL }, { "info", ARG_IN, in_siginfo } } },
	{ "rt_tgsigqueueinfo", RET_INT, { { "tgid", ARG_INT }, { "tid", ARG_INT }, { "sig", ARG_SIGNAL }, { "info", ARG_IN, in_siginfo } } },
	{ "sigaltstack", RET_INT, { { "ss", ARG_IN, in_stack }, { "old_ss", ARG_OUT, out_stack } } },
	{ "pause", RET_INT },
	{ "alarm", RET_UINT, { { "seconds", ARG_UINT } } },
	{ NULL },
};

/* What the decoders above read (decode/capture.h), for backends that
 * capture it while the call runs. */
const struct capture_shape decode_shapes_signal[] = {
	/* the mask is read again from its place in the struct */
	{ (const void *)in_sigaction, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, sizeof(struct ksigaction) } } },
	{ (const void *)out_sigaction, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, sizeof(struct ksigaction) } } },
	{ (const void *)in_sigset_a1, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, 8 } } },
	{ (const void *)out_sigset_a1, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, 8 } } },
	{ (const void *)in_sigset_a3, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, 8 } } },
	{ (const void *)out_sigset_a3, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, 8 } } },
	{ (const void *)in_siginfo, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, SIGINFO_SIZE } } },
	{ (const void *)out_siginfo_signal, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, SIGINFO_SIZE } } },
	/* rt_sigtimedwait's timeout follows info, an out argument: it is
	 * shown at exit */
	{ (const void *)in_timespec, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, 16 } } },
	{ (const void *)in_stack, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, 24 } } },
	{ (const void *)out_stack, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, 24 } } },
	{ NULL },
};
/* clang-format on */
