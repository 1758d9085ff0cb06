/* Trace event ids from tracefs: see tracefs.h. */
#include "trace/tracefs.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>


#define TRACEFS "/sys/kernel/tracing"

static const char *const mounted_roots[] = { TRACEFS,
					     "/sys/kernel/debug/tracing" };

/* The id in root's events/group/name/id; -1 when there is none. */
static long read_id(const char *root, const char *group, const char *name)
{
	char path[256], text[32];
	ssize_t len;
	int fd;

	snprintf(path, sizeof(path), "%s/events/%s/%s/id", root, group, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	len = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (len <= 0)
		return -1;
	text[len] = '\0';
	return strtol(text, NULL, 10);
}

static void read_ids(const char *root, const char *group,
		     const char *const *names, size_t n, long *ids)
{
	for (size_t i = 0; i < n; i++)
		ids[i] = read_id(root, group, names[i]);
}

/* In a child: tracefs mounted in a private copy of the mounts, the ids
 * written to fd. The child is of a process that has not started threads
 * (the backend is created before anything is traced). */
static _Noreturn void ids_from_own_mount(int fd, const char *group,
					 const char *const *names, size_t n,
					 long *ids)
{
	if (unshare(CLONE_NEWNS) != 0 ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
	    mount("tracefs", TRACEFS, "tracefs", MS_NOSUID | MS_NODEV, NULL) != 0)
		_exit(1);
	read_ids(TRACEFS, group, names, n, ids);
	_exit(write(fd, ids, n * sizeof(*ids)) == (ssize_t)(n * sizeof(*ids))
		      ? 0
		      : 1);
}

static int ids_in_child(const char *group, const char *const *names, size_t n,
			long *ids)
{
	size_t want = n * sizeof(*ids), got = 0;
	int p[2], status, err = 0;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) != 0)
		return -errno;
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		ids_from_own_mount(p[1], group, names, n, ids);
	}
	close(p[1]);
	if (pid < 0) {
		close(p[0]);
		return -errno;
	}
	while (got < want) {
		ssize_t len = read(p[0], (char *)ids + got, want - got);

		if (len < 0 && errno == EINTR)
			continue;
		if (len <= 0)
			break;
		got += (size_t)len;
	}
	close(p[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (got < want)
		err = -EPERM; /* it could not mount tracefs */
	return err;
}

int tracefs_event_ids(const char *group, const char *const *names, size_t n,
		      long *ids)
{
	char probe[64];

	for (size_t i = 0; i < sizeof(mounted_roots) / sizeof(*mounted_roots);
	     i++) {
		snprintf(probe, sizeof(probe), "%s/events", mounted_roots[i]);
		if (access(probe, F_OK) == 0) {
			read_ids(mounted_roots[i], group, names, n, ids);
			return 0;
		}
	}
	return n > 0 ? ids_in_child(group, names, n, ids) : 0;
}
