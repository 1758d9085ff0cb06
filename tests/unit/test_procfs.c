/* The /proc readers against the real kernel: reading through a pid
 * directory fd, vanished processes, namespaces, listing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "model/process.h"
#include "proc/ns.h"
#include "proc/procfs.h"
#include "proc/stat.h"

static void read_self_stat(void **state)
{
	struct procfs fs;
	struct strbuf sb = STRBUF_INIT;
	struct proc_stat st;

	(void)state;
	assert_int_equal(procfs_open(&fs, "/proc"), 0);
	assert_int_equal(procfs_read(&fs, getpid(), "stat", &sb), 0);
	assert_int_equal(proc_stat_parse(sb.buf, sb.len, &st), 0);
	assert_int_equal(st.pid, getpid());
	assert_int_equal(st.ppid, getppid());
	strbuf_release(&sb);
	procfs_close(&fs);
}

static void missing_pid_is_enoent(void **state)
{
	struct procfs fs;
	struct strbuf sb = STRBUF_INIT;
	struct process p;

	(void)state;
	assert_int_equal(procfs_open(&fs, "/proc"), 0);
	/* above the kernel's pid_max limit (2^22), so never a live pid */
	assert_int_equal(procfs_read(&fs, 4194305, "stat", &sb), -ENOENT);
	assert_int_equal(process_read(&fs, 4194305, PROCESS_ALL, &p), -ENOENT);
	strbuf_release(&sb);
	procfs_close(&fs);
}

/* A process that exits after its directory was opened reads as gone,
 * never as whatever process gets its pid next. */
static void dirfd_outlives_process(void **state)
{
	struct procfs fs;
	struct strbuf sb = STRBUF_INIT;
	pid_t child;
	int dirfd;

	(void)state;
	assert_int_equal(procfs_open(&fs, "/proc"), 0);
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		pause();
		_exit(0);
	}
	dirfd = procfs_open_pid(&fs, child);
	assert_true(dirfd >= 0);
	assert_int_equal(procfs_read_at(dirfd, "stat", &sb), 0);
	kill(child, SIGKILL);
	assert_int_equal(waitpid(child, NULL, 0), child);
	assert_int_equal(procfs_read_at(dirfd, "stat", &sb), -ENOENT);
	assert_int_equal(procfs_readlink_at(dirfd, "cwd", &sb), -ENOENT);
	close(dirfd);
	strbuf_release(&sb);
	procfs_close(&fs);
}

static void namespaces(void **state)
{
	struct procfs fs;
	uint64_t mine = 0, parent = 0;
	struct stat st;

	(void)state;
	assert_int_equal(procfs_open(&fs, "/proc"), 0);
	assert_int_equal(proc_ns_inode(&fs, getpid(), "net", &mine), 0);
	assert_int_equal(stat("/proc/self/ns/net", &st), 0);
	assert_int_equal(mine, st.st_ino);
	assert_int_equal(proc_ns_inode(&fs, getppid(), "net", &parent), 0);
	assert_int_equal(mine, parent);
	assert_int_equal(proc_ns_inode(&fs, getpid(), "nosuchns", &mine),
			 -ENOENT);
	procfs_close(&fs);
}

static void list_pids_and_fds(void **state)
{
	struct procfs fs;
	pid_t *pids;
	int *fds;
	size_t n, i;
	bool found = false;
	int p[2];

	(void)state;
	assert_int_equal(procfs_open(&fs, "/proc"), 0);
	assert_int_equal(procfs_list_pids(&fs, &pids, &n), 0);
	for (i = 0; i < n; i++) {
		if (i > 0)
			assert_true(pids[i - 1] < pids[i]);
		found |= pids[i] == getpid();
	}
	assert_true(found);
	free(pids);

	assert_int_equal(pipe(p), 0);
	assert_int_equal(procfs_list_numbers(&fs, getpid(), "fd", &fds, &n), 0);
	found = false;
	for (i = 0; i < n; i++)
		found |= fds[i] == p[1];
	assert_true(found);
	free(fds);
	close(p[0]);
	close(p[1]);
	procfs_close(&fs);
}

static void bad_root(void **state)
{
	struct procfs fs;

	(void)state;
	assert_int_equal(procfs_open(&fs, "/nonexistent-proc-root"), -ENOENT);
	assert_int_equal(procfs_open(&fs, "/etc/passwd"), -ENOTDIR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(read_self_stat),
		cmocka_unit_test(missing_pid_is_enoent),
		cmocka_unit_test(dirfd_outlives_process),
		cmocka_unit_test(namespaces),
		cmocka_unit_test(list_pids_and_fds),
		cmocka_unit_test(bad_root),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
