/* Netlink sockets (protocol and port id) and packet sockets. */
#include <net/if.h>
#include <string.h>

#include "fd/fd.h"
#include "fd/socket.h"
#include "model/snapshot.h"

static void describe_netlink(const struct fd *fd, struct snapshot *snap,
			     struct strbuf *out)
{
	const struct sock_info *si = fd_socket_info(fd, snap);
	const char *proto;

	if (!si)
		return;
	proto = sock_netlink_proto_name(si->protocol);
	if (proto)
		strbuf_addf(out, "netlink %s", proto);
	else
		strbuf_addf(out, "netlink protocol %u", si->protocol);
	strbuf_addf(out, " portid %u", si->portid);
	if (si->groups)
		strbuf_addf(out, " groups 0x%x", si->groups);
}

static void emit_netlink(const struct fd *fd, struct snapshot *snap,
			 struct sink *s)
{
	const struct sock_info *si = fd_socket_info(fd, snap);

	sink_u64(s, "inode", fd_socket_inode(fd));
	if (!si)
		return;
	sink_cstr(s, "protocol", sock_netlink_proto_name(si->protocol));
	sink_u64(s, "protocol_number", si->protocol);
	sink_u64(s, "portid", si->portid);
	sink_u64(s, "groups", si->groups);
}

const struct fd_class fd_class_netlink = {
	.kind = "netlink",
	.probe = fd_probe_never,
	.describe = describe_netlink,
	.emit = emit_netlink,
};

static void describe_packet(const struct fd *fd, struct snapshot *snap,
			    struct strbuf *out)
{
	const struct sock_info *si = fd_socket_info(fd, snap);
	char ifname[IF_NAMESIZE];

	if (!si)
		return;
	strbuf_addf(out, "packet %s protocol 0x%04x",
		    si->type == SOCK_RAW ? "raw" : "dgram", si->packet_proto);
	/* interface names are those of dscope's network namespace */
	if (si->packet_ifindex && if_indextoname(si->packet_ifindex, ifname)) {
		strbuf_adds(out, " on ");
		fd_put_escaped(out, ifname, strlen(ifname));
	}
	else if (!si->packet_ifindex)
		strbuf_adds(out, " on all interfaces");
}

static void emit_packet(const struct fd *fd, struct snapshot *snap,
			struct sink *s)
{
	const struct sock_info *si = fd_socket_info(fd, snap);

	sink_u64(s, "inode", fd_socket_inode(fd));
	if (!si)
		return;
	sink_u64(s, "protocol_number", si->packet_proto);
	sink_u64(s, "ifindex", si->packet_ifindex);
}

const struct fd_class fd_class_packet = {
	.kind = "packet",
	.probe = fd_probe_never,
	.describe = describe_packet,
	.emit = emit_packet,
};
