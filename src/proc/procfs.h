/* Access to a /proc tree whose root is a parameter, so tests can point
 * dscope at canned trees (--proc-root). Every reader returns 0 or -errno;
 * a process that vanished reads as -ENOENT (ESRCH is folded into it). */
#ifndef DSCOPE_PROC_PROCFS_H
#define DSCOPE_PROC_PROCFS_H

#include <stddef.h>
#include <sys/types.h>

#include "base/strbuf.h"

struct procfs {
	int dirfd;
	char *root;
};

int procfs_open(struct procfs *fs, const char *root);
void procfs_close(struct procfs *fs);

/* Reads the file "PID/NAME" (or "NAME" when pid is 0), replacing sb. */
int procfs_read(const struct procfs *fs, pid_t pid, const char *name,
		struct strbuf *sb);
/* Reads the target of the symlink "PID/NAME", replacing sb. */
int procfs_readlink(const struct procfs *fs, pid_t pid, const char *name,
		    struct strbuf *sb);
/* All numeric entries of the root, sorted; *pids is malloc'ed. */
int procfs_list_pids(const struct procfs *fs, pid_t **pids, size_t *n);
/* All entries of "PID/DIR" that are numbers (fd/, task/), sorted. */
int procfs_list_numbers(const struct procfs *fs, pid_t pid, const char *dir,
			int **out, size_t *n);
/* Opens the directory "PID". Reading through this fd (the *_at calls)
 * keeps reading the same process: if it exits and its pid is reused, reads
 * fail with -ENOENT instead of describing the newcomer. Returns fd or
 * -errno. */
int procfs_open_pid(const struct procfs *fs, pid_t pid);
int procfs_read_at(int dirfd, const char *path, struct strbuf *sb);
/* For files the kernel writes in one piece (single-record seq files such
 * as stat, status, syscall, wchan, cgroup; and cmdline): a short read is
 * the end, which saves a read per file, a fifth of the syscalls of
 * dscope ps. Multi-record files (maps, mountinfo, /proc/net files) can return short
 * reads in the middle: use procfs_read_at for them. */
int procfs_read_once_at(int dirfd, const char *path, struct strbuf *sb);
int procfs_readlink_at(int dirfd, const char *path, struct strbuf *sb);
/* Numeric entries of a directory relative to dirfd, sorted. */
int procfs_list_numbers_at(int dirfd, const char *dir, int **out, size_t *n);
/* Whether "PID" exists. */
int procfs_exists(const struct procfs *fs, pid_t pid);

#endif
