#include "proc/mountinfo.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "proc/parse.h"

/* The next space-separated field of [*p, eol), unescaped, malloc'ed. */
static char *field(const char **p, const char *eol)
{
	const char *s = *p, *e;
	char *out, *o;

	while (s < eol && *s == ' ')
		s++;
	e = memchr(s, ' ', (size_t)(eol - s));
	if (!e)
		e = eol;
	if (e == s)
		return NULL;
	out = o = xmalloc((size_t)(e - s) + 1);
	for (const char *c = s; c < e; c++) {
		/* the kernel escapes space, tab, newline and backslash as \ooo */
		if (*c == '\\' && e - c >= 4 && c[1] >= '0' && c[1] <= '3' &&
		    c[2] >= '0' && c[2] <= '7' && c[3] >= '0' && c[3] <= '7') {
			*o++ = (char)((c[1] - '0') * 64 + (c[2] - '0') * 8 +
				      (c[3] - '0'));
			c += 3;
		} else {
			*o++ = *c;
		}
	}
	*o = '\0';
	*p = e;
	return out;
}

static void entry_release(struct mount_entry *m)
{
	free(m->root);
	free(m->point);
	free(m->fstype);
	free(m->source);
}

static bool expect(const char **p, const char *eol, char c)
{
	if (*p >= eol || **p != c)
		return false;
	(*p)++;
	return true;
}

/* "36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw" */
static int parse_line(const char *p, const char *eol, struct mount_entry *m)
{
	uint64_t id, parent, major, minor;
	const char *dash;

	memset(m, 0, sizeof(*m));
	if (!parse_u64(&p, eol, 10, &id) || !expect(&p, eol, ' ') ||
	    !parse_u64(&p, eol, 10, &parent) || !expect(&p, eol, ' ') ||
	    !parse_u64(&p, eol, 10, &major) || !expect(&p, eol, ':') ||
	    !parse_u64(&p, eol, 10, &minor) || id > 0x7fffffff ||
	    parent > 0x7fffffff || major > 0xfffff || minor > 0xfffff)
		return -EINVAL;
	m->id = (int)id;
	m->parent = (int)parent;
	m->major = (unsigned)major;
	m->minor = (unsigned)minor;
	m->root = field(&p, eol);
	m->point = field(&p, eol);
	/* optional fields end at " - " */
	dash = p;
	while (dash + 2 < eol && !(dash[0] == ' ' && dash[1] == '-' &&
				   dash[2] == ' '))
		dash++;
	if (!m->root || !m->point || dash + 2 >= eol) {
		entry_release(m);
		return -EINVAL;
	}
	p = dash + 2;
	m->fstype = field(&p, eol);
	m->source = field(&p, eol);
	if (!m->fstype) {
		entry_release(m);
		return -EINVAL;
	}
	return 0;
}

int proc_mountinfo_parse(const char *buf, size_t len, struct mount_table *t)
{
	const char *end = buf + len, *line = buf;

	memset(t, 0, sizeof(*t));
	while (line < end) {
		const char *eol = memchr(line, '\n', (size_t)(end - line));
		struct mount_entry m;

		if (!eol)
			eol = end;
		if (parse_line(line, eol, &m) == 0) {
			t->v = xgrow(t->v, &t->alloc, t->count + 1, sizeof(*t->v));
			t->v[t->count++] = m;
		}
		line = eol + 1;
	}
	return t->count ? 0 : -EINVAL;
}

void mount_table_release(struct mount_table *t)
{
	for (size_t i = 0; i < t->count; i++)
		entry_release(&t->v[i]);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

const struct mount_entry *mount_table_find_id(const struct mount_table *t,
					      int id)
{
	for (size_t i = 0; i < t->count; i++)
		if (t->v[i].id == id)
			return &t->v[i];
	return NULL;
}

const struct mount_entry *mount_table_find_dev(const struct mount_table *t,
					       unsigned major, unsigned minor)
{
	const struct mount_entry *any = NULL;

	for (size_t i = 0; i < t->count; i++) {
		const struct mount_entry *m = &t->v[i];

		if (m->major != major || m->minor != minor)
			continue;
		if (strcmp(m->root, "/") == 0)
			return m;
		if (!any)
			any = m;
	}
	return any;
}
