#include "proc/stat.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

#include "proc/parse.h"

/* Fields after comm, numbered as in proc(5): 3 is state. */
enum { F_PPID = 4, F_PGRP, F_SESSION, F_TTY, F_TPGID, F_FLAGS,
       F_UTIME = 14, F_STIME, F_PRIORITY = 18, F_NICE, F_THREADS,
       F_START = 22, F_VSIZE, F_RSS, F_LAST_NEEDED = F_RSS };

int proc_stat_parse(const char *buf, size_t len, struct proc_stat *st)
{
	const char *end = buf + len, *open, *close, *p;
	int64_t v[F_LAST_NEEDED + 1] = { 0 };
	int64_t pid;
	size_t clen;
	int field;

	memset(st, 0, sizeof(*st));
	open = memchr(buf, '(', len);
	close = NULL;
	for (p = end; p > buf; p--) {
		if (p[-1] == ')') {
			close = p - 1;
			break;
		}
	}
	if (!open || !close || close < open)
		return -EINVAL;
	p = buf;
	/* "PID (": the pid is the whole first field */
	if (*p < '0' || *p > '9' || !parse_i64(&p, open, &pid) ||
	    p + 1 != open || *p != ' ' ||
	    pid <= 0 || pid > 0x7fffffff)
		return -EINVAL;
	st->pid = (pid_t)pid;
	clen = (size_t)(close - open - 1);
	if (clen >= sizeof(st->comm))
		clen = sizeof(st->comm) - 1;
	memcpy(st->comm, open + 1, clen);
	st->comm[clen] = '\0';

	p = close + 1;
	if (p + 2 > end || p[0] != ' ')
		return -EINVAL;
	st->state = p[1];
	p += 2;
	for (field = F_PPID; field <= F_LAST_NEEDED; field++) {
		if (p >= end || *p != ' ')
			return -EINVAL;
		p++;
		if (!parse_i64(&p, end, &v[field])) {
			uint64_t u; /* vsize and a few others are unsigned */

			if (!parse_u64(&p, end, 10, &u))
				return -EINVAL;
			v[field] = (int64_t)u;
		}
	}
	/* pids and the tty are ints in the kernel; anything else is junk */
	for (field = F_PPID; field <= F_TPGID; field++)
		if (v[field] < INT_MIN || v[field] > INT_MAX)
			return -EINVAL;
	st->ppid = (pid_t)v[F_PPID];
	st->pgrp = (pid_t)v[F_PGRP];
	st->session = (pid_t)v[F_SESSION];
	st->tty_nr = (int)v[F_TTY];
	st->tpgid = (pid_t)v[F_TPGID];
	st->flags = (unsigned)v[F_FLAGS];
	st->utime = (uint64_t)v[F_UTIME];
	st->stime = (uint64_t)v[F_STIME];
	st->priority = (long)v[F_PRIORITY];
	st->nice = (long)v[F_NICE];
	st->num_threads = (long)v[F_THREADS];
	st->starttime = (uint64_t)v[F_START];
	st->vsize = (uint64_t)v[F_VSIZE];
	st->rss = v[F_RSS];
	return 0;
}

int proc_stat_boot_time(const char *buf, size_t len, uint64_t *btime)
{
	const char *end = buf + len;
	const char *p = buf;

	/* "btime" is not followed by ':' so parse_find_key does not apply. */
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (!nl)
			nl = end;
		if (nl - p > 6 && memcmp(p, "btime ", 6) == 0) {
			const char *q = parse_skip_blanks(p + 6, nl);

			return parse_u64(&q, nl, 10, btime) ? 0 : -EINVAL;
		}
		p = nl + 1;
	}
	return -ENOENT;
}
