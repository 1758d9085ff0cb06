#include "model/fdtab.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "model/snapshot.h"
#include "proc/stat.h"

static void read_stat(int dirfd, const char *path, struct fd *fd)
{
	struct stat st;

	if (fstatat(dirfd, path, &st, 0) != 0)
		return;
	fd->has_stat = true;
	fd->st_mode = st.st_mode;
	fd->st_dev = st.st_dev;
	fd->st_ino = st.st_ino;
	fd->st_rdev = st.st_rdev;
	fd->st_size = (uint64_t)st.st_size;
}

unsigned fd_link_mode(int dirfd, const char *path)
{
	struct stat st;

	if (fstatat(dirfd, path, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return 0;
	return ((st.st_mode & S_IRUSR) ? FD_READ : 0) |
	       ((st.st_mode & S_IWUSR) ? FD_WRITE : 0);
}

static void read_link_mode(int dirfd, const char *path, struct fd *fd)
{
	unsigned mode = fd_link_mode(dirfd, path);

	if (mode) {
		fd->mode = mode;
		fd->has_mode = true;
	}
}

static void read_fdinfo(int dirfd, struct fd *fd, struct strbuf *sb)
{
	char path[32];

	snprintf(path, sizeof(path), "fdinfo/%d", fd->num);
	fd->info_err = procfs_read_once_at(dirfd, path, sb);
	if (!fd->info_err)
		fd_take_fdinfo(fd, sb->buf, sb->len);
}

void fd_take_fdinfo(struct fd *fd, const char *buf, size_t len)
{
	fd->info_err = proc_fdinfo_parse(buf, len, &fd->info);
	if (fd->info_err)
		return;
	fd->has_info = true;
	switch (fd->info.flags & O_ACCMODE) {
	case O_RDONLY:
		fd->mode = FD_READ;
		break;
	case O_WRONLY:
		fd->mode = FD_WRITE;
		break;
	default:
		fd->mode = FD_READ | FD_WRITE;
	}
	/* O_PATH fds can neither read nor write */
	if (fd->info.flags & O_PATH)
		fd->mode = 0;
	fd->has_mode = true;
	/* a malformed fdinfo is data: the fd shows with the error */
	if (fd->cls->parse)
		fd->info_err = fd->cls->parse(fd, fd->info.extra,
					      fd->info.extra_len);
	fd->info.extra = NULL;
	fd->info.extra_len = 0;
}

/* Returns 0, or -ENOENT when the fd was closed meanwhile. */
static int read_one(int dirfd, struct fd *fd, unsigned flags,
		    struct strbuf *sb)
{
	char path[32];
	unsigned needs;

	snprintf(path, sizeof(path), "fd/%d", fd->num);
	fd->target_err = procfs_readlink_at(dirfd, path, sb);
	if (fd->target_err == -ENOENT)
		return -ENOENT;
	if (!fd->target_err)
		fd->target = xstrdup(strbuf_str(sb));
	fd_classify(fd);
	if (fd->target_err)
		return 0;
	/* paths need stat to tell files, FIFOs and devices apart */
	if (fd_target_is_path(fd) || (fd->cls->needs & FD_NEED_STAT)) {
		read_stat(dirfd, path, fd);
		fd_classify(fd);
	}
	if (fd->cls == &fd_class_pipe || fd->cls == &fd_class_socket ||
	    fd->cls == &fd_class_fifo)
		fd->self_key = snapshot_target_key(fd->target);
	needs = fd->cls->needs;
	if ((needs & FD_NEED_FDINFO) || (flags & FD_TABLE_ALL_FDINFO))
		read_fdinfo(dirfd, fd, sb);
	if (!fd->has_mode && (needs & FD_NEED_LINK_MODE))
		read_link_mode(dirfd, path, fd);
	return 0;
}

/* The start time of the process of dirfd, or 0. */
static uint64_t start_time_at(int dirfd, struct strbuf *sb)
{
	struct proc_stat st;

	if (procfs_read_once_at(dirfd, "stat", sb) != 0 ||
	    proc_stat_parse(sb->buf, sb->len, &st) != 0)
		return 0;
	return st.starttime;
}

int fd_table_read(const struct procfs *fs, pid_t pid, unsigned flags,
		  struct fd_table *t)
{
	return fd_table_read_started(fs, pid, 0, flags, t);
}

int fd_table_read_started(const struct procfs *fs, pid_t pid,
			  uint64_t starttime, unsigned flags,
			  struct fd_table *t)
{
	struct strbuf sb = STRBUF_INIT;
	int dirfd, *nums = NULL, err;
	size_t n = 0, i;

	memset(t, 0, sizeof(*t));
	t->pid = pid;
	dirfd = procfs_open_pid(fs, pid);
	if (dirfd < 0)
		return dirfd;
	if (starttime) {
		/* what dirfd reads stays this process's (an unreadable start
		 * time is no proof of another) */
		uint64_t now = start_time_at(dirfd, &sb);

		if (now && now != starttime) {
			close(dirfd);
			strbuf_release(&sb);
			return -ENOENT;
		}
		t->starttime = starttime;
	}
	err = procfs_list_numbers_at(dirfd, "fd", &nums, &n);
	if (err) {
		close(dirfd);
		strbuf_release(&sb);
		if (err == -ENOENT && !procfs_exists(fs, pid))
			return -ENOENT;
		t->err = err;
		return 0;
	}
	t->fds = xcalloc(n ? n : 1, sizeof(*t->fds));
	for (i = 0; i < n; i++) {
		struct fd *fd = &t->fds[t->count];

		fd->owner = pid;
		fd->num = nums[i];
		if (read_one(dirfd, fd, flags, &sb) == 0)
			t->count++;
		else
			fd_release(fd);
	}
	free(nums);
	strbuf_release(&sb);
	close(dirfd);
	return 0;
}

int fd_table_read_one(const struct procfs *fs, pid_t pid, int num,
		      unsigned flags, struct fd *fd)
{
	struct strbuf sb = STRBUF_INIT;
	int dirfd, err;

	memset(fd, 0, sizeof(*fd));
	fd->owner = pid;
	fd->num = num;
	dirfd = procfs_open_pid(fs, pid);
	if (dirfd < 0)
		return dirfd;
	err = read_one(dirfd, fd, flags, &sb);
	if (err)
		fd_release(fd);
	strbuf_release(&sb);
	close(dirfd);
	return err;
}

void fd_table_release(struct fd_table *t)
{
	for (size_t i = 0; i < t->count; i++)
		fd_release(&t->fds[i]);
	free(t->fds);
	memset(t, 0, sizeof(*t));
}
