/* What every subcommand shares: global options, exit codes, error output.
 * Only main.c and cmd/ print errors and choose exit codes. */
#ifndef DSCOPE_CMD_CMD_H
#define DSCOPE_CMD_CMD_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

enum exit_code {
	EXIT_OK = 0,
	EXIT_FAIL = 1, /* nothing matched, or the work could not be done */
	EXIT_USAGE = 2, /* bad options or arguments */
};

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct global_options {
	bool json;
	enum color_mode color;
	const char *proc_root;
	/* dscope PID|NAME: a NAME that is no process may be a mistyped command */
	bool implicit_inspect;
};

/* getopt codes of the options every command takes. */
enum {
	OPT_JSON = 1000,
	OPT_COLOR,
	OPT_PROC_ROOT,
	OPT_VERSION,
	OPT_COMMAND_BASE = 1100, /* first code free for a command's own options */
};

#define COMMON_LONG_OPTIONS                                             \
	{ "json", no_argument, NULL, OPT_JSON },                        \
	{ "color", optional_argument, NULL, OPT_COLOR },                \
	{ "colour", optional_argument, NULL, OPT_COLOR },               \
	{ "proc-root", required_argument, NULL, OPT_PROC_ROOT },        \
	{ "help", no_argument, NULL, 'h' },                             \
	{ "version", no_argument, NULL, OPT_VERSION }

/* What the option helpers return besides an exit code. */
enum {
	OPTION_NOT_MINE = -1, /* the command must handle it */
	OPTION_TAKEN = -2, /* handled; go on parsing */
};

/* Applies a common option: OPTION_TAKEN, OPTION_NOT_MINE, or EXIT_USAGE
 * after printing an error. */
int options_common(int opt, const char *arg, struct global_options *g);
/* Whether to color output written to out (honours NO_COLOR). */
bool options_color(const struct global_options *g, FILE *out);

/* Prints "dscope: MESSAGE" to stderr. */
void cmd_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the usage error and the hint to run --help; returns EXIT_USAGE. */
int cmd_usage_error(const char *command, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Handles the common options, getopt's '?' and ':', and -h/--version in
 * one place: OPTION_TAKEN, OPTION_NOT_MINE, or the exit code to return now
 * (EXIT_OK after help or version, EXIT_USAGE). */
int cmd_standard_option(const char *command, int opt, const char *usage,
			char **argv, struct global_options *g);

/* Reports a failed /proc root open: always a message and EXIT_FAIL. */
int cmd_proc_root_error(const struct global_options *g, int err);

struct selector; /* model/select.h */
/* Says that a PID|NAME argument matched nothing: "WHATno process with pid
 * N" or "WHATno process named 'NAME'" (escaped); returns EXIT_FAIL. */
int cmd_error_no_match(const char *what, const struct selector *sel);

extern const char dscope_version[];

int cmd_ps(int argc, char **argv, struct global_options *g);
int cmd_fds(int argc, char **argv, struct global_options *g);
int cmd_logs(int argc, char **argv, struct global_options *g);
int cmd_inspect(int argc, char **argv, struct global_options *g);
int cmd_overview(int argc, char **argv, struct global_options *g);
int cmd_trace(int argc, char **argv, struct global_options *g);
int cmd_graph(int argc, char **argv, struct global_options *g);

#endif
