/*
 * spawn-named - a process with a chosen, possibly hostile, comm.
 *
 * Usage: spawn-named NAME_BYTES [--detach]
 *
 * Decodes backslash escapes in NAME_BYTES (\e \n \t \r \\ \xNN; any other
 * backslash is kept as is), sets the result as its comm with
 * prctl(PR_SET_NAME) (the kernel keeps the first 15 bytes and stops at a
 * NUL byte), prints its pid and a newline on stdout, and sleeps in pause()
 * until SIGTERM, then exits 0. Tests use it to check that dscope escapes
 * terminal control codes and newlines in names.
 *
 * With --detach it forks; the child sets the name, the parent prints the
 * child's pid once the name is set and exits 0. The child points its
 * stdin/stdout/stderr at /dev/null and closes every other fd, so that
 * `pid=$(spawn-named X --detach)` returns instead of waiting for the child
 * to close the pipe.
 *
 * The comm is always set before the pid is printed, so a test may read
 * /proc/PID/comm as soon as it has the pid.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes in place; the result is never longer than the input. */
static void unescape(char *s)
{
	char *out = s;

	while (*s) {
		if (*s != '\\' || !s[1]) {
			*out++ = *s++;
			continue;
		}
		switch (s[1]) {
		case 'e':
			*out++ = '\033';
			s += 2;
			break;
		case 'n':
			*out++ = '\n';
			s += 2;
			break;
		case 't':
			*out++ = '\t';
			s += 2;
			break;
		case 'r':
			*out++ = '\r';
			s += 2;
			break;
		case '\\':
			*out++ = '\\';
			s += 2;
			break;
		case 'x': {
			int hi = hexval(s[2]), lo = hi >= 0 ? hexval(s[3]) : -1;

			if (hi < 0) {
				*out++ = *s++;
				break;
			}
			if (lo < 0) {
				*out++ = (char)hi;
				s += 3;
			} else {
				*out++ = (char)(hi << 4 | lo);
				s += 4;
			}
			break;
		}
		default:
			*out++ = *s++;
			break;
		}
	}
	*out = '\0';
}

static void on_term(int sig)
{
	(void)sig;
	_exit(0);
}

/* Before the pid is printed: a SIGTERM sent right after must exit 0. */
static void catch_term(void)
{
	struct sigaction sa = { .sa_handler = on_term };
	sigset_t mask;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	/* A caller that blocked SIGTERM would otherwise leave us unkillable. */
	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigprocmask(SIG_UNBLOCK, &mask, NULL);
}

static _Noreturn void wait_for_term(void)
{
	for (;;)
		pause();
}

static void usage(void)
{
	fprintf(stderr, "usage: spawn-named NAME_BYTES [--detach]\n");
	exit(1);
}

int main(int argc, char **argv)
{
	bool detach = false;
	char *name = NULL;
	int ready[2];
	pid_t pid;
	char c;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--detach"))
			detach = true;
		else if (!name)
			name = argv[i];
		else
			usage();
	}
	if (!name)
		usage();
	unescape(name);
	catch_term();

	if (!detach) {
		if (prctl(PR_SET_NAME, name) < 0) {
			perror("spawn-named: prctl(PR_SET_NAME)");
			return 1;
		}
		printf("%d\n", (int)getpid());
		fflush(stdout);
		wait_for_term();
	}

	/* The parent prints the pid only after the child has renamed itself. */
	if (pipe(ready) < 0) {
		perror("spawn-named: pipe");
		return 1;
	}
	pid = fork();
	if (pid < 0) {
		perror("spawn-named: fork");
		return 1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		close(ready[0]);
		prctl(PR_SET_NAME, name);
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
			if (null > 2)
				close(null);
		}
		if (write(ready[1], "", 1) != 1)
			_exit(1);
		/* Hold no inherited pipe open that a test harness waits on. */
		close_range(3, ~0U, 0);
		wait_for_term();
	}
	close(ready[1]);
	if (read(ready[0], &c, 1) != 1) {
		fprintf(stderr, "spawn-named: the child died before naming itself\n");
		return 1;
	}
	printf("%d\n", (int)pid);
	return fflush(stdout) == 0 ? 0 : 1;
}
