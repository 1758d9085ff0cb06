/*
 * deeptree - a chain of processes N deep, for dscope's tests of hostile
 * process trees: each process forks the next and pauses.
 *
 * Usage: deeptree N
 *
 * Prints "TOP DEEPEST", the pids of the first and the deepest process,
 * once the whole chain is up, then pauses. Every process but the first dies with its parent
 * (PR_SET_PDEATHSIG SIGKILL), so SIGTERM to the first ends them all.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int ready[2];
	long n;
	pid_t top = getpid();

	if (argc != 2 || (n = strtol(argv[1], NULL, 10)) < 1 || n > 30000) {
		fprintf(stderr, "usage: deeptree N (1..30000)\n");
		return 2;
	}
	if (pipe(ready) != 0) {
		perror("deeptree: pipe");
		return 1;
	}
	for (long depth = 1; depth < n; depth++) {
		pid_t pid = fork();

		if (pid < 0) {
			perror("deeptree: fork");
			return 1;
		}
		if (pid > 0)
			break; /* this one pauses; the child goes deeper */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() == 1)
			_exit(1); /* the parent is gone already */
		if (depth == n - 1) {
			printf("%d %d\n", (int)top, (int)getpid());
			fflush(stdout);
		}
	}
	if (n == 1) {
		printf("%d %d\n", (int)top, (int)top);
		fflush(stdout);
	}
	close(ready[0]);
	close(ready[1]);
	for (;;)
		pause();
}
