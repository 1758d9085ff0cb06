#include "model/fdscan.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

struct reader {
	const struct procfs *fs;
	struct fd_table *tables;
	size_t n;
	unsigned flags;
	atomic_size_t next;
};

static void *read_some(void *arg)
{
	struct reader *r = arg;
	size_t i;

	while ((i = atomic_fetch_add(&r->next, 1)) < r->n) {
		struct fd_table *t = &r->tables[i];
		int e = fd_table_read_started(r->fs, t->pid, t->starttime,
					      r->flags, t);

		/* fd_table_read keeps an unreadable fd directory in t->err */
		if (e)
			t->err = e;
	}
	return NULL;
}

/* Reading fds is system calls on independent processes: with many
 * processes, every core reads a share. */
void fd_scan_read(const struct procfs *fs, struct fd_table *tables, size_t n,
		  unsigned flags)
{
	struct reader r = { .fs = fs, .tables = tables, .n = n, .flags = flags };
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t nthreads = n < 64 || cores < 2 ? 0 : (size_t)(cores > 4 ? 3 : cores - 1);
	pthread_t threads[3];
	size_t started = 0;

	atomic_init(&r.next, 0);
	for (; started < nthreads; started++)
		if (pthread_create(&threads[started], NULL, read_some, &r) != 0)
			break;
	read_some(&r);
	for (size_t i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
}

void fd_scan_link(struct snapshot *snap, struct fd_table *tables, size_t n,
		  bool covers_all)
{
	for (size_t i = 0; i < n; i++) {
		if (tables[i].err == -EACCES || tables[i].err == -EPERM)
			snapshot_note_unreadable(snap);
		if (tables[i].err)
			continue;
		snapshot_add_fds(snap, tables[i].pid, tables[i].fds,
				 tables[i].count);
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < tables[i].count; j++) {
			struct fd *fd = &tables[i].fds[j];

			if (fd->cls->want)
				fd->cls->want(fd, snap);
		}
	if (covers_all)
		snapshot_index_tables(snap);
	else
		snapshot_resolve(snap);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < tables[i].count; j++) {
			struct fd *fd = &tables[i].fds[j];

			if (fd->cls->link)
				fd->cls->link(fd, snap);
		}
}
