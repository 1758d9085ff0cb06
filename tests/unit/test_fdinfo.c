#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proc/fdinfo.h"
#include "proc/link.h"
#include "unit_util.h"

/* fdinfo texts read on a 6.18 kernel. */
static const char regular[] = "pos:\t4096\n"
			      "flags:\t0100002\n"
			      "mnt_id:\t24\n"
			      "ino:\t3\n";

static const char eventfd[] = "pos:\t0\n"
			      "flags:\t02004002\n"
			      "mnt_id:\t17\n"
			      "ino:\t1038\n"
			      "eventfd-count:                3\n"
			      "eventfd-id: 1\n"
			      "eventfd-semaphore: 0\n";

static const char epoll[] =
	"pos:\t0\n"
	"flags:\t02000002\n"
	"mnt_id:\t17\n"
	"ino:\t1038\n"
	"tfd:        3 events:       1d data:                3  pos:0 "
	"ino:3a772 sdev:f\n"
	"tfd:        5 events:       19 data:                5  pos:0 "
	"ino:40e sdev:10\n";

static const char timerfd[] = "pos:\t0\n"
			      "flags:\t04002\n"
			      "mnt_id:\t17\n"
			      "ino:\t1038\n"
			      "clockid: 1\n"
			      "ticks: 0\n"
			      "settime flags: 00\n"
			      "it_value: (99, 999659898)\n"
			      "it_interval: (1, 0)\n";

static const char inotify[] =
	"pos:\t0\n"
	"flags:\t00\n"
	"mnt_id:\t17\n"
	"ino:\t1038\n"
	"inotify wd:1 ino:3c51a sdev:fe00000 mask:100 ignored_mask:0 "
	"fhandle-bytes:8 fhandle-type:1 f_handle:1ac5030000000000\n";

/* Parses a private copy; extra is returned as an offset into text. */
static int parse(const char *text, size_t len, struct proc_fdinfo *fi,
		 size_t *extra_off)
{
	char *buf = dup_exact(text, len);
	int r = proc_fdinfo_parse(buf, len, fi);

	if (r == 0) {
		assert_true(fi->extra >= buf && fi->extra <= buf + len);
		assert_true(fi->extra + fi->extra_len == buf + len);
		*extra_off = (size_t)(fi->extra - buf);
	}
	fi->extra = r == 0 ? text + *extra_off : NULL;
	free(buf);
	return r;
}

static int parse_str(const char *text, struct proc_fdinfo *fi, size_t *off)
{
	return parse(text, strlen(text), fi, off);
}

static void test_regular_file(void **state)
{
	struct proc_fdinfo fi;
	size_t off;

	(void)state;
	assert_int_equal(parse_str(regular, &fi, &off), 0);
	assert_int_equal(fi.pos, 4096);
	/* O_LARGEFILE is 0100000 in the kernel, 0 in 64-bit user space */
	assert_int_equal(fi.flags, 0100002);
	assert_int_equal(fi.mnt_id, 24);
	assert_true(fi.has_ino);
	assert_int_equal(fi.ino, 3);
	assert_int_equal(fi.extra_len, 0);
	assert_int_equal(off, strlen(regular));
}

static void test_eventfd(void **state)
{
	struct proc_fdinfo fi;
	size_t off;

	(void)state;
	assert_int_equal(parse_str(eventfd, &fi, &off), 0);
	assert_int_equal(fi.pos, 0);
	assert_int_equal(fi.flags, 02004002);
	assert_int_equal(fi.flags, O_CLOEXEC | O_NONBLOCK | O_RDWR);
	assert_int_equal(fi.mnt_id, 17);
	assert_int_equal(fi.ino, 1038);
	assert_int_equal(fi.extra_len, strlen(eventfd) - off);
	assert_memory_equal(fi.extra, "eventfd-count:", 14);
	assert_string_equal(fi.extra, strstr(eventfd, "eventfd-count"));
}

static void test_epoll(void **state)
{
	struct proc_fdinfo fi;
	size_t off;

	(void)state;
	assert_int_equal(parse_str(epoll, &fi, &off), 0);
	assert_int_equal(fi.flags, O_CLOEXEC | O_RDWR);
	assert_int_equal(fi.ino, 1038);
	/* "pos:" and "ino:" inside tfd lines are not the common fields */
	assert_int_equal(fi.pos, 0);
	assert_string_equal(fi.extra, strstr(epoll, "tfd:"));
}

static void test_timerfd(void **state)
{
	struct proc_fdinfo fi;
	size_t off;

	(void)state;
	assert_int_equal(parse_str(timerfd, &fi, &off), 0);
	/* "settime flags:" is not the flags line */
	assert_int_equal(fi.flags, O_NONBLOCK | O_RDWR);
	assert_string_equal(fi.extra, strstr(timerfd, "clockid:"));
}

static void test_inotify(void **state)
{
	struct proc_fdinfo fi;
	size_t off;

	(void)state;
	assert_int_equal(parse_str(inotify, &fi, &off), 0);
	assert_int_equal(fi.flags, 0);
	/* "inotify wd:1 ino:3c51a" must not be taken for "ino:" */
	assert_int_equal(fi.ino, 1038);
	assert_string_equal(fi.extra, strstr(inotify, "inotify wd:"));
}

static void test_old_kernel_without_ino(void **state)
{
	struct proc_fdinfo fi;
	size_t off;

	(void)state;
	assert_int_equal(parse_str("pos:\t7\nflags:\t02\nmnt_id:\t9\n"
				   "eventfd-count:                0\n",
				   &fi, &off),
			 0);
	assert_false(fi.has_ino);
	assert_int_equal(fi.ino, 0);
	assert_int_equal(fi.pos, 7);
	assert_int_equal(fi.mnt_id, 9);
	assert_string_equal(fi.extra, "eventfd-count:                0\n");
	/* Oldest form: only pos and flags */
	assert_int_equal(parse_str("pos:\t0\nflags:\t0\n", &fi, &off), 0);
	assert_int_equal(fi.mnt_id, 0);
	assert_int_equal(fi.extra_len, 0);
}

static void test_missing_or_bad(void **state)
{
	struct proc_fdinfo fi;
	size_t off;

	(void)state;
	assert_int_equal(
		parse_str("pos:\t0\nmnt_id:\t17\nino:\t1038\n", &fi, &off),
		-EINVAL);
	assert_int_equal(parse_str("flags:\t02\nmnt_id:\t17\n", &fi, &off),
			 -EINVAL);
	assert_int_equal(parse_str("", &fi, &off), -EINVAL);
	assert_int_equal(parse_str("pos:\tx\nflags:\t02\n", &fi, &off),
			 -EINVAL);
	/* flags are octal: 8 is not a digit */
	assert_int_equal(parse_str("pos:\t0\nflags:\t8\n", &fi, &off), -EINVAL);
	assert_int_equal(parse_str("pos:\t0\nflags:\n", &fi, &off), -EINVAL);
	assert_int_equal(parse_str("pos:\t99999999999999999999999\nflags:\t0\n",
				   &fi, &off),
			 -EINVAL);
}

static void check_prefixes(const char *text)
{
	size_t len = strlen(text), off;
	/* pos and flags are the first two lines */
	size_t need = (size_t)(strstr(text, "flags:\t") - text) + 8;
	struct proc_fdinfo fi;

	for (size_t n = 0; n <= len; n++) {
		int r = parse(text, n, &fi, &off);

		assert_int_equal(r, n < need ? -EINVAL : 0);
		if (r == 0)
			assert_true(off <= n);
	}
}

static void test_truncated(void **state)
{
	(void)state;
	check_prefixes(regular);
	check_prefixes(eventfd);
	check_prefixes(epoll);
	check_prefixes(timerfd);
	check_prefixes(inotify);
}

/* proc_link_inode and proc_link_anon_name */

static void test_link_inode(void **state)
{
	uint64_t ino = 77;

	(void)state;
	assert_true(proc_link_inode("socket:[123]", "socket", &ino));
	assert_int_equal(ino, 123);
	assert_true(proc_link_inode("pipe:[4]", "pipe", &ino));
	assert_int_equal(ino, 4);
	assert_true(proc_link_inode("net:[4026531840]", "net", &ino));
	assert_int_equal(ino, 4026531840u);
	assert_true(proc_link_inode("socket:[18446744073709551615]", "socket",
				    &ino));
	assert_true(ino == UINT64_MAX);

	ino = 77;
	assert_false(proc_link_inode("socket:[]", "socket", &ino));
	assert_false(proc_link_inode("socket:[12a]", "socket", &ino));
	assert_false(proc_link_inode("socket:[a12]", "socket", &ino));
	assert_false(proc_link_inode("socket:[-1]", "socket", &ino));
	assert_false(proc_link_inode("socket:[ 1]", "socket", &ino));
	assert_false(proc_link_inode("socket:[123", "socket", &ino));
	assert_false(proc_link_inode("socket:123]", "socket", &ino));
	assert_false(proc_link_inode("socket:[123]x", "socket", &ino));
	assert_false(proc_link_inode("socket[123]", "socket", &ino));
	assert_false(proc_link_inode("socket:[18446744073709551616]", "socket",
				     &ino));
	/* The type must match exactly */
	assert_false(proc_link_inode("pipe:[4]", "socket", &ino));
	assert_false(proc_link_inode("pipe:[4]", "pip", &ino));
	assert_false(proc_link_inode("pipes:[4]", "pipe", &ino));
	assert_false(proc_link_inode("/tmp/socket:[1]", "socket", &ino));
	assert_false(proc_link_inode("", "socket", &ino));
	assert_false(proc_link_inode("socket", "socket", &ino));
	assert_false(proc_link_inode("socket:", "socket", &ino));
	assert_false(proc_link_inode("socket:[", "socket", &ino));
	assert_int_equal(ino, 77);
}

static void expect_anon(const char *link, const char *name)
{
	int len = -1;
	const char *p = proc_link_anon_name(link, &len);

	if (!name) {
		assert_null(p);
		return;
	}
	assert_non_null(p);
	assert_true(p >= link && p + len <= link + strlen(link));
	assert_int_equal(len, strlen(name));
	assert_memory_equal(p, name, strlen(name));
}

static void test_link_anon_name(void **state)
{
	(void)state;
	expect_anon("anon_inode:[eventpoll]", "eventpoll");
	expect_anon("anon_inode:[eventfd]", "eventfd");
	expect_anon("anon_inode:[timerfd]", "timerfd");
	expect_anon("anon_inode:inotify", "inotify");
	expect_anon("anon_inode:[io_uring]", "io_uring");
	expect_anon("anon_inode:[]", "");
	expect_anon("anon_inode:", "");
	expect_anon("anon_inode:[", "[");
	expect_anon("anon_inode:]", "]");
	expect_anon("socket:[123]", NULL);
	expect_anon("/anon_inode:[eventfd]", NULL);
	expect_anon("anon_inode", NULL);
	expect_anon("", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_regular_file),
		cmocka_unit_test(test_eventfd),
		cmocka_unit_test(test_epoll),
		cmocka_unit_test(test_timerfd),
		cmocka_unit_test(test_inotify),
		cmocka_unit_test(test_old_kernel_without_ino),
		cmocka_unit_test(test_missing_or_bad),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_link_inode),
		cmocka_unit_test(test_link_anon_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
