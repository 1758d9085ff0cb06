/* Family "net" (see families.h): socket, bind, connect, accept, send*,
 * recv*, socket options, shutdown. Addresses through decode_put_sockaddr.
 *
 * Calls with an in/out length (accept's addrlen, recvfrom's, getsockopt's
 * optlen, recvmsg's msg_namelen) read it at entry into c->saved[0]
 * (saved[1]: it was read) and show "[in => out]" at exit as strace does;
 * saved[3] says the entry was seen (a call picked up at exit prints its
 * first arguments then). */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "decode/families.h"

#define ARRAY_SHOWN 16
/* Bytes of msg_control read at most. */
#define CMSG_MAX 4096
#define UIO_MAXIOV_ 1024

static const struct flag_name sock_types[] = {
	{ 1, "SOCK_STREAM" }, { 2, "SOCK_DGRAM" },     { 3, "SOCK_RAW" },
	{ 4, "SOCK_RDM" },    { 5, "SOCK_SEQPACKET" }, { 6, "SOCK_DCCP" },
	{ 10, "SOCK_PACKET" }, { 0, NULL },
};

static const struct flag_name sock_flags[] = {
	{ 04000, "SOCK_NONBLOCK" }, { 02000000, "SOCK_CLOEXEC" }, { 0, NULL },
};

static const struct flag_name msg_flags[] = {
	{ 0x1, "MSG_OOB" },		{ 0x2, "MSG_PEEK" },
	{ 0x4, "MSG_DONTROUTE" },	{ 0x8, "MSG_CTRUNC" },
	{ 0x10, "MSG_PROXY" },		{ 0x20, "MSG_TRUNC" },
	{ 0x40, "MSG_DONTWAIT" },	{ 0x80, "MSG_EOR" },
	{ 0x100, "MSG_WAITALL" },	{ 0x200, "MSG_FIN" },
	{ 0x400, "MSG_SYN" },		{ 0x800, "MSG_CONFIRM" },
	{ 0x1000, "MSG_RST" },		{ 0x2000, "MSG_ERRQUEUE" },
	{ 0x4000, "MSG_NOSIGNAL" },	{ 0x8000, "MSG_MORE" },
	{ 0x10000, "MSG_WAITFORONE" },	{ 0x40000, "MSG_BATCH" },
	{ 0x4000000, "MSG_ZEROCOPY" },	{ 0x20000000, "MSG_FASTOPEN" },
	{ 0x40000000, "MSG_CMSG_CLOEXEC" }, { 0, NULL },
};

static const struct flag_name shut_hows[] = {
	{ 0, "SHUT_RD" }, { 1, "SHUT_WR" }, { 2, "SHUT_RDWR" }, { 0, NULL },
};

/* How an option's value is shown: an int ([1]) unless said here. */
enum opt_kind { OPT_INT, OPT_BYTES, OPT_LINGER, OPT_UCRED };

/* Options whose value is not an int: shown as bytes. */
static const struct {
	uint32_t level;
	unsigned char n, names[15];
} bytes_options[] = {
	/* timeouts, device, filters, peer name and label, cookies */
	{ SOL_SOCKET, 15,
	  { 20, 21, 25, 26, 28, 31, 51, 55, 57, 59, 61, 65, 66, 67, 71 } },
	/* TCP_INFO, TCP_CONGESTION, TCP_MD5SIG, TCP_ULP, keys... */
	{ IPPROTO_TCP, 11, { 11, 13, 14, 22, 26, 28, 29, 31, 32, 33, 35 } },
	/* IP_OPTIONS, policies, IP_MULTICAST_IF, memberships, filters */
	{ IPPROTO_IP, 12, { 4, 9, 16, 17, 32, 35, 36, 37, 38, 39, 40, 41 } },
	/* memberships, IPV6_PKTINFO */
	{ IPPROTO_IPV6, 5, { 20, 21, 27, 28, 50 } },
	/* NETLINK_LIST_MEMBERSHIPS */
	{ SOL_NETLINK, 1, { 9 } },
};

static enum opt_kind opt_kind(uint32_t level, uint32_t name)
{
	if (level == SOL_SOCKET && name == SO_LINGER)
		return OPT_LINGER;
	if (level == SOL_SOCKET && name == SO_PEERCRED)
		return OPT_UCRED;
	for (size_t i = 0; i < sizeof(bytes_options) / sizeof(*bytes_options);
	     i++)
		if (bytes_options[i].level == level && name < 256 &&
		    memchr(bytes_options[i].names, (int)name,
			   bytes_options[i].n))
			return OPT_BYTES;
	return OPT_INT;
}

static void ucred_fields(struct dout *o, const void *data)
{
	uint32_t cr[3];

	memcpy(cr, data, sizeof(cr));
	dout_int(o, "pid", (int32_t)cr[0]);
	/* (uid_t)-1, "no user", as strace shows it */
	dout_int(o, "uid", cr[1] == UINT32_MAX ? -1 : (int64_t)cr[1]);
	dout_int(o, "gid", cr[2] == UINT32_MAX ? -1 : (int64_t)cr[2]);
}

/* An option's value of len bytes: [1], {l_onoff=1, l_linger=5}, bytes.
 * An int option of another length: setsockopt's is the address (the
 * kernel refuses it), getsockopt's the bytes it got. */
static void put_optval(struct decode_call *c, struct dout *o, const char *key,
		       uint32_t level, uint32_t name, uint64_t addr,
		       uint64_t len, bool set)
{
	enum opt_kind kind = opt_kind(level, name);
	unsigned char v[12];
	int32_t i;

	if (!addr || len > INT32_MAX) {
		dout_ptr(o, key, addr);
		return;
	}
	switch (kind) {
	case OPT_INT:
		if (len != 4) {
			if (set)
				dout_ptr(o, key, addr);
			else
				decode_put_buf(c, o, key, addr, len);
			return;
		}
		if (decode_read(c, addr, v, 4) != 0) {
			dout_ptr(o, key, addr);
			return;
		}
		memcpy(&i, v, sizeof(i));
		dout_begin_array(o, key);
		dout_int(o, NULL, i);
		dout_end_array(o);
		return;
	case OPT_LINGER:
	case OPT_UCRED:
		if (len < (kind == OPT_LINGER ? 8 : 12))
			break;
		if (decode_read(c, addr, v, kind == OPT_LINGER ? 8 : 12) != 0) {
			dout_ptr(o, key, addr);
			return;
		}
		dout_begin_struct(o, key);
		if (kind == OPT_UCRED) {
			ucred_fields(o, v);
		} else {
			int32_t l[2];

			memcpy(l, v, sizeof(l));
			dout_int(o, "l_onoff", l[0]);
			dout_int(o, "l_linger", l[1]);
		}
		dout_end_struct(o);
		return;
	case OPT_BYTES:
		break;
	}
	decode_put_buf(c, o, key, addr, len);
}

/* In/out lengths */

/* Reads the u32 at addr into c->saved[0] (saved[1]: read). */
static void save_len(struct decode_call *c, uint64_t addr)
{
	uint32_t n;

	c->saved[1] = addr && decode_read(c, addr, &n, sizeof(n)) == 0;
	c->saved[0] = c->saved[1] ? n : 0;
}

/* "110 => 2", or "2" when unchanged; in brackets for a pointer. JSON: the
 * number ([2]), or {"in": 110, "out": 2}. */
static void put_inout(struct dout *o, const char *key, bool have_in,
		      uint64_t in, uint64_t out, bool brackets)
{
	struct strbuf sb = STRBUF_INIT;
	bool both = have_in && in != out;

	if (o->mode != DOUT_TEXT) {
		if (both) {
			dout_begin_struct(o, key);
			dout_uint(o, "in", in);
			dout_uint(o, "out", out);
			dout_end_struct(o);
			return;
		}
		if (brackets)
			dout_begin_array(o, key);
		dout_uint(o, brackets ? NULL : key, out);
		if (brackets)
			dout_end_array(o);
		return;
	}
	if (brackets)
		strbuf_addc(&sb, '[');
	if (both)
		strbuf_addf(&sb, "%llu => ", (unsigned long long)in);
	strbuf_addf(&sb, "%llu", (unsigned long long)out);
	if (brackets)
		strbuf_addc(&sb, ']');
	dout_raw(o, key, strbuf_str(&sb));
	strbuf_release(&sb);
}

/* An address and its socklen_t * at exit; *out_len: the length read (the
 * bytes of the address worth showing), or -1. */
static void put_addr_len(struct decode_call *c, struct dout *o,
			 const char *addr_key, uint64_t addr,
			 const char *len_key, uint64_t lenp)
{
	bool have_in = c->saved[1];
	uint32_t out;

	if (c->ret < 0 || !lenp || decode_read(c, lenp, &out, 4) != 0) {
		dout_ptr(o, addr_key, addr);
		if (lenp && have_in)
			put_inout(o, len_key, false, 0, c->saved[0], true);
		else
			dout_ptr(o, len_key, lenp);
		return;
	}
	/* the kernel says how long the address is, but wrote no more than
	 * the buffer held */
	decode_put_sockaddr(c, o, addr_key, addr,
			    have_in && c->saved[0] < out ? c->saved[0] : out);
	put_inout(o, len_key, have_in, c->saved[0], out, true);
}

/* Entry of a call decoded whole: its fd; at exit when the entry was
 * missed. */
static void put_first_fd(struct decode_call *c, struct dout *o)
{
	if (c->exiting && c->saved[3])
		return;
	dout_fd(o, c->spec->args[0].key, (int32_t)c->args[0]);
}

/* accept, accept4, getsockname, getpeername */
static bool addr_len_call(struct decode_call *c, struct dout *o)
{
	const struct arg_spec *a = c->spec->args;

	put_first_fd(c, o);
	if (!c->exiting) {
		save_len(c, c->args[2]);
		c->saved[3] = 1;
		return false;
	}
	put_addr_len(c, o, a[1].key, c->args[1], a[2].key, c->args[2]);
	if (a[3].kind == ARG_FLAGS)
		dout_flags(o, a[3].key, (uint32_t)c->args[3], a[3].data);
	return true;
}

/* recvfrom: the data (no more than the buffer: MSG_TRUNC returns the
 * datagram's length), then the sender. */
static bool recvfrom_call(struct decode_call *c, struct dout *o)
{
	const struct arg_spec *a = c->spec->args;
	uint64_t len = c->args[2];

	put_first_fd(c, o);
	if (!c->exiting) {
		save_len(c, c->args[5]);
		c->saved[3] = 1;
		return false;
	}
	if (c->ret < 0)
		dout_ptr(o, a[1].key, c->args[1]);
	else
		decode_put_buf(c, o, a[1].key, c->args[1],
			       (uint64_t)c->ret < len ? (uint64_t)c->ret : len);
	dout_uint(o, a[2].key, len);
	dout_flags(o, a[3].key, (uint32_t)c->args[3], msg_flags);
	put_addr_len(c, o, a[4].key, c->args[4], a[5].key, c->args[5]);
	return true;
}

static bool getsockopt_call(struct decode_call *c, struct dout *o)
{
	const struct arg_spec *a = c->spec->args;
	uint32_t level = (uint32_t)c->args[1], name = (uint32_t)c->args[2];
	uint64_t lenp = c->args[4];
	uint32_t out;

	if (!c->exiting || !c->saved[3]) {
		put_first_fd(c, o);
		decode_put_sol_level(o, a[1].key, level);
		decode_put_sockopt(o, a[2].key, level, name);
	}
	if (!c->exiting) {
		save_len(c, lenp);
		c->saved[3] = 1;
		return false;
	}
	if (c->ret < 0 || !lenp || decode_read(c, lenp, &out, 4) != 0) {
		dout_ptr(o, a[3].key, c->args[3]);
		if (lenp && c->saved[1])
			put_inout(o, a[4].key, false, 0, c->saved[0], true);
		else
			dout_ptr(o, a[4].key, lenp);
		return true;
	}
	put_optval(c, o, a[3].key, level, name, c->args[3],
		   c->saved[1] && c->saved[0] < out ? c->saved[0] : out, false);
	put_inout(o, a[4].key, c->saved[1], c->saved[0], out, true);
	return true;
}

/* socket, socketpair, bind, connect, sendto, setsockopt, shutdown */

static void in_domain(struct decode_call *c, struct dout *o, const char *key,
		      uint64_t v)
{
	(void)c;
	decode_put_xlat(o, key, (uint32_t)v, decode_address_families,
			"AF_???");
}

/* SOCK_STREAM|SOCK_CLOEXEC; unknown bits |0x60 (with strace's comment). */
static void in_socktype(struct decode_call *c, struct dout *o,
			const char *key, uint64_t v)
{
	uint32_t type = (uint32_t)v, base = type & 0xf, rest = type & ~0xfu;
	const char *name = dout_enum_name(base, sock_types);
	bool text = o->mode == DOUT_TEXT;
	struct strbuf sb = STRBUF_INIT;

	(void)c;
	if (name)
		strbuf_adds(&sb, name);
	else
		strbuf_addf(&sb, text ? "%#x /* SOCK_??? */" : "%#x", base);
	for (const struct flag_name *f = sock_flags; f->name; f++) {
		if (rest & f->bit) {
			strbuf_addf(&sb, "|%s", f->name);
			rest &= ~(uint32_t)f->bit;
		}
	}
	if (rest)
		strbuf_addf(&sb, text ? "|%#x /* SOCK_??? */" : "|%#x", rest);
	dout_flags_text(o, key, strbuf_str(&sb));
	strbuf_release(&sb);
}

static void in_protocol(struct decode_call *c, struct dout *o,
			const char *key, uint64_t v)
{
	decode_put_sockproto(o, key, (int)(uint32_t)c->args[0], v);
}

static void in_sockaddr_len2(struct decode_call *c, struct dout *o,
			     const char *key, uint64_t v)
{
	decode_put_sockaddr(c, o, key, v, (uint32_t)c->args[2]);
}

static void in_sockaddr_len5(struct decode_call *c, struct dout *o,
			     const char *key, uint64_t v)
{
	decode_put_sockaddr(c, o, key, v, (uint32_t)c->args[5]);
}

static void in_level(struct decode_call *c, struct dout *o, const char *key,
		     uint64_t v)
{
	(void)c;
	decode_put_sol_level(o, key, (uint32_t)v);
}

static void in_optname(struct decode_call *c, struct dout *o, const char *key,
		       uint64_t v)
{
	decode_put_sockopt(o, key, (uint32_t)c->args[1], (uint32_t)v);
}

static void in_optval(struct decode_call *c, struct dout *o, const char *key,
		      uint64_t v)
{
	put_optval(c, o, key, (uint32_t)c->args[1], (uint32_t)c->args[2], v,
		   (uint32_t)c->args[4], true);
}

static void in_shut_how(struct decode_call *c, struct dout *o,
			const char *key, uint64_t v)
{
	(void)c;
	decode_put_xlat(o, key, (uint32_t)v, shut_hows, "SHUT_???");
}

/* Messages: struct msghdr and its control messages */

static const struct flag_name scm_types[] = {
	{ 1, "SCM_RIGHTS" },	     { 2, "SCM_CREDENTIALS" },
	{ 3, "SCM_SECURITY" },	     { 4, "SCM_PIDFD" },
	{ 29, "SO_TIMESTAMP_OLD" },  { 35, "SO_TIMESTAMPNS_OLD" },
	{ 37, "SO_TIMESTAMPING_OLD" }, { 0, NULL },
};

static void put_cmsg_type(struct dout *o, uint32_t level, uint32_t type)
{
	if (level == SOL_SOCKET)
		decode_put_xlat(o, "cmsg_type", type, scm_types, "SCM_???");
	else /* IP_PKTINFO, IPV6_HOPLIMIT...: named like the option */
		decode_put_sockopt(o, "cmsg_type", level, type);
}

static void put_cmsg_data(struct decode_call *c, struct dout *o,
			  uint32_t level, uint32_t type,
			  const unsigned char *p, size_t n)
{
	if (level == SOL_SOCKET && type == SCM_RIGHTS) {
		size_t nfds = n / 4;

		dout_begin_array(o, "cmsg_data");
		for (size_t i = 0; i < nfds && i < ARRAY_SHOWN; i++) {
			int32_t fd;

			memcpy(&fd, p + 4 * i, 4);
			dout_fd(o, NULL, fd);
		}
		if (nfds > ARRAY_SHOWN)
			dout_more(o);
		dout_end_array(o);
		return;
	}
	if (level == SOL_SOCKET && type == SCM_CREDENTIALS && n >= 12) {
		dout_begin_struct(o, "cmsg_data");
		ucred_fields(o, p);
		dout_end_struct(o);
		return;
	}
	dout_str(o, "cmsg_data", p, n < c->strsize ? n : c->strsize,
		 n > c->strsize);
}

/* The control messages of len bytes at addr, each bounded by what is
 * left of the buffer. */
static void put_cmsgs(struct decode_call *c, struct dout *o, const char *key,
		      uint64_t addr, uint64_t len)
{
	size_t n = len < CMSG_MAX ? (size_t)len : CMSG_MAX, off = 0, shown = 0;
	const size_t hdr = sizeof(struct cmsghdr);
	bool more = false, bad = false;
	unsigned char *buf = malloc(n + 1);

	if (!buf || decode_read(c, addr, buf, n) != 0) {
		dout_ptr(o, key, addr);
		free(buf);
		return;
	}
	dout_begin_array(o, key);
	while (off < n && n - off >= hdr) {
		struct cmsghdr h;
		size_t data;

		if (shown++ == ARRAY_SHOWN) {
			more = true;
			break;
		}
		memcpy(&h, buf + off, hdr);
		dout_begin_struct(o, NULL);
		dout_uint(o, "cmsg_len", h.cmsg_len);
		decode_put_sol_level(o, "cmsg_level", (uint32_t)h.cmsg_level);
		put_cmsg_type(o, (uint32_t)h.cmsg_level, (uint32_t)h.cmsg_type);
		if (h.cmsg_len >= hdr) {
			data = h.cmsg_len - hdr < n - off - hdr
				       ? h.cmsg_len - hdr
				       : n - off - hdr;
			put_cmsg_data(c, o, (uint32_t)h.cmsg_level,
				      (uint32_t)h.cmsg_type, buf + off + hdr,
				      data);
		}
		dout_end_struct(o);
		/* a header the next one cannot follow ends the list */
		if (h.cmsg_len < hdr) {
			bad = true;
			break;
		}
		if (h.cmsg_len > n - off)
			break;
		off += (h.cmsg_len + 7) & ~(size_t)7;
	}
	/* the buffer went on past what was read */
	if (more || (!bad && len > n))
		dout_more(o);
	dout_end_array(o);
	free(buf);
}

/* A msghdr read from the tracee. recv: the kernel filled it in (data up
 * to total bytes, the name's length in and out). */
struct msg_view {
	bool recv;
	bool have_namelen; /* namelen_in is known */
	uint32_t namelen_in;
	int64_t total; /* -1: each iovec whole */
};

static void msghdr_fields(struct decode_call *c, struct dout *o,
			  const struct msghdr *m, const struct msg_view *v)
{
	uint64_t namelen = m->msg_namelen;
	uint64_t iovlen = m->msg_iovlen;

	if (v->recv && v->have_namelen && v->namelen_in < namelen)
		namelen = v->namelen_in; /* written no further than that */
	decode_put_sockaddr(c, o, "msg_name", (uintptr_t)m->msg_name, namelen);
	if (v->recv)
		put_inout(o, "msg_namelen", v->have_namelen, v->namelen_in,
			  m->msg_namelen, false);
	else
		dout_uint(o, "msg_namelen", m->msg_namelen);
	decode_put_iov(c, o, "msg_iov", (uintptr_t)m->msg_iov,
		       iovlen < UIO_MAXIOV_ ? iovlen : UIO_MAXIOV_, v->total);
	dout_uint(o, "msg_iovlen", iovlen);
	if (m->msg_controllen)
		put_cmsgs(c, o, "msg_control", (uintptr_t)m->msg_control,
			  m->msg_controllen);
	dout_uint(o, "msg_controllen", m->msg_controllen);
	dout_flags(o, "msg_flags", (uint32_t)m->msg_flags, msg_flags);
}

static void put_msghdr(struct decode_call *c, struct dout *o, const char *key,
		       uint64_t addr, const struct msg_view *v)
{
	struct msghdr m;

	if (!addr || decode_read(c, addr, &m, sizeof(m)) != 0) {
		dout_ptr(o, key, addr);
		return;
	}
	dout_begin_struct(o, key);
	msghdr_fields(c, o, &m, v);
	dout_end_struct(o);
}

static void in_msghdr(struct decode_call *c, struct dout *o, const char *key,
		      uint64_t v)
{
	struct msg_view view = { .total = -1 };

	put_msghdr(c, o, key, v, &view);
}

static bool recvmsg_call(struct decode_call *c, struct dout *o)
{
	const struct arg_spec *a = c->spec->args;
	struct msg_view view = { .recv = true };
	struct msghdr m;

	put_first_fd(c, o);
	if (!c->exiting) {
		/* msg_namelen: the size of the name buffer */
		c->saved[1] = decode_read(c, c->args[1], &m, sizeof(m)) == 0;
		c->saved[0] = c->saved[1] ? m.msg_namelen : 0;
		c->saved[3] = 1;
		return false;
	}
	if (c->ret < 0 && c->saved[1]) {
		/* as strace: what the call was given */
		dout_begin_struct(o, a[1].key);
		dout_uint(o, "msg_namelen", c->saved[0]);
		dout_end_struct(o);
	} else if (c->ret < 0) {
		dout_ptr(o, a[1].key, c->args[1]);
	} else {
		view.have_namelen = c->saved[1];
		view.namelen_in = (uint32_t)c->saved[0];
		view.total = c->ret;
		put_msghdr(c, o, a[1].key, c->args[1], &view);
	}
	dout_flags(o, a[2].key, (uint32_t)c->args[2], msg_flags);
	return true;
}

/* sendmmsg, recvmmsg: the messages the call handled (at most 16). */
struct mmsghdr_ {
	struct msghdr msg_hdr;
	uint32_t msg_len;
};

static void mmsg_elem(struct decode_call *c, struct dout *o, const void *data,
		      bool recv)
{
	struct mmsghdr_ mm;
	struct msg_view view = { .recv = recv, .total = -1 };

	memcpy(&mm, data, sizeof(mm));
	if (recv)
		view.total = mm.msg_len;
	dout_begin_struct(o, NULL);
	dout_begin_struct(o, "msg_hdr");
	msghdr_fields(c, o, &mm.msg_hdr, &view);
	dout_end_struct(o);
	dout_uint(o, "msg_len", mm.msg_len);
	dout_end_struct(o);
}

static void send_mmsg_elem(struct decode_call *c, struct dout *o,
			   const void *data, size_t size)
{
	(void)size;
	mmsg_elem(c, o, data, false);
}

static void recv_mmsg_elem(struct decode_call *c, struct dout *o,
			   const void *data, size_t size)
{
	(void)size;
	mmsg_elem(c, o, data, true);
}

static bool mmsg_call(struct decode_call *c, struct dout *o)
{
	const struct arg_spec *a = c->spec->args;
	bool recv = a[4].kind != ARG_END; /* recvmmsg has a timeout */
	uint64_t vlen = (uint32_t)c->args[2], n = (uint64_t)c->ret;
	int64_t ts[2];

	put_first_fd(c, o);
	if (!c->exiting) {
		/* the kernel writes the time left into the timeout */
		if (recv && decode_read(c, c->args[4], ts, sizeof(ts)) == 0) {
			c->saved[0] = (uint64_t)ts[0];
			c->saved[1] = (uint64_t)ts[1];
			c->saved[2] = 1;
		}
		c->saved[3] = 1;
		return false;
	}
	if (c->ret < 0)
		dout_ptr(o, a[1].key, c->args[1]);
	else
		decode_put_array(c, o, a[1].key, c->args[1], n < vlen ? n : vlen,
				 sizeof(struct mmsghdr_),
				 recv ? recv_mmsg_elem : send_mmsg_elem);
	dout_uint(o, a[2].key, vlen);
	dout_flags(o, a[3].key, (uint32_t)c->args[3], msg_flags);
	if (!recv)
		return true;
	if (c->saved[2]) {
		dout_begin_struct(o, a[4].key);
		dout_int(o, "tv_sec", (int64_t)c->saved[0]);
		dout_int(o, "tv_nsec", (int64_t)c->saved[1]);
		dout_end_struct(o);
	} else {
		dout_ptr(o, a[4].key, c->args[4]);
	}
	return true;
}

const struct syscall_spec decode_family_net[] = {
	{ "socket", RET_FD, { { "domain", ARG_IN, in_domain }, { "type", ARG_IN, in_socktype }, { "protocol", ARG_IN, in_protocol } } },
	{ "socketpair", RET_INT, { { "domain", ARG_IN, in_domain }, { "type", ARG_IN, in_socktype }, { "protocol", ARG_IN, in_protocol }, { "sv", ARG_OUT, decode_out_fd_pair } } },
	{ "bind", RET_INT, { { "sockfd", ARG_FD }, { "addr", ARG_IN, in_sockaddr_len2 }, { "addrlen", ARG_INT } } },
	{ "connect", RET_INT, { { "sockfd", ARG_FD }, { "addr", ARG_IN, in_sockaddr_len2 }, { "addrlen", ARG_INT } } },
	{ "listen", RET_INT, { { "sockfd", ARG_FD }, { "backlog", ARG_INT } } },
	{ "accept", RET_FD, { { "sockfd", ARG_FD }, { "addr", ARG_PTR }, { "addrlen", ARG_PTR } }, addr_len_call },
	{ "accept4", RET_FD, { { "sockfd", ARG_FD }, { "addr", ARG_PTR }, { "addrlen", ARG_PTR }, { "flags", ARG_FLAGS, sock_flags } }, addr_len_call },
	{ "getsockname", RET_INT, { { "sockfd", ARG_FD }, { "addr", ARG_PTR }, { "addrlen", ARG_PTR } }, addr_len_call },
	{ "getpeername", RET_INT, { { "sockfd", ARG_FD }, { "addr", ARG_PTR }, { "addrlen", ARG_PTR } }, addr_len_call },
	{ "sendto", RET_INT, { { "sockfd", ARG_FD }, { "buf", ARG_IBUF, NULL, 2 }, { "len", ARG_UINT }, { "flags", ARG_FLAGS, msg_flags }, { "dest_addr", ARG_IN, in_sockaddr_len5 }, { "addrlen", ARG_INT } } },
	{ "recvfrom", RET_INT, { { "sockfd", ARG_FD }, { "buf", ARG_PTR }, { "len", ARG_UINT }, { "flags", ARG_HEX }, { "src_addr", ARG_PTR }, { "addrlen", ARG_PTR } }, recvfrom_call },
	{ "sendmsg", RET_INT, { { "sockfd", ARG_FD }, { "msg", ARG_IN, in_msghdr }, { "flags", ARG_FLAGS, msg_flags } } },
	{ "recvmsg", RET_INT, { { "sockfd", ARG_FD }, { "msg", ARG_PTR }, { "flags", ARG_HEX } }, recvmsg_call },
	{ "sendmmsg", RET_INT, { { "sockfd", ARG_FD }, { "msgvec", ARG_PTR }, { "vlen", ARG_UINT }, { "flags", ARG_HEX } }, mmsg_call },
	{ "recvmmsg", RET_INT, { { "sockfd", ARG_FD }, { "msgvec", ARG_PTR }, { "vlen", ARG_UINT }, { "flags", ARG_HEX }, { "timeout", ARG_PTR } }, mmsg_call },
	{ "shutdown", RET_INT, { { "sockfd", ARG_FD }, { "how", ARG_IN, in_shut_how } } },
	{ "getsockopt", RET_INT, { { "sockfd", ARG_FD }, { "level", ARG_UINT }, { "optname", ARG_UINT }, { "optval", ARG_PTR }, { "optlen", ARG_PTR } }, getsockopt_call },
	{ "setsockopt", RET_INT, { { "sockfd", ARG_FD }, { "level", ARG_IN, in_level }, { "optname", ARG_IN, in_optname }, { "optval", ARG_IN, in_optval }, { "optlen", ARG_INT } } },
	{ NULL },
};

/* What the decoders above read (decode/capture.h), for backends that
 * capture it while the call runs. A sockaddr is read up to 128 bytes
 * (decode_put_sockaddr); socketpair's fds are decode_out_fd_pair's, in
 * the io family. */
/* clang-format off */
const struct capture_shape decode_shapes_net[] = {
	{ (const void *)in_sockaddr_len2, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_ARG, 2, 1, 128 } } },
	{ (const void *)in_sockaddr_len5, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_ARG, 5, 1, 128 } } },
	/* an int, a linger or ucred (up to 12 bytes), else bytes cut at -s */
	{ (const void *)in_optval, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_ARG, 4, 1, CAPTURE_STRSIZE } } },
	{ (const void *)in_msghdr, { { CAPTURE_SELF, CAPTURE_MSGHDR, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, 0, CAPTURE_STRSIZE } } },
	/* addrlen in (entry) and out (exit), then the address as long as
	 * the kernel says */
	{ (const void *)addr_len_call, {
		{ 2, CAPTURE_BYTES, CAPTURE_BOTH, CAPTURE_LEN_CONST, 0, sizeof(uint32_t) },
		{ 1, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_DEREF, 2, 1, 128 },
	} },
	{ (const void *)recvfrom_call, {
		{ 5, CAPTURE_BYTES, CAPTURE_BOTH, CAPTURE_LEN_CONST, 0, sizeof(uint32_t) },
		{ 1, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_RET, 0, 1, CAPTURE_STRSIZE },
		{ 4, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_DEREF, 5, 1, 128 },
	} },
	{ (const void *)getsockopt_call, {
		{ 4, CAPTURE_BYTES, CAPTURE_BOTH, CAPTURE_LEN_CONST, 0, sizeof(uint32_t) },
		{ 3, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_DEREF, 4, 1, CAPTURE_STRSIZE },
	} },
	/* msg_namelen from the msghdr at entry; all of it at exit */
	{ (const void *)recvmsg_call, {
		{ 1, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, sizeof(struct msghdr) },
		{ 1, CAPTURE_MSGHDR, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, 0, CAPTURE_STRSIZE },
	} },
	/* recvmmsg's timeout at entry; at exit the mmsghdrs shown, and what
	 * the first one points to (a message's name, iovecs and control of
	 * the others are not captured: their addresses are shown). The
	 * array comes first: a read is served by the first piece holding
	 * its address. */
	{ (const void *)mmsg_call, {
		{ 4, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, 2 * sizeof(int64_t) },
		{ 1, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_RET, 0, sizeof(struct mmsghdr_), ARRAY_SHOWN * sizeof(struct mmsghdr_) },
		{ 1, CAPTURE_MSGHDR, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, 0, CAPTURE_STRSIZE },
	} },
	{ NULL },
};
/* clang-format on */
