/* odd-tasks MODE: processes whose threads a tracer cannot all stop.
 *   leader-exit  the main thread exits (a zombie leader) while another
 *                thread goes on calling getppid every 10 ms
 *   vfork-stop   after 0.5 s the process vforks a child that stops itself
 *                (SIGSTOP), so the parent stays blocked in vfork
 * Runs until killed. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void *loop(void *arg)
{
	(void)arg;
	for (;;) {
		syscall(SYS_getppid);
		usleep(10000);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t;

	if (argc == 2 && strcmp(argv[1], "leader-exit") == 0) {
		if (pthread_create(&t, NULL, loop, NULL) != 0)
			return 1;
		pthread_exit(NULL);
	}
	if (argc == 2 && strcmp(argv[1], "vfork-stop") == 0) {
		usleep(500000);
		if (vfork() == 0) {
			kill(getpid(), SIGSTOP);
			_exit(0);
		}
		for (;;)
			pause();
	}
	fprintf(stderr, "usage: odd-tasks leader-exit|vfork-stop\n");
	return 2;
}
