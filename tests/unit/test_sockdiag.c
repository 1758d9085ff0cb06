/* sock_diag parsers on real replies captured on a 6.18 kernel
 * (tests/data/netlink/, see the README there) and on hand-built, truncated
 * and lying messages; socket names; the table. The live dumps are in
 * test_sockdiag_live.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/if_ether.h>
#include <linux/inet_diag.h>
#include <linux/netlink_diag.h>
#include <linux/packet_diag.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "net/sockdiag.h"
#include "unit_util.h"

typedef int (*parse_fn)(const struct nlmsghdr *nlh, struct sock_info **out);

static int parse_tcp(const struct nlmsghdr *nlh, struct sock_info **out)
{
	return sockdiag_parse_inet(nlh, IPPROTO_TCP, out);
}

static int parse_udp(const struct nlmsghdr *nlh, struct sock_info **out)
{
	return sockdiag_parse_inet(nlh, IPPROTO_UDP, out);
}

static int parse_raw(const struct nlmsghdr *nlh, struct sock_info **out)
{
	return sockdiag_parse_inet(nlh, IPPROTO_RAW, out);
}

/* A fixture file, read whole into an exactly sized heap buffer. */
static struct nlmsghdr *load(const char *name, size_t *len)
{
	const char *top = getenv("TOP");
	char path[512], buf[4096];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/tests/data/netlink/%s",
		 top ? top : ".", name);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s (run from the top directory)", path);
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	assert_true(n >= sizeof(struct nlmsghdr));
	assert_int_equal(((struct nlmsghdr *)(void *)buf)->nlmsg_len, n);
	*len = n;
	return (struct nlmsghdr *)dup_exact(buf, n);
}

/* Runs a parser on a copy of msg cut to len bytes (nlmsg_len = len, the
 * buffer exactly that long, or a bare header when shorter). */
static int parse_cut(const void *msg, size_t len, parse_fn fn,
		     struct sock_info **out)
{
	size_t size =
		len < sizeof(struct nlmsghdr) ? sizeof(struct nlmsghdr) : len;
	char *b = calloc(1, size);
	int r;

	assert_non_null(b);
	memcpy(b, msg, len < size ? len : size);
	((struct nlmsghdr *)(void *)b)->nlmsg_len = (uint32_t)len;
	r = fn((struct nlmsghdr *)(void *)b, out);
	free(b);
	return r;
}

/* Every prefix of a message parses or returns -EINVAL; a cut inside the
 * family header or inside an attribute is always -EINVAL, a cut at an
 * attribute boundary parses. */
static void check_prefixes(const struct nlmsghdr *nlh, size_t hdrlen,
			   parse_fn fn)
{
	size_t len = nlh->nlmsg_len, attrs = MNL_NLMSG_HDRLEN + hdrlen;
	bool boundary[4096] = { false };
	const struct nlattr *a;

	assert_true(len < sizeof(boundary));
	/* up to three stray bytes after the header or an attribute are
	 * taken for padding */
	for (size_t pad = 0; pad < MNL_ALIGNTO && attrs + pad <= len; pad++)
		boundary[attrs + pad] = true;
	mnl_attr_for_each(a, nlh, hdrlen)
	{
		size_t end = (size_t)((const char *)a - (const char *)nlh) +
			     a->nla_len;

		for (size_t pad = 0; pad < MNL_ALIGNTO && end + pad <= len;
		     pad++)
			boundary[end + pad] = true;
	}
	for (size_t cut = 0; cut <= len; cut++) {
		struct sock_info *s = (void *)1;
		int r = parse_cut(nlh, cut, fn, &s);

		if (r == 0) {
			assert_non_null(s);
			sock_info_free(s);
		} else {
			assert_int_equal(r, -EINVAL);
			assert_null(s);
		}
		if (cut < attrs || !boundary[cut])
			assert_int_equal(r, -EINVAL);
		else
			assert_int_equal(r, 0);
	}
}

/* Every byte after the netlink header set to a few values: the parser
 * must survive all of them (ASan watches). */
static void check_mutations(const struct nlmsghdr *nlh, parse_fn fn)
{
	static const uint8_t values[] = { 0, 1, 3, 4, 5, 8, 0x7f, 0xff };
	size_t len = nlh->nlmsg_len;
	char *b = dup_exact(nlh, len);

	for (size_t i = MNL_NLMSG_HDRLEN; i < len; i++) {
		char saved = b[i];

		for (size_t v = 0; v < sizeof(values); v++) {
			struct sock_info *s = NULL;
			int r;

			b[i] = (char)values[v];
			r = fn((struct nlmsghdr *)(void *)b, &s);
			assert_true(r == 0 || r == -EINVAL);
			sock_info_free(s);
		}
		b[i] = saved;
	}
	free(b);
}

/* Real replies */

static void real_unix_listener(void **state)
{
	struct sock_info *s;
	struct nlmsghdr *nlh;
	size_t len;

	(void)state;
	nlh = load("unix-listener.bin", &len);
	assert_int_equal(sockdiag_parse_unix(nlh, &s), 0);
	assert_int_equal(s->family, AF_UNIX);
	assert_int_equal(s->type, SOCK_STREAM);
	assert_int_equal(s->state, TCP_LISTEN);
	assert_int_equal(s->ino, 603047);
	assert_false(s->abstract);
	assert_int_equal(s->path_len, strlen("/tmp/dscope-fixture.sock"));
	assert_string_equal(s->path, "/tmp/dscope-fixture.sock");
	assert_int_equal(s->vfs_ino, 10952724);
	assert_int_equal(s->vfs_dev, 0xfe00000); /* kernel encoding of fe:00 */
	assert_int_equal(s->peer_ino, 0);
	assert_int_equal(s->npending, 1);
	assert_int_equal(s->pending[0], 603048);
	assert_true(s->has_queues);
	assert_int_equal(s->rqueue, 1);
	assert_int_equal(s->wqueue, 7);
	assert_true(s->has_shutdown);
	assert_false(s->shutdown_rd || s->shutdown_wr);
	assert_true(s->has_uid);
	assert_int_equal(s->uid, 0);
	assert_string_equal(sock_info_proto_name(s), "unix-stream");
	assert_string_equal(sock_info_state_name(s), "LISTEN");
	assert_false(sock_info_is_loopback(s));
	sock_info_free(s);
	check_prefixes(nlh, sizeof(struct unix_diag_msg), sockdiag_parse_unix);
	check_mutations(nlh, sockdiag_parse_unix);
	free(nlh);
}

static void real_unix_abstract(void **state)
{
	static const char name[] = "@dscope\0fixture\xff\xfe";
	struct sock_info *s;
	struct nlmsghdr *nlh;
	size_t len;

	(void)state;
	nlh = load("unix-abstract.bin", &len);
	assert_int_equal(sockdiag_parse_unix(nlh, &s), 0);
	assert_int_equal(s->type, SOCK_DGRAM);
	assert_int_equal(s->state, TCP_CLOSE);
	assert_true(s->abstract);
	/* the embedded NUL and the invalid UTF-8 are kept, raw */
	assert_int_equal(s->path_len, sizeof(name) - 1);
	assert_memory_equal(s->path, name, sizeof(name) - 1);
	assert_int_equal(s->path[s->path_len], '\0');
	assert_int_equal(s->vfs_ino, 0);
	assert_string_equal(sock_info_proto_name(s), "unix-dgram");
	assert_string_equal(sock_info_state_name(s), "UNCONNECTED");
	sock_info_free(s);
	check_prefixes(nlh, sizeof(struct unix_diag_msg), sockdiag_parse_unix);
	check_mutations(nlh, sockdiag_parse_unix);
	free(nlh);
}

static void real_tcp(void **state)
{
	static const uint8_t lo[16] = { 127, 0, 0, 1 };
	struct sock_info *s;
	struct nlmsghdr *nlh;
	size_t len;

	(void)state;
	nlh = load("tcp-established.bin", &len);
	assert_int_equal(parse_tcp(nlh, &s), 0);
	assert_int_equal(s->family, AF_INET);
	assert_int_equal(s->type, SOCK_STREAM);
	assert_int_equal(s->protocol, IPPROTO_TCP);
	assert_int_equal(s->state, TCP_ESTABLISHED);
	assert_int_equal(s->ino, 603051);
	assert_int_equal(s->sport, 56932);
	assert_int_equal(s->dport, 48301);
	assert_memory_equal(s->src, lo, 16);
	assert_memory_equal(s->dst, lo, 16);
	assert_true(s->has_uid);
	assert_int_equal(s->uid, 0);
	assert_true(s->has_queues);
	assert_true(s->has_shutdown);
	assert_string_equal(sock_info_proto_name(s), "tcp");
	assert_string_equal(sock_info_state_name(s), "ESTABLISHED");
	assert_true(sock_info_is_loopback(s));
	sock_info_free(s);
	check_prefixes(nlh, sizeof(struct inet_diag_msg), parse_tcp);
	check_mutations(nlh, parse_tcp);
	free(nlh);
}

static void real_udp6(void **state)
{
	static const uint8_t lo6[16] = { [15] = 1 };
	struct sock_info *s;
	struct nlmsghdr *nlh;
	size_t len;

	(void)state;
	nlh = load("udp6.bin", &len);
	assert_int_equal(parse_udp(nlh, &s), 0);
	assert_int_equal(s->family, AF_INET6);
	assert_int_equal(s->type, SOCK_DGRAM);
	assert_int_equal(s->state, TCP_CLOSE);
	assert_int_equal(s->ino, 603052);
	assert_int_equal(s->sport, 32837);
	assert_int_equal(s->dport, 0);
	assert_memory_equal(s->src, lo6, 16);
	assert_string_equal(sock_info_proto_name(s), "udp6");
	assert_string_equal(sock_info_state_name(s), "UNCONNECTED");
	assert_true(sock_info_is_loopback(s));
	sock_info_free(s);
	check_prefixes(nlh, sizeof(struct inet_diag_msg), parse_udp);
	check_mutations(nlh, parse_udp);
	free(nlh);
}

static void real_netlink(void **state)
{
	struct sock_info *s;
	struct nlmsghdr *nlh;
	size_t len;

	(void)state;
	nlh = load("netlink-route.bin", &len);
	assert_int_equal(sockdiag_parse_netlink(nlh, &s), 0);
	assert_int_equal(s->family, AF_NETLINK);
	assert_int_equal(s->type, SOCK_RAW);
	assert_int_equal(s->protocol, NETLINK_ROUTE);
	assert_int_equal(s->ino, 603053);
	assert_int_equal(s->portid, 15811);
	assert_int_equal(s->dst_portid, 0);
	assert_int_equal(s->dst_group, 0);
	assert_int_equal(s->groups, RTMGRP_LINK | RTMGRP_IPV4_IFADDR);
	assert_string_equal(sock_info_proto_name(s), "netlink");
	assert_string_equal(sock_info_state_name(s), "UNCONNECTED");
	assert_string_equal(sock_netlink_proto_name(s->protocol), "route");
	sock_info_free(s);
	check_prefixes(nlh, sizeof(struct netlink_diag_msg),
		       sockdiag_parse_netlink);
	check_mutations(nlh, sockdiag_parse_netlink);
	free(nlh);
}

static void real_packet(void **state)
{
	struct sock_info *s;
	struct nlmsghdr *nlh;
	size_t len;

	(void)state;
	nlh = load("packet.bin", &len);
	assert_int_equal(sockdiag_parse_packet(nlh, &s), 0);
	assert_int_equal(s->family, AF_PACKET);
	assert_int_equal(s->type, SOCK_DGRAM);
	assert_int_equal(s->ino, 603054);
	assert_int_equal(s->packet_proto, ETH_P_IP);
	assert_int_equal(s->packet_ifindex, 1);
	assert_true(s->has_uid);
	assert_int_equal(s->uid, 0);
	assert_string_equal(sock_info_proto_name(s), "packet");
	assert_null(sock_info_state_name(s));
	sock_info_free(s);
	check_prefixes(nlh, sizeof(struct packet_diag_msg),
		       sockdiag_parse_packet);
	check_mutations(nlh, sockdiag_parse_packet);
	free(nlh);
}

/* Hand-built messages */

struct msg {
	char buf[1024];
	struct nlmsghdr *nlh;
};

static void *msg_start(struct msg *m, size_t hdrlen)
{
	memset(m->buf, 0, sizeof(m->buf));
	m->nlh = mnl_nlmsg_put_header(m->buf);
	m->nlh->nlmsg_type = SOCK_DIAG_BY_FAMILY;
	return mnl_nlmsg_put_extra_header(m->nlh, hdrlen);
}

static struct unix_diag_msg *unix_start(struct msg *m, uint32_t ino)
{
	struct unix_diag_msg *u = msg_start(m, sizeof(*u));

	u->udiag_family = AF_UNIX;
	u->udiag_type = SOCK_STREAM;
	u->udiag_state = TCP_ESTABLISHED;
	u->udiag_ino = ino;
	return u;
}

static int parse_msg(struct msg *m, parse_fn fn, struct sock_info **s)
{
	char *b = dup_exact(m->nlh, m->nlh->nlmsg_len);
	int r = fn((struct nlmsghdr *)(void *)b, s);

	free(b);
	return r;
}

static void built_unix_names(void **state)
{
	static const char abstract[] = "\0a\0b\xc3\x28";
	static const char path[] = "/run/\x1b[31m\xff.sock";
	struct sock_info *s;
	struct msg m;

	(void)state;
	/* abstract name with NULs and invalid UTF-8, no terminator */
	unix_start(&m, 42);
	mnl_attr_put(m.nlh, UNIX_DIAG_NAME, sizeof(abstract) - 1, abstract);
	mnl_attr_put_u32(m.nlh, UNIX_DIAG_PEER, 43);
	assert_int_equal(parse_msg(&m, sockdiag_parse_unix, &s), 0);
	assert_true(s->abstract);
	assert_int_equal(s->path_len, 6);
	assert_memory_equal(s->path, "@a\0b\xc3\x28", 6);
	assert_int_equal(s->peer_ino, 43);
	assert_string_equal(sock_info_state_name(s), "CONNECTED");
	sock_info_free(s);

	/* a path name with escapes, and the kernel's terminating NUL */
	unix_start(&m, 44);
	mnl_attr_put(m.nlh, UNIX_DIAG_NAME, sizeof(path), path);
	assert_int_equal(parse_msg(&m, sockdiag_parse_unix, &s), 0);
	assert_false(s->abstract);
	assert_int_equal(s->path_len, sizeof(path) - 1);
	assert_memory_equal(s->path, path, sizeof(path));
	sock_info_free(s);

	/* an abstract name that is only the NUL; an empty name */
	unix_start(&m, 45);
	mnl_attr_put(m.nlh, UNIX_DIAG_NAME, 1, "");
	assert_int_equal(parse_msg(&m, sockdiag_parse_unix, &s), 0);
	assert_true(s->abstract);
	assert_int_equal(s->path_len, 1);
	assert_string_equal(s->path, "@");
	sock_info_free(s);
	unix_start(&m, 46);
	mnl_attr_put(m.nlh, UNIX_DIAG_NAME, 0, "");
	assert_int_equal(parse_msg(&m, sockdiag_parse_unix, &s), 0);
	assert_null(s->path);
	assert_int_equal(s->path_len, 0);
	sock_info_free(s);

	/* two NAME attributes: the last one wins, nothing leaks */
	unix_start(&m, 47);
	mnl_attr_put(m.nlh, UNIX_DIAG_NAME, sizeof(path), path);
	mnl_attr_put(m.nlh, UNIX_DIAG_NAME, 3, "/x");
	assert_int_equal(parse_msg(&m, sockdiag_parse_unix, &s), 0);
	assert_string_equal(s->path, "/x");
	sock_info_free(s);

	/* no attributes at all; unknown attribute types are skipped */
	unix_start(&m, 48);
	mnl_attr_put_u32(m.nlh, 99, 1);
	assert_int_equal(parse_msg(&m, sockdiag_parse_unix, &s), 0);
	assert_int_equal(s->ino, 48);
	assert_false(s->has_uid || s->has_queues || s->has_shutdown);
	sock_info_free(s);
}

static void built_unix_bad_lengths(void **state)
{
	struct unix_diag_rqlen rq = { 1, 2 };
	struct sock_info *s = NULL;
	struct nlattr *a;
	struct msg m;

	(void)state;
	/* attribute payloads too short for their type */
	unix_start(&m, 1);
	mnl_attr_put(m.nlh, UNIX_DIAG_PEER, 2, "ab");
	assert_int_equal(parse_msg(&m, sockdiag_parse_unix, &s), -EINVAL);
	unix_start(&m, 1);
	mnl_attr_put(m.nlh, UNIX_DIAG_RQLEN, 4, &rq);
	assert_int_equal(parse_msg(&m, sockdiag_parse_unix, &s), -EINVAL);
	unix_start(&m, 1);
	mnl_attr_put(m.nlh, UNIX_DIAG_VFS, 7, "1234567");
	assert_int_equal(parse_msg(&m, sockdiag_parse_unix, &s), -EINVAL);
	unix_start(&m, 1);
	mnl_attr_put(m.nlh, UNIX_DIAG_ICONS, 6, "123456");
	assert_int_equal(parse_msg(&m, sockdiag_parse_unix, &s), -EINVAL);
	unix_start(&m, 1);
	mnl_attr_put(m.nlh, UNIX_DIAG_UID, 0, "");
	assert_int_equal(parse_msg(&m, sockdiag_parse_unix, &s), -EINVAL);
	unix_start(&m, 1);
	mnl_attr_put(m.nlh, UNIX_DIAG_SHUTDOWN, 0, "");
	assert_int_equal(parse_msg(&m, sockdiag_parse_unix, &s), -EINVAL);
	assert_null(s);

	/* attribute lengths that lie: past the message, below the header */
	for (unsigned lie = 0; lie < 4; lie++) {
		static const uint16_t lens[] = { 0, 2, 3, 200 };

		unix_start(&m, 1);
		a = (struct nlattr *)mnl_nlmsg_get_payload_tail(m.nlh);
		mnl_attr_put_u32(m.nlh, UNIX_DIAG_PEER, 5);
		mnl_attr_put(m.nlh, UNIX_DIAG_RQLEN, sizeof(rq), &rq);
		a->nla_len = lens[lie];
		assert_int_equal(parse_msg(&m, sockdiag_parse_unix, &s),
				 -EINVAL);
		assert_null(s);
	}

	/* wrong family; a header shorter than unix_diag_msg */
	unix_start(&m, 1)->udiag_family = AF_INET;
	assert_int_equal(parse_msg(&m, sockdiag_parse_unix, &s), -EINVAL);
	msg_start(&m, 8);
	assert_int_equal(parse_msg(&m, sockdiag_parse_unix, &s), -EINVAL);

	/* three stray bytes after the last attribute are padding; more
	 * than that is an attribute cut short */
	unix_start(&m, 1);
	mnl_attr_put_u32(m.nlh, UNIX_DIAG_PEER, 5);
	m.nlh->nlmsg_len += 3;
	assert_int_equal(parse_msg(&m, sockdiag_parse_unix, &s), 0);
	sock_info_free(s);
	m.nlh->nlmsg_len += 1;
	assert_int_equal(parse_msg(&m, sockdiag_parse_unix, &s), -EINVAL);
}

static void built_inet(void **state)
{
	struct inet_diag_msg *d;
	struct sock_info *s;
	struct msg m;

	(void)state;
	/* a raw ICMPv6 socket: the protocol comes from the reply */
	d = msg_start(&m, sizeof(*d));
	d->idiag_family = AF_INET6;
	d->idiag_state = TCP_CLOSE;
	d->id.idiag_sport = htons(58);
	d->id.idiag_if = 3;
	d->idiag_inode = 77;
	d->idiag_uid = 1000;
	d->idiag_rqueue = 5;
	d->idiag_wqueue = 6;
	inet_pton(AF_INET6, "fe80::1", d->id.idiag_src);
	mnl_attr_put_u8(m.nlh, INET_DIAG_PROTOCOL, IPPROTO_ICMPV6);
	mnl_attr_put_u8(m.nlh, INET_DIAG_SHUTDOWN, 3);
	assert_int_equal(parse_msg(&m, parse_raw, &s), 0);
	assert_int_equal(s->type, SOCK_RAW);
	assert_int_equal(s->protocol, IPPROTO_ICMPV6);
	assert_int_equal(s->sport, 58);
	assert_int_equal(s->ifindex, 3);
	assert_int_equal(s->uid, 1000);
	assert_int_equal(s->rqueue, 5);
	assert_int_equal(s->wqueue, 6);
	assert_true(s->shutdown_rd && s->shutdown_wr);
	assert_string_equal(sock_info_proto_name(s), "raw6");
	assert_false(sock_info_is_loopback(s));
	sock_info_free(s);
	check_prefixes(m.nlh, sizeof(*d), parse_raw);

	/* v4 ports and addresses; a PROTOCOL attribute with no payload */
	d = msg_start(&m, sizeof(*d));
	d->idiag_family = AF_INET;
	d->idiag_state = TCP_SYN_SENT;
	d->id.idiag_sport = htons(40000);
	d->id.idiag_dport = htons(443);
	inet_pton(AF_INET, "10.0.0.2", d->id.idiag_src);
	inet_pton(AF_INET, "192.0.2.7", d->id.idiag_dst);
	assert_int_equal(parse_msg(&m, parse_tcp, &s), 0);
	assert_int_equal(s->sport, 40000);
	assert_int_equal(s->dport, 443);
	assert_memory_equal(s->src, "\x0a\0\0\x02", 4);
	assert_memory_equal(s->dst, "\xc0\0\x02\x07", 4);
	assert_string_equal(sock_info_state_name(s), "SYN-SENT");
	sock_info_free(s);
	mnl_attr_put(m.nlh, INET_DIAG_PROTOCOL, 0, "");
	assert_int_equal(parse_msg(&m, parse_tcp, &s), -EINVAL);

	/* neither v4 nor v6 */
	d = msg_start(&m, sizeof(*d));
	d->idiag_family = AF_UNIX;
	assert_int_equal(parse_msg(&m, parse_tcp, &s), -EINVAL);
}

static void built_netlink_packet(void **state)
{
	struct netlink_diag_msg *n;
	struct packet_diag_msg *p;
	struct packet_diag_info info = { .pdi_index = 9 };
	struct sock_info *s;
	struct msg m;

	(void)state;
	n = msg_start(&m, sizeof(*n));
	n->ndiag_family = AF_NETLINK;
	n->ndiag_type = SOCK_DGRAM;
	n->ndiag_protocol = NETLINK_KOBJECT_UEVENT;
	n->ndiag_state = 1;
	n->ndiag_portid = 100;
	n->ndiag_dst_portid = 200;
	n->ndiag_dst_group = 1;
	n->ndiag_ino = 5;
	mnl_attr_put_u32(m.nlh, NETLINK_DIAG_GROUPS, 0x80000001);
	assert_int_equal(parse_msg(&m, sockdiag_parse_netlink, &s), 0);
	assert_int_equal(s->groups, 0x80000001);
	assert_int_equal(s->dst_portid, 200);
	assert_int_equal(s->dst_group, 1);
	assert_string_equal(sock_info_state_name(s), "CONNECTED");
	assert_string_equal(sock_netlink_proto_name(s->protocol),
			    "kobject_uevent");
	sock_info_free(s);
	check_prefixes(m.nlh, sizeof(*n), sockdiag_parse_netlink);
	/* a group bitmap of two bytes is no bitmap */
	n = msg_start(&m, sizeof(*n));
	n->ndiag_family = AF_NETLINK;
	mnl_attr_put(m.nlh, NETLINK_DIAG_GROUPS, 2, "ab");
	assert_int_equal(parse_msg(&m, sockdiag_parse_netlink, &s), -EINVAL);

	p = msg_start(&m, sizeof(*p));
	p->pdiag_family = AF_PACKET;
	p->pdiag_type = SOCK_RAW;
	p->pdiag_num = ETH_P_ALL;
	p->pdiag_ino = 6;
	mnl_attr_put(m.nlh, PACKET_DIAG_INFO, sizeof(info), &info);
	mnl_attr_put_u32(m.nlh, PACKET_DIAG_UID, 33);
	assert_int_equal(parse_msg(&m, sockdiag_parse_packet, &s), 0);
	assert_int_equal(s->packet_proto, ETH_P_ALL);
	assert_int_equal(s->packet_ifindex, 9);
	assert_int_equal(s->uid, 33);
	sock_info_free(s);
	check_prefixes(m.nlh, sizeof(*p), sockdiag_parse_packet);
	p = msg_start(&m, sizeof(*p));
	p->pdiag_family = AF_PACKET;
	mnl_attr_put(m.nlh, PACKET_DIAG_INFO, 8, &info);
	assert_int_equal(parse_msg(&m, sockdiag_parse_packet, &s), -EINVAL);
	p = msg_start(&m, sizeof(*p));
	p->pdiag_family = AF_NETLINK;
	assert_int_equal(parse_msg(&m, sockdiag_parse_packet, &s), -EINVAL);
}

/* Names and the table */

static void names(void **state)
{
	static const char *const tcp[] = {
		NULL,	      "ESTABLISHED", "SYN-SENT",  "SYN-RECV",
		"FIN-WAIT-1", "FIN-WAIT-2",  "TIME-WAIT", "CLOSE",
		"CLOSE-WAIT", "LAST-ACK",    "LISTEN",	  "CLOSING",
	};
	struct sock_info s = { .family = AF_INET,
			       .type = SOCK_STREAM,
			       .protocol = IPPROTO_TCP };

	(void)state;
	for (unsigned i = 1; i < sizeof(tcp) / sizeof(tcp[0]); i++) {
		s.state = (uint8_t)i;
		assert_string_equal(sock_info_state_name(&s), tcp[i]);
	}
	s.state = 200;
	assert_null(sock_info_state_name(&s));
	assert_string_equal(sock_info_proto_name(&s), "tcp");
	s.family = AF_INET6;
	assert_string_equal(sock_info_proto_name(&s), "tcp6");
	s.protocol = IPPROTO_UDPLITE;
	s.type = SOCK_DGRAM;
	assert_string_equal(sock_info_proto_name(&s), "udplite6");
	s.family = AF_INET;
	assert_string_equal(sock_info_proto_name(&s), "udplite");
	s.protocol = IPPROTO_UDP;
	assert_string_equal(sock_info_proto_name(&s), "udp");
	s.state = TCP_ESTABLISHED;
	assert_string_equal(sock_info_state_name(&s), "ESTABLISHED");
	s.state = TCP_CLOSE;
	assert_string_equal(sock_info_state_name(&s), "UNCONNECTED");
	s.type = SOCK_RAW;
	s.protocol = IPPROTO_ICMP;
	assert_string_equal(sock_info_proto_name(&s), "raw");
	s.protocol = IPPROTO_SCTP;
	s.type = SOCK_SEQPACKET;
	assert_null(sock_info_proto_name(&s));

	s.family = AF_UNIX;
	s.type = SOCK_SEQPACKET;
	assert_string_equal(sock_info_proto_name(&s), "unix-seqpacket");
	s.type = SOCK_RAW;
	assert_null(sock_info_proto_name(&s));
	s.state = TCP_LISTEN;
	assert_string_equal(sock_info_state_name(&s), "LISTEN");
	s.state = TCP_SYN_SENT;
	assert_null(sock_info_state_name(&s));
	s.family = AF_BLUETOOTH;
	assert_null(sock_info_proto_name(&s));
	assert_null(sock_info_state_name(&s));

	assert_string_equal(sock_netlink_proto_name(0), "route");
	assert_string_equal(sock_netlink_proto_name(1), "unused");
	assert_string_equal(sock_netlink_proto_name(2), "usersock");
	assert_string_equal(sock_netlink_proto_name(3), "firewall");
	assert_string_equal(sock_netlink_proto_name(4), "sock_diag");
	assert_string_equal(sock_netlink_proto_name(9), "audit");
	assert_string_equal(sock_netlink_proto_name(16), "generic");
	assert_string_equal(sock_netlink_proto_name(22), "smc");
	assert_null(sock_netlink_proto_name(23));
	assert_null(sock_netlink_proto_name(255));
	assert_null(sock_netlink_proto_name(~0u));
}

static void loopback(void **state)
{
	struct sock_info s = { .family = AF_INET,
			       .state = TCP_ESTABLISHED,
			       .sport = 1,
			       .dport = 2 };

	(void)state;
	inet_pton(AF_INET, "127.0.0.1", s.src);
	inet_pton(AF_INET, "127.1.2.3", s.dst);
	assert_true(sock_info_is_loopback(&s));
	inet_pton(AF_INET, "10.0.0.1", s.dst);
	assert_false(sock_info_is_loopback(&s));
	s.state = TCP_LISTEN; /* no remote end */
	assert_true(sock_info_is_loopback(&s));
	inet_pton(AF_INET, "0.0.0.0", s.src);
	assert_false(sock_info_is_loopback(&s));

	memset(s.src, 0, 16);
	memset(s.dst, 0, 16);
	s.family = AF_INET6;
	s.state = TCP_ESTABLISHED;
	inet_pton(AF_INET6, "::1", s.src);
	inet_pton(AF_INET6, "::ffff:127.0.0.53", s.dst);
	assert_true(sock_info_is_loopback(&s));
	inet_pton(AF_INET6, "::ffff:10.0.0.1", s.dst);
	assert_false(sock_info_is_loopback(&s));
	inet_pton(AF_INET6, "::2", s.dst);
	assert_false(sock_info_is_loopback(&s));
	s.family = AF_UNIX;
	assert_false(sock_info_is_loopback(&s));
}

static struct sock_info *info(uint64_t ino, const char *path)
{
	struct sock_info *s = calloc(1, sizeof(*s));

	assert_non_null(s);
	s->ino = ino;
	s->family = AF_UNIX;
	if (path) {
		s->path = strdup(path);
		s->path_len = strlen(path);
	}
	return s;
}

static void table(void **state)
{
	struct sock_table t;
	struct sock_info *s;

	(void)state;
	sock_table_init(&t);
	assert_null(sock_table_find(&t, 1));
	sock_table_add(&t, info(1, "/a"));
	sock_table_add(&t, info(2, NULL));
	s = info(1, "/b"); /* replaces (and frees) the first */
	s->pending = calloc(2, sizeof(*s->pending));
	s->npending = 2;
	sock_table_add(&t, s);
	sock_table_add(&t, s); /* adding the same one again is harmless */
	assert_ptr_equal(sock_table_find(&t, 1), s);
	assert_string_equal(sock_table_find(&t, 1)->path, "/b");
	assert_non_null(sock_table_find(&t, 2));
	assert_int_equal(t.by_ino.count, 2);
	sock_table_release(&t);
	assert_null(sock_table_find(&t, 1));
	sock_info_free(NULL);
}

/* Names as the kernel keeps them (sun_path bytes), from sock_diag or a
 * tracer: a path's NUL dropped, an abstract name shown with '@'. */
static void unix_names_and_copies(void **state)
{
	struct sock_info *s = info(7, NULL), *c;

	(void)state;
	sock_info_set_unix_name(s, "/run/x.sock", 12);
	assert_int_equal(s->path_len, 11);
	assert_string_equal(s->path, "/run/x.sock");
	assert_false(s->abstract);
	sock_info_set_unix_name(s, "\0bus", 4);
	assert_true(s->abstract);
	assert_int_equal(s->path_len, 4);
	assert_memory_equal(s->path, "@bus", 4);
	s->pending = calloc(1, sizeof(*s->pending));
	s->pending[0] = 9;
	s->npending = 1;
	c = sock_info_copy(s);
	assert_ptr_not_equal(c->path, s->path);
	assert_memory_equal(c->path, "@bus", 4);
	assert_int_equal(c->pending[0], 9);
	assert_int_equal(c->ino, 7);
	sock_info_set_unix_name(s, "", 0);
	assert_null(s->path);
	assert_int_equal(s->path_len, 0);
	sock_info_free(s);
	sock_info_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(real_unix_listener),
		cmocka_unit_test(real_unix_abstract),
		cmocka_unit_test(real_tcp),
		cmocka_unit_test(real_udp6),
		cmocka_unit_test(real_netlink),
		cmocka_unit_test(real_packet),
		cmocka_unit_test(built_unix_names),
		cmocka_unit_test(built_unix_bad_lengths),
		cmocka_unit_test(built_inet),
		cmocka_unit_test(built_netlink_packet),
		cmocka_unit_test(names),
		cmocka_unit_test(loopback),
		cmocka_unit_test(table),
		cmocka_unit_test(unix_names_and_copies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
