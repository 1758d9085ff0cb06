/* The plain-language summary at the top of dscope inspect, built from the
 * collected facts: what the process waits for, and where its output goes. */
#include <string.h>

#include "cmd/inspect_text.h"
#include "fd/anon_parse.h"
#include "fd/socket.h"
#include "model/inspect.h"

enum reason { CONNECTION, DATA, TIMER, SIGNAL, OTHER, NREASONS };

/* Why a watched fd would wake the process, as a category and words:
 * CONNECTION "/x.sock", DATA "on a pipe from Y [pid]", TIMER "its timer
 * (every 5 s)", SIGNAL "a signal (HUP TERM)". */
static enum reason wake_reason(const struct inspect *in, const struct fd *fd,
			       struct strbuf *out)
{
	enum reason r = OTHER;
	struct snapshot *snap = (struct snapshot *)&in->snap;
	const char *kind = fd_kind(fd, snap);
	struct strbuf desc = STRBUF_INIT;

	if (fd->cls == &fd_class_unix || fd->cls == &fd_class_inet) {
		const struct sock_info *si = fd_socket_info(fd, snap);

		if (si && si->state == 10) { /* listening */
			r = CONNECTION;
			fd_describe(fd, snap, &desc);
			/* "unix stream LISTEN /x (backlog ..)": keep the name */
			const char *p = strstr(desc.buf, "LISTEN ");
			const char *e = p ? strstr(p, " (backlog") : NULL;

			if (p)
				strbuf_add(out, p + 7, e ? (size_t)(e - p - 7)
							 : strlen(p + 7));
			goto done;
		}
	}
	if (fd->npeers && fd->peers[0].pid != fd->owner) {
		const char *comm = snapshot_comm(snap, fd->peers[0].pid);

		r = DATA;
		strbuf_addf(out, "%s ",
			    fd->cls == &fd_class_pipe || fd->cls == &fd_class_fifo
				    ? "on a pipe from"
				    : "from");
		if (comm)
			fd_put_escaped(out, comm, strlen(comm));
		strbuf_addf(out, " [%d]", (int)fd->peers[0].pid);
		goto done;
	}
	if (fd->cls == &fd_class_timerfd) {
		const struct timerfd_info *t = fd->priv;

		r = TIMER;
		strbuf_adds(out, "its timer");
		if (t && t->interval_ns) {
			strbuf_adds(out, " (every ");
			timerfd_duration_text(out, t->interval_ns);
			strbuf_adds(out, ")");
		}
		goto done;
	}
	if (fd->cls == &fd_class_signalfd) {
		r = SIGNAL;
		fd_describe(fd, snap, &desc);
		strbuf_addf(out, "a signal (%s)",
			    desc.len > 9 ? desc.buf + 9 : "?");
		goto done;
	}
	strbuf_addf(out, "an event on fd %d (%s)", fd->num, kind);
done:
	strbuf_release(&desc);
	return r;
}

/* Files a reason under its category: "a connection on A or B". */
static void add_reason(const struct inspect *in, const struct fd *fd,
		       struct strbuf *by[NREASONS])
{
	struct strbuf words = STRBUF_INIT;
	enum reason r = wake_reason(in, fd, &words);
	static const char *const first[NREASONS] = {
		[CONNECTION] = "a connection on ", [DATA] = "data ",
	};

	if (by[r]->len)
		strbuf_adds(by[r], r == CONNECTION ? " or " : ", ");
	else if (first[r])
		strbuf_adds(by[r], first[r]);
	strbuf_add(by[r], words.buf, words.len);
	strbuf_release(&words);
}

/* The fds the main thread waits on, from its epoll set or poll/select,
 * in the order a reader wants them: connections, data, timers, signals. */
static void wait_reasons(const struct inspect *in, struct strbuf *out)
{
	const struct blocked_call *b = &in->threads[0].call;
	struct strbuf cats[NREASONS], *by[NREASONS];
	size_t n = 0;

	for (int r = 0; r < NREASONS; r++) {
		strbuf_init(&cats[r]);
		by[r] = &cats[r];
	}
	if (b->kind == BLOCKED_EPOLL) {
		const struct fd *ep = inspect_fd(in, b->fd);
		const struct epoll_set *set =
			ep && ep->cls == &fd_class_eventpoll ? ep->priv : NULL;

		for (size_t i = 0; set && i < set->count; i++) {
			const struct fd *t = inspect_fd(in, set->v[i].tfd);

			if (t && set->v[i].state != EPOLL_ENTRY_CLOSED &&
			    set->v[i].state != EPOLL_ENTRY_REUSED)
				add_reason(in, t, by);
		}
	} else {
		for (size_t i = 0; i < in->nwaits; i++) {
			const struct fd *t = inspect_fd(in, in->waits[i].fd);

			if (t)
				add_reason(in, t, by);
		}
	}
	for (int r = 0; r < NREASONS; r++) {
		if (!cats[r].len)
			continue;
		strbuf_adds(out, n++ ? ", " : "");
		strbuf_add(out, cats[r].buf, cats[r].len);
		strbuf_release(&cats[r]);
	}
	if (!n)
		strbuf_adds(out, "events");
}

/* Where stdout goes, in a few words. */
static void output_words(const struct inspect *in, struct strbuf *out)
{
	const struct fd *o = inspect_fd(in, 1);
	struct snapshot *snap = (struct snapshot *)&in->snap;

	if (in->fds.err || (o && o->target_err)) {
		strbuf_adds(out, "where its output goes is not visible");
		return;
	}
	if (!o) {
		strbuf_adds(out, "stdout is closed");
		return;
	}
	if (inspect_output_is_journald(in, o)) {
		strbuf_adds(out, "logs go to journald");
		return;
	}
	if (o->cls == &fd_class_device && o->target &&
	    strcmp(o->target, "/dev/null") == 0) {
		strbuf_adds(out, "output is discarded (/dev/null)");
		return;
	}
	strbuf_adds(out, "output goes to ");
	fd_describe(o, snap, out);
}

void inspect_summary(const struct inspect *in, struct strbuf *out)
{
	const struct thread_state *t = &in->threads[0];

	/* a main thread that exited while others run: describe a live one */
	for (size_t i = 1; t->state == 'Z' && i < in->nthreads; i++)
		if (in->threads[i].state != 'Z')
			t = &in->threads[i];
	const struct blocked_call *b = &t->call;
	struct snapshot *snap = (struct snapshot *)&in->snap;
	const struct fd *fd;

	if (process_is_kernel_thread(in->proc)) {
		strbuf_addf(out, "a kernel thread%s%s", t->wchan ? ", waits in " : "",
			    t->wchan ? t->wchan : "");
		return;
	}
	if (t->state == 'R' || (!t->sc_err && t->sc.state == PROC_SYSCALL_RUNNING)) {
		strbuf_adds(out, "busy: running on a CPU");
	} else if (t->state == 'Z') {
		strbuf_adds(out, "exited: a zombie waiting for its parent");
	} else if (t->state == 'T' || t->state == 't') {
		strbuf_adds(out, "stopped");
	} else if (t->sc_err) {
		strbuf_adds(out, "sleeping (the kernel does not show in what)");
	} else {
		switch (b->kind) {
		case BLOCKED_EPOLL:
		case BLOCKED_POLL:
		case BLOCKED_SELECT:
			strbuf_adds(out, "idle: waits for ");
			wait_reasons(in, out);
			break;
		case BLOCKED_ACCEPT:
			strbuf_adds(out, "idle: waits for a connection");
			fd = inspect_fd(in, b->fd);
			if (fd) {
				strbuf_adds(out, " on ");
				fd_describe(fd, snap, out);
			}
			break;
		case BLOCKED_IO:
			strbuf_addf(out, "waits in %s on fd %d", b->name, b->fd);
			fd = inspect_fd(in, b->fd);
			if (fd) {
				strbuf_adds(out, " (");
				fd_describe(fd, snap, out);
				strbuf_adds(out, ")");
			}
			break;
		case BLOCKED_SLEEP:
			strbuf_adds(out, "sleeps");
			break;
		case BLOCKED_FUTEX:
			strbuf_adds(out, "waits for a lock or condition (futex)");
			break;
		case BLOCKED_CHILD:
			strbuf_adds(out, "waits for a child process to exit");
			break;
		case BLOCKED_SIGNAL:
			strbuf_adds(out, "waits for a signal");
			break;
		default:
			strbuf_addf(out, "in %s", b->name ? b->name : "a system call");
		}
	}
	strbuf_adds(out, "; ");
	output_words(in, out);
}
