#include "trace/backend.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "decode/decode.h"

extern const struct trace_backend_ops trace_backend_ptrace,
	trace_backend_ebpf;

static const struct trace_backend_ops *const backends[] = {
	&trace_backend_ptrace,
	&trace_backend_ebpf,
};

const struct trace_backend_ops *trace_backend_find(const char *name)
{
	for (size_t i = 0; i < sizeof(backends) / sizeof(*backends); i++)
		if (strcmp(backends[i]->name, name) == 0)
			return backends[i];
	return NULL;
}

/* A string of -s bytes is read with its NUL and one byte more. */
#define STR_EXTRA 2

int trace_backend_set_capture(struct trace_backend *b, size_t *strsize)
{
	const struct syscall_spec **by_nr;
	struct capture_plan plan;
	ssize_t keep;
	int err = 0;

	if (!b->ops->capture)
		return 0;
	/* what the backend keeps is the same for every call: ask it once */
	keep = b->ops->capture(b, -1, NULL);
	if (keep < 0)
		return (int)keep;
	if (keep > STR_EXTRA && *strsize > (size_t)keep - STR_EXTRA)
		*strsize = (size_t)keep - STR_EXTRA;
	by_nr = xcalloc(TRACE_SYSCALL_MAX, sizeof(*by_nr));
	decode_index_build(by_nr, TRACE_SYSCALL_MAX);
	for (long nr = 0; nr < TRACE_SYSCALL_MAX && err >= 0; nr++)
		if (decode_capture_plan(by_nr[nr], *strsize, &plan))
			err = (int)b->ops->capture(b, nr, &plan);
	free(by_nr);
	return err < 0 ? err : 0;
}
