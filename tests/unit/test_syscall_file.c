#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proc/syscall.h"
#include "unit_util.h"

static int parse(const char *text, size_t len, struct proc_syscall *sc)
{
	char *buf = dup_exact(text, len);
	int r = proc_syscall_parse(buf, len, sc);

	free(buf);
	return r;
}

static int parse_str(const char *text, struct proc_syscall *sc)
{
	return parse(text, strlen(text), sc);
}

static void test_running(void **state)
{
	struct proc_syscall sc;

	(void)state;
	assert_int_equal(parse_str("running\n", &sc), 0);
	assert_int_equal(sc.state, PROC_SYSCALL_RUNNING);
	assert_int_equal(parse_str("running", &sc), 0);
	assert_int_equal(sc.state, PROC_SYSCALL_RUNNING);
	assert_int_equal(parse_str("runnin", &sc), -EINVAL);
	assert_int_equal(parse_str("running!", &sc), -EINVAL);
	assert_int_equal(parse_str("runningrunning", &sc), -EINVAL);
}

static void test_not_in_syscall(void **state)
{
	struct proc_syscall sc;

	(void)state;
	assert_int_equal(parse_str("-1 0x7ffd 0x7f12\n", &sc), 0);
	assert_int_equal(sc.state, PROC_SYSCALL_NONE);
	assert_int_equal(sc.nr, -1);
	assert_int_equal(sc.sp, 0x7ffd);
	assert_int_equal(sc.pc, 0x7f12);
	for (int i = 0; i < 6; i++)
		assert_int_equal(sc.args[i], 0);
	/* Only sp and pc follow -1 */
	assert_int_equal(parse_str("-1 0x7ffd\n", &sc), -EINVAL);
	assert_int_equal(parse_str("-1 0x7ffd 0x7f12 0x3\n", &sc), -EINVAL);
}

static void test_in_syscall(void **state)
{
	struct proc_syscall sc;

	(void)state;
	assert_int_equal(parse_str("232 0x4 0x7ffc 0x20 0xffffffff 0x0 0x0 "
				   "0x7ffc 0x7f00\n",
				   &sc),
			 0);
	assert_int_equal(sc.state, PROC_SYSCALL_IN);
	assert_int_equal(sc.nr, 232);
	assert_int_equal(sc.args[0], 4);
	assert_int_equal(sc.args[1], 0x7ffc);
	assert_int_equal(sc.args[2], 0x20);
	assert_int_equal(sc.args[3], 0xffffffff);
	assert_int_equal(sc.args[4], 0);
	assert_int_equal(sc.args[5], 0);
	assert_int_equal(sc.sp, 0x7ffc);
	assert_int_equal(sc.pc, 0x7f00);
}

/* A line read from this machine, with full 64-bit values. */
static void test_real_line(void **state)
{
	struct proc_syscall sc;

	(void)state;
	assert_int_equal(
		parse_str("0 0x3 0x7f2f2266e000 0x20000 0x7f2f226ffb60 "
			  "0xffffffffffffffff 0x0 0x7ffd01ee5738 "
			  "0x7f2f227e82ad\n",
			  &sc),
		0);
	assert_int_equal(sc.state, PROC_SYSCALL_IN);
	assert_int_equal(sc.nr, 0);
	assert_int_equal(sc.args[0], 3);
	assert_true(sc.args[1] == 0x7f2f2266e000ull);
	assert_true(sc.args[4] == UINT64_MAX);
	assert_true(sc.sp == 0x7ffd01ee5738ull);
	assert_true(sc.pc == 0x7f2f227e82adull);
}

static void test_garbage(void **state)
{
	struct proc_syscall sc;

	(void)state;
	assert_int_equal(parse_str("", &sc), -EINVAL);
	assert_int_equal(parse_str("\n", &sc), -EINVAL);
	assert_int_equal(parse_str("   \n", &sc), -EINVAL);
	assert_int_equal(parse_str("hello\n", &sc), -EINVAL);
	assert_int_equal(
		parse_str("0x10 0x1 0x2 0x3 0x4 0x5 0x6 0x7 0x8\n", &sc),
		-EINVAL);
	assert_int_equal(parse_str("- 0x1 0x2\n", &sc), -EINVAL);
	/* Not hex */
	assert_int_equal(parse_str("1 0x1 0x2 0x3 0xg 0x5 0x6 0x7 0x8\n", &sc),
			 -EINVAL);
	assert_int_equal(parse_str("1 zz 0x2 0x3 0x4 0x5 0x6 0x7 0x8\n", &sc),
			 -EINVAL);
	/* Fields run together */
	assert_int_equal(parse_str("1a 0x2 0x3 0x4 0x5 0x6 0x7 0x8\n", &sc),
			 -EINVAL);
	assert_int_equal(parse_str("-1f 0x7 0x8\n", &sc), -EINVAL);
	/* Tabs separate as well as spaces */
	assert_int_equal(parse_str("-1\t0x7\t0x8\n", &sc), 0);
	assert_int_equal(sc.pc, 8);
	/* A trailing field too many */
	assert_int_equal(
		parse_str("1 0x1 0x2 0x3 0x4 0x5 0x6 0x7 0x8 0x9\n", &sc),
		-EINVAL);
	/* Trailing junk */
	assert_int_equal(
		parse_str("1 0x1 0x2 0x3 0x4 0x5 0x6 0x7 0x8 junk\n", &sc),
		-EINVAL);
	/* 65-bit value */
	assert_int_equal(parse_str("1 0x10000000000000000 0x2 0x3 0x4 0x5 0x6 "
				   "0x7 0x8\n",
				   &sc),
			 -EINVAL);
	/* Syscall number out of range */
	assert_int_equal(parse_str("99999999999999999999 0x1 0x2 0x3 0x4 0x5 "
				   "0x6 0x7 0x8\n",
				   &sc),
			 -EINVAL);
	/* Bare "0x" has no digits */
	assert_int_equal(parse_str("1 0x 0x2 0x3 0x4 0x5 0x6 0x7 0x8\n", &sc),
			 -EINVAL);
}

/* Cut before the last field starts: an error. Cut after a digit of the
 * last field: parsed. In between ("0", "0x") either is fine. */
static void check_prefixes(const char *text, size_t last_field, size_t ok_from)
{
	size_t len = strlen(text);
	struct proc_syscall sc;

	for (size_t n = 0; n <= len; n++) {
		int r = parse(text, n, &sc);

		assert_true(r == 0 || r == -EINVAL);
		if (n <= last_field)
			assert_int_equal(r, -EINVAL);
		else if (n >= ok_from)
			assert_int_equal(r, 0);
	}
}

static void test_truncated(void **state)
{
	static const char in[] =
		"232 0x4 0x7ffc 0x20 0xffffffff 0x0 0x0 0x7ffc 0x7f00\n";
	static const char none[] = "-1 0x7ffd 0x7f12\n";

	(void)state;
	/* ok_from: the prefix ends in "0x7", a digit of pc */
	check_prefixes(in, (size_t)(strrchr(in, ' ') - in) + 1, strlen(in) - 4);
	check_prefixes(none, (size_t)(strrchr(none, ' ') - none) + 1,
		       strlen(none) - 4);
	check_prefixes("running\n", 6, 7);
}

static void test_self(void **state)
{
	char buf[512];
	struct proc_syscall sc;
	FILE *f = fopen("/proc/self/syscall", "r");
	size_t n;

	(void)state;
	if (!f)
		skip();
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	if (n == 0)
		skip(); /* needs CONFIG_HAVE_ARCH_TRACEHOOK and ptrace access */
	assert_int_equal(parse(buf, n, &sc), 0);
	/* Reading our own file: we are in read(2), number 0 on x86_64. */
#if defined(__x86_64__)
	assert_int_equal(sc.state, PROC_SYSCALL_IN);
	assert_int_equal(sc.nr, 0);
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_running),
		cmocka_unit_test(test_not_in_syscall),
		cmocka_unit_test(test_in_syscall),
		cmocka_unit_test(test_real_line),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_self),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
