/* The commands' option parsers, on the canned /proc tree
 * tests/data/proc-daemons: the first byte picks ps, fds, inspect, graph,
 * the overview, trace or logs, the rest is its arguments, one a line.
 * Whatever they are, the command returns an exit code (usage errors are
 * 2), never crashes. trace and logs are only parsed (they would attach or
 * follow); graph's -o (it would write any file named) and svg (it runs
 * dot) are left out, for safety as root. */
#include "fuzz.h"

#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/logs_options.h"
#include "cmd/trace_options.h"

#define MAX_ARGS 16

static int parse_trace(int argc, char **argv, struct global_options *g)
{
	struct trace_args a;
	int rc;

	trace_args_init(&a);
	rc = trace_parse_options(argc, argv, g, &a);
	if (rc != OPTION_TAKEN)
		return rc;
	/* what was parsed is whole: a command or targets, within bounds */
	FUZZ_CHECK((a.command != NULL) != (a.ntargets > 0));
	FUZZ_CHECK(a.ntargets <= MAX_TARGETS && a.opt.strsize <= (1u << 20));
	return 0;
}

static int parse_logs(int argc, char **argv, struct global_options *g)
{
	struct logs_options o;
	int rc = logs_parse_options(argc, argv, g, &o);

	if (rc != OPTION_TAKEN)
		return rc;
	FUZZ_CHECK(o.target != NULL);
	return 0;
}

static int (*const commands[])(int, char **, struct global_options *) = {
	cmd_ps, cmd_fds, cmd_inspect, cmd_graph, cmd_overview, parse_trace, parse_logs,
};
static const char *const names[] = { "ps", "fds", "inspect", "graph",
				     "overview", "trace", "logs" };
#define GRAPH 3

/* Whether arg is --NAME (with or without =VALUE) or, as getopt_long
 * takes it, an abbreviation of it. */
static bool long_option(const char *arg, const char *name)
{
	size_t n;

	if (arg[0] != '-' || arg[1] != '-')
		return false;
	n = strcspn(arg + 2, "=");
	return n > 0 && strncmp(arg + 2, name, n) == 0;
}

/* Whether arg could make graph write a file (-o in a cluster, --output
 * or a prefix of it) or run dot (svg). Nothing else can: --json,
 * --format dot and the others are fuzzed. */
static bool unsafe(unsigned pick, const char *arg)
{
	if (pick != GRAPH)
		return false;
	if (strstr(arg, "svg"))
		return true;
	if (arg[0] == '-' && arg[1] != '-')
		return strchr(arg, 'o') != NULL;
	return long_option(arg, "output");
}

/* Whether arg could point a command at another /proc than the canned
 * tree (--proc-root or a prefix of it): the live one is slow to scan and
 * changes from run to run. */
static bool elsewhere(const char *arg)
{
	return long_option(arg, "proc-root");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int devnull = -1;
	struct global_options g = { .proc_root = "tests/data/proc-daemons" };
	char *text, *argv[MAX_ARGS + 2], *save = NULL, *arg;
	unsigned pick;
	int argc = 1, rc;

	if (size == 0)
		return 0;
	int out;

	if (devnull < 0)
		devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
	FUZZ_CHECK(devnull >= 0);
	pick = data[0] % (sizeof(commands) / sizeof(*commands));
	text = malloc(size);
	FUZZ_CHECK(text);
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	argv[0] = (char *)names[pick];
	for (arg = strtok_r(text, "\n", &save); arg && argc <= MAX_ARGS;
	     arg = strtok_r(NULL, "\n", &save)) {
		if (unsafe(pick, arg) || elsewhere(arg)) {
			free(text);
			return 0;
		}
		argv[argc++] = arg;
	}
	argv[argc] = NULL;
	/* what the command prints goes to /dev/null; its messages go to
	 * stderr, with the sanitizers' reports (make fuzz closes it for
	 * libFuzzer, which keeps the reports) */
	fflush(stdout);
	out = dup(1);
	FUZZ_CHECK(out >= 0);
	dup2(devnull, 1);
	rc = commands[pick](argc, argv, &g);
	fflush(stdout);
	dup2(out, 1);
	close(out);
	FUZZ_CHECK(rc >= 0 && rc <= 2);
	free(text);
	return 0;
}
