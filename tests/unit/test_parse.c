#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "proc/parse.h"
#include "unit_util.h"

/* Scans text with parse_u64; returns the number of bytes consumed, or -1
 * when it failed (and then checks that *p did not move). */
static long u64(const char *text, int base, uint64_t *v)
{
	size_t len = strlen(text);
	char *buf = dup_exact(text, len);
	const char *p = buf;
	long r;

	*v = 777;
	if (parse_u64(&p, buf + len, base, v)) {
		r = (long)(p - buf);
	} else {
		assert_ptr_equal(p, buf);
		assert_int_equal(*v, 777);
		r = -1;
	}
	free(buf);
	return r;
}

static long i64(const char *text, int64_t *v)
{
	size_t len = strlen(text);
	char *buf = dup_exact(text, len);
	const char *p = buf;
	long r;

	*v = 777;
	if (parse_i64(&p, buf + len, v)) {
		r = (long)(p - buf);
	} else {
		assert_ptr_equal(p, buf);
		assert_int_equal(*v, 777);
		r = -1;
	}
	free(buf);
	return r;
}

static void test_u64_decimal(void **state)
{
	uint64_t v;

	(void)state;
	assert_int_equal(u64("0", 10, &v), 1);
	assert_int_equal(v, 0);
	assert_int_equal(u64("123 456", 10, &v), 3);
	assert_int_equal(v, 123);
	assert_int_equal(u64("007", 10, &v), 3);
	assert_int_equal(v, 7);
	assert_int_equal(u64("18446744073709551615", 10, &v), 20);
	assert_true(v == UINT64_MAX);
	assert_int_equal(u64("18446744073709551616", 10, &v), -1);
	assert_int_equal(u64("99999999999999999999", 10, &v), -1);
	assert_int_equal(u64("", 10, &v), -1);
	assert_int_equal(u64(" 1", 10, &v), -1);
	assert_int_equal(u64("-1", 10, &v), -1);
	assert_int_equal(u64("+1", 10, &v), -1);
	assert_int_equal(u64("a", 10, &v), -1);
	/* Decimal stops at hex letters */
	assert_int_equal(u64("12ab", 10, &v), 2);
	assert_int_equal(v, 12);
}

static void test_u64_hex_octal(void **state)
{
	uint64_t v;

	(void)state;
	assert_int_equal(u64("0x7ffd", 16, &v), 6);
	assert_int_equal(v, 0x7ffd);
	assert_int_equal(u64("0X1F", 16, &v), 4);
	assert_int_equal(v, 0x1f);
	assert_int_equal(u64("ff", 16, &v), 2);
	assert_int_equal(v, 0xff);
	assert_int_equal(u64("0xffffffffffffffff", 16, &v), 18);
	assert_true(v == UINT64_MAX);
	assert_int_equal(u64("0x10000000000000000", 16, &v), -1);
	/* "0x" with no digits is no number */
	assert_int_equal(u64("0x", 16, &v), -1);
	assert_int_equal(u64("0xg", 16, &v), -1);
	assert_int_equal(u64("0x1g", 16, &v), 3);
	assert_int_equal(v, 1);
	/* Octal: 8 and 9 are not digits */
	assert_int_equal(u64("02004002", 8, &v), 8);
	assert_int_equal(v, 02004002);
	assert_int_equal(u64("0778", 8, &v), 3);
	assert_int_equal(v, 077);
	assert_int_equal(u64("8", 8, &v), -1);
	assert_int_equal(u64("1777777777777777777777", 8, &v), 22);
	assert_true(v == UINT64_MAX);
	assert_int_equal(u64("2000000000000000000000", 8, &v), -1);
	/* The 0x prefix is for base 16 only */
	assert_int_equal(u64("0x10", 10, &v), 1);
	assert_int_equal(v, 0);
}

/* The prefix check must not read past end: "0" at the very end. */
static void test_u64_prefix_at_end(void **state)
{
	uint64_t v;

	(void)state;
	assert_int_equal(u64("0", 16, &v), 1);
	assert_int_equal(v, 0);
}

static void test_i64(void **state)
{
	int64_t v;

	(void)state;
	assert_int_equal(i64("0", &v), 1);
	assert_int_equal(v, 0);
	assert_int_equal(i64("-1 x", &v), 2);
	assert_int_equal(v, -1);
	assert_int_equal(i64("+5", &v), 2);
	assert_int_equal(v, 5);
	assert_int_equal(i64("9223372036854775807", &v), 19);
	assert_true(v == INT64_MAX);
	assert_int_equal(i64("-9223372036854775808", &v), 20);
	assert_true(v == INT64_MIN);
	assert_int_equal(i64("9223372036854775808", &v), -1);
	assert_int_equal(i64("-9223372036854775809", &v), -1);
	assert_int_equal(i64("-", &v), -1);
	assert_int_equal(i64("--1", &v), -1);
	assert_int_equal(i64("- 1", &v), -1);
	assert_int_equal(i64("", &v), -1);
	assert_int_equal(i64("x", &v), -1);
}

static void test_skip_blanks(void **state)
{
	const char *s = " \t \nx";

	(void)state;
	assert_ptr_equal(parse_skip_blanks(s, s + 5), s + 3);
	assert_ptr_equal(parse_skip_blanks(s, s + 2), s + 2);
	assert_ptr_equal(parse_skip_blanks(s, s), s);
	assert_ptr_equal(parse_skip_blanks(s + 4, s + 5), s + 4);
}

static const char *find(const char *text, const char *key)
{
	return parse_find_key(text, text + strlen(text), key);
}

static void test_find_key(void **state)
{
	static const char text[] = "Name:\tcat\n"
				   "Uid:\t0\t1\n"
				   "XGid:\t5\n"
				   "Gidx:\t6\n"
				   "Gid:   7\n"
				   "Empty:\n"
				   "Last:\t9";
	uint64_t v;
	const char *p;

	(void)state;
	assert_ptr_equal(find(text, "Name"), strstr(text, "cat"));
	assert_ptr_equal(find(text, "Uid"), strstr(text, "0\t1"));
	/* Whole key at the start of a line only */
	p = find(text, "Gid");
	assert_non_null(p);
	assert_true(parse_u64(&p, text + strlen(text), 10, &v));
	assert_int_equal(v, 7);
	assert_ptr_equal(find(text, "Last"), strstr(text, "9"));
	assert_ptr_equal(find(text, "Empty"), strstr(text, "\nLast"));
	assert_null(find(text, "Nam"));
	assert_null(find(text, "ame"));
	assert_null(find(text, "cat"));
	assert_null(find(text, "Missing"));
	assert_null(find("", "Name"));
	/* Key without its colon */
	assert_null(find("Name\n", "Name"));
	assert_null(find("Name", "Name"));
}

static void test_find_key_truncated(void **state)
{
	static const char text[] = "pos:\t0\nflags:\t02\n";

	(void)state;
	for (size_t n = 0; n <= strlen(text); n++) {
		char *buf = dup_exact(text, n);
		const char *p = parse_find_key(buf, buf + n, "flags");

		/* "flags:" alone has an empty value at its end */
		if (n < 13)
			assert_null(p);
		else
			assert_ptr_equal(p, buf + (n == 13 ? 13 : 14));
		free(buf);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_u64_decimal),
		cmocka_unit_test(test_u64_hex_octal),
		cmocka_unit_test(test_u64_prefix_at_end),
		cmocka_unit_test(test_i64),
		cmocka_unit_test(test_skip_blanks),
		cmocka_unit_test(test_find_key),
		cmocka_unit_test(test_find_key_truncated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
