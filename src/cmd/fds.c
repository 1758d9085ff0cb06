/* dscope fds: every fd of a process decoded, with the process at the
 * other end. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "base/escape.h"
#include "base/xalloc.h"
#include "cmd/cmd.h"
#include "fd/eventpoll.h"
#include "fd/fd.h"
#include "model/fdscan.h"
#include "model/fdtab.h"
#include "model/process.h"
#include "model/select.h"
#include "model/snapshot.h"
#include "render/sink_json.h"
#include "render/sink_table.h"

static const char fds_usage[] =
	"Usage: dscope fds [OPTIONS] PID|NAME...\n"
	"       dscope fds -a [OPTIONS]\n"
	"List every file descriptor of a process, decoded, with the process at\n"
	"the other end of each pipe, socket and FIFO.\n"
	"\n"
	"  -a, --all          all processes matching NAME; without PID|NAME, every process\n"
	"      --json         JSON output (see man dscope)\n"
	"      --color[=WHEN] color: auto (default), always, never\n"
	"      --proc-root DIR  read processes from DIR instead of /proc\n"
	"  -h, --help         show this help\n"
	"\n"
	"Exit status: 0 success, 1 a PID or NAME matched nothing (or several\n"
	"processes matched a NAME without -a), 2 usage error.\n";

struct fds_options {
	bool all;
	struct selection sel;
};

struct target {
	struct process proc;
	struct fd_table fds;
	int err; /* reading the fds failed as a whole */
	bool gone; /* exited before its fds were read: not shown */
};

static const struct table_column fd_columns[] = {
	{ "fd", "FD", TABLE_RIGHT, NULL },
	{ "mode", "MODE", TABLE_LEFT, NULL },
	{ "kind", "KIND", TABLE_LEFT, NULL },
	{ "description", "DESCRIPTION", TABLE_LEFT, NULL },
};

static int parse_options(int argc, char **argv, struct global_options *g,
			 struct fds_options *o)
{
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, 'a' },
		COMMON_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	optind = 0; /* glibc: restart getopt fully (1 keeps a half-read
		     * option cluster of an earlier parse: fuzz_options) */
	while ((opt = getopt_long(argc, argv, ":ah", longopts, NULL)) != -1) {
		int rc = cmd_standard_option("fds", opt, fds_usage, argv, g);

		if (rc == OPTION_TAKEN)
			continue;
		if (rc != OPTION_NOT_MINE)
			return rc;
		if (opt == 'a')
			o->all = true;
	}
	for (int i = optind; i < argc; i++)
		selection_add_arg(&o->sel, argv[i]);
	if (!o->sel.count && !o->all)
		return cmd_usage_error("fds", "which process? give a PID or NAME, or -a for all");
	return OPTION_TAKEN;
}

/* Lists the processes a NAME matched when the user must choose. */
static void list_ambiguous(const struct selector *sel,
			   const struct target *ts, size_t n)
{
	enum { SHOWN_MAX = 20 };
	struct strbuf line = STRBUF_INIT;
	size_t shown = 0;

	escape_text(&line, sel->name, strlen(sel->name), 0);
	cmd_error("%zu processes match '%s'; give a PID, or -a for all of them:",
		  sel->matches, line.buf);
	for (size_t i = 0; i < n && shown < SHOWN_MAX; i++) {
		const struct process *p = &ts[i].proc;
		struct selection one;

		selection_init(&one);
		selection_add_arg(&one, sel->name);
		if (selection_match(&one, p)) {
			strbuf_reset(&line);
			if (p->cmdline && p->cmdline_len)
				escape_text(&line, p->cmdline, p->cmdline_len, 0);
			else
				escape_text(&line, p->stat.comm,
					    strlen(p->stat.comm), 0);
			fprintf(stderr, "  %7d  %s\n", (int)p->stat.pid,
				strbuf_str(&line));
			shown++;
		}
		selection_release(&one);
	}
	if (sel->matches > shown)
		fprintf(stderr, "  ... and %zu more\n", sel->matches - shown);
	strbuf_release(&line);
}

/* Picks the processes to show; returns an exit code or OPTION_TAKEN. */
static int choose(const struct procfs *fs, struct fds_options *o,
		  struct target **out, size_t *count)
{
	/* the exe only helps matching names */
	unsigned fields = PROCESS_CMDLINE |
			  (selection_only_pids(&o->sel) || !o->sel.count
				   ? 0
				   : PROCESS_EXE);
	struct process_table t;
	size_t n = 0;
	int err, rc = OPTION_TAKEN;

	/* pids alone need no scan of every process */
	if (selection_only_pids(&o->sel)) {
		pid_t *pids = xcalloc(o->sel.count, sizeof(*pids));
		size_t np = selection_pids(&o->sel, pids, o->sel.count);

		err = process_table_collect_pids(fs, fields, pids, np, &t);
		free(pids);
	} else {
		err = process_table_collect(fs, fields, &t);
	}
	if (err) {
		cmd_error("cannot list processes: %s", strerror(-err));
		return EXIT_FAIL;
	}
	*out = xcalloc(t.count ? t.count : 1, sizeof(**out));
	for (size_t i = 0; i < t.count; i++) {
		if (o->sel.count && !selection_match(&o->sel, &t.procs[i]))
			continue;
		(*out)[n++].proc = t.procs[i];
		memset(&t.procs[i], 0, sizeof(t.procs[i])); /* moved */
	}
	for (size_t i = 0; i < o->sel.count; i++) {
		const struct selector *sel = &o->sel.items[i];

		if (!sel->matches) {
			rc = cmd_error_no_match("", sel);
		} else if (sel->name && sel->matches > 1 && !o->all) {
			list_ambiguous(sel, *out, n);
			rc = EXIT_FAIL;
		}
	}
	process_table_release(&t);
	*count = n;
	return rc;
}

static void emit_text_fd(struct sink *s, struct fd *fd, struct snapshot *snap)
{
	struct strbuf desc = STRBUF_INIT;

	sink_begin_object(s, NULL);
	sink_i64(s, "fd", fd->num);
	sink_cstr(s, "mode", fd_mode_name(fd->mode, fd->has_mode));
	sink_cstr(s, "kind", fd_kind(fd, snap));
	fd_describe(fd, snap, &desc);
	sink_text(s, "description", strbuf_str(&desc), desc.len);
	if (fd->cls == &fd_class_eventpoll) {
		struct strbuf lines = STRBUF_INIT;
		const char *p;

		eventpoll_describe_entries(fd, snap, &lines);
		sink_begin_array(s, "lines");
		for (p = strbuf_str(&lines); *p;) {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);

			sink_text(s, NULL, p, n);
			p += n + (nl != NULL);
		}
		sink_end_array(s);
		strbuf_release(&lines);
	}
	sink_end_object(s);
	strbuf_release(&desc);
}

static const char *error_text(int err)
{
	if (err == -EACCES || err == -EPERM)
		return "permission denied (run as root to see other users' fds)";
	return fd_error_text(err);
}

static void put_header(const struct target *t, struct strbuf *out)
{
	const struct process *p = &t->proc;

	strbuf_addf(out, "%d ", (int)p->stat.pid);
	fd_put_escaped(out, p->stat.comm, strlen(p->stat.comm));
	if (p->cmdline && p->cmdline_len) {
		strbuf_adds(out, "  ");
		fd_put_escaped(out, p->cmdline, p->cmdline_len);
	}
}

static int render_text(const struct global_options *g, struct target *ts,
		       size_t n, struct snapshot *snap, bool whole_machine)
{
	struct winsize ws;
	size_t width = 0;
	int err = 0;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
		width = ws.ws_col;
	for (size_t i = 0; i < n && !err; i++) {
		struct table_options to = {
			.out = stdout,
			.columns = fd_columns,
			.ncolumns = sizeof(fd_columns) / sizeof(*fd_columns),
			.lines_path = "lines",
			.color = options_color(g, stdout),
			.header = true,
			.width = width,
		};
		struct strbuf head = STRBUF_INIT;
		struct sink *s;

		if (ts[i].gone || (ts[i].err && !whole_machine))
			continue; /* exited, or reported on stderr */
		put_header(&ts[i], &head);
		printf("%s%s\n", i ? "\n" : "", head.buf);
		strbuf_release(&head);
		if (ts[i].err) {
			printf("  (%s)\n", error_text(ts[i].err));
			continue;
		}
		s = sink_table_new(&to);
		sink_begin_object(s, NULL);
		sink_begin_array(s, "fds");
		for (size_t j = 0; j < ts[i].fds.count; j++)
			emit_text_fd(s, &ts[i].fds.fds[j], snap);
		sink_end_array(s);
		sink_end_object(s);
		err = sink_finish(s);
		sink_free(s);
	}
	return err;
}

static int render_json(struct target *ts, size_t n, struct snapshot *snap)
{
	struct sink *s = sink_json_new(stdout, true);
	int err;

	sink_begin_object(s, NULL);
	sink_begin_array(s, "processes");
	for (size_t i = 0; i < n; i++) {
		const struct process *p = &ts[i].proc;

		if (ts[i].gone)
			continue;
		sink_begin_object(s, NULL);
		sink_i64(s, "pid", p->stat.pid);
		sink_str(s, "comm", p->stat.comm, strlen(p->stat.comm));
		if (p->cmdline)
			sink_str(s, "command", p->cmdline, p->cmdline_len);
		else
			sink_null(s, "command");
		if (ts[i].err)
			sink_cstr(s, "error",
				  error_text(ts[i].err));
		sink_begin_array(s, "fds");
		for (size_t j = 0; j < ts[i].fds.count; j++)
			fd_emit(&ts[i].fds.fds[j], snap, s);
		sink_end_array(s);
		sink_end_object(s);
	}
	sink_end_array(s);
	sink_bool(s, "peers_complete", snap->complete);
	sink_end_object(s);
	err = sink_finish(s);
	sink_free(s);
	return err;
}

/* Reads, links and renders the chosen processes. */
static int show(const struct procfs *fs, const struct global_options *g,
		struct target *ts, size_t n, bool all, bool whole_machine)
{
	/* the detailed view of a few processes reads every fdinfo */
	unsigned flags = n <= 8 ? FD_TABLE_ALL_FDINFO : 0;
	struct snapshot snap;
	int err, rc = EXIT_OK;

	struct fd_table *tables = xcalloc(n ? n : 1, sizeof(*tables));

	snapshot_init(&snap, fs);
	for (size_t i = 0; i < n; i++) {
		tables[i].pid = ts[i].proc.stat.pid;
		tables[i].starttime = ts[i].proc.stat.starttime;
	}
	fd_scan_read(fs, tables, n, flags);
	for (size_t i = 0; i < n; i++) {
		/* /proc moves: a process that exited meanwhile is skipped */
		ts[i].gone = tables[i].err == -ENOENT;
		ts[i].err = ts[i].gone ? 0 : tables[i].err;
		ts[i].fds = tables[i]; /* the snapshot points into tables[i].fds */
		snapshot_set_comm(&snap, ts[i].proc.stat.pid, ts[i].proc.stat.comm);
		snapshot_set_tty(&snap, ts[i].proc.stat.pid, ts[i].proc.stat.tty_nr);
		snapshot_add_asker(&snap, ts[i].proc.stat.pid);
	}
	fd_scan_link(&snap, tables, n, whole_machine);
	free(tables);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < ts[i].fds.count; j++)
			fd_prefetch(&ts[i].fds.fds[j], &snap);
	err = g->json ? render_json(ts, n, &snap) : render_text(g, ts, n, &snap, whole_machine);
	snapshot_release(&snap);
	if (err && err != -EPIPE) {
		cmd_error("cannot write output: %s", strerror(-err));
		return EXIT_FAIL;
	}
	/* a process asked for by name or pid that could not be read fails
	 * the command; in the whole-machine view it is one row among many */
	for (size_t i = 0; i < n && !whole_machine; i++) {
		/* with -a, one of many that exited is no failure */
		if (ts[i].gone && !all) {
			cmd_error("no process with pid %d (it exited)",
				  (int)ts[i].proc.stat.pid);
			rc = EXIT_FAIL;
		}
		if (!ts[i].err)
			continue;
		cmd_error("cannot read the fds of %d: %s", (int)ts[i].proc.stat.pid,
			  error_text(ts[i].err));
		rc = EXIT_FAIL;
	}
	return rc;
}

int cmd_fds(int argc, char **argv, struct global_options *g)
{
	struct fds_options o = { .all = false };
	struct target *ts = NULL;
	struct procfs fs;
	size_t n = 0;
	int rc, err;

	selection_init(&o.sel);
	o.sel.live_only = true;
	rc = parse_options(argc, argv, g, &o);
	if (rc != OPTION_TAKEN)
		goto out;
	err = procfs_open(&fs, g->proc_root);
	if (err) {
		rc = cmd_proc_root_error(g, err);
		goto out;
	}
	rc = choose(&fs, &o, &ts, &n);
	if (rc == OPTION_TAKEN)
		rc = show(&fs, g, ts, n, o.all, o.all && !o.sel.count);
	for (size_t i = 0; i < n; i++) {
		fd_table_release(&ts[i].fds);
		process_release(&ts[i].proc);
	}
	free(ts);
	procfs_close(&fs);
out:
	selection_release(&o.sel);
	return rc;
}
