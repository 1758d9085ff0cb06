/* /proc/PID/wchan: the kernel function a sleeping task waits in. */
#ifndef DSCOPE_PROC_WCHAN_H
#define DSCOPE_PROC_WCHAN_H

#include <stddef.h>

#include "base/strbuf.h"

/* Copies the symbol to out; "0" (not sleeping) and empty text give "".
 * Returns 0 or -EINVAL when the text is not a plain symbol name. */
int proc_wchan_parse(const char *buf, size_t len, struct strbuf *out);

#endif
