#include "model/snapshot.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "fd/anon_parse.h"
#include "model/fdtab.h"
#include "net/procnet.h"
#include "proc/link.h"
#include "proc/ns.h"
#include "proc/stat.h"

struct netns_socks {
	struct sock_table t;
	int err;
};

struct snapshot_fds {
	struct fd *fds;
	size_t count;
};

void snapshot_init(struct snapshot *snap, const struct procfs *fs)
{
	memset(snap, 0, sizeof(*snap));
	snap->fs = fs;
	sock_table_init(&snap->socks);
	sock_table_init(&snap->seen_socks);
	hashmap_init(&snap->wanted);
	hashmap_init(&snap->comms);
	hashmap_init(&snap->tables);
	hashmap_init(&snap->inet_tuples);
	hashmap_init(&snap->inet_bound);
	hashmap_init(&snap->tcp_listening);
	hashmap_init(&snap->unix_pending);
	hashmap_init(&snap->netns);
	hashmap_init(&snap->pid_netns);
	hashmap_init(&snap->mounts);
	hashmap_init(&snap->ttys);
}

void snapshot_release(struct snapshot *snap)
{
	uint64_t key;
	void *v;

	for (size_t i = 0; hashmap_next(&snap->wanted, &i, &key, &v);) {
		struct endpoint_holders *h = v;

		free(h->v);
		free(h->path);
		free(h);
	}
	for (size_t i = 0; hashmap_next(&snap->comms, &i, &key, &v);)
		free(v);
	for (size_t i = 0; hashmap_next(&snap->tables, &i, &key, &v);)
		free(v);
	hashmap_release(&snap->wanted);
	hashmap_release(&snap->comms);
	hashmap_release(&snap->tables);
	hashmap_release(&snap->inet_tuples);
	hashmap_release(&snap->inet_bound);
	hashmap_release(&snap->tcp_listening);
	hashmap_release(&snap->unix_pending);
	for (size_t i = 0; hashmap_next(&snap->netns, &i, &key, &v);) {
		struct netns_socks *ns = v;

		sock_table_release(&ns->t);
		free(ns);
	}
	hashmap_release(&snap->netns);
	hashmap_release(&snap->pid_netns);
	for (size_t i = 0; hashmap_next(&snap->mounts, &i, &key, &v);) {
		if (v)
			mount_table_release(v);
		free(v);
	}
	hashmap_release(&snap->mounts);
	hashmap_release(&snap->ttys);
	sock_table_release(&snap->socks);
	sock_table_release(&snap->seen_socks);
	free(snap->askers);
	memset(snap, 0, sizeof(*snap));
}

/* Raw sockets from /proc/net/raw{,6} of pid's network namespace (pid 0:
 * dscope's own), for kernels whose sock_diag cannot dump them. */
static void add_proc_raw(struct snapshot *snap, pid_t pid, struct sock_table *t)
{
	static const struct {
		const char *file;
		int family;
	} files[] = { { "net/raw", AF_INET }, { "net/raw6", AF_INET6 } };
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++)
		if (procfs_read(snap->fs, pid, files[i].file, &sb) == 0)
			procnet_parse_raw(sb.buf, sb.len, files[i].family, t);
	strbuf_release(&sb);
}

const struct sock_info *snapshot_socket(struct snapshot *snap, uint64_t ino)
{
	const struct sock_info *si;
	uint64_t key;
	void *v;

	si = sock_table_find(&snap->seen_socks, ino);
	if (si)
		return si;
	/* Unix sockets first: most fds a daemon has are, and dumping TCP
	 * walks the kernel's whole connection tables. The rest is dumped
	 * only for a socket that is not among them. */
	if (!snap->socks_loaded_unix) {
		snap->socks_loaded_unix = true;
		snap->socks_err = sockdiag_dump(&snap->socks, SOCKDIAG_UNIX);
	}
	si = sock_table_find(&snap->socks, ino);
	if (!si && !snap->socks_loaded) {
		int err;

		snap->socks_loaded = true;
		err = sockdiag_dump(&snap->socks,
				    SOCKDIAG_ALL & ~SOCKDIAG_UNIX);
		if (!snap->socks_err || snap->socks_err == -ENOENT)
			snap->socks_err = err;
		add_proc_raw(snap, 0, &snap->socks);
		si = sock_table_find(&snap->socks, ino);
	}
	/* socket inodes are unique across namespaces: look in the others */
	for (size_t i = 0; !si && hashmap_next(&snap->netns, &i, &key, &v);)
		si = sock_table_find(&((struct netns_socks *)v)->t, ino);
	return si;
}

static uint64_t netns_of(struct snapshot *snap, pid_t pid)
{
	uint64_t cached = (uint64_t)(uintptr_t)hashmap_get(&snap->pid_netns,
							   (uint64_t)pid);
	uint64_t ns = 0;

	if (cached)
		return cached - 1;
	if (proc_ns_inode(snap->fs, pid, "net", &ns) != 0)
		ns = 0;
	hashmap_put(&snap->pid_netns, (uint64_t)pid,
		    (void *)(uintptr_t)(ns + 1));
	return ns;
}

/* The dump of pid's network namespace when it is not dscope's own. */
static struct netns_socks *foreign_netns(struct snapshot *snap, pid_t pid)
{
	uint64_t ns = netns_of(snap, pid);
	struct netns_socks *n;
	char path[48];
	int fd;

	if (!snap->own_netns)
		snap->own_netns = netns_of(snap, getpid());
	if (!ns || !snap->own_netns || ns == snap->own_netns)
		return NULL;
	n = hashmap_get(&snap->netns, ns);
	if (n)
		return n;
	n = xcalloc(1, sizeof(*n));
	sock_table_init(&n->t);
	hashmap_put(&snap->netns, ns, n);
	snprintf(path, sizeof(path), "%d/ns/net", (int)pid);
	fd = openat(snap->fs->dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		n->err = -errno;
		return n;
	}
	n->err = sockdiag_dump_netns(&n->t, SOCKDIAG_ALL, fd);
	close(fd);
	add_proc_raw(snap, pid, &n->t);
	return n;
}

const struct sock_info *snapshot_socket_of(struct snapshot *snap, pid_t pid,
					   uint64_t ino)
{
	const struct sock_info *si = snapshot_socket(snap, ino);

	if (!si && foreign_netns(snap, pid))
		si = snapshot_socket(snap, ino);
	return si;
}

/* The address and queue indexes, built again on their next use. */
static void forget_indexes(struct snapshot *snap)
{
	struct hashmap *maps[] = { &snap->inet_tuples, &snap->inet_bound,
				   &snap->tcp_listening, &snap->unix_pending };

	for (size_t i = 0; i < sizeof(maps) / sizeof(*maps); i++) {
		hashmap_release(maps[i]);
		hashmap_init(maps[i]);
	}
	snap->inet_indexed = false;
	snap->unix_pending_indexed = false;
}

void snapshot_add_seen_socket(struct snapshot *snap, const struct sock_info *si)
{
	if (!si)
		return;
	/* one seen again replaces (frees) the first: the indexes that may
	 * point to it are built again */
	if (sock_table_find(&snap->seen_socks, si->ino))
		forget_indexes(snap);
	sock_table_add(&snap->seen_socks, sock_info_copy(si));
}

bool snapshot_socket_is_own(const struct snapshot *snap,
			    const struct sock_info *s)
{
	const struct sock_info *seen =
		sock_table_find(&snap->seen_socks, s->ino);

	return seen ? seen == s : sock_table_find(&snap->socks, s->ino) == s;
}

int snapshot_socket_error(struct snapshot *snap, pid_t pid)
{
	struct netns_socks *n = foreign_netns(snap, pid);

	if (n)
		return n->err;
	return snap->socks_err == -ENOENT ? 0 : snap->socks_err;
}

uint64_t snapshot_key(enum endpoint_kind kind, uint64_t value)
{
	return hashmap_key(kind, value & ((1ULL << 56) - 1));
}

uint64_t snapshot_path_key(const char *path)
{
	return snapshot_key(ENDPOINT_PATH,
			    hash_bytes(HASH_SEED, path, strlen(path)));
}

static struct endpoint_holders *want(struct snapshot *snap, uint64_t key)
{
	struct endpoint_holders *h = hashmap_get(&snap->wanted, key);

	if (!h) {
		h = xcalloc(1, sizeof(*h));
		hashmap_put(&snap->wanted, key, h);
	}
	return h;
}

void snapshot_want(struct snapshot *snap, uint64_t key)
{
	want(snap, key)->optional = false;
}

void snapshot_want_end(struct snapshot *snap, uint64_t key, unsigned own_mode)
{
	struct endpoint_holders *h = want(snap, key);

	h->optional = false;
	if (own_mode == FD_READ)
		h->need |= FD_WRITE;
	else if (own_mode == FD_WRITE)
		h->need |= FD_READ;
	else
		h->need_other = true;
}

void snapshot_note_unreadable(struct snapshot *snap)
{
	snap->unreadable++;
}

void snapshot_want_optional(struct snapshot *snap, uint64_t key)
{
	struct endpoint_holders *h = hashmap_get(&snap->wanted, key);

	/* a key someone requires stays required */
	if (!h)
		want(snap, key)->optional = true;
}

const struct mount_table *snapshot_mounts(struct snapshot *snap, pid_t pid)
{
	struct strbuf sb = STRBUF_INIT;
	struct mount_table *t;
	uint64_t ns = 0;

	if (proc_ns_inode(snap->fs, pid, "mnt", &ns) != 0)
		return NULL;
	if (hashmap_contains(&snap->mounts, ns))
		return hashmap_get(&snap->mounts, ns);
	t = xcalloc(1, sizeof(*t));
	if (procfs_read(snap->fs, pid, "mountinfo", &sb) != 0 ||
	    proc_mountinfo_parse(sb.buf, sb.len, t) != 0) {
		mount_table_release(t);
		free(t);
		t = NULL; /* remembered: no second try */
	}
	strbuf_release(&sb);
	hashmap_put(&snap->mounts, ns, t);
	return t;
}

void snapshot_set_tty(struct snapshot *snap, pid_t pid, int tty_nr)
{
	hashmap_put(&snap->ttys, (uint64_t)pid, (void *)(intptr_t)(tty_nr + 1));
}

int snapshot_tty(const struct snapshot *snap, pid_t pid)
{
	if (!hashmap_contains(&snap->ttys, (uint64_t)pid))
		return -1;
	return (int)(intptr_t)hashmap_get(&snap->ttys, (uint64_t)pid) - 1;
}

void snapshot_set_comm(struct snapshot *snap, pid_t pid, const char *comm)
{
	free(hashmap_get(&snap->comms, (uint64_t)pid));
	hashmap_put(&snap->comms, (uint64_t)pid, xstrdup(comm));
}

void snapshot_want_path(struct snapshot *snap, const char *path, uint64_t dev,
			uint64_t ino)
{
	struct endpoint_holders *h = want(snap, snapshot_path_key(path));

	if (!h->path) {
		h->path = xstrdup(path);
		h->dev = dev;
		h->ino = ino;
	}
}

void snapshot_add_asker(struct snapshot *snap, pid_t pid)
{
	snap->askers = xrealloc(snap->askers,
				(snap->naskers + 1) * sizeof(*snap->askers));
	snap->askers[snap->naskers++] = pid;
}

void snapshot_add_fds(struct snapshot *snap, pid_t pid, struct fd *fds,
		      size_t n)
{
	struct snapshot_fds *t = xmalloc(sizeof(*t));

	free(hashmap_get(&snap->tables, (uint64_t)pid));
	t->fds = fds;
	t->count = n;
	hashmap_put(&snap->tables, (uint64_t)pid, t);
}

const struct fd *snapshot_fds_of(const struct snapshot *snap, pid_t pid,
				 size_t *n)
{
	struct snapshot_fds *t = hashmap_get(&snap->tables, (uint64_t)pid);

	*n = t ? t->count : 0;
	return t ? t->fds : NULL;
}

struct fd *snapshot_find_fd(const struct snapshot *snap, pid_t pid, int num)
{
	struct snapshot_fds *t = hashmap_get(&snap->tables, (uint64_t)pid);
	size_t lo = 0, hi;

	if (!t)
		return NULL;
	hi = t->count;
	while (lo < hi) { /* tables are sorted by fd number */
		size_t mid = (lo + hi) / 2;

		if (t->fds[mid].num == num)
			return &t->fds[mid];
		if (t->fds[mid].num < num)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct endpoint_holders *snapshot_holders(const struct snapshot *snap,
						uint64_t key)
{
	const struct endpoint_holders *h = hashmap_get(&snap->wanted, key);

	return h && h->count ? h : NULL;
}

const char *snapshot_comm(struct snapshot *snap, pid_t pid)
{
	struct strbuf sb = STRBUF_INIT;
	char *comm = hashmap_get(&snap->comms, (uint64_t)pid);

	if (comm)
		return *comm ? comm : NULL;
	if (procfs_read(snap->fs, pid, "comm", &sb) == 0) {
		if (sb.len && sb.buf[sb.len - 1] == '\n')
			sb.buf[--sb.len] = '\0';
		comm = strbuf_detach(&sb);
	} else {
		comm = xstrdup(""); /* gone: remember that too */
	}
	strbuf_release(&sb);
	hashmap_put(&snap->comms, (uint64_t)pid, comm);
	return *comm ? comm : NULL;
}

const struct sock_info *snapshot_unix_acceptor(struct snapshot *snap,
					       const struct sock_info *s)
{
	uint64_t ino;
	void *v;

	if (s->family != AF_UNIX || s->peer_ino ||
	    !snapshot_socket_is_own(snap, s))
		return NULL; /* connected, or of another namespace */
	if (!snap->unix_pending_indexed) {
		snap->unix_pending_indexed = true;
		for (size_t i = 0;
		     hashmap_next(&snap->socks.by_ino, &i, &ino, &v);) {
			const struct sock_info *l = v;

			for (size_t j = 0;
			     l->family == AF_UNIX && j < l->npending; j++)
				hashmap_put(&snap->unix_pending, l->pending[j],
					    v);
		}
	}
	return hashmap_get(&snap->unix_pending, s->ino);
}

/* --- resolution ---------------------------------------------------------- */

static bool is_asker(const struct snapshot *snap, pid_t pid)
{
	for (size_t i = 0; i < snap->naskers; i++)
		if (snap->askers[i] == pid)
			return true;
	return false;
}

static void add_holder(struct endpoint_holders *h, pid_t pid, int fd,
		       unsigned mode)
{
	for (size_t i = 0; i < h->count; i++)
		if (h->v[i].pid == pid && h->v[i].fd == fd)
			return;
	h->v = xgrow(h->v, &h->alloc, h->count + 1, sizeof(*h->v));
	h->v[h->count++] = (struct fd_peer){ pid, fd, mode };
}

static bool has_mode(const struct endpoint_holders *h, unsigned mode)
{
	for (size_t i = 0; i < h->count; i++)
		if (!h->v[i].mode || (h->v[i].mode & mode))
			return true;
	return false;
}

/* A key is answered once its other end is found: for a pipe or FIFO a
 * holder moving data the other way (or, for an rw end, any second
 * holder); for a socket any holder. Whoever else holds it too is not
 * looked for: that is what makes one process cheap. */
static bool answered(const struct endpoint_holders *h)
{
	if ((h->need & FD_WRITE) && !has_mode(h, FD_WRITE))
		return false;
	if ((h->need & FD_READ) && !has_mode(h, FD_READ))
		return false;
	if (h->need_other && h->count < 2)
		return false;
	return h->count > 0;
}

static bool all_answered(const struct snapshot *snap)
{
	uint64_t key;
	void *v;

	for (size_t i = 0; hashmap_next(&snap->wanted, &i, &key, &v);) {
		const struct endpoint_holders *h = v;

		if (!h->optional && !answered(h))
			return false;
	}
	return true;
}

uint64_t snapshot_target_key(const char *target)
{
	uint64_t ino;

	if (target[0] == 'p' && proc_link_inode(target, "pipe", &ino))
		return snapshot_key(ENDPOINT_PIPE, ino);
	if (target[0] == 's' && proc_link_inode(target, "socket", &ino))
		return snapshot_key(ENDPOINT_SOCKET, ino);
	if (target[0] == '/')
		return snapshot_path_key(target);
	return 0;
}

/* eventfds all link to "anon_inode:[eventfd]": only fdinfo tells them
 * apart, so it is read only when some eventfd is wanted. */
static uint64_t eventfd_key(int dirfd, int num, struct strbuf *sb)
{
	struct proc_fdinfo fi;
	struct eventfd_info e;
	char path[32];

	snprintf(path, sizeof(path), "fdinfo/%d", num);
	if (procfs_read_once_at(dirfd, path, sb) != 0 ||
	    proc_fdinfo_parse(sb->buf, sb->len, &fi) != 0 ||
	    eventfd_fdinfo_parse(fi.extra, fi.extra_len, &e) != 0 || !e.has_id)
		return 0;
	return snapshot_key(ENDPOINT_EVENTFD, e.id);
}

/* Records which wanted endpoints pid holds, reading only link targets. */
static void scan_process(struct snapshot *snap, pid_t pid, bool want_paths,
			 bool want_eventfds, struct strbuf *sb)
{
	int dirfd = procfs_open_pid(snap->fs, pid), *nums = NULL;
	size_t n = 0;

	if (dirfd < 0)
		return;
	if (procfs_list_numbers_at(dirfd, "fd", &nums, &n) != 0) {
		/* gone meanwhile is no loss; refused is */
		if (procfs_exists(snap->fs, pid))
			snap->unreadable++;
		close(dirfd);
		return;
	}
	snap->scanned++;
	for (size_t i = 0; i < n; i++) {
		struct endpoint_holders *h;
		char path[32];
		uint64_t key;

		snprintf(path, sizeof(path), "fd/%d", nums[i]);
		if (procfs_readlink_at(dirfd, path, sb) != 0)
			continue;
		if (want_eventfds &&
		    strcmp(sb->buf, "anon_inode:[eventfd]") == 0)
			key = eventfd_key(dirfd, nums[i], sb);
		else if (sb->buf[0] == '/' && !want_paths)
			continue;
		else
			key = snapshot_target_key(sb->buf);
		h = key ? hashmap_get(&snap->wanted, key) : NULL;
		if (!h)
			continue;
		if (h->path) { /* same path, but is it the same file? */
			struct stat st;

			if (fstatat(dirfd, path, &st, 0) != 0 ||
			    (uint64_t)st.st_dev != h->dev ||
			    (uint64_t)st.st_ino != h->ino)
				continue;
		}
		add_holder(h, pid, nums[i], fd_link_mode(dirfd, path));
	}
	free(nums);
	close(dirfd);
}

static pid_t parent_of(const struct procfs *fs, pid_t pid, struct strbuf *sb)
{
	struct proc_stat st;

	if (procfs_read(fs, pid, "stat", sb) != 0 ||
	    proc_stat_parse(sb->buf, sb->len, &st) != 0)
		return 0;
	return st.ppid;
}

/* Appends the children of pid (of its main thread) to *out. */
static void children_of(const struct procfs *fs, pid_t pid, struct strbuf *sb,
			pid_t **out, size_t *n, size_t *alloc)
{
	char name[48];
	const char *p;

	snprintf(name, sizeof(name), "task/%d/children", (int)pid);
	if (procfs_read(fs, pid, name, sb) != 0)
		return;
	for (p = sb->buf; *p;) {
		char *end;
		long v = strtol(p, &end, 10);

		if (end == p)
			break;
		*out = xgrow(*out, alloc, *n + 1, sizeof(**out));
		(*out)[(*n)++] = (pid_t)v;
		p = end;
	}
}

struct candidate {
	pid_t pid;
	int rank;      /* 0 asker, 1 family, 2 everyone else */
	long distance; /* in pid to the nearest asker */
};

static int cmp_candidate(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->distance != y->distance)
		return x->distance < y->distance ? -1 : 1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* Orders every pid: askers, then their parents, children and siblings
 * (pipes and socketpairs are inherited), then everyone else; within each,
 * by distance in pid to the nearest asker (processes started together
 * talk together). */
static struct candidate *order_candidates(struct snapshot *snap, pid_t *pids,
					  size_t n, struct strbuf *sb)
{
	struct candidate *c = xcalloc(n ? n : 1, sizeof(*c));
	pid_t *family = NULL;
	size_t nfam = 0, alloc = 0, i, j;

	for (i = 0; i < snap->naskers; i++) {
		pid_t parent = parent_of(snap->fs, snap->askers[i], sb);

		children_of(snap->fs, snap->askers[i], sb, &family, &nfam,
			    &alloc);
		if (parent > 0) {
			family = xgrow(family, &alloc, nfam + 1,
				       sizeof(*family));
			family[nfam++] = parent;
			children_of(snap->fs, parent, sb, &family, &nfam,
				    &alloc);
		}
	}
	for (i = 0; i < n; i++) {
		long best = -1;

		c[i].pid = pids[i];
		for (j = 0; j < snap->naskers; j++) {
			long d = labs((long)pids[i] - (long)snap->askers[j]);

			if (best < 0 || d < best)
				best = d;
		}
		c[i].rank = 2;
		c[i].distance = best;
		for (j = 0; j < nfam; j++)
			if (family[j] == pids[i])
				c[i].rank = 1;
		if (is_asker(snap, pids[i]))
			c[i].rank = 0;
	}
	qsort(c, n, sizeof(*c), cmp_candidate);
	free(family);
	return c;
}

static void wanted_kinds(const struct snapshot *snap, bool *paths,
			 bool *eventfds)
{
	uint64_t key;
	void *v;

	*paths = *eventfds = false;
	for (size_t i = 0; hashmap_next(&snap->wanted, &i, &key, &v);) {
		if (key >> 56 == ENDPOINT_PATH)
			*paths = true;
		if (key >> 56 == ENDPOINT_EVENTFD)
			*eventfds = true;
	}
}

static int resolve(struct snapshot *snap, bool early_stop)
{
	struct strbuf sb = STRBUF_INIT;
	struct candidate *c;
	bool paths, eventfds;
	pid_t *pids;
	size_t n, i;
	int err;

	snap->resolved = true;
	if (snap->wanted.count == 0) {
		snap->complete = true;
		return 0;
	}
	err = procfs_list_pids(snap->fs, &pids, &n);
	if (err)
		return err;
	wanted_kinds(snap, &paths, &eventfds);
	c = order_candidates(snap, pids, n, &sb);
	for (i = 0; i < n; i++) {
		scan_process(snap, c[i].pid, paths, eventfds, &sb);
		if (early_stop && c[i].rank > 0 && all_answered(snap))
			break;
	}
	snap->complete = i == n && !snap->unreadable;
	free(c);
	free(pids);
	strbuf_release(&sb);
	return 0;
}

int snapshot_resolve(struct snapshot *snap)
{
	return resolve(snap, true);
}

int snapshot_scan_all(struct snapshot *snap)
{
	return resolve(snap, false);
}

void snapshot_index_tables(struct snapshot *snap)
{
	uint64_t pid;
	void *v;

	for (size_t i = 0; hashmap_next(&snap->tables, &i, &pid, &v);) {
		struct snapshot_fds *t = v;

		for (size_t j = 0; j < t->count; j++) {
			const struct fd *fd = &t->fds[j];
			struct endpoint_holders *h;

			if (!fd->self_key)
				continue;
			h = hashmap_get(&snap->wanted, fd->self_key);
			if (!h)
				continue;
			/* a path names another FIFO in another mount ns */
			if (h->path && !(fd->has_stat && fd->st_dev == h->dev &&
					 fd->st_ino == h->ino))
				continue;
			add_holder(h, (pid_t)pid, fd->num,
				   fd->has_mode ? fd->mode : 0);
		}
	}
	snap->resolved = true;
	snap->complete = !snap->unreadable;
}

void snapshot_link_fds(struct snapshot *snap, struct fd *fds, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (fds[i].cls->want)
			fds[i].cls->want(&fds[i], snap);
	snapshot_resolve(snap);
	for (size_t i = 0; i < n; i++) {
		if (fds[i].cls->link)
			fds[i].cls->link(&fds[i], snap);
		fd_prefetch(&fds[i], snap);
	}
}
