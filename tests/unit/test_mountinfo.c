/* /proc/PID/mountinfo: fields, octal escapes, optional fields, malformed
 * and truncated text. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proc/mountinfo.h"
#include "unit_util.h"

static const char sample[] =
	"22 27 0:21 / /proc rw,relatime - proc proc rw\n"
	"27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard\n"
	"36 27 254:0 /srv/data /mnt/with\\040space rw shared:3 master:1 - ext4 /dev/vda rw\n"
	"40 27 0:50 / /run/user/1000 rw,nosuid - tmpfs tmpfs rw,size=100k\n";

static void parses_fields(void **state)
{
	struct mount_table t;
	const struct mount_entry *m;

	(void)state;
	assert_int_equal(proc_mountinfo_parse(sample, strlen(sample), &t), 0);
	assert_int_equal(t.count, 4);
	m = mount_table_find_id(&t, 36);
	assert_non_null(m);
	assert_int_equal(m->parent, 27);
	assert_int_equal(m->major, 254);
	assert_int_equal(m->minor, 0);
	assert_string_equal(m->root, "/srv/data");
	assert_string_equal(m->point, "/mnt/with space");
	assert_string_equal(m->fstype, "ext4");
	assert_string_equal(m->source, "/dev/vda");
	assert_null(mount_table_find_id(&t, 99));
	mount_table_release(&t);
}

static void finds_by_device(void **state)
{
	struct mount_table t;
	const struct mount_entry *m;

	(void)state;
	assert_int_equal(proc_mountinfo_parse(sample, strlen(sample), &t), 0);
	/* two mounts of 254:0: the one of the filesystem's root wins */
	m = mount_table_find_dev(&t, 254, 0);
	assert_non_null(m);
	assert_string_equal(m->point, "/");
	assert_null(mount_table_find_dev(&t, 8, 1));
	mount_table_release(&t);
}

static void malformed_lines_skipped(void **state)
{
	static const char text[] =
		"x 27 0:21 / /proc rw - proc proc rw\n"
		"23 27 0:22 / /sys rw,relatime sysfs sysfs rw\n" /* no " - " */
		"24 27 99999999:0 / /dev rw - devtmpfs devtmpfs rw\n"
		"25 24 0:23 / /dev/shm rw,relatime - tmpfs tmpfs rw\n"
		"26\n";
	struct mount_table t;

	(void)state;
	assert_int_equal(proc_mountinfo_parse(text, strlen(text), &t), 0);
	assert_int_equal(t.count, 1);
	assert_string_equal(t.v[0].point, "/dev/shm");
	mount_table_release(&t);
	assert_int_equal(proc_mountinfo_parse("", 0, &t), -EINVAL);
	assert_int_equal(proc_mountinfo_parse("garbage\n", 8, &t), -EINVAL);
}

static void every_prefix(void **state)
{
	size_t len = strlen(sample);

	(void)state;
	for (size_t n = 0; n <= len; n++) {
		char *buf = dup_exact(sample, n);
		struct mount_table t;
		int err = proc_mountinfo_parse(buf, n, &t);

		assert_true(err == 0 || err == -EINVAL);
		assert_true(t.count <= 4);
		mount_table_release(&t);
		free(buf);
	}
}

static void live_self(void **state)
{
	FILE *f = fopen("/proc/self/mountinfo", "r");
	char buf[1 << 16];
	size_t n;
	struct mount_table t;

	(void)state;
	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	assert_int_equal(proc_mountinfo_parse(buf, n, &t), 0);
	assert_true(t.count > 0);
	mount_table_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_fields),
		cmocka_unit_test(finds_by_device),
		cmocka_unit_test(malformed_lines_skipped),
		cmocka_unit_test(every_prefix),
		cmocka_unit_test(live_self),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
