/* Capture plans (decode/capture.c): what a call's decoders will read, as
 * the eBPF backend must capture it while the call runs: the plain kinds
 * (paths, strings, buffers in and out), the shapes of decoder functions,
 * -s, the fds the backend says, and calls with nothing to capture. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <string.h>

#include "decode/capture.h"

static struct capture_plan last;

/* The regions of a call's plan, in r (last: the whole plan). */
static int plan(const char *name, size_t strsize,
		struct capture_region r[CAPTURE_REGIONS])
{
	const struct syscall_spec *s = decode_spec(name);

	assert_non_null(s);
	decode_capture_plan(s, strsize, &last);
	memcpy(r, last.r, sizeof(last.r));
	return last.n;
}

static void plain_kinds(void **state)
{
	struct capture_region r[CAPTURE_REGIONS];

	(void)state;
	/* a path: the longest, its NUL and one byte to tell it goes on */
	assert_int_equal(plan("openat", 32, r), 1);
	assert_int_equal(r[0].arg, 1);
	assert_int_equal(r[0].kind, CAPTURE_STR);
	assert_int_equal(r[0].when, CAPTURE_ENTRY);
	assert_int_equal(r[0].max, PATH_MAX + 2);
	/* what the caller wrote: at entry, for the length argument, at -s */
	assert_int_equal(plan("write", 32, r), 1);
	assert_int_equal(r[0].arg, 1);
	assert_int_equal(r[0].kind, CAPTURE_BYTES);
	assert_int_equal(r[0].when, CAPTURE_ENTRY);
	assert_int_equal(r[0].len, CAPTURE_LEN_ARG);
	assert_int_equal(r[0].len_arg, 2);
	assert_int_equal(r[0].max, 32);
	/* what the kernel wrote: at exit, for the return value */
	assert_int_equal(plan("read", 100, r), 1);
	assert_int_equal(r[0].when, CAPTURE_EXIT);
	assert_int_equal(r[0].len, CAPTURE_LEN_RET);
	assert_int_equal(r[0].max, 100);
	/* two paths */
	assert_int_equal(plan("renameat2", 32, r), 2);
	assert_int_equal(r[0].arg, 1);
	assert_int_equal(r[1].arg, 3);
}

static void decoder_shapes(void **state)
{
	struct capture_region r[CAPTURE_REGIONS];
	bool exit_ret = false;
	int n;

	(void)state;
	/* epoll_wait's events are written by the kernel, ret of them */
	n = plan("epoll_wait", 32, r);
	for (int i = 0; i < n; i++)
		if (r[i].arg == 1 && r[i].when & CAPTURE_EXIT &&
		    r[i].len == CAPTURE_LEN_RET && r[i].size == 12)
			exit_ret = true;
	assert_true(exit_ret);
	/* nanosleep's request at entry */
	n = plan("nanosleep", 32, r);
	assert_true(n >= 1);
	assert_int_equal(r[0].arg, 0);
	assert_true(r[0].when & CAPTURE_ENTRY);
	assert_int_equal(r[0].size, 16);
	/* every region of every plan names a real argument */
	for (const char *const *name =
		     (const char *const[]){ "connect", "accept4", "recvfrom",
					    "sendmsg", "recvmsg", "poll",
					    "select", "execve", "readv",
					    "futex", NULL };
	     *name; name++) {
		n = plan(*name, 32, r);
		assert_true(n >= 1);
		for (int i = 0; i < n; i++) {
			assert_true(r[i].arg <= 5);
			assert_true(r[i].len_arg <= 5);
			assert_true(r[i].kind != CAPTURE_NONE);
			assert_true(r[i].when & CAPTURE_BOTH);
			assert_true(r[i].max != CAPTURE_STRSIZE);
		}
	}
}

static void nothing_to_capture(void **state)
{
	struct capture_region r[CAPTURE_REGIONS];

	(void)state;
	assert_int_equal(plan("getpid", 32, r), 0);
	assert_int_equal(last.fd_args, 0);
	assert_false(last.ret_fd);
	assert_false(decode_capture_plan(NULL, 32, &last));
}

/* Which arguments and results are fds, for the backend to say what they
 * were at the call. */
static void fds(void **state)
{
	struct capture_region r[CAPTURE_REGIONS];

	(void)state;
	assert_int_equal(plan("close", 32, r), 0);
	assert_int_equal(last.fd_args, 1u << 0);
	assert_false(last.ret_fd);
	plan("openat", 32, r);
	assert_int_equal(last.fd_args, 1u << 0); /* the dirfd */
	assert_int_equal(last.ret_fd, CAPTURE_RET_FD);
	/* fcntl's result is an fd only for F_DUPFD and F_DUPFD_CLOEXEC */
	plan("fcntl", 32, r);
	assert_int_equal(last.ret_fd, CAPTURE_RET_FD_DUPFD);
	plan("sendfile", 32, r);
	assert_int_equal(last.fd_args, 1u << 0 | 1u << 1);
	plan("dup2", 32, r);
	assert_true(last.ret_fd);
	assert_int_equal(last.fd_args_exit, 0);
	/* calls that change what their fd holds say it as they left it */
	plan("connect", 32, r);
	assert_int_equal(last.fd_args, 1u << 0);
	assert_int_equal(last.fd_args_exit, 1u << 0);
	plan("listen", 32, r);
	assert_int_equal(last.fd_args_exit, 1u << 0);
	plan("timerfd_settime", 32, r);
	assert_int_equal(last.fd_args_exit, 1u << 0);
	plan("sendto", 32, r);
	assert_int_equal(last.fd_args_exit, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_kinds),
		cmocka_unit_test(decoder_shapes),
		cmocka_unit_test(nothing_to_capture),
		cmocka_unit_test(fds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
