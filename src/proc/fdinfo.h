/* /proc/PID/fdinfo/FD: the lines every fd has. Kind-specific lines (epoll
 * targets, eventfd counts, timer settings, ...) are left in extra for the
 * fd classes to parse. */
#ifndef DSCOPE_PROC_FDINFO_H
#define DSCOPE_PROC_FDINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct proc_fdinfo {
	uint64_t pos;
	unsigned flags; /* open flags, O_* */
	int mnt_id;
	uint64_t ino; /* since Linux 5.14 */
	bool has_ino;
	const char *extra; /* the lines after the common ones, inside buf */
	size_t extra_len;
};

/* Parses fdinfo text. Returns 0 or -EINVAL when pos or flags is missing. */
int proc_fdinfo_parse(const char *buf, size_t len, struct proc_fdinfo *fi);

#endif
