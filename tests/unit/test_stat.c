#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proc/stat.h"
#include "unit_util.h"

/* /proc/1/stat of the machine these tests were written on. */
static const char real_line[] =
	"1 (process_api) S 0 0 0 0 -1 4194560 40525 5302349 0 1493 57 359 "
	"4133 6641 20 0 13 0 24 41496576 2928 18446744073709551615 1 1 0 0 0 "
	"0 0 4096 1256 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n";

/* The fields after comm of a real line, to build lines with odd comms. */
static const char tail[] =
	" S 1 12 12 0 -1 4194304 103 0 0 0 7 3 0 0 20 0 1 0 145275 3133440 "
	"416 18446744073709551615 94727315644416 94727315664297 0 0 0 0 0 0 0 "
	"0 0 0 17 1 0 0 0 0 0\n";

static int parse(const char *text, size_t len, struct proc_stat *st)
{
	char *buf = dup_exact(text, len);
	int r = proc_stat_parse(buf, len, st);

	free(buf);
	return r;
}

static int parse_str(const char *text, struct proc_stat *st)
{
	return parse(text, strlen(text), st);
}

static void test_real_line(void **state)
{
	struct proc_stat st;

	(void)state;
	assert_int_equal(parse_str(real_line, &st), 0);
	assert_int_equal(st.pid, 1);
	assert_string_equal(st.comm, "process_api");
	assert_int_equal(st.state, 'S');
	assert_int_equal(st.ppid, 0);
	assert_int_equal(st.pgrp, 0);
	assert_int_equal(st.session, 0);
	assert_int_equal(st.tty_nr, 0);
	assert_int_equal(st.tpgid, -1);
	assert_int_equal(st.flags, 4194560);
	assert_int_equal(st.utime, 57);
	assert_int_equal(st.stime, 359);
	assert_int_equal(st.priority, 20);
	assert_int_equal(st.nice, 0);
	assert_int_equal(st.num_threads, 13);
	assert_int_equal(st.starttime, 24);
	assert_int_equal(st.vsize, 41496576);
	assert_int_equal(st.rss, 2928);
}

static void test_kernel_thread_line(void **state)
{
	static const char kthreadd[] =
		"2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 "
		"24 0 0 18446744073709551615 0 0 0 0 0 0 0 2147483647 0 1 0 0 "
		"0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n";
	struct proc_stat st;

	(void)state;
	assert_int_equal(parse_str(kthreadd, &st), 0);
	assert_int_equal(st.pid, 2);
	assert_string_equal(st.comm, "kthreadd");
	assert_true(st.flags & PF_KTHREAD_FLAG);
	assert_int_equal(st.vsize, 0);
	assert_int_equal(st.rss, 0);
}

/* The live file of this test process parses and names us. */
static void test_self(void **state)
{
	char buf[4096];
	struct proc_stat st;
	FILE *f = fopen("/proc/self/stat", "r");
	size_t n;

	(void)state;
	if (!f)
		skip();
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	assert_int_equal(parse(buf, n, &st), 0);
	assert_int_equal(st.pid, getpid());
	assert_int_equal(st.ppid, getppid());
	assert_int_equal(st.state, 'R');
	assert_string_equal(st.comm, "test_stat");
}

static void test_comm_with_parens_spaces_newline(void **state)
{
	char line[512];
	struct proc_stat st;

	(void)state;
	snprintf(line, sizeof(line), "12 (a) b\n(c))%s", tail);
	assert_int_equal(parse_str(line, &st), 0);
	assert_int_equal(st.pid, 12);
	assert_string_equal(st.comm, "a) b\n(c)");
	assert_int_equal(st.state, 'S');
	assert_int_equal(st.ppid, 1);
	assert_int_equal(st.pgrp, 12);
	assert_int_equal(st.utime, 7);
	assert_int_equal(st.stime, 3);
	assert_int_equal(st.starttime, 145275);
	assert_int_equal(st.rss, 416);

	/* A comm that looks like the start of the fields. */
	snprintf(line, sizeof(line), "13 (x) R 99 99 (y)%s", tail);
	assert_int_equal(parse_str(line, &st), 0);
	assert_string_equal(st.comm, "x) R 99 99 (y");
	assert_int_equal(st.ppid, 1);

	/* Empty comm, and comm of only ')'. */
	snprintf(line, sizeof(line), "14 ()%s", tail);
	assert_int_equal(parse_str(line, &st), 0);
	assert_string_equal(st.comm, "");
	snprintf(line, sizeof(line), "15 ())))%s", tail);
	assert_int_equal(parse_str(line, &st), 0);
	assert_string_equal(st.comm, ")))");
	assert_int_equal(st.state, 'S');
}

static void test_comm_with_escape_bytes(void **state)
{
	char line[512];
	struct proc_stat st;

	(void)state;
	snprintf(line, sizeof(line), "16 (\033[31mred\xff)%s", tail);
	assert_int_equal(parse_str(line, &st), 0);
	assert_string_equal(st.comm, "\033[31mred\xff");
}

static void test_long_comm_is_cut(void **state)
{
	char line[1024], comm[200];
	struct proc_stat st;

	(void)state;
	memset(comm, 'c', sizeof(comm) - 1);
	comm[sizeof(comm) - 1] = '\0';
	snprintf(line, sizeof(line), "17 (%s)%s", comm, tail);
	assert_int_equal(parse_str(line, &st), 0);
	assert_int_equal(strlen(st.comm), PROC_COMM_MAX - 1);
	assert_int_equal(st.comm[0], 'c');
	assert_int_equal(st.ppid, 1);
}

static void test_bad_pid(void **state)
{
	char line[512];
	struct proc_stat st;

	(void)state;
	snprintf(line, sizeof(line), "-5 (neg)%s", tail);
	assert_int_equal(parse_str(line, &st), -EINVAL);
	snprintf(line, sizeof(line), "0 (zero)%s", tail);
	assert_int_equal(parse_str(line, &st), -EINVAL);
	snprintf(line, sizeof(line), "(nopid)%s", tail);
	assert_int_equal(parse_str(line, &st), -EINVAL);
	snprintf(line, sizeof(line), "2147483648 (big)%s", tail);
	assert_int_equal(parse_str(line, &st), -EINVAL);
	snprintf(line, sizeof(line), "99999999999999999999999 (huge)%s", tail);
	assert_int_equal(parse_str(line, &st), -EINVAL);
	/* The pid must be the whole first field. */
	snprintf(line, sizeof(line), "12x (junk)%s", tail);
	assert_int_equal(parse_str(line, &st), -EINVAL);
	snprintf(line, sizeof(line), "12(nospace)%s", tail);
	assert_int_equal(parse_str(line, &st), -EINVAL);
	snprintf(line, sizeof(line), "1 2 (two)%s", tail);
	assert_int_equal(parse_str(line, &st), -EINVAL);

	snprintf(line, sizeof(line), "2147483647 (max)%s", tail);
	assert_int_equal(parse_str(line, &st), 0);
	assert_int_equal(st.pid, 2147483647);
}

static void test_missing_parens(void **state)
{
	struct proc_stat st;

	(void)state;
	assert_int_equal(parse_str("12 cat S 1 2 3", &st), -EINVAL);
	assert_int_equal(parse_str("12 (cat S 1 2 3", &st), -EINVAL);
	assert_int_equal(parse_str("12 cat) S 1 2 3", &st), -EINVAL);
	assert_int_equal(parse_str("12 )cat( S 1 2 3", &st), -EINVAL);
	assert_int_equal(parse_str("", &st), -EINVAL);
	assert_int_equal(parse_str("\n", &st), -EINVAL);
}

static void test_malformed_fields(void **state)
{
	struct proc_stat st;

	(void)state;
	/* No space after ')' */
	assert_int_equal(parse_str("1 (a)S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 "
				   "1 0 5 6 7\n",
				   &st),
			 -EINVAL);
	/* Two spaces between fields */
	assert_int_equal(parse_str("1 (a) S  1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 "
				   "0 1 0 5 6 7\n",
				   &st),
			 -EINVAL);
	/* A letter where a number belongs */
	assert_int_equal(parse_str("1 (a) S 1 1 1 0 -1 0 0 0 0 0 x 0 0 0 20 0 "
				   "1 0 5 6 7\n",
				   &st),
			 -EINVAL);
	/* A lone minus sign */
	assert_int_equal(parse_str("1 (a) S 1 1 1 0 - 0 0 0 0 0 0 0 0 0 20 0 "
				   "1 0 5 6 7\n",
				   &st),
			 -EINVAL);
	/* Exactly the needed fields (up to rss) is enough. */
	assert_int_equal(parse_str("1 (a) S 1 1 1 0 -1 0 0 0 0 0 8 9 0 0 20 0 "
				   "1 0 5 6 7",
				   &st),
			 0);
	assert_int_equal(st.utime, 8);
	assert_int_equal(st.stime, 9);
	assert_int_equal(st.starttime, 5);
	assert_int_equal(st.vsize, 6);
	assert_int_equal(st.rss, 7);
	/* One field short */
	assert_int_equal(parse_str("1 (a) S 1 1 1 0 -1 0 0 0 0 0 8 9 0 0 20 0 "
				   "1 0 5 6",
				   &st),
			 -EINVAL);
}

static void test_huge_numbers(void **state)
{
	struct proc_stat st;

	(void)state;
	/* utime, stime, starttime and vsize are unsigned 64-bit. */
	assert_int_equal(parse_str("1 (a) S 1 1 1 0 -1 0 0 0 0 0 "
				   "18446744073709551615 9223372036854775808 "
				   "0 0 20 0 1 0 18446744073709551614 "
				   "18446744073709551615 7\n",
				   &st),
			 0);
	assert_true(st.utime == UINT64_MAX);
	assert_true(st.stime == (uint64_t)INT64_MAX + 1);
	assert_true(st.starttime == UINT64_MAX - 1);
	assert_true(st.vsize == UINT64_MAX);
	assert_int_equal(st.rss, 7);
	/* Negative nice and priority (real-time tasks) */
	assert_int_equal(parse_str("1 (a) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 -51 "
				   "-20 1 0 5 6 7\n",
				   &st),
			 0);
	assert_int_equal(st.priority, -51);
	assert_int_equal(st.nice, -20);
	/* One past UINT64_MAX overflows: an error, not a wrapped value. */
	assert_int_equal(
		parse_str("1 (a) S 1 1 1 0 -1 0 0 0 0 0 "
			  "18446744073709551616 0 0 0 20 0 1 0 5 6 7\n",
			  &st),
		-EINVAL);
	assert_int_equal(parse_str("1 (a) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 "
				   "1 0 5 6 -99999999999999999999\n",
				   &st),
			 -EINVAL);
}

/* Every prefix parses or fails cleanly, never reading past its end. */
static void check_prefixes(const char *text)
{
	size_t len = strlen(text), ok = 0;
	struct proc_stat st;

	for (size_t n = 0; n <= len; n++) {
		int r = parse(text, n, &st);

		assert_true(r == 0 || r == -EINVAL);
		if (r == 0) {
			ok++;
			assert_true(st.pid > 0);
		}
	}
	/* The whole text parses. */
	assert_int_equal(parse(text, len, &st), 0);
	assert_true(ok >= 1);
}

static void test_truncated(void **state)
{
	char line[512];
	struct proc_stat st;

	(void)state;
	check_prefixes(real_line);
	snprintf(line, sizeof(line), "12 (a) b\n(c))%s", tail);
	check_prefixes(line);

	/* A cut before rss is always an error. */
	const char *rss = strstr(real_line, " 2928 ");

	assert_non_null(rss);
	for (size_t n = 0; n <= (size_t)(rss - real_line); n++)
		assert_int_equal(parse(real_line, n, &st), -EINVAL);
}

static void test_boot_time(void **state)
{
	static const char stat[] = "cpu  3345 0 8360 278132 289 0 86 6 0 0\n"
				   "cpu0 1338 0 4109 139658 9 0 39 1 0 0\n"
				   "intr 1234 0 0\n"
				   "ctxt 98765\n"
				   "btime 1795597777\n"
				   "processes 18000\n";
	uint64_t bt = 0;
	char *buf;

	(void)state;
	buf = dup_exact(stat, strlen(stat));
	assert_int_equal(proc_stat_boot_time(buf, strlen(stat), &bt), 0);
	assert_true(bt == 1795597777);
	free(buf);

	/* Last line without a newline */
	buf = dup_exact("cpu 1\nbtime 42", 14);
	assert_int_equal(proc_stat_boot_time(buf, 14, &bt), 0);
	assert_true(bt == 42);
	free(buf);

	assert_int_equal(proc_stat_boot_time("cpu 1\n", 6, &bt), -ENOENT);
	assert_int_equal(proc_stat_boot_time("", 0, &bt), -ENOENT);
	assert_int_equal(proc_stat_boot_time("btime x\n", 8, &bt), -EINVAL);
	/* "btimex" and a key in mid-line are not the btime line */
	assert_int_equal(proc_stat_boot_time("btimex 5\nx btime 6\n", 19, &bt),
			 -ENOENT);

	/* Every prefix: found with a number, or an error. */
	for (size_t n = 0; n <= strlen(stat); n++) {
		int r;

		buf = dup_exact(stat, n);
		bt = 0;
		r = proc_stat_boot_time(buf, n, &bt);
		free(buf);
		assert_true(r == 0 || r == -ENOENT || r == -EINVAL);
		if (r == 0)
			assert_true(bt > 0 && bt <= 1795597777);
	}
}

static void test_live_boot_time(void **state)
{
	char buf[65536];
	uint64_t bt = 0;
	FILE *f = fopen("/proc/stat", "r");
	size_t n;

	(void)state;
	if (!f)
		skip();
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	assert_int_equal(proc_stat_boot_time(buf, n, &bt), 0);
	/* After 2001 and before 2200 */
	assert_true(bt > 1000000000u && bt < 7258118400u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_line),
		cmocka_unit_test(test_kernel_thread_line),
		cmocka_unit_test(test_self),
		cmocka_unit_test(test_comm_with_parens_spaces_newline),
		cmocka_unit_test(test_comm_with_escape_bytes),
		cmocka_unit_test(test_long_comm_is_cut),
		cmocka_unit_test(test_bad_pid),
		cmocka_unit_test(test_missing_parens),
		cmocka_unit_test(test_malformed_fields),
		cmocka_unit_test(test_huge_numbers),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_boot_time),
		cmocka_unit_test(test_live_boot_time),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
