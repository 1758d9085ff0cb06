/* dscope: what is this process doing, and with whom? Option parsing and
 * the subcommand table; everything else lives in cmd/. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "cmd/cmd.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv, struct global_options *g);
	const char *summary;
};

static const struct command commands[] = {
	{ "ps", cmd_ps, "process table with the daemon verdict and what each waits in" },
	{ "fds", cmd_fds, "every file descriptor decoded, with the process at the other end" },
	{ "logs", cmd_logs, "its journald entries, or the tail of the log files it writes" },
	{ "inspect", cmd_inspect, "the whole investigation of one process (also: dscope PID|NAME)" },
	{ "trace", cmd_trace, "live syscalls, strace-style, with every fd and peer named" },
	{ "graph", cmd_graph, "who talks to whom: processes and their connections, grouped by unit" },
};

static void usage(FILE *out)
{
	fputs("Usage: dscope [--json] [--color=WHEN] [--proc-root DIR] COMMAND [ARGS]\n"
	      "Explains what a running process, above all a daemon, is doing and with whom it talks.\n"
	      "\n"
	      "Commands:\n",
	      out);
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name,
			commands[i].summary);
	fputs("\n"
	      "Without a command, dscope lists the daemons on this machine.\n"
	      "'dscope COMMAND --help' describes a command; 'man dscope' has the rest.\n",
	      out);
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* dscope holds a handful of fds at a time (/proc, a process's directory,
 * the file it reads, a netlink socket, journal files): with fewer, reads
 * would fail as if the processes were gone. A lower soft limit is raised
 * to it where the hard limit allows. */
#define FDS_NEEDED 64

static int ensure_fd_limit(void)
{
	struct rlimit r;

	if (getrlimit(RLIMIT_NOFILE, &r) != 0 || r.rlim_cur >= FDS_NEEDED)
		return 0;
	if (r.rlim_max >= FDS_NEEDED) {
		r.rlim_cur = FDS_NEEDED;
		if (setrlimit(RLIMIT_NOFILE, &r) == 0)
			return 0;
	}
	cmd_error("too few open files allowed: RLIMIT_NOFILE is %llu, dscope "
		  "needs %d (ulimit -n %d)",
		  (unsigned long long)r.rlim_max, FDS_NEEDED, FDS_NEEDED);
	return -1;
}

int main(int argc, char **argv)
{
	struct global_options g = { .json = false, .color = COLOR_AUTO,
				    .proc_root = "/proc" };
	const struct command *cmd;
	int i;

	if (ensure_fd_limit() != 0)
		return EXIT_FAIL;
	/* A closed pipe (dscope ps | head) ends output quietly. */
	signal(SIGPIPE, SIG_DFL);
	/* Inherited "ignored" would make the children dscope runs (graph's
	 * dot, trace's command) unwaitable. */
	signal(SIGCHLD, SIG_DFL);

	/* Global options before the command; commands take them too. */
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			return EXIT_OK;
		} else if (strcmp(a, "--version") == 0) {
			printf("dscope %s\n", dscope_version);
			return EXIT_OK;
		} else if (strcmp(a, "--json") == 0) {
			g.json = true;
		} else if (strncmp(a, "--color", 7) == 0 &&
			   (a[7] == '\0' || a[7] == '=')) {
			int rc = options_common(OPT_COLOR,
						a[7] ? a + 8 : NULL, &g);
			if (rc != OPTION_TAKEN)
				return rc;
		} else if (strcmp(a, "--proc-root") == 0 && i + 1 < argc) {
			g.proc_root = argv[++i];
		} else if (strncmp(a, "--proc-root=", 12) == 0) {
			g.proc_root = a + 12;
		} else if (strcmp(a, "--") == 0) {
			i++;
			break;
		} else {
			return cmd_usage_error(NULL, "unknown option '%s'", a);
		}
	}
	if (i == argc)
		return cmd_overview(0, NULL, &g);
	cmd = find_command(argv[i]);
	if (cmd)
		return cmd->run(argc - i, argv + i, &g);
	/* dscope PID|NAME [OPTIONS] is dscope inspect PID|NAME [OPTIONS]:
	 * argv[i - 1] is replaced by the command's name */
	if (argv[i][0] != '-') {
		char *saved = argv[i - 1];
		int rc;

		argv[i - 1] = "inspect";
		g.implicit_inspect = true;
		rc = cmd_inspect(argc - i + 1, argv + i - 1, &g);
		argv[i - 1] = saved;
		return rc;
	}
	return cmd_usage_error(NULL, "'%s' is not a dscope command", argv[i]);
}
