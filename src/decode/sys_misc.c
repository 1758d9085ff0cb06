/* Family "misc" (see families.h): futex, sleeping, clocks, getrandom,
 * uname, sysinfo, getcpu, times, getrusage, hostnames, reboot, capget.
 * Also the helpers the net, poll and fdkinds families share: timespec,
 * timeval, clock names and enumerations with strace's unknown form. */
#include <linux/futex.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <time.h>

#include "decode/families.h"

/* Interrupted calls: the kernel wrote the time left. */
#define EINTR_ 4
#define ERESTARTSYS_ 512
#define ERESTART_RESTARTBLOCK_ 516

const struct flag_name decode_clock_names[] = {
	{ 0, "CLOCK_REALTIME" },	  { 1, "CLOCK_MONOTONIC" },
	{ 2, "CLOCK_PROCESS_CPUTIME_ID" }, { 3, "CLOCK_THREAD_CPUTIME_ID" },
	{ 4, "CLOCK_MONOTONIC_RAW" },	  { 5, "CLOCK_REALTIME_COARSE" },
	{ 6, "CLOCK_MONOTONIC_COARSE" },  { 7, "CLOCK_BOOTTIME" },
	{ 8, "CLOCK_REALTIME_ALARM" },	  { 9, "CLOCK_BOOTTIME_ALARM" },
	{ 10, "CLOCK_SGI_CYCLE" },	  { 11, "CLOCK_TAI" },
	{ 0, NULL },
};

void decode_put_xlat(struct dout *o, const char *key, uint64_t v,
		     const struct flag_name *names, const char *unknown)
{
	const char *name = dout_enum_name(v, names);
	struct strbuf sb = STRBUF_INIT;

	if (name) {
		dout_sym(o, key, name);
	} else if (o->mode != DOUT_TEXT) {
		dout_uint(o, key, v);
	} else {
		strbuf_addf(&sb, "%#llx /* %s */", (unsigned long long)v,
			    unknown);
		dout_raw(o, key, strbuf_str(&sb));
		strbuf_release(&sb);
	}
}

static void timespec_fields(struct decode_call *c, struct dout *o,
			    const void *data, size_t size)
{
	int64_t t[2];

	(void)c;
	(void)size;
	memcpy(t, data, sizeof(t));
	dout_int(o, "tv_sec", t[0]);
	dout_int(o, "tv_nsec", t[1]);
}

static void timeval_fields(struct decode_call *c, struct dout *o,
			   const void *data, size_t size)
{
	int64_t t[2];

	(void)c;
	(void)size;
	memcpy(t, data, sizeof(t));
	dout_int(o, "tv_sec", t[0]);
	dout_int(o, "tv_usec", t[1]);
}

void decode_put_timespec(struct decode_call *c, struct dout *o, const char *key,
			 uint64_t addr)
{
	decode_put_struct(c, o, key, addr, 16, timespec_fields);
}

void decode_put_timeval(struct decode_call *c, struct dout *o, const char *key,
			uint64_t addr)
{
	decode_put_struct(c, o, key, addr, 16, timeval_fields);
}

static void in_timespec(struct decode_call *c, struct dout *o, const char *key,
			uint64_t v)
{
	decode_put_timespec(c, o, key, v);
}

static void out_timespec(struct decode_call *c, struct dout *o,
			 const char *key, uint64_t v)
{
	if (c->ret < 0)
		dout_ptr(o, key, v);
	else
		decode_put_timespec(c, o, key, v);
}

/* nanosleep's rem: written only when a signal cut the sleep short. */
static void out_remaining(struct decode_call *c, struct dout *o,
			  const char *key, uint64_t v)
{
	if (c->ret == -EINTR_ ||
	    (c->ret <= -ERESTARTSYS_ && c->ret >= -ERESTART_RESTARTBLOCK_))
		decode_put_timespec(c, o, key, v);
	else
		dout_ptr(o, key, v);
}

static void in_clockid(struct decode_call *c, struct dout *o, const char *key,
		       uint64_t v)
{
	(void)c;
	decode_put_xlat(o, key, (uint32_t)v, decode_clock_names, "CLOCK_???");
}

static const struct flag_name timer_flags[] = {
	{ 1, "TIMER_ABSTIME" }, { 0, NULL },
};

/* futex */

static const struct flag_name futex_cmds[] = {
	{ 0, "FUTEX_WAIT" },		 { 1, "FUTEX_WAKE" },
	{ 2, "FUTEX_FD" },		 { 3, "FUTEX_REQUEUE" },
	{ 4, "FUTEX_CMP_REQUEUE" },	 { 5, "FUTEX_WAKE_OP" },
	{ 6, "FUTEX_LOCK_PI" },		 { 7, "FUTEX_UNLOCK_PI" },
	{ 8, "FUTEX_TRYLOCK_PI" },	 { 9, "FUTEX_WAIT_BITSET" },
	{ 10, "FUTEX_WAKE_BITSET" },	 { 11, "FUTEX_WAIT_REQUEUE_PI" },
	{ 12, "FUTEX_CMP_REQUEUE_PI" },	 { 13, "FUTEX_LOCK_PI2" },
	{ 0, NULL },
};

static const struct flag_name futex_wake_ops[] = {
	{ 0, "FUTEX_OP_SET" }, { 1, "FUTEX_OP_ADD" }, { 2, "FUTEX_OP_OR" },
	{ 3, "FUTEX_OP_ANDN" }, { 4, "FUTEX_OP_XOR" }, { 0, NULL },
};

static const struct flag_name futex_wake_cmps[] = {
	{ 0, "FUTEX_OP_CMP_EQ" }, { 1, "FUTEX_OP_CMP_NE" },
	{ 2, "FUTEX_OP_CMP_LT" }, { 3, "FUTEX_OP_CMP_LE" },
	{ 4, "FUTEX_OP_CMP_GT" }, { 5, "FUTEX_OP_CMP_GE" }, { 0, NULL },
};

/* FUTEX_WAIT_PRIVATE|FUTEX_CLOCK_REALTIME */
static void put_futex_op(struct dout *o, const char *key, uint32_t op)
{
	const char *name = dout_enum_name(op & FUTEX_CMD_MASK, futex_cmds);
	struct strbuf sb = STRBUF_INIT;

	if (!name) {
		decode_put_xlat(o, key, op, NULL, "FUTEX_???");
		return;
	}
	strbuf_adds(&sb, name);
	if (op & FUTEX_PRIVATE_FLAG)
		strbuf_adds(&sb, "_PRIVATE");
	if (op & FUTEX_CLOCK_REALTIME)
		strbuf_adds(&sb, "|FUTEX_CLOCK_REALTIME");
	dout_flags_text(o, key, strbuf_str(&sb));
	strbuf_release(&sb);
}

/* FUTEX_WAKE_OP's val3: FUTEX_OP_SET<<28|0<<12|FUTEX_OP_CMP_GT<<24|0x1 */
static void put_futex_wake_op(struct dout *o, const char *key, uint32_t v)
{
	const char *op = dout_enum_name((v >> 28) & 7, futex_wake_ops);
	const char *cmp = dout_enum_name((v >> 24) & 15, futex_wake_cmps);
	struct strbuf sb = STRBUF_INIT;

	if (o->mode != DOUT_TEXT) {
		dout_uint(o, key, v);
		return;
	}
	if (v & ((uint32_t)FUTEX_OP_OPARG_SHIFT << 28))
		strbuf_adds(&sb, "FUTEX_OP_OPARG_SHIFT<<28|");
	if (op)
		strbuf_addf(&sb, "%s<<28", op);
	else
		strbuf_addf(&sb, "%#x<<28", (v >> 28) & 7);
	strbuf_addf(&sb, "|%u<<12|", (v >> 12) & 0xfff);
	if (cmp)
		strbuf_addf(&sb, "%s<<24", cmp);
	else
		strbuf_addf(&sb, "%#x<<24", (v >> 24) & 15);
	strbuf_addf(&sb, "|%#x", v & 0xfff);
	dout_raw(o, key, strbuf_str(&sb));
	strbuf_release(&sb);
}

static void put_bitset(struct dout *o, const char *key, uint32_t v)
{
	if (v == FUTEX_BITSET_MATCH_ANY)
		dout_sym(o, key, "FUTEX_BITSET_MATCH_ANY");
	else
		dout_hex(o, key, v);
}

/* Which arguments an operation uses decides what is shown. */
static bool futex_call(struct decode_call *c, struct dout *o)
{
	const uint64_t *a = c->args;
	uint32_t op = (uint32_t)a[1];

	dout_ptr(o, "uaddr", a[0]);
	put_futex_op(o, "futex_op", op);
	switch (op & FUTEX_CMD_MASK) {
	case FUTEX_WAIT:
		dout_uint(o, "val", (uint32_t)a[2]);
		decode_put_timespec(c, o, "timeout", a[3]);
		break;
	case FUTEX_WAIT_BITSET:
		dout_uint(o, "val", (uint32_t)a[2]);
		decode_put_timespec(c, o, "timeout", a[3]);
		put_bitset(o, "val3", (uint32_t)a[5]);
		break;
	case FUTEX_WAKE:
	case FUTEX_FD:
		dout_uint(o, "val", (uint32_t)a[2]);
		break;
	case FUTEX_WAKE_BITSET:
		dout_uint(o, "val", (uint32_t)a[2]);
		put_bitset(o, "val3", (uint32_t)a[5]);
		break;
	case FUTEX_REQUEUE:
		dout_uint(o, "val", (uint32_t)a[2]);
		dout_uint(o, "val2", (uint32_t)a[3]);
		dout_ptr(o, "uaddr2", a[4]);
		break;
	case FUTEX_CMP_REQUEUE:
	case FUTEX_CMP_REQUEUE_PI:
		dout_uint(o, "val", (uint32_t)a[2]);
		dout_uint(o, "val2", (uint32_t)a[3]);
		dout_ptr(o, "uaddr2", a[4]);
		dout_uint(o, "val3", (uint32_t)a[5]);
		break;
	case FUTEX_WAKE_OP:
		dout_uint(o, "val", (uint32_t)a[2]);
		dout_uint(o, "val2", (uint32_t)a[3]);
		dout_ptr(o, "uaddr2", a[4]);
		put_futex_wake_op(o, "val3", (uint32_t)a[5]);
		break;
	case FUTEX_LOCK_PI:
	case FUTEX_LOCK_PI2:
		decode_put_timespec(c, o, "timeout", a[3]);
		break;
	case FUTEX_UNLOCK_PI:
	case FUTEX_TRYLOCK_PI:
		break;
	case FUTEX_WAIT_REQUEUE_PI:
		dout_uint(o, "val", (uint32_t)a[2]);
		decode_put_timespec(c, o, "timeout", a[3]);
		dout_ptr(o, "uaddr2", a[4]);
		break;
	default:
		dout_uint(o, "val", (uint32_t)a[2]);
		dout_ptr(o, "timeout", a[3]);
		dout_ptr(o, "uaddr2", a[4]);
		dout_hex(o, "val3", (uint32_t)a[5]);
		break;
	}
	return true;
}

/* gettimeofday, time, getcpu */

static void out_timeval(struct decode_call *c, struct dout *o,
			const char *key, uint64_t v)
{
	if (c->ret < 0)
		dout_ptr(o, key, v);
	else
		decode_put_timeval(c, o, key, v);
}

static void in_timeval(struct decode_call *c, struct dout *o, const char *key,
		       uint64_t v)
{
	decode_put_timeval(c, o, key, v);
}

static void timezone_fields(struct decode_call *c, struct dout *o,
			    const void *data, size_t size)
{
	int32_t tz[2];

	(void)c;
	(void)size;
	memcpy(tz, data, sizeof(tz));
	dout_int(o, "tz_minuteswest", tz[0]);
	dout_int(o, "tz_dsttime", tz[1]);
}

static void out_timezone(struct decode_call *c, struct dout *o,
			 const char *key, uint64_t v)
{
	decode_put_struct_out(c, o, key, v, 8, timezone_fields);
}

static void in_timezone(struct decode_call *c, struct dout *o,
			const char *key, uint64_t v)
{
	decode_put_struct(c, o, key, v, 8, timezone_fields);
}

/* A pointer to one number the kernel fills in: [5]. */
static void put_out_number(struct decode_call *c, struct dout *o,
			   const char *key, uint64_t v, size_t size)
{
	uint64_t n = 0;

	if (!v) {
		dout_ptr(o, key, 0);
		return;
	}
	if (c->ret < 0 || decode_read(c, v, &n, size) != 0) {
		dout_ptr(o, key, v);
		return;
	}
	dout_begin_array(o, key);
	if (size == 8)
		dout_int(o, NULL, (int64_t)n);
	else
		dout_uint(o, NULL, (uint32_t)n);
	dout_end_array(o);
}

/* time's [1796247793 /+ 2026-12-02T21:43:13+0000 +/]: the date in the
 * tracer's time zone, as strace writes it; JSON: [1796247793]. */
static void out_time(struct decode_call *c, struct dout *o, const char *key,
		     uint64_t v)
{
	int64_t t;
	time_t tt;
	struct tm tm;
	char date[64];
	struct strbuf sb = STRBUF_INIT;

	if (o->mode != DOUT_TEXT || !v || c->ret < 0 ||
	    decode_read(c, v, &t, sizeof(t)) != 0) {
		put_out_number(c, o, key, v, 8);
		return;
	}
	tt = (time_t)t;
	strbuf_addf(&sb, "[%lld", (long long)t);
	if (localtime_r(&tt, &tm) &&
	    strftime(date, sizeof(date), "%FT%T%z", &tm))
		strbuf_addf(&sb, " /* %s */", date);
	strbuf_addc(&sb, ']');
	dout_raw(o, key, strbuf_str(&sb));
	strbuf_release(&sb);
}

static void out_u32(struct decode_call *c, struct dout *o, const char *key,
		    uint64_t v)
{
	put_out_number(c, o, key, v, 4);
}

/* getrandom's bytes are not text: strace shows each as \xNN. JSON: the
 * string as any other. */
static void out_random(struct decode_call *c, struct dout *o, const char *key,
		       uint64_t v)
{
	uint64_t len = c->ret < 0 ? 0 : (uint64_t)c->ret;
	size_t n = len < c->strsize ? (size_t)len : c->strsize;
	unsigned char *buf;
	struct strbuf sb = STRBUF_INIT;

	if (c->ret < 0 || o->mode != DOUT_TEXT || !v) {
		if (c->ret < 0)
			dout_ptr(o, key, v);
		else
			decode_put_buf(c, o, key, v, len);
		return;
	}
	buf = malloc(n ? n : 1);
	if (!buf || decode_read(c, v, buf, n) != 0) {
		dout_ptr(o, key, v);
		free(buf);
		return;
	}
	strbuf_addc(&sb, '"');
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&sb, "\\x%02x", buf[i]);
	strbuf_addc(&sb, '"');
	if (len > n)
		strbuf_adds(&sb, "...");
	dout_raw(o, key, strbuf_str(&sb));
	strbuf_release(&sb);
	free(buf);
}

static const struct flag_name grnd_flags[] = {
	{ 1, "GRND_NONBLOCK" }, { 2, "GRND_RANDOM" }, { 4, "GRND_INSECURE" },
	{ 0, NULL },
};

/* uname, sysinfo, times, getrusage: strace shows some members and "..."
 * (its default, not -v); JSON has them all. */

static void put_uts_field(struct dout *o, const char *key, const char *s)
{
	dout_str(o, key, s, strnlen(s, _UTSNAME_LENGTH), false);
}

static void utsname_fields(struct decode_call *c, struct dout *o,
			   const void *data, size_t size)
{
	struct utsname u;

	(void)c;
	(void)size;
	memcpy(&u, data, sizeof(u));
	put_uts_field(o, "sysname", u.sysname);
	put_uts_field(o, "nodename", u.nodename);
	if (o->mode == DOUT_TEXT) {
		dout_more(o);
		return;
	}
	put_uts_field(o, "release", u.release);
	put_uts_field(o, "version", u.version);
	put_uts_field(o, "machine", u.machine);
	put_uts_field(o, "domainname", u.domainname);
}

static void out_utsname(struct decode_call *c, struct dout *o,
			const char *key, uint64_t v)
{
	decode_put_struct_out(c, o, key, v, sizeof(struct utsname), utsname_fields);
}

static void sysinfo_fields(struct decode_call *c, struct dout *o,
			   const void *data, size_t size)
{
	struct sysinfo si;

	(void)c;
	(void)size;
	memcpy(&si, data, sizeof(si));
	dout_int(o, "uptime", si.uptime);
	dout_begin_array(o, "loads");
	for (int i = 0; i < 3; i++)
		dout_uint(o, NULL, si.loads[i]);
	dout_end_array(o);
	dout_uint(o, "totalram", si.totalram);
	dout_uint(o, "freeram", si.freeram);
	dout_uint(o, "sharedram", si.sharedram);
	dout_uint(o, "bufferram", si.bufferram);
	dout_uint(o, "totalswap", si.totalswap);
	dout_uint(o, "freeswap", si.freeswap);
	dout_uint(o, "procs", si.procs);
	dout_uint(o, "totalhigh", si.totalhigh);
	dout_uint(o, "freehigh", si.freehigh);
	dout_uint(o, "mem_unit", si.mem_unit);
}

static void out_sysinfo(struct decode_call *c, struct dout *o,
			const char *key, uint64_t v)
{
	decode_put_struct_out(c, o, key, v, sizeof(struct sysinfo), sysinfo_fields);
}

static void tms_fields(struct decode_call *c, struct dout *o,
		       const void *data, size_t size)
{
	struct tms t;

	(void)c;
	(void)size;
	memcpy(&t, data, sizeof(t));
	dout_int(o, "tms_utime", t.tms_utime);
	dout_int(o, "tms_stime", t.tms_stime);
	dout_int(o, "tms_cutime", t.tms_cutime);
	dout_int(o, "tms_cstime", t.tms_cstime);
}

static void out_tms(struct decode_call *c, struct dout *o, const char *key,
		    uint64_t v)
{
	if (c->ret < 0 && c->ret >= -4095)
		dout_ptr(o, key, v);
	else
		decode_put_struct(c, o, key, v, sizeof(struct tms), tms_fields);
}

static void put_tv(struct dout *o, const char *key, const struct timeval *tv)
{
	dout_begin_struct(o, key);
	dout_int(o, "tv_sec", tv->tv_sec);
	dout_int(o, "tv_usec", tv->tv_usec);
	dout_end_struct(o);
}

static void rusage_fields(struct decode_call *c, struct dout *o,
			  const void *data, size_t size)
{
	struct rusage r;

	(void)c;
	(void)size;
	memcpy(&r, data, sizeof(r));
	put_tv(o, "ru_utime", &r.ru_utime);
	put_tv(o, "ru_stime", &r.ru_stime);
	if (o->mode == DOUT_TEXT) {
		dout_more(o);
		return;
	}
	dout_int(o, "ru_maxrss", r.ru_maxrss);
	dout_int(o, "ru_minflt", r.ru_minflt);
	dout_int(o, "ru_majflt", r.ru_majflt);
	dout_int(o, "ru_inblock", r.ru_inblock);
	dout_int(o, "ru_oublock", r.ru_oublock);
	dout_int(o, "ru_nvcsw", r.ru_nvcsw);
	dout_int(o, "ru_nivcsw", r.ru_nivcsw);
}

static void out_rusage(struct decode_call *c, struct dout *o,
		       const char *key, uint64_t v)
{
	decode_put_struct_out(c, o, key, v, sizeof(struct rusage), rusage_fields);
}

static const struct flag_name rusage_who[] = {
	{ 0, "RUSAGE_SELF" }, { (uint64_t)-1, "RUSAGE_CHILDREN" },
	{ 1, "RUSAGE_THREAD" }, { 0, NULL },
};

static void in_rusage_who(struct decode_call *c, struct dout *o,
			  const char *key, uint64_t v)
{
	(void)c;
	decode_put_xlat(o, key, (uint64_t)(int64_t)(int32_t)v, rusage_who,
			"RUSAGE_???");
}

/* reboot */

static const struct flag_name reboot_magic1[] = {
	{ 0xfee1dead, "LINUX_REBOOT_MAGIC1" }, { 0, NULL },
};

static const struct flag_name reboot_magic2[] = {
	{ 672274793, "LINUX_REBOOT_MAGIC2" },
	{ 85072278, "LINUX_REBOOT_MAGIC2A" },
	{ 369367448, "LINUX_REBOOT_MAGIC2B" },
	{ 537993216, "LINUX_REBOOT_MAGIC2C" },
	{ 0, NULL },
};

#define REBOOT_CMD_RESTART2 0xA1B2C3D4u

static const struct flag_name reboot_cmds[] = {
	{ 0x01234567, "LINUX_REBOOT_CMD_RESTART" },
	{ 0xCDEF0123, "LINUX_REBOOT_CMD_HALT" },
	{ 0x89ABCDEF, "LINUX_REBOOT_CMD_CAD_ON" },
	{ 0x00000000, "LINUX_REBOOT_CMD_CAD_OFF" },
	{ 0x4321FEDC, "LINUX_REBOOT_CMD_POWER_OFF" },
	{ REBOOT_CMD_RESTART2, "LINUX_REBOOT_CMD_RESTART2" },
	{ 0xD000FCE2, "LINUX_REBOOT_CMD_SW_SUSPEND" },
	{ 0x45584543, "LINUX_REBOOT_CMD_KEXEC" },
	{ 0, NULL },
};

static void in_reboot_magic(struct decode_call *c, struct dout *o,
			    const char *key, uint64_t v)
{
	(void)c;
	decode_put_xlat(o, key, (uint32_t)v, reboot_magic1,
			"LINUX_REBOOT_MAGIC_???");
}

static void in_reboot_magic2(struct decode_call *c, struct dout *o,
			     const char *key, uint64_t v)
{
	(void)c;
	decode_put_xlat(o, key, (uint32_t)v, reboot_magic2,
			"LINUX_REBOOT_MAGIC_???");
}

static void in_reboot_cmd(struct decode_call *c, struct dout *o,
			  const char *key, uint64_t v)
{
	(void)c;
	decode_put_xlat(o, key, (uint32_t)v, reboot_cmds,
			"LINUX_REBOOT_CMD_???");
}

/* The command string, which only LINUX_REBOOT_CMD_RESTART2 has. */
static void in_reboot_arg(struct decode_call *c, struct dout *o,
			  const char *key, uint64_t v)
{
	if ((uint32_t)c->args[2] == REBOOT_CMD_RESTART2)
		decode_put_str(c, o, key, v);
}

/* capget, capset: the header; the data stays a pointer */

static const struct flag_name cap_versions[] = {
	{ 0x19980330, "_LINUX_CAPABILITY_VERSION_1" },
	{ 0x20071026, "_LINUX_CAPABILITY_VERSION_2" },
	{ 0x20080522, "_LINUX_CAPABILITY_VERSION_3" },
	{ 0, NULL },
};

static void cap_header_fields(struct decode_call *c, struct dout *o,
			      const void *data, size_t size)
{
	uint32_t h[2];

	(void)c;
	(void)size;
	memcpy(h, data, sizeof(h));
	decode_put_xlat(o, "version", h[0], cap_versions,
			"_LINUX_CAPABILITY_VERSION_???");
	dout_int(o, "pid", (int32_t)h[1]);
}

static void in_cap_header(struct decode_call *c, struct dout *o,
			  const char *key, uint64_t v)
{
	decode_put_struct(c, o, key, v, 8, cap_header_fields);
}

/* What the kernel calls to go on with a sleep a signal interrupted.
 * The key names it in JSON, where "args" is an object (fuzz_decode
 * found a bare string there). */
static bool restart_call(struct decode_call *c, struct dout *o)
{
	(void)c;
	dout_raw(o, "resuming", "<... resuming interrupted call ...>");
	return true;
}

const struct syscall_spec decode_family_misc[] = {
	{ "restart_syscall", RET_INT, { { NULL } }, restart_call },
	{ "futex", RET_INT, { { "uaddr", ARG_PTR }, { "futex_op", ARG_HEX }, { "val", ARG_UINT }, { "timeout", ARG_PTR }, { "uaddr2", ARG_PTR }, { "val3", ARG_HEX } }, futex_call },
	{ "nanosleep", RET_INT, { { "req", ARG_IN, in_timespec }, { "rem", ARG_OUT, out_remaining } } },
	{ "clock_nanosleep", RET_INT, { { "clockid", ARG_IN, in_clockid }, { "flags", ARG_FLAGS, timer_flags }, { "req", ARG_IN, in_timespec }, { "rem", ARG_OUT, out_remaining } } },
	{ "clock_gettime", RET_INT, { { "clockid", ARG_IN, in_clockid }, { "tp", ARG_OUT, out_timespec } } },
	{ "clock_getres", RET_INT, { { "clockid", ARG_IN, in_clockid }, { "res", ARG_OUT, out_timespec } } },
	{ "clock_settime", RET_INT, { { "clockid", ARG_IN, in_clockid }, { "tp", ARG_IN, in_timespec } } },
	{ "gettimeofday", RET_INT, { { "tv", ARG_OUT, out_timeval }, { "tz", ARG_OUT, out_timezone } } },
	{ "settimeofday", RET_INT, { { "tv", ARG_IN, in_timeval }, { "tz", ARG_IN, in_timezone } } },
	{ "time", RET_INT, { { "tloc", ARG_OUT, out_time } } },
	{ "getrandom", RET_INT, { { "buf", ARG_OUT, out_random }, { "buflen", ARG_UINT }, { "flags", ARG_FLAGS, grnd_flags } } },
	{ "uname", RET_INT, { { "buf", ARG_OUT, out_utsname } } },
	{ "sysinfo", RET_INT, { { "info", ARG_OUT, out_sysinfo } } },
	{ "getcpu", RET_INT, { { "cpu", ARG_OUT, out_u32 }, { "node", ARG_OUT, out_u32 }, { "tcache", ARG_PTR } } },
	{ "times", RET_INT, { { "buf", ARG_OUT, out_tms } } },
	{ "getrusage", RET_INT, { { "who", ARG_IN, in_rusage_who }, { "usage", ARG_OUT, out_rusage } } },
	{ "sethostname", RET_INT, { { "name", ARG_IBUF, NULL, 1 }, { "len", ARG_UINT } } },
	{ "setdomainname", RET_INT, { { "name", ARG_IBUF, NULL, 1 }, { "len", ARG_UINT } } },
	{ "reboot", RET_INT, { { "magic", ARG_IN, in_reboot_magic }, { "magic2", ARG_IN, in_reboot_magic2 }, { "cmd", ARG_IN, in_reboot_cmd }, { "arg", ARG_IN, in_reboot_arg } } },
	{ "capget", RET_INT, { { "hdrp", ARG_IN, in_cap_header }, { "datap", ARG_PTR } } },
	{ "capset", RET_INT, { { "hdrp", ARG_IN, in_cap_header }, { "datap", ARG_PTR } } },
	{ NULL },
};

/* What the decoders above read (decode/capture.h), for backends that
 * capture it while the call runs. */
/* clang-format off */
const struct capture_shape decode_shapes_misc[] = {
	/* the timeout of the waiting operations (for the others the
	 * argument is a number, and reading it fails) */
	{ (const void *)futex_call, { { 3, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, 16 } } },
	{ (const void *)in_timespec, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, 16 } } },
	{ (const void *)out_timespec, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, 16 } } },
	{ (const void *)out_remaining, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, 16 } } },
	{ (const void *)out_timeval, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, 16 } } },
	{ (const void *)in_timeval, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, 16 } } },
	{ (const void *)out_timezone, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, 8 } } },
	{ (const void *)in_timezone, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, 8 } } },
	{ (const void *)out_time, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, sizeof(int64_t) } } },
	{ (const void *)out_u32, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, sizeof(uint32_t) } } },
	{ (const void *)out_random, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_RET, 0, 1, CAPTURE_STRSIZE } } },
	{ (const void *)out_utsname, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, sizeof(struct utsname) } } },
	{ (const void *)out_sysinfo, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, sizeof(struct sysinfo) } } },
	{ (const void *)out_tms, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, sizeof(struct tms) } } },
	{ (const void *)out_rusage, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, sizeof(struct rusage) } } },
	/* LINUX_REBOOT_CMD_RESTART2's command */
	{ (const void *)in_reboot_arg, { { CAPTURE_SELF, CAPTURE_STR, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, 0, CAPTURE_STRSIZE } } },
	{ (const void *)in_cap_header, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, 8 } } },
	{ NULL },
};
/* clang-format on */
