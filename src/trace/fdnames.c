#include "trace/fdnames.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <sys/socket.h>
#include <sys/stat.h>

#include "base/escape.h"
#include "base/xalloc.h"
#include "fd/fd.h"
#include "model/fdtab.h"
#include "model/snapshot.h"
#include "net/sockdiag.h"

/* Columns of a description inside <...>: a long one would hide the call. */
#define SHORT_COLS 60
#define PEERS_KEPT 4

struct fdname_peer {
	pid_t pid;
	int fd;
	char *comm; /* raw */
	unsigned mode;
};

struct fdname {
	char *target;	  /* the link when read: raw, compared to validate */
	const char *kind; /* a class's static name */
	char *text;	  /* short form, escaped */
	char *desc;	  /* full description, escaped */
	struct fdname_peer peers[PEERS_KEPT];
	size_t npeers, more_peers;
	int err; /* the fd could not be read: -errno */
	/* what the backend had seen when this name was made (its version):
	 * a name is made again when the backend learns anew */
	uint64_t seen_version;
	/* and how many fds it had learned: a name without the other end is
	 * looked at again when it learned more */
	uint64_t seen_learned;
};

static uint64_t key_of(pid_t pid, int fd)
{
	return (uint64_t)(uint32_t)pid << 32 | (uint32_t)fd;
}

void fdnames_init(struct fdnames *n, bool validate)
{
	memset(n, 0, sizeof(*n));
	hashmap_init(&n->cache);
	n->validate = validate;
	n->fs_ok = procfs_open(&n->fs, "/proc") == 0;
}

static void fdname_free(struct fdname *e)
{
	if (!e)
		return;
	free(e->target);
	free(e->text);
	free(e->desc);
	for (size_t i = 0; i < e->npeers; i++)
		free(e->peers[i].comm);
	free(e);
}

static void fdname_release(void *v)
{
	fdname_free(v);
}

void fdnames_release(struct fdnames *n)
{
	hashmap_release_values(&n->cache, fdname_release);
	if (n->fs_ok)
		procfs_close(&n->fs);
}

/* Sockets and pipes are named by who is at the other end: "unix →
 * systemd-journal[312]"; the rest by their description. */
static void short_text(struct fdname *e, struct strbuf *out)
{
	if (e->err) {
		strbuf_adds(out, e->err == -ENOENT ? "closed"
						   : fd_error_text(e->err));
		return;
	}
	if (e->npeers) {
		strbuf_adds(out, e->kind);
		strbuf_adds(out, " \u2192 ");
		fd_put_escaped(out, e->peers[0].comm ? e->peers[0].comm : "?",
			       e->peers[0].comm ? strlen(e->peers[0].comm) : 1);
		strbuf_addc(out, '[');
		strbuf_add_i64(out, e->peers[0].pid);
		strbuf_addc(out, ']');
		if (e->npeers + e->more_peers > 1)
			strbuf_addf(out, " +%zu",
				    e->npeers + e->more_peers - 1);
		return;
	}
	strbuf_adds(out, e->desc);
	escape_shorten(out, 0, SHORT_COLS);
}

static void keep_peer(struct fdname *e, const struct fd_peer *p,
		      struct snapshot *snap)
{
	const char *comm;

	if (e->npeers == PEERS_KEPT) {
		e->more_peers++;
		return;
	}
	comm = snapshot_comm(snap, p->pid);
	e->peers[e->npeers].pid = p->pid;
	e->peers[e->npeers].fd = p->fd;
	e->peers[e->npeers].mode = p->mode;
	e->peers[e->npeers].comm = comm ? xstrdup(comm) : NULL;
	e->npeers++;
}

static void keep_peers(struct fdname *e, const struct fd *fd,
		       struct snapshot *snap)
{
	/* Other processes first: they are who the call talks to. */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < fd->npeers; i++)
			if ((fd->peers[i].pid == fd->owner) == (pass == 1))
				keep_peer(e, &fd->peers[i], snap);
}

/* The name the backend saw seen's process have (an accepted unix
 * socket's connecting process, a pidfd's), for when it is gone now. */
static void seed_comm(struct snapshot *snap, const struct fd_seen *seen)
{
	if (seen->peer_pid > 0 && seen->peer_comm &&
	    !snapshot_comm(snap, seen->peer_pid))
		snapshot_set_comm(snap, seen->peer_pid, seen->peer_comm);
}

/* With no holder of its other end now: the other end the backend saw,
 * when it saw one; else, for an accepted unix connection, the process
 * that connected (its fd unknown), named as it was then if gone now. */
static void add_seen_peer(struct fd *fd, const struct fd_seen *seen,
			  struct snapshot *snap)
{
	struct trace_backend *b = seen->backend;
	pid_t pid;
	int num;

	if (fd->npeers)
		return;
	if (b && b->ops->fd_peer &&
	    b->ops->fd_peer(b, fd->owner, fd->num, &pid, &num) == 0) {
		const char *comm = b->ops->comm ? b->ops->comm(b, pid) : NULL;

		if (comm && !snapshot_comm(snap, pid)) /* gone since */
			snapshot_set_comm(snap, pid, comm);
		fd_add_peer(fd, pid, num, 0);
		return;
	}
	if (seen->peer_pid <= 0 || !seen->sock) /* a pidfd's is no peer */
		return;
	fd_add_peer(fd, seen->peer_pid, -1, 0); /* named by seed_comm */
}

/* What the backend saw of a socket at the call: it stands for what the
 * kernel says now, which is later (the socket may have closed); of its
 * unix peer, the name, when the kernel no longer knows it. */
static void seed_seen(struct snapshot *snap, const struct fd_seen *seen)
{
	if (!seen || !seen->sock)
		return;
	snapshot_add_seen_socket(snap, seen->sock);
	if (seen->peer_sock && !snapshot_socket(snap, seen->peer_sock->ino))
		snapshot_add_seen_socket(snap, seen->peer_sock);
}

/* A name with nothing known of the fd yet; err: why none will be (0:
 * to be filled in). */
static struct fdname *unnamed(int err)
{
	struct fdname *e = xcalloc(1, sizeof(*e));

	e->kind = "?";
	e->err = err;
	return e;
}

/* Reads the fd and finds who is at its other end, as dscope fds does for
 * one process; a socket as the backend saw it at the call, when it did. */
static struct fdname *read_name(struct fdnames *n, pid_t pid, int num,
				const struct fd_seen *seen)
{
	struct fdname *e = unnamed(n->fs_ok ? 0 : -ENOENT);
	struct strbuf sb = STRBUF_INIT;
	struct fd_table others = { 0 };
	struct snapshot snap;
	struct fd fd;

	if (e->err)
		return e;
	e->err = fd_table_read_one(&n->fs, pid, num, 0, &fd);
	if (e->err)
		return e;
	if (fd.target_err) {
		e->err = fd.target_err;
		fd_release(&fd);
		return e;
	}
	if (!(fd.target && seen && seen->target &&
	      strcmp(fd.target, seen->target) == 0))
		seen = NULL; /* it is another file now */
	snapshot_init(&snap, &n->fs);
	snapshot_add_asker(&snap, pid);
	seed_seen(&snap, seen);
	/* An epoll set describes its targets: it needs the other fds (read
	 * once, when the set is first named). Other fds leave the process
	 * unregistered, so the peer search reads it first, as it reads
	 * others: the other end is often its own (a socketpair, a pipe). */
	if (fd.cls == &fd_class_eventpoll &&
	    fd_table_read(&n->fs, pid, 0, &others) == 0)
		snapshot_add_fds(&snap, pid, others.fds, others.count);
	snapshot_link_fds(&snap, &fd, 1);
	if (seen) { /* whoever had the other end at the call */
		add_seen_peer(&fd, seen, &snap);
		seed_comm(&snap, seen);
	}
	fd_describe(&fd, &snap, &sb);
	e->desc = strbuf_detach(&sb);
	e->kind = fd_kind(&fd, &snap);
	e->target = fd.target ? xstrdup(fd.target) : NULL;
	keep_peers(e, &fd, &snap);
	snapshot_release(&snap);
	fd_table_release(&others);
	fd_release(&fd);
	short_text(e, &sb);
	e->text = strbuf_detach(&sb);
	return e;
}

/* Whether a cached entry still describes what the fd is. */
static bool still_valid(struct fdnames *n, pid_t pid, int fd,
			const struct fdname *e)
{
	struct strbuf sb = STRBUF_INIT;
	char path[32];
	bool same;

	if (!n->validate)
		return true;
	snprintf(path, sizeof(path), "fd/%d", fd);
	same = procfs_readlink(&n->fs, pid, path, &sb) == 0 && e->target &&
	       strcmp(sb.buf, e->target) == 0;
	strbuf_release(&sb);
	return same;
}

/* An fd known only by what it was at the call, without what /proc would
 * add: described as dscope fds would from its link text and mode, and a
 * socket from what sock_diag would have said. Its other end may still be
 * open, here or elsewhere; if it is not now, the backend may have seen
 * who had it, and nothing is said of then (a fresh snapshot does not
 * claim "no other end open"). */
static struct fdname *name_from_seen(struct fdnames *n, pid_t pid, int num,
				     const struct fd_seen *seen)
{
	struct fdname *e = xcalloc(1, sizeof(*e));
	struct strbuf sb = STRBUF_INIT;
	struct snapshot snap;
	struct fd fd;

	memset(&fd, 0, sizeof(fd));
	fd.owner = pid;
	fd.num = num;
	fd.target = xstrdup(seen->target);
	if (seen->mode) {
		fd.has_stat = true;
		fd.st_mode = (mode_t)seen->mode;
		fd.st_rdev = seen->rdev;
	}
	fd.cls = fd_classify(&fd);
	/* an eventfd's count, a timerfd's settings, as the call saw them */
	if (seen->fdinfo && fd.cls->parse)
		fd.info_err =
			fd.cls->parse(&fd, seen->fdinfo, strlen(seen->fdinfo));
	snapshot_init(&snap, &n->fs);
	snapshot_add_asker(&snap, pid);
	seed_seen(&snap, seen);
	snapshot_link_fds(&snap, &fd, 1);
	if (!fd.npeers) {
		snapshot_release(&snap);
		snapshot_init(&snap, &n->fs);
		seed_seen(&snap, seen);
		add_seen_peer(&fd, seen, &snap);
	}
	seed_comm(&snap, seen);
	fd_describe(&fd, &snap, &sb);
	e->desc = strbuf_detach(&sb);
	e->kind = fd_kind(&fd, &snap);
	e->target = xstrdup(seen->target);
	keep_peers(e, &fd, &snap);
	snapshot_release(&snap);
	fd_release(&fd);
	short_text(e, &sb);
	e->text = strbuf_detach(&sb);
	return e;
}

/* Whether a name made without the other end should be made again: the
 * backend has learned fds since, and now knows who has it (a pipe, a
 * unix socket, a TCP/UDP connection on loopback; a remote peer is never
 * among them). */
static bool peer_learned_since(struct fdname *e, pid_t pid, int fd,
			       const struct fd_seen *seen)
{
	struct trace_backend *b = seen->backend;
	pid_t ppid;
	int pfd;

	if (e->npeers || e->seen_learned == seen->learned || !b ||
	    !b->ops->fd_peer)
		return false;
	e->seen_learned = seen->learned;
	if (seen->sock ? seen->sock->family != AF_UNIX &&
				 !sock_info_is_loopback(seen->sock)
		       : (seen->mode & S_IFMT) != S_IFIFO)
		return false;
	return b->ops->fd_peer(b, pid, fd, &ppid, &pfd) == 0;
}

/* The name of an fd the backend saw at the call: the cached one when it
 * was that already, else /proc's when the fd still is that, else what
 * the backend saw. No /proc read for a name already known. */
static struct fdname *lookup_seen(struct fdnames *n, pid_t pid, int fd,
				  const struct fd_seen *seen)
{
	uint64_t key = key_of(pid, fd);
	struct fdname *e = hashmap_get(&n->cache, key);

	if (e && e->target && strcmp(e->target, seen->target) == 0 &&
	    e->seen_version == seen->version &&
	    !peer_learned_since(e, pid, fd, seen))
		return e;
	fdname_free(hashmap_remove(&n->cache, key));
	e = read_name(n, pid, fd, seen);
	if (e->err || !e->target || strcmp(e->target, seen->target) != 0) {
		fdname_free(e);
		e = name_from_seen(n, pid, fd, seen);
	}
	e->seen_version = seen->version;
	e->seen_learned = seen->learned;
	hashmap_put(&n->cache, key, e);
	return e;
}

static struct fdname *lookup(struct fdnames *n, pid_t pid, int fd,
			     const struct fd_seen *seen)
{
	uint64_t key = key_of(pid, fd);
	struct fdname *e;

	if (seen && seen->target)
		return lookup_seen(n, pid, fd, seen);
	if (seen) { /* not open at the call, whatever was cached */
		fdname_free(hashmap_remove(&n->cache, key));
		return unnamed(-ENOENT);
	}
	e = hashmap_get(&n->cache, key);
	if (e && still_valid(n, pid, fd, e))
		return e;
	fdname_free(hashmap_remove(&n->cache, key));
	e = read_name(n, pid, fd, NULL);
	/* an fd that cannot be read now may exist at the next call */
	if (!e->err)
		hashmap_put(&n->cache, key, e);
	return e;
}

static void done_with(struct fdname *e)
{
	if (e->err)
		fdname_free(e);
}

void fdnames_text(struct fdnames *n, pid_t pid, int fd,
		  const struct fd_seen *seen, struct strbuf *out)
{
	struct fdname *e = lookup(n, pid, fd, seen);

	if (e->err)
		short_text(e, out);
	else
		strbuf_adds(out, e->text);
	done_with(e);
}

void fdnames_json(struct fdnames *n, pid_t pid, int fd,
		  const struct fd_seen *seen, struct json_writer *w)
{
	struct fdname *e = lookup(n, pid, fd, seen);

	if (e->err) {
		json_cstr(w, "error",
			  e->err == -ENOENT ? "closed" : fd_error_text(e->err));
		done_with(e);
		return;
	}
	json_cstr(w, "kind", e->kind);
	json_cstr(w, "target", e->target);
	json_cstr(w, "description", e->desc);
	json_begin_array(w, "peers");
	for (size_t i = 0; i < e->npeers; i++) {
		json_begin_object(w, NULL);
		json_i64(w, "pid", e->peers[i].pid);
		if (e->peers[i].comm)
			json_cstr(w, "comm", e->peers[i].comm);
		else
			json_null(w, "comm");
		if (e->peers[i].fd >= 0)
			json_i64(w, "fd", e->peers[i].fd);
		else
			json_null(w, "fd"); /* known by its credentials */
		json_end_object(w);
	}
	json_end_array(w);
}

void fdnames_forget(struct fdnames *n, pid_t pid, int fd)
{
	fdname_free(hashmap_remove(&n->cache, key_of(pid, fd)));
}

void fdnames_forget_pid(struct fdnames *n, pid_t pid)
{
	hashmap_remove_high32(&n->cache, (uint32_t)pid, fdname_release);
}
