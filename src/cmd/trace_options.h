/* dscope trace's options: what the command line asks for, parsed with
 * no side effect (so that tests/fuzz/fuzz_options.c can run it on any
 * arguments); cmd/trace.c acts on them. */
#ifndef DSCOPE_CMD_TRACE_OPTIONS_H
#define DSCOPE_CMD_TRACE_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "cmd/cmd.h"
#include "trace/tracer.h"

#define MAX_TARGETS 64

enum {
	OPT_FD = OPT_COMMAND_BASE,
	OPT_LIMIT,
	OPT_DURATION,
	OPT_NO_NAMES,
	OPT_NO_SECCOMP,
	OPT_BACKEND,
};

struct trace_args {
	struct tracer_options opt;
	const char *targets[MAX_TARGETS];
	size_t ntargets;
	bool follow, verbose, seccomp, seccomp_used;
	const char *output;
	const char *backend;
	double duration;
	char **command;
};

extern const char trace_usage[];

/* The defaults: every call, fds named, strings cut at 32 bytes. */
void trace_args_init(struct trace_args *a);
/* Parses argv into a (argv's strings are kept, not copied):
 * OPTION_TAKEN, or the exit code of a usage error or of --help. */
int trace_parse_options(int argc, char **argv, struct global_options *g,
			struct trace_args *a);

#endif
