/*
 * mkfds - fixture factory: creates the fds the tests ask for, describes them
 * in one line of JSON on stdout, then waits.
 *
 * Usage:
 *   mkfds [--dir DIR] [--stdin-eof] KIND...
 *
 *   --dir DIR     where files, FIFOs and unix socket paths go. Created if
 *                 missing (and then removed on exit if empty). Default: a
 *                 new mkdtemp /tmp/mkfds.XXXXXX, removed on exit with every
 *                 non-directory entry in it.
 *   --stdin-eof   also stop when stdin reaches EOF (input is discarded).
 *
 * Each KIND creates one group of fds, in command-line order (fd numbers
 * follow that order). A kind may be given once. After everything, children
 * included, is ready, mkfds prints ONE line and flushes:
 *   {"pid":P,"fds":{...},"peers":{...},"info":{...}}
 * numbers are JSON numbers. Then it sleeps until SIGTERM, SIGINT or SIGHUP
 * (SIGHUP only if `signalfd` was not given), or stdin EOF with --stdin-eof;
 * then it kills (SIGKILL) and reaps its children, removes what it created
 * and exits 0. On an unexpected failure it prints "mkfds: KIND: what: why"
 * on stderr, cleans up the same way and exits 1 (2 for a usage error).
 *
 * Startup: fds 0-2 are opened on /dev/null if closed, every other inherited
 * fd is closed, SIGPIPE is ignored, comm is "mkfds". Apart from the `many`
 * fds, every fd mkfds holds above 2 is listed in "fds".
 *
 * Children: comm "mkfds-child", PR_SET_PDEATHSIG SIGKILL, default signal
 * dispositions and an empty signal mask, fds 0-2 on /dev/null and exactly
 * one more fd (the "*_child_fd"/"*_client*_fd" info key; none for
 * pidfd_child); they sleep in pause(). "peers" maps names to their pids.
 *
 * Kinds and the keys they add (fds.X = fd number in mkfds). "or
 * unavailable": when the kernel, its settings or our privileges do not allow
 * it (EPERM, EACCES, ENOSYS, EAFNOSUPPORT, ...; for tcp6/udp6 also no ::1),
 * the kind adds only info.K = "unavailable", K being its fds key (tty, tcp6,
 * udp6, raw, packet, fanotify, pidfd, io_uring, bpf_map, perf, userfaultfd).
 * Any other failure is an error (exit 1).
 *   file           DIR/data, O_RDWR|O_APPEND|O_CLOEXEC, 123 bytes, offset 5
 *                  -> fds.file
 *   ro-file        DIR/ro (10 bytes) O_RDONLY -> fds.ro_file
 *   deleted-file   DIR/gone opened O_RDWR then unlinked -> fds.deleted_file
 *   dir            DIR, O_RDONLY|O_DIRECTORY -> fds.dir
 *   devnull        /dev/null, O_WRONLY -> fds.devnull
 *   tty            /dev/tty O_RDWR|O_NOCTTY -> fds.tty, or unavailable
 *   pipe-self      -> fds.pipe_self_r, fds.pipe_self_w
 *   pipe-child     a child holds the write end -> fds.pipe_child_r,
 *                  peers.pipe_child, info.pipe_child_fd
 *   fifo           DIR/fifo, O_RDWR here, O_WRONLY in a child -> fds.fifo,
 *                  peers.fifo_child, info.fifo_child_fd
 *   socketpair-child      AF_UNIX SOCK_STREAM pair, child holds the other
 *                  end -> fds.socketpair, peers.socketpair_child,
 *                  info.socketpair_child_fd
 *   socketpair-dgram      same, SOCK_DGRAM -> fds.socketpair_dgram,
 *                  peers.socketpair_dgram_child, info.socketpair_dgram_child_fd
 *   socketpair-seqpacket  same, SOCK_SEQPACKET -> fds.socketpair_seqpacket,
 *                  peers.socketpair_seqpacket_child,
 *                  info.socketpair_seqpacket_child_fd
 *   unix-server    listen(7) on DIR/server.sock -> fds.unix_listen; two
 *                  client children, connected and accepted one after the
 *                  other -> peers.unix_client1, info.unix_client1_fd,
 *                  fds.unix_accepted1 (its peer), then the same with 2
 *   unix-abstract  listen(5) on "\0dscope-mkfds-<pid>" -> fds.unix_abstract,
 *                  info.unix_abstract_name ("@dscope-mkfds-<pid>")
 *   unix-dgram-bound  SOCK_DGRAM bound to DIR/dgram.sock -> fds.unix_dgram
 *   tcp            listen(5) on 127.0.0.1:0 -> fds.tcp_listen, info.tcp_port;
 *                  a client child -> peers.tcp_client, info.tcp_client_fd,
 *                  info.tcp_client_port (its local port); fds.tcp_accepted
 *   tcp6           the same on [::1], keys tcp6_*; or unavailable
 *   udp            bound to 127.0.0.1:0 -> fds.udp, info.udp_port
 *   udp6           bound to [::1]:0 -> fds.udp6, info.udp6_port; or unavail.
 *   unbound        AF_INET SOCK_STREAM and SOCK_DGRAM sockets, neither bound
 *                  nor connected -> fds.tcp_unbound, fds.udp_unbound
 *   raw            AF_INET SOCK_RAW IPPROTO_ICMP -> fds.raw; or unavailable
 *   netlink        NETLINK_ROUTE bound to RTMGRP_LINK -> fds.netlink,
 *                  info.netlink_portid
 *   packet         AF_PACKET SOCK_DGRAM ETH_P_IP -> fds.packet; or unavail.
 *   eventfd        eventfd(5, EFD_NONBLOCK) -> fds.eventfd
 *   eventfd-shared eventfd(0, 0), also held by a child -> fds.eventfd_shared,
 *                  peers.eventfd_child, info.eventfd_child_fd
 *   timerfd        CLOCK_MONOTONIC, first expiry 100 s, interval 5 s
 *                  -> fds.timerfd
 *   timerfd-realtime  CLOCK_REALTIME, one shot in 1000 s -> fds.timerfd_rt
 *   signalfd       SIGHUP, SIGUSR1, SIGUSR2 (blocked) -> fds.signalfd
 *   inotify        DIR (IN_CREATE|IN_DELETE), DIR/data if it exists
 *                  (IN_MODIFY) -> fds.inotify, info.inotify_dir_ino,
 *                  info.inotify_dir_wd [, info.inotify_data_ino,
 *                  info.inotify_data_wd]
 *   fanotify       FAN_CLASS_NOTIF, O_RDONLY, inode mark on DIR
 *                  (FAN_MODIFY|FAN_CLOSE_WRITE|FAN_EVENT_ON_CHILD)
 *                  -> fds.fanotify; or unavailable
 *   pidfd          pidfd of a sleeping child -> fds.pidfd, peers.pidfd_child;
 *                  or unavailable
 *   memfd          memfd "dscope-memfd", MFD_CLOEXEC, 4096 bytes -> fds.memfd
 *   epoll          epoll_create1(EPOLL_CLOEXEC) -> fds.epoll, watching (data
 *                  = fd number) whichever exist of: pipe_child_r (IN),
 *                  unix_listen (IN|ET), eventfd (IN|ONESHOT), tcp_listen
 *                  (IN|EXCLUSIVE), timerfd (IN|RDHUP); so give those kinds
 *                  first. Two stale entries (IN|OUT) are added after every
 *                  other kind is done, so no later kind takes their numbers:
 *                  info.epoll_stale_fd: a pipe read end added as that fd,
 *                    then closed; the file stays open (so does the entry) as
 *                    fds.epoll_stale_hold (a dup, number >= 100);
 *                  info.epoll_reused_fd: the same, kept as
 *                    fds.epoll_reused_hold, but the number was then reused
 *                    by /dev/null (dup2) -> fds.epoll_reused_devnull
 *                  info.epoll_targets: [every tfd added, in order]
 *   io_uring       io_uring_setup(4) -> fds.io_uring, info.io_uring_sq_entries;
 *                  or unavailable
 *   bpf-map        BPF_MAP_TYPE_ARRAY key 4 value 8, 4 entries, "dscope_map"
 *                  -> fds.bpf_map, info.bpf_map_id; or unavailable
 *   perf           PERF_COUNT_SW_CPU_CLOCK on self, disabled -> fds.perf;
 *                  or unavailable
 *   userfaultfd    O_CLOEXEC -> fds.userfaultfd; or unavailable
 *   many N         RLIMIT_NOFILE soft raised to hard, then N more fds on
 *                  /dev/null -> info.many (N), info.many_first,
 *                  info.many_last, info.nofile (the soft limit now)
 * Always: info.dir (the absolute DIR).
 *
 * Example:
 *   mkfds --dir /tmp/x pipe-child tcp epoll &
 *   {"pid":123,"fds":{"pipe_child_r":3,...},"peers":{"pipe_child":124,...},
 *    "info":{"dir":"/tmp/x","pipe_child_fd":4,...,"epoll_targets":[3,5,9,10]}}
 * In bash: coproc M { mkfds KIND...; }; read -r line <&"${M[0]}"
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/io_uring.h>
#include <linux/netlink.h>
#include <linux/perf_event.h>
#include <linux/rtnetlink.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/fanotify.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef UFFD_USER_MODE_ONLY
#define UFFD_USER_MODE_ONLY 1
#endif

#define PROG	"mkfds"
#define HOLD_FD 100 /* epoll stale entries keep their file open from here */
#define MAX_KEY 64

enum section { SEC_FDS, SEC_PEERS, SEC_INFO };
enum vtype { V_INT, V_STR, V_ARR };

struct entry {
	enum section sec;
	char key[MAX_KEY];
	enum vtype type;
	long long num;
	char *str;
	int *arr;
	size_t narr;
};

enum dir_origin { DIR_GIVEN, DIR_MADE, DIR_TEMP };

struct state {
	const char *kind; /* the kind being created, for messages */
	char dir[PATH_MAX];
	enum dir_origin dir_origin;
	struct entry *ent;
	size_t nent, cap_ent;
	pid_t *child;
	size_t nchild, cap_child;
	char **path;
	size_t npath, cap_path;
	int epoll_fd; /* -1 unless `epoll` was given */
	int targets[16];
	size_t ntargets;
	int signalfd_used;
};

/* A child's readiness message. */
struct report {
	int err; /* errno, 0 if ready */
	int fd;	 /* its fd, -1 if none */
	int extra;
};

typedef int (*child_fn)(void *arg, int *extra);

struct client_arg {
	int family;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	int port;
};

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

/* ------------------------------------------------------------------ */
/* cleanup and errors */

static void remove_temp_dir_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d)))
		if (de->d_type != DT_DIR)
			unlinkat(dirfd(d), de->d_name, 0);
	closedir(d);
}

static void cleanup(struct state *st)
{
	for (size_t i = 0; i < st->nchild; i++)
		kill(st->child[i], SIGKILL);
	for (size_t i = 0; i < st->nchild; i++)
		while (waitpid(st->child[i], NULL, 0) < 0 && errno == EINTR)
			;
	st->nchild = 0;
	for (size_t i = st->npath; i-- > 0;)
		unlink(st->path[i]);
	st->npath = 0;
	if (st->dir_origin == DIR_TEMP)
		remove_temp_dir_entries(st->dir);
	if (st->dir_origin != DIR_GIVEN && st->dir[0])
		rmdir(st->dir);
	st->dir[0] = '\0';
}

__attribute__((noreturn, format(printf, 3, 4))) static void
fail(struct state *st, int err, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, PROG ": ");
	if (st->kind)
		fprintf(stderr, "%s: ", st->kind);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (err)
		fprintf(stderr, ": %s", strerror(err));
	fputc('\n', stderr);
	cleanup(st);
	exit(1);
}

static void *xrealloc(struct state *st, void *p, size_t n, size_t size)
{
	p = reallocarray(p, n, size);
	if (!p)
		fail(st, ENOMEM, "allocation");
	return p;
}

/* ------------------------------------------------------------------ */
/* the description */

static struct entry *add_entry(struct state *st, enum section sec,
			       const char *key, enum vtype type)
{
	struct entry *e;

	if (st->nent == st->cap_ent) {
		st->cap_ent = st->cap_ent ? 2 * st->cap_ent : 32;
		st->ent = xrealloc(st, st->ent, st->cap_ent, sizeof *st->ent);
	}
	e = &st->ent[st->nent++];
	memset(e, 0, sizeof *e);
	e->sec = sec;
	e->type = type;
	snprintf(e->key, sizeof e->key, "%s", key);
	return e;
}

static void add_int(struct state *st, enum section sec, const char *key,
		    long long v)
{
	add_entry(st, sec, key, V_INT)->num = v;
}

static void add_str(struct state *st, enum section sec, const char *key,
		    const char *s)
{
	struct entry *e = add_entry(st, sec, key, V_STR);

	e->str = strdup(s);
	if (!e->str)
		fail(st, ENOMEM, "allocation");
}

/* The key with a prefix: keyf(buf, "tcp6", "_listen") = "tcp6_listen". */
static const char *keyf(char *buf, const char *prefix, const char *suffix)
{
	snprintf(buf, MAX_KEY, "%s%s", prefix, suffix);
	return buf;
}

static int lookup_fd(const struct state *st, const char *key)
{
	for (size_t i = 0; i < st->nent; i++)
		if (st->ent[i].sec == SEC_FDS && st->ent[i].type == V_INT &&
		    !strcmp(st->ent[i].key, key))
			return (int)st->ent[i].num;
	return -1;
}

static void unavailable(struct state *st, const char *key)
{
	add_str(st, SEC_INFO, key, "unavailable");
}

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void print_json(struct state *st)
{
	static const char *const names[] = { "fds", "peers", "info" };

	printf("{\"pid\":%d", (int)getpid());
	for (int sec = SEC_FDS; sec <= SEC_INFO; sec++) {
		int first = 1;

		printf(",\"%s\":{", names[sec]);
		for (size_t i = 0; i < st->nent; i++) {
			struct entry *e = &st->ent[i];

			if ((int)e->sec != sec)
				continue;
			if (!first)
				putchar(',');
			first = 0;
			json_str(stdout, e->key);
			putchar(':');
			if (e->type == V_INT) {
				printf("%lld", e->num);
			} else if (e->type == V_STR) {
				json_str(stdout, e->str);
			} else {
				putchar('[');
				for (size_t j = 0; j < e->narr; j++)
					printf("%s%d", j ? "," : "", e->arr[j]);
				putchar(']');
			}
		}
		putchar('}');
	}
	printf("}\n");
	if (fflush(stdout) == EOF || ferror(stdout))
		fail(st, errno, "writing the description to stdout");
}

/* ------------------------------------------------------------------ */
/* fds and children */

static void close_all_except(int a, int b)
{
	unsigned lo = 3;
	int keep[2] = { a < b ? a : b, a < b ? b : a };

	for (int i = 0; i < 2; i++) {
		if (keep[i] < (int)lo)
			continue;
		if (keep[i] > (int)lo &&
		    close_range(lo, (unsigned)keep[i] - 1, 0) < 0)
			for (int fd = (int)lo; fd < keep[i]; fd++)
				close(fd);
		lo = (unsigned)keep[i] + 1;
	}
	if (close_range(lo, ~0U, 0) < 0) {
		long max = sysconf(_SC_OPEN_MAX);

		for (long fd = lo; fd < max; fd++)
			close((int)fd);
	}
}

static int write_full(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static ssize_t read_full(int fd, void *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, (char *)buf + got, len - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

__attribute__((noreturn)) static void
child_main(pid_t parent, int keep, int ready, child_fn fn, void *arg)
{
	struct report rep = { 0, keep, 0 };
	sigset_t none;
	int nul;

	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
		_exit(1);
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	prctl(PR_SET_NAME, "mkfds-child");
	nul = open("/dev/null", O_RDWR);
	if (nul < 0) {
		rep.err = errno;
		goto out;
	}
	for (int fd = 0; fd <= 2; fd++)
		if (nul != fd && dup2(nul, fd) < 0)
			rep.err = errno;
	if (nul > 2)
		close(nul);
	close_all_except(keep, ready);
	if (!rep.err && fn) {
		int r = fn(arg, &rep.extra);

		if (r < 0)
			rep.err = -r;
		else
			rep.fd = r;
	}
out:
	write_full(ready, &rep, sizeof rep);
	close(ready);
	if (rep.err)
		_exit(1);
	for (;;)
		pause();
}

/*
 * Fork a child that keeps only fds 0-2 and `keep` (may be -1), then runs
 * fn (may be NULL) whose result (an fd or -errno) becomes rep->fd. Returns
 * once the child is ready.
 */
static pid_t spawn_child(struct state *st, int keep, child_fn fn, void *arg,
			 struct report *rep)
{
	pid_t parent = getpid(), pid;
	int rp[2];
	ssize_t n;

	if (pipe2(rp, O_CLOEXEC) < 0)
		fail(st, errno, "pipe for the child's readiness");
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		fail(st, errno, "fork");
	if (pid == 0)
		child_main(parent, keep, rp[1], fn, arg);
	close(rp[1]);
	if (st->nchild == st->cap_child) {
		st->cap_child = st->cap_child ? 2 * st->cap_child : 8;
		st->child =
			xrealloc(st, st->child, st->cap_child, sizeof(pid_t));
	}
	st->child[st->nchild++] = pid;
	n = read_full(rp[0], rep, sizeof *rep);
	close(rp[0]);
	if (n != (ssize_t)sizeof *rep)
		fail(st, 0, "child %d died before it was ready", (int)pid);
	if (rep->err)
		fail(st, rep->err, "in child %d", (int)pid);
	return pid;
}

static void add_path(struct state *st, const char *p)
{
	if (st->npath == st->cap_path) {
		st->cap_path = st->cap_path ? 2 * st->cap_path : 8;
		st->path = xrealloc(st, st->path, st->cap_path, sizeof(char *));
	}
	st->path[st->npath] = strdup(p);
	if (!st->path[st->npath])
		fail(st, ENOMEM, "allocation");
	st->npath++;
}

/* DIR/name into buf; fails if it does not fit (limit: a sun_path). */
static const char *dir_path(struct state *st, char *buf, size_t size,
			    const char *name)
{
	if ((size_t)snprintf(buf, size, "%s/%s", st->dir, name) >= size)
		fail(st, ENAMETOOLONG, "%s/%s", st->dir, name);
	return buf;
}

static void write_bytes(struct state *st, int fd, size_t len, const char *what)
{
	static const char pat[] = "dscope mkfds fixture data 0123456789\n";
	char buf[4096];

	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = pat[i % (sizeof pat - 1)];
	while (len) {
		size_t n = len < sizeof buf ? len : sizeof buf;

		if (write_full(fd, buf, n) < 0)
			fail(st, errno, "write %s", what);
		len -= n;
	}
}

/* ------------------------------------------------------------------ */
/* files */

static void k_file(struct state *st, const char *arg)
{
	char p[PATH_MAX];
	int fd;

	(void)arg;
	dir_path(st, p, sizeof p, "data");
	fd = open(p, O_RDWR | O_APPEND | O_CLOEXEC | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		fail(st, errno, "open %s", p);
	add_path(st, p);
	write_bytes(st, fd, 123, p);
	if (lseek(fd, 5, SEEK_SET) != 5)
		fail(st, errno, "lseek %s", p);
	add_int(st, SEC_FDS, "file", fd);
}

static void k_ro_file(struct state *st, const char *arg)
{
	char p[PATH_MAX];
	int fd;

	(void)arg;
	dir_path(st, p, sizeof p, "ro");
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		fail(st, errno, "create %s", p);
	add_path(st, p);
	write_bytes(st, fd, 10, p);
	close(fd);
	fd = open(p, O_RDONLY);
	if (fd < 0)
		fail(st, errno, "open %s", p);
	add_int(st, SEC_FDS, "ro_file", fd);
}

static void k_deleted_file(struct state *st, const char *arg)
{
	char p[PATH_MAX];
	int fd;

	(void)arg;
	dir_path(st, p, sizeof p, "gone");
	fd = open(p, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		fail(st, errno, "open %s", p);
	write_bytes(st, fd, 5, p);
	if (unlink(p) < 0)
		fail(st, errno, "unlink %s", p);
	add_int(st, SEC_FDS, "deleted_file", fd);
}

static void k_dir(struct state *st, const char *arg)
{
	int fd = open(st->dir, O_RDONLY | O_DIRECTORY);

	(void)arg;
	if (fd < 0)
		fail(st, errno, "open %s", st->dir);
	add_int(st, SEC_FDS, "dir", fd);
}

static void k_devnull(struct state *st, const char *arg)
{
	int fd = open("/dev/null", O_WRONLY);

	(void)arg;
	if (fd < 0)
		fail(st, errno, "open /dev/null");
	add_int(st, SEC_FDS, "devnull", fd);
}

static void k_tty(struct state *st, const char *arg)
{
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY);

	(void)arg;
	if (fd < 0)
		unavailable(st, "tty");
	else
		add_int(st, SEC_FDS, "tty", fd);
}

/* ------------------------------------------------------------------ */
/* pipes, FIFOs, socketpairs */

static void k_pipe_self(struct state *st, const char *arg)
{
	int p[2];

	(void)arg;
	if (pipe(p) < 0)
		fail(st, errno, "pipe");
	add_int(st, SEC_FDS, "pipe_self_r", p[0]);
	add_int(st, SEC_FDS, "pipe_self_w", p[1]);
}

static void k_pipe_child(struct state *st, const char *arg)
{
	struct report rep;
	pid_t pid;
	int p[2];

	(void)arg;
	if (pipe(p) < 0)
		fail(st, errno, "pipe");
	pid = spawn_child(st, p[1], NULL, NULL, &rep);
	close(p[1]);
	add_int(st, SEC_FDS, "pipe_child_r", p[0]);
	add_int(st, SEC_PEERS, "pipe_child", pid);
	add_int(st, SEC_INFO, "pipe_child_fd", rep.fd);
}

static int child_open_wronly(void *arg, int *extra)
{
	int fd = open(((struct client_arg *)arg)->path, O_WRONLY);

	(void)extra;
	return fd < 0 ? -errno : fd;
}

static void k_fifo(struct state *st, const char *arg)
{
	struct client_arg ca = { 0 };
	struct report rep;
	char p[PATH_MAX];
	pid_t pid;
	int fd;

	(void)arg;
	dir_path(st, p, sizeof p, "fifo");
	unlink(p);
	if (mkfifo(p, 0600) < 0)
		fail(st, errno, "mkfifo %s", p);
	add_path(st, p);
	fd = open(p, O_RDWR);
	if (fd < 0)
		fail(st, errno, "open %s", p);
	dir_path(st, ca.path, sizeof ca.path, "fifo");
	pid = spawn_child(st, -1, child_open_wronly, &ca, &rep);
	add_int(st, SEC_FDS, "fifo", fd);
	add_int(st, SEC_PEERS, "fifo_child", pid);
	add_int(st, SEC_INFO, "fifo_child_fd", rep.fd);
}

static void socketpair_child(struct state *st, int type, const char *prefix)
{
	char key[MAX_KEY];
	struct report rep;
	pid_t pid;
	int sv[2];

	if (socketpair(AF_UNIX, type, 0, sv) < 0)
		fail(st, errno, "socketpair");
	pid = spawn_child(st, sv[1], NULL, NULL, &rep);
	close(sv[1]);
	add_int(st, SEC_FDS, prefix, sv[0]);
	add_int(st, SEC_PEERS, keyf(key, prefix, "_child"), pid);
	add_int(st, SEC_INFO, keyf(key, prefix, "_child_fd"), rep.fd);
}

static void k_socketpair(struct state *st, const char *arg)
{
	(void)arg;
	socketpair_child(st, SOCK_STREAM, "socketpair");
}

static void k_socketpair_dgram(struct state *st, const char *arg)
{
	(void)arg;
	socketpair_child(st, SOCK_DGRAM, "socketpair_dgram");
}

static void k_socketpair_seqpacket(struct state *st, const char *arg)
{
	(void)arg;
	socketpair_child(st, SOCK_SEQPACKET, "socketpair_seqpacket");
}

/* ------------------------------------------------------------------ */
/* unix sockets */

static int unix_bound(struct state *st, int type, const char *name)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, type, 0);

	if (fd < 0)
		fail(st, errno, "socket");
	dir_path(st, sa.sun_path, sizeof sa.sun_path, name);
	unlink(sa.sun_path);
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
		fail(st, errno, "bind %s", sa.sun_path);
	add_path(st, sa.sun_path);
	return fd;
}

static int child_connect_unix(void *arg, int *extra)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	(void)extra;
	if (fd < 0)
		return -errno;
	memcpy(sa.sun_path, ((struct client_arg *)arg)->path,
	       sizeof sa.sun_path);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
		return -errno;
	return fd;
}

static void k_unix_server(struct state *st, const char *arg)
{
	struct client_arg ca = { .family = AF_UNIX };
	char key[MAX_KEY], n[2] = "1";
	int fd = unix_bound(st, SOCK_STREAM, "server.sock");

	(void)arg;
	if (listen(fd, 7) < 0)
		fail(st, errno, "listen");
	add_int(st, SEC_FDS, "unix_listen", fd);
	dir_path(st, ca.path, sizeof ca.path, "server.sock");
	for (; n[0] <= '2'; n[0]++) {
		struct report rep;
		pid_t pid = spawn_child(st, -1, child_connect_unix, &ca, &rep);
		int a = accept(fd, NULL, NULL);

		if (a < 0)
			fail(st, errno, "accept");
		snprintf(key, sizeof key, "unix_client%s", n);
		add_int(st, SEC_PEERS, key, pid);
		snprintf(key, sizeof key, "unix_client%s_fd", n);
		add_int(st, SEC_INFO, key, rep.fd);
		snprintf(key, sizeof key, "unix_accepted%s", n);
		add_int(st, SEC_FDS, key, a);
	}
}

static void k_unix_abstract(struct state *st, const char *arg)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0), len;
	char name[sizeof sa.sun_path + 1];

	(void)arg;
	if (fd < 0)
		fail(st, errno, "socket");
	len = snprintf(sa.sun_path + 1, sizeof sa.sun_path - 1,
		       "dscope-mkfds-%d", (int)getpid());
	if (bind(fd, (struct sockaddr *)&sa,
		 (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 +
			     (size_t)len)) < 0)
		fail(st, errno, "bind @%s", sa.sun_path + 1);
	if (listen(fd, 5) < 0)
		fail(st, errno, "listen");
	snprintf(name, sizeof name, "@%s", sa.sun_path + 1);
	add_int(st, SEC_FDS, "unix_abstract", fd);
	add_str(st, SEC_INFO, "unix_abstract_name", name);
}

static void k_unix_dgram(struct state *st, const char *arg)
{
	(void)arg;
	add_int(st, SEC_FDS, "unix_dgram",
		unix_bound(st, SOCK_DGRAM, "dgram.sock"));
}

/* ------------------------------------------------------------------ */
/* inet sockets */

static socklen_t loopback(int family, int port, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof *ss);
	if (family == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)ss;

		in->sin_family = AF_INET;
		in->sin_port = htons((uint16_t)port);
		in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		return sizeof *in;
	}
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

	in6->sin6_family = AF_INET6;
	in6->sin6_port = htons((uint16_t)port);
	in6->sin6_addr = in6addr_loopback;
	return sizeof *in6;
}

static int local_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;

	if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0)
		return -1;
	if (ss.ss_family == AF_INET)
		return ntohs(((struct sockaddr_in *)&ss)->sin_port);
	return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
}

/* A socket bound to the loopback address, port 0; -1 if the family is
 * not usable here (no IPv6). */
static int inet_bound(struct state *st, int family, int type)
{
	struct sockaddr_storage ss;
	socklen_t len = loopback(family, 0, &ss);
	int fd = socket(family, type, 0);

	if (fd < 0) {
		if (family == AF_INET6 && errno == EAFNOSUPPORT)
			return -1;
		fail(st, errno, "socket");
	}
	if (bind(fd, (struct sockaddr *)&ss, len) < 0) {
		if (family == AF_INET6 &&
		    (errno == EADDRNOTAVAIL || errno == EAFNOSUPPORT)) {
			close(fd);
			return -1;
		}
		fail(st, errno, "bind to loopback");
	}
	return fd;
}

static int child_connect_inet(void *arg, int *extra)
{
	struct client_arg *ca = arg;
	struct sockaddr_storage ss;
	socklen_t len = loopback(ca->family, ca->port, &ss);
	int fd = socket(ca->family, SOCK_STREAM, 0);

	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&ss, len) < 0)
		return -errno;
	*extra = local_port(fd);
	return fd;
}

static void tcp_kind(struct state *st, int family, const char *prefix)
{
	struct client_arg ca = { .family = family };
	char key[MAX_KEY];
	struct report rep;
	int fd = inet_bound(st, family, SOCK_STREAM), a;
	pid_t pid;

	if (fd < 0) {
		unavailable(st, prefix);
		return;
	}
	if (listen(fd, 5) < 0)
		fail(st, errno, "listen");
	ca.port = local_port(fd);
	add_int(st, SEC_FDS, keyf(key, prefix, "_listen"), fd);
	add_int(st, SEC_INFO, keyf(key, prefix, "_port"), ca.port);
	pid = spawn_child(st, -1, child_connect_inet, &ca, &rep);
	a = accept(fd, NULL, NULL);
	if (a < 0)
		fail(st, errno, "accept");
	add_int(st, SEC_PEERS, keyf(key, prefix, "_client"), pid);
	add_int(st, SEC_INFO, keyf(key, prefix, "_client_fd"), rep.fd);
	add_int(st, SEC_INFO, keyf(key, prefix, "_client_port"), rep.extra);
	add_int(st, SEC_FDS, keyf(key, prefix, "_accepted"), a);
}

static void k_tcp(struct state *st, const char *arg)
{
	(void)arg;
	tcp_kind(st, AF_INET, "tcp");
}

static void k_tcp6(struct state *st, const char *arg)
{
	(void)arg;
	tcp_kind(st, AF_INET6, "tcp6");
}

static void udp_kind(struct state *st, int family, const char *prefix)
{
	char key[MAX_KEY];
	int fd = inet_bound(st, family, SOCK_DGRAM);

	if (fd < 0) {
		unavailable(st, prefix);
		return;
	}
	add_int(st, SEC_FDS, prefix, fd);
	add_int(st, SEC_INFO, keyf(key, prefix, "_port"), local_port(fd));
}

static void k_udp(struct state *st, const char *arg)
{
	(void)arg;
	udp_kind(st, AF_INET, "udp");
}

static void k_udp6(struct state *st, const char *arg)
{
	(void)arg;
	udp_kind(st, AF_INET6, "udp6");
}

/* Errors that mean "not permitted or not supported here". */
static int is_unavailable(int err)
{
	return err == EPERM || err == EACCES || err == ENOSYS ||
	       err == EAFNOSUPPORT || err == EPROTONOSUPPORT ||
	       err == ESOCKTNOSUPPORT || err == EOPNOTSUPP || err == ENOENT;
}

/* Record fd under key, or "unavailable" if fd < 0 for such a reason. */
static void fd_or_unavailable(struct state *st, const char *key, int fd,
			      const char *what)
{
	if (fd >= 0)
		add_int(st, SEC_FDS, key, fd);
	else if (is_unavailable(errno))
		unavailable(st, key);
	else
		fail(st, errno, "%s", what);
}

/* Sockets as socket() made them: sock_diag lists neither. */
static void k_unbound(struct state *st, const char *arg)
{
	int tcp = socket(AF_INET, SOCK_STREAM, 0), udp;

	(void)arg;
	if (tcp < 0)
		fail(st, errno, "socket");
	udp = socket(AF_INET, SOCK_DGRAM, 0);
	if (udp < 0)
		fail(st, errno, "socket");
	add_int(st, SEC_FDS, "tcp_unbound", tcp);
	add_int(st, SEC_FDS, "udp_unbound", udp);
}

static void k_raw(struct state *st, const char *arg)
{
	(void)arg;
	fd_or_unavailable(st, "raw", socket(AF_INET, SOCK_RAW, IPPROTO_ICMP),
			  "socket");
}

static void k_packet(struct state *st, const char *arg)
{
	(void)arg;
	fd_or_unavailable(st, "packet",
			  socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_IP)),
			  "socket");
}

static void k_netlink(struct state *st, const char *arg)
{
	struct sockaddr_nl nl = { .nl_family = AF_NETLINK,
				  .nl_groups = RTMGRP_LINK };
	socklen_t len = sizeof nl;
	int fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);

	(void)arg;
	if (fd < 0)
		fail(st, errno, "socket");
	if (bind(fd, (struct sockaddr *)&nl, sizeof nl) < 0)
		fail(st, errno, "bind");
	if (getsockname(fd, (struct sockaddr *)&nl, &len) < 0)
		fail(st, errno, "getsockname");
	add_int(st, SEC_FDS, "netlink", fd);
	add_int(st, SEC_INFO, "netlink_portid", nl.nl_pid);
}

/* ------------------------------------------------------------------ */
/* anonymous-inode fds */

static void k_eventfd(struct state *st, const char *arg)
{
	int fd = eventfd(5, EFD_NONBLOCK);

	(void)arg;
	if (fd < 0)
		fail(st, errno, "eventfd");
	add_int(st, SEC_FDS, "eventfd", fd);
}

static void k_eventfd_shared(struct state *st, const char *arg)
{
	struct report rep;
	int fd = eventfd(0, 0);
	pid_t pid;

	(void)arg;
	if (fd < 0)
		fail(st, errno, "eventfd");
	pid = spawn_child(st, fd, NULL, NULL, &rep);
	add_int(st, SEC_FDS, "eventfd_shared", fd);
	add_int(st, SEC_PEERS, "eventfd_child", pid);
	add_int(st, SEC_INFO, "eventfd_child_fd", rep.fd);
}

static int timer(struct state *st, clockid_t clock, time_t first, time_t every)
{
	struct itimerspec its = { .it_interval = { every, 0 },
				  .it_value = { first, 0 } };
	int fd = timerfd_create(clock, 0);

	if (fd < 0)
		fail(st, errno, "timerfd_create");
	if (timerfd_settime(fd, 0, &its, NULL) < 0)
		fail(st, errno, "timerfd_settime");
	return fd;
}

static void k_timerfd(struct state *st, const char *arg)
{
	(void)arg;
	add_int(st, SEC_FDS, "timerfd", timer(st, CLOCK_MONOTONIC, 100, 5));
}

static void k_timerfd_rt(struct state *st, const char *arg)
{
	(void)arg;
	add_int(st, SEC_FDS, "timerfd_rt", timer(st, CLOCK_REALTIME, 1000, 0));
}

static void k_signalfd(struct state *st, const char *arg)
{
	sigset_t set;
	int fd;

	(void)arg;
	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		fail(st, errno, "sigprocmask");
	fd = signalfd(-1, &set, 0);
	if (fd < 0)
		fail(st, errno, "signalfd");
	st->signalfd_used = 1;
	add_int(st, SEC_FDS, "signalfd", fd);
}

static void k_inotify(struct state *st, const char *arg)
{
	char p[PATH_MAX];
	struct stat sb;
	int fd = inotify_init1(0), wd;

	(void)arg;
	if (fd < 0)
		fail(st, errno, "inotify_init1");
	add_int(st, SEC_FDS, "inotify", fd);
	wd = inotify_add_watch(fd, st->dir, IN_CREATE | IN_DELETE);
	if (wd < 0 || stat(st->dir, &sb) < 0)
		fail(st, errno, "watch %s", st->dir);
	add_int(st, SEC_INFO, "inotify_dir_ino", (long long)sb.st_ino);
	add_int(st, SEC_INFO, "inotify_dir_wd", wd);
	dir_path(st, p, sizeof p, "data");
	if (stat(p, &sb) == 0) {
		wd = inotify_add_watch(fd, p, IN_MODIFY);
		if (wd < 0)
			fail(st, errno, "watch %s", p);
		add_int(st, SEC_INFO, "inotify_data_ino", (long long)sb.st_ino);
		add_int(st, SEC_INFO, "inotify_data_wd", wd);
	}
}

static void k_fanotify(struct state *st, const char *arg)
{
	int fd = fanotify_init(FAN_CLASS_NOTIF, O_RDONLY);

	(void)arg;
	if (fd < 0 && (is_unavailable(errno) || errno == EINVAL)) {
		unavailable(st, "fanotify");
		return;
	}
	if (fd < 0)
		fail(st, errno, "fanotify_init");
	if (fanotify_mark(fd, FAN_MARK_ADD,
			  FAN_MODIFY | FAN_CLOSE_WRITE | FAN_EVENT_ON_CHILD,
			  AT_FDCWD, st->dir) < 0)
		fail(st, errno, "fanotify_mark %s", st->dir);
	add_int(st, SEC_FDS, "fanotify", fd);
}

static void k_pidfd(struct state *st, const char *arg)
{
	struct report rep;
	pid_t pid = spawn_child(st, -1, NULL, NULL, &rep);
	int fd = (int)syscall(SYS_pidfd_open, pid, 0);

	(void)arg;
	if (fd < 0 && errno == ENOSYS) {
		unavailable(st, "pidfd");
		return;
	}
	if (fd < 0)
		fail(st, errno, "pidfd_open %d", (int)pid);
	add_int(st, SEC_FDS, "pidfd", fd);
	add_int(st, SEC_PEERS, "pidfd_child", pid);
}

static void k_memfd(struct state *st, const char *arg)
{
	int fd = memfd_create("dscope-memfd", MFD_CLOEXEC);

	(void)arg;
	if (fd < 0)
		fail(st, errno, "memfd_create");
	write_bytes(st, fd, 4096, "memfd");
	add_int(st, SEC_FDS, "memfd", fd);
}

static void epoll_add(struct state *st, int fd, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.u64 = (uint64_t)fd };

	if (epoll_ctl(st->epoll_fd, EPOLL_CTL_ADD, fd, &ev) < 0)
		fail(st, errno, "EPOLL_CTL_ADD fd %d", fd);
	if (st->ntargets < sizeof st->targets / sizeof st->targets[0])
		st->targets[st->ntargets++] = fd;
}

static void k_epoll(struct state *st, const char *arg)
{
	static const struct {
		const char *key;
		uint32_t events;
	} watch[] = {
		{ "pipe_child_r", EPOLLIN },
		{ "unix_listen", EPOLLIN | EPOLLET },
		{ "eventfd", EPOLLIN | EPOLLONESHOT },
		{ "tcp_listen", EPOLLIN | EPOLLEXCLUSIVE },
		{ "timerfd", EPOLLIN | EPOLLRDHUP },
	};

	(void)arg;
	st->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
	if (st->epoll_fd < 0)
		fail(st, errno, "epoll_create1");
	add_int(st, SEC_FDS, "epoll", st->epoll_fd);
	for (size_t i = 0; i < sizeof watch / sizeof watch[0]; i++) {
		int fd = lookup_fd(st, watch[i].key);

		if (fd >= 0)
			epoll_add(st, fd, watch[i].events);
	}
}

/* The stale entries, made once every other kind is done (see the top). */
static void epoll_finish(struct state *st)
{
	int p[2], q[2], hold_p, hold_q, nul;
	struct entry *e;

	st->kind = "epoll";
	if (pipe(p) < 0 || pipe(q) < 0)
		fail(st, errno, "pipe");
	hold_p = fcntl(p[0], F_DUPFD, HOLD_FD);
	hold_q = fcntl(q[0], F_DUPFD, HOLD_FD);
	if (hold_p < 0 || hold_q < 0)
		fail(st, errno, "dup");
	epoll_add(st, p[0], EPOLLIN | EPOLLOUT);
	epoll_add(st, q[0], EPOLLIN | EPOLLOUT);
	close(p[0]);
	nul = open("/dev/null", O_RDONLY);
	if (nul < 0 || dup2(nul, q[0]) < 0)
		fail(st, errno, "/dev/null onto fd %d", q[0]);
	close(nul);
	close(p[1]);
	close(q[1]);
	add_int(st, SEC_FDS, "epoll_stale_hold", hold_p);
	add_int(st, SEC_FDS, "epoll_reused_hold", hold_q);
	add_int(st, SEC_FDS, "epoll_reused_devnull", q[0]);
	add_int(st, SEC_INFO, "epoll_stale_fd", p[0]);
	add_int(st, SEC_INFO, "epoll_reused_fd", q[0]);
	e = add_entry(st, SEC_INFO, "epoll_targets", V_ARR);
	e->arr = st->targets;
	e->narr = st->ntargets;
}

static void k_io_uring(struct state *st, const char *arg)
{
	struct io_uring_params params;
	int fd;

	(void)arg;
	memset(&params, 0, sizeof params);
	fd = (int)syscall(SYS_io_uring_setup, 4, &params);
	fd_or_unavailable(st, "io_uring", fd, "io_uring_setup");
	if (fd >= 0)
		add_int(st, SEC_INFO, "io_uring_sq_entries", params.sq_entries);
}

static void k_bpf_map(struct state *st, const char *arg)
{
	struct bpf_map_info info;
	union bpf_attr attr;
	int fd;

	(void)arg;
	memset(&attr, 0, sizeof attr);
	attr.map_type = BPF_MAP_TYPE_ARRAY;
	attr.key_size = 4;
	attr.value_size = 8;
	attr.max_entries = 4;
	snprintf(attr.map_name, sizeof attr.map_name, "dscope_map");
	fd = (int)syscall(SYS_bpf, BPF_MAP_CREATE, &attr, sizeof attr);
	fd_or_unavailable(st, "bpf_map", fd, "bpf(BPF_MAP_CREATE)");
	if (fd < 0)
		return;
	memset(&info, 0, sizeof info);
	memset(&attr, 0, sizeof attr);
	attr.info.bpf_fd = (uint32_t)fd;
	attr.info.info_len = sizeof info;
	attr.info.info = (uint64_t)(uintptr_t)&info;
	if (syscall(SYS_bpf, BPF_OBJ_GET_INFO_BY_FD, &attr, sizeof attr) == 0)
		add_int(st, SEC_INFO, "bpf_map_id", info.id);
}

static void k_perf(struct state *st, const char *arg)
{
	struct perf_event_attr pa;

	(void)arg;
	memset(&pa, 0, sizeof pa);
	pa.type = PERF_TYPE_SOFTWARE;
	pa.size = sizeof pa;
	pa.config = PERF_COUNT_SW_CPU_CLOCK;
	pa.disabled = 1;
	pa.exclude_kernel = 1;
	pa.exclude_hv = 1;
	fd_or_unavailable(st, "perf",
			  (int)syscall(SYS_perf_event_open, &pa, 0, -1, -1,
				       PERF_FLAG_FD_CLOEXEC),
			  "perf_event_open");
}

static void k_userfaultfd(struct state *st, const char *arg)
{
	int fd = (int)syscall(SYS_userfaultfd, O_CLOEXEC);

	(void)arg;
	if (fd < 0 && errno == EPERM)
		fd = (int)syscall(SYS_userfaultfd,
				  O_CLOEXEC | UFFD_USER_MODE_ONLY);
	fd_or_unavailable(st, "userfaultfd", fd, "userfaultfd");
}

static void k_many(struct state *st, const char *arg)
{
	struct rlimit rl;
	char *end;
	long n;
	int first, last = -1;

	errno = 0;
	n = strtol(arg, &end, 10);
	if (errno || *end || end == arg || n < 1 || n > INT_MAX)
		fail(st, 0, "not a count: '%s'", arg);
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		fail(st, errno, "getrlimit");
	rl.rlim_cur = rl.rlim_max;
	if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
		fail(st, errno, "setrlimit");
	first = open("/dev/null", O_RDONLY);
	if (first < 0)
		fail(st, errno, "open /dev/null");
	for (long i = 1; i < n; i++) {
		last = dup(first);
		if (last < 0)
			fail(st, errno, "dup, fd %ld of %ld (limit %llu)",
			     i + 1, n, (unsigned long long)rl.rlim_cur);
	}
	add_int(st, SEC_INFO, "many", n);
	add_int(st, SEC_INFO, "many_first", first);
	add_int(st, SEC_INFO, "many_last", n == 1 ? first : last);
	add_int(st, SEC_INFO, "nofile", (long long)rl.rlim_cur);
}

/* ------------------------------------------------------------------ */
/* main */

static const struct kind {
	const char *name;
	void (*make)(struct state *st, const char *arg);
	int takes_arg;
} kinds[] = {
	{ "file", k_file, 0 },
	{ "ro-file", k_ro_file, 0 },
	{ "deleted-file", k_deleted_file, 0 },
	{ "dir", k_dir, 0 },
	{ "devnull", k_devnull, 0 },
	{ "tty", k_tty, 0 },
	{ "pipe-self", k_pipe_self, 0 },
	{ "pipe-child", k_pipe_child, 0 },
	{ "fifo", k_fifo, 0 },
	{ "socketpair-child", k_socketpair, 0 },
	{ "socketpair-dgram", k_socketpair_dgram, 0 },
	{ "socketpair-seqpacket", k_socketpair_seqpacket, 0 },
	{ "unix-server", k_unix_server, 0 },
	{ "unix-abstract", k_unix_abstract, 0 },
	{ "unix-dgram-bound", k_unix_dgram, 0 },
	{ "tcp", k_tcp, 0 },
	{ "tcp6", k_tcp6, 0 },
	{ "udp", k_udp, 0 },
	{ "udp6", k_udp6, 0 },
	{ "unbound", k_unbound, 0 },
	{ "raw", k_raw, 0 },
	{ "netlink", k_netlink, 0 },
	{ "packet", k_packet, 0 },
	{ "eventfd", k_eventfd, 0 },
	{ "eventfd-shared", k_eventfd_shared, 0 },
	{ "timerfd", k_timerfd, 0 },
	{ "timerfd-realtime", k_timerfd_rt, 0 },
	{ "signalfd", k_signalfd, 0 },
	{ "inotify", k_inotify, 0 },
	{ "fanotify", k_fanotify, 0 },
	{ "pidfd", k_pidfd, 0 },
	{ "memfd", k_memfd, 0 },
	{ "epoll", k_epoll, 0 },
	{ "io_uring", k_io_uring, 0 },
	{ "bpf-map", k_bpf_map, 0 },
	{ "perf", k_perf, 0 },
	{ "userfaultfd", k_userfaultfd, 0 },
	{ "many", k_many, 1 },
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

__attribute__((noreturn)) static void usage(FILE *f, int status)
{
	size_t col = 80;

	fprintf(f, "usage: " PROG " [--dir DIR] [--stdin-eof] KIND...\n"
		   "kinds:");
	for (size_t i = 0; i < NKINDS; i++) {
		size_t len = strlen(kinds[i].name) + 1;

		if (col + len > 76) {
			fputs("\n ", f);
			col = 1;
		}
		fprintf(f, " %s%s", kinds[i].name,
			kinds[i].takes_arg ? " N" : "");
		col += len + (kinds[i].takes_arg ? 2 : 0);
	}
	fprintf(f, "\nSee the top of tests/helpers/mkfds.c for the JSON "
		   "keys each kind adds.\n");
	exit(status);
}

static void make_dir(struct state *st, const char *given)
{
	char real[PATH_MAX];

	if (!given) {
		snprintf(st->dir, sizeof st->dir, "/tmp/mkfds.XXXXXX");
		if (!mkdtemp(st->dir)) {
			st->dir[0] = '\0';
			fail(st, errno, "mkdtemp /tmp/mkfds.XXXXXX");
		}
		st->dir_origin = DIR_TEMP;
		return;
	}
	if (mkdir(given, 0755) == 0)
		st->dir_origin = DIR_MADE;
	else if (errno != EEXIST)
		fail(st, errno, "mkdir %s", given);
	if (!realpath(given, real))
		fail(st, errno, "--dir %s", given);
	snprintf(st->dir, sizeof st->dir, "%s", real);
}

static void wait_for_end(struct state *st, int stdin_eof)
{
	sigset_t mask;

	sigprocmask(SIG_SETMASK, NULL, &mask);
	sigdelset(&mask, SIGTERM);
	sigdelset(&mask, SIGINT);
	if (!st->signalfd_used)
		sigdelset(&mask, SIGHUP);
	while (!got_signal) {
		struct pollfd pfd = { .fd = 0, .events = POLLIN };
		char buf[4096];

		if (!stdin_eof) {
			ppoll(NULL, 0, NULL, &mask);
			continue;
		}
		if (ppoll(&pfd, 1, NULL, &mask) <= 0)
			continue;
		ssize_t n = read(0, buf, sizeof buf);

		if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
			return;
	}
}

int main(int argc, char **argv)
{
	struct state st = { .epoll_fd = -1 };
	const struct kind *todo[NKINDS];
	const char *args[NKINDS], *dir = NULL;
	int ntodo = 0, stdin_eof = 0, options = 1;
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t term;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		size_t k;

		if (options && !strcmp(a, "--")) {
			options = 0;
		} else if (options && !strcmp(a, "--dir")) {
			if (++i == argc)
				usage(stderr, 2);
			dir = argv[i];
		} else if (options && !strncmp(a, "--dir=", 6)) {
			dir = a + 6;
		} else if (options && !strcmp(a, "--stdin-eof")) {
			stdin_eof = 1;
		} else if (options &&
			   (!strcmp(a, "-h") || !strcmp(a, "--help"))) {
			usage(stdout, 0);
		} else if (options && a[0] == '-') {
			fprintf(stderr, PROG ": unknown option '%s'\n", a);
			usage(stderr, 2);
		} else {
			for (k = 0; k < NKINDS && strcmp(kinds[k].name, a); k++)
				;
			if (k == NKINDS) {
				fprintf(stderr, PROG ": unknown kind '%s'\n",
					a);
				usage(stderr, 2);
			}
			for (int j = 0; j < ntodo; j++)
				if (todo[j] == &kinds[k]) {
					fprintf(stderr,
						PROG
						": kind '%s' given twice\n",
						a);
					exit(2);
				}
			args[ntodo] = NULL;
			if (kinds[k].takes_arg) {
				if (++i == argc) {
					fprintf(stderr,
						PROG ": '%s' needs a count\n",
						a);
					exit(2);
				}
				args[ntodo] = argv[i];
			}
			todo[ntodo++] = &kinds[k];
		}
	}

	/* A known fd table: 0-2 open, nothing inherited above. */
	for (int fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", O_RDWR) != fd)
			fail(&st, errno, "cannot open /dev/null as fd %d", fd);
	close_all_except(-1, -1);
	prctl(PR_SET_NAME, PROG);

	/* Until the wait, termination signals stay pending. */
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigaddset(&term, SIGINT);
	sigaddset(&term, SIGHUP);
	sigprocmask(SIG_BLOCK, &term, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	make_dir(&st, dir);
	add_str(&st, SEC_INFO, "dir", st.dir);
	for (int i = 0; i < ntodo; i++) {
		st.kind = todo[i]->name;
		todo[i]->make(&st, args[i]);
	}
	if (st.epoll_fd >= 0)
		epoll_finish(&st);
	st.kind = NULL;
	print_json(&st);

	wait_for_end(&st, stdin_eof);
	cleanup(&st);
	return 0;
}
