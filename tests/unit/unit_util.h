/* Helpers shared by the unit tests (header only: each test is one file). */
#ifndef DSCOPE_TESTS_UNIT_UTIL_H
#define DSCOPE_TESTS_UNIT_UTIL_H

#include <stdlib.h>
#include <string.h>

/* A heap copy of exactly len bytes, with no terminating NUL, so that
 * AddressSanitizer reports any read past the end of the input. Never
 * NULL, even for len 0 (parsers may pass it to memchr). */
static inline char *dup_exact(const void *data, size_t len)
{
	char *p = malloc(len ? len : 1);

	if (!p)
		abort();
	if (len)
		memcpy(p, data, len);
	return p;
}

#endif
