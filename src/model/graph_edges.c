/* The edges of each kind of fd. Every fd with peers is visited, so a
 * connection is seen from both ends; orienting each the same way (writer
 * to reader, client to server, else lower pid first) makes the two
 * sightings one edge. */
#include <arpa/inet.h>
#include <linux/kcmp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "fd/anon_parse.h"
#include "fd/fd.h"
#include "fd/socket.h"
#include "model/graph_edges.h"
#include "model/snapshot.h"
#include "model/wellknown.h"
#include "proc/link.h"

/* One side of a connection as seen while building. */
struct side {
	size_t node;
	const struct fd *fd;
	const struct sock_info *si; /* sockets */
	uint64_t ino;
};

/* One connection as one fd with a peer sees it; orient() makes from the
 * writer or client, so that both ends' sightings agree. */
struct sighting {
	enum graph_edge_kind kind;
	struct side from, to;
	bool directed;
};

static bool kind_of(const struct fd *fd, struct snapshot *snap,
		    enum graph_edge_kind *kind)
{
	const struct sock_info *si;

	if (fd->cls == &fd_class_unix)
		*kind = GRAPH_UNIX;
	else if (fd->cls == &fd_class_pipe)
		*kind = GRAPH_PIPE;
	else if (fd->cls == &fd_class_fifo)
		*kind = GRAPH_FIFO;
	else if (fd->cls == &fd_class_eventfd)
		*kind = GRAPH_EVENTFD;
	else if (fd->cls == &fd_class_inet) {
		si = fd_socket_info(fd, snap);
		if (!si)
			return false;
		if (si->protocol == IPPROTO_TCP)
			*kind = GRAPH_TCP;
		else if (si->protocol == IPPROTO_UDP ||
			 si->protocol == IPPROTO_UDPLITE)
			*kind = GRAPH_UDP;
		else
			return false;
	} else {
		return false;
	}
	return true;
}

static uint64_t side_ino(enum graph_edge_kind kind, const struct fd *fd)
{
	uint64_t ino = 0;

	switch (kind) {
	case GRAPH_PIPE:
		proc_link_inode(fd->target, "pipe", &ino);
		return ino;
	case GRAPH_FIFO:
		return fd->st_ino;
	case GRAPH_EVENTFD:
		eventfd_fd_id(fd, &ino);
		return ino;
	default:
		return fd_socket_inode(fd);
	}
}

static unsigned mode_of(const struct fd *fd)
{
	return fd->has_mode ? fd->mode : 0;
}

/* Whether a pipe end of mode m writes into the end of mode other. At most
 * one of two ends does, whichever is asked first: an end open both ways,
 * or of unknown mode, writes to a reader. */
static bool writes_to(unsigned m, unsigned other)
{
	if (m == FD_WRITE)
		return other != FD_WRITE;
	if (m == (FD_READ | FD_WRITE) || m == 0)
		return other == FD_READ;
	return false;
}

static bool named(const struct sock_info *si)
{
	return si && si->path_len;
}

/* Whether to is the server of a socket: the named end (unix); the end
 * accepted on a listening port (TCP) or connected to no one (UDP); else
 * the lower port (servers use fixed low ones). -1: it cannot tell. */
static int socket_to_is_server(const struct sighting *s, struct snapshot *snap)
{
	const struct sock_info *f = s->from.si, *t = s->to.si;
	bool fs, ts;

	if (s->kind == GRAPH_UNIX)
		return named(f) == named(t) ? -1 : named(t);
	fs = f && snapshot_inet_is_server(snap, f);
	ts = t && snapshot_inet_is_server(snap, t);
	if (fs != ts)
		return ts;
	if (f && t && f->sport != t->sport)
		return t->sport < f->sport;
	return -1;
}

/* Makes from the writer (pipes, FIFOs) or the client (sockets); when
 * neither end is, from is the lower pid. */
static void orient(struct sighting *s, struct snapshot *snap)
{
	bool swap;
	int server;

	switch (s->kind) {
	case GRAPH_PIPE:
	case GRAPH_FIFO:
		s->directed = writes_to(mode_of(s->from.fd), mode_of(s->to.fd)) ||
			      writes_to(mode_of(s->to.fd), mode_of(s->from.fd));
		swap = s->directed ? writes_to(mode_of(s->to.fd), mode_of(s->from.fd))
				   : s->to.node < s->from.node;
		break;
	case GRAPH_EVENTFD:
		swap = s->to.node < s->from.node;
		break;
	default:
		server = socket_to_is_server(s, snap);
		swap = server < 0 ? s->to.node < s->from.node : !server;
		break;
	}
	if (swap) {
		struct side t = s->from;

		s->from = s->to;
		s->to = t;
	}
}

static void set_address(struct graph_end *end, const struct sock_info *si)
{
	if (!si)
		return;
	inet_ntop(si->family, si->src, end->address, sizeof(end->address));
	end->port = si->sport;
}

/* Fills what a new edge shows besides its ends. */
static void describe_new(struct graph_edge *e, const struct sighting *s)
{
	const struct side *from = &s->from, *to = &s->to;

	e->directed = s->directed;
	switch (s->kind) {
	case GRAPH_UNIX: {
		const struct sock_info *n = named(to->si)     ? to->si
					    : named(from->si) ? from->si
							      : NULL;

		e->type = to->si     ? sock_type_name(to->si->type)
			  : from->si ? sock_type_name(from->si->type)
				     : NULL;
		if (n) {
			graph_edge_set_path(e, n->path, n->path_len);
			e->name = wellknown_socket_name(n->path, n->path_len);
		}
		break;
	}
	case GRAPH_TCP:
	case GRAPH_UDP:
		set_address(&e->from, from->si);
		set_address(&e->to, to->si);
		break;
	case GRAPH_FIFO:
		if (from->fd->target)
			graph_edge_set_path(e, from->fd->target,
					    strlen(from->fd->target));
		break;
	default:
		break;
	}
}

static void add_sighting(struct graph *g, const struct sighting *s)
{
	struct graph_edge_ends ends = {
		.kind = s->kind,
		.from_node = s->from.node,
		.to_node = s->to.node,
		.from_ino = s->from.ino,
		.to_ino = s->to.ino,
	};
	bool created;
	struct graph_edge *e = graph_edge_get(g, &ends, &created);

	if (created)
		describe_new(e, s);
	graph_end_add_fd(&e->from, s->from.fd->num);
	graph_end_add_fd(&e->to, s->to.fd->num);
}

static struct side side_of(enum graph_edge_kind kind, size_t node,
			   const struct fd *fd, struct snapshot *snap)
{
	bool socket = kind == GRAPH_UNIX || kind == GRAPH_TCP || kind == GRAPH_UDP;

	return (struct side){ node, fd, socket ? fd_socket_info(fd, snap) : NULL,
			      side_ino(kind, fd) };
}

void graph_add_fd_edges(struct graph *g, struct snapshot *snap,
			const struct fd_table *tables, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < tables[i].count; j++) {
			const struct fd *fd = &tables[i].fds[j];
			enum graph_edge_kind kind;

			if (!fd->npeers || !kind_of(fd, snap, &kind))
				continue;
			for (size_t k = 0; k < fd->npeers; k++) {
				const struct fd_peer *p = &fd->peers[k];
				struct graph_node *peer = graph_node_of(g, p->pid);
				const struct fd *other;
				struct sighting s = { .kind = kind };

				if (p->pid == fd->owner || !peer)
					continue;
				other = snapshot_find_fd(snap, p->pid, p->fd);
				if (!other)
					continue;
				s.from = side_of(kind, i, fd, snap);
				s.to = side_of(kind, (size_t)(peer - g->nodes),
					       other, snap);
				orient(&s, snap);
				add_sighting(g, &s);
			}
		}
}

/* A regular file some process has open for writing. */
struct writer {
	uint64_t dev, ino;
	size_t node;
	const struct fd *fd;
};

static int writer_cmp(const void *pa, const void *pb)
{
	const struct writer *a = pa, *b = pb;

	if (a->dev != b->dev)
		return a->dev < b->dev ? -1 : 1;
	if (a->ino != b->ino)
		return a->ino < b->ino ? -1 : 1;
	if (a->node != b->node)
		return a->node < b->node ? -1 : 1;
	return a->fd->num - b->fd->num;
}

static bool writes_regular_file(const struct fd *fd)
{
	return fd->cls == &fd_class_file && fd->has_stat &&
	       S_ISREG(fd->st_mode) && fd->has_mode && (fd->mode & FD_WRITE);
}

/* Whether the two fds are one open file (shared by fork or fd passing):
 * 1, 0, or -1 when the kernel cannot tell (no permission, no kcmp). */
static int same_open_file(pid_t a, int afd, pid_t b, int bfd)
{
	long r = syscall(SYS_kcmp, a, b, KCMP_FILE, afd, bfd);

	return r < 0 ? -1 : r == 0;
}

/* Each writer is linked to the first (lowest pid, most often the parent
 * that opened it): a star, not every pair, so a log written by a hundred
 * workers stays a hundred edges. */
static void link_writers(struct graph *g, const struct writer *w, size_t n)
{
	const struct writer *center = &w[0];

	for (size_t i = 1; i < n; i++) {
		struct graph_edge_ends ends = {
			.kind = GRAPH_FILE,
			.from_node = center->node,
			.to_node = w[i].node,
			.from_ino = w[i].ino,
			.to_ino = w[i].ino,
			.channel = w[i].dev,
		};
		struct graph_edge *e;
		bool created;

		if (w[i].node == center->node)
			continue;
		e = graph_edge_get(g, &ends, &created);
		if (created) {
			int same = same_open_file(center->fd->owner,
						  center->fd->num,
						  w[i].fd->owner, w[i].fd->num);

			e->same_open_file_known = same >= 0;
			e->same_open_file = same == 1;
			graph_edge_set_path(e, w[i].fd->target,
					    strlen(w[i].fd->target));
			for (size_t c = 0; c < n && w[c].node == center->node; c++)
				graph_end_add_fd(&e->from, w[c].fd->num);
		}
		graph_end_add_fd(&e->to, w[i].fd->num);
	}
}

void graph_add_file_edges(struct graph *g, const struct fd_table *tables,
			  size_t n)
{
	struct writer *w = NULL;
	size_t count = 0, alloc = 0;

	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < tables[i].count; j++) {
			const struct fd *fd = &tables[i].fds[j];

			if (!writes_regular_file(fd) || !fd->target)
				continue;
			w = xgrow(w, &alloc, count + 1, sizeof(*w));
			w[count++] = (struct writer){ fd->st_dev, fd->st_ino, i, fd };
		}
	if (count > 1) /* qsort(NULL, 0) is undefined (fuzz_options) */
		qsort(w, count, sizeof(*w), writer_cmp);
	for (size_t start = 0, end; start < count; start = end) {
		for (end = start + 1; end < count && w[end].dev == w[start].dev &&
				      w[end].ino == w[start].ino;
		     end++)
			;
		if (w[end - 1].node != w[start].node)
			link_writers(g, w + start, end - start);
	}
	free(w);
}
