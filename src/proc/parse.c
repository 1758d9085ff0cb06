#include "proc/parse.h"

#include <string.h>

const char *parse_skip_blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

bool parse_u64(const char **pp, const char *end, int base, uint64_t *v)
{
	const char *p = *pp;
	uint64_t x = 0;
	bool any = false;

	if (base == 16 && end - p >= 2 && p[0] == '0' &&
	    (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	while (p < end) {
		int d = digit_value(*p);

		if (d >= base)
			break;
		if (x > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			return false;
		x = x * (uint64_t)base + (uint64_t)d;
		any = true;
		p++;
	}
	if (!any)
		return false;
	*pp = p;
	*v = x;
	return true;
}

bool parse_i64(const char **pp, const char *end, int64_t *v)
{
	const char *p = *pp;
	bool neg = false;
	uint64_t u;

	if (p < end && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	if (!parse_u64(&p, end, 10, &u))
		return false;
	if (u > (uint64_t)INT64_MAX + neg)
		return false;
	*v = neg ? (int64_t)(0 - u) : (int64_t)u;
	*pp = p;
	return true;
}

const char *parse_find_key(const char *buf, const char *end, const char *key)
{
	size_t klen = strlen(key);
	const char *line = buf;

	while (line < end) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));

		if (!nl)
			nl = end;
		if ((size_t)(nl - line) > klen && memcmp(line, key, klen) == 0 &&
		    line[klen] == ':')
			return parse_skip_blanks(line + klen + 1, nl);
		line = nl + 1;
	}
	return NULL;
}
