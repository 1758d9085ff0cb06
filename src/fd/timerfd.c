/* Timerfds ("anon_inode:[timerfd]"): clock, time to the next expiry,
 * period.
 *
 * fdinfo on Linux 6.18:
 *
 *	clockid: 1
 *	ticks: 0
 *	settime flags: 00
 *	it_value: (99, 499987832)
 *	it_interval: (5, 0)
 *
 * "settime flags" is octal with a leading 0 (TFD_TIMER_ABSTIME 1,
 * TFD_TIMER_CANCEL_ON_SET 2). it_value is the time LEFT, also for
 * absolute timers, (0, 0) when the timer is disarmed and also when a
 * periodic timer expired and nobody read it yet (the kernel moves it on
 * at the read): then ticks counts the unread expirations. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "fd/anon_parse.h"
#include "fd/fd.h"

#define NSEC 1000000000ull

const struct flag_name timerfd_settime_flag_names[] = {
	{ 1, "ABSTIME" },
	{ 2, "CANCEL_ON_SET" },
	{ 0, NULL },
};

const char *timerfd_clock_name(int clockid)
{
	switch (clockid) {
	case 0:
		return "realtime";
	case 1:
		return "monotonic";
	case 7:
		return "boottime";
	case 8:
		return "realtime_alarm";
	case 9:
		return "boottime_alarm";
	}
	return NULL;
}

void timerfd_duration_text(struct strbuf *out, uint64_t ns)
{
	/* a unit is used from twice its size for d and h ("every 3600 s") */
	static const struct {
		uint64_t size, from;
		const char *name;
	} units[] = {
		{ 86400 * NSEC, 2 * 86400 * NSEC, "d" },
		{ 3600 * NSEC, 2 * 3600 * NSEC, "h" },
		{ NSEC, NSEC, "s" },
		{ 1000000, 1000000, "ms" },
		{ 1000, 1000, "us" },
		{ 1, 0, "ns" },
	};
	size_t i = 0;
	uint64_t whole, tenths;

	while (ns < units[i].from)
		i++;
	whole = ns / units[i].size;
	/* rounded to the nearest tenth (no overflow: size < 2^48) */
	tenths = (ns % units[i].size * 10 + units[i].size / 2) / units[i].size;
	if (tenths == 10) {
		whole++;
		tenths = 0;
	}
	/* 999.96 ms is "1 s", not "1000 ms" */
	if (i > 2 && whole == 1000) {
		strbuf_addf(out, "1 %s", units[i - 1].name);
		return;
	}
	if (tenths)
		strbuf_addf(out, "%llu.%llu %s", (unsigned long long)whole,
			    (unsigned long long)tenths, units[i].name);
	else
		strbuf_addf(out, "%llu %s", (unsigned long long)whole,
			    units[i].name);
}

/* "(SEC, NSEC)" as nanoseconds, saturated at UINT64_MAX. */
static bool parse_timespec(const char *buf, const char *end, const char *key,
			   uint64_t *ns)
{
	const char *eol, *p = anon_key(buf, end, key, &eol);
	uint64_t sec, nsec;

	if (!p || p >= eol || *p++ != '(')
		return false;
	if (!parse_u64(&p, eol, 10, &sec) || p >= eol || *p++ != ',')
		return false;
	p = parse_skip_blanks(p, eol);
	if (!parse_u64(&p, eol, 10, &nsec) || p >= eol || *p++ != ')')
		return false;
	if (parse_skip_blanks(p, eol) != eol || nsec >= NSEC)
		return false;
	*ns = sec > (UINT64_MAX - nsec) / NSEC ? UINT64_MAX : sec * NSEC + nsec;
	return true;
}

int timerfd_fdinfo_parse(const char *buf, size_t len, struct timerfd_info *t)
{
	const char *end = buf + len;
	int64_t clockid;
	uint64_t flags;

	memset(t, 0, sizeof(*t));
	if (!anon_key_i64(buf, end, "clockid", &clockid) || clockid < 0 ||
	    clockid > 1000)
		return -EINVAL;
	if (!anon_key_u64(buf, end, "ticks", 10, &t->ticks) ||
	    !anon_key_u64(buf, end, "settime flags", 8, &flags) ||
	    flags > 0xffff)
		return -EINVAL;
	if (!parse_timespec(buf, end, "it_value", &t->value_ns) ||
	    !parse_timespec(buf, end, "it_interval", &t->interval_ns))
		return -EINVAL;
	t->clockid = (int)clockid;
	t->settime_flags = (unsigned)flags;
	return 0;
}

static bool probe_timerfd(const struct fd *fd)
{
	return anon_target_is(fd->target, "timerfd");
}

static int parse_timerfd(struct fd *fd, const char *extra, size_t len)
{
	struct timerfd_info *t = xmalloc(sizeof(*t));
	int err = timerfd_fdinfo_parse(extra, len, t);

	if (err) {
		free(t);
		return err;
	}
	fd->priv = t;
	return 0;
}

static void describe_timerfd(const struct fd *fd, struct snapshot *snap,
			     struct strbuf *out)
{
	const struct timerfd_info *t = fd->priv;
	const char *clock;

	(void)snap;
	strbuf_adds(out, "timerfd");
	if (!t)
		return;
	clock = timerfd_clock_name(t->clockid);
	if (clock)
		strbuf_addf(out, " %s", clock);
	else
		strbuf_addf(out, " clock %d", t->clockid);
	if (t->value_ns) {
		strbuf_adds(out, ", next in ");
		timerfd_duration_text(out, t->value_ns);
	} else if (t->interval_ns || t->ticks) {
		strbuf_adds(out, ", expired");
	} else {
		strbuf_adds(out, ", disarmed");
	}
	if (t->interval_ns) {
		strbuf_adds(out, ", every ");
		timerfd_duration_text(out, t->interval_ns);
	}
	if (t->ticks)
		strbuf_addf(out, ", %llu %s unread",
			    (unsigned long long)t->ticks,
			    t->ticks == 1 ? "expiry" : "expiries");
}

static void emit_timerfd(const struct fd *fd, struct snapshot *snap,
			 struct sink *s)
{
	const struct timerfd_info *t = fd->priv;

	(void)snap;
	if (!t) {
		sink_null(s, "clock");
		sink_null(s, "clockid");
		sink_null(s, "next_ns");
		sink_null(s, "interval_ns");
		sink_null(s, "ticks");
		sink_null(s, "settime_flags");
		return;
	}
	sink_cstr(s, "clock", timerfd_clock_name(t->clockid));
	sink_i64(s, "clockid", t->clockid);
	if (t->value_ns)
		sink_u64(s, "next_ns", t->value_ns);
	else
		sink_null(s, "next_ns");
	sink_u64(s, "interval_ns", t->interval_ns);
	sink_u64(s, "ticks", t->ticks);
	sink_flags(s, "settime_flags", t->settime_flags,
		   timerfd_settime_flag_names);
}

const struct fd_class fd_class_timerfd = {
	.kind = "timerfd",
	.needs = FD_NEED_FDINFO,
	.probe = probe_timerfd,
	.parse = parse_timerfd,
	.describe = describe_timerfd,
	.emit = emit_timerfd,
};
