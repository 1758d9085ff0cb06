/* Parsers for one sock_diag reply message per family. Pure: they read only
 * the message (never past nlmsg_len), validate every length, and return
 * -EINVAL for anything malformed. */
#include "net/sockdiag.h"

#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/netlink_diag.h>
#include <linux/packet_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "base/xalloc.h"

/* Attributes of types below this are kept; every type the parsers read
 * is below it. */
#define ATTR_SLOTS 16

/* The attributes of one message, by type (the last one of a type wins). */
struct attrs {
	const struct nlattr *tb[ATTR_SLOTS];
	const char *end; /* end of the last attribute seen */
};

static int collect_attr(const struct nlattr *a, void *data)
{
	struct attrs *at = data;
	uint16_t type = mnl_attr_get_type(a);

	if (type < ATTR_SLOTS)
		at->tb[type] = a; /* types we do not know are skipped */
	at->end = (const char *)a + a->nla_len;
	return MNL_CB_OK;
}

/* Checks that nlh holds a family header of hdrlen bytes, and collects the
 * attributes after it. mnl_attr_parse() would walk up to nlmsg_len
 * rounded up to 4, past the end of a message of odd length, so the walk
 * goes over the exact payload. libmnl stops quietly at an attribute whose
 * length runs past the message, so the walk must also end where the
 * message ends (give or take the padding of the last attribute). */
static int parse_attrs(const struct nlmsghdr *nlh, size_t hdrlen,
		       struct attrs *at)
{
	size_t off = MNL_NLMSG_HDRLEN + MNL_ALIGN(hdrlen);
	const char *start, *tail;

	memset(at, 0, sizeof(*at));
	/* libmnl's mnl_nlmsg_ok() compares the length as an int: one past
	 * 2 GiB passes it, and would walk far past the buffer (fuzz_sockdiag
	 * found it) */
	if (nlh->nlmsg_len < off || nlh->nlmsg_len > INT32_MAX)
		return -EINVAL;
	start = (const char *)nlh + off;
	tail = (const char *)nlh + nlh->nlmsg_len;
	at->end = start;
	if (mnl_attr_parse_payload(start, (size_t)(tail - start), collect_attr,
				   at) < 0)
		return -EINVAL;
	if (tail > at->end && (size_t)(tail - at->end) >= MNL_ALIGNTO)
		return -EINVAL;
	return 0;
}

/* Payload of at least len bytes, or NULL. */
static const void *attr_data(const struct nlattr *a, size_t len)
{
	if (!a || mnl_attr_get_payload_len(a) < len)
		return NULL;
	return mnl_attr_get_payload(a);
}

static int get_u32(const struct nlattr *a, uint32_t *v)
{
	const void *p;

	if (!a)
		return 0;
	if (mnl_attr_validate(a, MNL_TYPE_U32) < 0 ||
	    !(p = attr_data(a, sizeof(*v))))
		return -EINVAL;
	memcpy(v, p, sizeof(*v));
	return 1;
}

static int get_u8(const struct nlattr *a, uint8_t *v)
{
	const uint8_t *p;

	if (!a)
		return 0;
	if (mnl_attr_validate(a, MNL_TYPE_U8) < 0 || !(p = attr_data(a, 1)))
		return -EINVAL;
	*v = *p;
	return 1;
}

/* The family's header struct right after the netlink header; callers
 * copy it out (memcpy) after parse_attrs checked that it fits. */
static const void *family_header(const struct nlmsghdr *nlh)
{
	return mnl_nlmsg_get_payload(nlh);
}

/* unix */

/* UNIX_DIAG_NAME: sun_path as bound, length from the attribute. */
static void unix_name(struct sock_info *s, const struct nlattr *a)
{
	sock_info_set_unix_name(s, mnl_attr_get_payload(a),
				mnl_attr_get_payload_len(a));
}

static int unix_attrs(struct sock_info *s, const struct attrs *at)
{
	const struct nlattr *a;
	const void *p;
	uint8_t shut;
	uint32_t v;
	int r;

	if (at->tb[UNIX_DIAG_NAME])
		unix_name(s, at->tb[UNIX_DIAG_NAME]);
	if ((a = at->tb[UNIX_DIAG_VFS])) {
		struct unix_diag_vfs vfs;

		if (!(p = attr_data(a, sizeof(vfs))))
			return -EINVAL;
		memcpy(&vfs, p, sizeof(vfs));
		s->vfs_ino = vfs.udiag_vfs_ino;
		s->vfs_dev = vfs.udiag_vfs_dev;
	}
	if ((r = get_u32(at->tb[UNIX_DIAG_PEER], &v)) < 0)
		return r;
	if (r)
		s->peer_ino = v;
	if ((a = at->tb[UNIX_DIAG_ICONS])) {
		size_t len = mnl_attr_get_payload_len(a);

		if (len % sizeof(uint32_t))
			return -EINVAL;
		s->npending = len / sizeof(uint32_t);
		if (s->npending) {
			s->pending = xmalloc(len);
			memcpy(s->pending, mnl_attr_get_payload(a), len);
		}
	}
	if ((a = at->tb[UNIX_DIAG_RQLEN])) {
		struct unix_diag_rqlen rq;

		if (!(p = attr_data(a, sizeof(rq))))
			return -EINVAL;
		memcpy(&rq, p, sizeof(rq));
		s->has_queues = true;
		s->rqueue = rq.udiag_rqueue;
		s->wqueue = rq.udiag_wqueue;
	}
	if ((r = get_u8(at->tb[UNIX_DIAG_SHUTDOWN], &shut)) < 0)
		return r;
	if (r) {
		s->has_shutdown = true;
		s->shutdown_rd = shut & 1; /* RCV_SHUTDOWN */
		s->shutdown_wr = shut & 2; /* SEND_SHUTDOWN */
	}
	if ((r = get_u32(at->tb[UNIX_DIAG_UID], &v)) < 0)
		return r;
	if (r) {
		s->has_uid = true;
		s->uid = v;
	}
	return 0;
}

int sockdiag_parse_unix(const struct nlmsghdr *nlh, struct sock_info **out)
{
	struct unix_diag_msg m;
	struct sock_info *s;
	struct attrs at;
	int r;

	*out = NULL;
	if ((r = parse_attrs(nlh, sizeof(m), &at)) < 0)
		return r;
	memcpy(&m, family_header(nlh), sizeof(m));
	if (m.udiag_family != AF_UNIX)
		return -EINVAL;
	s = xcalloc(1, sizeof(*s));
	s->family = AF_UNIX;
	s->type = m.udiag_type;
	s->state = m.udiag_state;
	s->ino = m.udiag_ino;
	if ((r = unix_attrs(s, &at)) < 0) {
		sock_info_free(s);
		return r;
	}
	*out = s;
	return 0;
}

/* inet */

static uint8_t inet_type(uint8_t protocol)
{
	switch (protocol) {
	case IPPROTO_TCP:
		return SOCK_STREAM;
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
		return SOCK_DGRAM;
	case IPPROTO_RAW:
		return SOCK_RAW;
	}
	return 0;
}

/* protocol is what the dump asked for (IPPROTO_RAW for raw sockets, whose
 * own protocol comes in INET_DIAG_PROTOCOL). */
int sockdiag_parse_inet(const struct nlmsghdr *nlh, uint8_t protocol,
			struct sock_info **out)
{
	struct inet_diag_msg m;
	struct sock_info *s;
	struct attrs at;
	uint8_t v;
	int r;

	*out = NULL;
	if ((r = parse_attrs(nlh, sizeof(m), &at)) < 0)
		return r;
	memcpy(&m, family_header(nlh), sizeof(m));
	if (m.idiag_family != AF_INET && m.idiag_family != AF_INET6)
		return -EINVAL;
	s = xcalloc(1, sizeof(*s));
	s->family = m.idiag_family;
	s->type = inet_type(protocol);
	s->protocol = protocol;
	s->state = m.idiag_state;
	s->ino = m.idiag_inode;
	s->has_uid = true;
	s->uid = m.idiag_uid;
	s->has_queues = true;
	s->rqueue = m.idiag_rqueue;
	s->wqueue = m.idiag_wqueue;
	s->sport = ntohs(m.id.idiag_sport);
	s->dport = ntohs(m.id.idiag_dport);
	s->ifindex = m.id.idiag_if;
	if (m.idiag_family == AF_INET) {
		memcpy(s->src, m.id.idiag_src, 4);
		memcpy(s->dst, m.id.idiag_dst, 4);
	} else {
		memcpy(s->src, m.id.idiag_src, 16);
		memcpy(s->dst, m.id.idiag_dst, 16);
	}
	if ((r = get_u8(at.tb[INET_DIAG_PROTOCOL], &v)) < 0)
		goto fail;
	if (r)
		s->protocol = v;
	if ((r = get_u8(at.tb[INET_DIAG_SHUTDOWN], &v)) < 0)
		goto fail;
	if (r) {
		s->has_shutdown = true;
		s->shutdown_rd = v & 1;
		s->shutdown_wr = v & 2;
	}
	*out = s;
	return 0;
fail:
	sock_info_free(s);
	return r;
}

/* netlink */

int sockdiag_parse_netlink(const struct nlmsghdr *nlh, struct sock_info **out)
{
	struct netlink_diag_msg m;
	const struct nlattr *a;
	struct sock_info *s;
	struct attrs at;
	int r;

	*out = NULL;
	if ((r = parse_attrs(nlh, sizeof(m), &at)) < 0)
		return r;
	memcpy(&m, family_header(nlh), sizeof(m));
	if (m.ndiag_family != AF_NETLINK)
		return -EINVAL;
	s = xcalloc(1, sizeof(*s));
	s->family = AF_NETLINK;
	s->type = m.ndiag_type;
	s->protocol = m.ndiag_protocol;
	/* NETLINK_CONNECTED (1) happens to be TCP_ESTABLISHED */
	s->state = m.ndiag_state == 1 ? 1 : 7;
	s->ino = m.ndiag_ino;
	s->portid = m.ndiag_portid;
	s->dst_portid = m.ndiag_dst_portid;
	s->dst_group = m.ndiag_dst_group;
	if ((a = at.tb[NETLINK_DIAG_GROUPS])) {
		/* a bitmap of unsigned longs: groups 1..32 are the low bits
		 * of the first word, whatever the byte order */
		size_t len = mnl_attr_get_payload_len(a);
		const void *p = mnl_attr_get_payload(a);

		if (len >= sizeof(unsigned long)) {
			unsigned long w;

			memcpy(&w, p, sizeof(w));
			s->groups = (uint32_t)w;
		} else if (len >= sizeof(uint32_t)) {
			memcpy(&s->groups, p, sizeof(uint32_t));
		} else if (len) {
			sock_info_free(s);
			return -EINVAL;
		}
	}
	*out = s;
	return 0;
}

/* packet */

int sockdiag_parse_packet(const struct nlmsghdr *nlh, struct sock_info **out)
{
	struct packet_diag_msg m;
	const struct nlattr *a;
	struct sock_info *s;
	struct attrs at;
	uint32_t v;
	int r;

	*out = NULL;
	if ((r = parse_attrs(nlh, sizeof(m), &at)) < 0)
		return r;
	memcpy(&m, family_header(nlh), sizeof(m));
	if (m.pdiag_family != AF_PACKET)
		return -EINVAL;
	s = xcalloc(1, sizeof(*s));
	s->family = AF_PACKET;
	s->type = m.pdiag_type;
	s->ino = m.pdiag_ino;
	s->packet_proto = m.pdiag_num; /* the kernel sends it in host order */
	if ((a = at.tb[PACKET_DIAG_INFO])) {
		struct packet_diag_info info;
		const void *p = attr_data(a, sizeof(info));

		if (!p) {
			sock_info_free(s);
			return -EINVAL;
		}
		memcpy(&info, p, sizeof(info));
		s->packet_ifindex = info.pdi_index;
	}
	if ((r = get_u32(at.tb[PACKET_DIAG_UID], &v)) < 0) {
		sock_info_free(s);
		return r;
	}
	if (r) {
		s->has_uid = true;
		s->uid = v;
	}
	*out = s;
	return 0;
}
