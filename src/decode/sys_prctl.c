/* Family "prctl" (see families.h): prctl by option and arch_prctl by
 * code, with what the kernel wrote back. */
#include <stdio.h>
#include <string.h>

#include "decode/families.h"

static const struct flag_name pr_options[] = {
	{ 1, "PR_SET_PDEATHSIG" },
	{ 2, "PR_GET_PDEATHSIG" },
	{ 3, "PR_GET_DUMPABLE" },
	{ 4, "PR_SET_DUMPABLE" },
	{ 5, "PR_GET_UNALIGN" },
	{ 6, "PR_SET_UNALIGN" },
	{ 7, "PR_GET_KEEPCAPS" },
	{ 8, "PR_SET_KEEPCAPS" },
	{ 9, "PR_GET_FPEMU" },
	{ 10, "PR_SET_FPEMU" },
	{ 11, "PR_GET_FPEXC" },
	{ 12, "PR_SET_FPEXC" },
	{ 13, "PR_GET_TIMING" },
	{ 14, "PR_SET_TIMING" },
	{ 15, "PR_SET_NAME" },
	{ 16, "PR_GET_NAME" },
	{ 19, "PR_GET_ENDIAN" },
	{ 20, "PR_SET_ENDIAN" },
	{ 21, "PR_GET_SECCOMP" },
	{ 22, "PR_SET_SECCOMP" },
	{ 23, "PR_CAPBSET_READ" },
	{ 24, "PR_CAPBSET_DROP" },
	{ 25, "PR_GET_TSC" },
	{ 26, "PR_SET_TSC" },
	{ 27, "PR_GET_SECUREBITS" },
	{ 28, "PR_SET_SECUREBITS" },
	{ 29, "PR_SET_TIMERSLACK" },
	{ 30, "PR_GET_TIMERSLACK" },
	{ 31, "PR_TASK_PERF_EVENTS_DISABLE" },
	{ 32, "PR_TASK_PERF_EVENTS_ENABLE" },
	{ 33, "PR_MCE_KILL" },
	{ 34, "PR_MCE_KILL_GET" },
	{ 35, "PR_SET_MM" },
	{ 36, "PR_SET_CHILD_SUBREAPER" },
	{ 37, "PR_GET_CHILD_SUBREAPER" },
	{ 38, "PR_SET_NO_NEW_PRIVS" },
	{ 39, "PR_GET_NO_NEW_PRIVS" },
	{ 40, "PR_GET_TID_ADDRESS" },
	{ 41, "PR_SET_THP_DISABLE" },
	{ 42, "PR_GET_THP_DISABLE" },
	{ 45, "PR_SET_FP_MODE" },
	{ 46, "PR_GET_FP_MODE" },
	{ 47, "PR_CAP_AMBIENT" },
	{ 52, "PR_GET_SPECULATION_CTRL" },
	{ 53, "PR_SET_SPECULATION_CTRL" },
	{ 57, "PR_SET_IO_FLUSHER" },
	{ 58, "PR_GET_IO_FLUSHER" },
	{ 59, "PR_SET_SYSCALL_USER_DISPATCH" },
	{ 62, "PR_SCHED_CORE" },
	{ 65, "PR_SET_MDWE" },
	{ 66, "PR_GET_MDWE" },
	{ 67, "PR_SET_MEMORY_MERGE" },
	{ 68, "PR_GET_MEMORY_MERGE" },
	{ 0x41555856, "PR_GET_AUXV" },
	{ 0x53564d41, "PR_SET_VMA" },
	{ 0x59616d61, "PR_SET_PTRACER" },
	{ 0, NULL },
};

enum {
	PR_SET_PDEATHSIG_ = 1,
	PR_GET_PDEATHSIG_ = 2,
	PR_GET_DUMPABLE_ = 3,
	PR_SET_DUMPABLE_ = 4,
	PR_GET_KEEPCAPS_ = 7,
	PR_SET_KEEPCAPS_ = 8,
	PR_SET_NAME_ = 15,
	PR_GET_NAME_ = 16,
	PR_GET_SECCOMP_ = 21,
	PR_SET_SECCOMP_ = 22,
	PR_CAPBSET_READ_ = 23,
	PR_CAPBSET_DROP_ = 24,
	PR_SET_TIMERSLACK_ = 29,
	PR_GET_TIMERSLACK_ = 30,
	PR_SET_CHILD_SUBREAPER_ = 36,
	PR_GET_CHILD_SUBREAPER_ = 37,
	PR_SET_NO_NEW_PRIVS_ = 38,
	PR_GET_NO_NEW_PRIVS_ = 39,
	PR_GET_TID_ADDRESS_ = 40,
	PR_SET_THP_DISABLE_ = 41,
	PR_GET_THP_DISABLE_ = 42,
	PR_CAP_AMBIENT_ = 47,
	PR_SET_MM_ = 35,
	PR_SET_VMA_ = 0x53564d41,
	PR_SET_PTRACER_ = 0x59616d61,
};

static const struct flag_name set_mm_ops[] = {
	{ 1, "PR_SET_MM_START_CODE" },	{ 2, "PR_SET_MM_END_CODE" },
	{ 3, "PR_SET_MM_START_DATA" },	{ 4, "PR_SET_MM_END_DATA" },
	{ 5, "PR_SET_MM_START_STACK" }, { 6, "PR_SET_MM_START_BRK" },
	{ 7, "PR_SET_MM_BRK" },		{ 8, "PR_SET_MM_ARG_START" },
	{ 9, "PR_SET_MM_ARG_END" },	{ 10, "PR_SET_MM_ENV_START" },
	{ 11, "PR_SET_MM_ENV_END" },	{ 12, "PR_SET_MM_AUXV" },
	{ 13, "PR_SET_MM_EXE_FILE" },	{ 14, "PR_SET_MM_MAP" },
	{ 15, "PR_SET_MM_MAP_SIZE" },	{ 0, NULL },
};

static const struct flag_name set_vma_ops[] = {
	{ 0, "PR_SET_VMA_ANON_NAME" },
	{ 0, NULL },
};

static const struct flag_name dumpable[] = {
	{ 0, "SUID_DUMP_DISABLE" },
	{ 1, "SUID_DUMP_USER" },
	{ 2, "SUID_DUMP_ROOT" },
	{ 0, NULL },
};

static const struct flag_name seccomp_modes[] = {
	{ 0, "SECCOMP_MODE_DISABLED" },
	{ 1, "SECCOMP_MODE_STRICT" },
	{ 2, "SECCOMP_MODE_FILTER" },
	{ 0, NULL },
};

static const struct flag_name cap_ambient_ops[] = {
	{ 1, "PR_CAP_AMBIENT_IS_SET" },
	{ 2, "PR_CAP_AMBIENT_RAISE" },
	{ 3, "PR_CAP_AMBIENT_LOWER" },
	{ 4, "PR_CAP_AMBIENT_CLEAR_ALL" },
	{ 0, NULL },
};

static const struct flag_name capabilities[] = {
	{ 0, "CAP_CHOWN" },
	{ 1, "CAP_DAC_OVERRIDE" },
	{ 2, "CAP_DAC_READ_SEARCH" },
	{ 3, "CAP_FOWNER" },
	{ 4, "CAP_FSETID" },
	{ 5, "CAP_KILL" },
	{ 6, "CAP_SETGID" },
	{ 7, "CAP_SETUID" },
	{ 8, "CAP_SETPCAP" },
	{ 9, "CAP_LINUX_IMMUTABLE" },
	{ 10, "CAP_NET_BIND_SERVICE" },
	{ 11, "CAP_NET_BROADCAST" },
	{ 12, "CAP_NET_ADMIN" },
	{ 13, "CAP_NET_RAW" },
	{ 14, "CAP_IPC_LOCK" },
	{ 15, "CAP_IPC_OWNER" },
	{ 16, "CAP_SYS_MODULE" },
	{ 17, "CAP_SYS_RAWIO" },
	{ 18, "CAP_SYS_CHROOT" },
	{ 19, "CAP_SYS_PTRACE" },
	{ 20, "CAP_SYS_PACCT" },
	{ 21, "CAP_SYS_ADMIN" },
	{ 22, "CAP_SYS_BOOT" },
	{ 23, "CAP_SYS_NICE" },
	{ 24, "CAP_SYS_RESOURCE" },
	{ 25, "CAP_SYS_TIME" },
	{ 26, "CAP_SYS_TTY_CONFIG" },
	{ 27, "CAP_MKNOD" },
	{ 28, "CAP_LEASE" },
	{ 29, "CAP_AUDIT_WRITE" },
	{ 30, "CAP_AUDIT_CONTROL" },
	{ 31, "CAP_SETFCAP" },
	{ 32, "CAP_MAC_OVERRIDE" },
	{ 33, "CAP_MAC_ADMIN" },
	{ 34, "CAP_SYSLOG" },
	{ 35, "CAP_WAKE_ALARM" },
	{ 36, "CAP_BLOCK_SUSPEND" },
	{ 37, "CAP_AUDIT_READ" },
	{ 38, "CAP_PERFMON" },
	{ 39, "CAP_BPF" },
	{ 40, "CAP_CHECKPOINT_RESTORE" },
	{ 0, NULL },
};

static const char *const prctl_keys[] = { "option", "arg2", "arg3", "arg4",
					  "arg5" };

/* Arguments from..4 as numbers (hex: what prctl does not describe). */
static void prctl_rest(struct decode_call *c, struct dout *o, int from,
		       bool hex)
{
	for (int i = from; i < 5; i++)
		if (hex)
			dout_hex(o, prctl_keys[i], c->args[i]);
		else
			dout_uint(o, prctl_keys[i], c->args[i]);
}

/* What the kernel wrote, at exit. */
static bool prctl_exit(struct decode_call *c, struct dout *o, uint32_t opt)
{
	uint64_t p;

	switch (opt) {
	case PR_GET_NAME_:
		if (c->ret < 0)
			dout_ptr(o, "arg2", c->args[1]);
		else
			decode_put_str(c, o, "arg2", c->args[1]);
		break;
	case PR_GET_PDEATHSIG_:
		decode_put_out_int(c, o, "arg2", c->args[1], true);
		break;
	case PR_GET_CHILD_SUBREAPER_:
		decode_put_out_int(c, o, "arg2", c->args[1], false);
		break;
	case PR_GET_TID_ADDRESS_:
		if (c->ret < 0 ||
		    decode_read(c, c->args[1], &p, sizeof(p)) != 0) {
			dout_ptr(o, "arg2", c->args[1]);
			break;
		}
		dout_begin_array(o, "arg2");
		dout_ptr(o, NULL, p);
		dout_end_array(o);
		break;
	case PR_GET_DUMPABLE_:
		if (c->ret >= 0)
			c->ret_note =
				dout_enum_name((uint64_t)c->ret, dumpable);
		break;
	default:
		break;
	}
	return true;
}

static bool call_prctl(struct decode_call *c, struct dout *o)
{
	uint32_t opt = (uint32_t)c->args[0];
	const uint64_t *a = c->args;

	if (c->exiting)
		return prctl_exit(c, o, opt);
	decode_put_xlat(o, "option", opt, pr_options, "PR_???");
	switch (opt) {
	case PR_GET_NAME_:
	case PR_GET_PDEATHSIG_:
	case PR_GET_CHILD_SUBREAPER_:
	case PR_GET_TID_ADDRESS_:
	case PR_GET_DUMPABLE_:
		return false; /* the rest at exit */
	case PR_GET_KEEPCAPS_:
	case PR_GET_SECCOMP_:
	case PR_GET_TIMERSLACK_:
		break;
	case PR_SET_NAME_:
		decode_put_str(c, o, "arg2", a[1]);
		break;
	case PR_SET_PDEATHSIG_:
		decode_put_signal(o, "arg2", (int32_t)a[1]);
		break;
	case PR_SET_DUMPABLE_:
		decode_put_xlat(o, "arg2", a[1], dumpable, "SUID_DUMP_???");
		break;
	case PR_SET_KEEPCAPS_:
	case PR_SET_TIMERSLACK_:
	case PR_SET_CHILD_SUBREAPER_:
		dout_uint(o, "arg2", a[1]);
		break;
	case PR_SET_SECCOMP_:
		decode_put_xlat(o, "arg2", a[1], seccomp_modes,
				"SECCOMP_MODE_???");
		if (a[1] == 2)
			dout_ptr(o, "arg3", a[2]);
		break;
	case PR_CAPBSET_READ_:
	case PR_CAPBSET_DROP_:
		decode_put_xlat(o, "arg2", a[1], capabilities, "CAP_???");
		break;
	case PR_SET_NO_NEW_PRIVS_:
	case PR_GET_NO_NEW_PRIVS_:
	case PR_SET_THP_DISABLE_:
	case PR_GET_THP_DISABLE_:
		prctl_rest(c, o, 1, false);
		break;
	case PR_CAP_AMBIENT_:
		decode_put_xlat(o, "arg2", a[1], cap_ambient_ops,
				"PR_CAP_AMBIENT_???");
		if (a[1] >= 1 && a[1] <= 3)
			decode_put_xlat(o, "arg3", a[2], capabilities,
					"CAP_???");
		else
			dout_uint(o, "arg3", a[2]);
		prctl_rest(c, o, 3, false);
		break;
	case PR_SET_PTRACER_:
		/* -1 passed as an int is PR_SET_PTRACER_ANY to strace */
		if ((int32_t)a[1] == -1)
			dout_sym(o, "arg2", "PR_SET_PTRACER_ANY");
		else
			dout_int(o, "arg2", (int64_t)a[1]);
		break;
	case PR_SET_MM_:
		decode_put_xlat(o, "arg2", a[1], set_mm_ops, "PR_SET_MM_???");
		prctl_rest(c, o, 2, true);
		break;
	case PR_SET_VMA_:
		decode_put_xlat(o, "arg2", a[1], set_vma_ops, "PR_SET_VMA_???");
		dout_hex(o, "arg3", a[2]);
		dout_uint(o, "arg4", a[3]);
		if (a[1] == 0)
			decode_put_str(c, o, "arg5", a[4]);
		else
			dout_hex(o, "arg5", a[4]);
		break;
	default:
		prctl_rest(c, o, 1, true);
		break;
	}
	return true;
}

/* arch_prctl */
static const struct flag_name arch_codes[] = {
	{ 0x1001, "ARCH_SET_GS" },
	{ 0x1002, "ARCH_SET_FS" },
	{ 0x1003, "ARCH_GET_FS" },
	{ 0x1004, "ARCH_GET_GS" },
	{ 0x1011, "ARCH_GET_CPUID" },
	{ 0x1012, "ARCH_SET_CPUID" },
	{ 0x1021, "ARCH_GET_XCOMP_SUPP" },
	{ 0x1022, "ARCH_GET_XCOMP_PERM" },
	{ 0x1023, "ARCH_REQ_XCOMP_PERM" },
	{ 0x1024, "ARCH_GET_XCOMP_GUEST_PERM" },
	{ 0x1025, "ARCH_REQ_XCOMP_GUEST_PERM" },
	{ 0x2001, "ARCH_MAP_VDSO_X32" },
	{ 0x2002, "ARCH_MAP_VDSO_32" },
	{ 0x2003, "ARCH_MAP_VDSO_64" },
	{ 0x4001, "ARCH_GET_UNTAG_MASK" },
	{ 0x4002, "ARCH_ENABLE_TAGGED_ADDR" },
	{ 0x4003, "ARCH_GET_MAX_TAG_BITS" },
	{ 0x4004, "ARCH_FORCE_TAGGED_SVA" },
	{ 0x5001, "ARCH_SHSTK_ENABLE" },
	{ 0x5002, "ARCH_SHSTK_DISABLE" },
	{ 0x5003, "ARCH_SHSTK_LOCK" },
	{ 0x5004, "ARCH_SHSTK_UNLOCK" },
	{ 0x5005, "ARCH_SHSTK_STATUS" },
	{ 0, NULL },
};

/* The codes whose argument points to a value the kernel writes. */
static bool arch_code_gets(uint32_t code)
{
	return code == 0x1003 || code == 0x1004 || code == 0x1021 ||
	       code == 0x1022 || code == 0x1024 || code == 0x4001 ||
	       code == 0x5005;
}

static bool call_arch_prctl(struct decode_call *c, struct dout *o)
{
	uint32_t code = (uint32_t)c->args[0];
	uint64_t v;

	if (c->exiting) {
		if (c->ret < 0 ||
		    decode_read(c, c->args[1], &v, sizeof(v)) != 0) {
			dout_ptr(o, "addr", c->args[1]);
			return true;
		}
		dout_begin_array(o, "addr");
		dout_hex(o, NULL, v);
		dout_end_array(o);
		return true;
	}
	decode_put_xlat(o, "code", code, arch_codes, "ARCH_???");
	if (arch_code_gets(code))
		return false;
	if (code == 0x1011)
		return true; /* ARCH_GET_CPUID: no argument */
	if (code == 0x1012 || code == 0x1023 || code == 0x1025)
		dout_uint(o, "addr", c->args[1]);
	else
		dout_hex(o, "addr", c->args[1]);
	return true;
}

/* clang-format off */
const struct syscall_spec decode_family_prctl[] = {
	{ "prctl", RET_INT, { { "option", ARG_INT }, { "arg2", ARG_HEX }, { "arg3", ARG_HEX }, { "arg4", ARG_HEX }, { "arg5", ARG_HEX } }, call_prctl },
	{ "arch_prctl", RET_INT, { { "code", ARG_INT }, { "addr", ARG_HEX } }, call_arch_prctl },
	{ NULL },
};

/* What the decoders above read (decode/capture.h), for backends that
 * capture it while the call runs. */
const struct capture_shape decode_shapes_prctl[] = {
	/* at entry PR_SET_NAME's name (arg2) and PR_SET_VMA's (arg5); at
	 * exit arg2 as the 16 bytes PR_GET_NAME fills, which hold the int
	 * or the pointer of the other PR_GET_* too (a string piece would
	 * stop at the first zero byte of a number) */
	{ (const void *)call_prctl, {
		{ 1, CAPTURE_STR, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, 0, CAPTURE_STRSIZE },
		{ 4, CAPTURE_STR, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, 0, CAPTURE_STRSIZE },
		{ 1, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, 16 },
	} },
	{ (const void *)call_arch_prctl, { { 1, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, sizeof(uint64_t) } } },
	{ NULL },
};
/* clang-format on */
