/*
 * churn - starts and reaps short-lived processes, to test that dscope never
 * fails while processes, threads and fds come and go under it.
 *
 * build: -pthread
 *
 * Usage: churn SECONDS [RATE]
 *
 * For SECONDS (a decimal number is fine) it forks up to RATE children a
 * second (default and maximum 2000). Each child names itself churn-PID
 * (its own pid, so that a pid reused under a reader shows as a name that
 * does not match), opens a pipe, a socketpair
 * and an eventfd, starts one or two threads, and exits after 0-5 ms with
 * its threads possibly still running, so /proc entries vanish at every
 * stage of a reader's walk. At most 256 children are alive at once. The
 * parent reaps them all and prints how many it started; SIGINT or SIGTERM
 * end the run early, the count is still printed.
 *
 * Exit status: 0, or 1 on bad arguments or if fork fails for good.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_RATE 2000
#define MAX_ALIVE 256
#define MAX_LIFE_US 5000

static volatile sig_atomic_t stop_requested;

static void on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_until(double t)
{
	struct timespec ts = {
		.tv_sec = (time_t)t,
		.tv_nsec = (long)((t - (double)(time_t)t) * 1e9),
	};

	if (ts.tv_nsec >= 1000000000L)
		ts.tv_nsec = 999999999L;
	clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
}

static void sleep_us(unsigned us)
{
	struct timespec ts = { .tv_sec = 0, .tv_nsec = (long)us * 1000 };

	nanosleep(&ts, NULL);
}

static void *thread_main(void *arg)
{
	sleep_us((unsigned)(uintptr_t)arg);
	return NULL;
}

static _Noreturn void child_main(unsigned seed)
{
	uint64_t one = 1;
	int p[2], sv[2], efd;
	int nthreads = 1 + (int)(rand_r(&seed) % 2);
	char name[16];

	/* Named after its own pid: a reader that mixed two processes behind
	 * one reused pid would show a name that is not its pid's. */
	snprintf(name, sizeof(name), "churn-%d", (int)getpid());
	prctl(PR_SET_NAME, name);
	/* Some fds of kinds dscope decodes, with a little state in them. */
	if (pipe(p) == 0 && write(p[1], "x", 1) < 0)
		_exit(1);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0 &&
	    write(sv[0], "x", 1) < 0)
		_exit(1);
	efd = eventfd(0, 0);
	if (efd >= 0 && write(efd, &one, sizeof(one)) < 0)
		_exit(1);

	for (int i = 0; i < nthreads; i++) {
		pthread_t t;
		uintptr_t us = (uintptr_t)(rand_r(&seed) % (MAX_LIFE_US + 1));

		/* Threads are not joined: _exit() takes them down mid-sleep. */
		pthread_create(&t, NULL, thread_main, (void *)us);
	}
	sleep_us(rand_r(&seed) % (MAX_LIFE_US + 1));
	_exit(0);
}

/* Reaps whatever has exited, without waiting. */
static void reap_some(int *alive)
{
	while (*alive > 0 && waitpid(-1, NULL, WNOHANG) > 0)
		(*alive)--;
}

/* Waits for one child to exit (then reaps the others that have). */
static void reap_one(int *alive)
{
	while (*alive > 0) {
		if (waitpid(-1, NULL, 0) > 0) {
			(*alive)--;
			break;
		}
		if (errno == ECHILD) {
			*alive = 0;
			return;
		}
	}
	reap_some(alive);
}

static void usage(void)
{
	fprintf(stderr, "usage: churn SECONDS [RATE]\n"
			"  RATE: children per second, at most %d (default)\n",
		MAX_RATE);
	exit(1);
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_stop };
	double seconds, rate = MAX_RATE, start, deadline;
	unsigned long started = 0;
	int alive = 0;
	char *end;

	if (argc < 2 || argc > 3)
		usage();
	seconds = strtod(argv[1], &end);
	if (end == argv[1] || *end || !(seconds > 0))
		usage();
	if (argc == 3) {
		rate = strtod(argv[2], &end);
		if (end == argv[2] || *end || !(rate > 0))
			usage();
		if (rate > MAX_RATE)
			rate = MAX_RATE;
	}

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	start = now();
	deadline = start + seconds;
	while (!stop_requested) {
		double t = now(), next = start + (double)started / rate;
		pid_t pid;

		if (t >= deadline)
			break;
		reap_some(&alive);
		if (t < next) {
			sleep_until(next < deadline ? next : deadline);
			continue;
		}
		/* Bound the number alive, so a slow machine does not pile up. */
		while (alive >= MAX_ALIVE)
			reap_one(&alive);
		pid = fork();
		if (pid < 0) {
			if (errno != EAGAIN && errno != ENOMEM) {
				fprintf(stderr, "churn: fork: %s\n",
					strerror(errno));
				while (alive > 0)
					reap_one(&alive);
				return 1;
			}
			/* Out of processes for now: let some exit first. */
			if (alive > 0)
				reap_one(&alive);
			else
				sleep_us(1000);
			continue;
		}
		if (pid == 0)
			child_main((unsigned)started ^
				   (unsigned)getpid() * 2654435761u);
		started++;
		alive++;
	}
	while (alive > 0)
		reap_one(&alive);
	printf("%lu\n", started);
	return 0;
}
