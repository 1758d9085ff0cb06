#include "model/logfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/xalloc.h"

/* The most read back from the end of a file, whatever n asks for. */
#define TAIL_READ_MAX (64u * 1024 * 1024)
/* The first block read back; each next one doubles what was read. */
#define TAIL_FIRST_BLOCK (16u * 1024)
/* Follow: one poll every quarter second, a started line goes out after
 * a second without growth. */
#define FOLLOW_TICK_NSEC   250000000L
#define FOLLOW_QUIET_TICKS 4
#define FOLLOW_BLOCK	   (64u * 1024)

void text_lines_release(struct text_lines *l)
{
	for (size_t i = 0; i < l->count; i++)
		free(l->v[i].data);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static void push_text(struct text_lines *l, const char *data, size_t len,
		      bool partial)
{
	struct text_line *t;

	if (len > LOGFILE_LINE_MAX) {
		len = LOGFILE_LINE_MAX;
		partial = true;
	}
	if (l->count == l->alloc)
		l->v = xgrow(l->v, &l->alloc, l->count + 1, sizeof(*l->v));
	t = &l->v[l->count++];
	t->data = xmalloc(len + 1);
	memcpy(t->data, data, len);
	t->data[len] = '\0';
	t->len = len;
	t->partial = partial;
}

/* Whether the fd is where the process writes a log: a regular file
 * (not a device, not /proc or /sys) it writes to. Files it both reads
 * and writes are its data (databases, state, locks) unless they are
 * its stdout or stderr or opened for appending, as logs are. */
static bool is_log_fd(const struct fd *fd)
{
	if (fd->cls != &fd_class_file || !fd->target || !fd->has_stat ||
	    !S_ISREG(fd->st_mode) || !fd->has_mode || !(fd->mode & FD_WRITE))
		return false;
	if (fd->target[0] != '/' || strncmp(fd->target, "/dev/", 5) == 0 ||
	    strncmp(fd->target, "/proc/", 6) == 0 ||
	    strncmp(fd->target, "/sys/", 5) == 0)
		return false;
	return fd->num == 1 || fd->num == 2 || !(fd->mode & FD_READ) ||
	       (fd->has_info && (fd->info.flags & O_APPEND));
}

void log_files_pick(const struct fd_table *t, struct log_files *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < t->count; i++) {
		const struct fd *fd = &t->fds[i];
		struct log_file *f;
		bool seen = false;

		if (!is_log_fd(fd))
			continue;
		for (size_t k = 0; k < out->count && !seen; k++)
			seen = out->v[k].dev == fd->st_dev &&
			       out->v[k].ino == fd->st_ino;
		if (seen)
			continue;
		out->v = xrealloc(out->v, (out->count + 1) * sizeof(*out->v));
		f = &out->v[out->count++];
		memset(f, 0, sizeof(*f));
		f->path = xstrdup(fd->target);
		f->fdnum = fd->num;
		f->dev = fd->st_dev;
		f->ino = fd->st_ino;
		f->fd = -1;
		strbuf_init(&f->pending);
	}
}

void log_files_open(const struct procfs *fs, pid_t pid, struct log_files *lf)
{
	for (size_t i = 0; i < lf->count; i++) {
		struct log_file *f = &lf->v[i];
		char path[48];
		struct stat st;

		if (f->fd >= 0)
			continue;
		snprintf(path, sizeof(path), "%d/fd/%d", (int)pid, f->fdnum);
		/* O_NONBLOCK: should the fd have become a FIFO meanwhile,
		 * opening it must not wait for a writer */
		f->fd = openat(fs->dirfd, path,
			       O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
		if (f->fd < 0) {
			f->err = errno == ESRCH ? -ENOENT : -errno;
			continue;
		}
		if (fstat(f->fd, &st) != 0 || !S_ISREG(st.st_mode) ||
		    (uint64_t)st.st_dev != f->dev ||
		    (uint64_t)st.st_ino != f->ino) {
			/* the fd was closed and reused meanwhile */
			close(f->fd);
			f->fd = -1;
			f->err = -ENOENT;
		}
	}
}

void log_files_release(struct log_files *lf)
{
	for (size_t i = 0; i < lf->count; i++) {
		free(lf->v[i].path);
		if (lf->v[i].fd >= 0)
			close(lf->v[i].fd);
		strbuf_release(&lf->v[i].pending);
	}
	free(lf->v);
	memset(lf, 0, sizeof(*lf));
}

/* Reads exactly len bytes at off; -EAGAIN when the file ended sooner
 * (it was truncated meanwhile). */
static int read_at(int fd, char *buf, size_t len, uint64_t off)
{
	while (len) {
		ssize_t r = pread(fd, buf, len, (off_t)off);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (r == 0)
			return -EAGAIN;
		buf += r;
		len -= (size_t)r;
		off += (uint64_t)r;
	}
	return 0;
}

/* Splits buf (the end of a file) into lines; the first is partial when
 * its start was not read. */
static void split_lines(const char *buf, size_t len, bool first_partial,
			struct text_lines *out)
{
	size_t pos = 0;

	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - buf) : len;

		push_text(out, buf + pos, end - pos, first_partial);
		first_partial = false;
		pos = end + 1;
	}
}

/* The last n lines of the first size bytes of fd. */
static int tail_once(int fd, uint64_t size, size_t n, struct text_lines *out)
{
	/* the newline ending the file ends the last line: it starts none */
	uint64_t floor, pos = size, limit = TAIL_READ_MAX;
	size_t have = 0, newlines = 0, start = 0;
	bool found = false, trailing_nl_checked = false;
	char *buf = NULL;
	int err = 0;

	if (n < TAIL_READ_MAX / (LOGFILE_LINE_MAX + 1))
		limit = (uint64_t)n * (LOGFILE_LINE_MAX + 1);
	floor = size > limit ? size - limit : 0;
	while (!found && pos > floor) {
		size_t chunk = have ? have : TAIL_FIRST_BLOCK;
		char *nbuf;
		size_t scan_end;

		if (chunk > pos - floor)
			chunk = (size_t)(pos - floor);
		nbuf = xmalloc(chunk + have);
		err = read_at(fd, nbuf, chunk, pos - chunk);
		if (err) {
			free(nbuf);
			break;
		}
		if (have)
			memcpy(nbuf + chunk, buf, have);
		free(buf);
		buf = nbuf;
		have += chunk;
		pos -= chunk;
		/* count newlines in the new block, from its end */
		scan_end = chunk;
		if (!trailing_nl_checked) {
			trailing_nl_checked = true;
			if (buf[have - 1] == '\n' && scan_end == have)
				scan_end--;
		}
		while (scan_end > 0) {
			const char *nl = memrchr(buf, '\n', scan_end);

			if (!nl)
				break;
			scan_end = (size_t)(nl - buf);
			if (++newlines == n) {
				found = true;
				start = scan_end + 1;
				break;
			}
		}
	}
	if (!err && have)
		/* without the n-th newline, the read starts at the file's
		 * start or cuts the oldest line */
		split_lines(buf + start, have - start, !found && pos > 0, out);
	free(buf);
	return err;
}

int logfile_tail_fd(int fd, size_t n, struct text_lines *out, uint64_t *end)
{
	struct stat st;
	int err = -EAGAIN;

	memset(out, 0, sizeof(*out));
	for (int tries = 0; tries < 3 && err == -EAGAIN; tries++) {
		text_lines_release(out);
		if (fstat(fd, &st) != 0)
			return -errno;
		if (!S_ISREG(st.st_mode))
			return -EINVAL;
		if (end)
			*end = (uint64_t)st.st_size;
		err = n ? tail_once(fd, (uint64_t)st.st_size, n, out) : 0;
	}
	if (err)
		text_lines_release(out);
	return err;
}

int log_file_tail(struct log_file *f, size_t n, struct text_lines *out)
{
	int err;

	if (f->fd < 0) {
		memset(out, 0, sizeof(*out));
		return f->err ? f->err : -EBADF;
	}
	err = logfile_tail_fd(f->fd, n, out, &f->offset);
	if (err)
		f->err = err;
	strbuf_reset(&f->pending);
	f->quiet_ticks = 0;
	return err;
}

static int
emit_line(const struct log_file *f, const char *data, size_t len, bool partial,
	  int (*cb)(const struct log_file *, const struct text_line *, void *),
	  void *arg)
{
	struct text_line line = { .data = (char *)data,
				  .len = len,
				  .partial = partial };

	return cb(f, &line, arg);
}

/* Passes on the lines in the bytes appended to f since the last poll. */
static int follow_file(struct log_file *f,
		       int (*cb)(const struct log_file *,
				 const struct text_line *, void *),
		       void *arg)
{
	char block[FOLLOW_BLOCK];
	struct stat st;
	uint64_t size;
	int rc;

	if (fstat(f->fd, &st) != 0)
		return 0;
	size = (uint64_t)st.st_size;
	if (size < f->offset) { /* truncated (rotated by copytruncate) */
		f->offset = 0;
		strbuf_reset(&f->pending);
	}
	if (size == f->offset) {
		if (f->pending.len && ++f->quiet_ticks >= FOLLOW_QUIET_TICKS) {
			/* the writer may never end it: show it as it is */
			rc = emit_line(f, f->pending.buf, f->pending.len, false,
				       cb, arg);
			strbuf_reset(&f->pending);
			return rc;
		}
		return 0;
	}
	f->quiet_ticks = 0;
	while (f->offset < size) {
		size_t want = size - f->offset < sizeof(block)
				      ? (size_t)(size - f->offset)
				      : sizeof(block);
		ssize_t r = pread(f->fd, block, want, (off_t)f->offset);
		size_t pos = 0;

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return 0; /* shrank meanwhile: the next poll sees it */
		f->offset += (uint64_t)r;
		while (pos < (size_t)r) {
			const char *nl =
				memchr(block + pos, '\n', (size_t)r - pos);
			size_t end = nl ? (size_t)(nl - block) : (size_t)r;

			strbuf_add(&f->pending, block + pos, end - pos);
			pos = end + (nl != NULL);
			if (nl || f->pending.len >= LOGFILE_LINE_MAX) {
				/* a line too long goes out in pieces */
				rc = emit_line(f, f->pending.buf,
					       f->pending.len, !nl, cb, arg);
				strbuf_reset(&f->pending);
				if (rc)
					return rc;
			}
		}
	}
	return 0;
}

int log_files_follow(struct log_files *lf,
		     int (*cb)(const struct log_file *f,
			       const struct text_line *line, void *arg),
		     void *arg, volatile sig_atomic_t *stop)
{
	bool any = false;

	for (size_t i = 0; i < lf->count; i++)
		any |= lf->v[i].fd >= 0;
	if (!any)
		return -EBADF;
	while (!*stop) {
		struct timespec tick = { 0, FOLLOW_TICK_NSEC };

		for (size_t i = 0; i < lf->count && !*stop; i++) {
			int rc;

			if (lf->v[i].fd < 0)
				continue;
			rc = follow_file(&lf->v[i], cb, arg);
			if (rc)
				return rc;
		}
		if (!*stop)
			nanosleep(&tick, NULL); /* a signal ends it early */
	}
	return 0;
}
