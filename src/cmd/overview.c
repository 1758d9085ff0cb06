/* dscope with no arguments: every daemon on this machine, one line each:
 * what it waits on in a few words, and where its output goes. Built for a
 * busy machine: no search for peers, fdinfo only where the kind needs it,
 * one sock_diag dump for everyone. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "decode/blocked.h"
#include "fd/anon_parse.h"
#include "fd/socket.h"
#include "model/daemon.h"
#include "model/fdtab.h"
#include "model/process.h"
#include "model/snapshot.h"
#include "model/unit.h"
#include "model/wellknown.h"
#include "render/sink_json.h"
#include "render/sink_table.h"

static const char overview_usage[] =
	"Usage: dscope [--json] [--color=WHEN] [--proc-root DIR]\n"
	"List every daemon on this machine: what it waits on and where its\n"
	"output goes. 'dscope inspect PID|NAME' tells the rest.\n";

static const struct fd *find_fd(const struct fd_table *t, int num)
{
	for (size_t i = 0; i < t->count; i++)
		if (t->fds[i].num == num)
			return &t->fds[i];
	return NULL;
}

static void put_inet_local(const struct sock_info *si, struct strbuf *out)
{
	char text[INET6_ADDRSTRLEN];

	inet_ntop(si->family, si->src, text, sizeof(text));
	strbuf_addf(out, si->family == AF_INET6 ? "[%s]:%u" : "%s:%u", text,
		    si->sport);
}

/* "connections on /x.sock, 127.0.0.1:631; 2 pipes; timer; signals" */
static void epoll_words(const struct fd_table *t, const struct fd *ep,
			struct snapshot *snap, struct strbuf *out)
{
	const struct epoll_set *set = ep->priv;
	size_t listening = 0, pipes = 0, sockets = 0, timers = 0, signals = 0,
	       other = 0;
	struct strbuf names = STRBUF_INIT;

	for (size_t i = 0; set && i < set->count; i++) {
		const struct fd *fd = find_fd(t, set->v[i].tfd);
		const struct sock_info *si;

		if (!fd)
			continue;
		si = fd->cls == &fd_class_unix || fd->cls == &fd_class_inet
			     ? fd_socket_info(fd, snap)
			     : NULL;
		if (si && si->state == 10) { /* listening */
			if (names.len)
				strbuf_adds(&names, ", ");
			if (si->family == AF_UNIX)
				fd_put_escaped(&names, si->path, si->path_len);
			else
				put_inet_local(si, &names);
			listening++;
		} else if (si) {
			sockets++;
		} else if (fd->cls == &fd_class_pipe || fd->cls == &fd_class_fifo) {
			pipes++;
		} else if (fd->cls == &fd_class_timerfd) {
			timers++;
		} else if (fd->cls == &fd_class_signalfd) {
			signals++;
		} else {
			other++;
		}
	}
	strbuf_adds(out, "epoll:");
	if (listening)
		strbuf_addf(out, " connections on %s;", names.buf);
	if (sockets)
		strbuf_addf(out, " %zu socket%s;", sockets, sockets > 1 ? "s" : "");
	if (pipes)
		strbuf_addf(out, " %zu pipe%s;", pipes, pipes > 1 ? "s" : "");
	if (timers)
		strbuf_adds(out, " timer;");
	if (signals)
		strbuf_adds(out, " signals;");
	if (other)
		strbuf_addf(out, " %zu other;", other);
	if (out->buf[out->len - 1] == ';')
		out->buf[--out->len] = '\0';
	strbuf_release(&names);
}

static void wait_words(const struct process *p, const struct fd_table *t,
		       struct snapshot *snap, struct strbuf *out)
{
	struct blocked_call b;
	const struct fd *fd;

	if (p->syscall_err) {
		strbuf_adds(out, "?");
		return;
	}
	blocked_classify(&p->syscall, &b);
	if (p->syscall.state == PROC_SYSCALL_RUNNING) {
		strbuf_adds(out, "running");
		return;
	}
	if (b.kind == BLOCKED_EPOLL && (fd = find_fd(t, b.fd)) &&
	    fd->cls == &fd_class_eventpoll) {
		epoll_words(t, fd, snap, out);
		return;
	}
	if (b.name)
		strbuf_adds(out, b.name);
	else if (p->wchan && *p->wchan)
		strbuf_adds(out, p->wchan);
	else
		strbuf_adds(out, "-");
}

/* "journald", "/dev/null", a path, "pipe", "terminal", "socket" */
static void output_words(const struct fd_table *t, struct snapshot *snap,
			 struct strbuf *out)
{
	const struct fd *fd = find_fd(t, 1);
	const struct sock_info *si, *peer;

	if (t->err) {
		strbuf_adds(out, "?");
		return;
	}
	if (!fd) {
		strbuf_adds(out, "closed");
		return;
	}
	if (fd->cls == &fd_class_unix || fd->cls == &fd_class_inet ||
	    fd->cls == &fd_class_socket) {
		si = fd_socket_info(fd, snap);
		peer = si && si->peer_ino ? snapshot_socket(snap, si->peer_ino)
					  : NULL;
		if (peer && wellknown_is_journal_stdout(peer->path, peer->path_len))
			strbuf_adds(out, "journald");
		else
			strbuf_adds(out, "socket");
		return;
	}
	if (fd->cls == &fd_class_pipe) {
		strbuf_adds(out, "pipe");
		return;
	}
	if (fd->target)
		fd_put_escaped(out, fd->target, strlen(fd->target));
}

static const struct table_column columns[] = {
	{ "pid", "PID", TABLE_RIGHT, NULL },
	{ "name", "NAME", TABLE_LEFT, NULL },
	{ "unit", "UNIT", TABLE_LEFT, NULL },
	{ "output", "OUTPUT", TABLE_LEFT, NULL },
	{ "waits", "WAITS ON", TABLE_LEFT, NULL },
};

static void emit_daemon(struct sink *s, const struct process *p,
			struct snapshot *snap, const struct procfs *fs)
{
	struct strbuf waits = STRBUF_INIT, output = STRBUF_INIT;
	struct fd_table t;
	struct unit_name unit;

	if (fd_table_read(fs, p->stat.pid, 0, &t) != 0)
		return; /* exited meanwhile */
	snapshot_add_fds(snap, t.pid, t.fds, t.count);
	/* want gives sockets their family's class; the epoll set's link
	 * checks its entries; no peers are searched for */
	for (size_t i = 0; i < t.count; i++)
		if (t.fds[i].cls == &fd_class_socket)
			t.fds[i].cls->want(&t.fds[i], snap);
	for (size_t i = 0; i < t.count; i++)
		if (t.fds[i].cls == &fd_class_eventpoll)
			t.fds[i].cls->link(&t.fds[i], snap);
	wait_words(p, &t, snap, &waits);
	output_words(&t, snap, &output);
	sink_begin_object(s, NULL);
	sink_i64(s, "pid", p->stat.pid);
	sink_str(s, "name", p->stat.comm, strlen(p->stat.comm));
	unit_from_cgroup(p->cgroup ? p->cgroup : "", &unit);
	if (unit.kind != UNIT_NONE)
		sink_cstr(s, "unit", unit.name);
	sink_text(s, "output", output.buf ? output.buf : "", output.len);
	sink_text(s, "waits", waits.buf ? waits.buf : "", waits.len);
	sink_end_object(s);
	fd_table_release(&t);
	strbuf_release(&waits);
	strbuf_release(&output);
}

int cmd_overview(int argc, char **argv, struct global_options *g)
{
	struct table_options to = {
		.out = stdout,
		.columns = columns,
		.ncolumns = sizeof(columns) / sizeof(*columns),
		.color = options_color(g, stdout),
		.header = true,
	};
	struct process_table table;
	struct snapshot snap;
	struct procfs fs;
	struct winsize ws;
	struct sink *s;
	int err;

	(void)argc;
	(void)argv;
	(void)overview_usage;
	err = procfs_open(&fs, g->proc_root);
	if (err)
		return cmd_proc_root_error(g, err);
	err = process_table_collect(&fs, PROCESS_STATUS | PROCESS_CMDLINE |
						 PROCESS_SYSCALL | PROCESS_CGROUP |
						 PROCESS_STDIN |
						 PROCESS_WCHAN_FALLBACK,
				    &table);
	if (err) {
		cmd_error("cannot list processes: %s", strerror(-err));
		procfs_close(&fs);
		return EXIT_FAIL;
	}
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
		to.width = ws.ws_col;
	s = g->json ? sink_json_new(stdout, true) : sink_table_new(&to);
	snapshot_init(&snap, &fs);
	sink_begin_object(s, NULL);
	sink_begin_array(s, "daemons");
	for (size_t i = 0; i < table.count; i++) {
		struct daemon_verdict v;

		daemon_judge(&table, &table.procs[i], &v);
		if (v.is_daemon && table.procs[i].stat.pid != getpid())
			emit_daemon(s, &table.procs[i], &snap, &fs);
	}
	sink_end_array(s);
	sink_end_object(s);
	err = sink_finish(s);
	sink_free(s);
	snapshot_release(&snap);
	process_table_release(&table);
	procfs_close(&fs);
	if (err && err != -EPIPE) {
		cmd_error("cannot write output: %s", strerror(-err));
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
