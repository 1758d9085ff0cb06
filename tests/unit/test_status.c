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

#include "base/strbuf.h"
#include "proc/status.h"
#include "unit_util.h"

/* /proc/2/status of a 6.18 kernel (cut after NoNewPrivs). */
static const char kthreadd[] = "Name:\tkthreadd\n"
			       "Umask:\t0022\n"
			       "State:\tS (sleeping)\n"
			       "Tgid:\t2\n"
			       "Ngid:\t0\n"
			       "Pid:\t2\n"
			       "PPid:\t0\n"
			       "TracerPid:\t0\n"
			       "Uid:\t0\t0\t0\t0\n"
			       "Gid:\t0\t0\t0\t0\n"
			       "FDSize:\t64\n"
			       "Groups:\t \n"
			       "NStgid:\t2\n"
			       "NSpid:\t2\n"
			       "NSpgid:\t0\n"
			       "NSsid:\t0\n"
			       "Kthread:\t1\n"
			       "Threads:\t1\n"
			       "SigQ:\t0/96365\n"
			       "SigIgn:\tffffffffffffffff\n"
			       "NoNewPrivs:\t0\n";

/* A user process that locked memory, inside a pid namespace two levels
 * down (pid 31337 on the host, 812 in the middle, 7 in its own). */
static const char locked[] = "Name:\tgpg-agent\n"
			     "Umask:\t0077\n"
			     "State:\tS (sleeping)\n"
			     "Tgid:\t31337\n"
			     "Ngid:\t0\n"
			     "Pid:\t31337\n"
			     "PPid:\t1\n"
			     "TracerPid:\t0\n"
			     "Uid:\t1000\t1001\t1002\t1003\n"
			     "Gid:\t100\t101\t102\t103\n"
			     "FDSize:\t64\n"
			     "Groups:\t4 24 27 100 \n"
			     "NStgid:\t31337\t812\t7\n"
			     "NSpid:\t31337\t812\t7\n"
			     "NSpgid:\t31336\t811\t6\n"
			     "NSsid:\t31336\t811\t6\n"
			     "Kthread:\t0\n"
			     "VmPeak:\t  241960 kB\n"
			     "VmSize:\t  241960 kB\n"
			     "VmLck:\t      64 kB\n"
			     "VmPin:\t       0 kB\n"
			     "VmHWM:\t    4040 kB\n"
			     "VmRSS:\t    4040 kB\n"
			     "Threads:\t3\n"
			     "voluntary_ctxt_switches:\t23\n"
			     "nonvoluntary_ctxt_switches:\t1\n";

static int parse(const char *text, size_t len, struct proc_status *st)
{
	char *buf = dup_exact(text, len);
	int r = proc_status_parse(buf, len, st);

	free(buf);
	return r;
}

static int parse_str(const char *text, struct proc_status *st)
{
	return parse(text, strlen(text), st);
}

static void test_kernel_thread(void **state)
{
	struct proc_status st;

	(void)state;
	assert_int_equal(parse_str(kthreadd, &st), 0);
	assert_true(st.has_ids);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(st.uid[i], 0);
		assert_int_equal(st.gid[i], 0);
	}
	assert_false(st.has_vmlck);
	assert_int_equal(st.vmlck_kb, 0);
	assert_int_equal(st.nspid_count, 1);
	assert_int_equal(st.nspid[0], 2);
}

static void test_locked_nested_pidns(void **state)
{
	struct proc_status st;

	(void)state;
	assert_int_equal(parse_str(locked, &st), 0);
	assert_int_equal(st.uid[0], 1000);
	assert_int_equal(st.uid[1], 1001);
	assert_int_equal(st.uid[2], 1002);
	assert_int_equal(st.uid[3], 1003);
	assert_int_equal(st.gid[0], 100);
	assert_int_equal(st.gid[3], 103);
	assert_true(st.has_vmlck);
	assert_int_equal(st.vmlck_kb, 64);
	assert_int_equal(st.nspid_count, 3);
	assert_int_equal(st.nspid[0], 31337);
	assert_int_equal(st.nspid[1], 812);
	assert_int_equal(st.nspid[2], 7);
}

static void test_vmlck_zero(void **state)
{
	static const char text[] = "Uid:\t0\t0\t0\t0\n"
				   "Gid:\t0\t0\t0\t0\n"
				   "VmLck:\t       0 kB\n"
				   "NSpid:\t42\n";
	struct proc_status st;

	(void)state;
	assert_int_equal(parse_str(text, &st), 0);
	assert_true(st.has_vmlck);
	assert_int_equal(st.vmlck_kb, 0);
	assert_int_equal(st.nspid_count, 1);
	assert_int_equal(st.nspid[0], 42);
}

/* No key is mistaken for another that starts or ends the same way. */
static void test_similar_keys(void **state)
{
	static const char text[] = "XUid:\t9\t9\t9\t9\n"
				   "Uid:\t5\t6\t7\t8\n"
				   "Gid:\t1\t2\t3\t4\n"
				   "NSpidx:\t99\n"
				   "VmLckx:\t99 kB\n";
	struct proc_status st;

	(void)state;
	assert_int_equal(parse_str(text, &st), 0);
	assert_int_equal(st.uid[0], 5);
	assert_int_equal(st.uid[3], 8);
	assert_false(st.has_vmlck);
	assert_int_equal(st.nspid_count, 0);
}

/* More levels than fit: no overflow. Which levels are kept past the cap
 * is not specified by status.h, so only the first one is checked. */
static void test_deep_nspid_is_capped(void **state)
{
	static const char text[] = "Uid:\t0\t0\t0\t0\n"
				   "Gid:\t0\t0\t0\t0\n"
				   "NSpid:\t1 2 3 4 5 6 7 8 9 10\n";
	struct strbuf deep = STRBUF_INIT;
	struct proc_status st;

	(void)state;
	/* the kernel nests up to 32 pid namespaces: all levels are kept, so
	 * the last entry is the innermost pid */
	assert_int_equal(parse_str(text, &st), 0);
	assert_int_equal(st.nspid_count, 10);
	assert_int_equal(st.nspid[0], 1);
	assert_int_equal(st.nspid[9], 10);

	/* beyond what a kernel can produce, the list is cut, not overrun */
	strbuf_adds(&deep, "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nNSpid:");
	for (int i = 1; i <= 40; i++)
		strbuf_addf(&deep, "\t%d", i);
	strbuf_adds(&deep, "\n");
	assert_int_equal(parse_str(deep.buf, &st), 0);
	assert_int_equal(st.nspid_count, PROC_NSPID_MAX);
	assert_int_equal(st.nspid[0], 1);
	strbuf_release(&deep);
}

static void test_missing_or_bad_ids(void **state)
{
	struct proc_status st;

	(void)state;
	/* No Uid line at all */
	assert_int_equal(parse_str("Name:\tx\nGid:\t0\t0\t0\t0\n", &st),
			 -EINVAL);
	assert_false(st.has_ids);
	/* No Gid line */
	assert_int_equal(parse_str("Uid:\t0\t0\t0\t0\n", &st), -EINVAL);
	/* Too few uids */
	assert_int_equal(parse_str("Uid:\t0\t0\t0\nGid:\t0\t0\t0\t0\n", &st),
			 -EINVAL);
	/* Uid values continue on the next line: still too few */
	assert_int_equal(parse_str("Uid:\t0\t0\n0\t0\nGid:\t0\t0\t0\t0\n", &st),
			 -EINVAL);
	/* Not numbers */
	assert_int_equal(
		parse_str("Uid:\troot\t0\t0\t0\nGid:\t0\t0\t0\t0\n", &st),
		-EINVAL);
	assert_int_equal(
		parse_str("Uid:\t-1\t0\t0\t0\nGid:\t0\t0\t0\t0\n", &st),
		-EINVAL);
	/* Overflow */
	assert_int_equal(parse_str("Uid:\t99999999999999999999\t0\t0\t0\n"
				   "Gid:\t0\t0\t0\t0\n",
				   &st),
			 -EINVAL);
	/* Empty text */
	assert_int_equal(parse_str("", &st), -EINVAL);
	/* "Uid" without its colon */
	assert_int_equal(parse_str("Uid\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n", &st),
			 -EINVAL);
}

/* Uid and Gid come first in both texts: a prefix parses exactly when it
 * holds at least one digit of the last gid. */
static void check_prefixes(const char *text)
{
	size_t len = strlen(text);
	const char *gid = strstr(text, "Gid:");
	const char *nl = strchr(gid, '\n');
	const char *last = memrchr(gid, '\t', (size_t)(nl - gid));
	size_t need = (size_t)(last - text) + 2;
	struct proc_status st;

	for (size_t n = 0; n <= len; n++) {
		int r = parse(text, n, &st);

		assert_int_equal(r, n < need ? -EINVAL : 0);
		if (r == 0) {
			assert_true(st.has_ids);
			assert_in_range(st.nspid_count, 0, PROC_NSPID_MAX);
		}
	}
}

static void test_truncated(void **state)
{
	(void)state;
	check_prefixes(kthreadd);
	check_prefixes(locked);
}

static void test_self(void **state)
{
	char buf[8192];
	struct proc_status st;
	FILE *f = fopen("/proc/self/status", "r");
	size_t n;

	(void)state;
	if (!f)
		skip();
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	assert_int_equal(parse(buf, n, &st), 0);
	assert_int_equal(st.uid[0], getuid());
	assert_int_equal(st.uid[1], geteuid());
	assert_int_equal(st.gid[0], getgid());
	assert_true(st.has_vmlck);
	assert_true(st.nspid_count >= 1);
	/* The innermost pid is the one we see. */
	assert_int_equal(st.nspid[st.nspid_count - 1], getpid());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kernel_thread),
		cmocka_unit_test(test_locked_nested_pidns),
		cmocka_unit_test(test_vmlck_zero),
		cmocka_unit_test(test_similar_keys),
		cmocka_unit_test(test_deep_nspid_is_capped),
		cmocka_unit_test(test_missing_or_bad_ids),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_self),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
