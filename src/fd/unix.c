/* Unix sockets: type, state, name, and for connected ones the process and
 * fd holding the peer socket (sock_diag's UNIX_DIAG_PEER). */
#include <string.h>

#include "fd/fd.h"
#include "fd/socket.h"
#include "model/snapshot.h"

static const char *type_name(const struct sock_info *si)
{
	const char *name = sock_type_name(si->type);

	return name ? name : "?";
}

/* The socket at the other end: the peer, or for a connection not
 * accepted yet the listener holding it in its queue (0: none). */
static uint64_t other_end(const struct sock_info *si, struct snapshot *snap)
{
	const struct sock_info *l;

	if (!si)
		return 0;
	if (si->peer_ino)
		return si->peer_ino;
	l = snapshot_unix_acceptor(snap, si);
	return l ? l->ino : 0;
}

static void want_unix(const struct fd *fd, struct snapshot *snap)
{
	uint64_t ino = other_end(fd_socket_info(fd, snap), snap);

	if (ino)
		snapshot_want(snap, snapshot_key(ENDPOINT_SOCKET, ino));
}

static void link_unix(struct fd *fd, struct snapshot *snap)
{
	uint64_t ino = other_end(fd_socket_info(fd, snap), snap);

	if (ino)
		fd_link_holders(fd, snap, snapshot_key(ENDPOINT_SOCKET, ino));
}

static void put_name(const struct sock_info *si, struct strbuf *out)
{
	fd_put_escaped(out, si->path, si->path_len);
}

static void describe_unix(const struct fd *fd, struct snapshot *snap,
			  struct strbuf *out)
{
	const struct sock_info *si = fd_socket_info(fd, snap);
	const struct sock_info *peer, *acceptor;

	if (!si)
		return;
	strbuf_addf(out, "unix %s", type_name(si));
	if (si->state == 10) { /* TCP_LISTEN numbering */
		strbuf_adds(out, " LISTEN ");
		put_name(si, out);
		if (si->has_queues)
			strbuf_addf(out, " (backlog %u/%u)", si->rqueue,
				    si->wqueue);
		return;
	}
	if (si->path_len) {
		strbuf_addc(out, ' ');
		put_name(si, out);
	}
	acceptor = si->peer_ino ? NULL : snapshot_unix_acceptor(snap, si);
	if (acceptor) {
		fd_describe_peers(fd, snap, out);
		strbuf_adds(out, fd->npeers ? " via " : " \u2192 ");
		put_name(acceptor, out);
		strbuf_adds(out, " (not accepted yet)");
		return;
	}
	if (!si->peer_ino) {
		if (!si->path_len)
			strbuf_adds(out, " (unbound, unconnected)");
		return;
	}
	fd_describe_peers(fd, snap, out);
	peer = snapshot_socket(snap, si->peer_ino);
	if (peer && peer->path_len && !si->path_len) {
		strbuf_adds(out, fd->npeers ? " via " : " \u2192 ");
		put_name(peer, out);
	}
	if (!fd->npeers && !(peer && peer->path_len))
		strbuf_addf(out, " \u2192 socket %llu",
			    (unsigned long long)si->peer_ino);
}

static void emit_unix(const struct fd *fd, struct snapshot *snap,
		      struct sink *s)
{
	const struct sock_info *si = fd_socket_info(fd, snap);
	const struct sock_info *peer;

	sink_u64(s, "inode", fd_socket_inode(fd));
	if (!si)
		return;
	sink_cstr(s, "type", type_name(si));
	sink_cstr(s, "state", sock_info_state_name(si));
	if (si->path_len) {
		sink_str(s, "name", si->path, si->path_len);
		sink_bool(s, "abstract", si->abstract);
	} else {
		sink_null(s, "name");
	}
	if (si->has_queues) {
		sink_u64(s, "rqueue", si->rqueue);
		sink_u64(s, "wqueue", si->wqueue);
	}
	if (si->has_uid)
		sink_u64(s, "uid", si->uid);
	if (si->peer_ino) {
		sink_u64(s, "peer_inode", si->peer_ino);
		peer = snapshot_socket(snap, si->peer_ino);
		if (peer && peer->path_len)
			sink_str(s, "peer_name", peer->path, peer->path_len);
	} else if ((peer = snapshot_unix_acceptor(snap, si))) {
		/* connected, waiting in the listener's queue */
		sink_u64(s, "listener_inode", peer->ino);
		if (peer->path_len)
			sink_str(s, "peer_name", peer->path, peer->path_len);
		sink_bool(s, "accepted", false);
	}
	fd_emit_peers(fd, snap, s);
}

const struct fd_class fd_class_unix = {
	.kind = "unix",
	.probe = fd_probe_never,
	.want = want_unix,
	.link = link_unix,
	.describe = describe_unix,
	.emit = emit_unix,
};
