#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void __attribute__((noreturn)) out_of_memory(size_t size)
{
	char msg[96];
	int n = snprintf(msg, sizeof(msg),
			 "dscope: out of memory (allocating %zu bytes)\n", size);
	if (n > 0 && write(STDERR_FILENO, msg, (size_t)n) < 0) {
		/* nothing left to report with */
	}
	/* a clear failure (exit 1, as any error), not a crash: a traced
	 * process is let go by the kernel as dscope ends */
	_exit(1);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		out_of_memory(size);
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		out_of_memory(count * size);
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		out_of_memory(size);
	return p;
}

void *xgrow(void *ptr, size_t *count, size_t need, size_t size)
{
	size_t n = *count;

	if (need <= n)
		return ptr;
	if (n < 8)
		n = 8;
	while (n < need)
		n *= 2;
	if (n > ((size_t)-1) / size)
		out_of_memory((size_t)-1);
	ptr = xrealloc(ptr, n * size);
	*count = n;
	return ptr;
}

char *xstrdup(const char *s)
{
	return xmemdup(s, strlen(s) + 1);
}

char *xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void *xmemdup(const void *p, size_t n)
{
	void *q = xmalloc(n);

	memcpy(q, p, n);
	return q;
}
