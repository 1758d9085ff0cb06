#include "model/select.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

void selection_init(struct selection *s)
{
	memset(s, 0, sizeof(*s));
}

void selection_release(struct selection *s)
{
	free(s->items);
	selection_init(s);
}

static void add(struct selection *s, pid_t pid, const char *name)
{
	s->items = xgrow(s->items, &s->alloc, s->count + 1, sizeof(*s->items));
	s->items[s->count++] = (struct selector){ .pid = pid, .name = name };
}

/* A positive pid written in decimal, nothing else. */
static pid_t parse_pid(const char *s, size_t len)
{
	long v = 0;

	if (len == 0 || len > 10)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v > 0 && v <= 0x3fffffff ? (pid_t)v : -1;
}

void selection_add_arg(struct selection *s, const char *arg)
{
	pid_t pid = parse_pid(arg, strlen(arg));

	if (pid > 0)
		add(s, pid, NULL);
	else
		add(s, 0, arg);
}

int selection_add_pid_list(struct selection *s, const char *list)
{
	const char *p = list;

	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		pid_t pid = parse_pid(p, len);

		if (pid <= 0)
			return -EINVAL;
		add(s, pid, NULL);
		if (!comma)
			return 0;
		p = comma + 1;
	}
}

static const char *base_name(const char *path, size_t len, size_t *blen)
{
	const char *slash = memrchr(path, '/', len);
	const char *b = slash ? slash + 1 : path;

	*blen = len - (size_t)(b - path);
	return b;
}

static bool name_matches(const char *name, const struct process *p)
{
	size_t nlen = strlen(name), blen;
	const char *b;

	if (strcmp(p->stat.comm, name) == 0)
		return true;
	/* comm is cut at 15 bytes; a longer name matches on that prefix */
	if (nlen > 15 && strlen(p->stat.comm) == 15 &&
	    strncmp(p->stat.comm, name, 15) == 0)
		return true;
	if (p->exe) {
		size_t elen = strlen(p->exe);

		if (elen > 10 && strcmp(p->exe + elen - 10, " (deleted)") == 0)
			elen -= 10;
		b = base_name(p->exe, elen, &blen);
		if (blen == nlen && memcmp(b, name, nlen) == 0)
			return true;
	}
	if (p->cmdline && p->argv0_len) {
		b = base_name(p->cmdline, p->argv0_len, &blen);
		if (blen == nlen && memcmp(b, name, nlen) == 0)
			return true;
	}
	return false;
}

bool selection_match(struct selection *s, const struct process *p)
{
	bool any = false;

	for (size_t i = 0; i < s->count; i++) {
		struct selector *sel = &s->items[i];
		bool m = sel->pid > 0 ? sel->pid == p->stat.pid
				      : !(s->live_only && p->stat.state == 'Z') &&
						name_matches(sel->name, p);

		if (m) {
			sel->matches++;
			any = true;
		}
	}
	return any;
}

size_t selection_pids(const struct selection *s, pid_t *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < s->count && n < max; i++)
		if (s->items[i].pid > 0)
			out[n++] = s->items[i].pid;
	return n;
}

bool selection_only_pids(const struct selection *s)
{
	for (size_t i = 0; i < s->count; i++)
		if (s->items[i].pid <= 0)
			return false;
	return s->count > 0;
}
