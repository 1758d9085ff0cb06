#include "trace/ebpf_fds.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/param.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "base/xalloc.h"
#include "fd/anon_parse.h"
#include "model/snapshot.h"
#include "net/sockdiag.h"
#include "proc/link.h"
#include "decode/syscall_table.h"
#include "trace/ebpf_records.h"

/* What an fd of a traced group is, as the last record that said it. */
struct ebpf_fd {
	char *target;
	unsigned mode; /* S_IFMT bits */
	dev_t rdev; /* a device's numbers; 0: not a device, or not said */
	uint64_t version;
	/* NULL: not a socket, no name of its peer */
	struct sock_info *sock, *peer_sock;
	char *fdinfo;	/* an eventfd's or timerfd's lines of fdinfo, or NULL */
	pid_t peer_pid; /* an accepted unix socket's connecting process */
	char peer_comm[16]; /* its name then ("": gone) */
	/* said before its process's exec, which may have closed it (close
	 * on exec): still what the fd is if the process uses it (the program
	 * says so when it changed), but no other end for others' fds */
	bool before_exec;
};

static uint64_t fd_key(pid_t pid, int fd)
{
	return (uint64_t)(uint32_t)pid << 32 | (uint32_t)fd;
}

static void fd_clear(struct ebpf_fd *e)
{
	free(e->target);
	sock_info_free(e->sock);
	sock_info_free(e->peer_sock);
	e->target = NULL;
	free(e->fdinfo);
	e->fdinfo = NULL;
	e->sock = e->peer_sock = NULL;
	e->peer_pid = 0;
	e->peer_comm[0] = '\0';
	e->before_exec = false;
	e->rdev = 0;
}

static void fd_free(void *v)
{
	struct ebpf_fd *e = v;

	if (e) {
		fd_clear(e);
		free(e);
	}
}

/* What the program said of a socket, as sock_diag would have said it;
 * and its unix peer's name, in a socket of its own. */
static struct sock_info *sock_of(uint64_t ino, const struct dscope_sock *d)
{
	struct sock_info *si = xcalloc(1, sizeof(*si));

	si->ino = ino;
	si->family = (uint8_t)d->family;
	si->type = (uint8_t)d->type;
	si->protocol = (uint8_t)d->protocol;
	si->state = d->state;
	si->peer_ino = d->peer_ino;
	if (si->state == 10) { /* TCP_LISTEN numbering */
		si->has_queues = true;
		si->rqueue = d->rqueue;
		si->wqueue = d->wqueue;
	}
	if (si->family == AF_UNIX) {
		sock_info_set_unix_name(si, d->path,
					MIN(d->path_len, sizeof(d->path)));
	} else {
		si->sport = d->sport;
		si->dport = d->dport;
		memcpy(si->src, d->src, sizeof(si->src));
		memcpy(si->dst, d->dst, sizeof(si->dst));
	}
	return si;
}

static struct sock_info *peer_of(const struct dscope_sock *d)
{
	struct sock_info *si;

	if (d->family != AF_UNIX || !d->peer_ino || !d->peer_path_len)
		return NULL;
	si = xcalloc(1, sizeof(*si));
	si->ino = d->peer_ino;
	si->family = AF_UNIX;
	si->type = (uint8_t)d->type;
	si->state = 1; /* connected */
	sock_info_set_unix_name(si, d->peer_path,
				MIN(d->peer_path_len, sizeof(d->peer_path)));
	return si;
}

void ebpf_fds_init(struct ebpf_fds *t)
{
	hashmap_init(&t->fds);
	hashmap_init(&t->closing);
	t->nr_close = syscall_table_lookup(syscall_arch_native(), "close");
}

void ebpf_fds_release(struct ebpf_fds *t)
{
	hashmap_release_values(&t->fds, fd_free);
	hashmap_release(&t->closing);
}

/* A pidfd's process and its name then, from the lines the program
 * wrote (its "Name:" is the program's, after the kernel's own lines):
 * named by it when it has been reaped before the line is printed. */
static void learn_pidfd_target(struct ebpf_fd *e)
{
	const char *end = e->fdinfo + strlen(e->fdinfo), *eol, *name;
	int64_t pid;
	size_t n;

	if (!anon_key_i64(e->fdinfo, end, "Pid", &pid) || pid <= 0 ||
	    pid > INT32_MAX)
		return;
	name = anon_key(e->fdinfo, end, "Name", &eol);
	if (!name)
		return;
	n = MIN((size_t)(eol - name), sizeof(e->peer_comm) - 1);
	memcpy(e->peer_comm, name, n);
	e->peer_comm[n] = '\0';
	e->peer_pid = (pid_t)pid;
}

static bool is_device(unsigned mode)
{
	return (mode & S_IFMT) == S_IFCHR || (mode & S_IFMT) == S_IFBLK;
}

/* A dev_t as the kernel keeps it (major << 20 | minor), as stat's. */
static dev_t kernel_dev(uint64_t v)
{
	return makedev((unsigned)(v >> 20), (unsigned)(v & 0xfffff));
}

/* One fd piece: the fd's text and what follows it for a socket, a
 * device or an anonymous inode. */
static void learn_one(struct ebpf_fds *t, pid_t pid, const struct dscope_cap *c,
		      const unsigned char *bytes)
{
	uint64_t key = fd_key(pid, (int)c->addr), ino, rdev;
	struct dscope_sock d;
	struct ebpf_fd *e;
	size_t after;

	if (!c->len) { /* not open at the call */
		fd_free(hashmap_remove(&t->fds, key));
		return;
	}
	e = hashmap_get(&t->fds, key);
	if (!e) {
		e = xcalloc(1, sizeof(*e));
		hashmap_put(&t->fds, key, e);
	}
	fd_clear(e);
	e->version = ++t->versions;
	/* the program's bytes end with a NUL, but trust none */
	e->target = xstrndup((const char *)bytes, c->len);
	e->mode = c->info & ~(unsigned)DSCOPE_CAP_FD;
	after = ebpf_align8(strlen(e->target) + 1);
	if (is_device(e->mode) && c->len >= after + sizeof(rdev)) {
		memcpy(&rdev, bytes + after, sizeof(rdev));
		e->rdev = kernel_dev(rdev);
		return;
	}
	if ((e->mode & S_IFMT) != S_IFSOCK) {
		/* what follows an anonymous inode's target: its fdinfo */
		if (c->len > after &&
		    strncmp(e->target, "anon_inode:", 11) == 0)
			e->fdinfo = xstrndup((const char *)bytes + after,
					     c->len - after);
		if (e->fdinfo && strcmp(e->target, "anon_inode:[pidfd]") == 0)
			learn_pidfd_target(e);
		return;
	}
	if (c->len < after + sizeof(d) ||
	    !proc_link_inode(e->target, "socket", &ino))
		return;
	memcpy(&d, bytes + after, sizeof(d));
	e->sock = sock_of(ino, &d);
	e->peer_sock = peer_of(&d);
	e->peer_pid = (pid_t)d.peer_pid;
	memcpy(e->peer_comm, d.peer_comm, sizeof(e->peer_comm));
	e->peer_comm[sizeof(e->peer_comm) - 1] = '\0';
}

/* A close's fd, kept from its entry until its exit says it worked: the
 * program says nothing of an fd that closed, and a pipe's other end must
 * not be found in an fd closed since. */
static void follow_close(struct ebpf_fds *t, const struct dscope_rec *r)
{
	uintptr_t fd1;

	if (r->nr != t->nr_close || (r->flags & DSCOPE_REC_COMPAT))
		return;
	if (r->type == DSCOPE_REC_ENTER) {
		hashmap_put(&t->closing, r->tid,
			    (void *)(uintptr_t)((uint32_t)r->args[0] + 1ull));
		return;
	}
	fd1 = (uintptr_t)hashmap_remove(&t->closing, r->tid);
	if (fd1 && r->ret == 0)
		fd_free(hashmap_remove(&t->fds,
				       fd_key((pid_t)r->tgid, (int)(fd1 - 1))));
}

void ebpf_fds_learn(struct ebpf_fds *t, const struct dscope_rec *r, size_t size)
{
	const unsigned char *bytes;
	struct dscope_cap c;
	struct pieces it;

	for (pieces_begin(&it, r, size); pieces_next(&it, &c, &bytes);)
		if (c.info & DSCOPE_CAP_FD && c.addr <= INT_MAX)
			learn_one(t, (pid_t)r->tgid, &c, bytes);
	follow_close(t, r);
}

int ebpf_fds_seen(const struct ebpf_fds *t, pid_t pid, int fd,
		  struct fd_seen *seen)
{
	const struct ebpf_fd *e = hashmap_get(&t->fds, fd_key(pid, fd));

	if (!e)
		return -ENOENT;
	memset(seen, 0, sizeof(*seen));
	seen->target = e->target;
	seen->mode = e->mode;
	seen->rdev = e->rdev;
	seen->sock = e->sock;
	seen->peer_sock = e->peer_sock;
	seen->fdinfo = e->fdinfo;
	seen->peer_pid = e->peer_pid > 0 ? e->peer_pid : 0;
	seen->peer_comm = e->peer_comm[0] ? e->peer_comm : NULL;
	seen->version = e->version;
	seen->learned = t->versions;
	return 0;
}

/* Whether o is the other end of e: another fd of the same pipe, the
 * unix socket e's peer is, or the TCP/UDP socket with e's two addresses
 * the other way round. A FIFO's other ends hold the same path. */
static bool other_end(const struct ebpf_fd *e, const struct ebpf_fd *o)
{
	if (e->sock && e->sock->peer_ino)
		return o->sock && o->sock->ino == e->sock->peer_ino;
	if (e->sock)
		return o->sock && sock_info_inet_pair(e->sock, o->sock);
	return (e->mode & S_IFMT) == S_IFIFO &&
	       strcmp(o->target, e->target) == 0;
}

int ebpf_fds_peer(const struct ebpf_fds *t, pid_t pid, int fd, pid_t *peer_pid,
		  int *peer_fd)
{
	uint64_t self = fd_key(pid, fd), key;
	const struct ebpf_fd *e = hashmap_get(&t->fds, self);
	void *v;

	if (!e)
		return -ENOENT;
	for (size_t i = 0; hashmap_next(&t->fds, &i, &key, &v);) {
		if (key != self && !((const struct ebpf_fd *)v)->before_exec &&
		    other_end(e, v)) {
			*peer_pid = (pid_t)(key >> 32);
			*peer_fd = (int)(uint32_t)key;
			return 0;
		}
	}
	return -ENOENT;
}

void ebpf_fds_exec(struct ebpf_fds *t, pid_t pid)
{
	uint64_t key;
	void *v;

	for (size_t i = 0; hashmap_next(&t->fds, &i, &key, &v);)
		if ((pid_t)(key >> 32) == pid)
			((struct ebpf_fd *)v)->before_exec = true;
}

void ebpf_fds_forget_pid(struct ebpf_fds *t, pid_t pid)
{
	hashmap_remove_high32(&t->fds, (uint32_t)pid, fd_free);
}
