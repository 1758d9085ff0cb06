/* Allocation helpers: out of memory is the one error dscope does not turn
 * into data, because nothing useful can follow it. */
#ifndef DSCOPE_BASE_XALLOC_H
#define DSCOPE_BASE_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grows an array of count elements of size bytes to hold at least need. */
void *xgrow(void *ptr, size_t *count, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
void *xmemdup(const void *p, size_t n);

#endif
