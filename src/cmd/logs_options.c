/* dscope logs' options (logs_options.h). */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>

#include "cmd/logs_options.h"

const char logs_usage[] =
	"Usage: dscope logs [OPTIONS] PID|NAME\n"
	"Show what a process logged: its journald entries (those of its systemd\n"
	"unit, or those with its pid when it has no unit), or else the last lines\n"
	"of the log files it holds open for writing. The first line says which.\n"
	"\n"
	"  -n, --lines N      the last N entries or lines (default 10)\n"
	"  -f, --follow       then print new ones as they come, until interrupted\n"
	"      --json         JSON output (see man dscope); with -f, JSON Lines:\n"
	"                     one object per entry or line\n"
	"      --proc-root DIR  read processes from DIR instead of /proc\n"
	"  -h, --help         show this help\n"
	"\n"
	"Exit status: 0 success, 1 no such process (or several match NAME), or\n"
	"no logs found, 2 usage error.\n";

static int parse_lines(const char *arg, size_t *out)
{
	char *end;
	unsigned long long v;

	if (!arg || *arg < '0' || *arg > '9')
		return -EINVAL;
	errno = 0;
	v = strtoull(arg, &end, 10);
	if (errno || *end || v > 100000000ull)
		return -EINVAL;
	*out = (size_t)v;
	return 0;
}

int logs_parse_options(int argc, char **argv, struct global_options *g,
		       struct logs_options *o)
{
	static const struct option longopts[] = {
		{ "lines", required_argument, NULL, 'n' },
		{ "follow", no_argument, NULL, 'f' },
		COMMON_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	o->lines = DEFAULT_LINES;
	o->follow = false;
	o->target = NULL;
	optind = 0; /* glibc: restart getopt fully (1 keeps a half-read
		     * option cluster of an earlier parse: fuzz_options) */
	while ((opt = getopt_long(argc, argv, ":n:fh", longopts, NULL)) != -1) {
		int rc = cmd_standard_option("logs", opt, logs_usage, argv, g);

		if (rc == OPTION_TAKEN)
			continue;
		if (rc != OPTION_NOT_MINE)
			return rc;
		if (opt == 'f')
			o->follow = true;
		else if (opt == 'n' && parse_lines(optarg, &o->lines) != 0)
			return cmd_usage_error("logs",
					       "-n takes a number of lines, not '%s'",
					       optarg);
	}
	if (optind == argc)
		return cmd_usage_error("logs", "which process? give a PID or NAME");
	if (argc - optind > 1)
		return cmd_usage_error("logs", "one process at a time, not '%s' too",
				       argv[optind + 1]);
	o->target = argv[optind];
	return OPTION_TAKEN;
}

