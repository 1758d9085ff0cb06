/* dscope logs: what a process logged. Its journald entries (by its
 * systemd unit, or by its pid when it has none), or else the last lines
 * of the log files it holds open for writing; -f follows. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/escape.h"
#include "cmd/cmd.h"
#include "cmd/logs_options.h"
#include "cmd/pick.h"
#include "model/fdtab.h"
#include "model/journal.h"
#include "model/logfile.h"
#include "model/unit.h"
#include "render/sink_json.h"

/* What was found, and how to say it. */
struct logs_state {
	const struct global_options *g;
	struct picked pick;
	struct unit_name unit;
	struct journal_query query;
	struct log_lines journal;
	int journal_err;
	struct fd_table fds;
	int fds_err;
	struct log_files files;
	struct sink *stream; /* -f --json: one object per line */
	const struct log_file *last_file; /* -f: the file a line came from last */
	int write_err; /* -f: writing a line failed (the reader stops) */
};

/* Set by SIGINT, SIGTERM and SIGHUP while following. A signal handler
 * can reach nothing else: the one mutable global of this command. */
static volatile sig_atomic_t stop_requested;

static void on_stop_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void install_stop_handlers(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: a wait ends at once */
	for (size_t i = 0; i < sizeof(sigs) / sizeof(*sigs); i++)
		sigaction(sigs[i], &sa, NULL);
}

static void put_escaped(struct strbuf *sb, const char *s, size_t len)
{
	escape_text(sb, s, len, 0);
}

/* "-- journald, unit cups.service --" and the like. */
static void journal_header(const struct logs_state *st, struct strbuf *out)
{
	const struct journal_query *q = &st->query;

	strbuf_adds(out, "-- journald, ");
	switch (st->journal.matched) {
	case JOURNAL_BY_UNIT:
		strbuf_adds(out, "unit ");
		put_escaped(out, q->unit, strlen(q->unit));
		break;
	case JOURNAL_BY_USER_UNIT:
		strbuf_adds(out, "user unit ");
		put_escaped(out, q->unit, strlen(q->unit));
		strbuf_addf(out, " of uid %u", (unsigned)q->uid);
		break;
	default:
		strbuf_addf(out, "_PID=%d", (int)q->pid);
	}
	strbuf_adds(out, " --\n");
}

static void file_header(const struct log_file *f, struct strbuf *out)
{
	strbuf_adds(out, "-- ");
	put_escaped(out, f->path, strlen(f->path));
	strbuf_adds(out, " --\n");
}

static const char *read_error_text(int err)
{
	if (err == -EACCES || err == -EPERM)
		return "permission denied (run as root to read other users' files)";
	if (err == -ENOENT)
		return "the process closed it or exited";
	return strerror(-err);
}

static void put_text_line(struct strbuf *out, const struct text_line *l)
{
	put_escaped(out, l->data, l->len);
	if (l->partial)
		strbuf_adds(out, " [cut]");
	strbuf_addc(out, '\n');
}

static int write_out(struct strbuf *sb)
{
	int err = 0;

	if (sb->len && fwrite(sb->buf, 1, sb->len, stdout) != sb->len)
		err = -EIO;
	if (fflush(stdout) != 0)
		err = errno ? -errno : -EIO;
	strbuf_reset(sb);
	return err;
}

static void emit_common(struct logs_state *st, struct sink *s, const char *source)
{
	const struct process *p = &st->pick.proc;

	sink_cstr(s, "source", source);
	sink_i64(s, "pid", p->stat.pid);
	sink_str(s, "comm", p->stat.comm, strlen(p->stat.comm));
	if (st->unit.kind == UNIT_NONE)
		sink_null(s, "unit");
	else
		sink_cstr(s, "unit", st->unit.name);
}

/* The journald entries read, as text or one JSON document. */
static int show_journal(struct logs_state *st, bool follow)
{
	struct strbuf sb = STRBUF_INIT;
	struct sink *s;
	int err;

	if (st->g->json && follow) {
		for (size_t i = 0; i < st->journal.count; i++)
			log_line_emit(&st->journal.v[i], st->stream);
		return sink_finish(st->stream);
	}
	if (!st->g->json) {
		journal_header(st, &sb);
		for (size_t i = 0; i < st->journal.count; i++) {
			log_line_format(&st->journal.v[i], &sb);
			strbuf_addc(&sb, '\n');
		}
		err = write_out(&sb);
		strbuf_release(&sb);
		return err;
	}
	s = sink_json_new(stdout, true);
	sink_begin_object(s, NULL);
	emit_common(st, s, "journald");
	sink_cstr(s, "match", journal_match_name(st->journal.matched));
	sink_bool(s, "system_journal_readable", !st->journal.system_unreadable);
	sink_begin_array(s, "entries");
	for (size_t i = 0; i < st->journal.count; i++)
		log_line_emit(&st->journal.v[i], s);
	sink_end_array(s);
	sink_end_object(s);
	err = sink_finish(s);
	sink_free(s);
	return err;
}

/* The last lines of each log file; returns how many could be read. */
static size_t show_files(struct logs_state *st, size_t n, bool follow, int *err)
{
	struct strbuf sb = STRBUF_INIT;
	struct sink *s = NULL;
	size_t readable = 0;

	if (st->g->json && !follow) {
		s = sink_json_new(stdout, true);
		sink_begin_object(s, NULL);
		emit_common(st, s, "files");
		sink_begin_array(s, "files");
	}
	for (size_t i = 0; i < st->files.count && !*err; i++) {
		struct log_file *f = &st->files.v[i];
		struct text_lines lines;
		int e = log_file_tail(f, n, &lines);

		readable += e == 0;
		if (s) {
			sink_begin_object(s, NULL);
			sink_str(s, "path", f->path, strlen(f->path));
			sink_i64(s, "fd", f->fdnum);
			if (e)
				sink_cstr(s, "error", read_error_text(e));
			sink_begin_array(s, "lines");
			for (size_t k = 0; k < lines.count; k++)
				sink_str(s, NULL, lines.v[k].data, lines.v[k].len);
			sink_end_array(s);
			sink_end_object(s);
		} else if (st->g->json) { /* -f: JSON Lines */
			for (size_t k = 0; k < lines.count; k++) {
				sink_begin_object(st->stream, NULL);
				sink_str(st->stream, "path", f->path, strlen(f->path));
				sink_str(st->stream, "line", lines.v[k].data,
					 lines.v[k].len);
				sink_end_object(st->stream);
			}
			*err = sink_finish(st->stream);
		} else {
			file_header(f, &sb);
			if (e)
				strbuf_addf(&sb, "(cannot read it: %s)\n",
					    read_error_text(e));
			for (size_t k = 0; k < lines.count; k++)
				put_text_line(&sb, &lines.v[k]);
			*err = write_out(&sb);
			st->last_file = f;
		}
		text_lines_release(&lines);
	}
	if (s) {
		sink_end_array(s);
		sink_end_object(s);
		*err = sink_finish(s);
		sink_free(s);
	}
	strbuf_release(&sb);
	return readable;
}

static int follow_journal_line(const struct log_line *l, void *arg)
{
	struct logs_state *st = arg;
	struct strbuf sb = STRBUF_INIT;
	int err;

	if (st->g->json) {
		log_line_emit(l, st->stream);
		err = sink_finish(st->stream);
	} else {
		log_line_format(l, &sb);
		strbuf_addc(&sb, '\n');
		err = write_out(&sb);
		strbuf_release(&sb);
	}
	st->write_err = err;
	return err ? 1 : 0;
}

static int follow_file_line(const struct log_file *f, const struct text_line *l,
			    void *arg)
{
	struct logs_state *st = arg;
	struct strbuf sb = STRBUF_INIT;
	int err;

	if (st->g->json) {
		sink_begin_object(st->stream, NULL);
		sink_str(st->stream, "path", f->path, strlen(f->path));
		sink_str(st->stream, "line", l->data, l->len);
		sink_end_object(st->stream);
		err = sink_finish(st->stream);
	} else {
		if (st->last_file != f)
			file_header(f, &sb);
		st->last_file = f;
		put_text_line(&sb, l);
		err = write_out(&sb);
		strbuf_release(&sb);
	}
	st->write_err = err;
	return err ? 1 : 0;
}

/* Why nothing was found, as one clause each for journald and files. */
static void explain_journal(const struct logs_state *st, struct strbuf *out)
{
	int e = st->journal_err;

	if (e == -ENOENT)
		strbuf_adds(out, "journald has never run here (no journal files)");
	else if (e == -EACCES || (!e && st->journal.system_unreadable))
		strbuf_adds(out, "the system journal is not readable by you (run as root, "
				 "or as a member of group systemd-journal or adm)");
	else if (e)
		strbuf_addf(out, "cannot read the journal: %s", strerror(-e));
	else if (st->query.unit)
		strbuf_addf(out, "journald has no entries for its unit or _PID=%d",
			    (int)st->query.pid);
	else
		strbuf_addf(out, "journald has no entries with _PID=%d",
			    (int)st->query.pid);
}

static void explain_files(const struct logs_state *st, struct strbuf *out)
{
	int e = st->fds_err;

	if (e == -EACCES || e == -EPERM)
		strbuf_adds(out, "its fds are not readable by you (run as root to "
				 "see other users' log files)");
	else if (e)
		strbuf_addf(out, "cannot read its fds: %s", strerror(-e));
	else if (st->files.count)
		strbuf_adds(out, "none of its log files is readable");
	else
		strbuf_adds(out, "it has no log file open for writing");
}

static int no_logs(struct logs_state *st)
{
	struct strbuf why = STRBUF_INIT, comm = STRBUF_INIT;
	const struct process *p = &st->pick.proc;

	explain_journal(st, &why);
	strbuf_adds(&why, ", and ");
	explain_files(st, &why);
	put_escaped(&comm, p->stat.comm, strlen(p->stat.comm));
	if (st->g->json) {
		struct sink *s = sink_json_new(stdout, true);

		sink_begin_object(s, NULL);
		emit_common(st, s, NULL);
		sink_str(s, "error", why.buf, why.len);
		sink_end_object(s);
		sink_finish(s);
		sink_free(s);
	}
	cmd_error("no logs found for %d (%s): %s", (int)p->stat.pid, comm.buf,
		  why.buf);
	strbuf_release(&why);
	strbuf_release(&comm);
	return EXIT_FAIL;
}

static void build_query(struct logs_state *st)
{
	const struct process *p = &st->pick.proc;

	memset(&st->unit, 0, sizeof(st->unit));
	if (p->cgroup && !p->cgroup_err)
		unit_from_cgroup(p->cgroup, &st->unit);
	/* a scope (a login session) or a container holds unrelated
	 * processes: match those by pid */
	if (st->unit.kind == UNIT_SYSTEM || st->unit.kind == UNIT_USER) {
		st->query.unit = st->unit.name;
		st->query.user_unit = st->unit.kind == UNIT_USER;
	}
	st->query.uid = p->status.has_ids ? p->status.uid[0] : (uid_t)-1;
	st->query.pid = p->stat.pid;
	st->query.since_usec = picked_start_usec(&st->pick);
}

static int report_write_error(int err)
{
	if (!err || err == -EPIPE)
		return EXIT_OK;
	cmd_error("cannot write output: %s", strerror(-err));
	return EXIT_FAIL;
}

/* The end of following: stopped by a signal, a failed write, or a
 * failed read (what the follower returned). */
static int end_follow(const struct logs_state *st, int err, const char *what)
{
	if (st->write_err)
		return report_write_error(st->write_err);
	if (err < 0) {
		cmd_error("cannot follow %s: %s", what, strerror(-err));
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

static int run(struct logs_state *st, const struct procfs *fs,
	       const struct logs_options *o)
{
	bool journal_found, journal_usable;
	int err = 0;

	build_query(st);
	if (o->follow) {
		install_stop_handlers();
		if (st->g->json)
			st->stream = sink_json_new(stdout, false);
	}
	st->journal_err = journal_tail(&st->query, o->lines, &st->journal);
	journal_found = !st->journal_err &&
			(st->journal.count || st->journal.cursor);
	journal_usable = !st->journal_err && !st->journal.system_unreadable;
	if (journal_found) {
		if (st->journal.system_unreadable)
			cmd_error("the system journal is not readable by you: its "
				  "entries are missing (run as root, or as a member "
				  "of group systemd-journal or adm)");
		err = show_journal(st, o->follow);
		if (err || !o->follow)
			return report_write_error(err);
		err = journal_follow(&st->query, &st->journal,
				     follow_journal_line, st, &stop_requested);
		return end_follow(st, err, "the journal");
	}

	st->fds_err = fd_table_read(fs, st->pick.proc.stat.pid,
				    FD_TABLE_ALL_FDINFO, &st->fds);
	if (!st->fds_err)
		st->fds_err = st->fds.err;
	if (st->fds_err == -ENOENT) {
		cmd_error("no process with pid %d (it exited)",
			  (int)st->pick.proc.stat.pid);
		return EXIT_FAIL;
	}
	if (!st->fds_err) {
		log_files_pick(&st->fds, &st->files);
		log_files_open(fs, st->pick.proc.stat.pid, &st->files);
	}
	if (st->files.count) {
		size_t readable = show_files(st, o->lines, o->follow, &err);

		if (err)
			return report_write_error(err);
		if (!readable) {
			cmd_error("cannot read any of its log files");
			return EXIT_FAIL;
		}
		if (!o->follow)
			return EXIT_OK;
		err = log_files_follow(&st->files, follow_file_line, st,
				       &stop_requested);
		return end_follow(st, err, "its log files");
	}
	/* nothing yet, but journald is readable: a quiet daemon may log
	 * later, so -f waits for it */
	if (o->follow && journal_usable) {
		/* the match to wait on: the unit first, as a later tail would */
		if (st->query.unit)
			st->journal.matched = st->query.user_unit
						      ? JOURNAL_BY_USER_UNIT
						      : JOURNAL_BY_UNIT;
		if (!st->g->json) {
			struct strbuf sb = STRBUF_INIT;

			journal_header(st, &sb);
			err = write_out(&sb);
			strbuf_release(&sb);
		}
		if (err)
			return report_write_error(err);
		err = journal_follow(&st->query, &st->journal,
				     follow_journal_line, st, &stop_requested);
		return end_follow(st, err, "the journal");
	}
	return no_logs(st);
}

int cmd_logs(int argc, char **argv, struct global_options *g)
{
	struct logs_options o;
	struct logs_state st;
	struct procfs fs;
	int rc, err;

	rc = logs_parse_options(argc, argv, g, &o);
	if (rc != OPTION_TAKEN)
		return rc;
	err = procfs_open(&fs, g->proc_root);
	if (err)
		return cmd_proc_root_error(g, err);
	memset(&st, 0, sizeof(st));
	st.g = g;
	rc = cmd_pick_one(&fs, o.target,
			  PROCESS_CMDLINE | PROCESS_CGROUP | PROCESS_STATUS, 0,
			  &st.pick);
	if (rc == EXIT_OK)
		rc = run(&st, &fs, &o);
	log_lines_release(&st.journal);
	log_files_release(&st.files);
	fd_table_release(&st.fds);
	sink_free(st.stream);
	picked_release(&st.pick);
	procfs_close(&fs);
	return rc;
}
