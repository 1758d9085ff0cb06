#include "proc/link.h"

#include <string.h>

#include "proc/parse.h"

bool proc_link_inode(const char *link, const char *type, uint64_t *ino)
{
	size_t tlen = strlen(type), len = strlen(link);
	const char *p, *end = link + len;
	uint64_t v;

	if (len < tlen + 4 || memcmp(link, type, tlen) != 0 ||
	    link[tlen] != ':' || link[tlen + 1] != '[' || end[-1] != ']')
		return false;
	p = link + tlen + 2;
	/* *ino is left alone unless the whole link matches */
	if (!parse_u64(&p, end - 1, 10, &v) || p != end - 1)
		return false;
	*ino = v;
	return true;
}

const char *proc_link_anon_name(const char *link, int *len)
{
	static const char prefix[] = "anon_inode:";
	const char *name;
	size_t n;

	if (strncmp(link, prefix, sizeof(prefix) - 1) != 0)
		return NULL;
	name = link + sizeof(prefix) - 1;
	n = strlen(name);
	if (n >= 2 && name[0] == '[' && name[n - 1] == ']') {
		name++;
		n -= 2;
	}
	*len = (int)n;
	return name;
}
