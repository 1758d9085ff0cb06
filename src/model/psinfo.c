#include "model/psinfo.h"

#include <stdio.h>

void psinfo_stat_letters(const struct process *p, char *buf, size_t size)
{
	char s[8];
	size_t n = 0;

	s[n++] = p->stat.state ? p->stat.state : '?';
	if (p->stat.nice < 0)
		s[n++] = '<';
	else if (p->stat.nice > 0)
		s[n++] = 'N';
	if (p->status.has_vmlck && p->status.vmlck_kb > 0)
		s[n++] = 'L';
	if (p->stat.session == p->stat.pid)
		s[n++] = 's';
	if (p->stat.num_threads > 1)
		s[n++] = 'l';
	if (p->stat.tty_nr != 0 && p->stat.tpgid == p->stat.pgrp)
		s[n++] = '+';
	s[n] = '\0';
	snprintf(buf, size, "%s", s);
}

uint64_t psinfo_start_time(const struct process_table *t,
			   const struct process *p)
{
	if (!t->boot_time)
		return 0;
	return t->boot_time + p->stat.starttime / (uint64_t)t->ticks_per_second;
}

void psinfo_format_start(time_t start, time_t now, char *buf, size_t size)
{
	struct tm tm;
	const char *fmt = "%H:%M";

	if (!localtime_r(&start, &tm)) {
		snprintf(buf, size, "?");
		return;
	}
	if (now - start >= 365 * 24 * 3600)
		fmt = "%Y";
	else if (now - start >= 24 * 3600)
		fmt = "%b%d";
	if (strftime(buf, size, fmt, &tm) == 0)
		snprintf(buf, size, "?");
}

uint64_t psinfo_cpu_ms(const struct process_table *t, const struct process *p)
{
	return (p->stat.utime + p->stat.stime) * 1000 /
	       (uint64_t)t->ticks_per_second;
}

void psinfo_format_cpu(uint64_t ms, char *buf, size_t size)
{
	uint64_t s = ms / 1000;

	snprintf(buf, size, "%llu:%02llu", (unsigned long long)(s / 60),
		 (unsigned long long)(s % 60));
}
