#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xalloc.h"

static void test_empty(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *p;

	(void)state;
	assert_string_equal(strbuf_str(&sb), "");
	assert_int_equal(sb.len, 0);
	strbuf_reset(&sb);
	assert_null(sb.buf);
	/* detach never returns NULL */
	p = strbuf_detach(&sb);
	assert_non_null(p);
	assert_string_equal(p, "");
	free(p);
	strbuf_release(&sb);
	strbuf_release(&sb);
}

static void test_add(void **state)
{
	struct strbuf sb;
	char *p;

	(void)state;
	strbuf_init(&sb);
	strbuf_adds(&sb, "ab");
	strbuf_addc(&sb, 'c');
	strbuf_add(&sb, "d\0e", 3);
	assert_int_equal(sb.len, 6);
	assert_memory_equal(sb.buf, "abcd\0e", 7);
	assert_true(sb.alloc > sb.len);
	strbuf_addpad(&sb, '-', 3);
	assert_int_equal(sb.len, 9);
	assert_memory_equal(sb.buf + 6, "---", 4);
	strbuf_addpad(&sb, 'x', 0);
	assert_int_equal(sb.len, 9);
	strbuf_reset(&sb);
	assert_int_equal(sb.len, 0);
	assert_string_equal(strbuf_str(&sb), "");
	strbuf_adds(&sb, "new");
	p = strbuf_detach(&sb);
	assert_string_equal(p, "new");
	assert_null(sb.buf);
	assert_int_equal(sb.len, 0);
	free(p);
}

static void test_addf(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char big[1000];

	(void)state;
	strbuf_addf(&sb, "%d-%s", 42, "x");
	assert_string_equal(strbuf_str(&sb), "42-x");
	/* Longer than the first guess: formatted twice */
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	strbuf_addf(&sb, "[%s]", big);
	assert_int_equal(sb.len, 4 + 2 + 999);
	assert_int_equal(sb.buf[5], 'z');
	assert_int_equal(sb.buf[sb.len - 1], ']');
	assert_int_equal(sb.buf[sb.len], '\0');
	strbuf_addf(&sb, "%s", "");
	assert_int_equal(sb.len, 4 + 2 + 999);
	strbuf_release(&sb);
}

static void test_many_appends(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	for (int i = 0; i < 100000; i++)
		strbuf_addc(&sb, (char)('a' + i % 26));
	assert_int_equal(sb.len, 100000);
	assert_int_equal(strlen(sb.buf), 100000);
	assert_int_equal(sb.buf[99999], 'a' + 99999 % 26);
	strbuf_release(&sb);
}

static void test_xalloc(void **state)
{
	size_t count = 0;
	int *v = NULL;
	char *s;

	(void)state;
	v = xgrow(v, &count, 1, sizeof(*v));
	assert_int_equal(count, 8);
	v = xgrow(v, &count, 8, sizeof(*v));
	assert_int_equal(count, 8);
	v = xgrow(v, &count, 9, sizeof(*v));
	assert_int_equal(count, 16);
	v = xgrow(v, &count, 1000, sizeof(*v));
	assert_int_equal(count, 1024);
	v[1023] = 5;
	free(v);

	s = xstrndup("abcdef", 3);
	assert_string_equal(s, "abc");
	free(s);
	s = xstrndup("ab", 10);
	assert_string_equal(s, "ab");
	free(s);
	s = xstrdup("");
	assert_string_equal(s, "");
	free(s);
	s = xmemdup("a\0b", 3);
	assert_memory_equal(s, "a\0b", 3);
	free(s);
	free(xmalloc(0));
	free(xcalloc(0, 0));
}

/* The number appenders write what printf writes, at the edges and at
 * values of every length. */
static void check_numbers(uint64_t u)
{
	struct strbuf sb = STRBUF_INIT;
	char want[64];
	int64_t i = (int64_t)u;

	strbuf_adds(&sb, "<");
	strbuf_add_u64(&sb, u);
	strbuf_addc(&sb, ' ');
	strbuf_add_i64(&sb, i);
	strbuf_addc(&sb, ' ');
	strbuf_add_hex(&sb, u);
	snprintf(want, sizeof(want), "<%" PRIu64 " %" PRId64 " %#" PRIx64, u,
		 i, u);
	assert_string_equal(sb.buf, want);
	assert_int_equal(sb.len, strlen(want));
	strbuf_release(&sb);
}

static void test_numbers(void **state)
{
	static const uint64_t edges[] = {
		0, 1, 9, 10, 15, 16, 99, 100, 0x7fffffff, 0x80000000,
		0xffffffff, 0x100000000, 9999999999999999999u,
		10000000000000000000u, (uint64_t)INT64_MAX,
		(uint64_t)INT64_MIN, UINT64_MAX, (uint64_t)-1 - 1,
		(uint64_t)-4095,
	};
	uint64_t x = 88172645463325252u;

	(void)state;
	for (size_t k = 0; k < sizeof(edges) / sizeof(edges[0]); k++)
		check_numbers(edges[k]);
	for (int k = 0; k < 64; k++) {
		check_numbers((uint64_t)1 << k);
		check_numbers(((uint64_t)1 << k) - 1);
	}
	for (int k = 0; k < 10000; k++) { /* xorshift64 */
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		check_numbers(x >> (k % 64));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_addf),
		cmocka_unit_test(test_many_appends),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_xalloc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
