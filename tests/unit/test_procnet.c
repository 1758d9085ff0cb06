/* /proc/net/raw and raw6: the fallback for kernels whose sock_diag cannot
 * dump raw sockets. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "net/procnet.h"
#include "unit_util.h"

static const char raw4[] =
	"  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
	" 199: 0100007F:0001 00000000:0000 07 00000000:00000010 00:00000000 00000000  1000        0 2883620 2 0000000067693763 0\n"
	" 200: 00000000:00FF 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 2883621 2 0000000067693764 0\n";

static const char raw6[] =
	"  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
	"  58: 00000000000000000000000001000000:003A 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 2883700 2 0000000000000000 0\n";

static void ipv4(void **state)
{
	struct sock_table t;
	const struct sock_info *s;
	char text[INET_ADDRSTRLEN];

	(void)state;
	sock_table_init(&t);
	assert_int_equal(procnet_parse_raw(raw4, strlen(raw4), AF_INET, &t), 2);
	s = sock_table_find(&t, 2883620);
	assert_non_null(s);
	assert_int_equal(s->family, AF_INET);
	assert_int_equal(s->type, SOCK_RAW);
	assert_int_equal(s->protocol, 1); /* icmp */
	assert_string_equal(inet_ntop(AF_INET, s->src, text, sizeof(text)),
			    "127.0.0.1");
	assert_int_equal(s->uid, 1000);
	assert_int_equal(s->rqueue, 16);
	assert_int_equal(sock_table_find(&t, 2883621)->protocol, 255);
	/* known inodes are not replaced */
	assert_int_equal(procnet_parse_raw(raw4, strlen(raw4), AF_INET, &t), 0);
	sock_table_release(&t);
}

static void ipv6(void **state)
{
	struct sock_table t;
	const struct sock_info *s;
	char text[INET6_ADDRSTRLEN];

	(void)state;
	sock_table_init(&t);
	assert_int_equal(procnet_parse_raw(raw6, strlen(raw6), AF_INET6, &t), 1);
	s = sock_table_find(&t, 2883700);
	assert_non_null(s);
	assert_int_equal(s->protocol, 58);
	assert_string_equal(inet_ntop(AF_INET6, s->src, text, sizeof(text)), "::1");
	sock_table_release(&t);
}

static void malformed_and_prefixes(void **state)
{
	static const char bad[] =
		"header\n"
		" 1: 0100007F:0001\n"
		" 2: XX00007F:0001 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 5 2 0 0\n"
		" 3: 0100007F:0001 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 0 2 0 0\n";
	size_t len = strlen(raw4);
	struct sock_table t;

	(void)state;
	sock_table_init(&t);
	assert_int_equal(procnet_parse_raw(bad, strlen(bad), AF_INET, &t), 0);
	for (size_t n = 0; n <= len; n++) {
		char *buf = dup_exact(raw4, n);

		procnet_parse_raw(buf, n, AF_INET, &t);
		free(buf);
	}
	sock_table_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ipv4),
		cmocka_unit_test(ipv6),
		cmocka_unit_test(malformed_and_prefixes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
