/* The daemon verdict: explained by criteria, each one a fact from /proc,
 * never a guess. */
#ifndef DSCOPE_MODEL_DAEMON_H
#define DSCOPE_MODEL_DAEMON_H

#include <stdbool.h>
#include <sys/types.h>

#include "model/process.h"

enum daemon_session {
	DAEMON_SESSION_LEADER, /* leads its own session (setsid) */
	DAEMON_SESSION_ORPHANED, /* its session leader is gone: fork, setsid, fork */
	DAEMON_SESSION_MEMBER, /* in a session whose leader still runs */
};

enum daemon_parent {
	DAEMON_PARENT_INIT, /* pid 1, or the init of its pid namespace */
	DAEMON_PARENT_SUPERVISOR, /* a known service manager */
	DAEMON_PARENT_OTHER,
};

enum daemon_stdin {
	DAEMON_STDIN_UNKNOWN, /* not readable without privilege */
	DAEMON_STDIN_NULL,
	DAEMON_STDIN_CLOSED,
	DAEMON_STDIN_TTY,
	DAEMON_STDIN_SOCKET,
	DAEMON_STDIN_PIPE,
	DAEMON_STDIN_OTHER,
};

struct daemon_verdict {
	bool is_daemon;
	bool no_tty;
	enum daemon_session session;
	enum daemon_parent parent;
	enum daemon_stdin stdin_kind;
	int cwd_root; /* 1 cwd is "/", 0 it is not, -1 unknown */
	bool service_cgroup; /* in a systemd .service unit */
};

/* Judges p; t supplies the parent and session leader. */
void daemon_judge(const struct process_table *t, const struct process *p,
		  struct daemon_verdict *v);

const char *daemon_session_name(enum daemon_session s);
const char *daemon_parent_name(enum daemon_parent p);
/* NULL for unknown. */
const char *daemon_stdin_name(enum daemon_stdin s);

#endif
