/* The registry of fd classes and what every fd shares: classification,
 * peers, the description line and the JSON object. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "fd/fd.h"
#include "model/snapshot.h"

/* Most specific first: anon, memfd and socket kinds before the generic
 * ones; the unknown class takes whatever is left. */
static const struct fd_class *const classes[] = {
	&fd_class_pipe,	       &fd_class_socket,   &fd_class_eventpoll,
	&fd_class_eventfd,     &fd_class_timerfd,  &fd_class_signalfd,
	&fd_class_inotify,     &fd_class_fanotify, &fd_class_pidfd,
	&fd_class_io_uring,    &fd_class_bpf,	   &fd_class_perf,
	&fd_class_userfaultfd, &fd_class_anon,	   &fd_class_memfd,
	&fd_class_fifo,	       &fd_class_device,   &fd_class_dir,
	&fd_class_file,	       &fd_class_unknown,
};

const struct fd_class *fd_classify(struct fd *fd)
{
	for (size_t i = 0; i < sizeof(classes) / sizeof(*classes); i++) {
		if (classes[i]->probe(fd)) {
			fd->cls = classes[i];
			return fd->cls;
		}
	}
	fd->cls = &fd_class_unknown;
	return fd->cls;
}

bool fd_target_is_path(const struct fd *fd)
{
	return fd->target && fd->target[0] == '/';
}

void fd_release(struct fd *fd)
{
	if (fd->cls && fd->cls->release)
		fd->cls->release(fd);
	free(fd->priv);
	free(fd->peers);
	free(fd->target);
	memset(fd, 0, sizeof(*fd));
}

void fd_add_peer(struct fd *fd, pid_t pid, int num, unsigned mode)
{
	for (size_t i = 0; i < fd->npeers; i++)
		if (fd->peers[i].pid == pid && fd->peers[i].fd == num)
			return;
	fd->peers = realloc(fd->peers, (fd->npeers + 1) * sizeof(*fd->peers));
	if (!fd->peers)
		abort();
	fd->peers[fd->npeers++] = (struct fd_peer){ pid, num, mode };
}

void fd_put_escaped(struct strbuf *out, const char *s, size_t len)
{
	escape_text(out, s, len, 0);
}

const char *fd_kind(const struct fd *fd, struct snapshot *snap)
{
	if (!fd->cls)
		return "unknown";
	if (fd->cls->kind_of) {
		const char *k = fd->cls->kind_of(fd, snap);

		if (k)
			return k;
	}
	return fd->cls->kind;
}

const char *fd_mode_name(unsigned mode, bool known)
{
	if (!known)
		return "?";
	switch (mode & (FD_READ | FD_WRITE)) {
	case FD_READ:
		return "r";
	case FD_WRITE:
		return "w";
	case FD_READ | FD_WRITE:
		return "rw";
	}
	return "-";
}

static void put_comm(struct strbuf *out, struct snapshot *snap, pid_t pid)
{
	const char *comm = snapshot_comm(snap, pid);

	if (comm)
		fd_put_escaped(out, comm, strlen(comm));
	else
		strbuf_adds(out, "?");
}

void fd_describe_peers(const struct fd *fd, struct snapshot *snap,
		       struct strbuf *out)
{
	for (size_t i = 0; i < fd->npeers; i++) {
		const struct fd_peer *p = &fd->peers[i];

		strbuf_adds(out, i ? ", " : " \u2192 ");
		put_comm(out, snap, p->pid);
		strbuf_addf(out, " [%d]", (int)p->pid);
		if (p->fd >= 0) /* < 0: known by its credentials, not its fd */
			strbuf_addf(out, " fd %d", p->fd);
		if (p->mode)
			strbuf_addf(out, " (%s)", fd_mode_name(p->mode, true));
	}
}

void fd_emit_peers(const struct fd *fd, struct snapshot *snap, struct sink *s)
{
	sink_begin_array(s, "peers");
	for (size_t i = 0; i < fd->npeers; i++) {
		const struct fd_peer *p = &fd->peers[i];

		sink_begin_object(s, NULL);
		sink_i64(s, "pid", p->pid);
		sink_cstr(s, "comm", snapshot_comm(snap, p->pid));
		if (p->fd >= 0)
			sink_i64(s, "fd", p->fd);
		else
			sink_null(s, "fd");
		if (p->mode)
			sink_cstr(s, "mode", fd_mode_name(p->mode, true));
		else
			sink_null(s, "mode");
		sink_end_object(s);
	}
	sink_end_array(s);
}

const char *fd_error_text(int err)
{
	return err == -EACCES || err == -EPERM ? "permission denied"
					       : strerror(-err);
}

bool fd_probe_never(const struct fd *fd)
{
	(void)fd; /* classes chosen by another class (sockets by family) */
	return false;
}

void fd_describe_no_peer(const struct snapshot *snap, struct strbuf *out)
{
	if (snap->complete)
		strbuf_adds(out, " (no other end open)");
	else if (snap->unreadable)
		strbuf_addf(out, " (other end not visible: %zu %s unreadable)",
			    snap->unreadable,
			    snap->unreadable == 1 ? "process" : "processes");
}

void fd_prefetch(const struct fd *fd, struct snapshot *snap)
{
	for (size_t i = 0; i < fd->npeers; i++)
		snapshot_comm(snap, fd->peers[i].pid);
	if (fd->has_info && fd_target_is_path(fd))
		snapshot_mounts(snap, fd->owner);
}

void fd_describe(const struct fd *fd, struct snapshot *snap, struct strbuf *out)
{
	if (fd->target_err) {
		strbuf_addf(out, "(%s)", fd_error_text(fd->target_err));
		return;
	}
	if (fd->cls && fd->cls->describe)
		fd->cls->describe(fd, snap, out);
	else if (fd->target)
		fd_put_escaped(out, fd->target, strlen(fd->target));
}

void fd_emit(const struct fd *fd, struct snapshot *snap, struct sink *s)
{
	fd_emit_as(fd, snap, s, NULL);
}

void fd_emit_as(const struct fd *fd, struct snapshot *snap, struct sink *s,
		const char *key)
{
	struct strbuf desc = STRBUF_INIT;

	sink_begin_object(s, key);
	sink_i64(s, "fd", fd->num);
	if (fd->has_mode)
		sink_cstr(s, "mode", fd_mode_name(fd->mode, true));
	else
		sink_null(s, "mode");
	sink_cstr(s, "kind", fd_kind(fd, snap));
	sink_cstr(s, "target", fd->target);
	fd_describe(fd, snap, &desc);
	sink_str(s, "description", desc.buf ? desc.buf : "", desc.len);
	strbuf_release(&desc);
	if (fd->has_info) {
		sink_u64(s, "pos", fd->info.pos);
		sink_u64(s, "flags", fd->info.flags);
		sink_i64(s, "mnt_id", fd->info.mnt_id);
	}
	if (fd->target_err)
		sink_cstr(s, "error", fd_error_text(fd->target_err));
	else if (fd->info_err == -EINVAL)
		sink_cstr(s, "error", "malformed fdinfo");
	else if (fd->info_err && fd->info_err != -ENOENT)
		sink_cstr(s, "error", fd_error_text(fd->info_err));
	if (fd->cls && fd->cls->emit)
		fd->cls->emit(fd, snap, s);
	sink_end_object(s);
}

/* Links fd to the other holders of key; with same_way_too false, holders
 * moving data the same way as fd (a reader's fellow readers) are left out. */
static void link_holders(struct fd *fd, struct snapshot *snap, uint64_t key,
			 bool same_way_too)
{
	const struct endpoint_holders *h = snapshot_holders(snap, key);

	for (size_t i = 0; h && i < h->count; i++) {
		const struct fd_peer *p = &h->v[i];

		if (p->pid == fd->owner && p->fd == fd->num)
			continue;
		if (!same_way_too && fd->has_mode && p->mode &&
		    fd->mode != (FD_READ | FD_WRITE) && p->mode == fd->mode)
			continue;
		/* only a pipe's direction says something; a socket is rw */
		fd_add_peer(fd, p->pid, p->fd, same_way_too ? 0 : p->mode);
	}
}

void fd_link_holders(struct fd *fd, struct snapshot *snap, uint64_t key)
{
	link_holders(fd, snap, key, true);
}

/* The other end of a pipe or FIFO: holders that move data the other way
 * (a reader's peers are writers), or any other holder when a mode is
 * unknown. */
void fd_link_other_ends(struct fd *fd, struct snapshot *snap, uint64_t key)
{
	link_holders(fd, snap, key, false);
}
