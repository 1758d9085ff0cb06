/* The file family: open flags and modes, the stat family, mknod, access,
 * getdents64, getcwd, utimensat, statfs, fcntl and ioctl, in text (as
 * strace prints them) and a few JSON forms; unreadable memory, unknown
 * bits and negative fds. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "decode_util.h"

#define AT_FDCWD_ ((uint64_t)(int64_t)-100)

/* Strings (and arrays of pointers) the decoders follow, each in a page of
 * its own, NUL-padded, in a ring of slots reused in turn. */
static char pages[16][4096] __attribute__((aligned(4096)));

static uint64_t T(const char *s)
{
	static unsigned next;
	char *p = pages[next++ % 16];

	snprintf(p, sizeof(pages[0]), "%s", s);
	return A(p);
}

/* want holds one %llx: the address addr. */
static void check_addr(const char *name, const uint64_t args[6], int64_t ret,
		       const char *fmt, const void *addr)
{
	char want[512];

	snprintf(want, sizeof(want), fmt, (unsigned long long)(uintptr_t)addr);
	check(name, args, ret, want);
}

/* Runs a call in *c (entry and exit), for its note and result kind. */
static void run(struct decode_call *c, const char *name, const uint64_t args[6],
		int64_t ret)
{
	struct strbuf sb = STRBUF_INIT;
	struct dout o;

	*c = decode_util_call(name, args, ret);
	dout_init(&o, DOUT_TEXT, &sb, NULL);
	decode_util_run(c, &o);
	strbuf_release(&sb);
}

static void open_flags(void **state)
{
	const uint64_t path = T("/etc/passwd");

	(void)state;
	check("openat", (uint64_t[6]){ AT_FDCWD_, path, O_RDONLY | O_CLOEXEC }, 3,
	      "AT_FDCWD, \"/etc/passwd\", O_RDONLY|O_CLOEXEC");
	/* the mode only when the call may create */
	check("openat", (uint64_t[6]){ AT_FDCWD_, path, O_WRONLY | O_CREAT | O_TRUNC, 0644 }, 3,
	      "AT_FDCWD, \"/etc/passwd\", O_WRONLY|O_CREAT|O_TRUNC, 0644");
	check("openat", (uint64_t[6]){ AT_FDCWD_, path, O_RDWR, 0644 }, 3,
	      "AT_FDCWD, \"/etc/passwd\", O_RDWR");
	check("openat", (uint64_t[6]){ AT_FDCWD_, path, O_RDWR | O_TMPFILE, 0600 }, 3,
	      "AT_FDCWD, \"/etc/passwd\", O_RDWR|O_TMPFILE, 0600");
	/* O_SYNC holds O_DSYNC; the kernel's O_LARGEFILE bit */
	check("openat", (uint64_t[6]){ AT_FDCWD_, path, O_RDWR | O_SYNC }, 3,
	      "AT_FDCWD, \"/etc/passwd\", O_RDWR|O_SYNC");
	check("openat", (uint64_t[6]){ AT_FDCWD_, path, O_RDONLY | O_DSYNC | 0100000 | O_DIRECTORY | O_NOFOLLOW }, 3,
	      "AT_FDCWD, \"/etc/passwd\", O_RDONLY|O_DSYNC|O_LARGEFILE|O_NOFOLLOW|O_DIRECTORY");
	check("openat", (uint64_t[6]){ AT_FDCWD_, path, O_PATH | O_DIRECTORY | O_NOATIME }, 3,
	      "AT_FDCWD, \"/etc/passwd\", O_RDONLY|O_NOATIME|O_PATH|O_DIRECTORY");
	/* unknown bits, the whole access mask, garbage above the int */
	check("openat", (uint64_t[6]){ AT_FDCWD_, path, 0x40000000 | O_EXCL }, -22,
	      "AT_FDCWD, \"/etc/passwd\", O_RDONLY|O_EXCL|0x40000000");
	check("openat", (uint64_t[6]){ 5, path, 3 }, -21,
	      "5<fd 5>, \"/etc/passwd\", O_ACCMODE");
	check("openat", (uint64_t[6]){ (uint64_t)-1, path, 0xffffffff00000000ull | O_APPEND }, -9,
	      "-1, \"/etc/passwd\", O_RDONLY|O_APPEND");
	/* an unreadable path: its address */
	check("open", (uint64_t[6]){ 16, O_RDONLY | O_CREAT, 0600 }, -14,
	      "0x10, O_RDONLY|O_CREAT, 0600");
	check("open", (uint64_t[6]){ path, O_RDONLY }, 3,
	      "\"/etc/passwd\", O_RDONLY");
	check("creat", (uint64_t[6]){ path, 0644 }, 3,
	      "\"/etc/passwd\", 0644");
	check_json("openat", (uint64_t[6]){ AT_FDCWD_, path, O_WRONLY | O_CREAT, 0640 }, 3,
		   "{\"dirfd\":\"AT_FDCWD\",\"pathname\":\"/etc/passwd\","
		   "\"flags\":[\"O_WRONLY\",\"O_CREAT\"],\"mode\":416}\n");
}

static void openat2_how(void **state)
{
	const uint64_t path = T("/x");
	uint64_t how[3] = { O_RDONLY | O_CLOEXEC, 0, 0x4 | 0x8 };
	uint64_t create[3] = { O_WRONLY | O_CREAT, 0644, 0 };

	(void)state;
	check("openat2", (uint64_t[6]){ AT_FDCWD_, path, A(how), 24 }, 3,
	      "AT_FDCWD, \"/x\", {flags=O_RDONLY|O_CLOEXEC, resolve=RESOLVE_NO_SYMLINKS|RESOLVE_BENEATH}, 24");
	check("openat2", (uint64_t[6]){ AT_FDCWD_, path, A(create), 24 }, 3,
	      "AT_FDCWD, \"/x\", {flags=O_WRONLY|O_CREAT, mode=0644, resolve=0}, 24");
	/* too small for the struct, or unreadable: the address */
	check("openat2", (uint64_t[6]){ AT_FDCWD_, path, 0x1000000, 8 }, -22,
	      "AT_FDCWD, \"/x\", 0x1000000, 8");
	check("openat2", (uint64_t[6]){ AT_FDCWD_, path, 32, 24 }, -14,
	      "AT_FDCWD, \"/x\", 0x20, 24");
}

static void stat_family(void **state)
{
	const uint64_t path = T("/dev/null");
	struct stat st;

	(void)state;
	memset(&st, 0, sizeof(st));
	st.st_mode = S_IFREG | 0644;
	st.st_size = 123;
	check("fstat", (uint64_t[6]){ 3, A(&st) }, 0,
	      "3<fd 3>, {st_mode=S_IFREG|0644, st_size=123, ...}");
	check("newfstatat", (uint64_t[6]){ 3, T(""), A(&st), AT_EMPTY_PATH }, 0,
	      "3<fd 3>, \"\", {st_mode=S_IFREG|0644, st_size=123, ...}, AT_EMPTY_PATH");
	st.st_mode = S_IFDIR | S_ISVTX | 0777;
	check("stat", (uint64_t[6]){ path, A(&st) }, 0,
	      "\"/dev/null\", {st_mode=S_IFDIR|S_ISVTX|0777, st_size=123, ...}");
	/* devices: the device number instead of the size */
	st.st_mode = S_IFCHR | 0666;
	st.st_rdev = makedev(1, 3);
	check("lstat", (uint64_t[6]){ path, A(&st) }, 0,
	      "\"/dev/null\", {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}");
	st.st_mode = S_IFBLK | 0600;
	st.st_rdev = makedev(259, 70000);
	check("newfstatat", (uint64_t[6]){ AT_FDCWD_, path, A(&st), AT_SYMLINK_NOFOLLOW | 0x10000 }, 0,
	      "AT_FDCWD, \"/dev/null\", {st_mode=S_IFBLK|0600, st_rdev=makedev(0x103, 0x11170), ...}, AT_SYMLINK_NOFOLLOW|0x10000");
	/* failed or unreadable: the address */
	check("newfstatat", (uint64_t[6]){ AT_FDCWD_, path, 0x7ffd0000, 0 }, -2,
	      "AT_FDCWD, \"/dev/null\", 0x7ffd0000, 0");
	check("stat", (uint64_t[6]){ path, 1 }, 0, "\"/dev/null\", 0x1");
	/* an unknown file type: the whole mode in octal */
	st.st_mode = 0070644;
	check("fstat", (uint64_t[6]){ 3, A(&st) }, 0,
	      "3<fd 3>, {st_mode=070644, st_size=123, ...}");
	st.st_mode = S_IFCHR | 0620;
	st.st_rdev = makedev(136, 0);
	check_json("fstat", (uint64_t[6]){ 0, A(&st) }, 0,
		   "{\"fd\":{\"fd\":0,\"description\":\"test fd\"},\"statbuf\":"
		   "{\"st_mode\":8592,\"st_rdev\":{\"major\":136,\"minor\":0}}}\n");
}

static void statx_call(void **state)
{
	const uint64_t path = T("/x");
	unsigned char stx[256];
	uint32_t mask = 0x7ff | 0x1000;
	uint16_t mode = S_IFREG | 0640;
	uint64_t size = 4096, attrs = 0x20;

	(void)state;
	memset(stx, 0, sizeof(stx));
	memcpy(stx, &mask, sizeof(mask));
	memcpy(stx + 8, &attrs, sizeof(attrs));
	memcpy(stx + 28, &mode, sizeof(mode));
	memcpy(stx + 40, &size, sizeof(size));
	check("statx", (uint64_t[6]){ AT_FDCWD_, path, AT_SYMLINK_NOFOLLOW, 0x7ff, A(stx) }, 0,
	      "AT_FDCWD, \"/x\", AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, "
	      "{stx_mask=STATX_BASIC_STATS|STATX_MNT_ID, stx_attributes=STATX_ATTR_APPEND, "
	      "stx_mode=S_IFREG|0640, stx_size=4096, ...}");
	check_addr("statx", (uint64_t[6]){ AT_FDCWD_, path, 0x2000, 0xfff, A(stx) }, -2,
		   "AT_FDCWD, \"/x\", AT_STATX_FORCE_SYNC, STATX_ALL, 0x%llx", stx);
}

static void mknod_modes(void **state)
{
	const uint64_t path = T("/dev/x");

	(void)state;
	check("mknodat", (uint64_t[6]){ AT_FDCWD_, path, S_IFCHR | 0620, makedev(0x88, 0) }, 0,
	      "AT_FDCWD, \"/dev/x\", S_IFCHR|0620, makedev(0x88, 0)");
	check("mknod", (uint64_t[6]){ path, S_IFIFO | 0644, 5 }, 0,
	      "\"/dev/x\", S_IFIFO|0644");
	check("mknod", (uint64_t[6]){ path, S_ISUID | 0644 }, 0,
	      "\"/dev/x\", S_ISUID|0644");
	check("mknod", (uint64_t[6]){ path, S_IFREG }, 0,
	      "\"/dev/x\", S_IFREG|000");
	check("mknod", (uint64_t[6]){ path, 0 }, 0, "\"/dev/x\", 000");
	check("mknod", (uint64_t[6]){ path, 0177777 }, -22,
	      "\"/dev/x\", 0177777");
}

static void paths_and_flags(void **state)
{
	const uint64_t a = T("/a"), b = T("/b");

	(void)state;
	check("access", (uint64_t[6]){ a, R_OK | W_OK }, 0, "\"/a\", R_OK|W_OK");
	check("access", (uint64_t[6]){ a, F_OK }, 0, "\"/a\", F_OK");
	check("access", (uint64_t[6]){ a, 0x10 }, -22, "\"/a\", 0x10");
	check("faccessat2", (uint64_t[6]){ AT_FDCWD_, a, X_OK, AT_EACCESS | AT_SYMLINK_NOFOLLOW }, 0,
	      "AT_FDCWD, \"/a\", X_OK, AT_SYMLINK_NOFOLLOW|AT_EACCESS");
	check("unlinkat", (uint64_t[6]){ AT_FDCWD_, a, AT_REMOVEDIR }, 0,
	      "AT_FDCWD, \"/a\", AT_REMOVEDIR");
	check("unlinkat", (uint64_t[6]){ 4, a, 0 }, 0, "4<fd 4>, \"/a\", 0");
	check("renameat2", (uint64_t[6]){ AT_FDCWD_, a, AT_FDCWD_, b, 1 | 8 }, -22,
	      "AT_FDCWD, \"/a\", AT_FDCWD, \"/b\", RENAME_NOREPLACE|0x8");
	check("linkat", (uint64_t[6]){ AT_FDCWD_, a, AT_FDCWD_, b, AT_SYMLINK_FOLLOW }, 0,
	      "AT_FDCWD, \"/a\", AT_FDCWD, \"/b\", AT_SYMLINK_FOLLOW");
	check("symlinkat", (uint64_t[6]){ a, AT_FDCWD_, b }, 0,
	      "\"/a\", AT_FDCWD, \"/b\"");
	check("chmod", (uint64_t[6]){ a, 04755 }, 0, "\"/a\", 04755");
	check("fchownat", (uint64_t[6]){ AT_FDCWD_, a, 0, (uint32_t)-1, AT_EMPTY_PATH }, 0,
	      "AT_FDCWD, \"/a\", 0, -1, AT_EMPTY_PATH");
	check("mkdir", (uint64_t[6]){ a, 0755 }, 0, "\"/a\", 0755");
	check("umask", (uint64_t[6]){ 022 }, 022, "022");
	check("truncate", (uint64_t[6]){ a, (uint64_t)-1 }, -22, "\"/a\", -1");
	check("fallocate", (uint64_t[6]){ 3, 0x1 | 0x2, 10, 4096 }, 0,
	      "3<fd 3>, FALLOC_FL_KEEP_SIZE|FALLOC_FL_PUNCH_HOLE, 10, 4096");
	check("fallocate", (uint64_t[6]){ 3, 0, 0, 4096 }, 0, "3<fd 3>, 0, 0, 4096");
	check("sync", (uint64_t[6]){ 0 }, 0, "");
}

static void readlink_and_getcwd(void **state)
{
	const uint64_t link = T("/l");
	char target[] = "/tmp/target";
	uint64_t cwd = T("/tmp");

	(void)state;
	check("readlink", (uint64_t[6]){ link, A(target), 100 }, 11,
	      "\"/l\", \"/tmp/target\", 100");
	check("readlinkat", (uint64_t[6]){ AT_FDCWD_, link, A(target), 4 }, 4,
	      "AT_FDCWD, \"/l\", \"/tmp\", 4");
	check_addr("readlink", (uint64_t[6]){ link, A(target), 100 }, -2,
		   "\"/l\", 0x%llx, 100", target);
	check("getcwd", (uint64_t[6]){ cwd, 64 }, 5, "\"/tmp\", 64");
	check_addr("getcwd", (uint64_t[6]){ cwd, 2 }, -34, "0x%llx, 2",
		   (const void *)(uintptr_t)cwd);
}

/* A getdents64 buffer of n records of 24 bytes. */
static void fill_dents(unsigned char *buf, int n)
{
	uint16_t reclen = 24;

	memset(buf, 0, (size_t)n * reclen);
	for (int i = 0; i < n; i++)
		memcpy(buf + i * reclen + 16, &reclen, sizeof(reclen));
}

static void getdents(void **state)
{
	unsigned char buf[24 * 3];
	char want[96];
	char *got;

	(void)state;
	fill_dents(buf, 3);
	snprintf(want, sizeof(want), "3<fd 3>, %p /* 3 entries */, 32768",
		 (void *)buf);
	check("getdents64", (uint64_t[6]){ 3, A(buf), 32768 }, 72, want);
	snprintf(want, sizeof(want), "3<fd 3>, %p /* 1 entry */, 32768",
		 (void *)buf);
	check("getdents64", (uint64_t[6]){ 3, A(buf), 32768 }, 24, want);
	snprintf(want, sizeof(want), "3<fd 3>, %p /* 0 entries */, 32768",
		 (void *)buf);
	check("getdents64", (uint64_t[6]){ 3, A(buf), 32768 }, 0, want);
	/* failed, unreadable, or a record of length 0: the address only */
	check("getdents64", (uint64_t[6]){ 3, 0x1000, 100 }, -14,
	      "3<fd 3>, 0x1000, 100");
	check("getdents64", (uint64_t[6]){ 3, 0x10, 100 }, 48,
	      "3<fd 3>, 0x10, 100");
	memset(buf, 0, sizeof(buf));
	snprintf(want, sizeof(want), "3<fd 3>, %p, 100", (void *)buf);
	check("getdents64", (uint64_t[6]){ 3, A(buf), 100 }, 48, want);
	fill_dents(buf, 2);
	got = decode_json("getdents64", (uint64_t[6]){ 3, A(buf), 100 }, 48);
	assert_non_null(strstr(got, "\"entries\":2,\"count\":100}"));
	free(got);
}

static void utimensat_times(void **state)
{
	const uint64_t path = T("/x");
	int64_t ts[4] = { 1, 2, 0, (1l << 30) - 1 };
	int64_t omit[4] = { 0, (1l << 30) - 2, 1700000000, 5 };

	(void)state;
	check("utimensat", (uint64_t[6]){ AT_FDCWD_, path, A(ts), 0 }, 0,
	      "AT_FDCWD, \"/x\", [{tv_sec=1, tv_nsec=2} /* 1970-01-01T00:00:01.000000002+0000 */, UTIME_NOW], 0");
	check("utimensat", (uint64_t[6]){ 3, 0, A(omit), 0 }, 0,
	      "3<fd 3>, NULL, [UTIME_OMIT, {tv_sec=1700000000, tv_nsec=5} /* 2023-11-14T22:13:20.000000005+0000 */], 0");
	check("utimensat", (uint64_t[6]){ AT_FDCWD_, path, 0, AT_SYMLINK_NOFOLLOW }, 0,
	      "AT_FDCWD, \"/x\", NULL, AT_SYMLINK_NOFOLLOW");
	/* the date is text only */
	check_json("utimensat", (uint64_t[6]){ AT_FDCWD_, path, A(ts), 0 }, 0,
		   "{\"dirfd\":\"AT_FDCWD\",\"pathname\":\"/x\",\"times\":"
		   "[{\"tv_sec\":1,\"tv_nsec\":2},\"UTIME_NOW\"],\"flags\":[]}\n");
}

static void statfs_struct(void **state)
{
	uint64_t f[15] = { 0xef53, 4096, 100, 50, 40, 1000, 900, 0, 255, 4096, 0x20 | 0x1000 };
	uint32_t fsid[2] = { 0x17202ce2, 0x6a9cd3d2 };

	(void)state;
	memcpy((char *)f + 56, fsid, sizeof(fsid));
	check("fstatfs", (uint64_t[6]){ 3, A(f) }, 0,
	      "3<fd 3>, {f_type=EXT2_SUPER_MAGIC, f_bsize=4096, f_blocks=100, f_bfree=50, "
	      "f_bavail=40, f_files=1000, f_ffree=900, f_fsid={val=[0x17202ce2, 0x6a9cd3d2]}, "
	      "f_namelen=255, f_frsize=4096, f_flags=ST_VALID|ST_RELATIME}");
	f[0] = 0x12345678;
	f[10] = 0;
	check("fstatfs", (uint64_t[6]){ 3, A(f) }, 0,
	      "3<fd 3>, {f_type=0x12345678, f_bsize=4096, f_blocks=100, f_bfree=50, "
	      "f_bavail=40, f_files=1000, f_ffree=900, f_fsid={val=[0x17202ce2, 0x6a9cd3d2]}, "
	      "f_namelen=255, f_frsize=4096, f_flags=0}");
}

static void fcntl_cmds(void **state)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10, .l_pid = 42 };
	struct decode_call c;

	(void)state;
	check("fcntl", (uint64_t[6]){ 3, F_GETFL }, 0x8002, "3<fd 3>, F_GETFL");
	check("fcntl", (uint64_t[6]){ 3, F_SETFL, O_NONBLOCK | O_APPEND }, 0,
	      "3<fd 3>, F_SETFL, O_RDONLY|O_APPEND|O_NONBLOCK");
	check("fcntl", (uint64_t[6]){ 3, F_SETFD, FD_CLOEXEC | 2 }, 0,
	      "3<fd 3>, F_SETFD, FD_CLOEXEC|0x2");
	check("fcntl", (uint64_t[6]){ 3, F_DUPFD_CLOEXEC, 10 }, 10,
	      "3<fd 3>, F_DUPFD_CLOEXEC, 10");
	check("fcntl", (uint64_t[6]){ 3, F_SETLK, A(&fl) }, 0,
	      "3<fd 3>, F_SETLK, {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=10}");
	/* F_GETLK: the kernel's answer, at exit, with l_pid */
	check("fcntl", (uint64_t[6]){ 3, F_GETLK, A(&fl) }, 0,
	      "3<fd 3>, F_GETLK, {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=10, l_pid=42}");
	check("fcntl", (uint64_t[6]){ 3, F_GETLK, 1 }, -14, "3<fd 3>, F_GETLK, 0x1");
	check("fcntl", (uint64_t[6]){ 3, F_SETSIG, 10 }, 0, "3<fd 3>, F_SETSIG, SIGUSR1");
	check("fcntl", (uint64_t[6]){ 3, 9999, 5 }, -22,
	      "3<fd 3>, 0x270f /* F_??? */, 0x5");
	check("fcntl", (uint64_t[6]){ (uint64_t)-1, F_GETFD }, -9, "-1, F_GETFD");
	/* the result: flags in hex with their names, an fd */
	run(&c, "fcntl", (uint64_t[6]){ 3, F_GETFL }, 0x8002);
	assert_int_equal(decode_ret_kind(&c), RET_HEX);
	assert_string_equal(c.ret_note, "flags O_RDWR|O_LARGEFILE");
	run(&c, "fcntl", (uint64_t[6]){ 3, F_GETFL }, -9);
	assert_null(c.ret_note);
	run(&c, "fcntl", (uint64_t[6]){ 3, F_GETFD }, 1);
	assert_string_equal(c.ret_note, "flags FD_CLOEXEC");
	run(&c, "fcntl", (uint64_t[6]){ 3, F_GETFD }, 0);
	assert_null(c.ret_note);
	run(&c, "fcntl", (uint64_t[6]){ 3, F_GET_SEALS }, 6);
	assert_string_equal(c.ret_note, "seals F_SEAL_SHRINK|F_SEAL_GROW");
	run(&c, "fcntl", (uint64_t[6]){ 3, F_GETLEASE }, 2);
	assert_string_equal(c.ret_note, "F_UNLCK");
	run(&c, "fcntl", (uint64_t[6]){ 3, F_GETSIG }, 10);
	assert_string_equal(c.ret_note, "SIGUSR1");
	assert_int_equal(decode_ret_kind(&c), RET_INT);
	run(&c, "fcntl", (uint64_t[6]){ 3, F_DUPFD_CLOEXEC, 10 }, 11);
	assert_int_equal(decode_ret_kind(&c), RET_FD);
	check_json("fcntl", (uint64_t[6]){ 3, F_SETFL, O_NONBLOCK }, 0,
		   "{\"fd\":{\"fd\":3,\"description\":\"test fd\"},\"cmd\":\"F_SETFL\","
		   "\"arg\":[\"O_RDONLY\",\"O_NONBLOCK\"]}\n");
}

static void fcntl_is_fd(void **state)
{
	struct decode_call c = decode_util_call("fcntl", (uint64_t[6]){ 3, F_GETFL }, 0);

	(void)state;
	assert_true(decode_arg_is_fd(&c, 0));
	assert_false(decode_arg_is_fd(&c, 1));
}

static void ioctl_requests(void **state)
{
	uint32_t tio[9] = { 0400 | 02000, 01 | 04, 017 | 060 | 0200, 01 | 02 | 010 | 020 | 040 | 0100000 | 01000 | 04000 };
	uint32_t zero[9] = { 0 };
	uint16_t ws[4] = { 24, 80, 0, 0 };
	int n = 5;

	(void)state;
	check("ioctl", (uint64_t[6]){ 0, 0x5401, A(tio) }, 0,
	      "0<fd 0>, TCGETS, {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, "
	      "c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN|ECHOCTL|ECHOKE, ...}");
	check_addr("ioctl", (uint64_t[6]){ 0, 0x5401, A(tio) }, -25,
		   "0<fd 0>, TCGETS, 0x%llx", tio);
	check("ioctl", (uint64_t[6]){ 0, 0x5402, A(zero) }, 0,
	      "0<fd 0>, TCSETS, {c_iflag=0, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0, c_cflag=B0|CS5, c_lflag=0, ...}");
	check("ioctl", (uint64_t[6]){ 1, 0x5413, A(ws) }, 0,
	      "1<fd 1>, TIOCGWINSZ, {ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0}");
	check("ioctl", (uint64_t[6]){ 1, 0x5413, 1 }, -14, "1<fd 1>, TIOCGWINSZ, 0x1");
	check("ioctl", (uint64_t[6]){ 1, 0x541b, A(&n) }, 0, "1<fd 1>, FIONREAD, [5]");
	check("ioctl", (uint64_t[6]){ 1, 0x5421, A(&n) }, 0, "1<fd 1>, FIONBIO, [5]");
	check("ioctl", (uint64_t[6]){ 1, 0x5451 }, 0, "1<fd 1>, FIOCLEX");
	check("ioctl", (uint64_t[6]){ 1, 0x540e, 0 }, -1, "1<fd 1>, TIOCSCTTY, 0");
	/* unknown requests decoded as _IOC() */
	check("ioctl", (uint64_t[6]){ 3, 0x80047803, 0x7ffd0000 }, -25,
	      "3<fd 3>, _IOC(_IOC_READ, 0x78, 0x3, 0x4), 0x7ffd0000");
	check("ioctl", (uint64_t[6]){ 3, 0x12345678, 0x1000 }, -25,
	      "3<fd 3>, _IOC(_IOC_NONE, 0x56, 0x78, 0x1234), 0x1000");
	check_json("ioctl", (uint64_t[6]){ 3, 0x54ff, 0 }, -25,
		   "{\"fd\":{\"fd\":3,\"description\":\"test fd\"},\"request\":21759,\"arg\":0}\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(open_flags),
		cmocka_unit_test(openat2_how),
		cmocka_unit_test(stat_family),
		cmocka_unit_test(statx_call),
		cmocka_unit_test(mknod_modes),
		cmocka_unit_test(paths_and_flags),
		cmocka_unit_test(readlink_and_getcwd),
		cmocka_unit_test(getdents),
		cmocka_unit_test(utimensat_times),
		cmocka_unit_test(statfs_struct),
		cmocka_unit_test(fcntl_cmds),
		cmocka_unit_test(fcntl_is_fd),
		cmocka_unit_test(ioctl_requests),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
