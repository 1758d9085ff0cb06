#include "trace/procthreads.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xalloc.h"

/* Reads /proc/TID/FILE into buf (NUL-terminated). */
static int read_small(pid_t tid, const char *file, char *buf, size_t size)
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)tid, file);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	n = read(fd, buf, size - 1);
	if (n < 0) {
		int e = errno;

		close(fd);
		return e == ENOENT ? -ESRCH : -e;
	}
	close(fd);
	buf[n] = '\0';
	return 0;
}

/* The number after "\nKEY:" in /proc/TID/status, or -errno. */
static long status_number(pid_t tid, const char *key)
{
	char buf[4096], pattern[32];
	const char *p;
	char *end;
	long v;
	int err = read_small(tid, "status", buf, sizeof(buf));

	if (err)
		return err;
	snprintf(pattern, sizeof(pattern), "\n%s:", key);
	p = strstr(buf, pattern);
	if (!p)
		return -EINVAL;
	errno = 0;
	v = strtol(p + strlen(pattern), &end, 10);
	if (errno || end == p + strlen(pattern) || v < 0)
		return -EINVAL;
	return v;
}

pid_t procthreads_tgid(pid_t tid)
{
	return (pid_t)status_number(tid, "Tgid");
}

pid_t procthreads_tracer(pid_t tid)
{
	return (pid_t)status_number(tid, "TracerPid");
}

int procthreads_state(pid_t tid)
{
	char buf[512];
	const char *p;
	int err = read_small(tid, "stat", buf, sizeof(buf));

	if (err)
		return err;
	/* the state follows the last ')': the command may contain one */
	p = strrchr(buf, ')');
	return p && p[1] == ' ' && p[2] ? (unsigned char)p[2] : -EINVAL;
}

int procthreads_list(pid_t pid, pid_t **tids, size_t *n)
{
	char path[64];
	struct dirent *de;
	size_t count = 0, alloc = 16;
	pid_t *v;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	d = opendir(path);
	if (!d)
		return errno == ENOENT ? -ESRCH : -errno;
	v = xmalloc(alloc * sizeof(*v));
	while ((de = readdir(d))) {
		char *end;
		long t = strtol(de->d_name, &end, 10);

		if (*end || t <= 0)
			continue;
		if (count == alloc) {
			alloc *= 2;
			v = xrealloc(v, alloc * sizeof(*v));
		}
		v[count++] = (pid_t)t;
	}
	closedir(d);
	*tids = v;
	*n = count;
	return 0;
}
