/* The log files a process writes, for when journald has nothing from it:
 * the regular files it holds open for writing (stdout and stderr among
 * them when they are files), their last lines, and what is appended to
 * them afterwards.
 *
 * Reading the end of a file costs blocks from the end only, never the
 * whole file: at most about LOGFILE_LINE_MAX bytes per line asked for. A
 * line longer than LOGFILE_LINE_MAX is cut to its first LOGFILE_LINE_MAX
 * bytes and marked partial; so is the oldest line when its start lies
 * beyond what is read. Library code: errors are return values or data. */
#ifndef DSCOPE_MODEL_LOGFILE_H
#define DSCOPE_MODEL_LOGFILE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "base/strbuf.h"
#include "model/fdtab.h"
#include "proc/procfs.h"

#define LOGFILE_LINE_MAX (64 * 1024)

struct text_line {
	char *data;   /* raw bytes, NUL-terminated for convenience; may hold
		       * NULs: use len */
	size_t len;   /* without the newline */
	bool partial; /* longer than shown, or its start was not read */
};

struct text_lines {
	struct text_line *v; /* oldest first */
	size_t count, alloc;
};

void text_lines_release(struct text_lines *l);

struct log_file {
	char *path; /* the fd's link target, raw and untrusted; may end in
		     * " (deleted)" */
	int fdnum;  /* the process's fd (the lowest of those sharing it) */
	uint64_t dev, ino;
	int fd;	 /* ours, for reading; -1 when not open */
	int err; /* why it could not be opened or read, else 0 */
	/* follow state: what was read, and a started line */
	uint64_t offset;
	struct strbuf pending;
	unsigned quiet_ticks; /* polls since pending last grew */
};

struct log_files {
	struct log_file *v; /* in fd order */
	size_t count;
};

/* Picks from t the files a process writes its logs to: regular files
 * open for writing, not under /dev; a file open on several fds (stdout
 * and stderr) once. Reads nothing. */
void log_files_pick(const struct fd_table *t, struct log_files *out);
/* Opens each picked file for reading through the process's fd link
 * (ROOT/PID/fd/N: also works for deleted files and files in another
 * mount namespace), checking it is still the same file; a failure is
 * kept in f->err (-EACCES, -ENOENT when the fd or process is gone). */
void log_files_open(const struct procfs *fs, pid_t pid, struct log_files *lf);
void log_files_release(struct log_files *lf);

/* The last n lines of f into out (initialized here); remembers the end
 * for log_files_follow. Returns 0 or -errno (also kept in f->err). */
int log_file_tail(struct log_file *f, size_t n, struct text_lines *out);
/* The same for any descriptor: the last n lines of what fd holds up to
 * its size now; *end (may be NULL) is set to the offset read up to. */
int logfile_tail_fd(int fd, size_t n, struct text_lines *out, uint64_t *end);

/* Calls cb with each line appended to the open files of lf after what
 * was read (a file that shrinks was truncated: it is read again from its
 * start), until cb returns non-zero or *stop is set. Checks sizes every
 * quarter second. A line without its newline yet is passed on once the
 * file stopped growing for a second (what follows comes as another line);
 * a line reaching LOGFILE_LINE_MAX goes in pieces marked partial. Returns
 * 0 when stopped, cb's value, or -EBADF when no file is open. */
int log_files_follow(struct log_files *lf,
		     int (*cb)(const struct log_file *f,
			       const struct text_line *line, void *arg),
		     void *arg, volatile sig_atomic_t *stop);

#endif
