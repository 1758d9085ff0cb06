/* sock_diag against the running kernel: sockets this test creates, found
 * by inode in a dump of its own network namespace, and a listener in
 * another namespace found only through sockdiag_dump_netns. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "net/sockdiag.h"

static uint64_t ino_of(int fd)
{
	struct stat st;

	assert_int_equal(fstat(fd, &st), 0);
	return st.st_ino;
}

static const struct sock_info *find(const struct sock_table *t, int fd)
{
	const struct sock_info *s = sock_table_find(t, ino_of(fd));

	if (!s)
		fail_msg("socket fd %d (inode %llu) not in the dump", fd,
			 (unsigned long long)ino_of(fd));
	return s;
}

static void dump(struct sock_table *t)
{
	sock_table_release(t);
	sock_table_init(t);
	assert_int_equal(sockdiag_dump(t, SOCKDIAG_ALL), 0);
	/* every family this test needs dumps on kernels with sock_diag */
	assert_int_equal(
		t->failed & (SOCKDIAG_UNIX | SOCKDIAG_INET | SOCKDIAG_NETLINK),
		0);
}

static void live_unix(void **state)
{
	char dir[] = "/tmp/dscope-sockdiag-XXXXXX", abstract[64];
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	struct sockaddr_un aaddr = { .sun_family = AF_UNIX };
	const struct sock_info *s;
	struct sock_table t;
	int pair[2], l, c, a, d;
	socklen_t alen;
	struct stat st;

	(void)state;
	sock_table_init(&t);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, pair), 0);
	assert_non_null(mkdtemp(dir));
	snprintf(addr.sun_path, sizeof(addr.sun_path), "%s/listen.sock", dir);
	l = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_int_equal(bind(l, (struct sockaddr *)&addr, sizeof(addr)), 0);
	assert_int_equal(listen(l, 5), 0);
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_int_equal(connect(c, (struct sockaddr *)&addr, sizeof(addr)), 0);
	/* an abstract datagram socket */
	alen = (socklen_t)snprintf(abstract, sizeof(abstract),
				   "%cdscope-test-%d", 0, (int)getpid());
	memcpy(aaddr.sun_path, abstract, alen);
	d = socket(AF_UNIX, SOCK_DGRAM, 0);
	assert_int_equal(bind(d, (struct sockaddr *)&aaddr,
			      offsetof(struct sockaddr_un, sun_path) + alen),
			 0);

	dump(&t);
	s = find(&t, pair[0]);
	assert_int_equal(s->peer_ino, ino_of(pair[1]));
	assert_string_equal(sock_info_proto_name(s), "unix-stream");
	assert_string_equal(sock_info_state_name(s), "CONNECTED");
	assert_true(s->has_uid);
	assert_int_equal(s->uid, geteuid());
	assert_null(s->path);
	s = find(&t, pair[1]);
	assert_int_equal(s->peer_ino, ino_of(pair[0]));

	/* the listener, with the client waiting in its queue */
	s = find(&t, l);
	assert_int_equal(s->state, TCP_LISTEN);
	assert_string_equal(sock_info_state_name(s), "LISTEN");
	assert_false(s->abstract);
	assert_int_equal(s->path_len, strlen(addr.sun_path));
	assert_string_equal(s->path, addr.sun_path);
	assert_int_equal(stat(addr.sun_path, &st), 0);
	assert_int_equal(s->vfs_ino, st.st_ino);
	assert_true(s->has_queues);
	assert_int_equal(s->rqueue, 1);
	assert_int_equal(s->wqueue, 5);
	assert_int_equal(s->npending, 1);
	assert_int_equal(s->pending[0], ino_of(c));

	s = find(&t, d);
	assert_true(s->abstract);
	assert_int_equal(s->path_len, alen);
	assert_int_equal(s->path[0], '@');
	assert_memory_equal(s->path + 1, abstract + 1, alen - 1);
	assert_string_equal(sock_info_proto_name(s), "unix-dgram");
	assert_string_equal(sock_info_state_name(s), "UNCONNECTED");

	/* accepted: the client's peer is the accepted socket */
	a = accept(l, NULL, NULL);
	assert_true(a >= 0);
	assert_int_equal(shutdown(a, SHUT_WR), 0);
	dump(&t);
	assert_int_equal(find(&t, c)->peer_ino, ino_of(a));
	assert_int_equal(find(&t, a)->peer_ino, ino_of(c));
	assert_int_equal(find(&t, l)->rqueue, 0);
	assert_int_equal(find(&t, l)->npending, 0);
	assert_true(find(&t, a)->has_shutdown);
	assert_true(find(&t, a)->shutdown_wr);
	assert_false(find(&t, a)->shutdown_rd);

	sock_table_release(&t);
	close(pair[0]);
	close(pair[1]);
	close(a);
	close(c);
	close(l);
	close(d);
	unlink(addr.sun_path);
	rmdir(dir);
}

static void live_inet(void **state)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6,
				     .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	struct sockaddr_in lsin, csin, usin;
	socklen_t len;
	const struct sock_info *s;
	struct sock_table t;
	int l, c, a, u, u6;

	(void)state;
	sock_table_init(&t);
	l = socket(AF_INET, SOCK_STREAM, 0);
	assert_int_equal(bind(l, (struct sockaddr *)&sin, sizeof(sin)), 0);
	assert_int_equal(listen(l, 9), 0);
	len = sizeof(lsin);
	assert_int_equal(getsockname(l, (struct sockaddr *)&lsin, &len), 0);
	c = socket(AF_INET, SOCK_STREAM, 0);
	assert_int_equal(connect(c, (struct sockaddr *)&lsin, sizeof(lsin)), 0);
	len = sizeof(csin);
	assert_int_equal(getsockname(c, (struct sockaddr *)&csin, &len), 0);
	a = accept(l, NULL, NULL);
	assert_true(a >= 0);
	u = socket(AF_INET, SOCK_DGRAM, 0);
	assert_int_equal(bind(u, (struct sockaddr *)&sin, sizeof(sin)), 0);
	len = sizeof(usin);
	assert_int_equal(getsockname(u, (struct sockaddr *)&usin, &len), 0);
	u6 = socket(AF_INET6, SOCK_DGRAM, 0);
	if (u6 >= 0 && bind(u6, (struct sockaddr *)&sin6, sizeof(sin6)) < 0) {
		close(u6);
		u6 = -1; /* no IPv6 loopback here */
	}

	dump(&t);
	s = find(&t, l);
	assert_string_equal(sock_info_proto_name(s), "tcp");
	assert_string_equal(sock_info_state_name(s), "LISTEN");
	assert_int_equal(s->sport, ntohs(lsin.sin_port));
	assert_int_equal(s->wqueue, 9);
	assert_true(sock_info_is_loopback(s));

	s = find(&t, c);
	assert_int_equal(s->family, AF_INET);
	assert_int_equal(s->type, SOCK_STREAM);
	assert_int_equal(s->protocol, IPPROTO_TCP);
	assert_string_equal(sock_info_state_name(s), "ESTABLISHED");
	assert_int_equal(s->sport, ntohs(csin.sin_port));
	assert_int_equal(s->dport, ntohs(lsin.sin_port));
	assert_memory_equal(s->src, &csin.sin_addr, 4);
	assert_memory_equal(s->dst, &lsin.sin_addr, 4);
	assert_true(s->has_uid);
	assert_int_equal(s->uid, geteuid());
	assert_true(sock_info_is_loopback(s));

	s = find(&t, a);
	assert_int_equal(s->sport, ntohs(lsin.sin_port));
	assert_int_equal(s->dport, ntohs(csin.sin_port));
	assert_string_equal(sock_info_state_name(s), "ESTABLISHED");

	s = find(&t, u);
	assert_string_equal(sock_info_proto_name(s), "udp");
	assert_int_equal(s->type, SOCK_DGRAM);
	assert_string_equal(sock_info_state_name(s), "UNCONNECTED");
	assert_int_equal(s->sport, ntohs(usin.sin_port));
	assert_true(sock_info_is_loopback(s));
	if (u6 >= 0) {
		s = find(&t, u6);
		assert_string_equal(sock_info_proto_name(s), "udp6");
		assert_true(sock_info_is_loopback(s));
		close(u6);
	}

	sock_table_release(&t);
	close(a);
	close(c);
	close(l);
	close(u);
}

static void live_netlink_packet(void **state)
{
	struct sockaddr_nl snl = { .nl_family = AF_NETLINK,
				   .nl_groups = RTMGRP_LINK };
	struct sockaddr_ll sll = { .sll_family = AF_PACKET,
				   .sll_protocol = htons(ETH_P_IP) };
	const struct sock_info *s;
	struct sock_table t;
	socklen_t len;
	int n, p;

	(void)state;
	sock_table_init(&t);
	n = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	assert_true(n >= 0);
	assert_int_equal(bind(n, (struct sockaddr *)&snl, sizeof(snl)), 0);
	len = sizeof(snl);
	assert_int_equal(getsockname(n, (struct sockaddr *)&snl, &len), 0);
	p = socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_IP));
	sll.sll_ifindex = (int)if_nametoindex("lo");
	if (p >= 0)
		assert_int_equal(bind(p, (struct sockaddr *)&sll, sizeof(sll)),
				 0);

	dump(&t);
	s = find(&t, n);
	assert_int_equal(s->family, AF_NETLINK);
	assert_int_equal(s->protocol, 0);
	assert_string_equal(sock_netlink_proto_name(s->protocol), "route");
	assert_string_equal(sock_info_proto_name(s), "netlink");
	assert_int_equal(s->portid, snl.nl_pid);
	assert_int_equal(s->groups & RTMGRP_LINK, RTMGRP_LINK);
	if (p >= 0 && !(t.failed & SOCKDIAG_PACKET)) {
		s = find(&t, p);
		assert_string_equal(sock_info_proto_name(s), "packet");
		assert_int_equal(s->packet_proto, ETH_P_IP);
		assert_int_equal(s->packet_ifindex, sll.sll_ifindex);
		close(p);
	} else {
		print_message("# packet sockets not checked: %s\n",
			      p < 0 ? "no CAP_NET_RAW"
				    : "kernel has no packet_diag");
		if (p >= 0)
			close(p);
	}
	sock_table_release(&t);

	/* asking for one family dumps only that one */
	sock_table_init(&t);
	assert_int_equal(sockdiag_dump(&t, SOCKDIAG_NETLINK), 0);
	assert_non_null(sock_table_find(&t, ino_of(n)));
	for (size_t pos = 0; true;) {
		uint64_t key;
		void *v;

		if (!hashmap_next(&t.by_ino, &pos, &key, &v))
			break;
		assert_int_equal(((struct sock_info *)v)->family, AF_NETLINK);
	}
	sock_table_release(&t);
	close(n);
}

/* A child in a new network namespace listens on TCP; its socket shows up
 * only through sockdiag_dump_netns. */
static void live_netns(void **state)
{
	int up[2], down[2], nsfd, r;
	char path[64], before[64], after[64];
	struct sock_table t;
	uint64_t ino = 0;
	ssize_t n;
	pid_t pid;

	(void)state;
	if (geteuid() != 0) {
		print_message("# sockdiag_dump_netns not tested: needs root\n");
		skip();
	}
	assert_int_equal(pipe(up), 0);
	assert_int_equal(pipe(down), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct sockaddr_in sin = { .sin_family = AF_INET };
		struct stat st;
		char c;
		int l;

		close(up[0]);
		close(down[1]);
		if (unshare(CLONE_NEWNET) < 0)
			_exit(2);
		l = socket(AF_INET, SOCK_STREAM, 0);
		if (l < 0 || bind(l, (struct sockaddr *)&sin, sizeof(sin)) ||
		    listen(l, 1) || fstat(l, &st))
			_exit(3);
		ino = st.st_ino;
		if (write(up[1], &ino, sizeof(ino)) != sizeof(ino))
			_exit(4);
		(void)!read(down[0], &c, 1); /* until the parent closes it */
		_exit(0);
	}
	close(up[1]);
	close(down[0]);
	n = read(up[0], &ino, sizeof(ino));
	close(up[0]);
	if (n != sizeof(ino)) {
		close(down[1]);
		waitpid(pid, &r, 0);
		if (WIFEXITED(r) && WEXITSTATUS(r) == 2) {
			print_message("# no network namespaces here\n");
			skip();
		}
		fail_msg("namespace child failed (status %d)", r);
	}

	snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)pid);
	nsfd = open(path, O_RDONLY | O_CLOEXEC);
	assert_true(nsfd >= 0);
	n = readlink("/proc/thread-self/ns/net", before, sizeof(before) - 1);
	assert_true(n > 0);
	before[n] = '\0';

	sock_table_init(&t);
	assert_int_equal(sockdiag_dump_netns(&t, SOCKDIAG_INET, nsfd), 0);
	assert_non_null(sock_table_find(&t, ino));
	assert_string_equal(sock_info_state_name(sock_table_find(&t, ino)),
			    "LISTEN");
	sock_table_release(&t);
	n = readlink("/proc/thread-self/ns/net", after, sizeof(after) - 1);
	assert_true(n > 0);
	after[n] = '\0';
	assert_string_equal(before, after); /* back home */

	sock_table_init(&t);
	assert_int_equal(sockdiag_dump(&t, SOCKDIAG_INET), 0);
	assert_null(sock_table_find(&t, ino));
	sock_table_release(&t);

	/* without CAP_SYS_ADMIN: -EPERM, and no harm done */
	pid_t probe = fork();

	assert_true(probe >= 0);
	if (probe == 0) {
		struct sock_table pt;

		if (setresuid(65534, 65534, 65534) < 0)
			_exit(10);
		sock_table_init(&pt);
		r = sockdiag_dump_netns(&pt, SOCKDIAG_ALL, nsfd);
		_exit(r == -EPERM && pt.by_ino.count == 0 ? 0 : 11);
	}
	assert_int_equal(waitpid(probe, &r, 0), probe);
	assert_true(WIFEXITED(r));
	assert_int_equal(WEXITSTATUS(r), 0);

	/* an fd that is not a namespace */
	sock_table_init(&t);
	assert_int_equal(sockdiag_dump_netns(&t, SOCKDIAG_ALL, down[1]),
			 -EINVAL);
	sock_table_release(&t);

	close(nsfd);
	close(down[1]);
	assert_int_equal(waitpid(pid, &r, 0), pid);
	assert_true(WIFEXITED(r));
	assert_int_equal(WEXITSTATUS(r), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(live_unix),
		cmocka_unit_test(live_inet),
		cmocka_unit_test(live_netlink_packet),
		cmocka_unit_test(live_netns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
