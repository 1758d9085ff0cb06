/* TCP, UDP and raw sockets over IPv4 and IPv6: addresses, state, queues;
 * for connections on this machine the process and fd at the other end. */
#include <arpa/inet.h>
#include <string.h>

#include "fd/fd.h"
#include "fd/socket.h"
#include "model/snapshot.h"

static const char *kind_of_inet(const struct fd *fd, struct snapshot *snap)
{
	const struct sock_info *si = fd_socket_info(fd, snap);

	return si ? sock_info_proto_name(si) : NULL;
}

static void put_addr(const struct sock_info *si, const uint8_t *addr,
		     uint16_t port, struct strbuf *out)
{
	char text[INET6_ADDRSTRLEN];

	if (si->family == AF_INET6) {
		inet_ntop(AF_INET6, addr, text, sizeof(text));
		strbuf_addf(out, "[%s]", text);
	} else {
		inet_ntop(AF_INET, addr, text, sizeof(text));
		strbuf_adds(out, text);
	}
	if (port)
		strbuf_addf(out, ":%u", port);
	else
		strbuf_adds(out, ":*");
}

/* The IP protocol a raw socket carries, by number. */
static const char *raw_protocol_name(unsigned protocol)
{
	switch (protocol) {
	case IPPROTO_ICMP:
		return "icmp";
	case IPPROTO_ICMPV6:
		return "icmp6";
	case IPPROTO_TCP:
		return "tcp";
	case IPPROTO_UDP:
		return "udp";
	case IPPROTO_RAW:
		return "ip";
	}
	return "protocol";
}

static void want_inet(const struct fd *fd, struct snapshot *snap)
{
	const struct sock_info *si = fd_socket_info(fd, snap);
	const struct sock_info *peer = si ? snapshot_inet_peer(snap, si) : NULL;

	if (peer)
		snapshot_want(snap, snapshot_key(ENDPOINT_SOCKET, peer->ino));
}

static void link_inet(struct fd *fd, struct snapshot *snap)
{
	const struct sock_info *si = fd_socket_info(fd, snap);
	const struct sock_info *peer = si ? snapshot_inet_peer(snap, si) : NULL;

	if (peer)
		fd_link_holders(fd, snap,
				snapshot_key(ENDPOINT_SOCKET, peer->ino));
}

static void describe_inet(const struct fd *fd, struct snapshot *snap,
			  struct strbuf *out)
{
	const struct sock_info *si = fd_socket_info(fd, snap);
	const char *state;

	if (!si)
		return;
	strbuf_adds(out, sock_info_proto_name(si));
	strbuf_addc(out, ' ');
	if (si->protocol == IPPROTO_TCP && si->state == 10) {
		strbuf_adds(out, "LISTEN ");
		put_addr(si, si->src, si->sport, out);
		if (si->has_queues)
			strbuf_addf(out, " (backlog %u/%u)", si->rqueue,
				    si->wqueue);
		return;
	}
	if (si->type == SOCK_RAW)
		strbuf_addf(out, "%s ", raw_protocol_name(si->protocol));
	if (!si->sport && !si->dport && si->type != SOCK_RAW) {
		/* as socket() made it: the kernel's tables do not list it,
		 * but a tracer saw it */
		strbuf_adds(out, "(unbound, unconnected)");
		return;
	}
	put_addr(si, si->src, si->sport, out);
	if (si->dport) {
		strbuf_adds(out, " \u2192 ");
		put_addr(si, si->dst, si->dport, out);
	}
	state = sock_info_state_name(si);
	if (si->protocol == IPPROTO_TCP && state)
		strbuf_addf(out, " %s", state);
	fd_describe_peers(fd, snap, out);
}

static void emit_addr(struct sink *s, const char *key,
		      const struct sock_info *si, const uint8_t *addr,
		      uint16_t port)
{
	char text[INET6_ADDRSTRLEN];

	inet_ntop(si->family, addr, text, sizeof(text));
	sink_begin_object(s, key);
	sink_cstr(s, "address", text);
	sink_u64(s, "port", port);
	sink_end_object(s);
}

static void emit_inet(const struct fd *fd, struct snapshot *snap,
		      struct sink *s)
{
	const struct sock_info *si = fd_socket_info(fd, snap);

	sink_u64(s, "inode", fd_socket_inode(fd));
	if (!si)
		return;
	sink_cstr(s, "proto", sock_info_proto_name(si));
	sink_cstr(s, "state", sock_info_state_name(si));
	emit_addr(s, "local", si, si->src, si->sport);
	if (si->dport)
		emit_addr(s, "remote", si, si->dst, si->dport);
	else
		sink_null(s, "remote");
	if (si->has_queues) {
		sink_u64(s, "rqueue", si->rqueue);
		sink_u64(s, "wqueue", si->wqueue);
	}
	if (si->has_uid)
		sink_u64(s, "uid", si->uid);
	sink_bool(s, "loopback", sock_info_is_loopback(si));
	if (si->type == SOCK_RAW)
		sink_u64(s, "protocol_number", si->protocol);
	fd_emit_peers(fd, snap, s);
}

const struct fd_class fd_class_inet = {
	.kind = "inet",
	.kind_of = kind_of_inet,
	.probe = fd_probe_never,
	.want = want_inet,
	.link = link_inet,
	.describe = describe_inet,
	.emit = emit_inet,
};
