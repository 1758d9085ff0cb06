/* dscope graph: who talks to whom, for the whole machine or around some
 * processes, as text, JSON, DOT or SVG (through Graphviz's dot). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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
	"  -d, --depth N        how many hops from PID|NAME (default 1; 0: only them;\n"
	"                       all)\n"
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

		if (rc == OPTION_TAKEN)
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

	optind = 0; /* glibc: restart getopt fully (1 keeps a half-read
		     * option cluster of an earlier parse: fuzz_options) */
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
			rc = cmd_error_no_match("", &o->roots.items[i]);
	for (size_t i = 0; i < o->expand.count; i++)
		if (!o->expand.items[i].matches)
			rc = cmd_error_no_match("--expand: ", &o->expand.items[i]);
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

/* The whole of fd from its start into out. */
static int read_all(int fd, struct strbuf *out)
{
	char buf[65536];
	ssize_t r;

	if (lseek(fd, 0, SEEK_SET) < 0)
		return -errno;
	while ((r = read(fd, buf, sizeof(buf))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		strbuf_add(out, buf, (size_t)r);
	}
	return 0;
}

/* Runs dot -Tsvg on the DOT text into svg. Its input and output are
 * memory files, not pipes: nothing can block or break half-way, and a
 * failure leaves nothing written. */
static int render_svg(const char *dot, const struct strbuf *dot_text,
		      struct strbuf *svg)
{
	int in = memfd_create("dscope-graph.dot", MFD_CLOEXEC);
	int out = memfd_create("dscope-graph.svg", MFD_CLOEXEC);
	int status = 0, err = in < 0 || out < 0 ? -errno : 0;
	pid_t child = -1;

	if (!err)
		err = write_all(in, strbuf_str(dot_text), dot_text->len);
	if (!err && lseek(in, 0, SEEK_SET) < 0)
		err = -errno;
	if (!err && (child = fork()) < 0)
		err = -errno;
	if (child == 0) {
		dup2(in, STDIN_FILENO);
		dup2(out, STDOUT_FILENO);
		execl(dot, "dot", "-Tsvg", (char *)NULL);
		_exit(127);
	}
	if (err) {
		cmd_error("cannot run %s: %s", dot, strerror(-err));
	} else if (waitpid(child, &status, 0) < 0) {
		err = -errno;
		cmd_error("cannot wait for %s: %s", dot, strerror(-err));
	} else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		err = -EIO;
		cmd_error("%s -Tsvg failed (%s %d)", dot,
			  WIFEXITED(status) ? "exit status" : "signal",
			  WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	} else if ((err = read_all(out, svg)) != 0) {
		cmd_error("cannot read what %s wrote: %s", dot, strerror(-err));
	}
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return err ? EXIT_FAIL : EXIT_OK;
}

static void render_json(const struct graph *g, struct strbuf *out)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct sink *s;

	if (!f) {
		perror("dscope: open_memstream");
		abort(); /* out of memory, as xalloc does */
	}
	s = sink_json_new(f, true);
	graph_render_json(g, s);
	sink_finish(s); /* to memory: only memory could fail it */
	sink_free(s);
	fclose(f);
	strbuf_add(out, buf, len);
	free(buf);
}

/* The graph in the chosen format, whole, in memory. */
static int render(const struct graph *g, const struct graph_options *o,
		  const struct global_options *gl, const char *dot,
		  struct strbuf *out)
{
	struct strbuf dot_text = STRBUF_INIT;
	int rc = EXIT_OK;

	switch (o->format) {
	case FORMAT_JSON:
		render_json(g, out);
		break;
	case FORMAT_TEXT: {
		struct graph_text_options to = {
			.color = !o->output && options_color(gl, stdout),
			.whole_machine = o->view.whole_machine,
			.depth = o->view.depth,
		};

		graph_render_text(g, &to, out);
		break;
	}
	case FORMAT_DOT:
		graph_render_dot(g, out);
		break;
	case FORMAT_SVG:
		graph_render_dot(g, &dot_text);
		rc = render_svg(dot, &dot_text, out);
		break;
	}
	strbuf_release(&dot_text);
	return rc;
}

/* Writes the finished output to -o FILE (opened only now, so a failed run
 * leaves it as it was; a FIFO or device is written through) or stdout. */
static int write_output(const char *path, const struct strbuf *text)
{
	int fd = path ? open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666)
		      : STDOUT_FILENO;
	int err = fd < 0 ? -errno : write_all(fd, strbuf_str(text), text->len);

	if (path && fd >= 0 && close(fd) != 0 && !err)
		err = -errno;
	if (!err)
		return EXIT_OK;
	if (path)
		cmd_error("cannot write %s: %s", path, strerror(-err));
	else
		cmd_error("cannot write the graph: %s", strerror(-err));
	return EXIT_FAIL;
}

/* What root would add, on stderr. */
static void note_unreadable(const struct graph *g)
{
	if (!g->unreadable)
		return;
	fprintf(stderr, "dscope: note: the fds of %zu processes could not be read%s\n",
		g->unreadable,
		geteuid() ? ": their connections are missing (run as root to see them)"
			  : "");
}

static int run(struct graph_options *o, const struct global_options *gl,
	       const char *dot)
{
	struct strbuf text = STRBUF_INIT;
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
	if (rc == EXIT_OK) {
		graph_select(&g, &o->view);
		rc = render(&g, o, gl, dot, &text);
	}
	if (rc == EXIT_OK) {
		note_unreadable(&g);
		rc = write_output(o->output, &text);
	}
	strbuf_release(&text);
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
	o.roots.live_only = o.expand.live_only = true;
	rc = parse_options(argc, argv, g, &o);
	if (rc == OPTION_TAKEN && o.format == FORMAT_SVG) {
		dot = find_dot();
		if (!dot) {
			cmd_error("--format svg needs Graphviz's dot, which is not installed "
				  "(apt install graphviz); --format dot writes the graph for it");
			rc = EXIT_FAIL;
		}
	}
	if (rc == OPTION_TAKEN)
		rc = run(&o, g, dot);
	free(dot);
	selection_release(&o.roots);
	selection_release(&o.expand);
	return rc;
}
