#include "trace/backend.h"

#include <string.h>

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
