/* /proc/PID/status: the few fields the stat file lacks. */
#ifndef DSCOPE_PROC_STATUS_H
#define DSCOPE_PROC_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define PROC_NSPID_MAX 33 /* the kernel nests at most 32 pid namespaces */

struct proc_status {
	uid_t uid[4]; /* real, effective, saved, filesystem */
	gid_t gid[4];
	bool has_ids;
	uint64_t vmlck_kb; /* locked memory (the L of ps STAT) */
	bool has_vmlck; /* kernel threads have no Vm* lines */
	pid_t nspid[PROC_NSPID_MAX]; /* pid in each nested pid namespace */
	int nspid_count;
};

/* Parses the text of /proc/PID/status. Returns 0 or -EINVAL when the
 * Uid/Gid lines are missing or malformed. */
int proc_status_parse(const char *buf, size_t len, struct proc_status *st);

#endif
