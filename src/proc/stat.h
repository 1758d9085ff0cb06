/* /proc/PID/stat and the boot time from /proc/stat. */
#ifndef DSCOPE_PROC_STAT_H
#define DSCOPE_PROC_STAT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define PROC_COMM_MAX 64 /* TASK_COMM_LEN is 16; leave room for growth */

#define PF_KTHREAD_FLAG 0x00200000u /* kernel thread, from linux/sched.h */

struct proc_stat {
	pid_t pid;
	char comm[PROC_COMM_MAX]; /* raw bytes, NUL-terminated, untrusted */
	char state;
	pid_t ppid, pgrp, session;
	int tty_nr;
	pid_t tpgid;
	unsigned flags;
	uint64_t utime, stime; /* clock ticks */
	long priority, nice;
	long num_threads;
	uint64_t starttime; /* clock ticks after boot */
	uint64_t vsize;
	int64_t rss; /* pages */
};

/* Parses the text of /proc/PID/stat. comm is found between the first '('
 * and the last ')' since it may itself hold spaces, parentheses and
 * newlines. Returns 0 or -EINVAL for malformed or truncated text. */
int proc_stat_parse(const char *buf, size_t len, struct proc_stat *st);

/* Boot time (seconds since the epoch) from the text of /proc/stat. */
int proc_stat_boot_time(const char *buf, size_t len, uint64_t *btime);

#endif
