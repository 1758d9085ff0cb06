#include "render/trace_format.h"

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>

#include "decode/syscall_table.h"
#include "trace/tracer.h"

void trace_format_prefix(struct strbuf *sb, int timestamps,
			 const struct timespec *now, struct timespec *last,
			 pid_t tid)
{
	struct tm tm;
	char buf[32];

	if (tid)
		strbuf_addf(sb, "[pid %5d] ", (int)tid);
	switch (timestamps) {
	case TRACE_TS_TIME:
	case TRACE_TS_TIME_US:
		localtime_r(&now->tv_sec, &tm);
		strftime(buf, sizeof(buf), "%H:%M:%S", &tm);
		strbuf_adds(sb, buf);
		if (timestamps == TRACE_TS_TIME_US)
			strbuf_addf(sb, ".%06ld", now->tv_nsec / 1000);
		strbuf_addc(sb, ' ');
		break;
	case TRACE_TS_EPOCH:
		strbuf_addf(sb, "%lld.%06ld ", (long long)now->tv_sec,
			    now->tv_nsec / 1000);
		break;
	case TRACE_TS_RELATIVE: {
		long long s = 0;
		long us = 0;

		if (last->tv_sec || last->tv_nsec) {
			int64_t ns = (int64_t)(now->tv_sec - last->tv_sec) *
					     1000000000 +
				     (now->tv_nsec - last->tv_nsec);

			if (ns < 0)
				ns = 0;
			s = ns / 1000000000;
			us = (long)(ns % 1000000000 / 1000);
		}
		strbuf_addf(sb, "%6lld.%06ld ", s, us);
		break;
	}
	default:
		break;
	}
	*last = *now;
}

static const char *call_name(const struct decode_call *c, char *buf,
			     size_t size)
{
	if (c->compat) {
		snprintf(buf, size, "syscall_32:%ld", c->nr);
		return buf;
	}
	return syscall_table_format(syscall_arch_native(), c->nr, buf, size);
}

void trace_format_call_name(struct strbuf *sb, const struct decode_call *c)
{
	char buf[SYSCALL_TABLE_BUF_SIZE];

	strbuf_adds(sb, call_name(c, buf, sizeof(buf)));
	strbuf_addc(sb, '(');
}

void trace_format_resumed(struct strbuf *sb, const struct decode_call *c)
{
	char buf[SYSCALL_TABLE_BUF_SIZE];

	strbuf_addf(sb, "<... %s resumed>", call_name(c, buf, sizeof(buf)));
}

static bool is_error(int64_t ret)
{
	return ret < 0 && ret >= -4095;
}

/* Codes the kernel turns into a restart: the call did not return. */
static bool is_restart(int64_t err)
{
	return err >= 512 && err <= 516;
}

void trace_format_ret(struct strbuf *sb, const struct decode_call *c,
		      struct dout *o)
{
	int64_t r = c->ret;
	enum ret_kind kind = decode_ret_kind(c);

	if (kind == RET_NONE) {
		strbuf_adds(sb, "?");
		return;
	}
	if (is_error(r)) {
		const char *name = decode_errno_name(-r);
		const char *text = decode_errno_text(-r);

		if (is_restart(-r))
			strbuf_adds(sb, "?");
		else
			strbuf_adds(sb, "-1");
		if (name)
			strbuf_addf(sb, " %s", name);
		else
			strbuf_addf(sb, " E%lld", (long long)-r);
		if (text)
			strbuf_addf(sb, " (%s)", text);
		return;
	}
	switch (kind) {
	case RET_FD:
		strbuf_add_i64(sb, r);
		if (o->namer.text) {
			strbuf_addc(sb, '<');
			o->namer.text(o->namer.ctx, (int)r, sb);
			strbuf_addc(sb, '>');
		}
		break;
	case RET_HEX:
		strbuf_add_hex(sb, (uint64_t)r);
		break;
	case RET_OCT:
		strbuf_addf(sb, "%#03llo", (unsigned long long)r);
		break;
	case RET_UINT:
		strbuf_add_u64(sb, (uint64_t)r);
		break;
	default:
		strbuf_add_i64(sb, r);
	}
	if (c->ret_note)
		strbuf_addf(sb, " (%s)", c->ret_note);
}

void trace_format_duration(struct strbuf *sb, uint64_t ns)
{
	strbuf_addf(sb, " <%llu.%06llu>", (unsigned long long)(ns / 1000000000),
		    (unsigned long long)(ns % 1000000000 / 1000));
}

static const char *si_code_name(int sig, int code)
{
	switch (code) {
	case SI_USER:
		return "SI_USER";
	case SI_KERNEL:
		return "SI_KERNEL";
	case SI_QUEUE:
		return "SI_QUEUE";
	case SI_TIMER:
		return "SI_TIMER";
	case SI_MESGQ:
		return "SI_MESGQ";
	case SI_ASYNCIO:
		return "SI_ASYNCIO";
	case SI_SIGIO:
		return "SI_SIGIO";
	case SI_TKILL:
		return "SI_TKILL";
	}
	if (sig == SIGCHLD) {
		static const char *const cld[] = {
			NULL,	     "CLD_EXITED",  "CLD_KILLED",
			"CLD_DUMPED", "CLD_TRAPPED", "CLD_STOPPED",
			"CLD_CONTINUED",
		};

		if (code > 0 && code < 7)
			return cld[code];
	}
	if (sig == SIGSEGV && (code == SEGV_MAPERR || code == SEGV_ACCERR))
		return code == SEGV_MAPERR ? "SEGV_MAPERR" : "SEGV_ACCERR";
	return NULL;
}

static void put_signal_name(struct strbuf *sb, int sig)
{
	char buf[24];

	strbuf_adds(sb, decode_signal_text(sig, buf, sizeof(buf)));
}

void trace_format_signal(struct strbuf *sb, const struct trace_event *ev)
{
	const char *code = si_code_name((int)ev->nr, ev->sig_code);

	strbuf_adds(sb, "--- ");
	if (ev->type == TRACE_GROUP_STOP) {
		strbuf_adds(sb, "stopped by ");
		put_signal_name(sb, (int)ev->nr);
		strbuf_adds(sb, " ---\n");
		return;
	}
	put_signal_name(sb, (int)ev->nr);
	strbuf_adds(sb, " {si_signo=");
	put_signal_name(sb, (int)ev->nr);
	if (code)
		strbuf_addf(sb, ", si_code=%s", code);
	else
		strbuf_addf(sb, ", si_code=%d", ev->sig_code);
	/* a sender is known for kill, tgkill, sigqueue and a child's end */
	if (ev->sig_code == SI_USER || ev->sig_code == SI_TKILL ||
	    ev->sig_code == SI_QUEUE || ev->nr == SIGCHLD)
		strbuf_addf(sb, ", si_pid=%d, si_uid=%u", (int)ev->sig_pid,
			    (unsigned)ev->sig_uid);
	if (ev->nr == SIGCHLD)
		strbuf_addf(sb, ", si_status=%d", ev->sig_status);
	strbuf_adds(sb, "} ---\n");
}

void trace_format_exit(struct strbuf *sb, int status)
{
	if (WIFSIGNALED(status)) {
		strbuf_adds(sb, "+++ killed by ");
		put_signal_name(sb, WTERMSIG(status));
		strbuf_adds(sb, WCOREDUMP(status) ? " (core dumped) +++\n"
						  : " +++\n");
	} else {
		strbuf_addf(sb, "+++ exited with %d +++\n",
			    WEXITSTATUS(status));
	}
}

static uint64_t wall_us(const struct timespec *wall)
{
	return (uint64_t)wall->tv_sec * 1000000u +
	       (uint64_t)wall->tv_nsec / 1000u;
}

void trace_format_json_begin(struct json_writer *w, pid_t pid, pid_t tid,
			     const struct timespec *wall,
			     const struct decode_call *c)
{
	char buf[SYSCALL_TABLE_BUF_SIZE];

	json_begin_object(w, NULL);
	json_u64(w, "time_us", wall_us(wall));
	json_i64(w, "pid", pid);
	json_i64(w, "tid", tid);
	json_cstr(w, "syscall", call_name(c, buf, sizeof(buf)));
	json_i64(w, "nr", c->nr);
	json_begin_object(w, "args");
}

void trace_format_json_end(struct json_writer *w, const struct decode_call *c,
			   struct dout *o, bool returned, uint64_t ns)
{
	json_end_object(w); /* args */
	if (!returned) {
		json_null(w, "ret");
	} else if (is_error(c->ret)) {
		const char *name = decode_errno_name(-c->ret);
		const char *text = decode_errno_text(-c->ret);

		json_i64(w, "ret", -1);
		json_i64(w, "errno", -c->ret);
		if (name)
			json_cstr(w, "error", name);
		if (text)
			json_cstr(w, "message", text);
	} else {
		json_i64(w, "ret", c->ret);
		if (decode_ret_kind(c) == RET_FD && o->namer.json) {
			json_begin_object(w, "ret_fd");
			json_i64(w, "fd", c->ret);
			o->namer.json(o->namer.ctx, (int)c->ret, w);
			json_end_object(w);
		}
		if (c->ret_note)
			json_cstr(w, "note", c->ret_note);
	}
	if (returned)
		json_u64(w, "duration_us", ns / 1000);
	json_end_object(w);
}

void trace_format_json_signal(struct strbuf *sb, const struct trace_event *ev,
			      const struct timespec *wall)
{
	const char *code = si_code_name((int)ev->nr, ev->sig_code);
	struct strbuf name = STRBUF_INIT;
	struct json_writer w;

	put_signal_name(&name, (int)ev->nr);
	json_writer_init(&w, NULL, false);
	json_begin_object(&w, NULL);
	json_u64(&w, "time_us", wall_us(wall));
	json_i64(&w, "pid", ev->pid);
	json_i64(&w, "tid", ev->tid);
	json_cstr(&w, ev->type == TRACE_GROUP_STOP ? "stopped_by" : "signal",
		  name.buf);
	if (ev->type == TRACE_SIGNAL) {
		if (code)
			json_cstr(&w, "si_code", code);
		else
			json_i64(&w, "si_code", ev->sig_code);
		json_i64(&w, "si_pid", ev->sig_pid);
		json_u64(&w, "si_uid", ev->sig_uid);
	}
	json_end_object(&w);
	strbuf_add(sb, w.buf.buf, w.buf.len);
	json_writer_release(&w);
	strbuf_release(&name);
}
