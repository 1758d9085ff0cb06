#include "net/procnet.h"

#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#include "base/xalloc.h"
#include "proc/parse.h"

/* An address as the kernel prints it: each 32-bit word with %08X of its
 * in-memory value, so the bytes come back by storing the words again. */
static bool parse_addr(const char **p, const char *end, int family,
		       uint8_t *addr, uint16_t *port)
{
	int words = family == AF_INET6 ? 4 : 1;
	uint64_t v;

	for (int i = 0; i < words; i++) {
		const char *stop = *p + 8;
		uint32_t w;

		if (end - *p < 8)
			return false;
		if (!parse_u64(p, stop, 16, &v) || *p != stop)
			return false;
		w = (uint32_t)v;
		memcpy(addr + 4 * i, &w, 4);
	}
	if (*p >= end || **p != ':')
		return false;
	(*p)++;
	if (!parse_u64(p, end, 16, &v) || v > 0xffff)
		return false;
	*port = (uint16_t)v;
	return true;
}

static bool next_field(const char **p, const char *end)
{
	*p = parse_skip_blanks(*p, end);
	return *p < end;
}

/* "  199: 00000000:0001 00000000:0000 07 00000000:00000000 00:00000000
 *  00000000     0        0 2883620 2 0000000067693763 0" */
static bool parse_line(const char *p, const char *end, int family,
		       struct sock_info *s)
{
	uint64_t st, txq, rxq, skip, uid, ino;

	memset(s, 0, sizeof(*s));
	p = parse_skip_blanks(p, end);
	if (!parse_u64(&p, end, 10, &skip) || p >= end || *p++ != ':')
		return false;
	if (!next_field(&p, end) || !parse_addr(&p, end, family, s->src, &s->sport) ||
	    !next_field(&p, end) || !parse_addr(&p, end, family, s->dst, &s->dport) ||
	    !next_field(&p, end) || !parse_u64(&p, end, 16, &st) ||
	    !next_field(&p, end) || !parse_u64(&p, end, 16, &txq) ||
	    p >= end || *p++ != ':' || !parse_u64(&p, end, 16, &rxq))
		return false;
	/* tr:tm->when, retrnsmt */
	if (!next_field(&p, end) || !parse_u64(&p, end, 16, &skip) ||
	    p >= end || *p++ != ':' || !parse_u64(&p, end, 16, &skip) ||
	    !next_field(&p, end) || !parse_u64(&p, end, 16, &skip))
		return false;
	if (!next_field(&p, end) || !parse_u64(&p, end, 10, &uid) ||
	    !next_field(&p, end) || !parse_u64(&p, end, 10, &skip) ||
	    !next_field(&p, end) || !parse_u64(&p, end, 10, &ino) || ino == 0 ||
	    st > 0xff || uid > UINT32_MAX || txq > UINT32_MAX || rxq > UINT32_MAX)
		return false;
	s->ino = ino;
	s->family = (uint8_t)family;
	s->type = SOCK_RAW;
	/* for raw sockets the "port" is the protocol */
	s->protocol = (uint8_t)s->sport;
	s->sport = 0;
	s->dport = 0;
	s->state = (uint8_t)st;
	s->has_uid = true;
	s->uid = (uint32_t)uid;
	s->has_queues = true;
	s->rqueue = (uint32_t)rxq;
	s->wqueue = (uint32_t)txq;
	return true;
}

size_t procnet_parse_raw(const char *buf, size_t len, int family,
			 struct sock_table *t)
{
	const char *end = buf + len, *line = buf;
	size_t added = 0;
	bool header = true;

	while (line < end) {
		const char *eol = memchr(line, '\n', (size_t)(end - line));
		struct sock_info s;

		if (!eol)
			eol = end;
		if (!header && parse_line(line, eol, family, &s) &&
		    !sock_table_find(t, s.ino)) {
			sock_table_add(t, xmemdup(&s, sizeof(s)));
			added++;
		}
		header = false;
		line = eol + 1;
	}
	return added;
}
