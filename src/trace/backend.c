#include "trace/backend.h"

#include <string.h>

#include "decode/syscall_table.h"

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
	enum syscall_arch arch = syscall_arch_native();
	struct capture_plan plan;
	ssize_t keep;

	if (!b->ops->capture)
		return 0;
	/* what the backend keeps is the same for every call: ask it once */
	keep = b->ops->capture(b, -1, NULL);
	if (keep < 0)
		return (int)keep;
	if (keep > STR_EXTRA && *strsize > (size_t)keep - STR_EXTRA)
		*strsize = (size_t)keep - STR_EXTRA;
	for (long nr = 0; nr < TRACE_SYSCALL_MAX; nr++) {
		const char *name = syscall_table_name(arch, nr);
		int err;

		if (!name ||
		    !decode_capture_plan(decode_spec(name), *strsize, &plan))
			continue;
		err = (int)b->ops->capture(b, nr, &plan);
		if (err < 0)
			return err;
	}
	return 0;
}
