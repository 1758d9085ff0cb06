/*
 * fixture-daemon - a small but real daemon for dscope's tests and `make demo`.
 *
 * Usage:
 *   fixture-daemon --pidfile FILE [--log FILE | --journal | --stdout-inherit]
 *                  [--socket PATH] [--port N] [--name NAME] [--interval SEC]
 *                  [--foreground]
 *
 * It daemonizes the classic way so that dscope has a textbook case to
 * recognise:
 *   fork; the parent waits on a readiness pipe and exits 0 only once the
 *   daemon has written its pidfile (non-zero, with the daemon's message,
 *   on failure); the child calls setsid() and forks again, so the daemon is
 *   not a session leader and its session leader is gone; then chdir("/"),
 *   umask(022), stdin from /dev/null, stdout and stderr to:
 *     --log FILE        FILE, opened for append (reopened on SIGHUP)
 *     --journal         a stream to /run/systemd/journal/stdout, as systemd
 *                       sets up for a unit with StandardOutput=journal
 *     --stdout-inherit  whatever the caller gave it
 *     (default)         /dev/null
 * --foreground skips the forks and setsid() only; everything else is the same.
 *
 * Once running it sleeps in epoll_wait(2) (timeout -1) on, in fd order as
 * they come out in practice (tests should look them up, not rely on these):
 *   3  epoll set
 *   4  signalfd for SIGTERM, SIGINT, SIGHUP (blocked with sigprocmask)
 *   5  listening AF_UNIX stream socket (--socket, default
 *      /tmp/fixture-daemon.<pid>.sock)
 *   6  listening TCP socket on 127.0.0.1 (--port, default 0 = ephemeral)
 *   7  read end of a pipe; the write end is held by a helper child (comm
 *      "fixture-helper") that writes "tick\n" every interval and dies with
 *      the daemon (PR_SET_PDEATHSIG); it sleeps in read(2) on its own
 *      timerfd and shares the daemon's stdin/stdout/stderr, so it is a
 *      second writer of the log file or journald stream
 *   8  timerfd, CLOCK_MONOTONIC, every interval (--interval, default 5 s)
 *   9+ accepted connections (also in the epoll set)
 *
 * Protocol on both listeners: every line received is one request and is
 * answered with "ok <n>\n", n counting requests served by this daemon since
 * it started (across all connections). An unterminated last line counts too.
 * The connection is closed on EOF, once the answers are out.
 *
 * Lines it writes to stdout (its log):
 *   started pid <pid> socket <path> port <port>
 *   tick <n>                  every interval
 *   helper: <line>            for each line from the helper pipe
 *   reload                    on SIGHUP
 *   stopping                  on SIGTERM or SIGINT, then it exits 0
 *
 * Files: FILE (the pid) and FILE.port (the TCP port actually bound) are
 * written atomically (tmp + rename), the port file first and the pidfile
 * last, after everything listens and "started" is logged; so a test may
 * wait for the pidfile and then use everything. On SIGTERM/SIGINT the
 * socket, FILE.port and FILE are removed.
 *
 * --name NAME sets the journald identifier and the comm (truncated to 15
 * bytes), so parallel tests can tell their instances apart; the default
 * identifier is "fixture-daemon" and the comm stays the executable's name.
 *
 * Every fd inherited above 2 is closed first, so the fd table is the
 * daemon's own (also with --foreground and --stdout-inherit).
 *
 * Exit status: 0 on a clean stop, 1 on any error (message on stderr).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define PROG "fixture-daemon"
#define JOURNAL_STDOUT "/run/systemd/journal/stdout"
/* Startup-only fds live up here so the daemon's own fds stay 3, 4, ... */
#define HIGH_FD 64
/* Stop reading from a client that does not read its answers. */
#define OUTBUF_MAX (64 * 1024)

enum log_mode { LOG_DEVNULL, LOG_FILE, LOG_JOURNAL, LOG_INHERIT };

enum src_kind {
	SRC_UNIX_LISTEN,
	SRC_TCP_LISTEN,
	SRC_CONN,
	SRC_HELPER,
	SRC_TIMER,
	SRC_SIGNAL,
};

/* epoll_event.data.ptr points at one of these. */
struct source {
	enum src_kind kind;
	int fd;
};

struct conn {
	struct source src; /* first, so a struct source * is a struct conn * */
	char *out;
	size_t out_len, out_cap;
	bool partial; /* bytes received since the last newline */
	bool eof;
	uint32_t events; /* as registered with epoll */
	struct conn *prev, *next;
};

struct opts {
	char *pidfile;
	char *logfile;
	enum log_mode log_mode;
	char *socket_path;
	int port;
	const char *name;
	unsigned interval;
	bool foreground;
};

struct daemon {
	struct opts o;
	char *portfile;
	/* Where startup failures are reported; -1 once running. */
	int report_fd;
	bool report_is_pipe;
	pid_t pid;
	int epfd;
	struct source sig, unix_l, tcp_l, helper, timer;
	pid_t helper_pid;
	char helper_buf[256];
	size_t helper_len;
	int port;
	bool socket_bound, portfile_written, pidfile_written;
	unsigned long long served, ticks;
	/* Kept in a list so they stay reachable (LeakSanitizer) and are freed. */
	struct conn *conns;
};

static void cleanup_files(struct daemon *d)
{
	if (d->socket_bound)
		unlink(d->o.socket_path);
	if (d->portfile_written)
		unlink(d->portfile);
	if (d->pidfile_written)
		unlink(d->o.pidfile);
	d->socket_bound = d->portfile_written = d->pidfile_written = false;
}

static int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Writes one line to stdout, the log; write(2) so nothing sits in a buffer. */
static void say(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	/* A dead log (journald gone) must not stop the daemon. */
	(void)write_all(1, buf, (size_t)n);
}

/*
 * Reports a fatal error and exits 1. During startup the message goes to
 * the caller (through the readiness pipe, or the saved stderr with
 * --foreground), because stderr may already be the log or /dev/null.
 */
__attribute__((format(printf, 2, 3))) static _Noreturn void
fail(struct daemon *d, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n, off = 0;

	if (d && d->report_fd >= 0 && d->report_is_pipe)
		buf[off++] = '-';
	off += snprintf(buf + off, sizeof(buf) - (size_t)off, "%s: ", PROG);
	va_start(ap, fmt);
	n = vsnprintf(buf + off, sizeof(buf) - (size_t)off - 1, fmt, ap);
	va_end(ap);
	if (n > 0)
		off += n;
	if (off > (int)sizeof(buf) - 2)
		off = sizeof(buf) - 2;
	buf[off++] = '\n';
	(void)write_all(d && d->report_fd >= 0 ? d->report_fd : 2, buf,
			(size_t)off);
	if (d) {
		if (d->helper_pid > 0) {
			kill(d->helper_pid, SIGTERM);
			waitpid(d->helper_pid, NULL, 0);
		}
		cleanup_files(d);
	}
	exit(1);
}

static void *xrealloc(struct daemon *d, void *p, size_t n)
{
	p = realloc(p, n);
	if (!p)
		fail(d, "out of memory");
	return p;
}

static char *xasprintf(struct daemon *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static char *xasprintf(struct daemon *d, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		fail(d, "out of memory");
	return s;
}

/* Paths are resolved before chdir("/"), which would change their meaning. */
static char *absolute(const char *path)
{
	char *cwd, *s;

	if (path[0] == '/')
		return xasprintf(NULL, "%s", path);
	cwd = getcwd(NULL, 0);
	if (!cwd)
		fail(NULL, "cannot get the current directory: %s",
		     strerror(errno));
	s = xasprintf(NULL, "%s/%s", cwd, path);
	free(cwd);
	return s;
}

static void close_fds_from(unsigned first)
{
	/* close_range(2) is Linux 5.9+; fall back to a bounded loop. */
	if (close_range(first, ~0U, 0) < 0)
		for (int fd = (int)first; fd < 4096; fd++)
			close(fd);
}

static int move_high(int fd)
{
	int nfd = fcntl(fd, F_DUPFD_CLOEXEC, HIGH_FD);

	if (nfd < 0)
		return fd;
	close(fd);
	return nfd;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: %s --pidfile FILE [--log FILE | --journal | --stdout-inherit]\n"
		"       [--socket PATH] [--port N] [--name NAME] [--interval SEC]\n"
		"       [--foreground]\n",
		PROG);
}

static long parse_num(const char *opt, const char *s, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		fail(NULL, "%s: '%s' is not a number from %ld to %ld", opt, s,
		     min, max);
	return v;
}

static void parse_args(struct opts *o, int argc, char **argv)
{
	enum { O_PIDFILE = 256, O_LOG, O_JOURNAL, O_INHERIT, O_SOCKET, O_PORT,
	       O_NAME, O_INTERVAL, O_FOREGROUND };
	static const struct option longopts[] = {
		{ "pidfile", required_argument, NULL, O_PIDFILE },
		{ "log", required_argument, NULL, O_LOG },
		{ "journal", no_argument, NULL, O_JOURNAL },
		{ "stdout-inherit", no_argument, NULL, O_INHERIT },
		{ "socket", required_argument, NULL, O_SOCKET },
		{ "port", required_argument, NULL, O_PORT },
		{ "name", required_argument, NULL, O_NAME },
		{ "interval", required_argument, NULL, O_INTERVAL },
		{ "foreground", no_argument, NULL, O_FOREGROUND },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int nlog = 0, c;

	memset(o, 0, sizeof(*o));
	o->interval = 5;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case O_PIDFILE:
			o->pidfile = absolute(optarg);
			break;
		case O_LOG:
			o->log_mode = LOG_FILE;
			o->logfile = absolute(optarg);
			nlog++;
			break;
		case O_JOURNAL:
			o->log_mode = LOG_JOURNAL;
			nlog++;
			break;
		case O_INHERIT:
			o->log_mode = LOG_INHERIT;
			nlog++;
			break;
		case O_SOCKET:
			o->socket_path = absolute(optarg);
			break;
		case O_PORT:
			o->port = (int)parse_num("--port", optarg, 0, 65535);
			break;
		case O_NAME:
			o->name = optarg;
			break;
		case O_INTERVAL:
			o->interval = (unsigned)parse_num("--interval", optarg,
							  1, 86400);
			break;
		case O_FOREGROUND:
			o->foreground = true;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			exit(1);
		}
	}
	if (optind < argc)
		fail(NULL, "unexpected argument '%s' (see --help)",
		     argv[optind]);
	if (!o->pidfile)
		fail(NULL, "--pidfile FILE is required (see --help)");
	if (nlog > 1)
		fail(NULL, "--log, --journal and --stdout-inherit exclude each other");
	/* The journald stream header is line based. */
	if (o->name && (!o->name[0] || strchr(o->name, '\n')))
		fail(NULL, "--name must be non-empty and without newlines");
}

/*
 * Starts from a known fd table: 0-2 open (a process started with one of
 * them closed would hand it to a socket) and nothing inherited above 2, so
 * tests see only the daemon's own fds and no harness pipe is held open.
 */
static void sanitize_fds(void)
{
	for (int fd = 0; fd < 3; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		if (open("/dev/null", O_RDWR) != fd)
			fail(NULL, "cannot open /dev/null: %s", strerror(errno));
	}
	close_fds_from(3);
}

/*
 * Runs in the original process: waits until the daemon reports '+' (ready)
 * or '-' and a message, or dies without a word.
 */
static _Noreturn void wait_ready(int fd, pid_t child)
{
	char buf[1024];
	size_t len = 0;

	while (len < sizeof(buf)) {
		ssize_t n = read(fd, buf + len, sizeof(buf) - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
		/* Don't wait for EOF on success: a leaked copy would hang us. */
		if (buf[0] == '+')
			break;
	}
	/* Reap the intermediate child, which exits right after setsid+fork. */
	waitpid(child, NULL, 0);
	if (len > 0 && buf[0] == '+')
		exit(0);
	if (len > 1 && buf[0] == '-') {
		(void)write_all(2, buf + 1, len - 1);
		exit(1);
	}
	fprintf(stderr, "%s: the daemon exited before it was ready\n", PROG);
	exit(1);
}

static void daemonize(struct daemon *d)
{
	int rp[2];
	pid_t pid;

	if (pipe2(rp, O_CLOEXEC) < 0)
		fail(d, "cannot create the readiness pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		fail(d, "cannot fork: %s", strerror(errno));
	if (pid > 0) {
		close(rp[1]);
		wait_ready(rp[0], pid);
	}
	close(rp[0]);
	d->report_fd = move_high(rp[1]);
	d->report_is_pipe = true;
	/* A new session without a controlling terminal... */
	if (setsid() < 0)
		fail(d, "setsid: %s", strerror(errno));
	/* ...and leave it, so we can never acquire a terminal again. */
	pid = fork();
	if (pid < 0)
		fail(d, "cannot fork: %s", strerror(errno));
	if (pid > 0)
		_exit(0);
}

/* Connects to journald the way systemd connects a unit's stdout. */
static int journal_connect(struct daemon *d)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	const char *ident = d->o.name ? d->o.name : PROG;
	char *hdr;
	int fd, r;

	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		fail(d, "cannot create a unix socket: %s", strerror(errno));
	strcpy(sa.sun_path, JOURNAL_STDOUT);
	if (connect(fd, (struct sockaddr *)&sa,
		    offsetof(struct sockaddr_un, sun_path) +
			    sizeof(JOURNAL_STDOUT)) < 0)
		fail(d, "cannot connect to %s: %s (is systemd-journald running?)",
		     JOURNAL_STDOUT, strerror(errno));
	/* We only ever write; journald never sends anything back. */
	shutdown(fd, SHUT_RD);
	/*
	 * Stream header, one field a line: identifier, unit id (empty),
	 * priority, level_prefix, forward_to_syslog, forward_to_kmsg,
	 * forward_to_console.
	 */
	hdr = xasprintf(d, "%s\n\n6\n0\n0\n0\n0\n", ident);
	r = write_all(fd, hdr, strlen(hdr));
	free(hdr);
	if (r < 0)
		fail(d, "cannot write the stream header to %s: %s",
		     JOURNAL_STDOUT, strerror(-r));
	return fd;
}

static int open_log(struct daemon *d)
{
	const char *path = d->o.logfile;
	int fd;

	switch (d->o.log_mode) {
	case LOG_FILE:
		fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
		if (fd < 0)
			fail(d, "cannot open log file %s: %s", path,
			     strerror(errno));
		return fd;
	case LOG_JOURNAL:
		return journal_connect(d);
	case LOG_DEVNULL:
	default:
		fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
		if (fd < 0)
			fail(d, "cannot open /dev/null: %s", strerror(errno));
		return fd;
	}
}

static void setup_stdio(struct daemon *d)
{
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

	if (fd < 0 || dup2(fd, 0) < 0)
		fail(d, "cannot open /dev/null as stdin: %s", strerror(errno));
	close(fd);
	if (d->o.log_mode == LOG_INHERIT)
		return;
	fd = open_log(d);
	if (dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
		fail(d, "cannot redirect stdout/stderr: %s", strerror(errno));
	close(fd);
}

/* logrotate-friendly: SIGHUP reopens --log FILE. */
static void reopen_log(struct daemon *d)
{
	int fd;

	if (d->o.log_mode != LOG_FILE)
		return;
	fd = open(d->o.logfile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
		  0644);
	if (fd < 0) {
		say("%s: cannot reopen %s: %s", PROG, d->o.logfile,
		    strerror(errno));
		return;
	}
	dup2(fd, 1);
	dup2(fd, 2);
	close(fd);
}

static void watch(struct daemon *d, struct source *s, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = s };

	if (epoll_ctl(d->epfd, EPOLL_CTL_ADD, s->fd, &ev) < 0)
		fail(d, "epoll_ctl: %s", strerror(errno));
}

static void setup_signals(struct daemon *d)
{
	sigset_t mask;

	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	/* Blocked before anything exists, so an early SIGTERM still cleans up. */
	if (sigprocmask(SIG_BLOCK, &mask, NULL) < 0)
		fail(d, "sigprocmask: %s", strerror(errno));
	/* A vanished client or journald must not kill us. */
	signal(SIGPIPE, SIG_IGN);
	d->sig.kind = SRC_SIGNAL;
	d->sig.fd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	if (d->sig.fd < 0)
		fail(d, "signalfd: %s", strerror(errno));
}

/* An existing socket nobody accepts on is left over from a killed run. */
static bool socket_is_stale(const char *path, const struct sockaddr_un *sa,
			    socklen_t len)
{
	struct stat st;
	bool stale;
	int fd;

	if (lstat(path, &st) < 0 || !S_ISSOCK(st.st_mode))
		return false;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return false;
	stale = connect(fd, (const struct sockaddr *)sa, len) < 0 &&
		errno == ECONNREFUSED;
	close(fd);
	return stale;
}

static void listen_unix(struct daemon *d)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	const char *path = d->o.socket_path;
	socklen_t len;
	int fd;

	if (strlen(path) >= sizeof(sa.sun_path))
		fail(d, "socket path %s is too long (at most %zu bytes)", path,
		     sizeof(sa.sun_path) - 1);
	strcpy(sa.sun_path, path);
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
			  strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		fail(d, "cannot create a unix socket: %s", strerror(errno));
	if (bind(fd, (struct sockaddr *)&sa, len) < 0) {
		if (errno != EADDRINUSE || !socket_is_stale(path, &sa, len))
			fail(d, "cannot bind unix socket %s: %s", path,
			     strerror(errno));
		unlink(path);
		if (bind(fd, (struct sockaddr *)&sa, len) < 0)
			fail(d, "cannot bind unix socket %s: %s", path,
			     strerror(errno));
	}
	d->socket_bound = true;
	if (listen(fd, 64) < 0)
		fail(d, "cannot listen on %s: %s", path, strerror(errno));
	d->unix_l.kind = SRC_UNIX_LISTEN;
	d->unix_l.fd = fd;
}

static void listen_tcp(struct daemon *d)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons((uint16_t)d->o.port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	socklen_t len = sizeof(sin);
	int fd, one = 1;

	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		fail(d, "cannot create a TCP socket: %s", strerror(errno));
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		fail(d, "cannot bind TCP 127.0.0.1:%d: %s", d->o.port,
		     strerror(errno));
	if (listen(fd, 64) < 0)
		fail(d, "cannot listen on TCP 127.0.0.1:%d: %s", d->o.port,
		     strerror(errno));
	if (getsockname(fd, (struct sockaddr *)&sin, &len) < 0)
		fail(d, "getsockname: %s", strerror(errno));
	d->port = ntohs(sin.sin_port);
	d->tcp_l.kind = SRC_TCP_LISTEN;
	d->tcp_l.fd = fd;
}

/*
 * The helper child: holds the pipe's write end as fd 3 and sleeps in
 * read(2) on its own timerfd, writing "tick\n" each interval.
 */
static _Noreturn void helper_main(int wfd, pid_t daemon_pid, unsigned interval)
{
	struct itimerspec its = {
		.it_interval = { .tv_sec = interval },
		.it_value = { .tv_sec = interval },
	};
	sigset_t none;
	uint64_t n;
	int tfd;

	/* The signal mask is inherited: unblock, or SIGTERM would not kill us. */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	/* The daemon may have died before PDEATHSIG was armed. */
	if (getppid() != daemon_pid)
		_exit(0);
	prctl(PR_SET_NAME, "fixture-helper");
	if (wfd != 3 && dup2(wfd, 3) < 0)
		_exit(1);
	/* Drop the daemon's sockets, epoll, readiness pipe: not ours. */
	close_fds_from(4);
	tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	if (tfd < 0 || timerfd_settime(tfd, 0, &its, NULL) < 0)
		_exit(1);
	for (;;) {
		ssize_t r = read(tfd, &n, sizeof(n));

		if (r < 0 && errno == EINTR)
			continue;
		if (r != sizeof(n) || write_all(3, "tick\n", 5) < 0)
			_exit(0);
	}
}

static void start_helper(struct daemon *d)
{
	pid_t self = getpid();
	int p[2];
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) < 0)
		fail(d, "cannot create the helper pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		fail(d, "cannot fork the helper: %s", strerror(errno));
	if (pid == 0)
		helper_main(p[1], self, d->o.interval);
	close(p[1]);
	d->helper_pid = pid;
	d->helper.kind = SRC_HELPER;
	d->helper.fd = p[0];
}

static void start_timer(struct daemon *d)
{
	struct itimerspec its = {
		.it_interval = { .tv_sec = d->o.interval },
		.it_value = { .tv_sec = d->o.interval },
	};

	d->timer.kind = SRC_TIMER;
	d->timer.fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (d->timer.fd < 0 || timerfd_settime(d->timer.fd, 0, &its, NULL) < 0)
		fail(d, "timerfd: %s", strerror(errno));
}

static void write_file_atomic(struct daemon *d, const char *path,
			      const char *text)
{
	char *tmp = xasprintf(d, "%s.tmp.%d", path, (int)getpid());
	int fd, r;

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		fail(d, "cannot create %s: %s", tmp, strerror(errno));
	r = write_all(fd, text, strlen(text));
	if (close(fd) < 0 && r == 0)
		r = -errno;
	if (r == 0 && rename(tmp, path) < 0)
		r = -errno;
	if (r < 0) {
		unlink(tmp);
		fail(d, "cannot write %s: %s", path, strerror(-r));
	}
	free(tmp);
}

static void report_ready(struct daemon *d)
{
	if (d->report_is_pipe)
		(void)write_all(d->report_fd, "+", 1);
	close(d->report_fd);
	d->report_fd = -1;
}

static void conn_close(struct daemon *d, struct conn *c)
{
	/* Closing the fd also drops it from the epoll set. */
	close(c->src.fd);
	if (c->prev)
		c->prev->next = c->next;
	else
		d->conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	free(c->out);
	free(c);
}

static void conn_accept(struct daemon *d, struct source *l)
{
	for (;;) {
		int fd = accept4(l->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		struct epoll_event ev;
		struct conn *c;

		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			/* EAGAIN: done; EMFILE and friends: try again later. */
			return;
		}
		c = calloc(1, sizeof(*c));
		if (!c) {
			close(fd);
			return;
		}
		c->src.kind = SRC_CONN;
		c->src.fd = fd;
		c->events = EPOLLIN;
		ev.events = c->events;
		ev.data.ptr = c;
		if (epoll_ctl(d->epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
			close(fd);
			free(c);
			continue;
		}
		c->next = d->conns;
		if (d->conns)
			d->conns->prev = c;
		d->conns = c;
	}
}

static void conn_serve(struct daemon *d, struct conn *c)
{
	char line[32];
	int n = snprintf(line, sizeof(line), "ok %llu\n", ++d->served);

	if (c->out_len + (size_t)n > c->out_cap) {
		c->out_cap = (c->out_len + (size_t)n) * 2;
		c->out = xrealloc(d, c->out, c->out_cap);
	}
	memcpy(c->out + c->out_len, line, (size_t)n);
	c->out_len += (size_t)n;
}

/* Returns false if the connection was closed. */
static bool conn_flush(struct daemon *d, struct conn *c)
{
	size_t done = 0;

	while (done < c->out_len) {
		ssize_t n = send(c->src.fd, c->out + done, c->out_len - done,
				 MSG_NOSIGNAL | MSG_DONTWAIT);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				break;
			conn_close(d, c);
			return false;
		}
		done += (size_t)n;
	}
	memmove(c->out, c->out + done, c->out_len - done);
	c->out_len -= done;
	return true;
}

/* Re-registers for what the connection needs next, or closes it. */
static void conn_update(struct daemon *d, struct conn *c)
{
	struct epoll_event ev = { 0 };
	uint32_t want = 0;

	if (c->eof && c->out_len == 0) {
		conn_close(d, c);
		return;
	}
	if (!c->eof && c->out_len < OUTBUF_MAX)
		want |= EPOLLIN;
	if (c->out_len > 0)
		want |= EPOLLOUT;
	if (want == c->events)
		return;
	ev.events = want;
	ev.data.ptr = c;
	if (epoll_ctl(d->epfd, EPOLL_CTL_MOD, c->src.fd, &ev) < 0) {
		conn_close(d, c);
		return;
	}
	c->events = want;
}

static void conn_event(struct daemon *d, struct conn *c, uint32_t events)
{
	if (events & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
		char buf[4096];
		ssize_t n = read(c->src.fd, buf, sizeof(buf));

		if (n < 0 && errno != EAGAIN && errno != EINTR) {
			conn_close(d, c);
			return;
		}
		if (n == 0) {
			c->eof = true;
			if (c->partial)
				conn_serve(d, c);
			c->partial = false;
		}
		for (const char *p = buf, *end = buf + (n > 0 ? n : 0); p < end;) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));

			if (!nl) {
				c->partial = true;
				break;
			}
			conn_serve(d, c);
			c->partial = false;
			p = nl + 1;
		}
	}
	if (!conn_flush(d, c))
		return;
	conn_update(d, c);
}

static void helper_event(struct daemon *d)
{
	size_t room = sizeof(d->helper_buf) - d->helper_len;
	ssize_t n = read(d->helper.fd, d->helper_buf + d->helper_len, room);
	char *start, *nl;
	int status;

	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		/* The helper is gone: stop watching, reap it, keep serving. */
		say("helper: exited");
		close(d->helper.fd);
		d->helper.fd = -1;
		if (d->helper_pid > 0 && waitpid(d->helper_pid, &status, 0) > 0)
			d->helper_pid = 0;
		return;
	}
	d->helper_len += (size_t)n;
	start = d->helper_buf;
	while ((nl = memchr(start, '\n',
			    d->helper_len - (size_t)(start - d->helper_buf)))) {
		*nl = '\0';
		say("helper: %s", start);
		start = nl + 1;
	}
	d->helper_len -= (size_t)(start - d->helper_buf);
	memmove(d->helper_buf, start, d->helper_len);
	/* A line longer than the buffer is logged in pieces. */
	if (d->helper_len == sizeof(d->helper_buf)) {
		say("helper: %.*s", (int)d->helper_len, d->helper_buf);
		d->helper_len = 0;
	}
}

static void timer_event(struct daemon *d)
{
	uint64_t expirations;

	if (read(d->timer.fd, &expirations, sizeof(expirations)) !=
	    sizeof(expirations))
		return;
	say("tick %llu", ++d->ticks);
}

static _Noreturn void stop(struct daemon *d)
{
	say("stopping");
	if (d->helper_pid > 0) {
		kill(d->helper_pid, SIGTERM);
		waitpid(d->helper_pid, NULL, 0);
	}
	while (d->conns)
		conn_close(d, d->conns);
	cleanup_files(d);
	exit(0);
}

static void signal_event(struct daemon *d)
{
	struct signalfd_siginfo si;

	while (read(d->sig.fd, &si, sizeof(si)) == sizeof(si)) {
		switch (si.ssi_signo) {
		case SIGHUP:
			reopen_log(d);
			say("reload");
			break;
		case SIGTERM:
		case SIGINT:
			stop(d);
		}
	}
}

static _Noreturn void run(struct daemon *d)
{
	struct epoll_event evs[32];

	for (;;) {
		int n = epoll_wait(d->epfd, evs, 32, -1);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			say("%s: epoll_wait: %s", PROG, strerror(errno));
			cleanup_files(d);
			exit(1);
		}
		for (int i = 0; i < n; i++) {
			struct source *s = evs[i].data.ptr;

			switch (s->kind) {
			case SRC_UNIX_LISTEN:
			case SRC_TCP_LISTEN:
				conn_accept(d, s);
				break;
			case SRC_CONN:
				/* Safe: accept only happens in its own event. */
				conn_event(d, (struct conn *)s, evs[i].events);
				break;
			case SRC_HELPER:
				helper_event(d);
				break;
			case SRC_TIMER:
				timer_event(d);
				break;
			case SRC_SIGNAL:
				signal_event(d);
				break;
			}
		}
	}
}

int main(int argc, char **argv)
{
	struct daemon d = { .report_fd = -1, .epfd = -1 };
	char num[16];

	sanitize_fds();
	parse_args(&d.o, argc, argv);
	d.portfile = xasprintf(NULL, "%s.port", d.o.pidfile);

	if (d.o.foreground)
		d.report_fd = fcntl(2, F_DUPFD_CLOEXEC, HIGH_FD);
	else
		daemonize(&d);
	d.pid = getpid();
	if (!d.o.socket_path)
		d.o.socket_path =
			xasprintf(&d, "/tmp/" PROG ".%d.sock", (int)d.pid);
	if (d.o.name)
		prctl(PR_SET_NAME, d.o.name);

	if (chdir("/") < 0)
		fail(&d, "chdir /: %s", strerror(errno));
	umask(022);
	setup_stdio(&d);

	d.epfd = epoll_create1(EPOLL_CLOEXEC);
	if (d.epfd < 0)
		fail(&d, "epoll_create1: %s", strerror(errno));
	setup_signals(&d);
	watch(&d, &d.sig, EPOLLIN);
	listen_unix(&d);
	watch(&d, &d.unix_l, EPOLLIN);
	listen_tcp(&d);
	watch(&d, &d.tcp_l, EPOLLIN);
	start_helper(&d);
	watch(&d, &d.helper, EPOLLIN);
	start_timer(&d);
	watch(&d, &d.timer, EPOLLIN);

	snprintf(num, sizeof(num), "%d\n", d.port);
	write_file_atomic(&d, d.portfile, num);
	d.portfile_written = true;
	say("started pid %d socket %s port %d", (int)d.pid, d.o.socket_path,
	    d.port);
	snprintf(num, sizeof(num), "%d\n", (int)d.pid);
	write_file_atomic(&d, d.o.pidfile, num);
	d.pidfile_written = true;
	report_ready(&d);
	run(&d);
}
