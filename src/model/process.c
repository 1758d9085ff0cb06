#include "model/process.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "proc/cgroup.h"
#include "proc/environ.h"
#include "proc/wchan.h"

/* Reads a link relative to the pid directory; NULL and an error on failure. */
static char *read_link(int dirfd, const char *name, struct strbuf *sb,
		       int *err)
{
	*err = procfs_readlink_at(dirfd, name, sb);
	return *err ? NULL : xstrdup(strbuf_str(sb));
}

static void read_optional(int dirfd, unsigned fields, struct process *p,
			  struct strbuf *sb)
{
	if (fields & PROCESS_CMDLINE) {
		p->cmdline_err = procfs_read_once_at(dirfd, "cmdline", sb);
		if (!p->cmdline_err) {
			struct strbuf line = STRBUF_INIT;

			p->argv0_len = strnlen(sb->buf, sb->len);
			proc_cmdline_join(sb->buf, sb->len, &line);
			p->cmdline_len = line.len;
			p->cmdline = strbuf_detach(&line);
		}
	}
	if (fields & PROCESS_SYSCALL) {
		p->syscall_err = procfs_read_once_at(dirfd, "syscall", sb);
		if (!p->syscall_err)
			p->syscall_err =
				proc_syscall_parse(sb->buf, sb->len, &p->syscall);
	}
	if ((fields & PROCESS_WCHAN_FALLBACK) &&
	    (p->syscall_err || p->syscall.state == PROC_SYSCALL_NONE))
		fields |= PROCESS_WCHAN;
	if (fields & PROCESS_WCHAN) {
		p->wchan_err = procfs_read_once_at(dirfd, "wchan", sb);
		if (!p->wchan_err) {
			struct strbuf w = STRBUF_INIT;

			p->wchan_err = proc_wchan_parse(sb->buf, sb->len, &w);
			p->wchan = strbuf_detach(&w);
		}
	}
	if (fields & PROCESS_CGROUP) {
		p->cgroup_err = procfs_read_once_at(dirfd, "cgroup", sb);
		if (!p->cgroup_err) {
			struct strbuf path = STRBUF_INIT;

			p->cgroup_err = proc_cgroup_parse(sb->buf, sb->len, &path);
			p->cgroup = p->cgroup_err ? NULL : strbuf_detach(&path);
			strbuf_release(&path);
		}
	}
	if (fields & PROCESS_STDIN)
		p->stdin_target = read_link(dirfd, "fd/0", sb, &p->stdin_err);
	if (fields & PROCESS_CWD)
		p->cwd = read_link(dirfd, "cwd", sb, &p->cwd_err);
	if (fields & PROCESS_EXE)
		p->exe = read_link(dirfd, "exe", sb, &p->exe_err);
}

int process_read(const struct procfs *fs, pid_t pid, unsigned fields,
		 struct process *p)
{
	struct strbuf sb = STRBUF_INIT;
	int dirfd, err;

	memset(p, 0, sizeof(*p));
	dirfd = procfs_open_pid(fs, pid);
	if (dirfd < 0)
		return dirfd;
	err = procfs_read_once_at(dirfd, "stat", &sb);
	if (!err)
		err = proc_stat_parse(sb.buf, sb.len, &p->stat);
	if (!err && p->stat.pid != pid)
		err = -EINVAL;
	if (err)
		goto out;
	p->status_err = -ENODATA;
	if (fields & PROCESS_STATUS) {
		p->status_err = procfs_read_once_at(dirfd, "status", &sb);
		if (!p->status_err)
			p->status_err =
				proc_status_parse(sb.buf, sb.len, &p->status);
	}
	read_optional(dirfd, fields, p, &sb);

	/* A read that found the process gone means it exited meanwhile. */
	if (p->status_err == -ENOENT || p->cmdline_err == -ENOENT ||
	    p->syscall_err == -ENOENT || p->cgroup_err == -ENOENT)
		err = -ENOENT;
out:
	close(dirfd);
	strbuf_release(&sb);
	if (err)
		process_release(p);
	return err;
}

void process_release(struct process *p)
{
	free(p->cmdline);
	free(p->wchan);
	free(p->cgroup);
	free(p->stdin_target);
	free(p->cwd);
	free(p->exe);
	memset(p, 0, sizeof(*p));
}

static void table_times(const struct procfs *fs, struct process_table *t)
{
	struct strbuf sb = STRBUF_INIT;

	t->ticks_per_second = sysconf(_SC_CLK_TCK);
	if (t->ticks_per_second <= 0)
		t->ticks_per_second = 100;
	if (procfs_read(fs, 0, "stat", &sb) == 0 &&
	    proc_stat_boot_time(sb.buf, sb.len, &t->boot_time) != 0)
		t->boot_time = 0;
	strbuf_release(&sb);
}

static int cmp_pid_value(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

int process_table_collect_pids(const struct procfs *fs, unsigned fields,
			       const pid_t *pids, size_t n,
			       struct process_table *t)
{
	/* n may be 0, and pids NULL then (a /proc with no process) */
	pid_t *sorted = xcalloc(n ? n : 1, sizeof(*pids));
	size_t i;

	if (n)
		memcpy(sorted, pids, n * sizeof(*pids));

	memset(t, 0, sizeof(*t));
	table_times(fs, t);
	/* the table is sorted and without duplicates, for process_table_find */
	qsort(sorted, n, sizeof(*sorted), cmp_pid_value);
	t->procs = xcalloc(n ? n : 1, sizeof(*t->procs));
	for (i = 0; i < n; i++) {
		if (i > 0 && sorted[i] == sorted[i - 1])
			continue;
		if (process_read(fs, sorted[i], fields, &t->procs[t->count]) == 0)
			t->count++;
	}
	free(sorted);
	return 0;
}

int process_table_collect(const struct procfs *fs, unsigned fields,
			  struct process_table *t)
{
	pid_t *pids;
	size_t n;
	int err;

	err = procfs_list_pids(fs, &pids, &n);
	if (err) {
		memset(t, 0, sizeof(*t));
		return err;
	}
	err = process_table_collect_pids(fs, fields, pids, n, t);
	free(pids);
	return err;
}

static int cmp_pid(const void *key, const void *elem)
{
	pid_t a = *(const pid_t *)key;
	pid_t b = ((const struct process *)elem)->stat.pid;

	return (a > b) - (a < b);
}

const struct process *process_table_find(const struct process_table *t,
					 pid_t pid)
{
	if (!t->count)
		return NULL;
	return bsearch(&pid, t->procs, t->count, sizeof(*t->procs), cmp_pid);
}

void process_table_release(struct process_table *t)
{
	for (size_t i = 0; i < t->count; i++)
		process_release(&t->procs[i]);
	free(t->procs);
	memset(t, 0, sizeof(*t));
}
