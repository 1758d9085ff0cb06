/* Sockets as the kernel's sock_diag netlink interface describes them:
 * unix (with the peer inode /proc/net/unix lacks), TCP/UDP/raw over IPv4
 * and IPv6, netlink and packet sockets. One dump per family fills a table
 * keyed by socket inode. Parsing is separate from I/O so tests can feed
 * canned messages. */
#ifndef DSCOPE_NET_SOCKDIAG_H
#define DSCOPE_NET_SOCKDIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/hashmap.h"

struct nlmsghdr;

struct sock_info {
	uint64_t ino;
	uint8_t family; /* AF_UNIX, AF_INET, AF_INET6, AF_NETLINK, AF_PACKET */
	uint8_t type;	/* SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET, SOCK_RAW */
	uint8_t protocol; /* IPPROTO_TCP/UDP/UDPLITE/RAW/ICMP..., NETLINK_* */
	uint8_t state; /* TCP_* numbering (unix uses it too: 1 established, 10
			  listen, 7 close) */
	bool has_uid;
	uint32_t uid;
	/* Queues: for listeners rqueue is the pending connections and wqueue
	 * the backlog limit; otherwise bytes queued. */
	bool has_queues;
	uint32_t rqueue, wqueue;

	/* unix */
	char *path; /* bound name, raw bytes; an abstract name starts with '@'
		     */
	size_t path_len;
	bool abstract;
	uint64_t peer_ino; /* 0: no peer */
	uint64_t vfs_ino;  /* inode of the socket file for bound sockets */
	uint32_t vfs_dev;
	uint32_t
		*pending; /* listener: inodes of connections not yet accepted */
	size_t npending;
	bool shutdown_rd, shutdown_wr;
	bool has_shutdown;

	/* inet: addresses in network byte order, ports in host order */
	uint8_t src[16], dst[16];
	uint16_t sport, dport;
	uint32_t ifindex;

	/* netlink */
	uint32_t portid, dst_portid, dst_group;
	uint32_t groups; /* first word of the group bitmap */

	/* packet */
	uint16_t packet_proto; /* ETH_P_*, host order */
	uint32_t packet_ifindex;
};

enum sockdiag_families {
	SOCKDIAG_UNIX = 1 << 0,
	SOCKDIAG_INET = 1 << 1, /* TCP, UDP, UDP-Lite, raw; IPv4 and IPv6 */
	SOCKDIAG_NETLINK = 1 << 2,
	SOCKDIAG_PACKET = 1 << 3,
	SOCKDIAG_ALL = (1 << 4) - 1,
};

struct sock_table {
	struct hashmap by_ino; /* ino -> struct sock_info * */
	/* families that failed to dump, with the first error (-errno), so
	 * callers can say "unknown" instead of "no socket" */
	unsigned failed;
	int error;
};

void sock_table_init(struct sock_table *t);
void sock_table_release(struct sock_table *t);
const struct sock_info *sock_table_find(const struct sock_table *t,
					uint64_t ino);
/* Adds (takes ownership of) a parsed socket; replaces a duplicate inode. */
void sock_table_add(struct sock_table *t, struct sock_info *s);

/* Dumps the families asked for in the calling thread's network namespace
 * into t. Returns 0 when at least one family dumped; failures per family
 * are recorded in t->failed / t->error. */
int sockdiag_dump(struct sock_table *t, unsigned families);

/* Dumps inside the network namespace of the open fd netns_fd (a
 * /proc/PID/ns/net), switching back afterwards. Needs CAP_SYS_ADMIN;
 * returns -EPERM otherwise. */
int sockdiag_dump_netns(struct sock_table *t, unsigned families, int netns_fd);

/* Parsers for one reply message of each family. Return 0 and a malloc'ed
 * *out, or -EINVAL for a malformed message (never read past nlh->nlmsg_len,
 * which the caller guarantees fits the buffer). */
int sockdiag_parse_unix(const struct nlmsghdr *nlh, struct sock_info **out);
int sockdiag_parse_inet(const struct nlmsghdr *nlh, uint8_t protocol,
			struct sock_info **out);
int sockdiag_parse_netlink(const struct nlmsghdr *nlh, struct sock_info **out);
int sockdiag_parse_packet(const struct nlmsghdr *nlh, struct sock_info **out);

void sock_info_free(struct sock_info *s);
/* A deep copy (its name and pending list too). */
struct sock_info *sock_info_copy(const struct sock_info *s);
/* Sets the unix name from sun_path bytes as the kernel keeps them. */
void sock_info_set_unix_name(struct sock_info *s, const char *p, size_t len);

/* Names for display: "tcp", "udp6", "unix-stream", "netlink", ... and the
 * state ("LISTEN", "ESTABLISHED", ...); NULL when unknown. */
const char *sock_info_proto_name(const struct sock_info *s);
const char *sock_info_state_name(const struct sock_info *s);
/* SOCK_STREAM -> "stream", "dgram", "seqpacket"; NULL for others. */
const char *sock_type_name(unsigned type);
/* NETLINK_ROUTE -> "route", ...; NULL when unknown. */
const char *sock_netlink_proto_name(unsigned protocol);
/* Whether both ends are on loopback (127.0.0.0/8, ::1, v4-mapped). */
bool sock_info_is_loopback(const struct sock_info *s);

#endif
