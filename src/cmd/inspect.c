/* dscope inspect: the whole daemon investigation as one report. */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/escape.h"
#include "base/xalloc.h"
#include "cmd/cmd.h"
#include "cmd/inspect_text.h"
#include "cmd/pick.h"
#include "fd/eventpoll.h"
#include "fd/socket.h"
#include "model/inspect.h"
#include "model/psinfo.h"
#include "model/select.h"
#include "model/unit.h"
#include "model/wellknown.h"
#include "render/sink_json.h"

static const char inspect_usage[] =
	"Usage: dscope inspect [OPTIONS] PID|NAME\n"
	"       dscope PID|NAME\n"
	"Explain one process: who it is, whether it is a daemon and why, what\n"
	"each thread is blocked in, which fds it waits on, where its output goes,\n"
	"what it writes and which processes it talks to.\n"
	"\n"
	"      --json         JSON output (see man dscope)\n"
	"      --color[=WHEN] color: auto (default), always, never\n"
	"      --proc-root DIR  read processes from DIR instead of /proc\n"
	"  -h, --help         show this help\n"
	"\n"
	"Exit status: 0 success, 1 no such process (or several match NAME), 2 usage error.\n";

bool inspect_output_is_journald(const struct inspect *in, const struct fd *fd)
{
	struct snapshot *snap = (struct snapshot *)&in->snap;
	const char *comm;

	if (fd->cls != &fd_class_unix)
		return false;
	/* JOURNAL_STREAM is "device:inode" of the stream systemd connected */
	if (in->journal_stream) {
		const char *colon = strchr(in->journal_stream, ':');
		char ino[32];

		snprintf(ino, sizeof(ino), "%" PRIu64, fd_socket_inode(fd));
		if (colon && strcmp(colon + 1, ino) == 0)
			return true;
	}
	/* journald's stream socket, by the name of the peer socket */
	{
		const struct sock_info *si = fd_socket_info(fd, snap);
		const struct sock_info *peer =
			si && si->peer_ino ? snapshot_socket(snap, si->peer_ino)
					   : NULL;

		if (peer && wellknown_is_journal_stdout(peer->path, peer->path_len))
			return true;
	}
	comm = fd->npeers ? snapshot_comm(snap, fd->peers[0].pid) : NULL;
	return comm && strcmp(comm, "systemd-journal") == 0;
}

static void put_duration(struct strbuf *out, uint64_t s)
{
	if (s >= 86400)
		strbuf_addf(out, "%llud%lluh", (unsigned long long)(s / 86400),
			    (unsigned long long)(s % 86400 / 3600));
	else if (s >= 3600)
		strbuf_addf(out, "%lluh%02llum", (unsigned long long)(s / 3600),
			    (unsigned long long)(s % 3600 / 60));
	else if (s >= 60)
		strbuf_addf(out, "%llum%02llus", (unsigned long long)(s / 60),
			    (unsigned long long)(s % 60));
	else
		strbuf_addf(out, "%llus", (unsigned long long)s);
}

void inspect_fd_namer(void *ctx, int num, struct strbuf *out)
{
	const struct inspect *in = ctx;
	const struct fd *fd = inspect_fd(in, num);
	size_t start = out->len;

	if (!fd) {
		strbuf_adds(out, "closed");
		return;
	}
	fd_describe(fd, (struct snapshot *)&in->snap, out);
	/* a long description would hide the call */
	escape_shorten(out, start, 60);
}

static const char *state_word(char state)
{
	switch (state) {
	case 'R':
		return "running";
	case 'S':
		return "sleeping";
	case 'D':
		return "in uninterruptible sleep";
	case 'I':
		return "idle";
	case 'T':
		return "stopped";
	case 't':
		return "stopped by a tracer";
	case 'Z':
		return "a zombie";
	}
	return "in state ?";
}

/* "sleeping in epoll_wait(3<epoll set, 5 entries>, ..., 64, -1)" */
static void thread_text(const struct inspect *in, const struct thread_state *t,
			struct strbuf *out)
{
	strbuf_adds(out, state_word(t->state));
	if (t->sc_err) {
		strbuf_adds(out, t->sc_err == -EACCES || t->sc_err == -EPERM
					 ? " (its system call needs root to see)"
					 : "");
	} else if (t->sc.state == PROC_SYSCALL_IN) {
		strbuf_adds(out, " in ");
		blocked_format(&t->sc, inspect_fd_namer, (void *)in,
			       BLOCKED_ELIDE_POINTERS, out);
	} else if (t->sc.state == PROC_SYSCALL_NONE) {
		strbuf_adds(out, " outside a system call");
	}
	if (t->wchan && t->state != 'R')
		strbuf_addf(out, ", wchan %s", t->wchan);
}

struct report_line {
	const char *label;
	struct strbuf text;
};

static void line(FILE *f, const char *label, const char *text)
{
	fprintf(f, "  %-11s %s\n", label, text);
}

static void text_identity(const struct inspect *in, FILE *f)
{
	const struct process *p = in->proc;
	struct strbuf s = STRBUF_INIT;
	struct unit_name unit;
	uint64_t start = psinfo_start_time(&in->table, p);
	time_t now = time(NULL);

	escape_text(&s, p->stat.comm, strlen(p->stat.comm), 0);
	strbuf_addf(&s, "  pid %d", (int)p->stat.pid);
	if (!p->status_err) {
		struct passwd *pw = getpwuid(p->status.uid[1]);

		if (pw)
			strbuf_addf(&s, "  user %s", pw->pw_name);
		else
			strbuf_addf(&s, "  uid %u", (unsigned)p->status.uid[1]);
	}
	if (p->cgroup) {
		unit_from_cgroup(p->cgroup, &unit);
		if (unit.kind != UNIT_NONE) {
			strbuf_adds(&s, unit.kind == UNIT_CONTAINER ? "  container "
								    : "  unit ");
			escape_text(&s, unit.name, strlen(unit.name), 0);
		} else if (strcmp(p->cgroup, "/") != 0) {
			strbuf_adds(&s, "  cgroup ");
			escape_text(&s, p->cgroup, strlen(p->cgroup), 0);
		}
	}
	if (start && (uint64_t)now >= start) {
		strbuf_adds(&s, "  up ");
		put_duration(&s, (uint64_t)now - start);
	}
	fprintf(f, "%s\n", s.buf);
	strbuf_release(&s);
}

static void text_parents(const struct inspect *in, struct strbuf *s)
{
	for (size_t i = 0; i < in->nparents; i++) {
		const struct process *parent = in->parents[i].proc;

		strbuf_addf(s, "%s%d", i ? " <- " : "", (int)in->parents[i].pid);
		if (parent) {
			strbuf_adds(s, " ");
			escape_text(s, parent->stat.comm,
				    strlen(parent->stat.comm), 0);
		}
	}
	if (!s->len)
		strbuf_adds(s, "none (the first process)");
}

static void text_verdict(const struct inspect *in, struct strbuf *s)
{
	const struct daemon_verdict *v = &in->verdict;
	const char *stdin_name = daemon_stdin_name(v->stdin_kind);

	strbuf_adds(s, v->is_daemon ? "yes: " : "no: ");
	strbuf_adds(s, v->no_tty ? "no controlling terminal"
				 : "has a controlling terminal");
	switch (v->session) {
	case DAEMON_SESSION_LEADER:
		strbuf_adds(s, ", session leader");
		break;
	case DAEMON_SESSION_ORPHANED:
		strbuf_addf(s, ", its session leader (%d) is gone",
			    (int)in->proc->stat.session);
		break;
	case DAEMON_SESSION_MEMBER:
		strbuf_addf(s, ", in session %d", (int)in->proc->stat.session);
		break;
	}
	strbuf_addf(s, ", parent %d (%s)", (int)in->proc->stat.ppid,
		    daemon_parent_name(v->parent));
	strbuf_addf(s, ", stdin %s", stdin_name ? stdin_name : "unknown");
	if (in->proc->cwd) {
		strbuf_adds(s, ", cwd ");
		escape_text(s, in->proc->cwd, strlen(in->proc->cwd), 0);
	}
	if (v->service_cgroup)
		strbuf_adds(s, ", in a service unit");
}

/* Threads doing the same thing are one line: main thread first. */
static void text_state(const struct inspect *in, FILE *f)
{
	bool *done = xcalloc(in->nthreads ? in->nthreads : 1, sizeof(bool));

	for (size_t i = 0; i < in->nthreads; i++) {
		struct strbuf s = STRBUF_INIT, what = STRBUF_INIT;
		size_t same = 1;

		if (done[i])
			continue;
		thread_text(in, &in->threads[i], &what);
		for (size_t j = i + 1; j < in->nthreads; j++) {
			struct strbuf other = STRBUF_INIT;

			if (done[j]) {
				strbuf_release(&other);
				continue;
			}
			thread_text(in, &in->threads[j], &other);
			if (strcmp(other.buf, what.buf) == 0) {
				done[j] = true;
				same++;
			}
			strbuf_release(&other);
		}
		if (i == 0 && same == 1)
			strbuf_adds(&s, in->nthreads > 1 ? "main thread " : "");
		else if (same > 1)
			strbuf_addf(&s, "%zu threads ", same);
		else
			strbuf_addf(&s, "thread %d ", (int)in->threads[i].tid);
		strbuf_add(&s, what.buf, what.len);
		line(f, i == 0 ? "state" : "", s.buf);
		strbuf_release(&s);
		strbuf_release(&what);
	}
	free(done);
}

const char *inspect_poll_events(unsigned ev, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s%s%s", ev & POLLIN ? "IN|" : "",
		 ev & POLLPRI ? "PRI|" : "", ev & POLLOUT ? "OUT|" : "",
		 ev & POLLRDHUP ? "RDHUP|" : "");
	if (*buf)
		buf[strlen(buf) - 1] = '\0';
	return buf;
}

static void text_waits(const struct inspect *in, FILE *f)
{
	const struct blocked_call *b = &in->threads[0].call;
	struct strbuf s = STRBUF_INIT;

	if (b->kind == BLOCKED_EPOLL) {
		struct fd *ep = inspect_fd(in, b->fd);

		if (!ep || ep->cls != &fd_class_eventpoll)
			return;
		fd_describe(ep, (struct snapshot *)&in->snap, &s);
		strbuf_addf(&s, " (fd %d):\n", b->fd);
		eventpoll_describe_entries(ep, (struct snapshot *)&in->snap, &s);
		if (s.len && s.buf[s.len - 1] == '\n')
			s.buf[--s.len] = '\0';
		line(f, "waits on", s.buf);
	} else if (b->kind == BLOCKED_POLL || b->kind == BLOCKED_SELECT) {
		if (in->waits_err) {
			strbuf_addf(&s, "%s set not readable: %s", b->name,
				    in->waits_err == -EPERM ? "not permitted (run as root)"
							    : strerror(-in->waits_err));
			line(f, "waits on", s.buf);
			strbuf_release(&s);
			return;
		}
		strbuf_addf(&s, "%s set, %zu fds:", b->name, in->nwaits);
		for (size_t i = 0; i < in->nwaits; i++) {
			char ev[32];

			strbuf_addf(&s, "\n    fd %-4d %-10s ", in->waits[i].fd,
				    inspect_poll_events(in->waits[i].events, ev, sizeof(ev)));
			inspect_fd_namer((void *)in, in->waits[i].fd, &s);
		}
		line(f, "waits on", s.buf);
	}
	strbuf_release(&s);
}

static void text_output(const struct inspect *in, FILE *f)
{
	static const char *const names[] = { "stdin", "stdout", "stderr" };
	struct snapshot *snap = (struct snapshot *)&in->snap;

	if (in->fds.err) {
		line(f, "stdin/out/err", "unknown (its fds are not readable)");
		return;
	}
	for (int n = 0; n < 3; n++) {
		const struct fd *fd = inspect_fd(in, n);
		const struct fd *err = n == 1 ? inspect_fd(in, 2) : NULL;
		struct strbuf s = STRBUF_INIT;
		bool both = fd && err && fd->target && err->target &&
			    strcmp(fd->target, err->target) == 0;

		if (!fd)
			strbuf_adds(&s, "closed");
		else
			fd_describe(fd, snap, &s);
		if (fd && inspect_output_is_journald(in, fd))
			strbuf_addf(&s, "  (journalctl _PID=%d)",
				    (int)in->proc->stat.pid);
		line(f, both ? "stdout/err" : names[n], s.buf);
		strbuf_release(&s);
		if (both)
			break;
	}
}

static void text_writes(const struct inspect *in, FILE *f)
{
	struct snapshot *snap = (struct snapshot *)&in->snap;
	bool any = false;

	for (size_t i = 0; i < in->fds.count; i++) {
		const struct fd *fd = &in->fds.fds[i];
		struct strbuf s = STRBUF_INIT;

		if (fd->cls != &fd_class_file || !(fd->mode & FD_WRITE))
			continue;
		escape_text(&s, fd->target, strlen(fd->target), 0);
		strbuf_addf(&s, " (fd %d", fd->num);
		if (fd->has_info)
			strbuf_addf(&s, ", offset %llu",
				    (unsigned long long)fd->info.pos);
		strbuf_adds(&s, ")");
		line(f, any ? "" : "writes", s.buf);
		any = true;
		strbuf_release(&s);
		(void)snap;
	}
}

/* Our fds connected with pid, by kind: " unix fd 1, 2; pipe fd 7". */
static void talks_fds(const struct inspect *in, pid_t pid, struct strbuf *s)
{
	struct snapshot *snap = (struct snapshot *)&in->snap;
	const char *last_kind = NULL;

	for (size_t a = 0; a < in->fds.count; a++) {
		const struct fd *fd = &in->fds.fds[a];
		const char *kind = fd_kind(fd, snap);
		bool linked = false;

		for (size_t b = 0; b < fd->npeers && !linked; b++)
			linked = fd->peers[b].pid == pid;
		if (!linked)
			continue;
		if (last_kind && strcmp(kind, last_kind) == 0)
			strbuf_addf(s, ", %d", fd->num);
		else
			strbuf_addf(s, "%s %s fd %d", last_kind ? ";" : "", kind,
				    fd->num);
		last_kind = kind;
	}
}

/* Every other process it is connected with, grouped: "comm [pid] (unix:
 * fd 1, 2; pipe: fd 7)". */
static void text_talks(const struct inspect *in, FILE *f)
{
	struct snapshot *snap = (struct snapshot *)&in->snap;
	pid_t self = in->proc->stat.pid;
	pid_t *seen = NULL;
	size_t nseen = 0;

	for (size_t i = 0; i < in->fds.count; i++) {
		for (size_t k = 0; k < in->fds.fds[i].npeers; k++) {
			pid_t pid = in->fds.fds[i].peers[k].pid;
			struct strbuf s = STRBUF_INIT;
			const char *comm;
			bool dup = pid == self;

			for (size_t j = 0; j < nseen && !dup; j++)
				dup = seen[j] == pid;
			if (dup)
				continue;
			seen = xrealloc(seen, (nseen + 1) * sizeof(*seen));
			seen[nseen++] = pid;
			comm = snapshot_comm(snap, pid);
			escape_text(&s, comm ? comm : "?", comm ? strlen(comm) : 1, 0);
			strbuf_addf(&s, " [%d]:", (int)pid);
			talks_fds(in, pid, &s);
			line(f, nseen == 1 ? "talks to" : "", s.buf);
			strbuf_release(&s);
		}
	}
	if (!nseen)
		line(f, "talks to",
		     in->fds.err ? "unknown (its fds are not readable)"
				 : "no other process (by pipes, unix sockets, loopback or eventfds)");
	free(seen);
}

static void text_logs(const struct inspect *in, FILE *f)
{
	struct strbuf s = STRBUF_INIT;
	bool any = false;

	for (size_t i = 0; i < in->journal.count; i++) {
		strbuf_reset(&s);
		log_line_format(&in->journal.v[i], &s);
		line(f, any ? "" : "last logs", s.buf);
		any = true;
	}
	for (size_t i = 0; !in->journal.count && i < in->files.count; i++) {
		const struct text_lines *tl = &in->file_lines[i];

		for (size_t k = 0; k < tl->count; k++) {
			strbuf_reset(&s);
			escape_text(&s, in->files.v[i].path,
				    strlen(in->files.v[i].path), 0);
			strbuf_adds(&s, ": ");
			escape_text(&s, tl->v[k].data, tl->v[k].len, 0);
			line(f, any ? "" : "last logs", s.buf);
			any = true;
		}
	}
	if (!any && in->files.count)
		line(f, "last logs", "none: its log files are empty");
	else if (!any)
		line(f, "last logs",
		     in->journal.system_unreadable
			     ? "none readable: the system journal needs root or the systemd-journal group"
			     : "none: nothing in journald, and no log file open for writing");
	strbuf_release(&s);
}

static void render_text(const struct inspect *in, FILE *f)
{
	struct strbuf s = STRBUF_INIT;

	text_identity(in, f);
	inspect_summary(in, &s);
	line(f, "summary", s.buf);
	strbuf_reset(&s);
	if (in->proc->cmdline && in->proc->cmdline_len)
		escape_text(&s, in->proc->cmdline, in->proc->cmdline_len, 0);
	else {
		strbuf_addc(&s, '[');
		escape_text(&s, in->proc->stat.comm, strlen(in->proc->stat.comm), 0);
		strbuf_addc(&s, ']');
	}
	line(f, "command", s.buf);
	strbuf_reset(&s);
	text_parents(in, &s);
	line(f, "parents", s.buf);
	strbuf_reset(&s);
	text_verdict(in, &s);
	line(f, "daemon", s.buf);
	text_state(in, f);
	text_waits(in, f);
	text_output(in, f);
	text_writes(in, f);
	text_talks(in, f);
	text_logs(in, f);
	if (in->fds.err)
		fprintf(f, "  %-11s fds: %s\n", "note",
			in->fds.err == -EACCES || in->fds.err == -EPERM
				? "permission denied: run as root to see its fds, "
				  "peers and output"
				: strerror(-in->fds.err));
	strbuf_release(&s);
}

/* The process a thread id belongs to, when pid names a thread other than
 * a main thread (/proc lists threads as hidden pid directories); else 0. */
static pid_t thread_group_of(const struct procfs *fs, pid_t pid)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;
	long tgid = 0;

	if (procfs_read(fs, pid, "status", &sb) == 0 &&
	    (p = strstr(sb.buf, "\nTgid:")) != NULL)
		tgid = strtol(p + 6, NULL, 10);
	strbuf_release(&sb);
	return tgid > 0 && tgid != pid ? (pid_t)tgid : 0;
}

int cmd_inspect(int argc, char **argv, struct global_options *g)
{
	static const struct option longopts[] = {
		COMMON_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	struct inspect in;
	struct picked picked;
	struct procfs fs;
	pid_t pid = 0;
	int opt, rc, err;

	optind = 0; /* glibc: restart getopt fully (1 keeps a half-read
		     * option cluster of an earlier parse: fuzz_options) */
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		rc = cmd_standard_option("inspect", opt, inspect_usage, argv, g);
		if (rc == OPTION_TAKEN)
			continue;
		if (rc != OPTION_NOT_MINE)
			return rc;
	}
	if (argc - optind != 1)
		return cmd_usage_error("inspect", "give exactly one PID or NAME");
	err = procfs_open(&fs, g->proc_root);
	if (err)
		return cmd_proc_root_error(g, err);
	rc = cmd_pick_one(&fs, argv[optind], PROCESS_CMDLINE,
			  g->implicit_inspect ? PICK_MAYBE_COMMAND : 0, &picked);
	if (rc != EXIT_OK) {
		procfs_close(&fs);
		return rc;
	}
	pid = picked.proc.stat.pid;
	picked_release(&picked);
	err = inspect_collect(&fs, pid, &in);
	if (err == -ENOENT && thread_group_of(&fs, pid) > 0) {
		pid_t tgid = thread_group_of(&fs, pid);

		cmd_error("%d is a thread of process %d: try dscope inspect %d",
			  (int)pid, (int)tgid, (int)tgid);
		rc = EXIT_FAIL;
	} else if (err == -ENOENT) {
		cmd_error("process %d exited while it was being inspected", (int)pid);
		rc = EXIT_FAIL;
	} else if (err) {
		cmd_error("cannot inspect %d: %s", (int)pid, strerror(-err));
		rc = EXIT_FAIL;
	} else if (g->json) {
		struct sink *s = sink_json_new(stdout, true);

		inspect_render_json(&in, s);
		err = sink_finish(s);
		sink_free(s);
		rc = EXIT_OK;
	} else {
		render_text(&in, stdout);
		rc = fflush(stdout) == 0 || errno == EPIPE ? EXIT_OK : EXIT_FAIL;
	}
	if (err && err != -ENOENT && err != -EPIPE && rc == EXIT_OK) {
		cmd_error("cannot write output: %s", strerror(-err));
		rc = EXIT_FAIL;
	}
	inspect_release(&in);
	procfs_close(&fs);
	return rc;
}
