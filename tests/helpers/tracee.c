/* tracee: a known sequence of syscalls for dscope trace's tests, and the
 * exact lines dscope must print for them.
 *
 *   tracee FAMILY [--expect FILE] [--dir DIR] [-s N] [--pidfile FILE]
 *   tracee FAMILY --syscalls
 *   tracee count [N]   (N getppid, then 7 dup(-1); --expect FILE gets
 *                       "ok" when no getppid failed)
 *
 * FAMILY is io, file, net, poll, process, signal, memory, fdkinds, misc,
 * peers or stdout. The sequence is made with syscall(2) (libc would add
 * or hide calls) between two markers, getppid() calls, so that a trace
 * filtered with -e trace=$(tracee FAMILY --syscalls) shows the program's
 * startup and end outside them. --expect FILE gets one line per call
 * after the first marker and before the second, as strace -s N prints it
 * (N is 32 unless -s says otherwise; no padding before " = "), with each fd
 * annotated as dscope annotates it: "<PATH>" for files, "<KIND → COMM[PID]>"
 * for pipes and sockets whose other end is held by a process, the
 * dscope fds description otherwise (cut at 60 columns), and kept as
 * dscope keeps a name (see now[] below: a listener's backlog is the one
 * dscope read first). The lines are computed from what the calls
 * returned: addresses, fds, pids, ports.
 * Lines of delivered signals ("--- SIGUSR2 {...} ---") are lines too.
 *
 * Strip the "<...>" after fd numbers and the lines are strace's; the e2e
 * test (tests/e2e/trace-decode.t) checks that too when strace is there.
 *
 * Children (process, peers) name themselves tracee-child / tracee-peer;
 * a child whose syscalls fail (the seccomp filter of a tracer that does
 * not follow it returns ENOSYS) ends with SIGKILL instead of running the
 * parent's code. The program ends with exit_group(0) right after writing
 * FILE; --dir DIR (default: a new directory under /tmp, removed at the
 * end) holds the files and sockets it makes; --pidfile FILE gets its pid
 * first. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define MAXFD 256
#define ANN_SIZE 512
#define FMT_BUFS 32
#define FMT_SIZE 4096

static char expbuf[1 << 17]; /* the expected lines, written at the end */
static size_t explen;
static size_t strsize = 32; /* -s */
static char dir[PATH_MAX]; /* realpath of --dir */
static bool dir_made; /* removed at the end */
static char comm[64]; /* our own comm, as the kernel has it */
static pid_t me;
static long rv; /* the last raw call's return value */
static int rerr; /* and its errno */

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "tracee: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	exit(2);
}

/* One of FMT_BUFS rotating buffers: formatting helpers return them, so
 * several fit in one expect() call. */
static char *fmtbuf(void)
{
	static char bufs[FMT_BUFS][FMT_SIZE];
	static unsigned next;

	return bufs[next++ % FMT_BUFS];
}

static void expect(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(expbuf + explen, sizeof(expbuf) - explen - 1, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(expbuf) - explen - 1)
		die("expectations overflow");
	explen += (size_t)n;
	expbuf[explen++] = '\n';
}

/* A raw call: its result in rv and rerr. */
static long call_done(long r)
{
	rv = r;
	rerr = errno;
	return r;
}
#define CALL(...) call_done(syscall(__VA_ARGS__))

/* The result as strace prints it: "5" or "-1 ENOENT (No such file or
 * directory)". */
static const char *R(void)
{
	char *b = fmtbuf();

	if (rv == -1)
		snprintf(b, FMT_SIZE, "-1 %s (%s)", strerrorname_np(rerr),
			 strerror(rerr));
	else
		snprintf(b, FMT_SIZE, "%ld", rv);
	return b;
}

/* As R, for a call returning an address. */
static const char *RX(void)
{
	char *b;

	if (rv == -1)
		return R();
	b = fmtbuf();
	snprintf(b, FMT_SIZE, "%#lx", (unsigned long)rv);
	return b;
}

/* As R, for a call returning an fd: "3<annotation>". */
static const char *F(int fd);
static void forget(int fd);
static const char *RF(void)
{
	if (rv < 0)
		return R();
	forget((int)rv);
	return F((int)rv);
}

/* An address as strace prints one. */
static const char *P(const void *p)
{
	char *b = fmtbuf();

	if (!p)
		return "NULL";
	snprintf(b, FMT_SIZE, "%#lx", (unsigned long)(uintptr_t)p);
	return b;
}

/* Bytes as a quoted string, cut at limit with "..." after the quote. Only
 * printable ASCII, \n and \t: other bytes are escaped differently by
 * strace and dscope. */
static const char *Qn(const void *data, size_t len, size_t limit)
{
	const unsigned char *s = data;
	char *b = fmtbuf(), *p = b;
	size_t n = len < limit ? len : limit;

	*p++ = '"';
	for (size_t i = 0; i < n; i++) {
		if (p > b + FMT_SIZE - 8)
			die("string too long");
		switch (s[i]) {
		case '\n':
			*p++ = '\\', *p++ = 'n';
			break;
		case '\t':
			*p++ = '\\', *p++ = 't';
			break;
		case '"':
		case '\\':
			*p++ = '\\', *p++ = (char)s[i];
			break;
		default:
			if (s[i] < 0x20 || s[i] >= 0x7f)
				die("byte %#x in a traced string", s[i]);
			*p++ = (char)s[i];
		}
	}
	*p++ = '"';
	if (len > n)
		p += sprintf(p, "...");
	*p = '\0';
	return b;
}

/* A buffer, cut at -s. */
static const char *Q(const void *data, size_t len)
{
	return Qn(data, len, strsize);
}

/* A NUL-terminated string argument (a name), cut at -s. */
static const char *QS(const char *s)
{
	return Qn(s, strlen(s), strsize);
}

/* A path: shown whole. */
static const char *QP(const char *s)
{
	return Qn(s, strlen(s), SIZE_MAX);
}

/* What dscope shows of each fd, as it shows it: it reads an fd when it
 * first prints it and keeps the name until the call that changes the fd
 * (close, dup2 and dup3 over it, close_range, connect, bind, listen,
 * shutdown, epoll_ctl, timerfd_settime, inotify_*_watch, signalfd4,
 * fcntl on it, a call that returns it). now[] is what the fd is (set when
 * the sequence changes it), shown[] the name dscope keeps. */
static char now[MAXFD][ANN_SIZE];
static char shown[MAXFD][ANN_SIZE];
static bool kept[MAXFD];

static void check_fd(int fd)
{
	if (fd < 0 || fd >= MAXFD)
		die("fd %d out of range", fd);
}

/* Descriptions are cut at 60 columns (57 and "..."); names of the
 * process at the other end are not. */
static void set_text(int fd, bool cut, const char *fmt, va_list ap)
{
	char text[ANN_SIZE];
	size_t cols = 0, i;

	if (fd < 0) /* a call that should have made it failed */
		return;
	check_fd(fd);
	vsnprintf(text, sizeof(text), fmt, ap);
	for (i = 0; text[i]; i++)
		cols += ((unsigned char)text[i] & 0xc0) != 0x80;
	if (!cut || cols <= 60) {
		snprintf(now[fd], ANN_SIZE, "%s", text);
		return;
	}
	cols = 0;
	for (i = 0; text[i] && cols < 57; i++)
		cols += ((unsigned char)text[i] & 0xc0) != 0x80;
	while (((unsigned char)text[i] & 0xc0) == 0x80)
		i++;
	snprintf(now[fd], ANN_SIZE, "%.*s...", (int)i, text);
}

static void set_ann(int fd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_text(fd, true, fmt, ap);
	va_end(ap);
}

/* A socket or pipe whose other end a process holds. */
static void set_peer(int fd, const char *kind, const char *who, pid_t pid)
{
	set_ann(fd, "%s \u2192 %s[%d]", kind, who, (int)pid);
}

/* A socket the kernel's sock_diag does not list (unbound inet). */
static void set_unlisted_socket(int fd)
{
	char proto[32] = "";
	struct stat st;
	ssize_t n;

	if (fd < 0 || fstat(fd, &st) != 0)
		return;
	/* dscope names it by the protocol the kernel gives it */
	n = fgetxattr(fd, "system.sockprotoname", proto, sizeof(proto) - 1);
	proto[n > 0 ? n : 0] = '\0';
	set_ann(fd, "%s%ssocket inode %llu (unknown to sock_diag)", proto,
		proto[0] ? " " : "", (unsigned long long)st.st_ino);
}

/* dscope reads the fd again when it next shows it. */
static void forget(int fd)
{
	if (fd >= 0 && fd < MAXFD)
		kept[fd] = false;
}

static void forget_all(void)
{
	memset(kept, 0, sizeof(kept));
}

static void set_closed(int fd)
{
	set_ann(fd, "closed");
	forget(fd);
}

/* "3<name>", or "-1" for a negative fd. */
static const char *F(int fd)
{
	char *b = fmtbuf();

	if (fd < 0) {
		snprintf(b, FMT_SIZE, "%d", fd);
		return b;
	}
	check_fd(fd);
	if (!now[fd][0])
		set_ann(fd, "closed");
	/* an fd that is not there is read again each time */
	if (!kept[fd] || strcmp(now[fd], "closed") == 0) {
		memcpy(shown[fd], now[fd], ANN_SIZE);
		kept[fd] = strcmp(now[fd], "closed") != 0;
	}
	snprintf(b, FMT_SIZE, "%d<%s>", fd, shown[fd]);
	return b;
}

/* DIR/name, kept (not a rotating buffer). */
static const char *path_in_dir(const char *name)
{
	char *b;

	if (asprintf(&b, "%s/%s", dir, name) < 0)
		die("out of memory");
	return b;
}

/* The markers around the sequence: getppid, a call no family makes. */
static void marker(void)
{
	syscall(SYS_getppid);
}

/* Waits up to 5 s for fd to be readable (poll is in no family list): a
 * peer that cannot answer makes the expectations fail, never hang. */
static bool readable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 5000) == 1;
}

/* A child that cannot make its own calls (see the top) must not go on
 * as the parent: it ends itself with a signal no filter stops. */
static _Noreturn void child_exit(int code)
{
	syscall(SYS_exit_group, code);
	syscall(SYS_exit, code);
	for (;;)
		syscall(SYS_kill, syscall(SYS_getpid), SIGKILL);
}

/* Waits up to 5 s for child c to end, then ends it. */
static void reap(pid_t c)
{
	for (int i = 0; i < 500; i++) {
		if (waitpid(c, NULL, WNOHANG) == c)
			return;
		usleep(10000);
	}
	kill(c, SIGKILL);
	waitpid(c, NULL, 0);
}

static void name_self(const char *name)
{
	prctl(PR_SET_NAME, name);
}

/* ---- io: read, write and friends (decode/sys_io.c) ---- */

static const char io_calls[] =
	"read,write,pread64,pwrite64,readv,writev,close,close_range,lseek,"
	"dup,dup2,dup3,pipe2,sendfile,splice,fsync,fdatasync,ftruncate,flock";

static void fam_io(void)
{
	const char *path = path_in_dir("io.txt");
	char buf[128], big[40], b1[2], b2[10];
	struct iovec wv[2] = { { "ab", 2 }, { "cde", 3 } };
	struct iovec rvv[2] = { { b1, sizeof(b1) }, { b2, sizeof(b2) } };
	int p[2] = { -1, -1 }, f, g;
	loff_t off;

	f = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (f < 0)
		die("%s: %s", path, strerror(errno));
	set_ann(f, "%s", path);
	memset(big, 'a', sizeof(big));

	marker();
	CALL(SYS_pipe2, p, O_CLOEXEC);
	set_peer(p[0], "pipe", comm, me);
	set_peer(p[1], "pipe", comm, me);
	expect("pipe2([%s, %s], O_CLOEXEC) = %s", F(p[0]), F(p[1]), R());
	CALL(SYS_write, p[1], "ping\n", 5);
	expect("write(%s, %s, 5) = %s", F(p[1]), Q("ping\n", 5), R());
	CALL(SYS_read, p[0], buf, 64);
	expect("read(%s, %s, 64) = %s", F(p[0]), Q(buf, 5), R());
	CALL(SYS_writev, p[1], wv, 2);
	expect("writev(%s, [{iov_base=%s, iov_len=2}, {iov_base=%s, iov_len=3}], 2) = %s",
	       F(p[1]), Q("ab", 2), Q("cde", 3), R());
	CALL(SYS_readv, p[0], rvv, 2);
	expect("readv(%s, [{iov_base=%s, iov_len=2}, {iov_base=%s, iov_len=10}], 2) = %s",
	       F(p[0]), Q(b1, 2), Q(b2, 3), R());
	CALL(SYS_write, p[1], big, sizeof(big));
	expect("write(%s, %s, 40) = %s", F(p[1]), Q(big, 40), R());
	CALL(SYS_read, p[0], buf, 64);
	expect("read(%s, %s, 64) = %s", F(p[0]), Q(buf, 40), R());
	CALL(SYS_read, -1, buf, 8);
	expect("read(-1, %s, 8) = %s", P(buf), R());

	CALL(SYS_pwrite64, f, "hello world\n", 12, 0);
	expect("pwrite64(%s, %s, 12, 0) = %s", F(f), Q("hello world\n", 12), R());
	CALL(SYS_pread64, f, buf, 5, 6);
	expect("pread64(%s, %s, 5, 6) = %s", F(f), Q(buf, 5), R());
	CALL(SYS_lseek, f, 0, SEEK_END);
	expect("lseek(%s, 0, SEEK_END) = %s", F(f), R());
	CALL(SYS_lseek, f, (off_t)-2, SEEK_CUR);
	expect("lseek(%s, -2, SEEK_CUR) = %s", F(f), R());
	CALL(SYS_lseek, f, 0, 7);
	expect("lseek(%s, 0, 0x7 /* SEEK_??? */) = %s", F(f), R());

	g = (int)CALL(SYS_dup, f);
	set_ann(g, "%s", path);
	expect("dup(%s) = %s", F(f), RF());
	CALL(SYS_dup2, g, 10);
	set_ann(10, "%s", path);
	expect("dup2(%s, 10) = %s", F(g), RF());
	CALL(SYS_dup3, g, 11, O_CLOEXEC);
	set_ann(11, "%s", path);
	expect("dup3(%s, 11, O_CLOEXEC) = %s", F(g), RF());
	CALL(SYS_close, 10);
	expect("close(%s) = %s", F(10), R());
	set_closed(10);
	CALL(SYS_close, 10);
	expect("close(%s) = %s", F(10), R());
	CALL(SYS_close_range, 11, 11, 0);
	expect("close_range(11, 11, 0) = %s", R());
	set_closed(11);
	forget_all();

	CALL(SYS_ftruncate, f, 4);
	expect("ftruncate(%s, 4) = %s", F(f), R());
	CALL(SYS_fsync, f);
	expect("fsync(%s) = %s", F(f), R());
	CALL(SYS_fdatasync, f);
	expect("fdatasync(%s) = %s", F(f), R());
	CALL(SYS_flock, f, LOCK_EX);
	expect("flock(%s, LOCK_EX) = %s", F(f), R());
	CALL(SYS_flock, f, LOCK_UN);
	expect("flock(%s, LOCK_UN) = %s", F(f), R());

	off = 0;
	CALL(SYS_sendfile, p[1], f, &off, 4);
	expect("sendfile(%s, %s, [0] => [%lld], 4) = %s", F(p[1]), F(f),
	       (long long)off, R());
	off = 1;
	CALL(SYS_splice, f, &off, p[1], NULL, 3, 0);
	expect("splice(%s, [1], %s, NULL, 3, 0) = %s", F(f), F(p[1]), R());
	CALL(SYS_read, p[0], buf, 64);
	expect("read(%s, %s, 64) = %s", F(p[0]), Q(buf, 7), R());
	CALL(SYS_close, g);
	expect("close(%s) = %s", F(g), R());
	set_closed(g);
	marker();
}

/* ---- file: paths, stat, fcntl, ioctl (decode/sys_file.c) ---- */

static const char file_calls[] =
	"openat,open,close,fstat,newfstatat,stat,lstat,access,faccessat2,"
	"mkdir,mkdirat,rmdir,unlink,unlinkat,rename,renameat2,symlink,"
	"readlink,readlinkat,chdir,fchdir,getcwd,umask,chmod,fchmod,fchmodat,"
	"truncate,fcntl,ioctl,getdents64";

/* What strace shows of a stat buffer without -v. */
static const char *ST(const struct stat *st)
{
	char *b = fmtbuf();
	const char *type = S_ISREG(st->st_mode)	  ? "S_IFREG"
			   : S_ISDIR(st->st_mode) ? "S_IFDIR"
			   : S_ISLNK(st->st_mode) ? "S_IFLNK"
						  : "S_IF???";

	snprintf(b, FMT_SIZE, "{st_mode=%s|%04o, st_size=%lld, ...}", type,
		 (unsigned)(st->st_mode & 07777), (long long)st->st_size);
	return b;
}

static void fam_file(void)
{
	const char *f_txt = path_in_dir("f.txt"), *missing = path_in_dir("missing");
	const char *sub = path_in_dir("sub"), *sub2 = path_in_dir("sub2");
	const char *sub3 = path_in_dir("sub3"), *link = path_in_dir("link");
	char buf[4096];
	struct stat st, null_st;
	int f, d, g, n, mask0, entries, pos;
	mode_t old;

	old = umask(022);
	umask(old);
	mask0 = (int)old;
	/* before the marker: stat is among the calls traced */
	if (stat("/dev/null", &null_st) != 0)
		null_st.st_mode = 0;

	marker();
	f = (int)CALL(SYS_openat, AT_FDCWD, f_txt,
		      O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	set_ann(f, "%s", f_txt);
	expect("openat(AT_FDCWD, %s, O_RDWR|O_CREAT|O_TRUNC|O_CLOEXEC, 0600) = %s",
	       QP(f_txt), RF());
	syscall(SYS_write, f, "hello", 5); /* not in the list */
	CALL(SYS_openat, AT_FDCWD, missing, O_RDONLY);
	expect("openat(AT_FDCWD, %s, O_RDONLY) = %s", QP(missing), R());
	d = (int)CALL(SYS_openat, AT_FDCWD, dir, O_RDONLY | O_DIRECTORY);
	set_ann(d, "%s/", dir);
	expect("openat(AT_FDCWD, %s, O_RDONLY|O_DIRECTORY) = %s", QP(dir), RF());
	g = (int)CALL(SYS_openat, d, "f.txt", O_RDONLY);
	set_ann(g, "%s", f_txt);
	expect("openat(%s, \"f.txt\", O_RDONLY) = %s", F(d), RF());
	CALL(SYS_open, f_txt, O_WRONLY | O_APPEND);
	set_ann((int)rv, "%s", f_txt);
	n = (int)rv;
	expect("open(%s, O_WRONLY|O_APPEND) = %s", QP(f_txt), RF());
	CALL(SYS_close, n);
	expect("close(%s) = %s", F(n), R());
	set_closed(n);
	/* opened again at once: the new open may get the struct file the
	 * close just freed, at the same address */
	n = (int)CALL(SYS_open, f_txt, O_WRONLY | O_APPEND);
	set_ann(n, "%s", f_txt);
	expect("open(%s, O_WRONLY|O_APPEND) = %s", QP(f_txt), RF());
	CALL(SYS_close, n);
	expect("close(%s) = %s", F(n), R());
	set_closed(n);
	/* a use of the closed fd is named closed, though the number is open
	 * again (just below) by the time its line is printed */
	CALL(SYS_fchmod, n, 0600);
	expect("fchmod(%s, 0600) = %s", F(n), R());
	/* a device is named with its numbers, as they were at the call */
	if (S_ISCHR(null_st.st_mode)) {
		n = (int)CALL(SYS_openat, AT_FDCWD, "/dev/null", O_RDONLY);
		set_ann(n, "/dev/null  (char %u:%u)", major(null_st.st_rdev),
			minor(null_st.st_rdev));
		expect("openat(AT_FDCWD, \"/dev/null\", O_RDONLY) = %s", RF());
		CALL(SYS_close, n);
		expect("close(%s) = %s", F(n), R());
		set_closed(n);
	}

	CALL(SYS_fstat, f, &st);
	expect("fstat(%s, %s) = %s", F(f), ST(&st), R());
	CALL(SYS_newfstatat, AT_FDCWD, f_txt, &st, 0);
	expect("newfstatat(AT_FDCWD, %s, %s, 0) = %s", QP(f_txt), ST(&st), R());
	CALL(SYS_newfstatat, d, "f.txt", &st, AT_SYMLINK_NOFOLLOW);
	expect("newfstatat(%s, \"f.txt\", %s, AT_SYMLINK_NOFOLLOW) = %s", F(d),
	       ST(&st), R());
	CALL(SYS_stat, f_txt, &st);
	expect("stat(%s, %s) = %s", QP(f_txt), ST(&st), R());
	CALL(SYS_stat, missing, &st);
	expect("stat(%s, %s) = %s", QP(missing), P(&st), R());
	CALL(SYS_access, f_txt, R_OK | W_OK);
	expect("access(%s, R_OK|W_OK) = %s", QP(f_txt), R());
	CALL(SYS_access, missing, F_OK);
	expect("access(%s, F_OK) = %s", QP(missing), R());
	CALL(SYS_faccessat2, AT_FDCWD, f_txt, X_OK, AT_EACCESS);
	expect("faccessat2(AT_FDCWD, %s, X_OK, AT_EACCESS) = %s", QP(f_txt), R());

	CALL(SYS_mkdir, sub, 0755);
	expect("mkdir(%s, 0755) = %s", QP(sub), R());
	CALL(SYS_mkdir, sub, 0755);
	expect("mkdir(%s, 0755) = %s", QP(sub), R());
	CALL(SYS_mkdirat, d, "sub2", 0700);
	expect("mkdirat(%s, \"sub2\", 0700) = %s", F(d), R());
	CALL(SYS_symlink, "f.txt", link);
	expect("symlink(\"f.txt\", %s) = %s", QP(link), R());
	CALL(SYS_lstat, link, &st);
	expect("lstat(%s, %s) = %s", QP(link), ST(&st), R());
	n = (int)CALL(SYS_readlink, link, buf, 64);
	expect("readlink(%s, %s, 64) = %s", QP(link), Q(buf, (size_t)n), R());
	n = (int)CALL(SYS_readlinkat, d, "link", buf, 64);
	expect("readlinkat(%s, \"link\", %s, 64) = %s", F(d), Q(buf, (size_t)n), R());
	CALL(SYS_rename, sub2, sub3);
	expect("rename(%s, %s) = %s", QP(sub2), QP(sub3), R());
	CALL(SYS_renameat2, AT_FDCWD, sub3, AT_FDCWD, sub, RENAME_NOREPLACE);
	expect("renameat2(AT_FDCWD, %s, AT_FDCWD, %s, RENAME_NOREPLACE) = %s",
	       QP(sub3), QP(sub), R());
	CALL(SYS_unlinkat, d, "sub3", AT_REMOVEDIR);
	expect("unlinkat(%s, \"sub3\", AT_REMOVEDIR) = %s", F(d), R());
	CALL(SYS_rmdir, sub);
	expect("rmdir(%s) = %s", QP(sub), R());
	CALL(SYS_unlink, link);
	expect("unlink(%s) = %s", QP(link), R());
	CALL(SYS_unlink, missing);
	expect("unlink(%s) = %s", QP(missing), R());

	CALL(SYS_chmod, f_txt, 0640);
	expect("chmod(%s, 0640) = %s", QP(f_txt), R());
	CALL(SYS_fchmod, f, 0600);
	expect("fchmod(%s, 0600) = %s", F(f), R());
	CALL(SYS_fchmodat, AT_FDCWD, f_txt, 0644);
	expect("fchmodat(AT_FDCWD, %s, 0644) = %s", QP(f_txt), R());
	CALL(SYS_truncate, f_txt, 2);
	expect("truncate(%s, 2) = %s", QP(f_txt), R());
	CALL(SYS_umask, 077);
	expect("umask(077) = %03lo", (unsigned long)rv);
	CALL(SYS_umask, mask0);
	expect("umask(%03o) = 077", (unsigned)mask0);

	CALL(SYS_chdir, dir);
	expect("chdir(%s) = %s", QP(dir), R());
	CALL(SYS_getcwd, buf, sizeof(buf));
	expect("getcwd(%s, %zu) = %s", QP(buf), sizeof(buf), R());
	CALL(SYS_chdir, missing);
	expect("chdir(%s) = %s", QP(missing), R());
	CALL(SYS_fchdir, d);
	expect("fchdir(%s) = %s", F(d), R());

	CALL(SYS_fcntl, f, F_GETFD);
	expect("fcntl(%s, F_GETFD) = %#lx (flags FD_CLOEXEC)", F(f), rv);
	forget(f);
	CALL(SYS_fcntl, f, F_SETFD, 0);
	expect("fcntl(%s, F_SETFD, 0) = %s", F(f), R());
	forget(f);
	CALL(SYS_fcntl, f, F_GETFL);
	expect("fcntl(%s, F_GETFL) = %#lx (flags O_RDWR|O_LARGEFILE)", F(f), rv);
	forget(f);
	CALL(SYS_fcntl, f, F_SETFL, O_RDWR | O_APPEND | O_NONBLOCK);
	expect("fcntl(%s, F_SETFL, O_RDWR|O_APPEND|O_NONBLOCK) = %s", F(f), R());
	forget(f);
	CALL(SYS_fcntl, 200, F_GETFD);
	expect("fcntl(%s, F_GETFD) = %s", F(200), R());
	/* the fds they return are named as they were, though closed by the
	 * time a line is printed */
	for (int i = 0; i < 2; i++) {
		int cmd = i == 0 ? F_DUPFD : F_DUPFD_CLOEXEC, dup;

		dup = (int)CALL(SYS_fcntl, f, cmd, 20 + 10 * i);
		set_ann(dup, "%s", now[f]);
		expect("fcntl(%s, %s, %d) = %s", F(f),
		       i == 0 ? "F_DUPFD" : "F_DUPFD_CLOEXEC", 20 + 10 * i, RF());
		CALL(SYS_close, dup);
		expect("close(%s) = %s", F(dup), R());
		set_closed(dup);
	}
	CALL(SYS_ioctl, f, TCGETS, buf);
	expect("ioctl(%s, TCGETS, %s) = %s", F(f), P(buf), R());
	pos = 0;
	CALL(SYS_lseek, f, 0, SEEK_SET); /* not in the list */
	CALL(SYS_ioctl, f, FIONREAD, &pos);
	expect("ioctl(%s, FIONREAD, [%d]) = %s", F(f), pos, R());

	n = (int)CALL(SYS_getdents64, d, buf, sizeof(buf));
	entries = 0;
	for (int i = 0; i < n;) {
		unsigned short reclen;

		memcpy(&reclen, buf + i + 16, sizeof(reclen));
		entries++;
		i += reclen;
	}
	expect("getdents64(%s, %s /* %d entries */, %zu) = %s", F(d), P(buf),
	       entries, sizeof(buf), R());

	CALL(SYS_close, g);
	expect("close(%s) = %s", F(g), R());
	set_closed(g);
	CALL(SYS_close, d);
	expect("close(%s) = %s", F(d), R());
	set_closed(d);
	CALL(SYS_close, f);
	expect("close(%s) = %s", F(f), R());
	set_closed(f);
	marker();
}

/* ---- net: sockets (decode/sys_net.c) ---- */

static const char net_calls[] =
	"socket,socketpair,bind,listen,connect,accept,accept4,getsockname,"
	"getpeername,sendto,recvfrom,sendmsg,recvmsg,setsockopt,getsockopt,"
	"shutdown,close";

static const char *SIN(const struct sockaddr_in *a)
{
	char *b = fmtbuf(), ip[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &a->sin_addr, ip, sizeof(ip));
	snprintf(b, FMT_SIZE,
		 "{sa_family=AF_INET, sin_port=htons(%u), sin_addr=inet_addr(\"%s\")}",
		 ntohs(a->sin_port), ip);
	return b;
}

static const char *SUN(const char *path)
{
	char *b = fmtbuf();

	snprintf(b, FMT_SIZE, "{sa_family=AF_UNIX, sun_path=%s}", QP(path));
	return b;
}

/* An fd passed over the connection c -> a (SCM_RIGHTS): c itself. The
 * fd a receives is new, closed before its line may be printed: named as
 * the call left it (unix, its other end a). */
static void send_fd(int c, int a)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} ctl, rctl;
	struct iovec iov = { "f", 1 }, riov;
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = ctl.buf,
			      .msg_controllen = sizeof(ctl.buf) };
	struct msghdr rmsg = { .msg_iov = &riov, .msg_iovlen = 1,
			       .msg_control = rctl.buf,
			       .msg_controllen = sizeof(rctl.buf) };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);
	char b[4];
	int got;

	memset(&ctl, 0, sizeof(ctl));
	riov.iov_base = b;
	riov.iov_len = sizeof(b);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &c, sizeof(int));
	CALL(SYS_sendmsg, c, &msg, 0);
	expect("sendmsg(%s, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=%s, iov_len=1}], msg_iovlen=1, msg_control=[{cmsg_len=%zu, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[%s]}], msg_controllen=%zu, msg_flags=0}, 0) = %s",
	       F(c), Q("f", 1), (size_t)CMSG_LEN(sizeof(int)), F(c),
	       sizeof(ctl.buf), R());
	CALL(SYS_recvmsg, a, &rmsg, 0);
	cm = CMSG_FIRSTHDR(&rmsg);
	if (!cm || cm->cmsg_type != SCM_RIGHTS)
		die("recvmsg: no fd came");
	memcpy(&got, CMSG_DATA(cm), sizeof(int));
	set_peer(got, "unix", comm, me);
	expect("recvmsg(%s, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=%s, iov_len=%zu}], msg_iovlen=1, msg_control=[{cmsg_len=%zu, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[%s]}], msg_controllen=%zu, msg_flags=0}, 0) = %s",
	       F(a), Q("f", 1), sizeof(b), (size_t)cm->cmsg_len, F(got),
	       (size_t)rmsg.msg_controllen, R());
	CALL(SYS_close, got);
	expect("close(%s) = %s", F(got), R());
	set_closed(got);
}

static void fam_net(void)
{
	const char *spath = path_in_dir("s.sock"), *none = path_in_dir("none");
	struct sockaddr_un sun = { .sun_family = AF_UNIX }, sunone = { .sun_family = AF_UNIX };
	struct sockaddr_in lo = { .sin_family = AF_INET }, got, from;
	char buf[64], b16[16];
	struct iovec iov = { "x", 1 }, riov = { b16, sizeof(b16) };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct msghdr rmsg = { .msg_iov = &riov, .msg_iovlen = 1 };
	socklen_t len, sunlen, nonelen;
	int l, c, a, u, dg, tl, tc, ta, one = 1, val;
	unsigned port;

	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", spath);
	sunlen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(spath) + 1);
	snprintf(sunone.sun_path, sizeof(sunone.sun_path), "%s", none);
	nonelen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(none) + 1);
	lo.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

	marker();
	/* a unix listener, a client, the accepted end */
	l = (int)CALL(SYS_socket, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	set_ann(l, "unix stream (unbound, unconnected)");
	expect("socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0) = %s", RF());
	CALL(SYS_bind, l, &sun, sunlen);
	expect("bind(%s, %s, %u) = %s", F(l), SUN(spath), sunlen, R());
	forget(l);
	set_ann(l, "unix stream %s", spath);
	CALL(SYS_listen, l, 7);
	expect("listen(%s, 7) = %s", F(l), R());
	forget(l);
	set_ann(l, "unix stream LISTEN %s (backlog 0/7)", spath);
	c = (int)CALL(SYS_socket, AF_UNIX, SOCK_STREAM, 0);
	set_ann(c, "unix stream (unbound, unconnected)");
	expect("socket(AF_UNIX, SOCK_STREAM, 0) = %s", RF());
	CALL(SYS_connect, c, &sun, sunlen);
	expect("connect(%s, %s, %u) = %s", F(c), SUN(spath), sunlen, R());
	forget(c);
	/* one connection waits: dscope keeps the listener's name from here */
	set_ann(l, "unix stream LISTEN %s (backlog 1/7)", spath);
	a = (int)CALL(SYS_accept4, l, NULL, NULL, SOCK_CLOEXEC);
	set_peer(a, "unix", comm, me);
	set_peer(c, "unix", comm, me);
	expect("accept4(%s, NULL, NULL, SOCK_CLOEXEC) = %s", F(l), RF());
	set_ann(l, "unix stream LISTEN %s (backlog 0/7)", spath);
	len = sizeof(sun);
	CALL(SYS_getsockname, l, &sun, &len);
	expect("getsockname(%s, %s, [%zu => %u]) = %s", F(l), SUN(spath),
	       sizeof(sun), len, R());
	len = sizeof(sun);
	CALL(SYS_getpeername, c, &sun, &len);
	expect("getpeername(%s, %s, [%zu => %u]) = %s", F(c), SUN(spath),
	       sizeof(sun), len, R());
	CALL(SYS_sendto, c, "hello", 5, MSG_DONTWAIT, NULL, 0);
	expect("sendto(%s, %s, 5, MSG_DONTWAIT, NULL, 0) = %s", F(c),
	       Q("hello", 5), R());
	CALL(SYS_recvfrom, a, buf, sizeof(buf), 0, NULL, NULL);
	expect("recvfrom(%s, %s, %zu, 0, NULL, NULL) = %s", F(a), Q(buf, 5),
	       sizeof(buf), R());
	CALL(SYS_sendmsg, c, &msg, 0);
	expect("sendmsg(%s, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=%s, iov_len=1}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = %s",
	       F(c), Q("x", 1), R());
	CALL(SYS_recvmsg, a, &rmsg, 0);
	expect("recvmsg(%s, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=%s, iov_len=%zu}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = %s",
	       F(a), Q(b16, 1), sizeof(b16), R());
	send_fd(c, a);
	CALL(SYS_setsockopt, c, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one));
	expect("setsockopt(%s, SOL_SOCKET, SO_KEEPALIVE, [1], 4) = %s", F(c), R());
	len = sizeof(val);
	CALL(SYS_getsockopt, c, SOL_SOCKET, SO_KEEPALIVE, &val, &len);
	expect("getsockopt(%s, SOL_SOCKET, SO_KEEPALIVE, [%d], [4]) = %s", F(c),
	       val, R());
	len = sizeof(val);
	CALL(SYS_getsockopt, c, SOL_SOCKET, SO_ERROR, &val, &len);
	expect("getsockopt(%s, SOL_SOCKET, SO_ERROR, [0], [4]) = %s", F(c), R());
	CALL(SYS_shutdown, c, SHUT_WR);
	expect("shutdown(%s, SHUT_WR) = %s", F(c), R());
	forget(c);
	CALL(SYS_recvfrom, a, buf, sizeof(buf), 0, NULL, NULL);
	expect("recvfrom(%s, \"\", %zu, 0, NULL, NULL) = %s", F(a), sizeof(buf), R());
	/* closed while its peer is open: named the same read now or kept */
	CALL(SYS_close, c);
	expect("close(%s) = %s", F(c), R());
	set_closed(c);

	/* a datagram socket connecting to nothing */
	dg = (int)CALL(SYS_socket, AF_UNIX, SOCK_DGRAM, 0);
	set_ann(dg, "unix dgram (unbound, unconnected)");
	expect("socket(AF_UNIX, SOCK_DGRAM, 0) = %s", RF());
	CALL(SYS_connect, dg, &sunone, nonelen);
	expect("connect(%s, %s, %u) = %s", F(dg), SUN(none), nonelen, R());
	forget(dg);
	CALL(SYS_sendto, dg, "x", 1, 0, NULL, 0);
	expect("sendto(%s, %s, 1, 0, NULL, 0) = %s", F(dg), Q("x", 1), R());

	/* udp to itself */
	u = (int)CALL(SYS_socket, AF_INET, SOCK_DGRAM, 0);
	set_unlisted_socket(u);
	expect("socket(AF_INET, SOCK_DGRAM, IPPROTO_IP) = %s", RF());
	CALL(SYS_bind, u, &lo, sizeof(lo));
	expect("bind(%s, %s, 16) = %s", F(u), SIN(&lo), R());
	forget(u);
	len = sizeof(got);
	CALL(SYS_getsockname, u, &got, &len);
	port = ntohs(got.sin_port);
	set_ann(u, "udp 127.0.0.1:%u", port);
	expect("getsockname(%s, %s, [16]) = %s", F(u), SIN(&got), R());
	CALL(SYS_sendto, u, "udp!", 4, 0, &got, sizeof(got));
	expect("sendto(%s, %s, 4, 0, %s, 16) = %s", F(u), Q("udp!", 4), SIN(&got), R());
	len = sizeof(from);
	CALL(SYS_recvfrom, u, buf, sizeof(buf), 0, &from, &len);
	expect("recvfrom(%s, %s, %zu, 0, %s, [16]) = %s", F(u), Q(buf, 4),
	       sizeof(buf), SIN(&from), R());
	CALL(SYS_connect, u, &sunone, nonelen);
	expect("connect(%s, %s, %u) = %s", F(u), SUN(none), nonelen, R());
	forget(u);

	/* tcp over loopback to itself */
	tl = (int)CALL(SYS_socket, AF_INET, SOCK_STREAM, IPPROTO_TCP);
	set_unlisted_socket(tl);
	expect("socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = %s", RF());
	CALL(SYS_setsockopt, tl, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	expect("setsockopt(%s, SOL_SOCKET, SO_REUSEADDR, [1], 4) = %s", F(tl), R());
	CALL(SYS_bind, tl, &lo, sizeof(lo));
	expect("bind(%s, %s, 16) = %s", F(tl), SIN(&lo), R());
	forget(tl);
	len = sizeof(got);
	CALL(SYS_getsockname, tl, &got, &len);
	port = ntohs(got.sin_port);
	set_ann(tl, "tcp 127.0.0.1:%u CLOSE", port);
	expect("getsockname(%s, %s, [16]) = %s", F(tl), SIN(&got), R());
	CALL(SYS_listen, tl, 5);
	expect("listen(%s, 5) = %s", F(tl), R());
	forget(tl);
	set_ann(tl, "tcp LISTEN 127.0.0.1:%u (backlog 0/5)", port);
	/* named now, kept: the backlog dscope would read at accept4 is racy */
	len = sizeof(val);
	CALL(SYS_getsockopt, tl, SOL_SOCKET, SO_ACCEPTCONN, &val, &len);
	expect("getsockopt(%s, SOL_SOCKET, SO_ACCEPTCONN, [%d], [4]) = %s", F(tl),
	       val, R());
	tc = (int)CALL(SYS_socket, AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	set_unlisted_socket(tc);
	expect("socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = %s", RF());
	CALL(SYS_connect, tc, &got, sizeof(got));
	expect("connect(%s, %s, 16) = %s", F(tc), SIN(&got), R());
	forget(tc);
	set_ann(tl, "tcp LISTEN 127.0.0.1:%u (backlog 1/5)", port);
	len = sizeof(from);
	ta = (int)CALL(SYS_accept4, tl, &from, &len, SOCK_CLOEXEC);
	set_peer(ta, "tcp", comm, me);
	set_peer(tc, "tcp", comm, me);
	expect("accept4(%s, %s, [16], SOCK_CLOEXEC) = %s", F(tl), SIN(&from), RF());
	set_ann(tl, "tcp LISTEN 127.0.0.1:%u (backlog 0/5)", port);
	CALL(SYS_sendto, tc, "tcp!", 4, 0, NULL, 0);
	expect("sendto(%s, %s, 4, 0, NULL, 0) = %s", F(tc), Q("tcp!", 4), R());
	CALL(SYS_recvfrom, ta, buf, sizeof(buf), MSG_PEEK, NULL, NULL);
	expect("recvfrom(%s, %s, %zu, MSG_PEEK, NULL, NULL) = %s", F(ta),
	       Q(buf, 4), sizeof(buf), R());
	len = sizeof(from);
	CALL(SYS_getpeername, ta, &from, &len);
	expect("getpeername(%s, %s, [16]) = %s", F(ta), SIN(&from), R());
	CALL(SYS_close, tc);
	expect("close(%s) = %s", F(tc), R());
	set_closed(tc);
	CALL(SYS_socket, AF_INET, SOCK_STREAM, IPPROTO_UDP);
	expect("socket(AF_INET, SOCK_STREAM, IPPROTO_UDP) = %s", R());
	marker();
}

/* ---- poll: epoll, poll, select (decode/sys_poll.c) ---- */

static const char poll_calls[] =
	"epoll_create1,epoll_ctl,epoll_wait,epoll_pwait,poll,ppoll,select,"
	"pselect6,close";

static void fam_poll(void)
{
	struct epoll_event ev, out[8];
	struct pollfd pf[2];
	struct timespec ts0 = { 0, 0 };
	struct timeval tv0 = { 0, 0 };
	fd_set rs;
	int p[2], ep;

	if (pipe(p) != 0)
		die("pipe: %s", strerror(errno));
	set_peer(p[0], "pipe", comm, me);
	set_peer(p[1], "pipe", comm, me);

	marker();
	ep = (int)CALL(SYS_epoll_create1, EPOLL_CLOEXEC);
	set_ann(ep, "epoll set, 0 entries");
	expect("epoll_create1(EPOLL_CLOEXEC) = %s", RF());
	ev.events = EPOLLIN;
	ev.data.u64 = (uint64_t)p[0];
	CALL(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[0], &ev);
	expect("epoll_ctl(%s, EPOLL_CTL_ADD, %s, {events=EPOLLIN, data={u32=%d, u64=%d}}) = %s",
	       F(ep), F(p[0]), p[0], p[0], R());
	forget(ep);
	set_ann(ep, "epoll set, 1 entry");
	ev.events = EPOLLOUT | EPOLLET;
	ev.data.u64 = 0x1234567890ULL;
	CALL(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[1], &ev);
	expect("epoll_ctl(%s, EPOLL_CTL_ADD, %s, {events=EPOLLOUT|EPOLLET, data={u32=%u, u64=%llu}}) = %s",
	       F(ep), F(p[1]), (unsigned)0x34567890, 0x1234567890ULL, R());
	forget(ep);
	set_ann(ep, "epoll set, 2 entries");
	CALL(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[1], &ev);
	expect("epoll_ctl(%s, EPOLL_CTL_ADD, %s, {events=EPOLLOUT|EPOLLET, data={u32=%u, u64=%llu}}) = %s",
	       F(ep), F(p[1]), (unsigned)0x34567890, 0x1234567890ULL, R());
	forget(ep);
	CALL(SYS_epoll_ctl, ep, EPOLL_CTL_DEL, p[1], NULL);
	expect("epoll_ctl(%s, EPOLL_CTL_DEL, %s, NULL) = %s", F(ep), F(p[1]), R());
	forget(ep);
	set_ann(ep, "epoll set, 1 entry");
	CALL(SYS_epoll_wait, ep, out, 8, 0);
	expect("epoll_wait(%s, [], 8, 0) = %s", F(ep), R());
	syscall(SYS_write, p[1], "x", 1); /* not in the list */
	CALL(SYS_epoll_wait, ep, out, 8, 0);
	expect("epoll_wait(%s, [{events=EPOLLIN, data={u32=%d, u64=%d}}], 8, 0) = %s",
	       F(ep), p[0], p[0], R());
	CALL(SYS_epoll_pwait, ep, out, 8, 0, NULL, 8);
	expect("epoll_pwait(%s, [{events=EPOLLIN, data={u32=%d, u64=%d}}], 8, 0, NULL, 8) = %s",
	       F(ep), p[0], p[0], R());
	CALL(SYS_epoll_wait, 200, out, 8, 0);
	expect("epoll_wait(%s, %s, 8, 0) = %s", F(200), P(out), R());

	pf[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	pf[1] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	CALL(SYS_poll, pf, 2, 0);
	/* the fds in what a call returns are not named (strace -y neither) */
	expect("poll([{fd=%s, events=POLLIN}, {fd=%s, events=POLLOUT}], 2, 0) = %s ([{fd=%d, revents=POLLIN}, {fd=%d, revents=POLLOUT}])",
	       F(p[0]), F(p[1]), R(), p[0], p[1]);
	CALL(SYS_ppoll, pf, 1, &ts0, NULL, 8);
	expect("ppoll([{fd=%s, events=POLLIN}], 1, {tv_sec=0, tv_nsec=0}, NULL, 8) = %s ([{fd=%d, revents=POLLIN}], left {tv_sec=0, tv_nsec=0})",
	       F(p[0]), R(), p[0]);
	FD_ZERO(&rs);
	FD_SET(p[0], &rs);
	CALL(SYS_select, p[0] + 1, &rs, NULL, NULL, &tv0);
	expect("select(%d, [%s], NULL, NULL, {tv_sec=0, tv_usec=0}) = %s (in [%d], left {tv_sec=0, tv_usec=0})",
	       p[0] + 1, F(p[0]), R(), p[0]);
	syscall(SYS_read, p[0], &ev, 1); /* not in the list: empty again */
	pf[0].revents = 0;
	CALL(SYS_poll, pf, 1, 0);
	expect("poll([{fd=%s, events=POLLIN}], 1, 0) = %s (Timeout)", F(p[0]), R());
	FD_ZERO(&rs);
	FD_SET(p[0], &rs);
	tv0 = (struct timeval){ 0, 0 };
	CALL(SYS_select, p[0] + 1, &rs, NULL, NULL, &tv0);
	expect("select(%d, [%s], NULL, NULL, {tv_sec=0, tv_usec=0}) = %s (Timeout)",
	       p[0] + 1, F(p[0]), R());
	FD_ZERO(&rs);
	FD_SET(p[0], &rs);
	ts0 = (struct timespec){ 0, 0 };
	CALL(SYS_pselect6, p[0] + 1, &rs, NULL, NULL, &ts0, NULL);
	expect("pselect6(%d, [%s], NULL, NULL, {tv_sec=0, tv_nsec=0}, NULL) = %s (Timeout)",
	       p[0] + 1, F(p[0]), R());
	CALL(SYS_close, ep);
	expect("close(%s) = %s", F(ep), R());
	set_closed(ep);
	marker();
}

/* ---- process: fork, clone, wait, exec, prctl, pidfd (decode/sys_process.c) ---- */

static const char process_calls[] =
	"fork,vfork,clone,clone3,execve,exit,exit_group,wait4,waitid,setsid,"
	"setpgid,getpgid,getsid,prctl,pidfd_open,pidfd_send_signal";

static void fam_process(void)
{
	/* the third longer than -s: cut, with "..." */
	char *argv[] = { "no-such-program", "x",
			 "an-argument-longer-than-thirty-two-bytes", NULL };
	const char *prog = path_in_dir("no-such-program");
	struct clone_args ca = { .exit_signal = SIGCHLD };
	sigset_t chld;
	char name[16];
	int status, envc = 0, pd, sig;
	bool reaped;
	pid_t c;
	siginfo_t si;

	for (char **e = environ; *e; e++)
		envc++;
	/* SIGCHLD stays pending: its line would fall anywhere */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);

	marker();
	CALL(SYS_setpgid, 0, 0);
	expect("setpgid(0, 0) = %s", R());
	CALL(SYS_getpgid, 0);
	expect("getpgid(0) = %s", R());
	CALL(SYS_setsid);
	expect("setsid() = %s", R());
	CALL(SYS_getsid, 0);
	expect("getsid(0) = %s", R());
	CALL(SYS_prctl, PR_SET_NAME, "tracee-renamed", 0, 0, 0);
	expect("prctl(PR_SET_NAME, %s) = %s", QS("tracee-renamed"), R());
	CALL(SYS_prctl, PR_GET_NAME, name, 0, 0, 0);
	expect("prctl(PR_GET_NAME, %s) = %s", QS(name), R());
	CALL(SYS_prctl, PR_SET_NAME, comm, 0, 0, 0);
	expect("prctl(PR_SET_NAME, %s) = %s", QS(comm), R());
	CALL(SYS_prctl, PR_GET_DUMPABLE, 0, 0, 0, 0);
	expect("prctl(PR_GET_DUMPABLE) = %s (SUID_DUMP_USER)", R());
	CALL(SYS_prctl, PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
	expect("prctl(PR_SET_PDEATHSIG, SIGTERM) = %s", R());
	CALL(SYS_prctl, PR_GET_PDEATHSIG, &sig, 0, 0, 0);
	expect("prctl(PR_GET_PDEATHSIG, [SIGTERM]) = %s", R());

	c = (pid_t)CALL(SYS_fork);
	if (c == 0)
		child_exit(7);
	expect("fork() = %s", R());
	CALL(SYS_wait4, c, &status, 0, NULL);
	expect("wait4(%d, [{WIFEXITED(s) && WEXITSTATUS(s) == 7}], 0, NULL) = %s",
	       (int)c, R());
	c = (pid_t)CALL(SYS_clone, SIGCHLD, 0, 0, 0, 0);
	if (c == 0) {
		for (;;)
			syscall(SYS_kill, syscall(SYS_getpid), SIGKILL);
	}
	expect("clone(child_stack=NULL, flags=SIGCHLD) = %s", R());
	CALL(SYS_wait4, -1, &status, 0, NULL);
	expect("wait4(-1, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}], 0, NULL) = %s", R());
	c = (pid_t)CALL(SYS_clone3, &ca, sizeof(ca));
	if (c == 0)
		child_exit(0);
	expect("clone3({flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0}, %zu) = %s",
	       sizeof(ca), R());
	CALL(SYS_wait4, c, &status, __WALL, NULL);
	expect("wait4(%d, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], __WALL, NULL) = %s",
	       (int)c, R());
	CALL(SYS_wait4, -1, &status, WNOHANG, NULL);
	expect("wait4(-1, %s, WNOHANG, NULL) = %s", P(&status), R());
	CALL(SYS_waitid, P_PID, c, &si, WEXITED | WNOHANG, NULL);
	expect("waitid(P_PID, %d, %s, WNOHANG|WEXITED, NULL) = %s", (int)c, P(&si), R());

	c = (pid_t)CALL(SYS_fork);
	if (c == 0) {
		name_self("tracee-child");
		for (;;)
			pause();
	}
	expect("fork() = %s", R());
	/* the child names itself: wait for it (not a traced call) */
	for (int i = 0; i < 200; i++) {
		char path[64], buf[32] = "";
		FILE *f;

		snprintf(path, sizeof(path), "/proc/%d/comm", (int)c);
		f = fopen(path, "re");
		if (f) {
			if (!fgets(buf, sizeof(buf), f))
				buf[0] = '\0';
			fclose(f);
		}
		if (strcmp(buf, "tracee-child\n") == 0)
			break;
		usleep(10000);
	}
	pd = (int)CALL(SYS_pidfd_open, c, 0);
	set_ann(pd, "pidfd \u2192 tracee-child [%d]", (int)c);
	expect("pidfd_open(%d, 0) = %s", (int)c, RF());
	CALL(SYS_pidfd_send_signal, pd, SIGKILL, NULL, 0);
	expect("pidfd_send_signal(%s, SIGKILL, NULL, 0) = %s", F(pd), R());
	reaped = CALL(SYS_wait4, c, &status, 0, NULL) == c;
	expect("wait4(%d, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}], 0, NULL) = %s",
	       (int)c, R());
	CALL(SYS_pidfd_open, c, 0);
	expect("pidfd_open(%d, 0) = %s", (int)c, R());

	CALL(SYS_execve, prog, argv, environ);
	expect("execve(%s, [%s, %s, %s], %s /* %d vars */) = %s", QP(prog),
	       QS(argv[0]), QS(argv[1]), QS(argv[2]), P(environ), envc, R());
	marker();
	if (!reaped) { /* the calls above failed: leave nothing behind */
		kill(c, SIGKILL);
		reap(c);
	}
}

/* ---- signal: rt_sig*, kill (decode/sys_signal.c) ---- */

static const char signal_calls[] =
	"rt_sigaction,rt_sigprocmask,rt_sigpending,rt_sigtimedwait,kill,tgkill,"
	"tkill,sigaltstack";

#ifndef SA_RESTORER
#define SA_RESTORER 0x04000000
#endif

struct ksigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

void tracee_restorer(void);
__asm__(".text\n"
	".globl tracee_restorer\n"
	"tracee_restorer:\n"
	"\tmov $15, %eax\n" /* rt_sigreturn */
	"\tsyscall\n");

static volatile sig_atomic_t usr2_seen;

static void on_usr2(int sig)
{
	(void)sig;
	usr2_seen++;
}

#define BIT(sig) (1ull << ((sig) - 1))

/* A signal mask as strace prints it: [USR1 TERM] (without SIG). */
static const char *MASK(uint64_t m)
{
	char *b = fmtbuf(), *p = b;

	*p++ = '[';
	for (int sig = 1; sig <= 31; sig++) {
		if (!(m & BIT(sig)))
			continue;
		p += sprintf(p, "%s%s", p > b + 1 ? " " : "", sigabbrev_np(sig));
	}
	if (m >> 31)
		die("mask %#llx has realtime signals", (unsigned long long)m);
	*p++ = ']';
	*p = '\0';
	return b;
}

static void fam_signal(void)
{
	struct ksigaction ign = { .handler = SIG_IGN }, old, act = {
		.handler = on_usr2,
		.flags = SA_RESTORER | SA_RESTART,
		.restorer = tracee_restorer,
		.mask = BIT(SIGUSR1) | BIT(SIGTERM),
	};
	uint64_t set = BIT(SIGUSR1) | BIT(SIGUSR2), oldset = 0, pend = 0, w;
	struct timespec ts0 = { 0, 0 };
	stack_t ss;
	siginfo_t si;
	uid_t uid = getuid();

	marker();
	CALL(SYS_rt_sigaction, SIGUSR1, &ign, NULL, 8);
	expect("rt_sigaction(SIGUSR1, {sa_handler=SIG_IGN, sa_mask=[], sa_flags=0}, NULL, 8) = %s", R());
	CALL(SYS_rt_sigaction, SIGUSR1, NULL, &old, 8);
	expect("rt_sigaction(SIGUSR1, NULL, {sa_handler=SIG_IGN, sa_mask=[], sa_flags=0}, 8) = %s", R());
	CALL(SYS_rt_sigaction, SIGUSR2, &act, NULL, 8);
	expect("rt_sigaction(SIGUSR2, {sa_handler=%s, sa_mask=[USR1 TERM], sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=%s}, NULL, 8) = %s",
	       P((void *)on_usr2), P((void *)tracee_restorer), R());
	CALL(SYS_rt_sigaction, SIGKILL, &ign, NULL, 8);
	expect("rt_sigaction(SIGKILL, {sa_handler=SIG_IGN, sa_mask=[], sa_flags=0}, NULL, 8) = %s", R());
	CALL(SYS_rt_sigprocmask, SIG_BLOCK, &set, &oldset, 8);
	expect("rt_sigprocmask(SIG_BLOCK, [USR1 USR2], %s, 8) = %s", MASK(oldset), R());
	CALL(SYS_rt_sigprocmask, SIG_SETMASK, NULL, &w, 8);
	expect("rt_sigprocmask(SIG_SETMASK, NULL, %s, 8) = %s", MASK(w), R());
	CALL(SYS_kill, me, SIGUSR2);
	expect("kill(%d, SIGUSR2) = %s", (int)me, R());
	CALL(SYS_tgkill, me, me, SIGUSR1);
	expect("tgkill(%d, %d, SIGUSR1) = %s", (int)me, (int)me, R());
	CALL(SYS_rt_sigpending, &pend, 8);
	expect("rt_sigpending(%s, 8) = %s", MASK(pend), R());
	w = BIT(SIGUSR2);
	CALL(SYS_rt_sigtimedwait, &w, &si, &ts0, 8);
	expect("rt_sigtimedwait([USR2], {si_signo=SIGUSR2, si_code=SI_USER, si_pid=%d, si_uid=%u}, {tv_sec=0, tv_nsec=0}, 8) = %s (SIGUSR2)",
	       (int)me, (unsigned)uid, R());
	CALL(SYS_rt_sigtimedwait, &w, &si, &ts0, 8);
	expect("rt_sigtimedwait([USR2], %s, {tv_sec=0, tv_nsec=0}, 8) = %s", P(&si), R());
	CALL(SYS_tkill, me, SIGUSR2);
	expect("tkill(%d, SIGUSR2) = %s", (int)me, R());
	CALL(SYS_rt_sigprocmask, SIG_UNBLOCK, &w, NULL, 8);
	expect("rt_sigprocmask(SIG_UNBLOCK, [USR2], NULL, 8) = %s", R());
	expect("--- SIGUSR2 {si_signo=SIGUSR2, si_code=SI_TKILL, si_pid=%d, si_uid=%u} ---",
	       (int)me, (unsigned)uid);
	CALL(SYS_rt_sigprocmask, SIG_SETMASK, &oldset, NULL, 8);
	expect("rt_sigprocmask(SIG_SETMASK, %s, NULL, 8) = %s", MASK(oldset), R());
	/* the ignored SIGUSR1 pending since tgkill: a tracer sees it go */
	expect("--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=%d, si_uid=%u} ---",
	       (int)me, (unsigned)uid);
	CALL(SYS_sigaltstack, NULL, &ss);
	expect("sigaltstack(NULL, {ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0}) = %s", R());
	CALL(SYS_kill, INT_MAX, 0);
	expect("kill(%d, 0) = %s", INT_MAX, R());
	CALL(SYS_kill, me, 0);
	expect("kill(%d, 0) = %s", (int)me, R());
	marker();
	if (usr2_seen != 1) /* the lines above say what went wrong */
		fprintf(stderr, "tracee: SIGUSR2 handled %d times\n", (int)usr2_seen);
}

/* ---- memory: mmap and friends (decode/sys_memory.c) ---- */

static const char memory_calls[] =
	"mmap,munmap,mprotect,mremap,madvise,mlock,munlock,msync,brk";

static void fam_memory(void)
{
	const char *path = path_in_dir("m.bin");
	void *a, *b, *m;
	long brk0;
	int f;

	f = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (f < 0 || ftruncate(f, 4096) != 0)
		die("%s: %s", path, strerror(errno));
	set_ann(f, "%s", path);

	marker();
	a = (void *)CALL(SYS_mmap, NULL, 8192, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	expect("mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = %s", RX());
	CALL(SYS_mprotect, a, 4096, PROT_READ);
	expect("mprotect(%s, 4096, PROT_READ) = %s", P(a), R());
	CALL(SYS_mprotect, a, 4096, PROT_NONE);
	expect("mprotect(%s, 4096, PROT_NONE) = %s", P(a), R());
	CALL(SYS_madvise, a, 8192, MADV_DONTNEED);
	expect("madvise(%s, 8192, MADV_DONTNEED) = %s", P(a), R());
	CALL(SYS_mlock, (char *)a + 4096, 4096);
	expect("mlock(%s, 4096) = %s", P((char *)a + 4096), R());
	CALL(SYS_munlock, (char *)a + 4096, 4096);
	expect("munlock(%s, 4096) = %s", P((char *)a + 4096), R());
	CALL(SYS_msync, a, 8192, MS_SYNC);
	expect("msync(%s, 8192, MS_SYNC) = %s", P(a), R());
	CALL(SYS_mremap, a, 8192, 16384, MREMAP_MAYMOVE);
	expect("mremap(%s, 8192, 16384, MREMAP_MAYMOVE) = %s", P(a), RX());
	CALL(SYS_mprotect, a, 4096, PROT_READ | PROT_WRITE | PROT_EXEC);
	expect("mprotect(%s, 4096, PROT_READ|PROT_WRITE|PROT_EXEC) = %s", P(a), R());
	CALL(SYS_mprotect, a, 4096, PROT_READ | PROT_WRITE);
	expect("mprotect(%s, 4096, PROT_READ|PROT_WRITE) = %s", P(a), R());
	b = (void *)CALL(SYS_mremap, a, 8192, 16384, MREMAP_MAYMOVE);
	expect("mremap(%s, 8192, 16384, MREMAP_MAYMOVE) = %s", P(a), RX());
	CALL(SYS_munmap, (char *)b + 1, 4096);
	expect("munmap(%s, 4096) = %s", P((char *)b + 1), R());
	CALL(SYS_munmap, b, 16384);
	expect("munmap(%s, 16384) = %s", P(b), R());
	m = (void *)CALL(SYS_mmap, NULL, 4096, PROT_READ, MAP_SHARED, f, 0);
	expect("mmap(NULL, 4096, PROT_READ, MAP_SHARED, %s, 0) = %s", F(f), RX());
	CALL(SYS_munmap, m, 4096);
	expect("munmap(%s, 4096) = %s", P(m), R());
	CALL(SYS_mmap, NULL, 4096, PROT_READ, MAP_SHARED, 200, 0);
	expect("mmap(NULL, 4096, PROT_READ, MAP_SHARED, %s, 0) = %s", F(200), R());
	CALL(SYS_mmap, NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	expect("mmap(NULL, 0, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = %s", R());
	CALL(SYS_mprotect, (void *)4096, 4096, PROT_READ);
	expect("mprotect(0x1000, 4096, PROT_READ) = %s", R());
	brk0 = CALL(SYS_brk, NULL);
	expect("brk(NULL) = %#lx", (unsigned long)brk0);
	CALL(SYS_brk, brk0);
	expect("brk(%#lx) = %#lx", (unsigned long)brk0, (unsigned long)rv);
	marker();
}

/* ---- fdkinds: eventfd, timerfd, signalfd, inotify, memfd (decode/sys_fdkinds.c) ---- */

static const char fdkinds_calls[] =
	"eventfd2,timerfd_create,timerfd_settime,timerfd_gettime,signalfd4,"
	"inotify_init1,inotify_add_watch,inotify_rm_watch,memfd_create";

/* eventfd-id from our own fdinfo, as dscope fds shows it. */
static const char *eventfd_id(int fd)
{
	char path[64], line[128], *b = fmtbuf();
	FILE *f;

	b[0] = '\0';
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = fopen(path, "re");
	if (!f)
		return b;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long id;

		if (sscanf(line, "eventfd-id: %llu", &id) == 1)
			snprintf(b, FMT_SIZE, " (id %llu)", id);
	}
	fclose(f);
	return b;
}

static void fam_fdkinds(void)
{
	/* 30 days: "next in 30 d" for as long as the test runs */
	struct itimerspec on = { .it_value = { 30 * 86400, 0 } }, off = { 0 }, cur;
	const char *dpath = dir;
	char longname[41];
	uint64_t mask = BIT(SIGHUP) | BIT(SIGUSR1);
	int e, t, s, in, m, m2, wd;

	memset(longname, 'n', 40);
	longname[40] = '\0';

	marker();
	e = (int)CALL(SYS_eventfd2, 3, EFD_CLOEXEC | EFD_NONBLOCK);
	set_ann(e, "eventfd count 3%s", eventfd_id(e));
	expect("eventfd2(3, EFD_CLOEXEC|EFD_NONBLOCK) = %s", RF());
	t = (int)CALL(SYS_timerfd_create, CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	set_ann(t, "timerfd monotonic, disarmed");
	expect("timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC|TFD_NONBLOCK) = %s", RF());
	CALL(SYS_timerfd_settime, t, 0, &on, NULL);
	expect("timerfd_settime(%s, 0, {it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=%d, tv_nsec=0}}, NULL) = %s",
	       F(t), 30 * 86400, R());
	forget(t);
	set_ann(t, "timerfd monotonic, next in 30 d");
	CALL(SYS_timerfd_settime, t, TFD_TIMER_ABSTIME, &off, NULL);
	expect("timerfd_settime(%s, TFD_TIMER_ABSTIME, {it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=0, tv_nsec=0}}, NULL) = %s",
	       F(t), R());
	forget(t);
	set_ann(t, "timerfd monotonic, disarmed");
	CALL(SYS_timerfd_gettime, t, &cur);
	expect("timerfd_gettime(%s, {it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=0, tv_nsec=0}}) = %s",
	       F(t), R());
	CALL(SYS_timerfd_create, 12345, 0);
	expect("timerfd_create(0x3039 /* CLOCK_??? */, 0) = %s", R());
	s = (int)CALL(SYS_signalfd4, -1, &mask, 8, SFD_CLOEXEC);
	set_ann(s, "signalfd HUP USR1");
	expect("signalfd4(-1, [HUP USR1], 8, SFD_CLOEXEC) = %s", RF());
	in = (int)CALL(SYS_inotify_init1, IN_CLOEXEC);
	set_ann(in, "inotify, no watches");
	expect("inotify_init1(IN_CLOEXEC) = %s", RF());
	wd = (int)CALL(SYS_inotify_add_watch, in, dpath, IN_CREATE | IN_DELETE);
	expect("inotify_add_watch(%s, %s, IN_CREATE|IN_DELETE) = %s", F(in),
	       QP(dpath), R());
	forget(in);
	set_ann(in, "inotify, 1 watch: %s", dpath);
	CALL(SYS_inotify_rm_watch, in, wd);
	expect("inotify_rm_watch(%s, %d) = %s", F(in), wd, R());
	forget(in);
	set_ann(in, "inotify, no watches");
	CALL(SYS_inotify_rm_watch, in, wd);
	expect("inotify_rm_watch(%s, %d) = %s", F(in), wd, R());
	forget(in);
	m = (int)CALL(SYS_memfd_create, "tracee-mem", MFD_CLOEXEC);
	set_ann(m, "memfd tracee-mem, 0 bytes");
	expect("memfd_create(%s, MFD_CLOEXEC) = %s", QS("tracee-mem"), RF());
	m2 = (int)CALL(SYS_memfd_create, longname, MFD_CLOEXEC | MFD_ALLOW_SEALING);
	set_ann(m2, "memfd %s, 0 bytes", longname);
	expect("memfd_create(%s, MFD_CLOEXEC|MFD_ALLOW_SEALING) = %s", QS(longname), RF());
	/* closed by a call not traced (close is not in the list), its number
	 * taken at once by another kind, which may get the same struct
	 * file, dentry and inode (an anonymous inode's are shared) */
	e = (int)CALL(SYS_eventfd2, 5, 0);
	set_ann(e, "eventfd count 5%s", eventfd_id(e));
	expect("eventfd2(5, 0) = %s", RF());
	syscall(SYS_close, e);
	e = (int)CALL(SYS_timerfd_create, CLOCK_MONOTONIC, TFD_CLOEXEC);
	set_ann(e, "timerfd monotonic, disarmed");
	expect("timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC) = %s", RF());
	marker();
}

/* ---- misc: ids, sleeping, clocks, futex (decode/sys_misc.c) ---- */

static const char misc_calls[] =
	"getpid,gettid,getuid,geteuid,getgid,getegid,uname,sched_yield,"
	"nanosleep,clock_nanosleep,clock_getres,getrandom,futex";

static void fam_misc(void)
{
	struct timespec tiny = { 0, 1000 }, bad = { -1, 0 }, res;
	struct utsname u;
	uint32_t word = 0;
	char rnd[1];

	marker();
	CALL(SYS_getpid);
	expect("getpid() = %s", R());
	CALL(SYS_gettid);
	expect("gettid() = %s", R());
	CALL(SYS_getuid);
	expect("getuid() = %s", R());
	CALL(SYS_geteuid);
	expect("geteuid() = %s", R());
	CALL(SYS_getgid);
	expect("getgid() = %s", R());
	CALL(SYS_getegid);
	expect("getegid() = %s", R());
	CALL(SYS_uname, &u);
	/* strace shows the fields whole, whatever -s says */
	expect("uname({sysname=%s, nodename=%s, ...}) = %s", QP(u.sysname),
	       QP(u.nodename), R());
	CALL(SYS_sched_yield);
	expect("sched_yield() = %s", R());
	CALL(SYS_nanosleep, &tiny, NULL);
	expect("nanosleep({tv_sec=0, tv_nsec=1000}, NULL) = %s", R());
	CALL(SYS_nanosleep, &bad, NULL);
	expect("nanosleep({tv_sec=-1, tv_nsec=0}, %s) = %s", "NULL", R());
	CALL(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &tiny, NULL);
	expect("clock_nanosleep(CLOCK_MONOTONIC, 0, {tv_sec=0, tv_nsec=1000}, NULL) = %s", R());
	CALL(SYS_clock_getres, CLOCK_MONOTONIC, &res);
	expect("clock_getres(CLOCK_MONOTONIC, {tv_sec=%lld, tv_nsec=%ld}) = %s",
	       (long long)res.tv_sec, res.tv_nsec, R());
	CALL(SYS_getrandom, rnd, 0, GRND_NONBLOCK);
	expect("getrandom(\"\", 0, GRND_NONBLOCK) = %s", R());
	CALL(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
	expect("futex(%s, FUTEX_WAKE_PRIVATE, 1) = %s", P(&word), R());
	CALL(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 1, &(struct timespec){ 0, 0 }, NULL, 0);
	expect("futex(%s, FUTEX_WAIT_PRIVATE, 1, {tv_sec=0, tv_nsec=0}) = %s", P(&word), R());
	marker();
}

/* ---- peers: the process at the other end (trace/fdnames.c) ---- */

static const char peers_calls[] = "read,write,close";

static void fam_peers(void)
{
	struct sockaddr_in lo = { .sin_family = AF_INET };
	socklen_t len = sizeof(lo);
	int sv[2], pp[2], tl, tc, ta;
	sigset_t chld;
	char buf[64];
	pid_t c;

	signal(SIGPIPE, SIG_IGN);
	/* the child's end: its SIGCHLD would fall anywhere */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	lo.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0 ||
	    pipe2(pp, O_CLOEXEC) != 0)
		die("socketpair, pipe: %s", strerror(errno));
	tl = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (tl < 0 || bind(tl, (struct sockaddr *)&lo, sizeof(lo)) != 0 ||
	    listen(tl, 1) != 0 ||
	    getsockname(tl, (struct sockaddr *)&lo, &len) != 0)
		die("tcp listener: %s", strerror(errno));
	c = fork();
	if (c < 0)
		die("fork: %s", strerror(errno));
	if (c == 0) {
		/* the peer: answers ping, reads the pipe, acks the tcp line,
		 * then waits for the socketpair to close */
		name_self("tracee-peer");
		close(sv[0]);
		close(pp[1]);
		close(tl);
		tc = socket(AF_INET, SOCK_STREAM, 0);
		if (tc < 0 || connect(tc, (struct sockaddr *)&lo, sizeof(lo)) != 0)
			child_exit(3);
		if (write(sv[1], "r", 1) != 1)
			child_exit(3);
		if (read(sv[1], buf, sizeof(buf)) != 5 ||
		    write(sv[1], "pong\n", 5) != 5)
			child_exit(3);
		if (read(pp[0], buf, sizeof(buf)) != 5)
			child_exit(3);
		if (read(tc, buf, sizeof(buf)) != 5 || write(tc, "ack\n", 4) != 4)
			child_exit(3);
		while (read(sv[1], buf, sizeof(buf)) > 0)
			;
		child_exit(0);
	}
	close(sv[1]);
	close(pp[0]);
	ta = -1;
	if (readable(tl))
		ta = accept4(tl, NULL, NULL, SOCK_CLOEXEC);
	close(tl);
	if (readable(sv[0]))
		(void)!read(sv[0], buf, 1); /* "r": the child is ready */
	set_peer(sv[0], "unix", "tracee-peer", c);
	set_peer(pp[1], "pipe", "tracee-peer", c);
	if (ta >= 0)
		set_peer(ta, "tcp", "tracee-peer", c);

	marker();
	CALL(SYS_write, sv[0], "ping\n", 5);
	expect("write(%s, %s, 5) = 5", F(sv[0]), Q("ping\n", 5));
	if (readable(sv[0]))
		CALL(SYS_read, sv[0], buf, sizeof(buf));
	expect("read(%s, %s, %zu) = 5", F(sv[0]), Q("pong\n", 5), sizeof(buf));
	CALL(SYS_write, pp[1], "data\n", 5);
	expect("write(%s, %s, 5) = 5", F(pp[1]), Q("data\n", 5));
	CALL(SYS_write, ta, "tcp!\n", 5);
	expect("write(%s, %s, 5) = 5", F(ta), Q("tcp!\n", 5));
	if (ta >= 0 && readable(ta))
		CALL(SYS_read, ta, buf, sizeof(buf));
	expect("read(%s, %s, %zu) = 4", F(ta), Q("ack\n", 4), sizeof(buf));
	CALL(SYS_close, pp[1]);
	expect("close(%s) = 0", F(pp[1]));
	set_closed(pp[1]);
	CALL(SYS_close, ta);
	expect("close(%s) = 0", F(ta));
	CALL(SYS_close, sv[0]);
	expect("close(%s) = 0", F(sv[0]));
	marker();
	reap(c);
}

/* ---- stdout: one line on fd 1, named by what it is connected to ---- */

static const char stdout_calls[] = "write";

static void fam_stdout(void)
{
	static const char line[] = "hello from tracee\n";
	struct stat st;
	char path[PATH_MAX], link[64], pcomm[64] = "?";

	if (fstat(1, &st) != 0)
		die("fd 1: %s", strerror(errno));
	if (S_ISSOCK(st.st_mode)) {
		struct ucred cr;
		socklen_t len = sizeof(cr);
		FILE *f;

		if (getsockopt(1, SOL_SOCKET, SO_PEERCRED, &cr, &len) != 0)
			die("SO_PEERCRED: %s", strerror(errno));
		snprintf(path, sizeof(path), "/proc/%d/comm", (int)cr.pid);
		f = fopen(path, "re");
		if (f) {
			if (fgets(pcomm, sizeof(pcomm), f))
				pcomm[strcspn(pcomm, "\n")] = '\0';
			fclose(f);
		}
		set_peer(1, "unix", pcomm, cr.pid);
	} else if (S_ISREG(st.st_mode)) {
		ssize_t n;

		snprintf(link, sizeof(link), "/proc/self/fd/1");
		n = readlink(link, path, sizeof(path) - 1);
		if (n < 0)
			die("%s: %s", link, strerror(errno));
		path[n] = '\0';
		set_ann(1, "%s", path);
	} else {
		die("fd 1 is neither a socket nor a file");
	}

	marker();
	CALL(SYS_write, 1, line, sizeof(line) - 1);
	expect("write(%s, %s, %zu) = %s", F(1), Q(line, sizeof(line) - 1),
	       sizeof(line) - 1, R());
	marker();
}

/* ---- count: many calls, for -c, --limit, -T ---- */

static const char count_calls[] = "getppid,dup";

/* getppid cannot fail: a call that does was stopped on its way (a
 * seccomp filter left behind by a tracer that is gone returns ENOSYS).
 * The parent may change on the way (dscope detached and exited). */
static int count_err;

static int count_calls_run(long n)
{
	int bad = 0;

	for (long i = 0; i < n; i++) {
		if (syscall(SYS_getppid) < 0) {
			if (!bad++)
				count_err = errno;
		}
	}
	for (int i = 0; i < 7; i++)
		syscall(SYS_dup, -1);
	return bad;
}

static const struct family {
	const char *name;
	const char *calls;
	void (*run)(void);
	bool needs_dir;
} families[] = {
	{ "io", io_calls, fam_io, true },
	{ "file", file_calls, fam_file, true },
	{ "net", net_calls, fam_net, true },
	{ "poll", poll_calls, fam_poll, false },
	{ "process", process_calls, fam_process, true },
	{ "signal", signal_calls, fam_signal, false },
	{ "memory", memory_calls, fam_memory, true },
	{ "fdkinds", fdkinds_calls, fam_fdkinds, true },
	{ "misc", misc_calls, fam_misc, false },
	{ "peers", peers_calls, fam_peers, false },
	{ "stdout", stdout_calls, fam_stdout, false },
	{ NULL, NULL, NULL, false },
};

static void read_comm(void)
{
	FILE *f = fopen("/proc/self/comm", "re");

	if (!f || !fgets(comm, sizeof(comm), f))
		die("/proc/self/comm: %s", strerror(errno));
	comm[strcspn(comm, "\n")] = '\0';
	fclose(f);
}

static void remove_tree(const char *path)
{
	char cmd[PATH_MAX + 32];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", path);
	if (system(cmd) != 0)
		fprintf(stderr, "tracee: could not remove %s\n", path);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: tracee FAMILY [--expect FILE] [--dir DIR] [-s N] [--pidfile FILE]\n"
		"       tracee FAMILY --syscalls\n"
		"       tracee count [N] [--expect FILE] [--pidfile FILE]\n"
		"families:");
	for (const struct family *f = families; f->name; f++)
		fprintf(stderr, " %s", f->name);
	fprintf(stderr, "\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *expect_path = NULL, *dir_arg = NULL, *pidfile = NULL;
	const struct family *fam = NULL;
	bool list = false, count = false;
	long count_n = 100;
	int i = 2;

	if (argc < 2)
		usage();
	if (strcmp(argv[1], "count") == 0) {
		count = true;
		if (argc > 2 && argv[2][0] != '-') {
			count_n = strtol(argv[2], NULL, 10);
			i = 3;
		}
	} else {
		for (const struct family *f = families; f->name; f++)
			if (strcmp(argv[1], f->name) == 0)
				fam = f;
		if (!fam)
			usage();
	}
	for (; i < argc; i++) {
		if (strcmp(argv[i], "--syscalls") == 0)
			list = true;
		else if (strcmp(argv[i], "--expect") == 0 && i + 1 < argc)
			expect_path = argv[++i];
		else if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc)
			dir_arg = argv[++i];
		else if (strcmp(argv[i], "--pidfile") == 0 && i + 1 < argc)
			pidfile = argv[++i];
		else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
			strsize = strtoul(argv[++i], NULL, 10);
		else
			usage();
	}
	if (list) {
		/* getppid: the markers */
		printf("%s%s\n", count ? count_calls : fam->calls,
		       count ? "" : ",getppid");
		return 0;
	}
	me = getpid();
	if (pidfile) {
		FILE *f = fopen(pidfile, "we");

		if (!f || fprintf(f, "%d\n", (int)me) < 0 || fclose(f) != 0)
			die("%s: %s", pidfile, strerror(errno));
	}
	if (count) {
		int bad = count_calls_run(count_n);

		if (expect_path) {
			FILE *f = fopen(expect_path, "we");

			if (!f)
				die("%s: %s", expect_path, strerror(errno));
			if (bad)
				fprintf(f, "%d of %ld getppid calls failed (%s)\n", bad,
					count_n, strerrorname_np(count_err));
			else
				fprintf(f, "ok\n");
			fclose(f);
		}
		return bad ? 1 : 0;
	}
	read_comm();
	if (fam->needs_dir) {
		if (dir_arg) {
			if (mkdir(dir_arg, 0700) != 0 && errno != EEXIST)
				die("%s: %s", dir_arg, strerror(errno));
			if (!realpath(dir_arg, dir))
				die("%s: %s", dir_arg, strerror(errno));
		} else {
			char tmpl[] = "/tmp/tracee.XXXXXX";

			if (!mkdtemp(tmpl) || !realpath(tmpl, dir))
				die("mkdtemp: %s", strerror(errno));
			dir_made = true;
		}
	}

	fam->run();

	if (expect_path) {
		FILE *f = fopen(expect_path, "we");

		if (!f || fwrite(expbuf, 1, explen, f) != explen || fclose(f) != 0)
			die("%s: %s", expect_path, strerror(errno));
	}
	if (dir_made)
		remove_tree(dir);
	fflush(NULL);
	syscall(SYS_exit_group, 0);
	return 0;
}
