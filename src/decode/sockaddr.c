/* Socket addresses as strace shows them, for every family, and the names
 * the socket calls use (families, protocols, option levels and names):
 * {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")}.
 * JSON has the same keys, typed: ports and numbers as numbers, addresses
 * as strings. */
#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "decode/decode.h"

/* What the kernel reads of a sockaddr at most (sizeof(sockaddr_storage)). */
#define SOCKADDR_MAX 128

const struct flag_name decode_address_families[] = {
	{ 0, "AF_UNSPEC" },	    { 1, "AF_UNIX" },	      { 2, "AF_INET" },
	{ 3, "AF_AX25" },	    { 4, "AF_IPX" },	      { 5, "AF_APPLETALK" },
	{ 6, "AF_NETROM" },	    { 7, "AF_BRIDGE" },	      { 8, "AF_ATMPVC" },
	{ 9, "AF_X25" },	    { 10, "AF_INET6" },	      { 11, "AF_ROSE" },
	{ 12, "AF_DECnet" },	    { 13, "AF_NETBEUI" },     { 14, "AF_SECURITY" },
	{ 15, "AF_KEY" },	    { 16, "AF_NETLINK" },     { 17, "AF_PACKET" },
	{ 18, "AF_ASH" },	    { 19, "AF_ECONET" },      { 20, "AF_ATMSVC" },
	{ 21, "AF_RDS" },	    { 22, "AF_SNA" },	      { 23, "AF_IRDA" },
	{ 24, "AF_PPPOX" },	    { 25, "AF_WANPIPE" },     { 26, "AF_LLC" },
	{ 27, "AF_IB" },	    { 28, "AF_MPLS" },	      { 29, "AF_CAN" },
	{ 30, "AF_TIPC" },	    { 31, "AF_BLUETOOTH" },   { 32, "AF_IUCV" },
	{ 33, "AF_RXRPC" },	    { 34, "AF_ISDN" },	      { 35, "AF_PHONET" },
	{ 36, "AF_IEEE802154" },    { 37, "AF_CAIF" },	      { 38, "AF_ALG" },
	{ 39, "AF_NFC" },	    { 40, "AF_VSOCK" },	      { 41, "AF_KCM" },
	{ 42, "AF_QIPCRTR" },	    { 43, "AF_SMC" },	      { 44, "AF_XDP" },
	{ 45, "AF_MCTP" },	    { 0, NULL },
};

static const struct flag_name ip_protocols[] = {
	{ 0, "IPPROTO_IP" },	    { 1, "IPPROTO_ICMP" },    { 2, "IPPROTO_IGMP" },
	{ 4, "IPPROTO_IPIP" },	    { 6, "IPPROTO_TCP" },     { 8, "IPPROTO_EGP" },
	{ 12, "IPPROTO_PUP" },	    { 17, "IPPROTO_UDP" },    { 22, "IPPROTO_IDP" },
	{ 29, "IPPROTO_TP" },	    { 33, "IPPROTO_DCCP" },   { 41, "IPPROTO_IPV6" },
	{ 46, "IPPROTO_RSVP" },	    { 47, "IPPROTO_GRE" },    { 50, "IPPROTO_ESP" },
	{ 51, "IPPROTO_AH" },	    { 58, "IPPROTO_ICMPV6" }, { 92, "IPPROTO_MTP" },
	{ 94, "IPPROTO_BEETPH" },   { 98, "IPPROTO_ENCAP" },  { 103, "IPPROTO_PIM" },
	{ 108, "IPPROTO_COMP" },    { 115, "IPPROTO_L2TP" },  { 132, "IPPROTO_SCTP" },
	{ 135, "IPPROTO_MH" },	    { 136, "IPPROTO_UDPLITE" },
	{ 137, "IPPROTO_MPLS" },    { 143, "IPPROTO_ETHERNET" },
	{ 255, "IPPROTO_RAW" },	    { 262, "IPPROTO_MPTCP" }, { 0, NULL },
};

static const struct flag_name netlink_protocols[] = {
	{ 0, "NETLINK_ROUTE" },	     { 1, "NETLINK_UNUSED" },
	{ 2, "NETLINK_USERSOCK" },   { 3, "NETLINK_FIREWALL" },
	{ 4, "NETLINK_SOCK_DIAG" },  { 5, "NETLINK_NFLOG" },
	{ 6, "NETLINK_XFRM" },	     { 7, "NETLINK_SELINUX" },
	{ 8, "NETLINK_ISCSI" },	     { 9, "NETLINK_AUDIT" },
	{ 10, "NETLINK_FIB_LOOKUP" }, { 11, "NETLINK_CONNECTOR" },
	{ 12, "NETLINK_NETFILTER" }, { 13, "NETLINK_IP6_FW" },
	{ 14, "NETLINK_DNRTMSG" },   { 15, "NETLINK_KOBJECT_UEVENT" },
	{ 16, "NETLINK_GENERIC" },   { 18, "NETLINK_SCSITRANSPORT" },
	{ 19, "NETLINK_ECRYPTFS" },  { 20, "NETLINK_RDMA" },
	{ 21, "NETLINK_CRYPTO" },    { 22, "NETLINK_SMC" },	{ 0, NULL },
};

static const struct flag_name eth_protocols[] = {
	{ 0x0001, "ETH_P_802_3" },   { 0x0003, "ETH_P_ALL" },
	{ 0x0004, "ETH_P_802_2" },   { 0x0800, "ETH_P_IP" },
	{ 0x0806, "ETH_P_ARP" },     { 0x8035, "ETH_P_RARP" },
	{ 0x8100, "ETH_P_8021Q" },   { 0x86DD, "ETH_P_IPV6" },
	{ 0x8847, "ETH_P_MPLS_UC" }, { 0x8863, "ETH_P_PPP_DISC" },
	{ 0x8864, "ETH_P_PPP_SES" }, { 0x888E, "ETH_P_PAE" },
	{ 0x88A8, "ETH_P_8021AD" },  { 0x88CC, "ETH_P_LLDP" },
	{ 0x88F7, "ETH_P_1588" },    { 0, NULL },
};

static const struct flag_name arphrd_types[] = {
	{ 0, "ARPHRD_NETROM" },	      { 1, "ARPHRD_ETHER" },
	{ 24, "ARPHRD_IEEE1394" },    { 32, "ARPHRD_INFINIBAND" },
	{ 256, "ARPHRD_SLIP" },	      { 512, "ARPHRD_PPP" },
	{ 768, "ARPHRD_TUNNEL" },     { 769, "ARPHRD_TUNNEL6" },
	{ 772, "ARPHRD_LOOPBACK" },   { 776, "ARPHRD_SIT" },
	{ 778, "ARPHRD_IPGRE" },      { 801, "ARPHRD_IEEE80211" },
	{ 803, "ARPHRD_IEEE80211_RADIOTAP" }, { 823, "ARPHRD_IP6GRE" },
	{ 824, "ARPHRD_NETLINK" },    { 825, "ARPHRD_6LOWPAN" },
	{ 0xfffe, "ARPHRD_NONE" },    { 0xffff, "ARPHRD_VOID" },
	{ 0, NULL },
};

static const struct flag_name packet_types[] = {
	{ 0, "PACKET_HOST" },	   { 1, "PACKET_BROADCAST" },
	{ 2, "PACKET_MULTICAST" }, { 3, "PACKET_OTHERHOST" },
	{ 4, "PACKET_OUTGOING" },  { 5, "PACKET_LOOPBACK" },
	{ 6, "PACKET_USER" },	   { 7, "PACKET_KERNEL" },	{ 0, NULL },
};

/* Text: wrap(NAME or 0x.. /+ unknown +/); JSON: the name or the number.
 * strace shows byte-order conversions this way: htons(ETH_P_IP). */
static void put_wrapped_xlat(struct dout *o, const char *key,
			     const char *wrap, uint64_t v,
			     const struct flag_name *names, const char *unknown)
{
	const char *name = dout_enum_name(v, names);
	struct strbuf sb = STRBUF_INIT;

	if (o->mode != DOUT_TEXT) {
		decode_put_xlat(o, key, v, names, unknown);
		return;
	}
	strbuf_addf(&sb, "%s(", wrap);
	if (name)
		strbuf_adds(&sb, name);
	else
		strbuf_addf(&sb, "%#llx /* %s */", (unsigned long long)v,
			    unknown);
	strbuf_addc(&sb, ')');
	dout_raw(o, key, strbuf_str(&sb));
	strbuf_release(&sb);
}

/* Text: wrap(number), e.g. htons(80); JSON: the number. */
static void put_wrapped_uint(struct dout *o, const char *key, const char *wrap,
			     uint64_t v)
{
	struct strbuf sb = STRBUF_INIT;

	if (o->mode != DOUT_TEXT) {
		dout_uint(o, key, v);
		return;
	}
	strbuf_addf(&sb, "%s(%llu)", wrap, (unsigned long long)v);
	dout_raw(o, key, strbuf_str(&sb));
	strbuf_release(&sb);
}

void decode_put_sockproto(struct dout *o, const char *key, int family,
			  uint64_t proto)
{
	switch (family) {
	case AF_INET:
	case AF_INET6:
		decode_put_xlat(o, key, (uint32_t)proto, ip_protocols,
				"IPPROTO_???");
		break;
	case AF_NETLINK:
		decode_put_xlat(o, key, (uint32_t)proto, netlink_protocols,
				"NETLINK_???");
		break;
	case AF_PACKET:
		put_wrapped_xlat(o, key, "htons", ntohs((uint16_t)proto),
				 eth_protocols, "ETH_P_???");
		break;
	default:
		dout_int(o, key, (int32_t)proto);
		break;
	}
}

/* The bytes after sa_family, as strace shows a family it does not know. */
static void put_sa_data(struct dout *o, const unsigned char *sa, size_t len)
{
	dout_str(o, "sa_data", sa + 2, len - 2, false);
}

static void put_unix(struct dout *o, const unsigned char *sa, size_t len)
{
	const char *path = (const char *)sa + 2;
	size_t n = len - 2;
	struct strbuf sb = STRBUF_INIT;

	if (n == 0)
		return; /* unnamed */
	if (n > sizeof(((struct sockaddr_un *)0)->sun_path))
		n = sizeof(((struct sockaddr_un *)0)->sun_path);
	if (path[0] != '\0') {
		const char *nul = memchr(path, '\0', n);

		dout_str(o, "sun_path", path, nul ? (size_t)(nul - path) : n,
			 false);
		return;
	}
	/* abstract: the name after the NUL is all the bytes, NULs too */
	if (o->mode == DOUT_TEXT) {
		strbuf_addc(&sb, '@');
		dout_quote(&sb, path + 1, n - 1, false);
		dout_raw(o, "sun_path", strbuf_str(&sb));
	} else {
		/* as dscope fds names it: "@name" */
		strbuf_addc(&sb, '@');
		strbuf_add(&sb, path + 1, n - 1);
		dout_str(o, "sun_path", sb.buf, sb.len, false);
	}
	strbuf_release(&sb);
}

static void put_inet(struct dout *o, const unsigned char *sa, size_t len)
{
	struct sockaddr_in sin;
	char ip[INET_ADDRSTRLEN];
	struct strbuf sb = STRBUF_INIT;

	if (len < sizeof(sin)) {
		put_sa_data(o, sa, len);
		return;
	}
	memcpy(&sin, sa, sizeof(sin));
	put_wrapped_uint(o, "sin_port", "htons", ntohs(sin.sin_port));
	inet_ntop(AF_INET, &sin.sin_addr, ip, sizeof(ip));
	if (o->mode == DOUT_TEXT) {
		strbuf_addf(&sb, "inet_addr(\"%s\")", ip);
		dout_raw(o, "sin_addr", strbuf_str(&sb));
	} else {
		dout_sym(o, "sin_addr", ip);
	}
	strbuf_release(&sb);
}

static void put_inet6(struct dout *o, const unsigned char *sa, size_t len)
{
	struct sockaddr_in6 s6;
	char ip[INET6_ADDRSTRLEN];
	struct strbuf sb = STRBUF_INIT;

	/* sin6_scope_id came later: 24 bytes are a valid address */
	if (len < offsetof(struct sockaddr_in6, sin6_scope_id)) {
		put_sa_data(o, sa, len);
		return;
	}
	memset(&s6, 0, sizeof(s6));
	memcpy(&s6, sa, len < sizeof(s6) ? len : sizeof(s6));
	put_wrapped_uint(o, "sin6_port", "htons", ntohs(s6.sin6_port));
	put_wrapped_uint(o, "sin6_flowinfo", "htonl", ntohl(s6.sin6_flowinfo));
	inet_ntop(AF_INET6, &s6.sin6_addr, ip, sizeof(ip));
	if (o->mode == DOUT_TEXT) {
		strbuf_addf(&sb, "inet_pton(AF_INET6, \"%s\", &sin6_addr)", ip);
		dout_raw(o, NULL, strbuf_str(&sb));
	} else {
		dout_sym(o, "sin6_addr", ip);
	}
	strbuf_release(&sb);
	if (len >= sizeof(s6))
		dout_uint(o, "sin6_scope_id", s6.sin6_scope_id);
}

static void put_netlink(struct dout *o, const unsigned char *sa, size_t len)
{
	struct sockaddr_nl nl;
	struct strbuf sb = STRBUF_INIT;

	if (len < sizeof(nl)) {
		put_sa_data(o, sa, len);
		return;
	}
	memcpy(&nl, sa, sizeof(nl));
	dout_uint(o, "nl_pid", nl.nl_pid);
	if (o->mode == DOUT_TEXT) {
		/* strace's %#08x: 0x000005, and 00000000 for none */
		strbuf_addf(&sb, "%#08x", nl.nl_groups);
		dout_raw(o, "nl_groups", strbuf_str(&sb));
	} else {
		dout_uint(o, "nl_groups", nl.nl_groups);
	}
	strbuf_release(&sb);
}

static void put_packet(struct dout *o, const unsigned char *sa, size_t len)
{
	struct sockaddr_ll ll;
	size_t n;

	if (len < sizeof(ll)) {
		put_sa_data(o, sa, len);
		return;
	}
	memcpy(&ll, sa, sizeof(ll));
	put_wrapped_xlat(o, "sll_protocol", "htons", ntohs(ll.sll_protocol),
			 eth_protocols, "ETH_P_???");
	dout_int(o, "sll_ifindex", ll.sll_ifindex);
	decode_put_xlat(o, "sll_hatype", ll.sll_hatype, arphrd_types,
			"ARPHRD_???");
	decode_put_xlat(o, "sll_pkttype", ll.sll_pkttype, packet_types,
			"PACKET_???");
	dout_uint(o, "sll_halen", ll.sll_halen);
	if (!ll.sll_halen)
		return;
	n = ll.sll_halen < sizeof(ll.sll_addr) ? ll.sll_halen
					       : sizeof(ll.sll_addr);
	dout_begin_array(o, "sll_addr");
	for (size_t i = 0; i < n; i++) {
		char hex[8];

		if (o->mode != DOUT_TEXT) {
			dout_uint(o, NULL, ll.sll_addr[i]);
			continue;
		}
		/* strace's %#02x: 0x1, and 00 for zero */
		snprintf(hex, sizeof(hex), "%#02x", ll.sll_addr[i]);
		dout_raw(o, NULL, hex);
	}
	if (ll.sll_halen > n)
		dout_more(o);
	dout_end_array(o);
}

void decode_put_sockaddr(struct decode_call *c, struct dout *o, const char *key,
			 uint64_t addr, uint64_t len)
{
	unsigned char sa[SOCKADDR_MAX];
	uint16_t family;
	size_t n;

	if (!addr) {
		dout_ptr(o, key, 0);
		return;
	}
	/* a length the kernel would refuse (negative as an int) or too
	 * short for a family: the address */
	if (len < sizeof(family) || len > INT32_MAX) {
		dout_ptr(o, key, addr);
		return;
	}
	n = len < sizeof(sa) ? (size_t)len : sizeof(sa);
	if (decode_read(c, addr, sa, n) != 0) {
		dout_ptr(o, key, addr);
		return;
	}
	memcpy(&family, sa, sizeof(family));
	dout_begin_struct(o, key);
	decode_put_xlat(o, "sa_family", family, decode_address_families,
			"AF_???");
	switch (family) {
	case AF_UNIX:
		put_unix(o, sa, n);
		break;
	case AF_INET:
		put_inet(o, sa, n);
		break;
	case AF_INET6:
		put_inet6(o, sa, n);
		break;
	case AF_NETLINK:
		put_netlink(o, sa, n);
		break;
	case AF_PACKET:
		put_packet(o, sa, n);
		break;
	default:
		put_sa_data(o, sa, n);
		break;
	}
	dout_end_struct(o);
}

/* Socket option levels and names */

static const struct flag_name sol_levels[] = {
	{ 0, "SOL_IP" },	{ 1, "SOL_SOCKET" },   { 6, "SOL_TCP" },
	{ 17, "SOL_UDP" },	{ 41, "SOL_IPV6" },    { 58, "SOL_ICMPV6" },
	{ 132, "SOL_SCTP" },	{ 136, "SOL_UDPLITE" }, { 255, "SOL_RAW" },
	{ 263, "SOL_PACKET" },	{ 270, "SOL_NETLINK" }, { 279, "SOL_ALG" },
	{ 282, "SOL_TLS" },	{ 283, "SOL_XDP" },    { 284, "SOL_MPTCP" },
	{ 0, NULL },
};

static const struct flag_name so_options[] = {
	{ 1, "SO_DEBUG" }, { 2, "SO_REUSEADDR" }, { 3, "SO_TYPE" },
	{ 4, "SO_ERROR" }, { 5, "SO_DONTROUTE" }, { 6, "SO_BROADCAST" },
	{ 7, "SO_SNDBUF" }, { 8, "SO_RCVBUF" }, { 9, "SO_KEEPALIVE" },
	{ 10, "SO_OOBINLINE" }, { 11, "SO_NO_CHECK" }, { 12, "SO_PRIORITY" },
	{ 13, "SO_LINGER" }, { 14, "SO_BSDCOMPAT" }, { 15, "SO_REUSEPORT" },
	{ 16, "SO_PASSCRED" }, { 17, "SO_PEERCRED" }, { 18, "SO_RCVLOWAT" },
	{ 19, "SO_SNDLOWAT" }, { 20, "SO_RCVTIMEO_OLD" },
	{ 21, "SO_SNDTIMEO_OLD" }, { 25, "SO_BINDTODEVICE" },
	{ 26, "SO_ATTACH_FILTER" }, { 27, "SO_DETACH_FILTER" },
	{ 28, "SO_PEERNAME" }, { 29, "SO_TIMESTAMP_OLD" },
	{ 30, "SO_ACCEPTCONN" }, { 31, "SO_PEERSEC" }, { 32, "SO_SNDBUFFORCE" },
	{ 33, "SO_RCVBUFFORCE" }, { 34, "SO_PASSSEC" },
	{ 35, "SO_TIMESTAMPNS_OLD" }, { 36, "SO_MARK" },
	{ 37, "SO_TIMESTAMPING_OLD" }, { 38, "SO_PROTOCOL" },
	{ 39, "SO_DOMAIN" }, { 40, "SO_RXQ_OVFL" }, { 41, "SO_WIFI_STATUS" },
	{ 42, "SO_PEEK_OFF" }, { 43, "SO_NOFCS" }, { 44, "SO_LOCK_FILTER" },
	{ 45, "SO_SELECT_ERR_QUEUE" }, { 46, "SO_BUSY_POLL" },
	{ 47, "SO_MAX_PACING_RATE" }, { 48, "SO_BPF_EXTENSIONS" },
	{ 49, "SO_INCOMING_CPU" }, { 50, "SO_ATTACH_BPF" },
	{ 51, "SO_ATTACH_REUSEPORT_CBPF" }, { 52, "SO_ATTACH_REUSEPORT_EBPF" },
	{ 53, "SO_CNX_ADVICE" }, { 55, "SO_MEMINFO" },
	{ 56, "SO_INCOMING_NAPI_ID" }, { 57, "SO_COOKIE" },
	{ 59, "SO_PEERGROUPS" }, { 60, "SO_ZEROCOPY" }, { 61, "SO_TXTIME" },
	{ 62, "SO_BINDTOIFINDEX" }, { 63, "SO_TIMESTAMP_NEW" },
	{ 64, "SO_TIMESTAMPNS_NEW" }, { 65, "SO_TIMESTAMPING_NEW" },
	{ 66, "SO_RCVTIMEO_NEW" }, { 67, "SO_SNDTIMEO_NEW" },
	{ 69, "SO_PREFER_BUSY_POLL" }, { 70, "SO_BUSY_POLL_BUDGET" },
	{ 71, "SO_NETNS_COOKIE" }, { 72, "SO_BUF_LOCK" },
	{ 73, "SO_RESERVE_MEM" }, { 74, "SO_TXREHASH" }, { 75, "SO_RCVMARK" },
	{ 76, "SO_PASSPIDFD" }, { 77, "SO_PEERPIDFD" }, { 0, NULL },
};

static const struct flag_name tcp_options[] = {
	{ 1, "TCP_NODELAY" }, { 2, "TCP_MAXSEG" }, { 3, "TCP_CORK" },
	{ 4, "TCP_KEEPIDLE" }, { 5, "TCP_KEEPINTVL" }, { 6, "TCP_KEEPCNT" },
	{ 7, "TCP_SYNCNT" }, { 8, "TCP_LINGER2" }, { 9, "TCP_DEFER_ACCEPT" },
	{ 10, "TCP_WINDOW_CLAMP" }, { 11, "TCP_INFO" }, { 12, "TCP_QUICKACK" },
	{ 13, "TCP_CONGESTION" }, { 14, "TCP_MD5SIG" },
	{ 16, "TCP_THIN_LINEAR_TIMEOUTS" }, { 17, "TCP_THIN_DUPACK" },
	{ 18, "TCP_USER_TIMEOUT" }, { 19, "TCP_REPAIR" },
	{ 20, "TCP_REPAIR_QUEUE" }, { 21, "TCP_QUEUE_SEQ" },
	{ 22, "TCP_REPAIR_OPTIONS" }, { 23, "TCP_FASTOPEN" },
	{ 24, "TCP_TIMESTAMP" }, { 25, "TCP_NOTSENT_LOWAT" },
	{ 26, "TCP_CC_INFO" }, { 27, "TCP_SAVE_SYN" }, { 28, "TCP_SAVED_SYN" },
	{ 29, "TCP_REPAIR_WINDOW" }, { 30, "TCP_FASTOPEN_CONNECT" },
	{ 31, "TCP_ULP" }, { 32, "TCP_MD5SIG_EXT" }, { 33, "TCP_FASTOPEN_KEY" },
	{ 34, "TCP_FASTOPEN_NO_COOKIE" }, { 35, "TCP_ZEROCOPY_RECEIVE" },
	{ 36, "TCP_INQ" }, { 37, "TCP_TX_DELAY" }, { 0, NULL },
};

static const struct flag_name ip_options[] = {
	{ 1, "IP_TOS" }, { 2, "IP_TTL" }, { 3, "IP_HDRINCL" },
	{ 4, "IP_OPTIONS" }, { 5, "IP_ROUTER_ALERT" }, { 6, "IP_RECVOPTS" },
	{ 7, "IP_RETOPTS" }, { 8, "IP_PKTINFO" }, { 9, "IP_PKTOPTIONS" },
	{ 10, "IP_MTU_DISCOVER" }, { 11, "IP_RECVERR" }, { 12, "IP_RECVTTL" },
	{ 13, "IP_RECVTOS" }, { 14, "IP_MTU" }, { 15, "IP_FREEBIND" },
	{ 16, "IP_IPSEC_POLICY" }, { 17, "IP_XFRM_POLICY" },
	{ 18, "IP_PASSSEC" }, { 19, "IP_TRANSPARENT" },
	{ 20, "IP_ORIGDSTADDR" }, { 21, "IP_MINTTL" }, { 22, "IP_NODEFRAG" },
	{ 23, "IP_CHECKSUM" }, { 24, "IP_BIND_ADDRESS_NO_PORT" },
	{ 25, "IP_RECVFRAGSIZE" }, { 26, "IP_RECVERR_RFC4884" },
	{ 32, "IP_MULTICAST_IF" }, { 33, "IP_MULTICAST_TTL" },
	{ 34, "IP_MULTICAST_LOOP" }, { 35, "IP_ADD_MEMBERSHIP" },
	{ 36, "IP_DROP_MEMBERSHIP" }, { 37, "IP_UNBLOCK_SOURCE" },
	{ 38, "IP_BLOCK_SOURCE" }, { 39, "IP_ADD_SOURCE_MEMBERSHIP" },
	{ 40, "IP_DROP_SOURCE_MEMBERSHIP" }, { 41, "IP_MSFILTER" },
	{ 49, "IP_MULTICAST_ALL" }, { 50, "IP_UNICAST_IF" }, { 0, NULL },
};

static const struct flag_name ipv6_options[] = {
	{ 1, "IPV6_ADDRFORM" }, { 7, "IPV6_CHECKSUM" },
	{ 16, "IPV6_UNICAST_HOPS" }, { 17, "IPV6_MULTICAST_IF" },
	{ 18, "IPV6_MULTICAST_HOPS" }, { 19, "IPV6_MULTICAST_LOOP" },
	{ 20, "IPV6_ADD_MEMBERSHIP" }, { 21, "IPV6_DROP_MEMBERSHIP" },
	{ 22, "IPV6_ROUTER_ALERT" }, { 23, "IPV6_MTU_DISCOVER" },
	{ 24, "IPV6_MTU" }, { 25, "IPV6_RECVERR" }, { 26, "IPV6_V6ONLY" },
	{ 27, "IPV6_JOIN_ANYCAST" }, { 28, "IPV6_LEAVE_ANYCAST" },
	{ 29, "IPV6_MULTICAST_ALL" }, { 49, "IPV6_RECVPKTINFO" },
	{ 50, "IPV6_PKTINFO" }, { 51, "IPV6_RECVHOPLIMIT" },
	{ 52, "IPV6_HOPLIMIT" }, { 53, "IPV6_RECVHOPOPTS" },
	{ 56, "IPV6_RECVRTHDR" }, { 58, "IPV6_RECVDSTOPTS" },
	{ 60, "IPV6_RECVPATHMTU" }, { 62, "IPV6_DONTFRAG" },
	{ 66, "IPV6_RECVTCLASS" }, { 67, "IPV6_TCLASS" },
	{ 70, "IPV6_AUTOFLOWLABEL" }, { 72, "IPV6_ADDR_PREFERENCES" },
	{ 73, "IPV6_MINHOPCOUNT" }, { 74, "IPV6_RECVORIGDSTADDR" },
	{ 75, "IPV6_TRANSPARENT" }, { 76, "IPV6_UNICAST_IF" },
	{ 77, "IPV6_RECVFRAGSIZE" }, { 78, "IPV6_FREEBIND" }, { 0, NULL },
};

static const struct flag_name netlink_options[] = {
	{ 1, "NETLINK_ADD_MEMBERSHIP" }, { 2, "NETLINK_DROP_MEMBERSHIP" },
	{ 3, "NETLINK_PKTINFO" }, { 4, "NETLINK_BROADCAST_ERROR" },
	{ 5, "NETLINK_NO_ENOBUFS" }, { 6, "NETLINK_RX_RING" },
	{ 7, "NETLINK_TX_RING" }, { 8, "NETLINK_LISTEN_ALL_NSID" },
	{ 9, "NETLINK_LIST_MEMBERSHIPS" }, { 10, "NETLINK_CAP_ACK" },
	{ 11, "NETLINK_EXT_ACK" }, { 12, "NETLINK_GET_STRICT_CHK" },
	{ 0, NULL },
};

void decode_put_sol_level(struct dout *o, const char *key, uint32_t level)
{
	decode_put_xlat(o, key, level, sol_levels, "SOL_??");
}

/* The names of a level's options, and what strace calls an unknown one. */
static const struct flag_name *level_options(uint32_t level,
					     const char **unknown)
{
	switch (level) {
	case SOL_SOCKET:
		*unknown = "SO_???";
		return so_options;
	case IPPROTO_TCP:
		*unknown = "TCP_???";
		return tcp_options;
	case IPPROTO_IP:
		*unknown = "IP_???";
		return ip_options;
	case IPPROTO_IPV6:
		*unknown = "IPV6_???";
		return ipv6_options;
	case SOL_NETLINK:
		*unknown = "NETLINK_???";
		return netlink_options;
	}
	return NULL;
}

void decode_put_sockopt(struct dout *o, const char *key, uint32_t level,
			uint32_t name)
{
	const char *unknown = NULL;
	const struct flag_name *names = level_options(level, &unknown);

	if (names)
		decode_put_xlat(o, key, name, names, unknown);
	else
		dout_uint(o, key, name);
}
