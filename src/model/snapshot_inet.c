/* Finding the local other end of an inet socket: index every connected
 * TCP/UDP socket by (local, remote) once, then look up (remote, local). */
#include <string.h>
#include <sys/socket.h>

#include "model/snapshot.h"

static uint64_t mix(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return h;
}

static uint64_t tuple_hash(const struct sock_info *s, bool swapped)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	const uint8_t *a = swapped ? s->dst : s->src;
	const uint8_t *b = swapped ? s->src : s->dst;
	uint16_t pa = swapped ? s->dport : s->sport;
	uint16_t pb = swapped ? s->sport : s->dport;

	h = mix(h, &s->family, 1);
	h = mix(h, &s->protocol, 1);
	h = mix(h, a, 16);
	h = mix(h, &pa, 2);
	h = mix(h, b, 16);
	h = mix(h, &pb, 2);
	return h;
}

static bool is_peer(const struct sock_info *a, const struct sock_info *b)
{
	return a != b && a->family == b->family && a->protocol == b->protocol &&
	       a->sport == b->dport && a->dport == b->sport &&
	       memcmp(a->src, b->dst, 16) == 0 &&
	       memcmp(a->dst, b->src, 16) == 0;
}

static void build_index(struct snapshot *snap)
{
	uint64_t ino;
	void *v;

	snap->inet_indexed = true;
	for (size_t i = 0; hashmap_next(&snap->socks.by_ino, &i, &ino, &v);) {
		const struct sock_info *s = v;

		if ((s->family == AF_INET || s->family == AF_INET6) && s->dport)
			hashmap_put(&snap->inet_tuples, tuple_hash(s, false),
				    v);
	}
}

const struct sock_info *snapshot_inet_peer(struct snapshot *snap,
					   const struct sock_info *s)
{
	const struct sock_info *p;

	if (!s->dport || (s->family != AF_INET && s->family != AF_INET6))
		return NULL;
	if (!snap->inet_indexed)
		build_index(snap);
	p = hashmap_get(&snap->inet_tuples, tuple_hash(s, true));
	return p && is_peer(s, p) ? p : NULL;
}
