/* dscope logs' options, parsed with no side effect (so that
 * tests/fuzz/fuzz_options.c can run it on any arguments); cmd/logs.c acts
 * on them. */
#ifndef DSCOPE_CMD_LOGS_OPTIONS_H
#define DSCOPE_CMD_LOGS_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "cmd/cmd.h"

#define DEFAULT_LINES 10

struct logs_options {
	size_t lines;
	bool follow;
	const char *target;
};

extern const char logs_usage[];

/* Parses argv into o (the target is argv's string), from the defaults:
 * OPTION_TAKEN, or the exit code of a usage error or of --help. */
int logs_parse_options(int argc, char **argv, struct global_options *g,
		       struct logs_options *o);

#endif
