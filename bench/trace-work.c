// bench/trace-work.c - the workloads of bench/trace.sh: syscall loops to
// trace.
//
// Usage: trace-work [--wait] MODE N
//   getppid  N raw syscall(SYS_getppid) calls (libc cannot cache them)
//   write    N 1-byte writes to /dev/null
//   pipe     N round trips of 1 byte each way between this process and a
//            child, over two pipes
//   epoll    N rounds of: write 1 byte on one end of a socketpair,
//            epoll_wait on the other end, read the byte back
//   spin     getppid forever (N ignored): a process to attach to
//   tick     nanosleep 10 ms forever (N ignored): a daemon to attach to
//
// The time of the loop alone, in ns, is printed to stderr as "loop_ns NS".
// With --wait, "ready PID" is printed to stdout first and the loop starts
// only once a byte (or EOF) is read on stdin: a tracer can attach first.
//
// Usage: trace-work firstline CMD [ARGS...]
//   runs CMD (a tracer attaching to a process) with its stdout and stderr
//   on a pipe, waits for the first complete line there, sends CMD a SIGINT
//   and reads the pipe to its end. Prints "first_ns NS" to stdout: the time
//   from just before CMD is started to its first line, or fails after 10 s.
//   A pipe, not a file: strace and dscope both write their trace to a pipe
//   a line at a time, but to a regular file a buffer (4 KiB) at a time.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what)
{
	fprintf(stderr, "trace-work: %s: %s\n", what, strerror(errno));
	exit(1);
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void xwrite(int fd, const void *buf, size_t n)
{
	if (write(fd, buf, n) != (ssize_t)n)
		die("write");
}

static void xread(int fd, void *buf, size_t n)
{
	ssize_t r = read(fd, buf, n);

	if (r != (ssize_t)n) {
		if (r >= 0)
			errno = EPIPE;
		die("read");
	}
}

static void run_getppid(long n)
{
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
}

static void run_write(long n)
{
	int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		die("open /dev/null");
	for (long i = 0; i < n; i++)
		xwrite(fd, "x", 1);
	close(fd);
}

// Set up before the loop (and before --wait), so the child exists when a
// tracer attaches: the loop itself is only the round trips.
static int ping[2], pong[2];
static pid_t child = -1;

static void setup_pipe(long n)
{
	char c;

	if (pipe2(ping, O_CLOEXEC) < 0 || pipe2(pong, O_CLOEXEC) < 0)
		die("pipe2");
	child = fork();
	if (child < 0)
		die("fork");
	if (child == 0) {
		close(ping[1]);
		close(pong[0]);
		for (long i = 0; i < n; i++) {
			xread(ping[0], &c, 1);
			xwrite(pong[1], &c, 1);
		}
		_exit(0);
	}
	close(ping[0]);
	close(pong[1]);
}

static void run_pipe(long n)
{
	char c = 'x';
	int status;

	for (long i = 0; i < n; i++) {
		xwrite(ping[1], &c, 1);
		xread(pong[0], &c, 1);
	}
	if (waitpid(child, &status, 0) < 0)
		die("waitpid");
	child = -1;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "trace-work: the pipe child failed\n");
		exit(1);
	}
}

static int sv[2], ep = -1;

static void setup_epoll(void)
{
	struct epoll_event ev = { .events = EPOLLIN };

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		die("socketpair");
	ep = epoll_create1(EPOLL_CLOEXEC);
	if (ep < 0)
		die("epoll_create1");
	ev.data.fd = sv[1];
	if (epoll_ctl(ep, EPOLL_CTL_ADD, sv[1], &ev) < 0)
		die("epoll_ctl");
}

static void run_epoll(long n)
{
	struct epoll_event ev;
	char c = 'x';

	for (long i = 0; i < n; i++) {
		xwrite(sv[0], &c, 1);
		if (epoll_wait(ep, &ev, 1, -1) != 1)
			die("epoll_wait");
		xread(sv[1], &c, 1);
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: trace-work [--wait] "
			"getppid|write|pipe|epoll|spin|tick N\n"
			"       trace-work firstline CMD [ARGS...]\n");
	exit(2);
}

// Reads fd until EOF or the deadline (ns, CLOCK_MONOTONIC). Returns the
// time the first '\n' was read (0 if none), or -1 at the deadline.
static long long read_lines(int fd, long long deadline, int stop_at_newline)
{
	char buf[4096];
	long long first = 0;

	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		long long left = deadline - now_ns();
		int r;
		ssize_t n;

		if (left <= 0)
			return -1;
		r = poll(&p, 1, (int)(left / 1000000 + 1));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			die("poll");
		if (r == 0)
			continue;
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die("read");
		if (n == 0)
			return first;
		if (!first && memchr(buf, '\n', (size_t)n)) {
			first = now_ns();
			if (stop_at_newline)
				return first;
		}
	}
}

static int firstline(char **cmd)
{
	int p[2], status;
	long long t0, t1, end;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) < 0)
		die("pipe2");
	t0 = now_ns();
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		// Killed with us, it detaches (both tracers do on SIGINT).
		prctl(PR_SET_PDEATHSIG, SIGINT);
		if (dup2(p[1], 1) < 0 || dup2(p[1], 2) < 0)
			_exit(126);
		execvp(cmd[0], cmd);
		_exit(127);
	}
	close(p[1]);
	t1 = read_lines(p[0], t0 + 10000000000LL, 1);
	kill(pid, SIGINT);
	// Drained to the end: a tracer blocked on a full pipe would not stop.
	end = read_lines(p[0], now_ns() + 10000000000LL, 0);
	if (end < 0) {
		fprintf(stderr,
			"trace-work: %s did not stop after SIGINT, killed\n",
			cmd[0]);
		kill(pid, SIGKILL);
	}
	if (waitpid(pid, &status, 0) < 0)
		die("waitpid");
	if (t1 <= 0) {
		fprintf(stderr, "trace-work: no line from %s %s\n", cmd[0],
			t1 < 0 ? "in 10 s" : "before it ended");
		return 1;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) >= 126) {
		fprintf(stderr, "trace-work: cannot run %s\n", cmd[0]);
		return 1;
	}
	printf("first_ns %lld\n", t1 - t0);
	return 0;
}

int main(int argc, char **argv)
{
	int wait_first = 0;
	const char *mode;
	char *end;
	long n;
	long long t0, t1;

	if (argc > 2 && strcmp(argv[1], "firstline") == 0)
		return firstline(argv + 2);
	if (argc > 1 && strcmp(argv[1], "--wait") == 0) {
		wait_first = 1;
		argv++;
		argc--;
	}
	if (argc != 3)
		usage();
	mode = argv[1];
	errno = 0;
	n = strtol(argv[2], &end, 10);
	if (errno || *end || end == argv[2] || n < 0)
		usage();

	if (strcmp(mode, "spin") == 0) {
		for (;;)
			syscall(SYS_getppid);
	}
	if (strcmp(mode, "tick") == 0) {
		struct timespec ts = { 0, 10 * 1000 * 1000 };

		for (;;)
			nanosleep(&ts, NULL);
	}

	void (*run)(long);
	if (strcmp(mode, "getppid") == 0) {
		run = run_getppid;
	} else if (strcmp(mode, "write") == 0) {
		run = run_write;
	} else if (strcmp(mode, "pipe") == 0) {
		setup_pipe(n);
		run = run_pipe;
	} else if (strcmp(mode, "epoll") == 0) {
		setup_epoll();
		run = run_epoll;
	} else {
		usage();
	}

	if (wait_first) {
		char c;

		printf("ready %d\n", (int)getpid());
		fflush(stdout);
		if (read(0, &c, 1) < 0)
			die("read stdin");
	}
	t0 = now_ns();
	run(n);
	t1 = now_ns();
	fprintf(stderr, "loop_ns %lld\n", t1 - t0);
	return 0;
}
