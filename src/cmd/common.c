#include "cmd/cmd.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/escape.h"
#include "model/select.h"

const char dscope_version[] = DSCOPE_VERSION;

void cmd_error(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("dscope: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cmd_usage_error(const char *command, const char *fmt, ...)
{
	va_list ap;

	fputs("dscope: ", stderr);
	if (command)
		fprintf(stderr, "%s: ", command);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'dscope %s%s--help' for more information.\n",
		command ? command : "", command ? " " : "");
	return EXIT_USAGE;
}

int options_common(int opt, const char *arg, struct global_options *g)
{
	switch (opt) {
	case OPT_JSON:
		g->json = true;
		return OPTION_TAKEN;
	case OPT_PROC_ROOT:
		g->proc_root = arg;
		return OPTION_TAKEN;
	case OPT_COLOR:
		if (!arg || strcmp(arg, "always") == 0)
			g->color = COLOR_ALWAYS;
		else if (strcmp(arg, "never") == 0)
			g->color = COLOR_NEVER;
		else if (strcmp(arg, "auto") == 0)
			g->color = COLOR_AUTO;
		else
			return cmd_usage_error(NULL,
					       "--color takes auto, always or never, not '%s'",
					       arg);
		return OPTION_TAKEN;
	}
	return OPTION_NOT_MINE;
}

bool options_color(const struct global_options *g, FILE *out)
{
	const char *no = getenv("NO_COLOR");

	if (g->color == COLOR_ALWAYS)
		return true;
	if (g->color == COLOR_NEVER || (no && *no))
		return false;
	return isatty(fileno(out)) && !(getenv("TERM") &&
					strcmp(getenv("TERM"), "dumb") == 0);
}

int cmd_standard_option(const char *command, int opt, const char *usage,
			char **argv, struct global_options *g)
{
	int rc = options_common(opt, optarg, g);
	/* with ':' leading the optstring getopt is silent: we say it here;
	 * a long option is named as typed, a short one by optopt */
	const char *typed = "";
	bool is_long;
	char short_opt[3] = { '-', (char)optopt, 0 };
	const char *bad;
	int argc = 0;

	/* getopt's optind may be past the arguments (fuzz_options got it
	 * there, reading past argv's NULL): argv is counted, not trusted */
	while (argv[argc])
		argc++;
	if (optind > 0 && optind <= argc)
		typed = argv[optind - 1];
	is_long = strncmp(typed, "--", 2) == 0;
	bad = is_long || optopt <= 0 || optopt > 255 ? typed : short_opt;

	if (rc != OPTION_NOT_MINE)
		return rc;
	switch (opt) {
	case 'h':
		fputs(usage, stdout);
		return EXIT_OK;
	case OPT_VERSION:
		printf("dscope %s\n", dscope_version);
		return EXIT_OK;
	case ':':
		return cmd_usage_error(command, "option '%s' needs a value",
				       bad);
	case '?':
		if (is_long && strchr(typed, '='))
			return cmd_usage_error(command,
					       "unknown option, or one that takes no value: '%s'",
					       bad);
		return cmd_usage_error(command, "unknown option '%s'", bad);
	}
	return OPTION_NOT_MINE;
}

int cmd_proc_root_error(const struct global_options *g, int err)
{
	cmd_error("cannot open %s: %s (--proc-root must name a /proc tree)",
		  g->proc_root, strerror(-err));
	return EXIT_FAIL;
}

int cmd_error_no_match(const char *what, const struct selector *sel)
{
	struct strbuf name = STRBUF_INIT;

	if (sel->pid > 0) {
		cmd_error("%sno process with pid %d", what, (int)sel->pid);
	} else {
		escape_text(&name, sel->name, strlen(sel->name), 0);
		cmd_error("%sno process named '%s'", what, strbuf_str(&name));
	}
	strbuf_release(&name);
	return EXIT_FAIL;
}
