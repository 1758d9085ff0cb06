/* NUL-separated files: /proc/PID/cmdline and /proc/PID/environ. */
#ifndef DSCOPE_PROC_ENVIRON_H
#define DSCOPE_PROC_ENVIRON_H

#include <stddef.h>

#include "base/strbuf.h"

/* Finds NAME=value in the NUL-separated environ text; returns a pointer to
 * value (inside buf) and its length, or NULL. */
const char *proc_environ_get(const char *buf, size_t len, const char *name,
			     size_t *value_len);

/* Turns NUL-separated cmdline text into one line, arguments separated by
 * spaces (trailing NULs dropped). Bytes are kept raw: escape when shown. */
void proc_cmdline_join(const char *buf, size_t len, struct strbuf *out);

#endif
