/* Signalfds ("anon_inode:[signalfd]"): the signals read through them.
 *
 * fdinfo on Linux 6.18 is one line, the mask in 16 hex digits, bit N-1
 * for signal N (like SigBlk in /proc/PID/status):
 *
 *	sigmask:	8000000200000a01
 *
 * (HUP, USR1, USR2, 34 and 64). SIGKILL and SIGSTOP never appear. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "fd/anon_parse.h"
#include "fd/fd.h"

/* Linux x86_64 (and every architecture but alpha, mips, parisc, sparc) */
static const char *const signal_names[32] = {
	[1] = "SIGHUP",	    [2] = "SIGINT",	[3] = "SIGQUIT",
	[4] = "SIGILL",	    [5] = "SIGTRAP",	[6] = "SIGABRT",
	[7] = "SIGBUS",	    [8] = "SIGFPE",	[9] = "SIGKILL",
	[10] = "SIGUSR1",   [11] = "SIGSEGV",	[12] = "SIGUSR2",
	[13] = "SIGPIPE",   [14] = "SIGALRM",	[15] = "SIGTERM",
	[16] = "SIGSTKFLT", [17] = "SIGCHLD",	[18] = "SIGCONT",
	[19] = "SIGSTOP",   [20] = "SIGTSTP",	[21] = "SIGTTIN",
	[22] = "SIGTTOU",   [23] = "SIGURG",	[24] = "SIGXCPU",
	[25] = "SIGXFSZ",   [26] = "SIGVTALRM", [27] = "SIGPROF",
	[28] = "SIGWINCH",  [29] = "SIGIO",	[30] = "SIGPWR",
	[31] = "SIGSYS",
};

/* glibc's SIGRTMIN: 32 and 33 are its own (thread cancellation, setxid) */
#define RTMIN 34

const char *signalfd_signal_name(int sig, char *buf, size_t size)
{
	if (sig > 0 && sig < 32)
		snprintf(buf, size, "%s", signal_names[sig]);
	else if (sig == RTMIN)
		snprintf(buf, size, "SIGRTMIN");
	else if (sig > RTMIN && sig <= 64)
		snprintf(buf, size, "SIGRTMIN+%d", sig - RTMIN);
	else
		snprintf(buf, size, "SIG%d", sig);
	return buf;
}

int signalfd_fdinfo_parse(const char *buf, size_t len, struct signalfd_info *s)
{
	memset(s, 0, sizeof(*s));
	if (!anon_key_u64(buf, buf + len, "sigmask", 16, &s->sigmask))
		return -EINVAL;
	return 0;
}

static bool probe_signalfd(const struct fd *fd)
{
	return anon_target_is(fd->target, "signalfd");
}

static int parse_signalfd(struct fd *fd, const char *extra, size_t len)
{
	struct signalfd_info *s = xmalloc(sizeof(*s));
	int err = signalfd_fdinfo_parse(extra, len, s);

	if (err) {
		free(s);
		return err;
	}
	fd->priv = s;
	return 0;
}

static void describe_signalfd(const struct fd *fd, struct snapshot *snap,
			      struct strbuf *out)
{
	const struct signalfd_info *s = fd->priv;
	char name[32];

	(void)snap;
	strbuf_adds(out, "signalfd");
	if (!s)
		return;
	if (!s->sigmask) {
		strbuf_adds(out, " (no signals)");
		return;
	}
	for (int sig = 1; sig <= 64; sig++) {
		if (!(s->sigmask & (1ull << (sig - 1))))
			continue;
		signalfd_signal_name(sig, name, sizeof(name));
		strbuf_addc(out, ' ');
		strbuf_adds(out, name + 3); /* without "SIG" */
	}
}

static void emit_signalfd(const struct fd *fd, struct snapshot *snap,
			  struct sink *s)
{
	const struct signalfd_info *si = fd->priv;
	char name[32];

	(void)snap;
	if (!si) {
		sink_null(s, "signals");
		return;
	}
	sink_begin_array(s, "signals");
	for (int sig = 1; sig <= 64; sig++)
		if (si->sigmask & (1ull << (sig - 1)))
			sink_cstr(
				s, NULL,
				signalfd_signal_name(sig, name, sizeof(name)));
	sink_end_array(s);
}

const struct fd_class fd_class_signalfd = {
	.kind = "signalfd",
	.needs = FD_NEED_FDINFO,
	.probe = probe_signalfd,
	.parse = parse_signalfd,
	.describe = describe_signalfd,
	.emit = emit_signalfd,
};
