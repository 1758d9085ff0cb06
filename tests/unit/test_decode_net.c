/* The net family and decode_put_sockaddr: every address family, in/out
 * lengths, socket options, msghdr with control messages; lengths from the
 * tracee that lie (addresses in heap copies of exactly the claimed size,
 * so ASan reports any read past them). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "decode_util.h"
#include "unit_util.h"

/* A line with a stack address in it: its start and its end. */
static void check_ends(const char *name, const uint64_t args[6], int64_t ret,
		       const char *start, const char *end)
{
	char *got = decode_text(name, args, ret);
	size_t n = strlen(got), m = strlen(end);

	assert_true(strncmp(got, start, strlen(start)) == 0);
	assert_true(n >= m && strcmp(got + n - m, end) == 0);
	free(got);
}

static void sockets(void **state)
{
	(void)state;
	check("socket", (uint64_t[6]){ AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0 },
	      3, "AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0");
	check("socket", (uint64_t[6]){ AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK, 0 },
	      3, "AF_INET6, SOCK_DGRAM|SOCK_NONBLOCK, IPPROTO_IP");
	check("socket", (uint64_t[6]){ AF_INET, SOCK_STREAM, IPPROTO_TCP }, 3,
	      "AF_INET, SOCK_STREAM, IPPROTO_TCP");
	check("socket",
	      (uint64_t[6]){ AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
			     NETLINK_KOBJECT_UEVENT },
	      3, "AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_KOBJECT_UEVENT");
	check("socket", (uint64_t[6]){ AF_PACKET, SOCK_RAW, htons(3) }, 3,
	      "AF_PACKET, SOCK_RAW, htons(ETH_P_ALL)");
	check("socket", (uint64_t[6]){ AF_PACKET, SOCK_DGRAM, 0 }, 3,
	      "AF_PACKET, SOCK_DGRAM, htons(0 /* ETH_P_??? */)");
	/* unknown family, type bits, protocol; upper register bits ignored */
	check("socket", (uint64_t[6]){ 77, 99, 3 }, -97,
	      "0x4d /* AF_??? */, SOCK_RAW|0x60 /* SOCK_??? */, 3");
	check("socket", (uint64_t[6]){ 0x100000002ull, 15, 1 << 20 }, -22,
	      "AF_INET, 0xf /* SOCK_??? */, 0x100000 /* IPPROTO_??? */");
	check_json("socket", (uint64_t[6]){ AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 6 },
		   3, "{\"domain\":\"AF_INET\",\"type\":[\"SOCK_STREAM\","
		      "\"SOCK_CLOEXEC\"],\"protocol\":\"IPPROTO_TCP\"}\n");
	check_json("socket", (uint64_t[6]){ 77, 99, 3 }, -97,
		   "{\"domain\":77,\"type\":[\"SOCK_RAW\",\"0x60\"],"
		   "\"protocol\":3}\n");
}

static void socketpair_and_shutdown(void **state)
{
	int sv[2] = { 3, 4 };

	(void)state;
	check("socketpair", (uint64_t[6]){ AF_UNIX, SOCK_DGRAM, 0, A(sv) }, 0,
	      "AF_UNIX, SOCK_DGRAM, 0, [3<fd 3>, 4<fd 4>]");
	check_ends("socketpair", (uint64_t[6]){ AF_UNIX, SOCK_DGRAM, 0, A(sv) },
		   -24, "AF_UNIX, SOCK_DGRAM, 0, 0x", "");
	check("shutdown", (uint64_t[6]){ 8, SHUT_WR }, 0, "8<fd 8>, SHUT_WR");
	check("shutdown", (uint64_t[6]){ 8, 7 }, -22,
	      "8<fd 8>, 0x7 /* SHUT_??? */");
	check("listen", (uint64_t[6]){ 8, (uint64_t)-1 }, 0, "8<fd 8>, -1");
}

static char *unix_addr(const void *path, size_t pathlen, size_t *len)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };

	memcpy(sun.sun_path, path, pathlen);
	*len = offsetof(struct sockaddr_un, sun_path) + pathlen;
	return dup_exact(&sun, *len);
}

static void unix_addresses(void **state)
{
	char want[200], path[108];
	size_t len;
	char *sa;

	(void)state;
	sa = unix_addr("/run/x.sock", 12, &len);
	check("bind", (uint64_t[6]){ 3, A(sa), len }, 0,
	      "3<fd 3>, {sa_family=AF_UNIX, sun_path=\"/run/x.sock\"}, 14");
	/* the length is what is read, even short of the NUL */
	check("connect", (uint64_t[6]){ 3, A(sa), 6 }, 0,
	      "3<fd 3>, {sa_family=AF_UNIX, sun_path=\"/run\"}, 6");
	check("connect", (uint64_t[6]){ 3, A(sa), 2 }, 0,
	      "3<fd 3>, {sa_family=AF_UNIX}, 2");
	check_json("bind", (uint64_t[6]){ 3, A(sa), len }, 0,
		   "{\"sockfd\":{\"fd\":3,\"description\":\"test fd\"},"
		   "\"addr\":{\"sa_family\":\"AF_UNIX\",\"sun_path\":\"/run/x.sock\"},"
		   "\"addrlen\":14}\n");
	free(sa);
	/* abstract: every byte of the name, NULs too */
	sa = unix_addr("\0abs\0x", 6, &len);
	check("bind", (uint64_t[6]){ 3, A(sa), len }, 0,
	      "3<fd 3>, {sa_family=AF_UNIX, sun_path=@\"abs\\x00x\"}, 8");
	check_json("bind", (uint64_t[6]){ 3, A(sa), len }, 0,
		   "{\"sockfd\":{\"fd\":3,\"description\":\"test fd\"},"
		   "\"addr\":{\"sa_family\":\"AF_UNIX\",\"sun_path\":\"@abs\\u0000x\"},"
		   "\"addrlen\":8}\n");
	free(sa);
	/* a full sun_path with no NUL: all 108 bytes, no further */
	memset(path, 'a', sizeof(path));
	sa = unix_addr(path, sizeof(path), &len);
	snprintf(want, sizeof(want),
		 "3<fd 3>, {sa_family=AF_UNIX, sun_path=\"%.108s\"}, 110", path);
	check("bind", (uint64_t[6]){ 3, A(sa), len }, 0, want);
	free(sa);
	/* too short for a family, negative, unreadable, NULL */
	check("bind", (uint64_t[6]){ 3, 0x5000, 1 }, -22, "3<fd 3>, 0x5000, 1");
	check("bind", (uint64_t[6]){ 3, 0x5000, 0xffffffff }, -22,
	      "3<fd 3>, 0x5000, -1");
	check("connect", (uint64_t[6]){ 3, 16, 16 }, -14, "3<fd 3>, 0x10, 16");
	check("connect", (uint64_t[6]){ 3, 0, 0 }, -22, "3<fd 3>, NULL, 0");
}

static void inet_addresses(void **state)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(8080) };
	struct sockaddr_in6 s6 = { .sin6_family = AF_INET6,
				   .sin6_port = htons(443),
				   .sin6_flowinfo = htonl(5),
				   .sin6_scope_id = 2 };
	char *sa;

	(void)state;
	inet_pton(AF_INET, "127.0.0.1", &sin.sin_addr);
	inet_pton(AF_INET6, "fe80::1", &s6.sin6_addr);
	check("bind", (uint64_t[6]){ 3, A(&sin), sizeof(sin) }, 0,
	      "3<fd 3>, {sa_family=AF_INET, sin_port=htons(8080), "
	      "sin_addr=inet_addr(\"127.0.0.1\")}, 16");
	check_json("connect", (uint64_t[6]){ 3, A(&sin), sizeof(sin) }, 0,
		   "{\"sockfd\":{\"fd\":3,\"description\":\"test fd\"},"
		   "\"addr\":{\"sa_family\":\"AF_INET\",\"sin_port\":8080,"
		   "\"sin_addr\":\"127.0.0.1\"},\"addrlen\":16}\n");
	/* too short for the family: the bytes after sa_family */
	sa = dup_exact(&sin, 8);
	check("bind", (uint64_t[6]){ 3, A(sa), 8 }, -22,
	      "3<fd 3>, {sa_family=AF_INET, sa_data=\"\\x1f\\x90\\x7f\\x00\\x00\\x01\"}, 8");
	free(sa);
	check("connect", (uint64_t[6]){ 3, A(&s6), sizeof(s6) }, 0,
	      "3<fd 3>, {sa_family=AF_INET6, sin6_port=htons(443), "
	      "sin6_flowinfo=htonl(5), inet_pton(AF_INET6, \"fe80::1\", "
	      "&sin6_addr), sin6_scope_id=2}, 28");
	/* RFC 2553's 24 bytes: no scope id */
	sa = dup_exact(&s6, 24);
	check("connect", (uint64_t[6]){ 3, A(sa), 24 }, 0,
	      "3<fd 3>, {sa_family=AF_INET6, sin6_port=htons(443), "
	      "sin6_flowinfo=htonl(5), inet_pton(AF_INET6, \"fe80::1\", "
	      "&sin6_addr)}, 24");
	free(sa);
	check_json("connect", (uint64_t[6]){ 3, A(&s6), sizeof(s6) }, 0,
		   "{\"sockfd\":{\"fd\":3,\"description\":\"test fd\"},"
		   "\"addr\":{\"sa_family\":\"AF_INET6\",\"sin6_port\":443,"
		   "\"sin6_flowinfo\":5,\"sin6_addr\":\"fe80::1\","
		   "\"sin6_scope_id\":2},\"addrlen\":28}\n");
}

static void other_addresses(void **state)
{
	struct sockaddr_nl nl = { .nl_family = AF_NETLINK, .nl_pid = 1234 };
	struct sockaddr_ll ll = { .sll_family = AF_PACKET,
				  .sll_protocol = htons(0x0800),
				  .sll_ifindex = 1,
				  .sll_hatype = 1,
				  .sll_halen = 6,
				  .sll_addr = { 0, 2, 3, 4, 5, 0xff } };
	struct sockaddr sa = { .sa_family = AF_UNSPEC, .sa_data = "ab" };
	unsigned char big[128];
	char want[600];
	char *p;

	(void)state;
	check("bind", (uint64_t[6]){ 3, A(&nl), sizeof(nl) }, 0,
	      "3<fd 3>, {sa_family=AF_NETLINK, nl_pid=1234, nl_groups=00000000}, 12");
	nl.nl_groups = 5;
	check("bind", (uint64_t[6]){ 3, A(&nl), sizeof(nl) }, 0,
	      "3<fd 3>, {sa_family=AF_NETLINK, nl_pid=1234, nl_groups=0x000005}, 12");
	check("bind", (uint64_t[6]){ 3, A(&ll), sizeof(ll) }, 0,
	      "3<fd 3>, {sa_family=AF_PACKET, sll_protocol=htons(ETH_P_IP), "
	      "sll_ifindex=1, sll_hatype=ARPHRD_ETHER, sll_pkttype=PACKET_HOST, "
	      "sll_halen=6, sll_addr=[00, 0x2, 0x3, 0x4, 0x5, 0xff]}, 20");
	/* a hardware address longer than sll_addr holds */
	ll.sll_halen = 20;
	ll.sll_hatype = 999;
	ll.sll_pkttype = 9;
	check("bind", (uint64_t[6]){ 3, A(&ll), sizeof(ll) }, 0,
	      "3<fd 3>, {sa_family=AF_PACKET, sll_protocol=htons(ETH_P_IP), "
	      "sll_ifindex=1, sll_hatype=0x3e7 /* ARPHRD_??? */, "
	      "sll_pkttype=0x9 /* PACKET_??? */, sll_halen=20, "
	      "sll_addr=[00, 0x2, 0x3, 0x4, 0x5, 0xff, 00, 00, ...]}, 20");
	check_json("bind", (uint64_t[6]){ 3, A(&ll), 20 }, 0,
		   "{\"sockfd\":{\"fd\":3,\"description\":\"test fd\"},"
		   "\"addr\":{\"sa_family\":\"AF_PACKET\",\"sll_protocol\":\"ETH_P_IP\","
		   "\"sll_ifindex\":1,\"sll_hatype\":999,\"sll_pkttype\":9,"
		   "\"sll_halen\":20,\"sll_addr\":[0,2,3,4,5,255,0,0]},"
		   "\"addrlen\":20}\n");
	check("connect", (uint64_t[6]){ 3, A(&sa), 6 }, 0,
	      "3<fd 3>, {sa_family=AF_UNSPEC, sa_data=\"ab\\x00\\x00\"}, 6");
	sa.sa_family = 77;
	check("connect", (uint64_t[6]){ 3, A(&sa), 4 }, 0,
	      "3<fd 3>, {sa_family=0x4d /* AF_??? */, sa_data=\"ab\"}, 4");
	/* a length past what the kernel reads: 128 bytes, no more */
	memset(big, 0, sizeof(big));
	big[0] = AF_UNSPEC;
	p = dup_exact(big, sizeof(big));
	want[0] = '\0';
	strcat(want, "3<fd 3>, {sa_family=AF_UNSPEC, sa_data=\"");
	for (int i = 0; i < 126; i++)
		strcat(want, "\\x00");
	strcat(want, "\"}, 5000");
	check("connect", (uint64_t[6]){ 3, A(p), 5000 }, -22, want);
	free(p);
}

static void accept_and_names(void **state)
{
	struct sockaddr_un peer = { .sun_family = AF_UNIX,
				    .sun_path = "/tmp/sock" };
	socklen_t len = 2;
	char *small;

	(void)state;
	/* the kernel wrote 2 into the in/out length of 110 */
	{
		struct decode_call c = decode_util_call(
			"accept4",
			(uint64_t[6]){ 7, A(&peer), A(&len), SOCK_CLOEXEC }, 9);
		struct strbuf sb = STRBUF_INIT;
		struct dout o;

		dout_init(&o, DOUT_TEXT, &sb, NULL);
		o.namer.text = decode_util_fd_text;
		len = 110;
		decode_args(&c, &o);
		assert_string_equal(strbuf_str(&sb), "7<fd 7>");
		len = 2;
		c.exiting = true;
		decode_args(&c, &o);
		assert_string_equal(strbuf_str(&sb),
				    "7<fd 7>, {sa_family=AF_UNIX}, [110 => 2], "
				    "SOCK_CLOEXEC");
		strbuf_release(&sb);
	}
	/* unchanged length; failure; no address wanted */
	len = sizeof(struct sockaddr_un);
	check("getpeername", (uint64_t[6]){ 8, A(&peer), A(&len) }, 0,
	      "8<fd 8>, {sa_family=AF_UNIX, sun_path=\"/tmp/sock\"}, [110]");
	check("accept", (uint64_t[6]){ 7, 0x7000, A(&len) }, -11,
	      "7<fd 7>, 0x7000, [110]");
	check("accept", (uint64_t[6]){ 7, 0, 0 }, -11, "7<fd 7>, NULL, NULL");
	check("accept4", (uint64_t[6]){ 7, 0, 0, SOCK_NONBLOCK | 0x40 }, -22,
	      "7<fd 7>, NULL, NULL, SOCK_NONBLOCK|0x40");
	check("getsockname", (uint64_t[6]){ 8, 0x7000, 16 }, -14,
	      "8<fd 8>, 0x7000, 0x10");
	/* a buffer of 3 bytes: the kernel wrote 3, said 15; 3 are read */
	small = dup_exact("\1\0/", 3);
	{
		struct decode_call c = decode_util_call(
			"getsockname", (uint64_t[6]){ 9, A(small), A(&len) }, 0);
		struct strbuf sb = STRBUF_INIT;
		struct dout o;

		dout_init(&o, DOUT_TEXT, &sb, NULL);
		len = 3;
		decode_args(&c, &o);
		len = 15;
		c.exiting = true;
		decode_args(&c, &o);
		assert_string_equal(strbuf_str(&sb),
				    "9, {sa_family=AF_UNIX, sun_path=\"/\"}, "
				    "[3 => 15]");
		strbuf_release(&sb);
	}
	free(small);
}

static void send_and_recv(void **state)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(53) };
	socklen_t len = sizeof(sin);
	char buf[8] = "zzzz";

	(void)state;
	inet_pton(AF_INET, "10.0.0.1", &sin.sin_addr);
	check("sendto",
	      (uint64_t[6]){ 5, A("hello\n"), 6, MSG_DONTWAIT | MSG_NOSIGNAL,
			     A(&sin), sizeof(sin) },
	      6,
	      "5<fd 5>, \"hello\\n\", 6, MSG_DONTWAIT|MSG_NOSIGNAL, "
	      "{sa_family=AF_INET, sin_port=htons(53), "
	      "sin_addr=inet_addr(\"10.0.0.1\")}, 16");
	check("sendto", (uint64_t[6]){ 5, A("hi"), 2, 0, 0, 0 }, 2,
	      "5<fd 5>, \"hi\", 2, 0, NULL, 0");
	check("recvfrom",
	      (uint64_t[6]){ 5, A(buf), sizeof(buf), 0, A(&sin), A(&len) }, 4,
	      "5<fd 5>, \"zzzz\", 8, 0, {sa_family=AF_INET, sin_port=htons(53), "
	      "sin_addr=inet_addr(\"10.0.0.1\")}, [16]");
	/* MSG_TRUNC returns the datagram's length: no more than the buffer */
	check("recvfrom", (uint64_t[6]){ 5, A(buf), 1, MSG_TRUNC, 0, 0 }, 2,
	      "5<fd 5>, \"z\", 1, MSG_TRUNC, NULL, NULL");
	/* failed: the buffer's address */
	check_ends("recvfrom",
		   (uint64_t[6]){ 5, A(buf), 8, MSG_PEEK | MSG_DONTWAIT, 0, 0 },
		   -11, "5<fd 5>, 0x", ", 8, MSG_PEEK|MSG_DONTWAIT, NULL, NULL");
}

static void sockopts(void **state)
{
	int one = 1, v = 131072;
	socklen_t len = 4;
	struct ucred cr = { 42, 0, (gid_t)-1 };
	struct { int onoff, linger; } lg = { 1, 5 };

	(void)state;
	check("setsockopt", (uint64_t[6]){ 3, SOL_SOCKET, SO_REUSEADDR, A(&one), 4 },
	      0, "3<fd 3>, SOL_SOCKET, SO_REUSEADDR, [1], 4");
	check("setsockopt", (uint64_t[6]){ 3, IPPROTO_TCP, TCP_NODELAY, A(&one), 4 },
	      0, "3<fd 3>, SOL_TCP, TCP_NODELAY, [1], 4");
	check("setsockopt", (uint64_t[6]){ 3, IPPROTO_IPV6, IPV6_V6ONLY, A(&one), 4 },
	      0, "3<fd 3>, SOL_IPV6, IPV6_V6ONLY, [1], 4");
	/* an int option of another length: the kernel refuses it */
	check("setsockopt", (uint64_t[6]){ 3, SOL_SOCKET, SO_KEEPALIVE, 0x5000, 2 },
	      -22, "3<fd 3>, SOL_SOCKET, SO_KEEPALIVE, 0x5000, 2");
	check("setsockopt", (uint64_t[6]){ 3, SOL_SOCKET, SO_BINDTODEVICE, A("lo"), 3 },
	      0, "3<fd 3>, SOL_SOCKET, SO_BINDTODEVICE, \"lo\\x00\", 3");
	check("setsockopt", (uint64_t[6]){ 3, SOL_SOCKET, SO_LINGER, A(&lg), 8 },
	      0, "3<fd 3>, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=5}, 8");
	check("setsockopt", (uint64_t[6]){ 3, 9999, 5, A(&one), 4 }, -95,
	      "3<fd 3>, 0x270f /* SOL_?? */, 5, [1], 4");
	check("setsockopt", (uint64_t[6]){ 3, SOL_SOCKET, 9999, A(&one), 4 }, -92,
	      "3<fd 3>, SOL_SOCKET, 0x270f /* SO_??? */, [1], 4");
	check("setsockopt", (uint64_t[6]){ 3, SOL_SOCKET, SO_REUSEPORT, 0, 4 }, -14,
	      "3<fd 3>, SOL_SOCKET, SO_REUSEPORT, NULL, 4");
	check("getsockopt", (uint64_t[6]){ 3, SOL_SOCKET, SO_RCVBUF, A(&v), A(&len) },
	      0, "3<fd 3>, SOL_SOCKET, SO_RCVBUF, [131072], [4]");
	len = 12;
	check("getsockopt", (uint64_t[6]){ 3, SOL_SOCKET, SO_PEERCRED, A(&cr), A(&len) },
	      0, "3<fd 3>, SOL_SOCKET, SO_PEERCRED, {pid=42, uid=0, gid=-1}, [12]");
	/* short: the bytes */
	len = 2;
	check("getsockopt", (uint64_t[6]){ 3, SOL_SOCKET, SO_RCVBUF, A(&v), A(&len) },
	      0, "3<fd 3>, SOL_SOCKET, SO_RCVBUF, \"\\x00\\x00\", [2]");
	check("getsockopt", (uint64_t[6]){ 3, SOL_SOCKET, SO_ERROR, 0x5000, 0 },
	      -14, "3<fd 3>, SOL_SOCKET, SO_ERROR, 0x5000, NULL");
	check("getsockopt", (uint64_t[6]){ 3, SOL_SOCKET, SO_ERROR, 0x5000, 16 },
	      -14, "3<fd 3>, SOL_SOCKET, SO_ERROR, 0x5000, 0x10");
	check_json("getsockopt",
		   (uint64_t[6]){ 3, SOL_SOCKET, SO_RCVBUF, A(&v), A(&len) }, 0,
		   "{\"sockfd\":{\"fd\":3,\"description\":\"test fd\"},"
		   "\"level\":\"SOL_SOCKET\",\"optname\":\"SO_RCVBUF\","
		   "\"optval\":\"\\u0000\\u0000\",\"optlen\":[2]}\n");
}

/* getsockopt's optlen changes between entry and exit. */
static void sockopt_inout(void **state)
{
	int v = 0;
	socklen_t len = 8;
	struct decode_call c = decode_util_call(
		"getsockopt", (uint64_t[6]){ 3, SOL_SOCKET, SO_ERROR, A(&v), A(&len) },
		0);
	struct json_writer w;
	struct dout o;

	(void)state;
	json_writer_init(&w, NULL, false);
	json_begin_object(&w, NULL);
	dout_init(&o, DOUT_JSON, NULL, &w);
	decode_args(&c, &o);
	len = 4;
	c.exiting = true;
	decode_args(&c, &o);
	json_end_object(&w);
	assert_string_equal(strbuf_str(&w.buf),
			    "{\"sockfd\":3,\"level\":\"SOL_SOCKET\","
			    "\"optname\":\"SO_ERROR\",\"optval\":[0],"
			    "\"optlen\":{\"in\":8,\"out\":4}}\n");
	json_writer_release(&w);
}

struct ctl {
	struct cmsghdr h1;
	int fds[2];
	struct cmsghdr h2;
	struct ucred cr;
	int pad;
};

static void messages(void **state)
{
	char a[] = "abc", b[] = "defgh";
	struct iovec iov[2] = { { a, 3 }, { b, 5 } };
	struct ctl ctl = {
		.h1 = { CMSG_LEN(8), SOL_SOCKET, SCM_RIGHTS },
		.fds = { 0, 1 },
		.h2 = { CMSG_LEN(sizeof(struct ucred)), SOL_SOCKET, SCM_CREDENTIALS },
		.cr = { 5, 0, 0 },
	};
	struct msghdr mh = { .msg_iov = iov, .msg_iovlen = 2,
			     .msg_control = &ctl,
			     .msg_controllen = sizeof(ctl) };

	(void)state;
	assert_int_equal(offsetof(struct ctl, h2), CMSG_SPACE(8));
	check("sendmsg", (uint64_t[6]){ 4, A(&mh), MSG_NOSIGNAL }, 8,
	      "4<fd 4>, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"abc\", "
	      "iov_len=3}, {iov_base=\"defgh\", iov_len=5}], msg_iovlen=2, "
	      "msg_control=[{cmsg_len=24, cmsg_level=SOL_SOCKET, "
	      "cmsg_type=SCM_RIGHTS, cmsg_data=[0<fd 0>, 1<fd 1>]}, "
	      "{cmsg_len=28, cmsg_level=SOL_SOCKET, cmsg_type=SCM_CREDENTIALS, "
	      "cmsg_data={pid=5, uid=0, gid=0}}], msg_controllen=56, "
	      "msg_flags=0}, MSG_NOSIGNAL");
	/* a cmsg_len past the buffer: the data that is there, then stop */
	ctl.h1.cmsg_len = 1000;
	mh.msg_controllen = 20;
	check("sendmsg", (uint64_t[6]){ 4, A(&mh), 0 }, -22,
	      "4<fd 4>, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"abc\", "
	      "iov_len=3}, {iov_base=\"defgh\", iov_len=5}], msg_iovlen=2, "
	      "msg_control=[{cmsg_len=1000, cmsg_level=SOL_SOCKET, "
	      "cmsg_type=SCM_RIGHTS, cmsg_data=[0<fd 0>]}], msg_controllen=20, "
	      "msg_flags=0}, 0");
	/* one that ends the buffer, not aligned: nothing after it */
	ctl.h1.cmsg_len = 20;
	mh.msg_controllen = 20;
	check("sendmsg", (uint64_t[6]){ 4, A(&mh), 0 }, -22,
	      "4<fd 4>, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"abc\", "
	      "iov_len=3}, {iov_base=\"defgh\", iov_len=5}], msg_iovlen=2, "
	      "msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, "
	      "cmsg_type=SCM_RIGHTS, cmsg_data=[0<fd 0>]}], msg_controllen=20, "
	      "msg_flags=0}, 0");
	/* a cmsg_len too short for its header ends the list */
	ctl.h1.cmsg_len = 3;
	mh.msg_controllen = sizeof(ctl);
	check("sendmsg", (uint64_t[6]){ 4, A(&mh), 0 }, -22,
	      "4<fd 4>, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"abc\", "
	      "iov_len=3}, {iov_base=\"defgh\", iov_len=5}], msg_iovlen=2, "
	      "msg_control=[{cmsg_len=3, cmsg_level=SOL_SOCKET, "
	      "cmsg_type=SCM_RIGHTS}], msg_controllen=56, msg_flags=0}, 0");
	/* unreadable iov and control; unreadable msghdr */
	mh.msg_iov = (void *)16;
	mh.msg_control = (void *)32;
	mh.msg_controllen = 100;
	check("sendmsg", (uint64_t[6]){ 4, A(&mh), 0 }, -14,
	      "4<fd 4>, {msg_name=NULL, msg_namelen=0, msg_iov=0x10, "
	      "msg_iovlen=2, msg_control=0x20, msg_controllen=100, "
	      "msg_flags=0}, 0");
	check("sendmsg", (uint64_t[6]){ 4, 1, 0 }, -14, "4<fd 4>, 0x1, 0");
}

static void huge_controllen(void **state)
{
	/* a control length of 1 TiB: 4096 bytes are read, no more */
	unsigned char buf[4096];
	struct cmsghdr h = { 4096 - 8, SOL_SOCKET, SCM_RIGHTS };
	struct msghdr mh = { .msg_controllen = 1ull << 40 };
	char *ctl, *got;

	(void)state;
	memset(buf, 0, sizeof(buf));
	ctl = dup_exact(buf, sizeof(buf));
	mh.msg_control = ctl;
	got = decode_text("sendmsg", (uint64_t[6]){ 4, A(&mh), 0 }, -22);
	/* a zero cmsg_len ends the list */
	assert_non_null(strstr(got, "msg_control=[{cmsg_len=0, cmsg_level=SOL_IP, "
				    "cmsg_type=0 /* IP_??? */}], msg_controllen=1099511627776"));
	free(got);
	free(ctl);
	/* one message up to the end of what was read: then "..." */
	memcpy(buf, &h, sizeof(h));
	ctl = dup_exact(buf, sizeof(buf));
	mh.msg_control = ctl;
	got = decode_text("sendmsg", (uint64_t[6]){ 4, A(&mh), 0 }, -22);
	assert_non_null(strstr(got, "cmsg_data=[0<fd 0>, 0<fd 0>, 0<fd 0>, "
				    "0<fd 0>, 0<fd 0>, 0<fd 0>, 0<fd 0>, "
				    "0<fd 0>, 0<fd 0>, 0<fd 0>, 0<fd 0>, "
				    "0<fd 0>, 0<fd 0>, 0<fd 0>, 0<fd 0>, "
				    "0<fd 0>, ...]}, ...], msg_controllen="));
	free(got);
	free(ctl);
}

static void recvmsg_inout(void **state)
{
	struct sockaddr_in from = { .sin_family = AF_INET,
				    .sin_port = htons(9) };
	char b1[2] = "ab", b2[8] = "cdefgh";
	struct iovec iov[2] = { { b1, 2 }, { b2, 8 } };
	struct msghdr mh = { .msg_name = &from, .msg_namelen = 110,
			     .msg_iov = iov, .msg_iovlen = 2 };
	struct decode_call c = decode_util_call(
		"recvmsg", (uint64_t[6]){ 3, A(&mh), MSG_DONTWAIT }, 3);
	struct strbuf sb = STRBUF_INIT;
	struct dout o;

	(void)state;
	inet_pton(AF_INET, "127.0.0.1", &from.sin_addr);
	dout_init(&o, DOUT_TEXT, &sb, NULL);
	decode_args(&c, &o);
	assert_string_equal(strbuf_str(&sb), "3");
	mh.msg_namelen = 16;
	mh.msg_flags = MSG_TRUNC;
	c.exiting = true;
	decode_args(&c, &o);
	assert_string_equal(strbuf_str(&sb),
			    "3, {msg_name={sa_family=AF_INET, sin_port=htons(9), "
			    "sin_addr=inet_addr(\"127.0.0.1\")}, msg_namelen=110 => 16, "
			    "msg_iov=[{iov_base=\"ab\", iov_len=2}, {iov_base=\"c\", "
			    "iov_len=8}], msg_iovlen=2, msg_controllen=0, "
			    "msg_flags=MSG_TRUNC}, MSG_DONTWAIT");
	strbuf_release(&sb);
	/* failed: what it was given, as strace shows it */
	mh.msg_namelen = 16;
	check("recvmsg", (uint64_t[6]){ 3, A(&mh), MSG_PEEK | MSG_DONTWAIT }, -11,
	      "3<fd 3>, {msg_namelen=16}, MSG_PEEK|MSG_DONTWAIT");
	check("recvmsg", (uint64_t[6]){ 3, 16, 0 }, -14, "3<fd 3>, 0x10, 0");
}

static void mmsg(void **state)
{
	char a[] = "abc";
	struct iovec iov = { a, 3 };
	struct mmsghdr mm[2] = { { .msg_hdr = { .msg_iov = &iov, .msg_iovlen = 1 },
				   .msg_len = 3 },
				 { .msg_hdr = { .msg_iov = &iov, .msg_iovlen = 1 },
				   .msg_len = 3 } };
	struct timespec ts = { 1, 5 };

	(void)state;
	/* one of two sent: one shown */
	check("sendmmsg", (uint64_t[6]){ 3, A(mm), 2, 0 }, 1,
	      "3<fd 3>, [{msg_hdr={msg_name=NULL, msg_namelen=0, "
	      "msg_iov=[{iov_base=\"abc\", iov_len=3}], msg_iovlen=1, "
	      "msg_controllen=0, msg_flags=0}, msg_len=3}], 2, 0");
	mm[0].msg_len = 2;
	check("recvmmsg", (uint64_t[6]){ 3, A(mm), 2, MSG_DONTWAIT, A(&ts) }, 1,
	      "3<fd 3>, [{msg_hdr={msg_name=NULL, msg_namelen=0, "
	      "msg_iov=[{iov_base=\"ab\", iov_len=3}], msg_iovlen=1, "
	      "msg_controllen=0, msg_flags=0}, msg_len=2}], 2, MSG_DONTWAIT, "
	      "{tv_sec=1, tv_nsec=5}");
	check_ends("recvmmsg", (uint64_t[6]){ 3, A(mm), 2, MSG_DONTWAIT, 0 }, -11,
		   "3<fd 3>, 0x", ", 2, MSG_DONTWAIT, NULL");
	check("recvmmsg", (uint64_t[6]){ 3, 16, 2, 0, 16 }, -14,
	      "3<fd 3>, 0x10, 2, 0, 0x10");
}

static void fd_args(void **state)
{
	struct decode_call c = decode_util_call(
		"accept4", (uint64_t[6]){ 7, 0, 0, 0 }, 0);

	(void)state;
	/* --fd sees the fd of calls decoded whole */
	assert_true(decode_arg_is_fd(&c, 0));
	assert_false(decode_arg_is_fd(&c, 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sockets),
		cmocka_unit_test(socketpair_and_shutdown),
		cmocka_unit_test(unix_addresses),
		cmocka_unit_test(inet_addresses),
		cmocka_unit_test(other_addresses),
		cmocka_unit_test(accept_and_names),
		cmocka_unit_test(send_and_recv),
		cmocka_unit_test(sockopts),
		cmocka_unit_test(sockopt_inout),
		cmocka_unit_test(messages),
		cmocka_unit_test(huge_controllen),
		cmocka_unit_test(recvmsg_inout),
		cmocka_unit_test(mmsg),
		cmocka_unit_test(fd_args),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
