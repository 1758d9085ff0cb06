#include "decode/blocked.h"

#include <limits.h>
#include <string.h>

#include "decode/syscall_table.h"

/* How to show each argument of the calls a process is commonly blocked
 * in; other calls show their name and raw arguments. */
enum arg {
	END = 0,
	FD, /* named by the caller */
	PTR, /* an address */
	INT, /* signed */
	UINT,
	MSEC, /* a timeout in milliseconds, -1 forever */
	CLOCK, /* clockid_t */
	FUTEX_OP,
	HEX,
};

struct call_spec {
	const char *name;
	enum blocked_kind kind;
	enum arg args[6];
};

static const struct call_spec specs[] = {
	{ "epoll_wait", BLOCKED_EPOLL, { FD, PTR, INT, MSEC } },
	{ "epoll_pwait", BLOCKED_EPOLL, { FD, PTR, INT, MSEC, PTR, UINT } },
	{ "epoll_pwait2", BLOCKED_EPOLL, { FD, PTR, INT, PTR, PTR, UINT } },
	{ "poll", BLOCKED_POLL, { PTR, UINT, MSEC } },
	{ "ppoll", BLOCKED_POLL, { PTR, UINT, PTR, PTR, UINT } },
	{ "select", BLOCKED_SELECT, { INT, PTR, PTR, PTR, PTR } },
	{ "pselect6", BLOCKED_SELECT, { INT, PTR, PTR, PTR, PTR, PTR } },
	{ "read", BLOCKED_IO, { FD, PTR, UINT } },
	{ "write", BLOCKED_IO, { FD, PTR, UINT } },
	{ "pread64", BLOCKED_IO, { FD, PTR, UINT, INT } },
	{ "pwrite64", BLOCKED_IO, { FD, PTR, UINT, INT } },
	{ "readv", BLOCKED_IO, { FD, PTR, INT } },
	{ "writev", BLOCKED_IO, { FD, PTR, INT } },
	{ "recvfrom", BLOCKED_IO, { FD, PTR, UINT, HEX, PTR, PTR } },
	{ "recvmsg", BLOCKED_IO, { FD, PTR, HEX } },
	{ "recvmmsg", BLOCKED_IO, { FD, PTR, UINT, HEX, PTR } },
	{ "sendto", BLOCKED_IO, { FD, PTR, UINT, HEX, PTR, INT } },
	{ "sendmsg", BLOCKED_IO, { FD, PTR, HEX } },
	{ "connect", BLOCKED_IO, { FD, PTR, INT } },
	{ "flock", BLOCKED_IO, { FD, INT } },
	{ "io_uring_enter", BLOCKED_IO, { FD, UINT, UINT, HEX, PTR, UINT } },
	{ "accept", BLOCKED_ACCEPT, { FD, PTR, PTR } },
	{ "accept4", BLOCKED_ACCEPT, { FD, PTR, PTR, HEX } },
	{ "nanosleep", BLOCKED_SLEEP, { PTR, PTR } },
	{ "clock_nanosleep", BLOCKED_SLEEP, { CLOCK, HEX, PTR, PTR } },
	{ "futex", BLOCKED_FUTEX, { PTR, FUTEX_OP, INT, PTR, PTR, INT } },
	{ "wait4", BLOCKED_CHILD, { INT, PTR, HEX, PTR } },
	{ "waitid", BLOCKED_CHILD, { INT, INT, PTR, HEX, PTR } },
	{ "pause", BLOCKED_SIGNAL, { END } },
	{ "rt_sigsuspend", BLOCKED_SIGNAL, { PTR, UINT } },
	{ "rt_sigtimedwait", BLOCKED_SIGNAL, { PTR, PTR, PTR, UINT } },
};

static const struct call_spec *spec_of(const char *name)
{
	for (size_t i = 0; name && i < sizeof(specs) / sizeof(*specs); i++)
		if (strcmp(specs[i].name, name) == 0)
			return &specs[i];
	return NULL;
}

void blocked_classify(const struct proc_syscall *sc, struct blocked_call *b)
{
	const struct call_spec *spec;

	memset(b, 0, sizeof(*b));
	b->fd = -1;
	b->timeout_ms = INT64_MIN;
	if (sc->state != PROC_SYSCALL_IN) {
		b->kind = BLOCKED_NONE;
		return;
	}
	b->nr = sc->nr;
	b->name = syscall_table_name(syscall_arch_native(), sc->nr);
	spec = spec_of(b->name);
	b->kind = spec ? spec->kind : BLOCKED_OTHER;
	if (spec && spec->args[0] == FD)
		b->fd = (int)(int32_t)sc->args[0];
	switch (b->kind) {
	case BLOCKED_EPOLL:
		if (spec->args[3] == MSEC)
			b->timeout_ms = (int32_t)sc->args[3];
		break;
	case BLOCKED_POLL:
		b->array = sc->args[0];
		b->nfds = sc->args[1];
		if (spec->args[2] == MSEC)
			b->timeout_ms = (int32_t)sc->args[2];
		break;
	case BLOCKED_SELECT:
		b->nfds = (uint64_t)(int32_t)sc->args[0];
		memcpy(b->sets, &sc->args[1], sizeof(b->sets));
		break;
	default:
		break;
	}
}

static const char *clock_name(int64_t c)
{
	static const char *const names[] = {
		"CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_PROCESS_CPUTIME_ID",
		"CLOCK_THREAD_CPUTIME_ID", "CLOCK_MONOTONIC_RAW",
		"CLOCK_REALTIME_COARSE", "CLOCK_MONOTONIC_COARSE",
		"CLOCK_BOOTTIME", "CLOCK_REALTIME_ALARM", "CLOCK_BOOTTIME_ALARM",
	};

	return c >= 0 && c < (int64_t)(sizeof(names) / sizeof(*names))
		       ? names[c]
		       : NULL;
}

static const char *futex_op_name(uint64_t op)
{
	static const char *const names[] = {
		"FUTEX_WAIT", "FUTEX_WAKE", "FUTEX_FD", "FUTEX_REQUEUE",
		"FUTEX_CMP_REQUEUE", "FUTEX_WAKE_OP", "FUTEX_LOCK_PI",
		"FUTEX_UNLOCK_PI", "FUTEX_TRYLOCK_PI", "FUTEX_WAIT_BITSET",
		"FUTEX_WAKE_BITSET", "FUTEX_WAIT_REQUEUE_PI",
		"FUTEX_CMP_REQUEUE_PI", "FUTEX_LOCK_PI2",
	};
	unsigned cmd = (unsigned)(op & 127);

	return cmd < sizeof(names) / sizeof(*names) ? names[cmd] : NULL;
}

static void put_arg(enum arg kind, uint64_t v, blocked_fd_namer namer,
		    void *ctx, unsigned flags, struct strbuf *out)
{
	const char *s;

	switch (kind) {
	case FD:
		strbuf_add_i64(out, (int32_t)v);
		if (namer && (int32_t)v >= 0) {
			strbuf_addc(out, '<');
			namer(ctx, (int)(int32_t)v, out);
			strbuf_addc(out, '>');
		}
		return;
	case INT:
	case MSEC:
		strbuf_add_i64(out, (int32_t)v);
		return;
	case UINT:
		strbuf_add_u64(out, v);
		return;
	case CLOCK:
		s = clock_name((int32_t)v);
		if (s) {
			strbuf_adds(out, s);
			return;
		}
		break;
	case FUTEX_OP:
		s = futex_op_name(v);
		if (s) {
			strbuf_adds(out, s);
			if (v & 128)
				strbuf_adds(out, "_PRIVATE");
			return;
		}
		break;
	case PTR:
		if (v == 0) {
			strbuf_adds(out, "NULL");
			return;
		}
		if (flags & BLOCKED_ELIDE_POINTERS) {
			strbuf_adds(out, "\u2026");
			return;
		}
		break;
	case HEX:
	case END:
		break;
	}
	strbuf_addf(out, "0x%llx", (unsigned long long)v);
}

void blocked_format(const struct proc_syscall *sc, blocked_fd_namer namer,
		    void *ctx, unsigned flags, struct strbuf *out)
{
	char buf[SYSCALL_TABLE_BUF_SIZE];
	const char *name = syscall_table_format(syscall_arch_native(), sc->nr,
						buf, sizeof(buf));
	const struct call_spec *spec = spec_of(name);

	strbuf_adds(out, name);
	strbuf_addc(out, '(');
	for (int i = 0; i < 6; i++) {
		enum arg kind = spec ? spec->args[i] : HEX;

		if (kind == END || (!spec && i == 6))
			break;
		if (i)
			strbuf_adds(out, ", ");
		put_arg(kind, sc->args[i], namer, ctx, flags, out);
	}
	strbuf_addc(out, ')');
}
