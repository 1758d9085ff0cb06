/* dscope graph: who talks to whom, for the whole machine or around some
 * processes, as text, JSON, DOT or SVG (through Graphviz's dot). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/strbuf.h"
#include "cmd/cmd.h"
#include "model/graph.h"
#include "model/select.h"
#include "render/graph_render.h"
#include "render/sink_json.h"

static const char graph_usage[] =
	"Usage: dscope graph [OPTIONS] [PID|NAME...]\n"
	"Who talks to whom: processes and their connections (unix sockets, pipes,\n"
	"FIFOs, TCP and UDP on this machine, shared eventfds, files both write),\n"
	"grouped by systemd unit. With PID|NAME, their neighbourhood; without,\n"
	"the whole machine.\n"
	"\n"
	"  -d, --depth N        how many hops from PID|NAME (default 1; 0: only them)\n"
	"      --format FORMAT  text (default), json, dot, or svg (runs Graphviz's dot)\n"
	"  -o, --output FILE    write to FILE instead of standard output\n"
	"  -x, --expand NAME    show the clients of hub NAME or PID (repeatable;\n"
	"                       'all' folds no hub)\n"
	"      --hub-min N      fold a process with N or more peers into one node\n"
	"                       (default 10; 0: never)\n"
	"      --json           same as --format json\n"
	"      --color[=WHEN]   color: auto (default), always, never\n"
	"      --proc-root DIR  read processes from DIR instead of /proc\n"
	"  -h, --help           show this help\n"
	"\n"
	"Exit status: 0 success, 1 a PID or NAME matched nothing or the output\n"
	"could not be written, 2 usage error.\n";

enum graph_format { FORMAT_TEXT, FORMAT_JSON, FORMAT_DOT, FORMAT_SVG };

enum {
	OPT_FORMAT = OPT_COMMAND_BASE,
	OPT_HUB_MIN,
};

struct graph_options {
	struct selection roots, expand;
	bool expand_all;
	enum graph_format format;
	const char *output;
	struct graph_view view;
};

static int parse_count(const char *what, const char *arg, int max, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < 0 || v > max)
		return cmd_usage_error("graph", "%s must be a number from 0 to %d, not '%s'",
				       what, max, arg);
	*out = (int)v;
	return OPTION_TAKEN;
}

static int parse_format(const char *arg, enum graph_format *f)
{
	static const char *const names[] = { "text", "json", "dot", "svg" };

	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (strcmp(arg, names[i]) == 0) {
			*f = (enum graph_format)i;
			return OPTION_TAKEN;
		}
	return cmd_usage_error("graph", "unknown format '%s' (text, json, dot or svg)",
			       arg);
}

static int parse_option(int opt, struct graph_options *o)
{
	int n;

	switch (opt) {
	case 'd':
		if (strcmp(optarg, "all") == 0) {
			o->view.depth = INT_MAX;
			return OPTION_TAKEN;
		}
		return parse_count("--depth", optarg, 1000, &o->view.depth);
	case OPT_FORMAT:
		return parse_format(optarg, &o->format);
	case 'o':
		o->output = optarg;
		return OPTION_TAKEN;
	case 'x':
		if (strcmp(optarg, "all") == 0)
			o->expand_all = true;
		else
			selection_add_arg(&o->expand, optarg);
		return OPTION_TAKEN;
	case OPT_HUB_MIN: {
		int rc = parse_count("--hub-min", optarg, 1000000, &n);

		o->view.hub_min = (size_t)n;
		return rc;
	}
	}
	return cmd_usage_error("graph", "unexpected option");
}

static int parse_options(int argc, char **argv, struct global_options *g,
			 struct graph_options *o)
{
	static const struct option longopts[] = {
		{ "depth", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "output", required_argument, NULL, 'o' },
		{ "expand", required_argument, NULL, 'x' },
		{ "hub-min", required_argument, NULL, OPT_HUB_MIN },
		COMMON_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	optind = 1;
	while ((opt = getopt_long(argc, argv, ":d:o:x:h", longopts, NULL)) != -1) {
		int rc = cmd_standard_option("graph", opt, graph_usage, argv, g);

		if (rc == OPTION_NOT_MINE)
			rc = parse_option(opt, o);
		if (rc != OPTION_TAKEN)
			return rc;
	}
	if (g->json)
		o->format = FORMAT_JSON;
	for (int i = optind; i < argc; i++)
		selection_add_arg(&o->roots, argv[i]);
	if (o->expand_all)
		o->view.hub_min = 0;
	o->view.whole_machine = o->roots.count == 0;
	return OPTION_TAKEN;
}

/* Says what a selector that matched nothing was; returns EXIT_FAIL. */
static int no_match(const char *what, const struct selector *sel)
{
	if (sel->pid > 0)
		cmd_error("%sno process with pid %d", what, (int)sel->pid);
	else
		cmd_error("%sno process named '%s'", what, sel->name);
	return EXIT_FAIL;
}

/* Marks the roots and the hubs to expand; says which selectors matched
 * nothing. A root that exited before its fds were read is left out, and
 * fails the command when it was asked for by pid. */
static int mark_nodes(struct graph *g, struct graph_options *o)
{
	size_t roots = 0;
	int rc = EXIT_OK;

	for (size_t i = 0; i < g->nnodes; i++) {
		struct graph_node *n = &g->nodes[i];

		n->selected = selection_match(&o->roots, n->proc);
		n->expand = selection_match(&o->expand, n->proc);
		if (n->selected && n->gone) {
			n->selected = false;
			if (selection_only_pids(&o->roots)) {
				cmd_error("no process with pid %d (it exited)",
					  (int)n->proc->stat.pid);
				rc = EXIT_FAIL;
			}
		}
		roots += n->selected;
	}
	for (size_t i = 0; i < o->roots.count; i++)
		if (!o->roots.items[i].matches)
			rc = no_match("", &o->roots.items[i]);
	for (size_t i = 0; i < o->expand.count; i++)
		if (!o->expand.items[i].matches)
			rc = no_match("--expand: ", &o->expand.items[i]);
	if (rc == EXIT_OK && o->roots.count && !roots) {
		cmd_error("every process asked for exited");
		rc = EXIT_FAIL;
	}
	return rc;
}

/* Graphviz's dot, searched on PATH, or NULL. */
static char *find_dot(void)
{
	const char *path = getenv("PATH");
	struct strbuf candidate = STRBUF_INIT;

	for (const char *p = path ? path : "/usr/bin:/bin"; p && *p;) {
		const char *colon = strchr(p, ':');
		size_t len = colon ? (size_t)(colon - p) : strlen(p);

		strbuf_reset(&candidate);
		strbuf_add(&candidate, len ? p : ".", len ? len : 1);
		strbuf_adds(&candidate, "/dot");
		if (access(strbuf_str(&candidate), X_OK) == 0)
			return strbuf_detach(&candidate);
		p = colon ? colon + 1 : NULL;
	}
	strbuf_release(&candidate);
	return NULL;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t w = write(fd, buf, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -errno;
		buf += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Runs dot -Tsvg with the DOT text on its stdin and out_fd as its
 * stdout. */
static int render_svg(const char *dot, const struct strbuf *dot_text,
		      int out_fd)
{
	int in[2], status, err;
	pid_t child;

	if (pipe2(in, O_CLOEXEC) != 0) {
		cmd_error("cannot start dot: %s", strerror(errno));
		return EXIT_FAIL;
	}
	child = fork();
	if (child == 0) {
		dup2(in[0], STDIN_FILENO);
		dup2(out_fd, STDOUT_FILENO);
		execl(dot, "dot", "-Tsvg", (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	err = child < 0 ? -errno : write_all(in[1], dot_text->buf, dot_text->len);
	close(in[1]);
	if (child < 0) {
		cmd_error("cannot start dot: %s", strerror(-err));
		return EXIT_FAIL;
	}
	while (waitpid(child, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		cmd_error("%s -Tsvg failed (%s %d)", dot,
			  WIFEXITED(status) ? "exit status" : "signal",
			  WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
		return EXIT_FAIL;
	}
	return err && err != -EPIPE ? EXIT_FAIL : EXIT_OK;
}

static int render(const struct graph *g, const struct graph_options *o,
		  const struct global_options *gl, const char *dot, FILE *out)
{
	struct strbuf text = STRBUF_INIT;
	int rc = EXIT_OK;

	if (o->format == FORMAT_JSON) {
		struct sink *s = sink_json_new(out, true);
		int err;

		graph_render_json(g, s);
		err = sink_finish(s);
		sink_free(s);
		return err && err != -EPIPE ? EXIT_FAIL : EXIT_OK;
	}
	if (o->format == FORMAT_TEXT) {
		struct graph_text_options to = {
			.color = options_color(gl, out),
			.whole_machine = o->view.whole_machine,
			.depth = o->view.depth,
		};

		graph_render_text(g, &to, &text);
	} else {
		graph_render_dot(g, &text);
	}
	fflush(out);
	if (o->format == FORMAT_SVG)
		rc = render_svg(dot, &text, fileno(out));
	else {
		int err = write_all(fileno(out), strbuf_str(&text), text.len);

		if (err && err != -EPIPE) {
			cmd_error("cannot write the graph: %s", strerror(-err));
			rc = EXIT_FAIL;
		}
	}
	strbuf_release(&text);
	return rc;
}

/* -o FILE: written to a temporary file beside it and renamed when
 * complete, so a failed run leaves FILE as it was. */
struct output {
	const char *path;
	char *tmp;
	FILE *f;
};

static int output_open(struct output *out, const char *path)
{
	mode_t mask = umask(0);
	int fd;

	umask(mask);
	out->path = path;
	out->tmp = NULL;
	out->f = stdout;
	if (!path)
		return EXIT_OK;
	if (asprintf(&out->tmp, "%s.XXXXXX", path) < 0) {
		out->tmp = NULL;
		cmd_error("cannot write %s: out of memory", path);
		return EXIT_FAIL;
	}
	fd = mkstemp(out->tmp);
	if (fd >= 0)
		fchmod(fd, 0666 & ~mask);
	out->f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!out->f) {
		cmd_error("cannot write %s: %s", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(out->tmp);
		}
		free(out->tmp);
		out->tmp = NULL;
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* Puts FILE in place when rc is EXIT_OK, else removes what was written. */
static int output_close(struct output *out, int rc)
{
	if (!out->tmp)
		return rc;
	if (fclose(out->f) != 0 && rc == EXIT_OK) {
		cmd_error("cannot write %s: %s", out->path, strerror(errno));
		rc = EXIT_FAIL;
	}
	if (rc == EXIT_OK && rename(out->tmp, out->path) != 0) {
		cmd_error("cannot write %s: %s", out->path, strerror(errno));
		rc = EXIT_FAIL;
	}
	if (rc != EXIT_OK)
		unlink(out->tmp);
	free(out->tmp);
	return rc;
}

static int run(struct graph_options *o, const struct global_options *gl,
	       const char *dot)
{
	struct output out;
	struct procfs fs;
	struct graph g;
	int err, rc;

	err = procfs_open(&fs, gl->proc_root);
	if (err)
		return cmd_proc_root_error(gl, err);
	err = graph_collect(&g, &fs,
			    selection_only_pids(&o->roots) &&
					    selection_only_pids(&o->expand)
				    ? 0
				    : PROCESS_EXE,
			    getpid());
	if (err) {
		cmd_error("cannot list processes: %s", strerror(-err));
		procfs_close(&fs);
		return EXIT_FAIL;
	}
	rc = mark_nodes(&g, o);
	if (rc == EXIT_OK)
		rc = output_open(&out, o->output);
	if (rc == EXIT_OK) {
		graph_select(&g, &o->view);
		rc = output_close(&out, render(&g, o, gl, dot, out.f));
	}
	graph_release(&g);
	procfs_close(&fs);
	return rc;
}

int cmd_graph(int argc, char **argv, struct global_options *g)
{
	struct graph_options o = {
		.format = FORMAT_TEXT,
		.view = { .depth = 1, .hub_min = 10 },
	};
	char *dot = NULL;
	int rc;

	selection_init(&o.roots);
	selection_init(&o.expand);
	rc = parse_options(argc, argv, g, &o);
	if (rc == OPTION_TAKEN && o.format == FORMAT_SVG) {
		dot = find_dot();
		if (!dot) {
			cmd_error("--format svg needs Graphviz's dot, which is not installed "
				  "(apt install graphviz); --format dot writes the graph for it");
			rc = EXIT_FAIL;
		}
	}
	if (rc == OPTION_TAKEN) {
		/* a reader that goes away (dot, head) is no error of ours */
		signal(SIGPIPE, SIG_IGN);
		rc = run(&o, g, dot);
	}
	free(dot);
	selection_release(&o.roots);
	selection_release(&o.expand);
	return rc;
}
