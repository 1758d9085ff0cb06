#include "proc/status.h"

#include <errno.h>
#include <string.h>

#include "proc/parse.h"

/* Reads up to max numbers separated by blanks from the value at p. */
static int parse_list(const char *p, const char *end, uint64_t *out, int max)
{
	const char *nl = p ? memchr(p, '\n', (size_t)(end - p)) : NULL;
	int n = 0;

	if (!p)
		return 0;
	if (nl)
		end = nl;
	while (n < max) {
		p = parse_skip_blanks(p, end);
		if (p >= end || !parse_u64(&p, end, 10, &out[n]))
			break;
		n++;
	}
	return n;
}

int proc_status_parse(const char *buf, size_t len, struct proc_status *st)
{
	const char *end = buf + len;
	uint64_t v[PROC_NSPID_MAX];
	int i, n;

	memset(st, 0, sizeof(*st));
	if (parse_list(parse_find_key(buf, end, "Uid"), end, v, 4) != 4)
		return -EINVAL;
	for (i = 0; i < 4; i++)
		st->uid[i] = (uid_t)v[i];
	if (parse_list(parse_find_key(buf, end, "Gid"), end, v, 4) != 4)
		return -EINVAL;
	for (i = 0; i < 4; i++)
		st->gid[i] = (gid_t)v[i];
	st->has_ids = true;
	if (parse_list(parse_find_key(buf, end, "VmLck"), end, v, 1) == 1) {
		st->vmlck_kb = v[0];
		st->has_vmlck = true;
	}
	n = parse_list(parse_find_key(buf, end, "NSpid"), end, v,
		       PROC_NSPID_MAX);
	for (i = 0; i < n; i++)
		st->nspid[i] = (pid_t)v[i];
	st->nspid_count = n;
	return 0;
}
