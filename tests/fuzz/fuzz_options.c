/* The commands' option parsers, on the canned /proc tree
 * tests/data/proc-daemons: the first byte picks ps, fds, inspect, graph
 * or the overview, the rest is its arguments, one a line. Whatever they
 * are, the command returns an exit code (usage errors are 2), never
 * crashes. Left out, for safety as root: -o (graph would write any file
 * named), svg (it runs dot), and trace and logs (they attach or follow). */
#include "fuzz.h"

#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <unistd.h>

#include "cmd/cmd.h"

#define MAX_ARGS 16

static int (*const commands[])(int, char **, struct global_options *) = {
	cmd_ps, cmd_fds, cmd_inspect, cmd_graph, cmd_overview,
};
static const char *const names[] = { "ps", "fds", "inspect", "graph",
				     "overview" };

/* Whether arg could ask for an output file or a subprocess. */
static bool unsafe(const char *arg)
{
	return (arg[0] == '-' && strchr(arg, 'o')) || strstr(arg, "svg");
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
		if (unsafe(arg)) {
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
