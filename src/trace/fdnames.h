/* What each fd of a traced call is, through the same fd classes and peer
 * search as `dscope fds`: "unix → systemd-journal[312]", "/etc/passwd".
 * Read once per (process, fd) and cached; the tracer forgets an entry when
 * the fd changes (close, dup2 over it, a new fd returned, exec). When not
 * every syscall is seen (a filter), a cached entry is checked against the
 * fd's link first. */
#ifndef DSCOPE_TRACE_FDNAMES_H
#define DSCOPE_TRACE_FDNAMES_H

#include <stdbool.h>
#include <sys/types.h>

#include "base/hashmap.h"
#include "base/strbuf.h"
#include "proc/procfs.h"
#include "trace/backend.h"
#include "render/json.h"

struct fdnames {
	struct procfs fs;
	bool fs_ok;
	struct hashmap cache; /* pid << 32 | fd -> struct fdname * */
	bool validate; /* some syscalls are not seen: check before use */
};

void fdnames_init(struct fdnames *n, bool validate);
void fdnames_release(struct fdnames *n);

/* Appends the short description of fd of pid (escaped) to out; seen:
 * what it was at the call (trace/backend.h), or NULL: it is read now.
 * With seen, the fd is named from /proc when it still is that (peers and
 * all), else from what was seen (an fd the process closed since). */
void fdnames_text(struct fdnames *n, pid_t pid, int fd,
		  const struct fd_seen *seen, struct strbuf *out);
/* Writes the members kind, target, description, peers of fd of pid. */
void fdnames_json(struct fdnames *n, pid_t pid, int fd,
		  const struct fd_seen *seen, struct json_writer *w);

/* The fd changed or closed. */
void fdnames_forget(struct fdnames *n, pid_t pid, int fd);
/* Every fd of pid (exec, exit, close_range). */
void fdnames_forget_pid(struct fdnames *n, pid_t pid);

#endif
