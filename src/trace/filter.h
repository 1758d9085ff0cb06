/* The filter expressions of dscope trace, as strace writes them:
 * -e trace=open,read,%file (or -e open,read), -e trace=!write,
 * -e status=failed|successful, and the classes %file %network %process
 * %signal %ipc %desc %memory. */
#ifndef DSCOPE_TRACE_FILTER_H
#define DSCOPE_TRACE_FILTER_H

#include <stdbool.h>
#include <stddef.h>

#include "trace/backend.h"

enum trace_status_filter {
	TRACE_STATUS_ANY,
	TRACE_STATUS_FAILED, /* returned an error */
	TRACE_STATUS_SUCCESSFUL,
};

struct trace_filter {
	struct trace_syscall_set set; /* the syscalls shown */
	bool all; /* no trace= given: every syscall */
	enum trace_status_filter status;
};

void trace_filter_init(struct trace_filter *f);
/* Applies one -e expression. Returns 0, or -EINVAL with a message for the
 * user in err ("unknown syscall 'opne'"). */
int trace_filter_parse(struct trace_filter *f, const char *expr, char *err,
		       size_t errsize);
/* Whether syscall nr is shown. */
bool trace_filter_has(const struct trace_filter *f, long nr);

#endif
