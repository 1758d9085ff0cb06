#include "proc/procfs.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/xalloc.h"

static int gone(int err)
{
	return err == ESRCH ? -ENOENT : -err;
}

int procfs_open(struct procfs *fs, const char *root)
{
	fs->dirfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fs->dirfd < 0)
		return -errno;
	fs->root = xstrdup(root);
	return 0;
}

void procfs_close(struct procfs *fs)
{
	if (fs->dirfd >= 0)
		close(fs->dirfd);
	free(fs->root);
	fs->dirfd = -1;
	fs->root = NULL;
}

static void entry_path(char *buf, size_t size, pid_t pid, const char *name)
{
	if (pid > 0)
		snprintf(buf, size, "%d/%s", (int)pid, name);
	else
		snprintf(buf, size, "%s", name);
}

int procfs_read(const struct procfs *fs, pid_t pid, const char *name,
		struct strbuf *sb)
{
	char path[256];

	entry_path(path, sizeof(path), pid, name);
	return procfs_read_at(fs->dirfd, path, sb);
}

static int read_file(int dirfd, const char *path, struct strbuf *sb,
		     bool short_read_ends)
{
	int fd, err = 0;

	strbuf_reset(sb);
	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return gone(errno);
	for (;;) {
		size_t want;
		ssize_t n;

		strbuf_grow(sb, 4096);
		want = sb->alloc - sb->len - 1;
		n = read(fd, sb->buf + sb->len, want);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = gone(errno);
			break;
		}
		sb->len += (size_t)n;
		if (n == 0 || (short_read_ends && (size_t)n < want))
			break;
	}
	sb->buf[sb->len] = '\0';
	close(fd);
	return err;
}

int procfs_read_at(int dirfd, const char *path, struct strbuf *sb)
{
	return read_file(dirfd, path, sb, false);
}

int procfs_read_once_at(int dirfd, const char *path, struct strbuf *sb)
{
	return read_file(dirfd, path, sb, true);
}

int procfs_readlink(const struct procfs *fs, pid_t pid, const char *name,
		    struct strbuf *sb)
{
	char path[256];

	entry_path(path, sizeof(path), pid, name);
	return procfs_readlink_at(fs->dirfd, path, sb);
}

int procfs_readlink_at(int dirfd, const char *path, struct strbuf *sb)
{
	strbuf_reset(sb);
	for (size_t size = 256;; size *= 2) {
		ssize_t n;

		strbuf_grow(sb, size);
		n = readlinkat(dirfd, path, sb->buf, sb->alloc - 1);
		if (n < 0)
			return gone(errno);
		if ((size_t)n < sb->alloc - 1) {
			sb->len = (size_t)n;
			sb->buf[n] = '\0';
			return 0;
		}
		if (size > 1 << 20)
			return -ENAMETOOLONG;
	}
}

/* Parses a whole decimal number; -1 when name is not one. */
static long parse_number(const char *name)
{
	long v = 0;

	if (!*name)
		return -1;
	for (; *name; name++) {
		if (*name < '0' || *name > '9' || v > 1L << 40)
			return -1;
		v = v * 10 + (*name - '0');
	}
	return v;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int list_numbers(int dirfd, const char *path, int **out, size_t *n)
{
	size_t alloc = 0, count = 0;
	int *v = NULL, fd;
	struct dirent *de;
	DIR *d;

	fd = openat(dirfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return gone(errno);
	d = fdopendir(fd);
	if (!d) {
		int err = errno;

		close(fd);
		return gone(err);
	}
	while ((de = readdir(d)) != NULL) {
		long num = parse_number(de->d_name);

		if (num < 0 || num > 0x7fffffff)
			continue;
		v = xgrow(v, &alloc, count + 1, sizeof(*v));
		v[count++] = (int)num;
	}
	closedir(d);
	if (count)
		qsort(v, count, sizeof(*v), cmp_int);
	*out = v;
	*n = count;
	return 0;
}

int procfs_list_numbers_at(int dirfd, const char *dir, int **out, size_t *n)
{
	return list_numbers(dirfd, dir, out, n);
}

int procfs_list_pids(const struct procfs *fs, pid_t **pids, size_t *n)
{
	_Static_assert(sizeof(pid_t) == sizeof(int), "pid_t is an int");
	return list_numbers(fs->dirfd, ".", (int **)pids, n);
}

int procfs_list_numbers(const struct procfs *fs, pid_t pid, const char *dir,
			int **out, size_t *n)
{
	char path[256];

	entry_path(path, sizeof(path), pid, dir);
	return list_numbers(fs->dirfd, path, out, n);
}

int procfs_open_pid(const struct procfs *fs, pid_t pid)
{
	char path[24];
	int fd;

	snprintf(path, sizeof(path), "%d", (int)pid);
	fd = openat(fs->dirfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return fd < 0 ? gone(errno) : fd;
}

int procfs_exists(const struct procfs *fs, pid_t pid)
{
	char path[24];
	struct stat st;

	snprintf(path, sizeof(path), "%d", (int)pid);
	return fstatat(fs->dirfd, path, &st, 0) == 0;
}
