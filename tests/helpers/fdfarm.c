/*
 * fdfarm - many processes holding many fds, tied into a ring, for the fd
 * benchmarks (bench/fds.sh).
 *
 * build: -pthread
 *
 * Usage: fdfarm P [--dir DIR]
 *
 * Forks P worker processes (comm "fdfarm-worker") tied into a ring: worker
 * i and worker i+1 (mod P) share a unix stream socketpair (one end in each)
 * and a pipe (write end in worker i, read end in worker i+1). Each worker
 * holds exactly FDS_PER_WORKER (20) fds:
 *
 *   0, 1      /dev/null (2 is inherited, or /dev/null if it was closed)
 *   2 sockets the socketpair ends to its two ring neighbours
 *   2 pipes   the write end to the next worker, the read end from the previous
 *   epoll     over the sockets, the pipes, the eventfd and the timerfd
 *   eventfd
 *   timerfd   armed, 60 s interval
 *   5 files   DIR/w<i>-<k>, opened O_RDWR|O_APPEND, a line written to each
 *   /dev/null one more, not a standard stream
 *   dups      of a socket, the pipe read end, the eventfd, a file... until 20
 *
 * and sleeps in epoll_wait (timeout -1), reading the timerfd when it fires.
 * Workers hold nothing else: every inherited fd is closed. They die with the
 * parent (PR_SET_PDEATHSIG SIGKILL).
 *
 * The ring is built incrementally, so the parent never holds more than a
 * handful of fds, whatever P is. When every worker is ready the parent
 * prints one line and flushes:
 *
 *   ready <parent pid> <first worker pid> <last worker pid> <total fds>
 *
 * where <total fds> is the sum of the fds the workers hold (as counted by
 * each in /proc/self/fd). Then it waits for SIGTERM (or SIGINT or SIGHUP),
 * kills and reaps its workers, removes the files it made under DIR and
 * exits 0. DIR defaults to a mkdtemp directory under /tmp, removed on exit;
 * a DIR given with --dir is created if missing and removed only if fdfarm
 * created it.
 *
 * Exit status: 0, or 1 on bad arguments or a failed setup (the workers
 * started so far are killed and reaped, the files removed).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <unistd.h>

#define FDS_PER_WORKER	 20
#define FILES_PER_WORKER 5
#define MAX_WORKERS	 100000

static char dir[PATH_MAX];
static bool dir_created;
static pid_t *workers;
static int nworkers; /* forked so far */
static pid_t parent_pid;

/* ---- worker ---- */

static _Noreturn void worker_die(int idx, const char *what)
{
	fprintf(stderr, "fdfarm: worker %d: %s: %s\n", idx, what,
		strerror(errno));
	_exit(1);
}

static bool in_set(int fd, const int *set, int n)
{
	for (int i = 0; i < n; i++)
		if (set[i] == fd)
			return true;
	return false;
}

/* Closes every fd >= 3 that is not in keep[]. */
static void close_others(int idx, const int *keep, int nkeep)
{
	int close_list[256], n = 0;
	DIR *d;
	struct dirent *de;

	for (;;) {
		d = opendir("/proc/self/fd");
		if (!d)
			worker_die(idx, "opendir /proc/self/fd");
		n = 0;
		while ((de = readdir(d)) &&
		       n < (int)(sizeof(close_list) / sizeof(close_list[0]))) {
			int fd;

			if (de->d_name[0] < '0' || de->d_name[0] > '9')
				continue;
			fd = atoi(de->d_name);
			if (fd < 3 || fd == dirfd(d) || in_set(fd, keep, nkeep))
				continue;
			close_list[n++] = fd;
		}
		closedir(d);
		if (n == 0)
			return;
		for (int i = 0; i < n; i++)
			close(close_list[i]);
	}
}

static int count_fds(int idx)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *de;
	int n = 0;

	if (!d)
		worker_die(idx, "opendir /proc/self/fd");
	while ((de = readdir(d)))
		if (de->d_name[0] >= '0' && de->d_name[0] <= '9' &&
		    atoi(de->d_name) != dirfd(d))
			n++;
	closedir(d);
	return n;
}

static void ep_add(int idx, int ep, int fd, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.fd = fd };

	if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0)
		worker_die(idx, "epoll_ctl");
}

/*
 * sock_prev/pipe_r: the ends shared with worker idx-1; sock_next/pipe_w:
 * with worker idx+1. ready_w: the readiness pipe, closed once reported.
 */
static _Noreturn void worker(int idx, int sock_prev, int pipe_r, int sock_next,
			     int pipe_w, int ready_w, const sigset_t *oldmask)
{
	int keep[] = { sock_prev, pipe_r, sock_next, pipe_w, ready_w };
	int files[FILES_PER_WORKER], null, efd, tfd, ep, nfds;
	struct itimerspec its = { .it_interval = { 60, 0 },
				  .it_value = { 60, 0 } };
	struct sigaction dfl = { .sa_handler = SIG_DFL };

	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
		worker_die(idx, "prctl(PR_SET_PDEATHSIG)");
	if (getppid() != parent_pid)
		_exit(1); /* the parent died before the prctl */
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTERM, &dfl, NULL);
	sigaction(SIGINT, &dfl, NULL);
	sigaction(SIGHUP, &dfl, NULL);
	sigprocmask(SIG_SETMASK, oldmask, NULL);
	prctl(PR_SET_NAME, "fdfarm-worker");

	close_others(idx, keep, (int)(sizeof(keep) / sizeof(keep[0])));

	/* Standard streams: 0 and 1 on /dev/null, so that a caller reading
	 * the parent's stdout sees EOF when the parent exits; 2 kept for
	 * error messages. */
	null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null < 0)
		worker_die(idx, "open /dev/null");
	if (dup2(null, 0) < 0 || dup2(null, 1) < 0)
		worker_die(idx, "dup2");
	if (fcntl(2, F_GETFD) < 0 && dup2(null, 2) < 0)
		worker_die(idx, "dup2");
	if (null <= 2) { /* it was one of the standard ones: open another */
		null = open("/dev/null", O_RDWR | O_CLOEXEC);
		if (null < 0)
			worker_die(idx, "open /dev/null");
	}

	for (int k = 0; k < FILES_PER_WORKER; k++) {
		char path[PATH_MAX + 32], line[64];
		int len;

		snprintf(path, sizeof(path), "%s/w%d-%d", dir, idx, k);
		files[k] = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC,
				0600);
		if (files[k] < 0)
			worker_die(idx, path);
		len = snprintf(line, sizeof(line), "fdfarm worker %d file %d\n",
			       idx, k);
		if (write(files[k], line, (size_t)len) != len)
			worker_die(idx, "write");
	}

	efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (efd < 0)
		worker_die(idx, "eventfd");
	tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (tfd < 0)
		worker_die(idx, "timerfd_create");
	if (timerfd_settime(tfd, 0, &its, NULL) < 0)
		worker_die(idx, "timerfd_settime");
	ep = epoll_create1(EPOLL_CLOEXEC);
	if (ep < 0)
		worker_die(idx, "epoll_create1");
	ep_add(idx, ep, sock_prev, EPOLLIN);
	/* With P == 1 both socket ends and both pipe ends are this worker's. */
	ep_add(idx, ep, sock_next, EPOLLIN);
	ep_add(idx, ep, pipe_r, EPOLLIN);
	ep_add(idx, ep, pipe_w, 0); /* EPOLLERR only: EPOLLOUT would spin */
	ep_add(idx, ep, efd, EPOLLIN);
	ep_add(idx, ep, tfd, EPOLLIN);

	/* Dups until FDS_PER_WORKER, not counting the readiness pipe. */
	{
		int src[] = { sock_next, pipe_r,    efd, files[0],
			      null,	 sock_prev, tfd, files[1] };
		int i = 0;

		while ((nfds = count_fds(idx) - 1) < FDS_PER_WORKER) {
			if (fcntl(src[i++ %
				      (int)(sizeof(src) / sizeof(src[0]))],
				  F_DUPFD_CLOEXEC, 3) < 0)
				worker_die(idx, "dup");
		}
	}

	{
		int32_t n = nfds;

		if (write(ready_w, &n, sizeof(n)) != (ssize_t)sizeof(n))
			worker_die(idx, "write readiness pipe");
	}
	close(ready_w);

	for (;;) {
		struct epoll_event evs[8];
		int n = epoll_wait(ep, evs, 8, -1);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			worker_die(idx, "epoll_wait");
		}
		for (int i = 0; i < n; i++) {
			int fd = evs[i].data.fd;
			char buf[256];
			ssize_t r = 0;

			if (evs[i].events & EPOLLIN)
				r = read(fd, buf, sizeof(buf));
			/* A neighbour gone (the ring is being torn down): stop
			 * watching that fd rather than spin on it. */
			if ((evs[i].events & (EPOLLERR | EPOLLHUP)) || r == 0 ||
			    (r < 0 && errno != EAGAIN && errno != EINTR))
				epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
		}
	}
}

/* ---- parent ---- */

static void remove_files(void)
{
	DIR *d;
	struct dirent *de;

	if (!dir[0])
		return;
	d = opendir(dir);
	if (d) {
		while ((de = readdir(d))) {
			int idx, k;
			char end;

			/* Only the files fdfarm makes: w<i>-<k>. */
			if (sscanf(de->d_name, "w%d-%d%c", &idx, &k, &end) == 2)
				unlinkat(dirfd(d), de->d_name, 0);
		}
		closedir(d);
	}
	if (dir_created && rmdir(dir) < 0)
		fprintf(stderr, "fdfarm: rmdir %s: %s\n", dir, strerror(errno));
}

static void kill_and_reap(void)
{
	for (int i = 0; i < nworkers; i++)
		kill(workers[i], SIGKILL);
	for (int i = 0; i < nworkers; i++)
		while (waitpid(workers[i], NULL, 0) < 0 && errno == EINTR)
			;
	nworkers = 0;
}

static _Noreturn void fail(const char *what)
{
	if (errno)
		fprintf(stderr, "fdfarm: %s: %s\n", what, strerror(errno));
	else
		fprintf(stderr, "fdfarm: %s\n", what);
	kill_and_reap();
	remove_files();
	exit(1);
}

static void usage(void)
{
	fprintf(stderr, "usage: fdfarm P [--dir DIR]   (1 <= P <= %d)\n",
		MAX_WORKERS);
	exit(1);
}

static bool stop_pending(void)
{
	sigset_t pending;

	return sigpending(&pending) == 0 &&
	       (sigismember(&pending, SIGTERM) ||
		sigismember(&pending, SIGINT) || sigismember(&pending, SIGHUP));
}

int main(int argc, char **argv)
{
	const char *dir_arg = NULL, *p_arg = NULL;
	sigset_t stopset, oldmask;
	int first_sock[2], first_pipe[2], ready[2];
	int sock_prev, pipe_prev_r;
	long p;
	char *end;
	long long total = 0;
	int got = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--dir") && i + 1 < argc)
			dir_arg = argv[++i];
		else if (!strncmp(argv[i], "--dir=", 6))
			dir_arg = argv[i] + 6;
		else if (!p_arg && argv[i][0] != '-')
			p_arg = argv[i];
		else
			usage();
	}
	if (!p_arg)
		usage();
	errno = 0;
	p = strtol(p_arg, &end, 10);
	if (errno || *end || p < 1 || p > MAX_WORKERS)
		usage();

	/* Blocked from the start: a SIGTERM during setup is seen below and
	 * still kills and reaps what was started. */
	sigemptyset(&stopset);
	sigaddset(&stopset, SIGTERM);
	sigaddset(&stopset, SIGINT);
	sigaddset(&stopset, SIGHUP);
	sigprocmask(SIG_BLOCK, &stopset, &oldmask);
	parent_pid = getpid();

	workers = calloc((size_t)p, sizeof(*workers));
	if (!workers)
		fail("calloc");

	errno = 0;
	if (dir_arg) {
		if (strlen(dir_arg) >= sizeof(dir))
			fail("--dir: path too long");
		strcpy(dir, dir_arg);
		if (mkdir(dir, 0700) == 0)
			dir_created = true;
		else if (errno != EEXIST)
			fail(dir);
	} else {
		strcpy(dir, "/tmp/fdfarm.XXXXXX");
		if (!mkdtemp(dir)) {
			int e = errno;

			dir[0] = '\0';
			errno = e;
			fail("mkdtemp");
		}
		dir_created = true;
	}

	/*
	 * The ring, built incrementally: first_* joins the last worker to the
	 * first, made up front; each other link is made just before the fork
	 * of the worker that holds its first end. The parent keeps at most
	 * first_sock[0], first_pipe[1], the previous link's ends and the new
	 * link's: never more than a dozen fds.
	 */
	if (pipe2(ready, O_CLOEXEC) < 0)
		fail("pipe");
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0,
		       first_sock) < 0)
		fail("socketpair");
	if (pipe2(first_pipe, O_CLOEXEC | O_NONBLOCK) < 0)
		fail("pipe");
	sock_prev = first_sock[1];
	pipe_prev_r = first_pipe[0];

	for (int i = 0; i < p; i++) {
		int sock[2], pp[2];
		pid_t pid;

		if (stop_pending()) {
			errno = 0;
			fail("stopped by a signal during setup");
		}
		if (i == p - 1) {
			sock[0] = first_sock[0];
			sock[1] = -1;
			pp[1] = first_pipe[1];
			pp[0] = -1;
		} else {
			if (socketpair(AF_UNIX,
				       SOCK_STREAM | SOCK_CLOEXEC |
					       SOCK_NONBLOCK,
				       0, sock) < 0)
				fail("socketpair");
			if (pipe2(pp, O_CLOEXEC | O_NONBLOCK) < 0)
				fail("pipe");
		}
		fflush(NULL);
		pid = fork();
		if (pid < 0)
			fail("fork");
		if (pid == 0) {
			close(ready[0]);
			worker(i, sock_prev, pipe_prev_r, sock[0], pp[1],
			       ready[1], &oldmask);
		}
		workers[nworkers++] = pid;
		/* Worker i's ends are its own now; keep the next worker's. */
		close(sock_prev);
		close(pipe_prev_r);
		if (i == p - 1) {
			close(first_sock[0]);
			close(first_pipe[1]);
		} else {
			close(sock[0]);
			close(pp[1]);
			sock_prev = sock[1];
			pipe_prev_r = pp[0];
		}
	}
	close(ready[1]);

	/* Each worker writes its fd count, then closes its end: EOF once all
	 * have (or died). 4 bytes each, atomic in a pipe. */
	for (;;) {
		int32_t n;
		ssize_t r = read(ready[0], &n, sizeof(n));

		if (r == (ssize_t)sizeof(n)) {
			total += n;
			got++;
			continue;
		}
		if (r == 0)
			break;
		if (r < 0 && errno == EINTR)
			continue;
		fail("read readiness pipe");
	}
	close(ready[0]);
	if (got != p) {
		errno = 0;
		fprintf(stderr, "fdfarm: only %d of %ld workers got ready\n",
			got, p);
		fail("setup failed");
	}

	printf("ready %d %d %d %lld\n", (int)parent_pid, (int)workers[0],
	       (int)workers[p - 1], total);
	if (fflush(stdout) != 0)
		fail("stdout");

	for (;;) {
		int sig = sigwaitinfo(&stopset, NULL);

		if (sig > 0)
			break;
	}
	kill_and_reap();
	remove_files();
	return 0;
}
