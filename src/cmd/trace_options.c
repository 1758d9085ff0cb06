/* dscope trace's options (trace_options.h). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/trace_options.h"

const char trace_usage[] =
	"Usage: dscope trace [OPTIONS] -p PID|NAME [-p ...]\n"
	"       dscope trace [OPTIONS] [--] COMMAND [ARGS...]\n"
	"Shows the syscalls of a process live, as strace does, with every fd\n"
	"and the process at its other end named.\n"
	"\n"
	"  -p, --pid PID|NAME   attach to a running process, every thread\n"
	"  -f, --follow         follow forks and clones\n"
	"  -e EXPR              trace=NAME,%CLASS,... | trace=!NAME | "
	"status=failed|successful\n"
	"      --fd N           only calls on fd N\n"
	"  -c, --summary        a table of calls, errors and time at the end\n"
	"  -o, --output FILE    write the trace to FILE (- for stdout)\n"
	"  -s, --string-limit N show at most N bytes of strings (default 32)\n"
	"  -t, -tt, -ttt        time of day, with microseconds, as epoch "
	"seconds\n"
	"  -r                   time since the previous line\n"
	"  -T                   time spent in each call\n"
	"      --limit N        detach after N calls\n"
	"      --duration S     detach after S seconds\n"
	"      --json           one JSON object per call (JSON Lines)\n"
	"      --no-names       fds as bare numbers\n"
	"      --no-seccomp     filter in dscope, not in the kernel\n"
	"      --backend NAME   auto (default: ebpf where it can load, else\n"
	"                       ptrace), ptrace, or ebpf\n"
	"                       (in the kernel, never stops the process)\n"
	"  -v, --verbose        say how the trace is done (which backend, "
	"why)\n"
	"  -h, --help           this help\n"
	"\n"
	"Traced processes are never harmed: on Ctrl-C, SIGTERM, SIGHUP, at "
	"the\n"
	"end and on errors every thread is detached and left running.\n";

void trace_args_init(struct trace_args *a)
{
	memset(a, 0, sizeof(*a));
	a->opt.fd_filter = -1;
	a->opt.annotate = true;
	a->opt.strsize = 32;
	a->seccomp = true;
	a->backend = "auto";
	trace_filter_init(&a->opt.filter);
}

static int parse_number(const char *s, unsigned long long max,
			unsigned long long *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 10);
	return errno || end == s || *end || s[0] == '-' || *out > max ? -1 : 0;
}

int trace_parse_options(int argc, char **argv, struct global_options *g,
			struct trace_args *a)
{
	static const struct option longopts[] = {
		{ "pid", required_argument, NULL, 'p' },
		{ "follow", no_argument, NULL, 'f' },
		{ "summary", no_argument, NULL, 'c' },
		{ "output", required_argument, NULL, 'o' },
		{ "string-limit", required_argument, NULL, 's' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "fd", required_argument, NULL, OPT_FD },
		{ "limit", required_argument, NULL, OPT_LIMIT },
		{ "duration", required_argument, NULL, OPT_DURATION },
		{ "no-names", no_argument, NULL, OPT_NO_NAMES },
		{ "no-seccomp", no_argument, NULL, OPT_NO_SECCOMP },
		{ "backend", required_argument, NULL, OPT_BACKEND },
		COMMON_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	unsigned long long n;
	char err[256];
	int opt, ts = 0;

	optind = 0; /* glibc: restart getopt fully (1 keeps a half-read
		     * option cluster of an earlier parse: fuzz_options) */
	/* '+': the command's own options are not ours */
	while ((opt = getopt_long(argc, argv, "+:p:fe:co:s:trTvh", longopts,
				  NULL)) != -1) {
		int rc =
			cmd_standard_option("trace", opt, trace_usage, argv, g);

		if (rc == OPTION_TAKEN)
			continue;
		if (rc != OPTION_NOT_MINE)
			return rc;
		switch (opt) {
		case 'p':
			if (a->ntargets == MAX_TARGETS)
				return cmd_usage_error("trace",
						       "at most %d -p options",
						       MAX_TARGETS);
			a->targets[a->ntargets++] = optarg;
			break;
		case 'f':
			a->follow = true;
			break;
		case 'e':
			if (trace_filter_parse(&a->opt.filter, optarg, err,
					       sizeof(err)) != 0)
				return cmd_usage_error("trace", "-e %s: %s",
						       optarg, err);
			break;
		case 'c':
			a->opt.summary = true;
			break;
		case 'o':
			a->output = optarg;
			break;
		case 's':
			if (parse_number(optarg, 1u << 20, &n) != 0)
				return cmd_usage_error(
					"trace",
					"-s takes a number of bytes, not '%s'",
					optarg);
			a->opt.strsize = (size_t)n;
			break;
		case 't':
			ts++;
			break;
		case 'r':
			a->opt.timestamps = TRACE_TS_RELATIVE;
			break;
		case 'T':
			a->opt.show_duration = true;
			break;
		case 'v':
			a->verbose = true;
			break;
		case OPT_FD:
			if (parse_number(optarg, INT_MAX, &n) != 0)
				return cmd_usage_error(
					"trace",
					"--fd takes an fd number, not '%s'",
					optarg);
			a->opt.fd_filter = (int)n;
			break;
		case OPT_LIMIT:
			if (parse_number(optarg, UINT64_MAX, &n) != 0 || !n)
				return cmd_usage_error("trace",
						       "--limit takes a number "
						       "of calls, not '%s'",
						       optarg);
			a->opt.limit = n;
			break;
		case OPT_DURATION: {
			char *end;

			errno = 0;
			a->duration = strtod(optarg, &end);
			if (errno || end == optarg || *end ||
			    !(a->duration > 0) || a->duration > 1e7)
				return cmd_usage_error(
					"trace",
					"--duration takes seconds, not '%s'",
					optarg);
			break;
		}
		case OPT_NO_NAMES:
			a->opt.annotate = false;
			break;
		case OPT_NO_SECCOMP:
			a->seccomp = false;
			break;
		case OPT_BACKEND:
			a->backend = optarg;
			break;
		}
	}
	if (ts)
		a->opt.timestamps = ts == 1   ? TRACE_TS_TIME
				    : ts == 2 ? TRACE_TS_TIME_US
					      : TRACE_TS_EPOCH;
	if (optind < argc)
		a->command = argv + optind;
	if (!a->command && !a->ntargets)
		return cmd_usage_error(
			"trace",
			"what to trace? give -p PID|NAME or a command");
	if (a->command && a->ntargets)
		return cmd_usage_error("trace",
				       "either -p or a command, not both");
	a->opt.json = g->json;
	return OPTION_TAKEN;
}

