/*
 * graphfix - a set of processes with known connections between them, for
 * checking `dscope graph` (tests/e2e/graph.t).
 *
 * Usage: graphfix DIR [--hub N]
 *
 * DIR (created if missing; used by its canonical absolute path) holds the
 * socket files, the FIFO and the log file. The parent forks these
 * processes, each renamed with prctl(PR_SET_NAME), holding fds 0-2 on
 * /dev/null (unless a connection uses them) and exactly the fds below
 * (every other inherited fd is closed), dying with its parent
 * (PR_SET_PDEATHSIG SIGKILL) and sleeping in pause():
 *
 *   gf-pair-a, gf-pair-b   fd 3: the two ends of a unix stream socketpair
 *   gf-chain1 -> gf-chain2 -> gf-chain3
 *                          pipes: chain1 fd 1 into chain2 fd 0, chain2 fd 1
 *                          into chain3 fd 0
 *   gf-server              fd 3 listens on DIR/srv.sock (unix stream),
 *                          fds 4 and 5 accepted from gf-client1 and
 *                          gf-client2 (fd 3 each)
 *   gf-tcp-srv             fd 3 listens on 127.0.0.1:P, the first free port
 *                          from 20000 (below the ephemeral ports, so it is
 *                          the lower one), fd 4 accepted from gf-tcp-cli
 *                          (fd 3); graphfix fails if the client's port is
 *                          not higher
 *   gf-udp-srv, gf-udp-cli fd 3: a UDP socket bound to 127.0.0.1 on an
 *                          ephemeral port, connected to no one; fd 3: one
 *                          bound to a low port from 20000, connected to it
 *   gf-ev-a, gf-ev-b       fd 3: one eventfd, made before fork
 *   gf-fifo-w, gf-fifo-r   fd 3: DIR/fifo, O_WRONLY / O_RDONLY
 *   gf-log-a               fd 3: DIR/shared.log, O_WRONLY|O_APPEND; it
 *                          forks gf-log-b, which inherits it; both write a
 *                          line
 *   with --hub N (1 to 200):
 *   gf-hub                 fd 3 listens on DIR/hub.sock, fds 4..N+3
 *                          accepted from N processes gf-hubcli (fd 3 each)
 *
 * Every connection is made by the parent before it forks the two ends,
 * and the parent then closes its copies: it takes part in none. Once every
 * process is set up, it prints a manifest on stdout and flushes:
 *
 *   proc LABEL PID COMM        every process; LABEL is its COMM, except
 *                              the hub clients: gf-hubcli.1 .. gf-hubcli.N
 *   port LABEL PORT            the local TCP port of gf-tcp-srv (its
 *                              listener and accepted socket) and gf-tcp-cli
 *   edge KIND TYPE FROM FROM_FDS TO TO_FDS PATH
 *                              every connection, FROM and TO being LABELs,
 *                              FDS comma-separated, TYPE and PATH "-" when
 *                              none, oriented as dscope graph does: pipes
 *                              and FIFOs writer to reader; unix sockets
 *                              client to the named (server) end; TCP to the
 *                              lower port; eventfds and files lower pid
 *                              first
 *   ready
 *
 * Then it waits for SIGTERM, SIGINT or SIGHUP, kills (SIGKILL) and reaps
 * them all (a child subreaper, it reaps gf-log-b too), removes the files it
 * made in DIR and exits 0. On a failure it prints "graphfix: what: why" on
 * stderr and exits 1 (2 for a usage error); its children die with it.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_HUB	       200
#define MAX_FDS	       (MAX_HUB + 1)
#define MAX_PROCS      (MAX_HUB + 20)
#define READY_FD       255 /* a child reports on it once set up; above every fd */
#define FIRST_TCP_PORT 20000

struct proc {
	char label[32];
	char comm[16];
	pid_t pid;
};

static char dir[PATH_MAX];
static struct proc procs[MAX_PROCS];
static int nprocs;
static char *lines[MAX_PROCS];
static int nlines;
static volatile sig_atomic_t stop;

__attribute__((noreturn, format(printf, 1, 2))) static void die(const char *fmt,
								...)
{
	int err = errno;
	va_list ap;

	fprintf(stderr, "graphfix: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s\n", strerror(err));
	exit(1);
}

/* DIR/name; the result is static, one at a time. */
static const char *in_dir(const char *name)
{
	static char path[PATH_MAX + 32];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

/* What a child does once its fds are in place; returns a pid to report to
 * the parent (a process it forked), or 0. */
typedef pid_t (*body_fn)(void);

/* Forks a process named name holding src[i] as fd dst[i] (and 0-2 on
 * /dev/null unless some dst[i] is one of them), nothing else; waits until
 * it is set up. *extra (if not NULL) gets what body returned. */
static pid_t spawn(const char *name, const int *src, const int *dst, int n,
		   body_fn body, pid_t *extra)
{
	pid_t parent = getpid(), pid, x = 0;
	int ready[2], tmp[MAX_FDS], base = 3, r;

	if (pipe(ready) < 0)
		die("%s: pipe", name);
	pid = fork();
	if (pid < 0)
		die("%s: fork", name);
	if (pid == 0) {
		prctl(PR_SET_NAME, name);
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
			_exit(1);
		for (int i = 0; i < n; i++)
			if (dst[i] >= base)
				base = dst[i] + 1;
		/* copies above every target, then everything else goes */
		for (int i = 0; i < n; i++)
			if ((tmp[i] = fcntl(src[i], F_DUPFD, base)) < 0)
				_exit(1);
		if ((r = fcntl(ready[1], F_DUPFD, base)) < 0)
			_exit(1);
		close_range(0, (unsigned)base - 1, 0);
		if (open("/dev/null", O_RDWR) != 0 || dup2(0, 1) != 1 ||
		    dup2(0, 2) != 2)
			_exit(1);
		for (int i = 0; i < n; i++)
			if (dup2(tmp[i], dst[i]) != dst[i])
				_exit(1);
		if (dup2(r, READY_FD) != READY_FD)
			_exit(1);
		close_range((unsigned)base, READY_FD - 1, 0);
		close_range(READY_FD + 1, ~0U, 0);
		x = body ? body() : 0;
		if (write(READY_FD, &x, sizeof(x)) != sizeof(x))
			_exit(1);
		close(READY_FD);
		for (;;)
			pause();
	}
	close(ready[1]);
	if (read(ready[0], &x, sizeof(x)) != sizeof(x)) {
		errno = ECHILD;
		die("%s: did not start", name);
	}
	close(ready[0]);
	if (extra)
		*extra = x;
	return pid;
}

static void add_proc(const char *label, const char *comm, pid_t pid)
{
	struct proc *p = &procs[nprocs++];

	snprintf(p->label, sizeof(p->label), "%s", label);
	snprintf(p->comm, sizeof(p->comm), "%s", comm);
	p->pid = pid;
}

static pid_t start(const char *name, const int *src, const int *dst, int n)
{
	pid_t pid = spawn(name, src, dst, n, NULL, NULL);

	add_proc(name, name, pid);
	return pid;
}

static pid_t start1(const char *name, int fd, int as)
{
	return start(name, &fd, &as, 1);
}

static pid_t pid_of(const char *label)
{
	for (int i = 0; i < nprocs; i++)
		if (strcmp(procs[i].label, label) == 0)
			return procs[i].pid;
	return 0;
}

__attribute__((format(printf, 1, 2))) static void add_line(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&lines[nlines], fmt, ap) < 0)
		die("vasprintf");
	va_end(ap);
	nlines++;
}

/* An edge between a and b whose ends have no order but their pids. */
static void add_edge_by_pid(const char *kind, const char *type, const char *a,
			    const char *b, const char *fds, const char *path)
{
	int swap = pid_of(b) < pid_of(a);

	add_line("edge %s %s %s %s %s %s %s", kind, type, swap ? b : a, fds,
		 swap ? a : b, fds, path);
}

static void close_all(const int *fds, int n)
{
	for (int i = 0; i < n; i++)
		close(fds[i]);
}

static int unix_listener(const char *path, struct sockaddr_un *sa)
{
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sa->sun_path)) {
		errno = ENAMETOOLONG;
		die("%s", path);
	}
	strcpy(sa->sun_path, path);
	unlink(path);
	if (fd < 0 || bind(fd, (struct sockaddr *)sa, sizeof(*sa)) < 0 ||
	    listen(fd, 8) < 0)
		die("listen on %s", path);
	return fd;
}

/* A client connected to the listener, and the accepted end in *acc. */
static int unix_client(int listener, const struct sockaddr_un *sa, int *acc)
{
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	if (fd < 0 || connect(fd, (const struct sockaddr *)sa, sizeof(*sa)) < 0)
		die("connect to %s", sa->sun_path);
	if ((*acc = accept(listener, NULL, NULL)) < 0)
		die("accept on %s", sa->sun_path);
	return fd;
}

static void make_pair(void)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		die("socketpair");
	start1("gf-pair-a", sv[0], 3);
	start1("gf-pair-b", sv[1], 3);
	close_all(sv, 2);
	add_edge_by_pid("unix", "stream", "gf-pair-a", "gf-pair-b", "3", "-");
}

static void make_chain(void)
{
	int p1[2], p2[2];

	if (pipe(p1) < 0 || pipe(p2) < 0)
		die("pipe");
	start1("gf-chain1", p1[1], 1);
	start("gf-chain2", (int[]){ p1[0], p2[1] }, (int[]){ 0, 1 }, 2);
	start1("gf-chain3", p2[0], 0);
	close_all(p1, 2);
	close_all(p2, 2);
	add_line("edge pipe - gf-chain1 1 gf-chain2 0 -");
	add_line("edge pipe - gf-chain2 1 gf-chain3 0 -");
}

static void make_server(void)
{
	struct sockaddr_un sa;
	int l = unix_listener(in_dir("srv.sock"), &sa), a1, a2;
	int c1 = unix_client(l, &sa, &a1), c2 = unix_client(l, &sa, &a2);

	start("gf-server", (int[]){ l, a1, a2 }, (int[]){ 3, 4, 5 }, 3);
	start1("gf-client1", c1, 3);
	start1("gf-client2", c2, 3);
	close_all((int[]){ l, a1, a2, c1, c2 }, 5);
	add_line("edge unix stream gf-client1 3 gf-server 4 %s", sa.sun_path);
	add_line("edge unix stream gf-client2 3 gf-server 5 %s", sa.sun_path);
}

static int local_port(int fd)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);

	if (getsockname(fd, (struct sockaddr *)&sin, &len) < 0)
		die("getsockname");
	return ntohs(sin.sin_port);
}

/* Binds fd to 127.0.0.1 on the first free port from FIRST_TCP_PORT. */
static int bind_low(int fd, struct sockaddr_in *sin)
{
	int port;

	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	for (port = FIRST_TCP_PORT; port < 32768; port++) {
		sin->sin_port = htons((uint16_t)port);
		if (bind(fd, (struct sockaddr *)sin, sizeof(*sin)) == 0)
			return port;
		if (errno != EADDRINUSE)
			die("bind to port %d", port);
	}
	die("no free port below 32768");
	return -1;
}

/* The server is connected to no one and on a high (ephemeral) port, the
 * client on a low one: only knowing which end is the server orients it. */
static void make_udp(void)
{
	struct sockaddr_in cin, sin = { .sin_family = AF_INET };
	socklen_t len = sizeof(sin);
	int srv = socket(AF_INET, SOCK_DGRAM, 0), cli = socket(AF_INET, SOCK_DGRAM, 0);

	if (srv < 0 || cli < 0)
		die("udp socket");
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(srv, (struct sockaddr *)&sin, sizeof(sin)) < 0 ||
	    getsockname(srv, (struct sockaddr *)&sin, &len) < 0)
		die("udp bind");
	bind_low(cli, &cin);
	if (connect(cli, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		die("udp connect");
	start1("gf-udp-srv", srv, 3);
	start1("gf-udp-cli", cli, 3);
	add_line("port gf-udp-srv %d", ntohs(sin.sin_port));
	add_line("port gf-udp-cli %d", local_port(cli));
	add_line("edge udp - gf-udp-cli 3 gf-udp-srv 3 -");
	close_all((int[]){ srv, cli }, 2);
}

static void make_tcp(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	int l = socket(AF_INET, SOCK_STREAM, 0), c, a, one = 1, port;

	if (l < 0)
		die("tcp socket");
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	for (port = FIRST_TCP_PORT; port < 32768; port++) {
		sin.sin_port = htons((uint16_t)port);
		if (bind(l, (struct sockaddr *)&sin, sizeof(sin)) == 0)
			break;
		if (errno != EADDRINUSE)
			die("tcp bind to port %d", port);
	}
	if (port == 32768 || listen(l, 4) < 0)
		die("tcp listen");
	c = socket(AF_INET, SOCK_STREAM, 0);
	if (c < 0 || connect(c, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		die("tcp connect to port %d", port);
	if ((a = accept(l, NULL, NULL)) < 0)
		die("tcp accept");
	if (local_port(c) <= port) {
		errno = ERANGE;
		die("the client's port %d is not above the server's %d",
		    local_port(c), port);
	}
	start("gf-tcp-srv", (int[]){ l, a }, (int[]){ 3, 4 }, 2);
	start1("gf-tcp-cli", c, 3);
	add_line("port gf-tcp-srv %d", port);
	add_line("port gf-tcp-cli %d", local_port(c));
	add_line("edge tcp - gf-tcp-cli 3 gf-tcp-srv 4 -");
	close_all((int[]){ l, a, c }, 3);
}

static void make_eventfd(void)
{
	int fd = eventfd(0, 0);

	if (fd < 0)
		die("eventfd");
	start1("gf-ev-a", fd, 3);
	start1("gf-ev-b", fd, 3);
	close(fd);
	add_edge_by_pid("eventfd", "-", "gf-ev-a", "gf-ev-b", "3", "-");
}

static void make_fifo(void)
{
	const char *path = in_dir("fifo");
	int r, w;

	unlink(path);
	if (mkfifo(path, 0600) < 0)
		die("mkfifo %s", path);
	/* the reader first, without blocking, so the writer's open succeeds */
	r = open(path, O_RDONLY | O_NONBLOCK);
	w = open(path, O_WRONLY);
	if (r < 0 || w < 0 || fcntl(r, F_SETFL, 0) < 0)
		die("open %s", path);
	start1("gf-fifo-w", w, 3);
	start1("gf-fifo-r", r, 3);
	close(r);
	close(w);
	add_line("edge fifo - gf-fifo-w 3 gf-fifo-r 3 %s", path);
}

static void write_line(const char *who)
{
	char line[64];
	int len = snprintf(line, sizeof(line), "%s %d was here\n", who,
			   (int)getpid());

	if (write(3, line, (size_t)len) != len)
		_exit(1);
}

static pid_t log_b_body(void)
{
	write_line("gf-log-b");
	return 0;
}

/* gf-log-a opens the log (fd 3: 0-2 are taken, the rest closed) and
 * forks gf-log-b, which inherits it. */
static pid_t log_a_body(void)
{
	int fd = open(in_dir("shared.log"),
		      O_WRONLY | O_APPEND | O_CREAT | O_TRUNC, 0600);
	pid_t b;

	if (fd != 3)
		_exit(1);
	write_line("gf-log-a");
	b = spawn("gf-log-b", &fd, &fd, 1, log_b_body, NULL);
	return b;
}

static void make_log(void)
{
	pid_t b, a = spawn("gf-log-a", NULL, NULL, 0, log_a_body, &b);

	add_proc("gf-log-a", "gf-log-a", a);
	add_proc("gf-log-b", "gf-log-b", b);
	add_edge_by_pid("file", "-", "gf-log-a", "gf-log-b", "3",
			in_dir("shared.log"));
}

static void make_hub(int n)
{
	struct sockaddr_un sa;
	int l = unix_listener(in_dir("hub.sock"), &sa), src[MAX_FDS],
	    dst[MAX_FDS];
	int cli[MAX_HUB];

	src[0] = l;
	dst[0] = 3;
	for (int i = 0; i < n; i++) {
		cli[i] = unix_client(l, &sa, &src[i + 1]);
		dst[i + 1] = i + 4;
	}
	start("gf-hub", src, dst, n + 1);
	for (int i = 0; i < n; i++) {
		char label[32];

		snprintf(label, sizeof(label), "gf-hubcli.%d", i + 1);
		add_proc(label, "gf-hubcli",
			 spawn("gf-hubcli", &cli[i], (int[]){ 3 }, 1, NULL,
			       NULL));
		close(cli[i]);
		add_line("edge unix stream %s 3 gf-hub %d %s", label, i + 4,
			 sa.sun_path);
	}
	close_all(src, n + 1);
}

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void usage(void)
{
	fprintf(stderr, "usage: graphfix DIR [--hub N]  (N from 1 to %d)\n",
		MAX_HUB);
	exit(2);
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	const int sigs[] = { SIGTERM, SIGINT, SIGHUP };
	sigset_t block, old;
	int hub = 0;
	char *end;

	if (argc != 2 && !(argc == 4 && strcmp(argv[2], "--hub") == 0))
		usage();
	if (argc == 4) {
		hub = (int)strtol(argv[3], &end, 10);
		if (end == argv[3] || *end || hub < 1 || hub > MAX_HUB)
			usage();
	}
	if (mkdir(argv[1], 0700) < 0 && errno != EEXIST)
		die("mkdir %s", argv[1]);
	if (!realpath(argv[1], dir))
		die("%s", argv[1]);
	/* gf-log-b, a grandchild, is reparented here when gf-log-a dies */
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0)
		die("PR_SET_CHILD_SUBREAPER");

	make_pair();
	make_chain();
	make_server();
	make_tcp();
	make_udp();
	make_eventfd();
	make_fifo();
	make_log();
	if (hub)
		make_hub(hub);

	sigemptyset(&block);
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(*sigs); i++) {
		sigaddset(&block, sigs[i]);
		sigaction(sigs[i], &sa, NULL);
	}
	sigprocmask(SIG_BLOCK, &block, &old);
	for (int i = 0; i < nprocs; i++)
		printf("proc %s %d %s\n", procs[i].label, (int)procs[i].pid,
		       procs[i].comm);
	for (int i = 0; i < nlines; i++)
		printf("%s\n", lines[i]);
	printf("ready\n");
	if (fflush(stdout) != 0)
		die("stdout");
	while (!stop)
		sigsuspend(&old);

	/* gf-log-b too: a subreaper, the parent reaps it once gf-log-a died */
	for (int i = 0; i < nprocs; i++)
		kill(procs[i].pid, SIGKILL);
	while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
		;
	for (int i = 0; i < nlines; i++)
		free(lines[i]);
	unlink(in_dir("srv.sock"));
	unlink(in_dir("fifo"));
	unlink(in_dir("shared.log"));
	if (hub)
		unlink(in_dir("hub.sock"));
	return 0;
}
