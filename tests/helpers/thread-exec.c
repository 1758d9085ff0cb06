/* thread-exec PROGRAM [ARGS...]: a second thread calls execve while the
 * main thread sleeps, so the tracer sees exec by a non-leader thread
 * (the kernel gives the exec'ing thread the leader's tid). */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static char **args;

static void *exec_it(void *arg)
{
	(void)arg;
	execv(args[0], args);
	perror("thread-exec: execv");
	_exit(127);
}

int main(int argc, char **argv)
{
	pthread_t t;

	if (argc < 2) {
		fprintf(stderr, "usage: thread-exec PROGRAM [ARGS...]\n");
		return 2;
	}
	args = argv + 1;
	if (pthread_create(&t, NULL, exec_it, NULL) != 0)
		return 1;
	for (;;)
		pause();
}
