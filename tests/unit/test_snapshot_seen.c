/* Sockets as a tracer saw them, in the snapshot: they stand for the
 * kernel's later view of the same inode, and their peers are found
 * among them by address. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "model/snapshot.h"
#include "proc/procfs.h"

/* A TCP socket from local to remote port on 127.0.0.1. */
static struct sock_info tcp(uint64_t ino, uint16_t sport, uint16_t dport)
{
	struct sock_info s;
	uint32_t lo = htonl(INADDR_LOOPBACK);

	memset(&s, 0, sizeof(s));
	s.ino = ino;
	s.family = AF_INET;
	s.type = SOCK_STREAM;
	s.protocol = IPPROTO_TCP;
	s.state = 1; /* ESTABLISHED */
	memcpy(s.src, &lo, 4);
	memcpy(s.dst, &lo, 4);
	s.sport = sport;
	s.dport = dport;
	return s;
}

static void pairs(void **state)
{
	struct sock_info a = tcp(1, 4000, 5000), b = tcp(2, 5000, 4000),
			 c = tcp(3, 5000, 4001);
	uint8_t mapped[16] = { [10] = 0xff, [11] = 0xff, 127, 0, 0, 1 };

	(void)state;
	assert_true(sock_info_inet_pair(&a, &b));
	assert_true(sock_info_inet_pair(&b, &a));
	assert_false(sock_info_inet_pair(&a, &c));
	assert_false(sock_info_inet_pair(&a, &a));
	/* a dual-stack server's end: IPv4 mapped into IPv6 */
	b.family = AF_INET6;
	memcpy(b.src, mapped, 16);
	memcpy(b.dst, mapped, 16);
	assert_true(sock_info_inet_pair(&a, &b));
	/* not connected: no pair */
	a.dport = 0;
	assert_false(sock_info_inet_pair(&a, &b));
}

static void seen_sockets(void **state)
{
	struct sock_info a = tcp(900000001, 4000, 5000),
			 b = tcp(900000002, 5000, 4000);
	const struct sock_info *got;
	struct snapshot snap;
	struct procfs fs;

	(void)state;
	assert_int_equal(procfs_open(&fs, "/proc"), 0);
	snapshot_init(&snap, &fs);
	snapshot_add_seen_socket(&snap, &a);
	snapshot_add_seen_socket(&snap, &b);
	snapshot_add_seen_socket(&snap, NULL);
	got = snapshot_socket(&snap, a.ino);
	assert_non_null(got);
	assert_ptr_not_equal(got, &a); /* a copy */
	assert_int_equal(got->sport, 4000);
	assert_true(snapshot_socket_is_own(&snap, got));
	assert_false(snapshot_socket_is_own(&snap, &a));
	/* its other end, by its addresses, among what was seen */
	got = snapshot_inet_peer(&snap, got);
	assert_non_null(got);
	assert_int_equal(got->ino, b.ino);
	/* seen again, changed: the later sight stands */
	a.state = 8; /* CLOSE-WAIT */
	snapshot_add_seen_socket(&snap, &a);
	assert_int_equal(snapshot_socket(&snap, a.ino)->state, 8);
	snapshot_release(&snap);
	procfs_close(&fs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pairs),
		cmocka_unit_test(seen_sockets),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
