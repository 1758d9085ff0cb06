#include "model/inspect.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>

#include "base/xalloc.h"
#include "decode/remote.h"
#include "model/psinfo.h"
#include "model/unit.h"
#include "proc/environ.h"
#include "proc/stat.h"
#include "proc/wchan.h"

struct fd *inspect_fd(const struct inspect *in, int num)
{
	return snapshot_find_fd(&in->snap, in->proc->stat.pid, num);
}

/* The thread tid's state from its files in dir of pid's directory
 * ("task/TID/", or "" for the process's own, its main thread's). */
static void read_thread(const struct procfs *fs, pid_t pid, pid_t tid,
			const char *dir, bool kernel_thread,
			struct thread_state *t, struct strbuf *sb)
{
	char path[64];
	struct proc_stat st;

	t->tid = tid;
	snprintf(path, sizeof(path), "%sstat", dir);
	if (procfs_read(fs, pid, path, sb) == 0 &&
	    proc_stat_parse(sb->buf, sb->len, &st) == 0) {
		snprintf(t->comm, sizeof(t->comm), "%s", st.comm);
		t->state = st.state;
	}
	snprintf(path, sizeof(path), "%ssyscall", dir);
	t->sc_err = procfs_read(fs, pid, path, sb);
	if (!t->sc_err)
		t->sc_err = proc_syscall_parse(sb->buf, sb->len, &t->sc);
	/* a kernel thread makes no system calls: its file shows zeros */
	if (!t->sc_err && kernel_thread)
		t->sc.state = PROC_SYSCALL_NONE;
	if (!t->sc_err)
		blocked_classify(&t->sc, &t->call);
	snprintf(path, sizeof(path), "%swchan", dir);
	if (procfs_read(fs, pid, path, sb) == 0) {
		struct strbuf w = STRBUF_INIT;

		if (proc_wchan_parse(sb->buf, sb->len, &w) == 0 && w.len)
			t->wchan = strbuf_detach(&w);
		strbuf_release(&w);
	}
}

static void read_thread_of(const struct procfs *fs, pid_t pid, pid_t tid,
			   bool kernel_thread, struct thread_state *t,
			   struct strbuf *sb)
{
	char dir[32];

	snprintf(dir, sizeof(dir), "task/%d/", (int)tid);
	read_thread(fs, pid, tid, dir, kernel_thread, t, sb);
}

static void read_threads(const struct procfs *fs, struct inspect *in)
{
	pid_t pid = in->proc->stat.pid;
	bool kthread = process_is_kernel_thread(in->proc);
	struct strbuf sb = STRBUF_INIT;
	int *tids = NULL;
	size_t n = 0;

	in->threads_err = procfs_list_numbers(fs, pid, "task", &tids, &n);
	in->threads = xcalloc(n ? n : 1, sizeof(*in->threads));
	/* no task directory (a canned tree's process, not the kernel's):
	 * the process's own files are its main thread's */
	if (in->threads_err == -ENOENT && n == 0 &&
	    strcmp(fs->root, "/proc") != 0) {
		read_thread(fs, pid, pid, "", kthread,
			    &in->threads[in->nthreads++], &sb);
		in->threads_err = 0;
	}
	/* the main thread (tid == pid) first, the others in tid order */
	for (size_t i = 0; i < n; i++)
		if (tids[i] == pid)
			read_thread_of(fs, pid, tids[i], kthread,
				       &in->threads[in->nthreads++], &sb);
	for (size_t i = 0; i < n; i++)
		if (tids[i] != pid)
			read_thread_of(fs, pid, tids[i], kthread,
				       &in->threads[in->nthreads++], &sb);
	free(tids);
	strbuf_release(&sb);
}

static bool is_parent_already(const struct inspect *in, pid_t pid)
{
	if (pid == in->proc->stat.pid)
		return true;
	for (size_t i = 0; i < in->nparents; i++)
		if (in->parents[i].pid == pid)
			return true;
	return false;
}

static void find_parents(struct inspect *in)
{
	const struct process *p = in->proc;

	while (p && p->stat.ppid > 0 && in->nparents < INSPECT_MAX_PARENTS &&
	       !is_parent_already(in, p->stat.ppid)) {
		struct inspect_parent *q = &in->parents[in->nparents++];

		q->pid = p->stat.ppid;
		q->proc = process_table_find(&in->table, q->pid);
		p = q->proc;
	}
}

static void add_wait(struct inspect *in, int fd, unsigned events)
{
	in->waits = xrealloc(in->waits, (in->nwaits + 1) * sizeof(*in->waits));
	in->waits[in->nwaits++] = (struct wait_fd){ fd, events };
}

/* poll and select keep their sets in the caller's memory: read them
 * without stopping the process. */
static void read_wait_sets(struct inspect *in)
{
	const struct blocked_call *b = &in->threads[0].call;
	pid_t pid = in->proc->stat.pid;

	if (b->kind == BLOCKED_POLL) {
		size_t n = b->nfds > 4096 ? 4096 : (size_t)b->nfds;
		struct pollfd *p = xcalloc(n ? n : 1, sizeof(*p));

		in->waits_err = remote_read(pid, b->array, p, n * sizeof(*p));
		for (size_t i = 0; !in->waits_err && i < n; i++)
			if (p[i].fd >= 0)
				add_wait(in, p[i].fd, (unsigned short)p[i].events);
		free(p);
	} else if (b->kind == BLOCKED_SELECT) {
		int nfds = b->nfds > FD_SETSIZE ? FD_SETSIZE : (int)b->nfds;
		static const unsigned kinds[3] = { POLLIN, POLLOUT, POLLPRI };
		fd_set sets[3];

		for (int k = 0; k < 3 && !in->waits_err; k++) {
			FD_ZERO(&sets[k]);
			if (b->sets[k])
				in->waits_err = remote_read(pid, b->sets[k], &sets[k],
							    ((size_t)nfds + 7) / 8);
		}
		for (int fd = 0; !in->waits_err && fd < nfds; fd++) {
			unsigned ev = 0;

			for (int k = 0; k < 3; k++)
				if (b->sets[k] && FD_ISSET(fd, &sets[k]))
					ev |= kinds[k];
			if (ev)
				add_wait(in, fd, ev);
		}
	}
}

static void read_environ(const struct procfs *fs, struct inspect *in)
{
	struct strbuf sb = STRBUF_INIT;
	const char *v;
	size_t len;

	in->environ_err = procfs_read(fs, in->proc->stat.pid, "environ", &sb);
	if (!in->environ_err) {
		v = proc_environ_get(sb.buf, sb.len, "JOURNAL_STREAM", &len);
		if (v)
			in->journal_stream = xstrndup(v, len);
	}
	strbuf_release(&sb);
}

static void link_fds(struct inspect *in)
{
	struct fd_table *t = &in->fds;

	snapshot_add_asker(&in->snap, t->pid);
	snapshot_set_comm(&in->snap, t->pid, in->proc->stat.comm);
	snapshot_set_tty(&in->snap, t->pid, in->proc->stat.tty_nr);
	snapshot_add_fds(&in->snap, t->pid, t->fds, t->count);
	if (t->err == -EACCES || t->err == -EPERM)
		snapshot_note_unreadable(&in->snap);
	snapshot_link_fds(&in->snap, t->fds, t->count);
}

/* The last lines it logged: its unit's or pid's journald entries, else
 * the ends of the files it writes its logs to. */
static void read_logs(const struct procfs *fs, struct inspect *in)
{
	const struct process *p = in->proc;
	struct journal_query q = { .pid = p->stat.pid };
	struct unit_name unit;
	uint64_t start = psinfo_start_time(&in->table, p);

	unit_from_cgroup(p->cgroup ? p->cgroup : "", &unit);
	if (unit.kind == UNIT_SYSTEM || unit.kind == UNIT_USER) {
		q.unit = unit.name;
		q.user_unit = unit.kind == UNIT_USER;
	}
	if (!p->status_err)
		q.uid = p->status.uid[0];
	q.since_usec = start * 1000000ull;
	log_lines_init(&in->journal);
	in->journal_err = journal_tail(&q, INSPECT_LOG_LINES, &in->journal);
	if (!in->journal_err && in->journal.count)
		return;
	log_files_pick(&in->fds, &in->files);
	log_files_open(fs, p->stat.pid, &in->files);
	in->file_lines = xcalloc(in->files.count ? in->files.count : 1,
				 sizeof(*in->file_lines));
	for (size_t i = 0; i < in->files.count; i++)
		log_file_tail(&in->files.v[i], INSPECT_LOG_LINES,
			      &in->file_lines[i]);
}

int inspect_collect(const struct procfs *fs, pid_t pid, struct inspect *in)
{
	int err;

	memset(in, 0, sizeof(*in));
	snapshot_init(&in->snap, fs);
	struct process *target;

	/* the whole table, lightly: the verdict needs the parent and the
	 * session leader, the identity the chain of parents; the process
	 * itself is read in full */
	err = process_table_collect(fs, PROCESS_STATUS, &in->table);
	if (err)
		return err;
	target = (struct process *)process_table_find(&in->table, pid);
	if (!target)
		return -ENOENT;
	process_release(target);
	err = process_read(fs, pid, PROCESS_ALL | PROCESS_WCHAN_FALLBACK, target);
	if (err) {
		/* keep the table sorted and valid: a gone process reads as one
		 * that has nothing */
		target->stat.pid = pid;
		return err == -ENOENT ? -ENOENT : err;
	}
	in->proc = target;
	daemon_judge(&in->table, in->proc, &in->verdict);
	find_parents(in);
	read_threads(fs, in);
	if (!in->nthreads)
		return -ENOENT;
	/* another process with its pid by then means this one exited */
	err = fd_table_read_started(fs, pid, in->proc->stat.starttime,
				    FD_TABLE_ALL_FDINFO, &in->fds);
	if (err)
		return err;
	read_environ(fs, in);
	link_fds(in);
	/* another process's memory and the journal are the live machine's:
	 * not for a canned /proc tree */
	if (strcmp(fs->root, "/proc") == 0) {
		read_wait_sets(in);
		read_logs(fs, in);
	} else {
		in->waits_err = -EOPNOTSUPP;
		log_lines_init(&in->journal);
		in->file_lines = xcalloc(1, sizeof(*in->file_lines));
	}
	return 0;
}

void inspect_release(struct inspect *in)
{
	for (size_t i = 0; i < in->nthreads; i++)
		free(in->threads[i].wchan);
	free(in->threads);
	free(in->waits);
	free(in->journal_stream);
	log_lines_release(&in->journal);
	for (size_t i = 0; in->file_lines && i < in->files.count; i++)
		text_lines_release(&in->file_lines[i]);
	free(in->file_lines);
	log_files_release(&in->files);
	snapshot_release(&in->snap);
	fd_table_release(&in->fds);
	process_table_release(&in->table);
	memset(in, 0, sizeof(*in));
}
