#include "model/daemon.h"

#include <errno.h>
#include <string.h>

#include "fd/fd.h"
#include "model/unit.h"

/* Service managers whose children are daemons even though their parent
 * is not pid 1 (comm names, at most 15 bytes). */
static const char *const supervisors[] = {
	"systemd", "supervisord", "runsv", "s6-supervise", "containerd-shim",
	"conmon", "tini", "dumb-init", "docker-init", "catatonit", "monit",
	"daemontools", "supervise", "openrc-run.sh", "init",
};

static enum daemon_parent judge_parent(const struct process_table *t,
				       const struct process *p)
{
	const struct process *parent;

	if (p->stat.ppid <= 1)
		return DAEMON_PARENT_INIT;
	parent = process_table_find(t, p->stat.ppid);
	if (!parent)
		return DAEMON_PARENT_OTHER;
	/* The innermost NSpid of a container's init is 1. */
	if (parent->status.nspid_count > 1 &&
	    parent->status.nspid[parent->status.nspid_count - 1] == 1)
		return DAEMON_PARENT_INIT;
	for (size_t i = 0; i < sizeof(supervisors) / sizeof(*supervisors); i++)
		if (strcmp(parent->stat.comm, supervisors[i]) == 0)
			return DAEMON_PARENT_SUPERVISOR;
	return DAEMON_PARENT_OTHER;
}

static enum daemon_stdin judge_stdin(const struct process *p)
{
	struct fd fd = { .num = 0, .target = p->stdin_target };
	const struct fd_class *cls;

	if (p->stdin_err == -ENOENT)
		return DAEMON_STDIN_CLOSED;
	if (p->stdin_err || !fd.target)
		return DAEMON_STDIN_UNKNOWN;
	cls = fd_classify(&fd);
	if (cls == &fd_class_pipe)
		return DAEMON_STDIN_PIPE;
	if (cls == &fd_class_socket)
		return DAEMON_STDIN_SOCKET;
	if (cls == &fd_class_device) {
		if (strcmp(fd.target, "/dev/null") == 0)
			return DAEMON_STDIN_NULL;
		if (strncmp(fd.target, "/dev/pts/", 9) == 0 ||
		    strncmp(fd.target, "/dev/tty", 8) == 0 ||
		    strcmp(fd.target, "/dev/console") == 0)
			return DAEMON_STDIN_TTY;
	}
	return DAEMON_STDIN_OTHER;
}

void daemon_judge(const struct process_table *t, const struct process *p,
		  struct daemon_verdict *v)
{
	pid_t sid = p->stat.session;
	struct unit_name unit;

	memset(v, 0, sizeof(*v));
	v->no_tty = p->stat.tty_nr == 0;
	if (sid == p->stat.pid)
		v->session = DAEMON_SESSION_LEADER;
	else if (sid > 0 && !process_table_find(t, sid))
		v->session = DAEMON_SESSION_ORPHANED;
	else
		v->session = DAEMON_SESSION_MEMBER;
	v->parent = judge_parent(t, p);
	v->stdin_kind = judge_stdin(p);
	v->cwd_root = p->cwd ? strcmp(p->cwd, "/") == 0 : -1;
	if (p->cgroup) {
		unit_from_cgroup(p->cgroup, &unit);
		/* a service, not a scope: every desktop app has a scope */
		size_t n = strlen(unit.name);

		v->service_cgroup = (unit.kind == UNIT_SYSTEM ||
				     unit.kind == UNIT_USER) &&
				    n > 8 &&
				    strcmp(unit.name + n - 8, ".service") == 0;
	}

	/* Without a terminal, a process is a daemon when something detached
	 * it on purpose: a service manager or init adopted it, it runs in a
	 * service unit, or it left its login session (setsid). A plain
	 * background job keeps its parent shell and its session. */
	v->is_daemon = v->no_tty && !process_is_kernel_thread(p) &&
		       (v->parent != DAEMON_PARENT_OTHER || v->service_cgroup ||
			v->session != DAEMON_SESSION_MEMBER);
}

const char *daemon_session_name(enum daemon_session s)
{
	switch (s) {
	case DAEMON_SESSION_LEADER:
		return "leader";
	case DAEMON_SESSION_ORPHANED:
		return "leader-gone";
	case DAEMON_SESSION_MEMBER:
		break;
	}
	return "member";
}

const char *daemon_parent_name(enum daemon_parent p)
{
	switch (p) {
	case DAEMON_PARENT_INIT:
		return "init";
	case DAEMON_PARENT_SUPERVISOR:
		return "supervisor";
	case DAEMON_PARENT_OTHER:
		break;
	}
	return "other";
}

const char *daemon_stdin_name(enum daemon_stdin s)
{
	static const char *const names[] = {
		[DAEMON_STDIN_UNKNOWN] = NULL,	  [DAEMON_STDIN_NULL] = "/dev/null",
		[DAEMON_STDIN_CLOSED] = "closed", [DAEMON_STDIN_TTY] = "tty",
		[DAEMON_STDIN_SOCKET] = "socket", [DAEMON_STDIN_PIPE] = "pipe",
		[DAEMON_STDIN_OTHER] = "file",
	};

	return names[s];
}
