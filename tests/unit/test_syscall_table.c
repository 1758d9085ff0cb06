#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <string.h>

#include "decode/syscall_table.h"

#define X86_64 SYSCALL_ARCH_X86_64

static void test_known_numbers(void **state)
{
	(void)state;
	assert_string_equal(syscall_table_name(X86_64, 0), "read");
	assert_string_equal(syscall_table_name(X86_64, 1), "write");
	assert_string_equal(syscall_table_name(X86_64, 232), "epoll_wait");
	assert_string_equal(syscall_table_name(X86_64, 281), "epoll_pwait");
	assert_string_equal(syscall_table_name(X86_64, 435), "clone3");
	assert_string_equal(syscall_table_name(X86_64, 441), "epoll_pwait2");
	/* file_[gs]etattr are new in v6.17, listns in v6.19. */
	assert_string_equal(syscall_table_name(X86_64, 468), "file_getattr");
	assert_string_equal(syscall_table_name(X86_64, 469), "file_setattr");
	assert_string_equal(syscall_table_name(X86_64, 470), "listns");
}

static void test_highest_entry(void **state)
{
	long size = syscall_table_size(X86_64);

	(void)state;
	assert_int_equal(size, 472);
	assert_string_equal(syscall_table_name(X86_64, size - 1),
			    "rseq_slice_yield");
	assert_null(syscall_table_name(X86_64, size));
}

static void test_gap_formats_number(void **state)
{
	char buf[SYSCALL_TABLE_BUF_SIZE];

	(void)state;
	/* 337..423 were never assigned on x86_64. */
	assert_null(syscall_table_name(X86_64, 400));
	assert_string_equal(syscall_table_format(X86_64, 400, buf, sizeof(buf)),
			    "syscall_400");
	/* Known numbers return the table's string, not buf. */
	assert_string_equal(syscall_table_format(X86_64, 0, buf, sizeof(buf)),
			    "read");
}

static void test_out_of_range_is_safe(void **state)
{
	char buf[SYSCALL_TABLE_BUF_SIZE];
	char tiny[4];

	(void)state;
	assert_null(syscall_table_name(X86_64, -1));
	assert_null(syscall_table_name(X86_64, LONG_MIN));
	assert_null(syscall_table_name(X86_64, LONG_MAX));
	assert_null(syscall_table_name(X86_64, 1L << 40));
	assert_string_equal(syscall_table_format(X86_64, -1, buf, sizeof(buf)),
			    "syscall_-1");
	assert_string_equal(syscall_table_format(X86_64, LONG_MIN, buf,
						 sizeof(buf)),
			    "syscall_-9223372036854775808");
	assert_string_equal(syscall_table_format(X86_64, LONG_MAX, buf,
						 sizeof(buf)),
			    "syscall_9223372036854775807");
	/* A short buffer is truncated, still NUL-terminated. */
	assert_string_equal(syscall_table_format(X86_64, 400, tiny,
						 sizeof(tiny)),
			    "sys");
	assert_non_null(syscall_table_format(X86_64, 400, NULL, 0));
	/* An arch value out of the enum's range. */
	assert_null(syscall_table_name((enum syscall_arch)99, 0));
	assert_null(syscall_table_name((enum syscall_arch)-1, 0));
	assert_int_equal(syscall_table_size((enum syscall_arch)99), 0);
	assert_int_equal(syscall_table_lookup((enum syscall_arch)99, "read"),
			 -1);
}

static void test_lookup_round_trip(void **state)
{
	long size = syscall_table_size(X86_64);
	long named = 0;

	(void)state;
	for (long nr = 0; nr < size; nr++) {
		const char *name = syscall_table_name(X86_64, nr);

		if (!name)
			continue;
		named++;
		/* Also proves names are unique. */
		assert_int_equal(syscall_table_lookup(X86_64, name), nr);
	}
	/* 0..336 and 424..471 */
	assert_int_equal(named, 385);
	assert_int_equal(syscall_table_lookup(X86_64, "no_such_call"), -1);
	assert_int_equal(syscall_table_lookup(X86_64, ""), -1);
	assert_int_equal(syscall_table_lookup(X86_64, NULL), -1);
}

static void test_no_x32_entries(void **state)
{
	(void)state;
	/* x32's own numbers (512..547) must not leak into the 64-bit table:
	 * rt_sigaction is 13 here, 512 only for x32. */
	assert_true(syscall_table_size(X86_64) <= 512);
	for (long nr = 512; nr <= 547; nr++)
		assert_null(syscall_table_name(X86_64, nr));
	assert_int_equal(syscall_table_lookup(X86_64, "rt_sigaction"), 13);
	assert_int_equal(syscall_table_lookup(X86_64, "pwritev2"), 328);
}

static void test_native_arch(void **state)
{
	(void)state;
	assert_int_equal(syscall_arch_native(), SYSCALL_ARCH_X86_64);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_numbers),
		cmocka_unit_test(test_highest_entry),
		cmocka_unit_test(test_gap_formats_number),
		cmocka_unit_test(test_out_of_range_is_safe),
		cmocka_unit_test(test_lookup_round_trip),
		cmocka_unit_test(test_no_x32_entries),
		cmocka_unit_test(test_native_arch),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
