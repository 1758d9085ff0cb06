/* Pidfds: the process they refer to.
 *
 * On Linux 6.18 pidfds live in pidfs (fdinfo mnt_id and ino are pidfs's,
 * each pidfd has its own inode) but the link still reads
 * "anon_inode:[pidfd]"; "pidfd:[N]" is accepted too in case a kernel
 * changes it. fdinfo:
 *
 *	Pid:	4591
 *	NSpid:	4591
 *
 * Pid is as seen from the pid namespace of the /proc that was read: -1
 * once the process was reaped (a zombie still shows its pid), 0 when it
 * is outside that namespace. NSpid lists the pid in each nested namespace
 * (tab-separated), only -1 or 0 in those cases. A pidfd for a thread
 * (PIDFD_THREAD) has O_EXCL in its fdinfo flags. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "fd/anon_parse.h"
#include "fd/fd.h"
#include "model/snapshot.h"
#include "proc/link.h"

int pidfd_fdinfo_parse(const char *buf, size_t len, struct pidfd_info *p)
{
	const char *end = buf + len, *eol, *v;

	memset(p, 0, sizeof(*p));
	if (!anon_key_i64(buf, end, "Pid", &p->pid) || p->pid < -1 ||
	    p->pid > INT32_MAX)
		return -EINVAL;
	v = anon_key(buf, end, "NSpid", &eol);
	while (v && v < eol) {
		int64_t nr;

		if (p->nnspid == PIDFD_MAX_NSPID || !parse_i64(&v, eol, &nr) ||
		    nr < -1 || nr > INT32_MAX)
			return -EINVAL;
		p->nspid[p->nnspid++] = nr;
		v = parse_skip_blanks(v, eol);
	}
	return 0;
}

static bool probe_pidfd(const struct fd *fd)
{
	uint64_t ino;

	return anon_target_is(fd->target, "pidfd") ||
	       (fd->target && proc_link_inode(fd->target, "pidfd", &ino));
}

static int parse_pidfd(struct fd *fd, const char *extra, size_t len)
{
	struct pidfd_info *p = xmalloc(sizeof(*p));
	int err = pidfd_fdinfo_parse(extra, len, p);

	if (err) {
		free(p);
		return err;
	}
	fd->priv = p;
	return 0;
}

static bool is_thread(const struct fd *fd)
{
	return fd->has_info && (fd->info.flags & O_EXCL);
}

static void describe_pidfd(const struct fd *fd, struct snapshot *snap,
			   struct strbuf *out)
{
	const struct pidfd_info *p = fd->priv;
	const char *comm;

	strbuf_adds(out, is_thread(fd) ? "pidfd (thread)" : "pidfd");
	if (!p)
		return;
	if (p->pid == -1) {
		strbuf_adds(out, " (process exited)");
		return;
	}
	if (p->pid == 0) {
		strbuf_adds(out, " (process outside this pid namespace)");
		return;
	}
	strbuf_adds(out, " \u2192 ");
	comm = snapshot_comm(snap, (pid_t)p->pid);
	if (comm) {
		fd_put_escaped(out, comm, strlen(comm));
		strbuf_addc(out, ' ');
	}
	strbuf_addf(out, "[%lld]", (long long)p->pid);
}

static void emit_pidfd(const struct fd *fd, struct snapshot *snap,
		       struct sink *s)
{
	const struct pidfd_info *p = fd->priv;

	if (!p) {
		sink_null(s, "pid");
		sink_null(s, "nspid");
		sink_null(s, "comm");
		sink_null(s, "exited");
	} else {
		if (p->pid > 0)
			sink_i64(s, "pid", p->pid);
		else
			sink_null(s, "pid");
		sink_begin_array(s, "nspid");
		for (size_t i = 0; p->pid > 0 && i < p->nnspid; i++)
			sink_i64(s, NULL, p->nspid[i]);
		sink_end_array(s);
		sink_cstr(s, "comm",
			  p->pid > 0 ? snapshot_comm(snap, (pid_t)p->pid)
				     : NULL);
		sink_bool(s, "exited", p->pid == -1);
	}
	if (fd->has_info)
		sink_bool(s, "thread", is_thread(fd));
	else
		sink_null(s, "thread");
}

const struct fd_class fd_class_pidfd = {
	.kind = "pidfd",
	.needs = FD_NEED_FDINFO,
	.probe = probe_pidfd,
	.parse = parse_pidfd,
	.describe = describe_pidfd,
	.emit = emit_pidfd,
};
