/* tdaemon: a small multi-threaded daemon for the tracer's tests.
 *
 *   tdaemon --socket PATH --pidfile FILE [--threads N]
 *
 * The main thread waits in epoll_wait on a unix stream listener and its
 * connections. N worker threads (default 2) loop: nanosleep 20 ms, then
 * getppid. Each request line gets one answer line:
 *   "ping"   -> "pong N"      (N: requests served so far)
 *   "thread" -> "thread TID"  (a new worker thread, created now)
 *   "fork"   -> "child PID"   (a child that writes "hi" to a pipe the
 *                              daemon reads, then exits; it is reaped)
 *   "count"  -> "served N"
 * It writes its pid to FILE when ready and exits on SIGTERM. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static unsigned long served;

static void *worker(void *arg)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };

	(void)arg;
	for (;;) {
		nanosleep(&ts, NULL);
		syscall(SYS_getppid);
	}
	return NULL;
}

static pid_t start_worker(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, worker, NULL) != 0)
		return -1;
	pthread_detach(t);
	return 0;
}

/* The child writes to a pipe the daemon reads, then exits. */
static pid_t fork_child(void)
{
	int p[2];
	pid_t pid;
	char buf[8];

	if (pipe(p) != 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		if (write(p[1], "hi", 2) != 2)
			_exit(1);
		_exit(0);
	}
	close(p[1]);
	if (pid > 0 && read(p[0], buf, sizeof(buf)) < 0)
		perror("read");
	close(p[0]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return pid;
}

static void answer(int fd, const char *line)
{
	char out[64];
	int n;

	served++;
	if (strcmp(line, "ping") == 0) {
		n = snprintf(out, sizeof(out), "pong %lu\n", served);
	} else if (strcmp(line, "thread") == 0) {
		start_worker();
		n = snprintf(out, sizeof(out), "thread ok\n");
	} else if (strcmp(line, "fork") == 0) {
		n = snprintf(out, sizeof(out), "child %d\n", (int)fork_child());
	} else if (strcmp(line, "count") == 0) {
		n = snprintf(out, sizeof(out), "served %lu\n", served);
	} else {
		n = snprintf(out, sizeof(out), "unknown\n");
	}
	if (write(fd, out, (size_t)n) != n)
		perror("write");
}

/* Reads what the client sent; answers each complete line. */
static int serve(int fd)
{
	char buf[256];
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	char *line, *save = NULL;

	if (n <= 0)
		return -1;
	buf[n] = '\0';
	for (line = strtok_r(buf, "\r\n", &save); line;
	     line = strtok_r(NULL, "\r\n", &save))
		answer(fd, line);
	return 0;
}

int main(int argc, char **argv)
{
	const char *sock_path = NULL, *pidfile = NULL;
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int threads = 2, lfd, ep, sfd;
	struct epoll_event ev;
	sigset_t mask;
	FILE *f;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--socket") == 0 && i + 1 < argc)
			sock_path = argv[++i];
		else if (strcmp(argv[i], "--pidfile") == 0 && i + 1 < argc)
			pidfile = argv[++i];
		else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc)
			threads = atoi(argv[++i]);
		else {
			fprintf(stderr, "tdaemon: unknown argument %s\n", argv[i]);
			return 2;
		}
	}
	if (!sock_path || !pidfile || strlen(sock_path) >= sizeof(sa.sun_path)) {
		fprintf(stderr, "usage: tdaemon --socket PATH --pidfile FILE [--threads N]\n");
		return 2;
	}
	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigprocmask(SIG_BLOCK, &mask, NULL); /* the workers inherit it */
	sfd = signalfd(-1, &mask, SFD_CLOEXEC);
	strcpy(sa.sun_path, sock_path);
	unlink(sock_path);
	lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
	    listen(lfd, 64) != 0) {
		perror("tdaemon: socket");
		return 1;
	}
	ep = epoll_create1(EPOLL_CLOEXEC);
	ev.events = EPOLLIN;
	ev.data.fd = lfd;
	epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
	ev.data.fd = sfd;
	epoll_ctl(ep, EPOLL_CTL_ADD, sfd, &ev);
	for (int i = 0; i < threads; i++)
		start_worker();
	f = fopen(pidfile, "w");
	if (!f) {
		perror("tdaemon: pidfile");
		return 1;
	}
	fprintf(f, "%d\n", (int)getpid());
	fclose(f);
	for (;;) {
		struct epoll_event got[16];
		int n = epoll_wait(ep, got, 16, -1);

		if (n < 0 && errno == EINTR)
			continue;
		for (int i = 0; i < n; i++) {
			int fd = got[i].data.fd;

			if (fd == sfd) {
				unlink(sock_path);
				unlink(pidfile);
				return 0;
			}
			if (fd == lfd) {
				int c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);

				if (c < 0)
					continue;
				ev.events = EPOLLIN;
				ev.data.fd = c;
				epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
				continue;
			}
			if (serve(fd) != 0) {
				epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
				close(fd);
			}
		}
	}
}
