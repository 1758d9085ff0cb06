#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "model/fdscan.h"
#include "model/process.h"

/* fd_scan_read checks a table's start time against its process's, read
 * through the same /proc/PID directory as the fds: a pid whose process
 * started at another time (reused after the one listed exited) reads as
 * exited, never as the newcomer's fds. The test's own process is the
 * real /proc's. */
static void start_time_keeps_a_reused_pid_out(void **state)
{
	struct procfs fs;
	struct process self;
	struct fd_table t[3];

	(void)state;
	assert_int_equal(procfs_open(&fs, "/proc"), 0);
	assert_int_equal(process_read(&fs, getpid(), 0, &self), 0);
	memset(t, 0, sizeof(t));
	t[0].pid = t[1].pid = t[2].pid = getpid();
	t[0].starttime = self.stat.starttime;	  /* the same process */
	t[1].starttime = self.stat.starttime + 1; /* "another" with its pid */
	/* t[2]: no start time, no check */
	fd_scan_read(&fs, t, 3, 0);
	assert_int_equal(t[0].err, 0);
	assert_true(t[0].count >= 3);
	assert_int_equal(t[0].starttime, self.stat.starttime);
	assert_int_equal(t[1].err, -ENOENT);
	assert_int_equal(t[1].count, 0);
	assert_int_equal(t[2].err, 0);
	assert_true(t[2].count >= 3);
	for (int i = 0; i < 3; i++)
		fd_table_release(&t[i]);
	process_release(&self);
	procfs_close(&fs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(start_time_keeps_a_reused_pid_out),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
