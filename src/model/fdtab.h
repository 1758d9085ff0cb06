/* Reading the fds of one process: link targets, stat where the kind
 * needs it, fdinfo, and the class's own parse. */
#ifndef DSCOPE_MODEL_FDTAB_H
#define DSCOPE_MODEL_FDTAB_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "fd/fd.h"
#include "proc/procfs.h"

enum fd_table_flags {
	/* read fdinfo of every fd, not only of kinds that need it (the
	 * detailed view of one process: offsets and flags of everything) */
	FD_TABLE_ALL_FDINFO = 1 << 0,
};

struct fd_table {
	pid_t pid;
	struct fd *fds; /* sorted by number */
	size_t count;
	int err; /* listing the fds failed (-EACCES, ...) */
	/* the start time of the process whose fds these are (clock ticks
	 * after boot; 0: not asked for); for fd_scan_read, set by its caller */
	uint64_t starttime;
};

/* Reads pid's fds. Returns 0, -ENOENT when the process is gone, or sets
 * t->err and returns 0 when the fd directory is unreadable (the error is
 * data: "permission denied"). Fds closed meanwhile are left out. */
int fd_table_read(const struct procfs *fs, pid_t pid, unsigned flags,
		  struct fd_table *t);
/* fd_table_read of the process that started at starttime (0: any), its
 * start time read through the same /proc/PID directory as its fds:
 * -ENOENT too when the pid's process is another by now (the one asked
 * for exited, and a newcomer got its pid). */
int fd_table_read_started(const struct procfs *fs, pid_t pid,
			  uint64_t starttime, unsigned flags,
			  struct fd_table *t);
void fd_table_release(struct fd_table *t);
/* Takes the text of an fd's fdinfo (read_one's step, for the fuzz
 * harness too): the common lines, the mode from its flags, and the
 * class's own lines through its parse (a malformed one is data). */
void fd_take_fdinfo(struct fd *fd, const char *buf, size_t len);
/* Reads one fd of pid (a tracer naming the fd of a call). Returns 0,
 * -ENOENT when the fd or the process is gone; fd_release it after. */
int fd_table_read_one(const struct procfs *fs, pid_t pid, int num,
		      unsigned flags, struct fd *fd);

/* The mode of the fd whose /proc link is path (relative to a pid
 * directory): its permission bits are the open mode (r-x read, -wx
 * write). 0 when it cannot be read. */
unsigned fd_link_mode(int dirfd, const char *path);

#endif
