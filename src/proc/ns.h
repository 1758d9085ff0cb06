/* /proc/PID/ns/TYPE: which namespace a process is in, as an inode number
 * (two processes share a namespace when the numbers are equal). */
#ifndef DSCOPE_PROC_NS_H
#define DSCOPE_PROC_NS_H

#include <stdint.h>
#include <sys/types.h>

#include "proc/procfs.h"

/* Reads the inode of namespace type ("net", "pid", "mnt", "user", ...).
 * Returns 0, -ENOENT when the process is gone, or -errno (-EACCES for
 * other users' processes without privilege, -EINVAL for an unexpected
 * link). */
int proc_ns_inode(const struct procfs *fs, pid_t pid, const char *type,
		  uint64_t *ino);

#endif
