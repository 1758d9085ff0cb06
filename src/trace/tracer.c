#include "trace/tracer.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "base/clock.h"
#include "base/hashmap.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "decode/decode.h"
#include "decode/syscall_table.h"
#include "render/trace_format.h"
#include "render/trace_out.h"
#include "render/trace_summary.h"
#include "trace/fdnames.h"

/* What a syscall does to the fds the tracer has named. */
enum fd_effect {
	FD_KEEPS = 0,
	FD_CHANGES_ARG0, /* close, connect, listen, ...: forget fd arg 0 */
	FD_CHANGES_ARG1, /* dup2, dup3: the fd replaced */
	FD_CHANGES_ALL, /* close_range */
};

struct tthread {
	struct tracer *tr;
	pid_t tid, pid;
	bool in_call; /* between entry and exit */
	bool shown; /* this call passed the filters */
	bool entry_printed; /* its first half is on the output already */
	struct decode_call call;
	struct dout out;
	struct strbuf args; /* text: the arguments so far */
	struct json_writer json; /* JSON: the record so far */
	uint64_t enter_ns;
	struct timespec enter_wall;
};

struct tracer {
	struct tracer_options opt;
	struct trace_backend *b;
	volatile sig_atomic_t *stop;
	struct hashmap threads; /* tid -> struct tthread * */
	struct fdnames names;
	struct summary *sum;
	const struct syscall_spec *by_nr[TRACE_SYSCALL_MAX];
	unsigned char effect[TRACE_SYSCALL_MAX]; /* enum fd_effect */
	struct trace_out out;
	struct strbuf line;
	pid_t open_tid; /* the thread whose line is left open, 0 none */
	pid_t first_tid;
	bool many; /* more than one thread: lines get a pid prefix */
	uint64_t shown; /* calls printed, for --limit */
	bool limit_reached;
	struct timespec last_wall; /* -r */
	pid_t hidden; /* a launched command before its execve */
	long nr_execve, nr_execveat;
	pid_t main_pid;
	int main_status;
	bool main_ended;
	bool silent; /* draining: traced, but nothing shown */
	uint64_t lost; /* events the backend dropped */
};

/* What each call does to fd names, by name. */
static const struct {
	const char *name;
	enum fd_effect effect;
} fd_effects[] = {
	{ "close", FD_CHANGES_ARG0 },	    { "connect", FD_CHANGES_ARG0 },
	{ "bind", FD_CHANGES_ARG0 },	    { "listen", FD_CHANGES_ARG0 },
	{ "shutdown", FD_CHANGES_ARG0 },    { "epoll_ctl", FD_CHANGES_ARG0 },
	{ "timerfd_settime", FD_CHANGES_ARG0 },
	{ "inotify_add_watch", FD_CHANGES_ARG0 },
	{ "inotify_rm_watch", FD_CHANGES_ARG0 },
	{ "signalfd4", FD_CHANGES_ARG0 },   { "signalfd", FD_CHANGES_ARG0 },
	{ "fcntl", FD_CHANGES_ARG0 },	    { "dup2", FD_CHANGES_ARG1 },
	{ "dup3", FD_CHANGES_ARG1 },	    { "close_range", FD_CHANGES_ALL },
};

static void build_effects(struct tracer *t)
{
	enum syscall_arch arch = syscall_arch_native();

	for (size_t i = 0; i < sizeof(fd_effects) / sizeof(*fd_effects); i++) {
		long nr = syscall_table_lookup(arch, fd_effects[i].name);

		if (nr >= 0 && nr < TRACE_SYSCALL_MAX)
			t->effect[nr] = fd_effects[i].effect;
	}
	t->nr_execve = syscall_table_lookup(arch, "execve");
	t->nr_execveat = syscall_table_lookup(arch, "execveat");
}

struct tracer *tracer_new(const struct tracer_options *opt,
			  struct trace_backend *b, volatile sig_atomic_t *stop)
{
	struct tracer *t = xcalloc(1, sizeof(*t));

	t->opt = *opt;
	t->b = b;
	t->stop = stop;
	t->many = opt->pid_prefix;
	hashmap_init(&t->threads);
	fdnames_init(&t->names, opt->partial_view);
	if (opt->summary)
		t->sum = xcalloc(1, sizeof(*t->sum));
	decode_index_build(t->by_nr, TRACE_SYSCALL_MAX);
	build_effects(t);
	trace_out_init(&t->out, opt->out, opt->flush_each);
	return t;
}

static void thread_free(struct tthread *th)
{
	strbuf_release(&th->args);
	json_writer_release(&th->json);
	free(th);
}

static void thread_release(void *v)
{
	thread_free(v);
}

void tracer_free(struct tracer *t)
{
	if (!t)
		return;
	hashmap_release_values(&t->threads, thread_release);
	fdnames_release(&t->names);
	strbuf_release(&t->line);
	free(t->sum);
	free(t);
}

void tracer_hide_until_exec(struct tracer *t, pid_t pid)
{
	t->hidden = pid;
}

/* Whether fd is an argument or the result of the thread's call: what a
 * backend with fd_target saw at the call. */
static bool is_call_fd(const struct decode_call *c, int fd)
{
	for (int i = 0; i < 6; i++)
		if (decode_arg_is_fd(c, i) && (int32_t)c->args[i] == fd)
			return true;
	return c->exiting && c->ret == fd && decode_ret_kind(c) == RET_FD;
}

/* What the backend saw fd was at the call, or NULL: it is read now. The
 * backend knows that of the call's arguments and result, and of the fds
 * the call's own record named; one with no target was not open. */
static const struct fd_seen *seen_fd(struct tthread *th, int fd,
				     struct fd_seen *seen)
{
	struct trace_backend *b = th->tr->b;
	int rc;

	if (!b->ops->fd_target)
		return NULL;
	rc = b->ops->fd_target(b, th->pid, fd, seen);
	if (rc == -EBADF) {
		memset(seen, 0, sizeof(*seen));
		return seen;
	}
	return rc == 1 || (rc == 0 && is_call_fd(&th->call, fd)) ? seen : NULL;
}

static void name_fd_text(void *ctx, int fd, struct strbuf *out)
{
	struct tthread *th = ctx;
	struct fd_seen seen;

	fdnames_text(&th->tr->names, th->pid, fd, seen_fd(th, fd, &seen), out);
}

static void name_fd_json(void *ctx, int fd, struct json_writer *w)
{
	struct tthread *th = ctx;
	struct fd_seen seen;

	fdnames_json(&th->tr->names, th->pid, fd, seen_fd(th, fd, &seen), w);
}

static ssize_t read_tracee(void *ctx, pid_t tid, uint64_t addr, void *buf,
			   size_t len)
{
	struct trace_backend *b = ctx;

	return b->ops->read_memory(b, tid, addr, buf, len);
}

static struct tthread *thread_of(struct tracer *t, const struct trace_event *ev)
{
	struct tthread *th = hashmap_get(&t->threads, (uint64_t)ev->tid);

	if (th)
		return th;
	th = xcalloc(1, sizeof(*th));
	th->tr = t;
	th->tid = ev->tid;
	th->pid = ev->pid;
	hashmap_put(&t->threads, (uint64_t)ev->tid, th);
	/* a child traced only for the seccomp filter does not count */
	if (t->opt.only_pid && ev->pid != t->opt.only_pid)
		return th;
	if (!t->first_tid)
		t->first_tid = ev->tid;
	else if (ev->tid != t->first_tid)
		t->many = true;
	return th;
}

static struct tthread *thread_take(struct tracer *t, pid_t tid)
{
	return hashmap_remove(&t->threads, (uint64_t)tid);
}

static void thread_drop(struct tracer *t, pid_t tid)
{
	struct tthread *th = thread_take(t, tid);

	if (th)
		thread_free(th);
}

/* Another thread is about to print: end the line left open, with ", "
 * when its call has arguments to come, as strace does. */
static void close_open_line(struct tracer *t, pid_t tid, const char *why)
{
	struct tthread *open;

	if (!t->open_tid || t->open_tid == tid)
		return;
	open = hashmap_get(&t->threads, (uint64_t)t->open_tid);
	if (open && open->in_call && decode_more_args(&open->call))
		trace_out_write(&t->out, ", ", 2);
	trace_out_write(&t->out, why, strlen(why));
	t->open_tid = 0;
}

static void line_start(struct tracer *t, const struct tthread *th,
		       const struct timespec *wall)
{
	strbuf_reset(&t->line);
	trace_format_prefix(&t->line, t->opt.timestamps, wall, &t->last_wall,
			     t->many ? th->tid : 0);
}

/* A launched command's own set-up, before its execve. */
static bool before_exec(const struct tracer *t, const struct tthread *th)
{
	return t->hidden && th->pid == t->hidden;
}

/* Nothing of this thread is shown: before its exec, a child traced only
 * for the seccomp filter's sake, or everything once the trace ended but
 * the command goes on (tracer_drain). */
static bool hidden(const struct tracer *t, const struct tthread *th)
{
	return t->silent || before_exec(t, th) ||
	       (t->opt.only_pid && th->pid != t->opt.only_pid);
}

static bool passes_fd_filter(const struct tracer *t, const struct tthread *th)
{
	if (t->opt.fd_filter < 0)
		return true;
	for (int i = 0; i < 6; i++)
		if (decode_arg_is_fd(&th->call, i) &&
		    (int32_t)th->call.args[i] == t->opt.fd_filter)
			return true;
	return false;
}

/* The decoder of the call; none for another ABI's numbers. */
static const struct syscall_spec *spec_of(const struct tracer *t,
					  const struct trace_event *ev)
{
	if (ev->compat || ev->nr < 0 || ev->nr >= TRACE_SYSCALL_MAX)
		return NULL;
	return t->by_nr[ev->nr];
}

/* What every call keeps, shown or not: enough to follow what it does to
 * fds, to filter on its fds and to count it. */
static void keep_call(struct tracer *t, struct tthread *th,
		      const struct trace_event *ev)
{
	struct decode_call *c = &th->call;

	c->nr = ev->nr;
	memcpy(c->args, ev->args, sizeof(c->args));
	c->spec = spec_of(t, ev);
	c->compat = ev->compat;
	c->ret_kind_set = false;
}

/* A call to be shown: its decoding starts afresh. */
static void begin_call(struct tracer *t, struct tthread *th,
		       const struct trace_event *ev)
{
	struct decode_call *c = &th->call;

	decode_call_clear(c);
	keep_call(t, th, ev);
	c->pid = th->pid;
	c->tid = th->tid;
	c->name = c->compat ? NULL
			    : syscall_table_name(syscall_arch_native(), ev->nr);
	c->strsize = t->opt.strsize;
	c->read = read_tracee;
	c->read_ctx = t->b;
	strbuf_reset(&th->args);
	if (t->opt.json) {
		json_writer_release(&th->json);
		json_writer_init(&th->json, NULL, false);
		dout_init(&th->out, DOUT_JSON, NULL, &th->json);
	} else {
		dout_init(&th->out, DOUT_TEXT, &th->args, NULL);
	}
	if (t->opt.annotate) {
		th->out.namer.text = name_fd_text;
		th->out.namer.json = name_fd_json;
		th->out.namer.ctx = th;
	}
}

bool tracer_wants_times(const struct tracer_options *opt)
{
	return opt->show_duration || opt->summary || opt->json ||
	       opt->timestamps != TRACE_TS_NONE;
}

/* The wall-clock time of ev: when the backend stamped it (its monotonic
 * time_ns), so that a backend reading its events late (eBPF, behind a
 * busy tracee) still shows when the call was made; else now. */
static void event_wall(const struct trace_event *ev, struct timespec *wall)
{
	uint64_t ns = clock_ns(CLOCK_REALTIME), mono;

	if (ev->time_ns) {
		mono = clock_ns(CLOCK_MONOTONIC);
		if (mono > ev->time_ns)
			ns -= mono - ev->time_ns;
	}
	wall->tv_sec = (time_t)(ns / 1000000000u);
	wall->tv_nsec = (long)(ns % 1000000000u);
}

static void on_enter(struct tracer *t, struct tthread *th,
		     const struct trace_event *ev)
{
	bool live;

	th->in_call = true;
	th->entry_printed = false;
	th->enter_ns = ev->time_ns;
	if (before_exec(t, th) &&
	    (ev->nr == t->nr_execve || ev->nr == t->nr_execveat))
		t->hidden = 0;
	/* another ABI's number names another call: shown only unfiltered */
	th->shown = !hidden(t, th) && !t->limit_reached &&
		    (ev->compat ? t->opt.filter.all
				: trace_filter_has(&t->opt.filter, ev->nr));
	if (!th->shown || t->opt.summary) {
		keep_call(t, th, ev);
		if (th->shown) /* counted by -c */
			th->shown = passes_fd_filter(t, th);
		return;
	}
	/* the clock only where a line shows it (a tenth of dscope's own time
	 * on a busy loop otherwise) */
	if (t->opt.timestamps != TRACE_TS_NONE || t->opt.json)
		event_wall(ev, &th->enter_wall);
	begin_call(t, th, ev);
	th->shown = passes_fd_filter(t, th);
	if (!th->shown)
		return;
	if (t->opt.json) {
		trace_format_json_begin(&th->json, th->pid, th->tid,
					 &th->enter_wall, &th->call);
		decode_args(&th->call, &th->out);
		return;
	}
	decode_args(&th->call, &th->out);
	/* The first half goes out now, so a call that blocks shows; not
	 * with a status filter, which needs the result first. */
	live = t->opt.filter.status == TRACE_STATUS_ANY;
	if (!live)
		return;
	close_open_line(t, th->tid, " <unfinished ...>\n");
	line_start(t, th, &th->enter_wall);
	trace_format_call_name(&t->line, &th->call);
	strbuf_add(&t->line, th->args.buf, th->args.len);
	trace_out_write(&t->out, t->line.buf, t->line.len);
	th->entry_printed = true;
	t->open_tid = th->tid;
}

static bool status_passes(const struct tracer *t, int64_t ret)
{
	bool failed = ret < 0 && ret >= -4095;

	switch (t->opt.filter.status) {
	case TRACE_STATUS_FAILED:
		return failed;
	case TRACE_STATUS_SUCCESSFUL:
		return !failed;
	default:
		return true;
	}
}

static void apply_fd_effects(struct tracer *t, struct tthread *th,
			     const struct decode_call *c, int64_t ret)
{
	long nr = c->nr;

	if (c->compat || nr < 0 || nr >= TRACE_SYSCALL_MAX)
		return;
	switch (t->effect[nr]) {
	case FD_CHANGES_ARG0:
		fdnames_forget(&t->names, th->pid, (int32_t)c->args[0]);
		break;
	case FD_CHANGES_ARG1:
		fdnames_forget(&t->names, th->pid, (int32_t)c->args[1]);
		break;
	case FD_CHANGES_ALL:
		fdnames_forget_pid(&t->names, th->pid);
		break;
	}
	/* a new fd: whatever had this number before is gone */
	if (ret >= 0 && decode_ret_kind(c) == RET_FD)
		fdnames_forget(&t->names, th->pid, (int)ret);
}

/* Ends the call's text line: the rest of the arguments, the result. */
static void finish_text(struct tracer *t, struct tthread *th, size_t rest,
			bool returned, uint64_t exit_ns)
{
	if (t->open_tid == th->tid) {
		strbuf_reset(&t->line);
	} else {
		struct timespec now;

		close_open_line(t, th->tid, " <unfinished ...>\n");
		/* a resumed half is stamped when it is printed, as strace does */
		if (th->entry_printed)
			clock_gettime(CLOCK_REALTIME, &now);
		line_start(t, th, th->entry_printed ? &now : &th->enter_wall);
		if (th->entry_printed) {
			trace_format_resumed(&t->line, &th->call);
			/* the unfinished half ended with the separator */
			if (th->args.len - rest >= 2 &&
			    memcmp(th->args.buf + rest, ", ", 2) == 0)
				rest += 2;
		} else {
			trace_format_call_name(&t->line, &th->call);
			rest = 0;
		}
	}
	strbuf_add(&t->line, th->args.buf + rest, th->args.len - rest);
	strbuf_adds(&t->line, ") = ");
	if (returned)
		trace_format_ret(&t->line, &th->call, &th->out);
	else
		strbuf_adds(&t->line, "?");
	if (t->opt.show_duration && returned)
		trace_format_duration(&t->line, exit_ns - th->enter_ns);
	strbuf_addc(&t->line, '\n');
	trace_out_write(&t->out, t->line.buf, t->line.len);
	t->open_tid = 0;
}

static void finish_json(struct tracer *t, struct tthread *th, bool returned,
			uint64_t exit_ns)
{
	trace_format_json_end(&th->json, &th->call, &th->out, returned,
			       exit_ns - th->enter_ns);
	trace_out_write(&t->out, th->json.buf.buf, th->json.buf.len);
	strbuf_reset(&th->json.buf);
}

static void count_shown(struct tracer *t)
{
	if (t->opt.limit && ++t->shown >= t->opt.limit)
		t->limit_reached = true;
}

static void on_exit_call(struct tracer *t, struct tthread *th,
			 const struct trace_event *ev)
{
	struct decode_call *c = &th->call;
	size_t rest;

	if (!th->in_call)
		return; /* attached in the middle of it */
	th->in_call = false;
	if (t->silent)
		return; /* the trace ended: a call begun before stays unsaid */
	if (t->opt.summary) {
		if (th->shown)
			summary_add(t->sum, th->call.nr,
				    ev->time_ns - th->enter_ns, ev->ret);
		return;
	}
	if (!th->shown) {
		apply_fd_effects(t, th, c, ev->ret);
		return;
	}
	c->ret = ev->ret;
	c->exiting = true;
	apply_fd_effects(t, th, c, ev->ret);
	if (!status_passes(t, ev->ret)) {
		if (t->open_tid == th->tid)
			t->open_tid = 0; /* not printed: nothing open */
		return;
	}
	rest = th->args.len;
	decode_args(c, &th->out);
	if (t->opt.json)
		finish_json(t, th, true, ev->time_ns);
	else
		finish_text(t, th, rest, true, ev->time_ns);
	count_shown(t);
}

/* A call whose exit will never be seen (exit_group, a thread gone): its
 * line ends with "= ?". */
static void end_unreturned(struct tracer *t, struct tthread *th, uint64_t ns)
{
	bool printed = th->in_call && th->shown && !t->opt.summary &&
		       !t->silent && t->opt.filter.status == TRACE_STATUS_ANY;

	th->in_call = false;
	if (!printed)
		return;
	if (t->opt.json)
		finish_json(t, th, false, ns);
	else
		finish_text(t, th, th->args.len, false, ns);
}

static void on_signal(struct tracer *t, struct tthread *th,
		      const struct trace_event *ev)
{
	struct timespec now;

	if (hidden(t, th) || t->opt.summary || t->limit_reached)
		return;
	event_wall(ev, &now);
	if (t->opt.json) {
		strbuf_reset(&t->line);
		trace_format_json_signal(&t->line, ev, &now);
	} else {
		close_open_line(t, th->tid, " <unfinished ...>\n");
		line_start(t, th, &now);
		trace_format_signal(&t->line, ev);
	}
	trace_out_write(&t->out, t->line.buf, t->line.len);
}

static void on_thread_exit(struct tracer *t, struct tthread *th,
			   const struct trace_event *ev)
{
	struct timespec now;

	if (th->tid == t->main_pid) {
		t->main_ended = true;
		t->main_status = (int)ev->ret;
	}
	end_unreturned(t, th, ev->time_ns);
	if (th->tid == th->pid && !hidden(t, th) && !t->opt.summary &&
	    !t->opt.json) {
		event_wall(ev, &now);
		close_open_line(t, th->tid, " <unfinished ...>\n");
		line_start(t, th, &now);
		trace_format_exit(&t->line, (int)ev->ret);
		trace_out_write(&t->out, t->line.buf, t->line.len);
	}
	if (t->open_tid == th->tid)
		t->open_tid = 0;
	if (th->tid == th->pid) /* the process is gone, not just a thread */
		fdnames_forget_pid(&t->names, th->pid);
	thread_drop(t, th->tid);
}

static void on_exec(struct tracer *t, struct tthread *th,
		    const struct trace_event *ev)
{
	pid_t old = (pid_t)ev->ret;

	fdnames_forget_pid(&t->names, th->pid);
	if (before_exec(t, th))
		t->hidden = 0;
	if (old && old != th->tid) {
		/* A thread exec'd: it goes on under the leader's tid, whose
		 * own call will never end. */
		struct tthread *o = hashmap_get(&t->threads, (uint64_t)old);

		if (!o)
			return;
		if (t->open_tid == th->tid || t->open_tid == old)
			close_open_line(t, 0, " <unfinished ...>\n");
		o = thread_take(t, old);
		thread_drop(t, th->tid);
		o->tid = ev->tid;
		o->call.tid = ev->tid;
		hashmap_put(&t->threads, (uint64_t)ev->tid, o);
	}
}

static void handle(struct tracer *t, const struct trace_event *ev)
{
	struct tthread *th;

	if (ev->type == TRACE_LOST) { /* no thread's */
		t->lost += (uint64_t)ev->ret;
		return;
	}
	th = thread_of(t, ev);
	switch (ev->type) {
	case TRACE_SYSCALL_ENTER:
		end_unreturned(t, th, ev->time_ns); /* if its exit was lost */
		on_enter(t, th, ev);
		break;
	case TRACE_SYSCALL_EXIT:
		/* the exit of another call: events were lost in between */
		if (ev->exit_nr && ev->nr >= 0 && th->in_call &&
		    th->call.nr != ev->nr) {
			end_unreturned(t, th, ev->time_ns);
			break;
		}
		on_exit_call(t, th, ev);
		break;
	case TRACE_SIGNAL:
	case TRACE_GROUP_STOP:
		on_signal(t, th, ev);
		break;
	case TRACE_THREAD_EXIT:
		on_thread_exit(t, th, ev);
		break;
	case TRACE_EXEC:
		on_exec(t, th, ev);
		break;
	case TRACE_LOST:
		break;
	}
}

/* A live output is flushed when the tracer would wait, not after each
 * piece: a blocked call shows at once, a busy one costs no write per
 * line. */
static int next_event(struct tracer *t, struct trace_event *ev)
{
	int rc;

	if (!t->out.live)
		return t->b->ops->next_event(t->b, ev, true);
	rc = t->b->ops->next_event(t->b, ev, false);
	if (rc != -EAGAIN)
		return rc;
	trace_out_flush(&t->out);
	return t->b->ops->next_event(t->b, ev, true);
}

/* Handles events until nothing is traced or until stop (when set). */
static enum tracer_end run_loop(struct tracer *t, bool stoppable)
{
	struct trace_event ev;

	for (;;) {
		int rc;

		if (stoppable && (*t->stop || t->limit_reached))
			return TRACER_END_STOPPED;
		rc = next_event(t, &ev);
		if (rc == -EINTR)
			continue;
		if (rc == -ECHILD)
			return TRACER_END_NOTHING_LEFT;
		if (rc < 0)
			return TRACER_END_ERROR;
		handle(t, &ev);
		if (stoppable && t->out.error)
			return TRACER_END_STOPPED; /* tracer_output_error says */
	}
}

static void end_output(struct tracer *t, pid_t main_pid, int *status)
{
	if (t->open_tid)
		close_open_line(t, 0, " <detached ...>\n");
	trace_out_flush(&t->out);
	if (status && main_pid && t->main_ended)
		*status = t->main_status;
}

enum tracer_end tracer_run(struct tracer *t, pid_t main_pid, int *status)
{
	enum tracer_end end;

	t->main_pid = main_pid;
	end = run_loop(t, true);
	end_output(t, main_pid, status);
	return end;
}

enum tracer_end tracer_drain(struct tracer *t, int *status)
{
	enum tracer_end end;

	t->silent = true;
	end = run_loop(t, false);
	end_output(t, t->main_pid, status);
	return end;
}

uint64_t tracer_lost(const struct tracer *t)
{
	return t->lost;
}

int tracer_output_error(const struct tracer *t)
{
	return t->out.error;
}

void tracer_detach(struct tracer *t)
{
	t->b->ops->detach_all(t->b);
}

void tracer_print_summary(struct tracer *t)
{
	if (t->sum)
		summary_print(t->sum, t->opt.out, t->opt.json);
	trace_out_flush(&t->out);
}
