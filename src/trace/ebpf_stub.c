/* The eBPF backend when dscope is built without libbpf: it exists, so the
 * rest of the code needs no #ifdef, and says it was not built. */
#include <errno.h>
#include <stdio.h>

#include "trace/backend.h"

static int ebpf_probe(char *why, size_t size)
{
	snprintf(why, size, "the eBPF backend was not built (needs libbpf, "
			    "bpftool and clang at build time)");
	return -ENOSYS;
}

static struct trace_backend *
ebpf_create(const struct trace_backend_setup *setup, char *why, size_t size)
{
	(void)setup;
	ebpf_probe(why, size);
	return NULL;
}

const struct trace_backend_ops trace_backend_ebpf = {
	.name = "ebpf",
	.probe = ebpf_probe,
	.create = ebpf_create,
};
