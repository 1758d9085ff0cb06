/* fdswap MODE DIR: fd 5 is DIR/a, then changes behind the back of the
 * thread that writes to it, in a way the eBPF backend's fd-table
 * generations must notice (tests/e2e/trace-ebpf-fdgen.t). Between the
 * writes, the writer makes only calls that leave an fd table alone
 * (newfstatat, nanosleep, write), so nothing but the change itself can
 * tell the tracer that fd 5 is another file now.
 *
 * Prints "ready PID" once set up (PID: share's other process, else 0);
 * waits for DIR/go to exist (the tracer is
 * attached by then); writes "1" to fd 5 three times; then by MODE:
 *   share    a process sharing the fd table (clone CLONE_FILES, made
 *            before the trace) puts DIR/b on fd 5 and ends; once DIR/go2
 *            exists (the test saw it end: the table is no longer shared)
 *            "2" written
 *   thread   another thread of the process does it; "2" written
 *   unshare  another thread unshares its fd table and puts DIR/b on its
 *            own fd 5, writes "t" to it; then the writer writes "2" to
 *            its fd 5, still DIR/a, and the thread "u" to its own
 *   uring    an io_uring ring polled by the kernel's thread (SQPOLL, set
 *            up by another thread before the trace) closes fd 5 once
 *            the writer writes to a pipe; "2" written to the closed fd
 * and exits 0 (1 on a setup failure, with a message). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FD 5
#define OTHER 6

static const char *dir;
/* shared with the other party: 1 = its turn, 2 = done, 3 = its last turn */
static _Atomic int *turn;

static void die(const char *what)
{
	fprintf(stderr, "fdswap: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void nap(void)
{
	struct timespec ts = { 0, 2 * 1000 * 1000 };

	nanosleep(&ts, NULL);
}

static void wait_turn(int value)
{
	while (atomic_load(turn) != value)
		nap();
}

static int open_in_dir(const char *name)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
}

static void put_b_on_fd(void)
{
	if (dup2(OTHER, FD) != FD)
		die("dup2");
}

/* ---- share: a process with the same fd table ---- */

static int sharer(void *arg)
{
	(void)arg;
	wait_turn(1);
	put_b_on_fd();
	atomic_store(turn, 2);
	_exit(0);
}

static pid_t start_sharer(void)
{
	static char stack[64 * 1024];
	pid_t pid = clone(sharer, stack + sizeof(stack), CLONE_FILES | SIGCHLD, NULL);

	if (pid < 0)
		die("clone");
	return pid;
}

/* ---- thread and unshare: another thread ---- */

static void *other_thread(void *arg)
{
	bool own_table = arg != NULL;

	wait_turn(1);
	if (own_table && unshare(CLONE_FILES) != 0)
		die("unshare");
	put_b_on_fd();
	if (own_table)
		write(FD, "t", 1);
	atomic_store(turn, 2);
	if (own_table) {
		wait_turn(3);
		write(FD, "u", 1);
		atomic_store(turn, 4);
	}
	return NULL;
}

/* ---- uring: a ring polled by the kernel ---- */

struct ring {
	int fd, pipe[2];
	struct io_uring_params p;
	char *sq, *cq;
	struct io_uring_sqe *sqes;
};

static void map_ring(struct ring *r)
{
	r->sq = mmap(NULL, r->p.sq_off.array + r->p.sq_entries * sizeof(__u32),
		     PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, r->fd,
		     IORING_OFF_SQ_RING);
	r->cq = mmap(NULL,
		     r->p.cq_off.cqes + r->p.cq_entries * sizeof(struct io_uring_cqe),
		     PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, r->fd,
		     IORING_OFF_CQ_RING);
	r->sqes = mmap(NULL, r->p.sq_entries * sizeof(struct io_uring_sqe),
		       PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, r->fd,
		       IORING_OFF_SQES);
	if (r->sq == MAP_FAILED || r->cq == MAP_FAILED || r->sqes == MAP_FAILED)
		die("mmap ring");
}

static void queue(struct ring *r, __u8 opcode, int fd, __u8 flags)
{
	_Atomic __u32 *tail = (_Atomic __u32 *)(r->sq + r->p.sq_off.tail);
	__u32 *array = (__u32 *)(r->sq + r->p.sq_off.array);
	__u32 mask = *(__u32 *)(r->sq + r->p.sq_off.ring_mask);
	__u32 at = atomic_load(tail) & mask;
	struct io_uring_sqe *sqe = &r->sqes[at];

	memset(sqe, 0, sizeof(*sqe));
	sqe->opcode = opcode;
	sqe->fd = fd;
	sqe->flags = flags;
	if (opcode == IORING_OP_POLL_ADD)
		sqe->poll32_events = POLLIN;
	array[at] = at;
	atomic_store_explicit(tail, atomic_load(tail) + 1, memory_order_release);
}

/* Another thread (the writer never calls io_uring), before the trace:
 * a ring polled by the kernel's own thread is given a poll of a pipe
 * linked to a close of FD. The writer's write to the pipe, a call that
 * keeps the fd table, then has the kernel's thread close FD. The thread
 * stays, in pause: its end would cancel the ring's requests. */
static void *setup_ring(void *arg)
{
	struct ring *r = arg;

	r->p.flags = IORING_SETUP_SQPOLL;
	r->p.sq_thread_idle = 10; /* ms */
	r->fd = (int)syscall(SYS_io_uring_setup, 4, &r->p);
	if (r->fd < 0)
		die("io_uring_setup");
	map_ring(r);
	queue(r, IORING_OP_POLL_ADD, r->pipe[0], IOSQE_IO_LINK);
	queue(r, IORING_OP_CLOSE, FD, 0);
	/* until the kernel's thread has taken both */
	while (atomic_load((_Atomic __u32 *)(r->sq + r->p.sq_off.head)) !=
	       atomic_load((_Atomic __u32 *)(r->sq + r->p.sq_off.tail))) {
		syscall(SYS_io_uring_enter, r->fd, 0, 0, IORING_ENTER_SQ_WAKEUP,
			NULL, 0);
		nap();
	}
	atomic_store(turn, 1);
	for (;;)
		pause();
	return NULL;
}

static void start_ring(struct ring *r)
{
	pthread_t t;

	if (pipe(r->pipe) != 0)
		die("pipe");
	pthread_create(&t, NULL, setup_ring, r);
	wait_turn(1);
	atomic_store(turn, 0);
}

/* Has the kernel close FD, waiting for both completions in memory. */
static void ring_close(struct ring *r)
{
	_Atomic __u32 *cq_tail = (_Atomic __u32 *)(r->cq + r->p.cq_off.tail);

	write(r->pipe[1], "x", 1);
	while (atomic_load_explicit(cq_tail, memory_order_acquire) < 2)
		nap();
}

/* Waits for DIR/name to exist, with calls that keep the fd table. */
static void wait_file(const char *name)
{
	char path[4096];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	while (stat(path, &st) != 0)
		nap();
}

int main(int argc, char **argv)
{
	const char *mode;
	struct ring r = { .fd = -1 };
	pthread_t t;
	pid_t child = -1;
	int a, b;

	if (argc != 3) {
		fprintf(stderr, "usage: fdswap share|thread|unshare|uring DIR\n");
		return 2;
	}
	mode = argv[1];
	dir = argv[2];
	turn = mmap(NULL, sizeof(*turn), PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (turn == MAP_FAILED)
		die("mmap");
	a = open_in_dir("a");
	b = open_in_dir("b");
	if (a < 0 || b < 0 || dup2(a, FD) != FD || dup2(b, OTHER) != OTHER)
		die("open");
	close(a);
	close(b);
	if (strcmp(mode, "share") == 0)
		child = start_sharer();
	else if (strcmp(mode, "thread") == 0 || strcmp(mode, "unshare") == 0)
		pthread_create(&t, NULL, other_thread,
			       strcmp(mode, "unshare") == 0 ? "own" : NULL);
	else if (strcmp(mode, "uring") == 0)
		start_ring(&r);
	else {
		fprintf(stderr, "fdswap: unknown mode %s\n", mode);
		return 2;
	}
	printf("ready %d\n", (int)(child > 0 ? child : 0));
	fflush(stdout);

	wait_file("go");
	for (int i = 0; i < 3; i++)
		write(FD, "1", 1);
	if (r.fd >= 0) {
		ring_close(&r);
	} else {
		atomic_store(turn, 1);
		wait_turn(2);
		if (child > 0)
			wait_file("go2");
	}
	write(FD, "2", 1);
	if (strcmp(mode, "unshare") == 0) {
		atomic_store(turn, 3);
		wait_turn(4);
	}
	if (child > 0)
		waitpid(child, NULL, 0);
	return 0;
}
