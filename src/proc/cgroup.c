#include "proc/cgroup.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>

/* Each line is "hierarchy-id:controllers:path"; path may hold ':'. */
static int line_path(const char *line, const char *nl, const char **ctl,
		     size_t *ctl_len, const char **path)
{
	const char *c1 = memchr(line, ':', (size_t)(nl - line));
	const char *c2 = c1 ? memchr(c1 + 1, ':', (size_t)(nl - c1 - 1)) : NULL;

	if (!c2)
		return -EINVAL;
	*ctl = c1 + 1;
	*ctl_len = (size_t)(c2 - c1 - 1);
	*path = c2 + 1;
	return 0;
}

static bool is_root(const char *p, const char *end)
{
	return end - p == 1 && *p == '/';
}

int proc_cgroup_parse(const char *buf, size_t len, struct strbuf *path)
{
	const char *end = buf + len, *line = buf;
	const char *unified = NULL, *unified_end = NULL;
	const char *named = NULL, *named_end = NULL;
	const char *v1 = NULL, *v1_end = NULL;

	while (line < end) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		const char *ctl, *p;
		size_t ctl_len;

		if (!nl)
			nl = end;
		if (line_path(line, nl, &ctl, &ctl_len, &p) == 0) {
			if (line[0] == '0' && line[1] == ':' && ctl_len == 0) {
				unified = p;
				unified_end = nl;
			} else if (ctl_len == 12 &&
				   memcmp(ctl, "name=systemd", 12) == 0) {
				named = p;
				named_end = nl;
			} else if (!v1 && !is_root(p, nl)) {
				v1 = p;
				v1_end = nl;
			}
		}
		line = nl + 1;
	}
	/* The systemd hierarchy names units best; a pure v1 host without it
	 * (docker on cgroup v1) still names containers in any controller. */
	if (unified && !is_root(unified, unified_end)) {
		named = unified;
		named_end = unified_end;
	} else if (!named && v1) {
		named = v1;
		named_end = v1_end;
	} else if (!named) {
		named = unified;
		named_end = unified_end;
	}
	strbuf_reset(path);
	if (!named)
		return -EINVAL;
	strbuf_add(path, named, (size_t)(named_end - named));
	return 0;
}
