/* dscope inspect --json: the report as one object. */
#include <errno.h>
#include <string.h>

#include "cmd/inspect_text.h"
#include "fd/socket.h"
#include "model/inspect.h"
#include "model/psinfo.h"
#include "model/unit.h"
#include "render/sink.h"

static void json_thread(struct sink *s, const struct inspect *in,
			const struct thread_state *t)
{
	struct strbuf call = STRBUF_INIT;
	char st[2] = { t->state, 0 };

	sink_begin_object(s, NULL);
	sink_i64(s, "tid", t->tid);
	sink_str(s, "comm", t->comm, strlen(t->comm));
	sink_cstr(s, "state", st);
	if (t->sc_err) {
		sink_null(s, "syscall");
		sink_null(s, "call");
	} else if (t->sc.state == PROC_SYSCALL_IN) {
		sink_cstr(s, "syscall", t->call.name);
		sink_i64(s, "syscall_nr", t->sc.nr);
		blocked_format(&t->sc, inspect_fd_namer, (void *)in, 0, &call);
		sink_text(s, "call", call.buf, call.len);
	} else {
		sink_cstr(s, "syscall", t->sc.state == PROC_SYSCALL_RUNNING
						? "running"
						: NULL);
		sink_null(s, "call");
	}
	sink_cstr(s, "wchan", t->wchan);
	sink_end_object(s);
	strbuf_release(&call);
}

static void json_waits(struct sink *s, const struct inspect *in)
{
	const struct blocked_call *b = &in->threads[0].call;
	struct snapshot *snap = (struct snapshot *)&in->snap;

	if (b->kind != BLOCKED_EPOLL && b->kind != BLOCKED_POLL &&
	    b->kind != BLOCKED_SELECT) {
		sink_null(s, "waits_on");
		return;
	}
	sink_begin_object(s, "waits_on");
	sink_cstr(s, "syscall", b->name);
	if (b->kind == BLOCKED_EPOLL) {
		struct fd *ep = inspect_fd(in, b->fd);

		sink_i64(s, "epoll_fd", b->fd);
		if (ep)
			fd_emit_as(ep, snap, s, "epoll");
		else
			sink_null(s, "epoll");
	} else if (in->waits_err) {
		sink_cstr(s, "error", in->waits_err == -EPERM
					      ? "permission denied"
					      : strerror(-in->waits_err));
	} else {
		sink_begin_array(s, "fds");
		for (size_t i = 0; i < in->nwaits; i++) {
			struct strbuf d = STRBUF_INIT;
			char ev[32];

			sink_begin_object(s, NULL);
			sink_i64(s, "fd", in->waits[i].fd);
			sink_cstr(s, "events", inspect_poll_events(in->waits[i].events, ev,
							   sizeof(ev)));
			inspect_fd_namer((void *)in, in->waits[i].fd, &d);
			sink_text(s, "description", d.buf, d.len);
			sink_end_object(s);
			strbuf_release(&d);
		}
		sink_end_array(s);
	}
	sink_end_object(s);
}

static void json_fd_or_null(struct sink *s, const char *key,
			    const struct inspect *in, int num)
{
	struct fd *fd = inspect_fd(in, num);

	if (!fd) {
		sink_null(s, key);
		return;
	}
	fd_emit_as(fd, (struct snapshot *)&in->snap, s, key);
}

void inspect_render_json(const struct inspect *in, struct sink *s)
{
	const struct process *p = in->proc;
	const struct daemon_verdict *v = &in->verdict;
	struct snapshot *snap = (struct snapshot *)&in->snap;
	struct strbuf text = STRBUF_INIT;
	struct unit_name unit;
	const struct fd *out1 = inspect_fd(in, 1);

	sink_begin_object(s, NULL);
	sink_i64(s, "pid", p->stat.pid);
	sink_str(s, "comm", p->stat.comm, strlen(p->stat.comm));
	if (p->cmdline)
		sink_str(s, "command", p->cmdline, p->cmdline_len);
	else
		sink_null(s, "command");
	if (p->status_err)
		sink_null(s, "uid");
	else
		sink_u64(s, "uid", p->status.uid[1]);
	sink_cstr(s, "cgroup", p->cgroup);
	unit_from_cgroup(p->cgroup ? p->cgroup : "", &unit);
	sink_cstr(s, "unit", unit.kind != UNIT_NONE ? unit.name : NULL);
	sink_u64(s, "start_time", psinfo_start_time(&in->table, p));
	inspect_summary(in, &text);
	sink_text(s, "summary", text.buf, text.len);

	sink_begin_array(s, "parents");
	for (size_t i = 0; i < in->nparents; i++) {
		const struct process *parent = in->parents[i].proc;

		sink_begin_object(s, NULL);
		sink_i64(s, "pid", in->parents[i].pid);
		if (parent)
			sink_str(s, "comm", parent->stat.comm,
				 strlen(parent->stat.comm));
		else
			sink_null(s, "comm");
		sink_end_object(s);
	}
	sink_end_array(s);

	sink_begin_object(s, "daemon");
	sink_bool(s, "verdict", v->is_daemon);
	sink_bool(s, "no_tty", v->no_tty);
	sink_cstr(s, "session", daemon_session_name(v->session));
	sink_i64(s, "session_id", p->stat.session);
	sink_cstr(s, "parent", daemon_parent_name(v->parent));
	sink_cstr(s, "stdin", daemon_stdin_name(v->stdin_kind));
	sink_cstr(s, "cwd", p->cwd);
	sink_bool(s, "service_cgroup", v->service_cgroup);
	sink_end_object(s);

	sink_begin_array(s, "threads");
	for (size_t i = 0; i < in->nthreads; i++)
		json_thread(s, in, &in->threads[i]);
	sink_end_array(s);
	json_waits(s, in);

	sink_begin_object(s, "output");
	json_fd_or_null(s, "stdin", in, 0);
	json_fd_or_null(s, "stdout", in, 1);
	json_fd_or_null(s, "stderr", in, 2);
	sink_bool(s, "journald", out1 && inspect_output_is_journald(in, out1));
	sink_cstr(s, "journal_stream", in->journal_stream);
	sink_end_object(s);

	sink_begin_array(s, "writes");
	for (size_t i = 0; i < in->fds.count; i++) {
		const struct fd *fd = &in->fds.fds[i];

		if (fd->cls == &fd_class_file && (fd->mode & FD_WRITE))
			fd_emit(fd, snap, s);
	}
	sink_end_array(s);

	sink_begin_array(s, "talks_to");
	for (size_t i = 0; i < in->fds.count; i++) {
		const struct fd *fd = &in->fds.fds[i];

		for (size_t k = 0; k < fd->npeers; k++) {
			if (fd->peers[k].pid == p->stat.pid)
				continue;
			sink_begin_object(s, NULL);
			sink_i64(s, "pid", fd->peers[k].pid);
			sink_cstr(s, "comm", snapshot_comm(snap, fd->peers[k].pid));
			sink_i64(s, "fd", fd->num);
			sink_cstr(s, "kind", fd_kind(fd, snap));
			sink_i64(s, "peer_fd", fd->peers[k].fd);
			sink_end_object(s);
		}
	}
	sink_end_array(s);
	sink_begin_object(s, "last_logs");
	if (in->journal.count) {
		sink_cstr(s, "source", "journald");
		sink_cstr(s, "match", journal_match_name(in->journal.matched));
		sink_begin_array(s, "entries");
		for (size_t i = 0; i < in->journal.count; i++)
			log_line_emit(&in->journal.v[i], s);
		sink_end_array(s);
	} else if (in->files.count) {
		sink_cstr(s, "source", "files");
		sink_begin_array(s, "files");
		for (size_t i = 0; i < in->files.count; i++) {
			sink_begin_object(s, NULL);
			sink_cstr(s, "path", in->files.v[i].path);
			sink_i64(s, "fd", in->files.v[i].fdnum);
			sink_begin_array(s, "lines");
			for (size_t k = 0; k < in->file_lines[i].count; k++)
				sink_str(s, NULL, in->file_lines[i].v[k].data,
					 in->file_lines[i].v[k].len);
			sink_end_array(s);
			sink_end_object(s);
		}
		sink_end_array(s);
	} else {
		sink_null(s, "source");
	}
	sink_end_object(s);
	if (in->fds.err)
		sink_cstr(s, "fds_error", fd_error_text(in->fds.err));
	else
		sink_null(s, "fds_error");
	sink_end_object(s);
	strbuf_release(&text);
}

