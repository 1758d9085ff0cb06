/* The socket table keyed by inode, and the names dscope shows for
 * sockets: protocol, state, netlink protocol, loopback test. */
#include "net/sockdiag.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <linux/netlink.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "base/xalloc.h"

void sock_info_free(struct sock_info *s)
{
	if (!s)
		return;
	free(s->path);
	free(s->pending);
	free(s);
}

/* An abstract name starts with NUL, shown as '@'; the kernel keeps the
 * terminating NUL of a path name, which is dropped. */
void sock_info_set_unix_name(struct sock_info *s, const char *p, size_t len)
{
	free(s->path);
	s->path = NULL;
	s->path_len = 0;
	s->abstract = false;
	if (len == 0)
		return;
	if (p[0] == '\0')
		s->abstract = true;
	else if (p[len - 1] == '\0')
		len--;
	s->path = xmalloc(len + 1);
	memcpy(s->path, p, len);
	s->path[len] = '\0';
	if (s->abstract)
		s->path[0] = '@';
	s->path_len = len;
}

struct sock_info *sock_info_copy(const struct sock_info *s)
{
	struct sock_info *c = xmalloc(sizeof(*c));

	*c = *s;
	c->path = NULL;
	c->path_len = 0;
	if (s->path) {
		c->path = xmalloc(s->path_len + 1);
		memcpy(c->path, s->path, s->path_len);
		c->path[s->path_len] = '\0';
		c->path_len = s->path_len;
	}
	c->pending = s->npending ? xmemdup(s->pending,
					   s->npending * sizeof(*s->pending))
				 : NULL;
	return c;
}

static void sock_info_release(void *v)
{
	sock_info_free(v);
}

void sock_table_init(struct sock_table *t)
{
	hashmap_init(&t->by_ino);
	t->failed = 0;
	t->error = 0;
}

void sock_table_release(struct sock_table *t)
{
	hashmap_release_values(&t->by_ino, sock_info_release);
	t->failed = 0;
	t->error = 0;
}

const struct sock_info *sock_table_find(const struct sock_table *t,
					uint64_t ino)
{
	return hashmap_get(&t->by_ino, ino);
}

void sock_table_add(struct sock_table *t, struct sock_info *s)
{
	struct sock_info *old = hashmap_get(&t->by_ino, s->ino);

	if (old == s)
		return;
	hashmap_put(&t->by_ino, s->ino, s);
	sock_info_free(old);
}

static const char *inet_proto_name(const struct sock_info *s)
{
	bool v6 = s->family == AF_INET6;

	if (s->type == SOCK_RAW)
		return v6 ? "raw6" : "raw";
	switch (s->protocol) {
	case IPPROTO_TCP:
		return v6 ? "tcp6" : "tcp";
	case IPPROTO_UDP:
		return v6 ? "udp6" : "udp";
	case IPPROTO_UDPLITE:
		return v6 ? "udplite6" : "udplite";
	}
	return NULL;
}

const char *sock_type_name(unsigned type)
{
	switch (type) {
	case SOCK_STREAM:
		return "stream";
	case SOCK_DGRAM:
		return "dgram";
	case SOCK_SEQPACKET:
		return "seqpacket";
	}
	return NULL;
}

const char *sock_info_proto_name(const struct sock_info *s)
{
	switch (s->family) {
	case AF_UNIX:
		switch (s->type) {
		case SOCK_STREAM:
			return "unix-stream";
		case SOCK_DGRAM:
			return "unix-dgram";
		case SOCK_SEQPACKET:
			return "unix-seqpacket";
		}
		return NULL;
	case AF_INET:
	case AF_INET6:
		return inet_proto_name(s);
	case AF_NETLINK:
		return "netlink";
	case AF_PACKET:
		return "packet";
	}
	return NULL;
}

/* TCP states by their kernel number, named as ss names them in full. */
static const char *const tcp_states[] = {
	[TCP_ESTABLISHED] = "ESTABLISHED",
	[TCP_SYN_SENT] = "SYN-SENT",
	[TCP_SYN_RECV] = "SYN-RECV",
	[TCP_FIN_WAIT1] = "FIN-WAIT-1",
	[TCP_FIN_WAIT2] = "FIN-WAIT-2",
	[TCP_TIME_WAIT] = "TIME-WAIT",
	[TCP_CLOSE] = "CLOSE",
	[TCP_CLOSE_WAIT] = "CLOSE-WAIT",
	[TCP_LAST_ACK] = "LAST-ACK",
	[TCP_LISTEN] = "LISTEN",
	[TCP_CLOSING] = "CLOSING",
	[12] = "SYN-RECV",	 /* TCP_NEW_SYN_RECV: a request socket */
	[13] = "BOUND-INACTIVE", /* TCP_BOUND_INACTIVE (6.7+) */
};

/* Sockets without a connection handshake (unix, netlink, UDP, raw) use
 * only three of the TCP numbers. */
static const char *connection_state_name(uint8_t state)
{
	switch (state) {
	case TCP_ESTABLISHED:
		return "CONNECTED";
	case TCP_CLOSE:
		return "UNCONNECTED";
	case TCP_LISTEN:
		return "LISTEN";
	}
	return NULL;
}

const char *sock_info_state_name(const struct sock_info *s)
{
	switch (s->family) {
	case AF_UNIX:
	case AF_NETLINK:
		return connection_state_name(s->state);
	case AF_INET:
	case AF_INET6:
		/* a UDP or raw socket: ss says ESTAB/UNCONN */
		if (s->type != SOCK_STREAM && s->state == TCP_CLOSE)
			return "UNCONNECTED";
		if (s->state < sizeof(tcp_states) / sizeof(tcp_states[0]))
			return tcp_states[s->state];
		return NULL;
	}
	return NULL; /* packet sockets have no state */
}

static const char *const netlink_protos[] = {
	[NETLINK_ROUTE] = "route",
	[1] = "unused",
	[NETLINK_USERSOCK] = "usersock",
	[NETLINK_FIREWALL] = "firewall",
	[NETLINK_SOCK_DIAG] = "sock_diag",
	[NETLINK_NFLOG] = "nflog",
	[NETLINK_XFRM] = "xfrm",
	[NETLINK_SELINUX] = "selinux",
	[NETLINK_ISCSI] = "iscsi",
	[NETLINK_AUDIT] = "audit",
	[NETLINK_FIB_LOOKUP] = "fib_lookup",
	[NETLINK_CONNECTOR] = "connector",
	[NETLINK_NETFILTER] = "netfilter",
	[NETLINK_IP6_FW] = "ip6_fw",
	[NETLINK_DNRTMSG] = "dnrtmsg",
	[NETLINK_KOBJECT_UEVENT] = "kobject_uevent",
	[NETLINK_GENERIC] = "generic",
	[NETLINK_SCSITRANSPORT] = "scsitransport",
	[NETLINK_ECRYPTFS] = "ecryptfs",
	[NETLINK_RDMA] = "rdma",
	[NETLINK_CRYPTO] = "crypto",
	[NETLINK_SMC] = "smc",
};

const char *sock_netlink_proto_name(unsigned protocol)
{
	if (protocol < sizeof(netlink_protos) / sizeof(netlink_protos[0]))
		return netlink_protos[protocol];
	return NULL;
}

static bool addr_is_loopback(uint8_t family, const uint8_t a[16])
{
	static const uint8_t v6_loopback[16] = { [15] = 1 };
	static const uint8_t v4_mapped[12] = { [10] = 0xff, [11] = 0xff };

	if (family == AF_INET)
		return a[0] == 127;
	if (family != AF_INET6)
		return false;
	if (!memcmp(a, v6_loopback, 16))
		return true;
	return !memcmp(a, v4_mapped, 12) && a[12] == 127;
}

static bool addr_is_unspecified(const uint8_t a[16])
{
	static const uint8_t zero[16];

	return !memcmp(a, zero, 16);
}

bool sock_info_is_loopback(const struct sock_info *s)
{
	if (s->family != AF_INET && s->family != AF_INET6)
		return false;
	if (!addr_is_loopback(s->family, s->src))
		return false;
	/* listeners and unconnected sockets have no remote end */
	if (s->state == TCP_LISTEN || s->state == TCP_CLOSE ||
	    (addr_is_unspecified(s->dst) && s->dport == 0))
		return true;
	return addr_is_loopback(s->family, s->dst);
}
