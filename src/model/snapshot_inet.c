/* Finding the local other end of an inet socket: index every connected
 * TCP/UDP socket of dscope's network namespace by (local, remote) once,
 * then look up (remote, local). IPv4-mapped IPv6 addresses count as IPv4:
 * a dual-stack listener's accepted socket is AF_INET6 with
 * ::ffff:127.0.0.1 while its IPv4 client sees 127.0.0.1. */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "model/snapshot.h"

struct tuple {
	uint8_t family, protocol;
	uint8_t src[16], dst[16];
	uint16_t sport, dport;
};

static const uint8_t v4_mapped_prefix[12] = { 0, 0, 0, 0, 0,	0,
					      0, 0, 0, 0, 0xff, 0xff };

/* One address in a canonical form: v4-mapped becomes plain IPv4. */
static int canonical(int family, const uint8_t *in, uint8_t *out)
{
	memset(out, 0, 16);
	if (family == AF_INET6 && memcmp(in, v4_mapped_prefix, 12) == 0) {
		memcpy(out, in + 12, 4);
		return AF_INET;
	}
	memcpy(out, in, family == AF_INET6 ? 16 : 4);
	return family;
}

static void tuple_of(const struct sock_info *s, bool swapped, struct tuple *t)
{
	int f1, f2;

	memset(t, 0, sizeof(*t));
	f1 = canonical(s->family, swapped ? s->dst : s->src, t->src);
	f2 = canonical(s->family, swapped ? s->src : s->dst, t->dst);
	/* a mixed pair (one end mapped, one not) cannot be a connection */
	t->family = (uint8_t)(f1 == f2 ? f1 : 0);
	t->protocol = s->protocol;
	t->sport = swapped ? s->dport : s->sport;
	t->dport = swapped ? s->sport : s->dport;
}

static uint64_t tuple_hash(const struct tuple *t)
{
	return hash_bytes(HASH_SEED, t, sizeof(*t));
}

static bool is_inet(const struct sock_info *s)
{
	return (s->family == AF_INET || s->family == AF_INET6) && s->dport;
}

static bool is_udp(const struct sock_info *s)
{
	return (s->family == AF_INET || s->family == AF_INET6) &&
	       (s->protocol == IPPROTO_UDP || s->protocol == IPPROTO_UDPLITE);
}

/* A UDP socket bound to a port but connected to no one: a server. */
static bool is_udp_server(const struct sock_info *s)
{
	return is_udp(s) && s->sport && !s->dport;
}

static bool is_tcp_listener(const struct sock_info *s)
{
	return (s->family == AF_INET || s->family == AF_INET6) &&
	       s->protocol == IPPROTO_TCP && s->state == 10; /* TCP_LISTEN */
}

/* A socket the kernel told of stands aside for what a tracer saw of the
 * same inode. */
static void index_one(struct snapshot *snap, struct sock_info *s)
{
	struct tuple t;

	if (!snapshot_socket_is_own(snap, s))
		return;
	if (is_inet(s)) {
		tuple_of(s, false, &t);
		hashmap_put(&snap->inet_tuples, tuple_hash(&t), s);
	} else if (is_udp_server(s)) {
		tuple_of(s, false, &t);
		hashmap_put(&snap->inet_bound, tuple_hash(&t), s);
	} else if (is_tcp_listener(s)) {
		hashmap_put(&snap->tcp_listening, s->sport, s);
	}
}

static void build_index(struct snapshot *snap)
{
	uint64_t ino;
	void *v;

	snap->inet_indexed = true;
	for (size_t i = 0; hashmap_next(&snap->socks.by_ino, &i, &ino, &v);)
		index_one(snap, v);
	for (size_t i = 0;
	     hashmap_next(&snap->seen_socks.by_ino, &i, &ino, &v);)
		index_one(snap, v);
}

static const struct sock_info *find_bound(const struct snapshot *snap,
					  const struct tuple *want)
{
	const struct sock_info *p =
		hashmap_get(&snap->inet_bound, tuple_hash(want));
	struct tuple got;

	if (!p)
		return NULL;
	tuple_of(p, false, &got);
	return memcmp(want, &got, sizeof(*want)) == 0 ? p : NULL;
}

/* The unconnected UDP socket a connected one sends to: bound to exactly
 * its remote address, or to the wildcard address of that port (:: too for
 * IPv4, as a dual-stack socket). */
static const struct sock_info *udp_server_of(const struct snapshot *snap,
					     const struct tuple *remote)
{
	struct tuple want = { .protocol = remote->protocol };
	const struct sock_info *p;

	want.family = remote->family;
	memcpy(want.src, remote->src, sizeof(want.src));
	want.sport = remote->sport;
	if ((p = find_bound(snap, &want)))
		return p;
	memset(want.src, 0, sizeof(want.src));
	if ((p = find_bound(snap, &want)))
		return p;
	want.family = AF_INET6;
	return remote->family == AF_INET ? find_bound(snap, &want) : NULL;
}

const struct sock_info *snapshot_inet_peer(struct snapshot *snap,
					   const struct sock_info *s)
{
	const struct sock_info *p;
	struct tuple want, got;

	if (!is_inet(s))
		return NULL;
	/* the index holds dscope's own namespace: a socket of another one
	 * would meet a stranger with the same addresses */
	if (!snapshot_socket_is_own(snap, s))
		return NULL;
	if (!snap->inet_indexed)
		build_index(snap);
	tuple_of(s, true, &want);
	if (!want.family)
		return NULL;
	p = hashmap_get(&snap->inet_tuples, tuple_hash(&want));
	if (p && p != s) {
		tuple_of(p, false, &got);
		if (memcmp(&want, &got, sizeof(want)) == 0)
			return p;
	}
	return is_udp(s) ? udp_server_of(snap, &want) : NULL;
}

bool snapshot_inet_is_server(struct snapshot *snap, const struct sock_info *s)
{
	if (!snapshot_socket_is_own(snap, s))
		return false; /* another namespace: its listeners are not
				 indexed */
	if (!snap->inet_indexed)
		build_index(snap);
	if (is_udp(s))
		return !s->dport;
	return s->protocol == IPPROTO_TCP && s->sport &&
	       hashmap_contains(&snap->tcp_listening, s->sport);
}

bool sock_info_inet_pair(const struct sock_info *a, const struct sock_info *b)
{
	struct tuple want, got;

	if (!is_inet(a) || !is_inet(b))
		return false;
	tuple_of(a, true, &want);
	tuple_of(b, false, &got);
	return want.family && memcmp(&want, &got, sizeof(want)) == 0;
}
