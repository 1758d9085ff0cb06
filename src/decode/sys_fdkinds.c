/* Family "fdkinds" (see families.h): the calls that make fds of special
 * kinds: eventfd, timerfd, signalfd, inotify, memfd, fanotify,
 * userfaultfd, perf_event_open, bpf, io_uring. */
#include <string.h>

#include "decode/families.h"

static const struct flag_name efd_flags[] = {
	{ 1, "EFD_SEMAPHORE" }, { 02000000, "EFD_CLOEXEC" },
	{ 04000, "EFD_NONBLOCK" }, { 0, NULL },
};

static const struct flag_name tfd_create_flags[] = {
	{ 02000000, "TFD_CLOEXEC" }, { 04000, "TFD_NONBLOCK" }, { 0, NULL },
};

static const struct flag_name tfd_settime_flags[] = {
	{ 1, "TFD_TIMER_ABSTIME" }, { 2, "TFD_TIMER_CANCEL_ON_SET" },
	{ 0, NULL },
};

static const struct flag_name sfd_flags[] = {
	{ 02000000, "SFD_CLOEXEC" }, { 04000, "SFD_NONBLOCK" }, { 0, NULL },
};

static const struct flag_name in_init_flags[] = {
	{ 04000, "IN_NONBLOCK" }, { 02000000, "IN_CLOEXEC" }, { 0, NULL },
};

static const struct flag_name in_mask[] = {
	{ 0x00000001, "IN_ACCESS" },	    { 0x00000002, "IN_MODIFY" },
	{ 0x00000004, "IN_ATTRIB" },	    { 0x00000008, "IN_CLOSE_WRITE" },
	{ 0x00000010, "IN_CLOSE_NOWRITE" }, { 0x00000020, "IN_OPEN" },
	{ 0x00000040, "IN_MOVED_FROM" },    { 0x00000080, "IN_MOVED_TO" },
	{ 0x00000100, "IN_CREATE" },	    { 0x00000200, "IN_DELETE" },
	{ 0x00000400, "IN_DELETE_SELF" },   { 0x00000800, "IN_MOVE_SELF" },
	{ 0x00002000, "IN_UNMOUNT" },	    { 0x00004000, "IN_Q_OVERFLOW" },
	{ 0x00008000, "IN_IGNORED" },	    { 0x01000000, "IN_ONLYDIR" },
	{ 0x02000000, "IN_DONT_FOLLOW" },   { 0x04000000, "IN_EXCL_UNLINK" },
	{ 0x10000000, "IN_MASK_CREATE" },   { 0x20000000, "IN_MASK_ADD" },
	{ 0x40000000, "IN_ISDIR" },	    { 0x80000000, "IN_ONESHOT" },
	{ 0, NULL },
};

#define MFD_HUGE_SHIFT_ 26
#define MFD_HUGETLB_ 4u

static const struct flag_name mfd_flags[] = {
	{ 1, "MFD_CLOEXEC" }, { 2, "MFD_ALLOW_SEALING" },
	{ MFD_HUGETLB_, "MFD_HUGETLB" }, { 8, "MFD_NOEXEC_SEAL" },
	{ 0x10, "MFD_EXEC" }, { 0, NULL },
};

/* fanotify_init: the class (two bits) and the flags */
#define FAN_CLASS_MASK 0x0c

static const struct flag_name fan_classes[] = {
	{ 0x00, "FAN_CLASS_NOTIF" }, { 0x04, "FAN_CLASS_CONTENT" },
	{ 0x08, "FAN_CLASS_PRE_CONTENT" }, { 0, NULL },
};

static const struct flag_name fan_flags[] = {
	{ 0x0001, "FAN_CLOEXEC" },	     { 0x0002, "FAN_NONBLOCK" },
	{ 0x0010, "FAN_UNLIMITED_QUEUE" },   { 0x0020, "FAN_UNLIMITED_MARKS" },
	{ 0x0040, "FAN_ENABLE_AUDIT" },	     { 0x0080, "FAN_REPORT_PIDFD" },
	{ 0x0100, "FAN_REPORT_TID" },	     { 0x0200, "FAN_REPORT_FID" },
	{ 0x0400, "FAN_REPORT_DIR_FID" },    { 0x0800, "FAN_REPORT_NAME" },
	{ 0x1000, "FAN_REPORT_TARGET_FID" }, { 0x2000, "FAN_REPORT_FD_ERROR" },
	{ 0x4000, "FAN_REPORT_MNT" },	     { 0, NULL },
};

/* open(2) flags other than the access mode, kernel values on x86_64
 * (O_SYNC includes O_DSYNC's bit: first). */
static const struct flag_name open_flags[] = {
	{ 02000, "O_APPEND" },	    { 04000, "O_NONBLOCK" },
	{ 04010000, "O_SYNC" },	    { 010000, "O_DSYNC" },
	{ 0100000, "O_LARGEFILE" }, { 01000000, "O_NOATIME" },
	{ 02000000, "O_CLOEXEC" },  { 0, NULL },
};

static const struct flag_name access_modes[] = {
	{ 0, "O_RDONLY" }, { 1, "O_WRONLY" }, { 2, "O_RDWR" }, { 0, NULL },
};

static const struct flag_name uffd_flags[] = {
	{ 1, "UFFD_USER_MODE_ONLY" }, { 04000, "O_NONBLOCK" },
	{ 02000000, "O_CLOEXEC" }, { 0, NULL },
};

/* Text "NAME|A|B" from a name and flags (no "|0" when there are none). */
static void put_name_and_flags(struct dout *o, const char *key,
			       const char *name, uint64_t rest,
			       const struct flag_name *names)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_adds(&sb, name);
	if (rest) {
		strbuf_addc(&sb, '|');
		dout_join_flags(&sb, rest, names);
	}
	dout_flags_text(o, key, strbuf_str(&sb));
	strbuf_release(&sb);
}

static void in_timerfd_clock(struct decode_call *c, struct dout *o,
			     const char *key, uint64_t v)
{
	(void)c;
	decode_put_xlat(o, key, (uint32_t)v, decode_clock_names, "CLOCK_???");
}

/* struct itimerspec: {it_interval={tv_sec=5, tv_nsec=0}, it_value=...} */
static void itimerspec_fields(struct decode_call *c, struct dout *o,
			      const void *data, size_t size)
{
	static const char *const keys[] = { "it_interval", "it_value" };
	int64_t t[4];

	(void)c;
	(void)size;
	memcpy(t, data, sizeof(t));
	for (int i = 0; i < 2; i++) {
		dout_begin_struct(o, keys[i]);
		dout_int(o, "tv_sec", t[2 * i]);
		dout_int(o, "tv_nsec", t[2 * i + 1]);
		dout_end_struct(o);
	}
}

static void in_itimerspec(struct decode_call *c, struct dout *o,
			  const char *key, uint64_t v)
{
	decode_put_struct(c, o, key, v, 32, itimerspec_fields);
}

static void out_itimerspec(struct decode_call *c, struct dout *o,
			   const char *key, uint64_t v)
{
	decode_put_struct_out(c, o, key, v, 32, itimerspec_fields);
}

/* signalfd's mask; its size is the next argument. */
static void in_sigmask(struct decode_call *c, struct dout *o, const char *key,
		       uint64_t v)
{
	decode_put_sigset(c, o, key, v, c->args[2]);
}

static void in_memfd_flags(struct decode_call *c, struct dout *o,
			   const char *key, uint64_t v)
{
	uint32_t flags = (uint32_t)v, huge = flags >> MFD_HUGE_SHIFT_;
	struct strbuf sb = STRBUF_INIT;

	(void)c;
	if (!(flags & MFD_HUGETLB_) || !huge) {
		dout_flags(o, key, flags, mfd_flags);
		return;
	}
	/* the page size's log2 in the top bits: 21<<MFD_HUGE_SHIFT */
	dout_join_flags(&sb, flags & ((1u << MFD_HUGE_SHIFT_) - 1), mfd_flags);
	strbuf_addf(&sb, "|%u<<MFD_HUGE_SHIFT", huge);
	dout_flags_text(o, key, strbuf_str(&sb));
	strbuf_release(&sb);
}

static void in_fan_flags(struct decode_call *c, struct dout *o,
			 const char *key, uint64_t v)
{
	uint32_t flags = (uint32_t)v;
	const char *cls = dout_enum_name(flags & FAN_CLASS_MASK, fan_classes);

	(void)c;
	if (!cls) {
		dout_flags(o, key, flags, fan_flags);
		return;
	}
	put_name_and_flags(o, key, cls, flags & ~FAN_CLASS_MASK, fan_flags);
}

static void in_open_flags(struct decode_call *c, struct dout *o,
			  const char *key, uint64_t v)
{
	uint32_t flags = (uint32_t)v;
	const char *mode = dout_enum_name(flags & 3, access_modes);

	(void)c;
	if (!mode) {
		dout_flags(o, key, flags, open_flags);
		return;
	}
	put_name_and_flags(o, key, mode, flags & ~3u, open_flags);
}

/* perf_event_open: the attr's type, size and config, then "..." */

static const struct flag_name perf_types[] = {
	{ 0, "PERF_TYPE_HARDWARE" },   { 1, "PERF_TYPE_SOFTWARE" },
	{ 2, "PERF_TYPE_TRACEPOINT" }, { 3, "PERF_TYPE_HW_CACHE" },
	{ 4, "PERF_TYPE_RAW" },	       { 5, "PERF_TYPE_BREAKPOINT" },
	{ 0, NULL },
};

static const struct flag_name perf_hw_configs[] = {
	{ 0, "PERF_COUNT_HW_CPU_CYCLES" },
	{ 1, "PERF_COUNT_HW_INSTRUCTIONS" },
	{ 2, "PERF_COUNT_HW_CACHE_REFERENCES" },
	{ 3, "PERF_COUNT_HW_CACHE_MISSES" },
	{ 4, "PERF_COUNT_HW_BRANCH_INSTRUCTIONS" },
	{ 5, "PERF_COUNT_HW_BRANCH_MISSES" },
	{ 6, "PERF_COUNT_HW_BUS_CYCLES" },
	{ 7, "PERF_COUNT_HW_STALLED_CYCLES_FRONTEND" },
	{ 8, "PERF_COUNT_HW_STALLED_CYCLES_BACKEND" },
	{ 9, "PERF_COUNT_HW_REF_CPU_CYCLES" },
	{ 0, NULL },
};

static const struct flag_name perf_sw_configs[] = {
	{ 0, "PERF_COUNT_SW_CPU_CLOCK" },
	{ 1, "PERF_COUNT_SW_TASK_CLOCK" },
	{ 2, "PERF_COUNT_SW_PAGE_FAULTS" },
	{ 3, "PERF_COUNT_SW_CONTEXT_SWITCHES" },
	{ 4, "PERF_COUNT_SW_CPU_MIGRATIONS" },
	{ 5, "PERF_COUNT_SW_PAGE_FAULTS_MIN" },
	{ 6, "PERF_COUNT_SW_PAGE_FAULTS_MAJ" },
	{ 7, "PERF_COUNT_SW_ALIGNMENT_FAULTS" },
	{ 8, "PERF_COUNT_SW_EMULATION_FAULTS" },
	{ 9, "PERF_COUNT_SW_DUMMY" },
	{ 10, "PERF_COUNT_SW_BPF_OUTPUT" },
	{ 11, "PERF_COUNT_SW_CGROUP_SWITCHES" },
	{ 0, NULL },
};

static const struct flag_name perf_flags[] = {
	{ 1, "PERF_FLAG_FD_NO_GROUP" }, { 2, "PERF_FLAG_FD_OUTPUT" },
	{ 4, "PERF_FLAG_PID_CGROUP" }, { 8, "PERF_FLAG_FD_CLOEXEC" },
	{ 0, NULL },
};

static const struct flag_name perf_attr_sizes[] = {
	{ 64, "PERF_ATTR_SIZE_VER0" },	{ 72, "PERF_ATTR_SIZE_VER1" },
	{ 80, "PERF_ATTR_SIZE_VER2" },	{ 96, "PERF_ATTR_SIZE_VER3" },
	{ 104, "PERF_ATTR_SIZE_VER4" }, { 112, "PERF_ATTR_SIZE_VER5" },
	{ 120, "PERF_ATTR_SIZE_VER6" }, { 128, "PERF_ATTR_SIZE_VER7" },
	{ 136, "PERF_ATTR_SIZE_VER8" }, { 0, NULL },
};

static void perf_attr_fields(struct decode_call *c, struct dout *o,
			     const void *data, size_t size)
{
	uint32_t type, asize;
	uint64_t config;

	(void)c;
	(void)size;
	memcpy(&type, data, 4);
	memcpy(&asize, (const char *)data + 4, 4);
	memcpy(&config, (const char *)data + 8, 8);
	decode_put_xlat(o, "type", type, perf_types, "PERF_TYPE_???");
	/* text names the versions' sizes; JSON keeps the number */
	if (o->mode == DOUT_TEXT && dout_enum_name(asize, perf_attr_sizes))
		dout_sym(o, "size", dout_enum_name(asize, perf_attr_sizes));
	else
		dout_uint(o, "size", asize);
	if (type == 0)
		decode_put_xlat(o, "config", config, perf_hw_configs,
				"PERF_COUNT_HW_???");
	else if (type == 1)
		decode_put_xlat(o, "config", config, perf_sw_configs,
				"PERF_COUNT_SW_???");
	else
		dout_hex(o, "config", config);
	dout_more(o);
}

static void in_perf_attr(struct decode_call *c, struct dout *o,
			 const char *key, uint64_t v)
{
	decode_put_struct(c, o, key, v, 16, perf_attr_fields);
}

/* bpf: the command; the attr stays a pointer */

static const struct flag_name bpf_cmds[] = {
	{ 0, "BPF_MAP_CREATE" },	     { 1, "BPF_MAP_LOOKUP_ELEM" },
	{ 2, "BPF_MAP_UPDATE_ELEM" },	     { 3, "BPF_MAP_DELETE_ELEM" },
	{ 4, "BPF_MAP_GET_NEXT_KEY" },	     { 5, "BPF_PROG_LOAD" },
	{ 6, "BPF_OBJ_PIN" },		     { 7, "BPF_OBJ_GET" },
	{ 8, "BPF_PROG_ATTACH" },	     { 9, "BPF_PROG_DETACH" },
	{ 10, "BPF_PROG_TEST_RUN" },	     { 11, "BPF_PROG_GET_NEXT_ID" },
	{ 12, "BPF_MAP_GET_NEXT_ID" },	     { 13, "BPF_PROG_GET_FD_BY_ID" },
	{ 14, "BPF_MAP_GET_FD_BY_ID" },	     { 15, "BPF_OBJ_GET_INFO_BY_FD" },
	{ 16, "BPF_PROG_QUERY" },	     { 17, "BPF_RAW_TRACEPOINT_OPEN" },
	{ 18, "BPF_BTF_LOAD" },		     { 19, "BPF_BTF_GET_FD_BY_ID" },
	{ 20, "BPF_TASK_FD_QUERY" },	     { 21, "BPF_MAP_LOOKUP_AND_DELETE_ELEM" },
	{ 22, "BPF_MAP_FREEZE" },	     { 23, "BPF_BTF_GET_NEXT_ID" },
	{ 24, "BPF_MAP_LOOKUP_BATCH" },	     { 25, "BPF_MAP_LOOKUP_AND_DELETE_BATCH" },
	{ 26, "BPF_MAP_UPDATE_BATCH" },	     { 27, "BPF_MAP_DELETE_BATCH" },
	{ 28, "BPF_LINK_CREATE" },	     { 29, "BPF_LINK_UPDATE" },
	{ 30, "BPF_LINK_GET_FD_BY_ID" },     { 31, "BPF_LINK_GET_NEXT_ID" },
	{ 32, "BPF_ENABLE_STATS" },	     { 33, "BPF_ITER_CREATE" },
	{ 34, "BPF_LINK_DETACH" },	     { 35, "BPF_PROG_BIND_MAP" },
	{ 36, "BPF_TOKEN_CREATE" },	     { 0, NULL },
};

static void in_bpf_cmd(struct decode_call *c, struct dout *o, const char *key,
		       uint64_t v)
{
	(void)c;
	decode_put_xlat(o, key, (uint32_t)v, bpf_cmds, "BPF_???");
}

/* io_uring: setup's params at exit (what the kernel chose), then "..." */

static const struct flag_name uring_setup_flags[] = {
	{ 1u << 0, "IORING_SETUP_IOPOLL" },
	{ 1u << 1, "IORING_SETUP_SQPOLL" },
	{ 1u << 2, "IORING_SETUP_SQ_AFF" },
	{ 1u << 3, "IORING_SETUP_CQSIZE" },
	{ 1u << 4, "IORING_SETUP_CLAMP" },
	{ 1u << 5, "IORING_SETUP_ATTACH_WQ" },
	{ 1u << 6, "IORING_SETUP_R_DISABLED" },
	{ 1u << 7, "IORING_SETUP_SUBMIT_ALL" },
	{ 1u << 8, "IORING_SETUP_COOP_TASKRUN" },
	{ 1u << 9, "IORING_SETUP_TASKRUN_FLAG" },
	{ 1u << 10, "IORING_SETUP_SQE128" },
	{ 1u << 11, "IORING_SETUP_CQE32" },
	{ 1u << 12, "IORING_SETUP_SINGLE_ISSUER" },
	{ 1u << 13, "IORING_SETUP_DEFER_TASKRUN" },
	{ 1u << 14, "IORING_SETUP_NO_MMAP" },
	{ 1u << 15, "IORING_SETUP_REGISTERED_FD_ONLY" },
	{ 1u << 16, "IORING_SETUP_NO_SQARRAY" },
	{ 0, NULL },
};

static const struct flag_name uring_enter_flags[] = {
	{ 1u << 0, "IORING_ENTER_GETEVENTS" },
	{ 1u << 1, "IORING_ENTER_SQ_WAKEUP" },
	{ 1u << 2, "IORING_ENTER_SQ_WAIT" },
	{ 1u << 3, "IORING_ENTER_EXT_ARG" },
	{ 1u << 4, "IORING_ENTER_REGISTERED_RING" },
	{ 1u << 5, "IORING_ENTER_ABS_TIMER" },
	{ 1u << 6, "IORING_ENTER_EXT_ARG_REG" },
	{ 0, NULL },
};

static const struct flag_name uring_features[] = {
	{ 1u << 0, "IORING_FEAT_SINGLE_MMAP" },
	{ 1u << 1, "IORING_FEAT_NODROP" },
	{ 1u << 2, "IORING_FEAT_SUBMIT_STABLE" },
	{ 1u << 3, "IORING_FEAT_RW_CUR_POS" },
	{ 1u << 4, "IORING_FEAT_CUR_PERSONALITY" },
	{ 1u << 5, "IORING_FEAT_FAST_POLL" },
	{ 1u << 6, "IORING_FEAT_POLL_32BITS" },
	{ 1u << 7, "IORING_FEAT_SQPOLL_NONFIXED" },
	{ 1u << 8, "IORING_FEAT_EXT_ARG" },
	{ 1u << 9, "IORING_FEAT_NATIVE_WORKERS" },
	{ 1u << 10, "IORING_FEAT_RSRC_TAGS" },
	{ 1u << 11, "IORING_FEAT_CQE_SKIP" },
	{ 1u << 12, "IORING_FEAT_LINKED_FILE" },
	{ 1u << 13, "IORING_FEAT_REG_REG_RING" },
	{ 1u << 14, "IORING_FEAT_RECVSEND_BUNDLE" },
	{ 1u << 15, "IORING_FEAT_MIN_TIMEOUT" },
	{ 1u << 16, "IORING_FEAT_RW_ATTR" },
	{ 1u << 17, "IORING_FEAT_NO_IOWAIT" },
	{ 0, NULL },
};

/* struct io_uring_params: sq_entries, cq_entries, flags, sq_thread_cpu,
 * sq_thread_idle, features (u32 each), then offsets. */
static void uring_params_fields(struct decode_call *c, struct dout *o,
				const void *data, size_t size)
{
	uint32_t p[6];

	(void)c;
	(void)size;
	memcpy(p, data, sizeof(p));
	dout_flags(o, "flags", p[2], uring_setup_flags);
	dout_uint(o, "sq_thread_cpu", p[3]);
	dout_uint(o, "sq_thread_idle", p[4]);
	dout_uint(o, "sq_entries", p[0]);
	dout_uint(o, "cq_entries", p[1]);
	dout_flags(o, "features", p[5], uring_features);
	dout_more(o);
}

static void out_uring_params(struct decode_call *c, struct dout *o,
			     const char *key, uint64_t v)
{
	decode_put_struct_out(c, o, key, v, 24, uring_params_fields);
}

const struct syscall_spec decode_family_fdkinds[] = {
	{ "eventfd", RET_FD, { { "initval", ARG_UINT } } },
	{ "eventfd2", RET_FD, { { "initval", ARG_UINT }, { "flags", ARG_FLAGS, efd_flags } } },
	{ "timerfd_create", RET_FD, { { "clockid", ARG_IN, in_timerfd_clock }, { "flags", ARG_FLAGS, tfd_create_flags } } },
	{ "timerfd_settime", RET_INT, { { "fd", ARG_FD }, { "flags", ARG_FLAGS, tfd_settime_flags }, { "new_value", ARG_IN, in_itimerspec }, { "old_value", ARG_OUT, out_itimerspec } } },
	{ "timerfd_gettime", RET_INT, { { "fd", ARG_FD }, { "curr_value", ARG_OUT, out_itimerspec } } },
	{ "signalfd", RET_FD, { { "fd", ARG_FD }, { "mask", ARG_IN, in_sigmask }, { "sizemask", ARG_UINT } } },
	{ "signalfd4", RET_FD, { { "fd", ARG_FD }, { "mask", ARG_IN, in_sigmask }, { "sizemask", ARG_UINT }, { "flags", ARG_FLAGS, sfd_flags } } },
	{ "inotify_init", RET_FD },
	{ "inotify_init1", RET_FD, { { "flags", ARG_FLAGS, in_init_flags } } },
	{ "inotify_add_watch", RET_INT, { { "fd", ARG_FD }, { "pathname", ARG_PATH }, { "mask", ARG_FLAGS, in_mask } } },
	{ "inotify_rm_watch", RET_INT, { { "fd", ARG_FD }, { "wd", ARG_INT } } },
	{ "memfd_create", RET_FD, { { "name", ARG_STR }, { "flags", ARG_IN, in_memfd_flags } } },
	{ "fanotify_init", RET_FD, { { "flags", ARG_IN, in_fan_flags }, { "event_f_flags", ARG_IN, in_open_flags } } },
	{ "userfaultfd", RET_FD, { { "flags", ARG_FLAGS, uffd_flags } } },
	{ "perf_event_open", RET_FD, { { "attr", ARG_IN, in_perf_attr }, { "pid", ARG_INT }, { "cpu", ARG_INT }, { "group_fd", ARG_FD }, { "flags", ARG_FLAGS, perf_flags } } },
	{ "bpf", RET_INT, { { "cmd", ARG_IN, in_bpf_cmd }, { "attr", ARG_PTR }, { "size", ARG_UINT } } },
	{ "io_uring_setup", RET_FD, { { "entries", ARG_UINT }, { "params", ARG_OUT, out_uring_params } } },
	{ "io_uring_enter", RET_INT, { { "fd", ARG_FD }, { "to_submit", ARG_UINT }, { "min_complete", ARG_UINT }, { "flags", ARG_FLAGS, uring_enter_flags }, { "arg", ARG_PTR }, { "argsz", ARG_UINT } } },
	{ "io_uring_register", RET_INT, { { "fd", ARG_FD }, { "opcode", ARG_UINT }, { "arg", ARG_PTR }, { "nr_args", ARG_UINT } } },
	{ NULL },
};

/* What the decoders above read (decode/capture.h), for backends that
 * capture it while the call runs. */
/* clang-format off */
const struct capture_shape decode_shapes_fdkinds[] = {
	{ (const void *)in_itimerspec, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, 32 } } },
	{ (const void *)out_itimerspec, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, 32 } } },
	{ (const void *)in_sigmask, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, 8 } } },
	/* type, size and config only */
	{ (const void *)in_perf_attr, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, 16 } } },
	{ (const void *)out_uring_params, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, 24 } } },
	{ NULL },
};
/* clang-format on */
