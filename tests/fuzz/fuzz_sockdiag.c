/* A sock_diag reply message of each family, as libmnl hands it over
 * (its length checked against what was received). The first byte picks
 * the family's parser; the rest is the message, header included. What a
 * parser makes is described as dscope describes sockets. */
#include "fuzz.h"

#include <libmnl/libmnl.h>
#include <netinet/in.h>

#include "net/sockdiag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sock_info *s = NULL;
	struct nlmsghdr *nlh;
	void *msg;
	int err;

	if (size < 1 + sizeof(struct nlmsghdr))
		return 0;
	/* exact size (malloc's alignment is a receive buffer's) */
	msg = fuzz_copy(data + 1, size - 1);
	nlh = msg;
	if (!mnl_nlmsg_ok(nlh, (int)(size - 1))) {
		free(msg);
		return 0;
	}
	switch (data[0] % 5) {
	case 0:
		err = sockdiag_parse_unix(nlh, &s);
		break;
	case 1:
		err = sockdiag_parse_inet(nlh, IPPROTO_TCP, &s);
		break;
	case 2:
		err = sockdiag_parse_inet(nlh, IPPROTO_UDP, &s);
		break;
	case 3:
		err = sockdiag_parse_netlink(nlh, &s);
		break;
	default:
		err = sockdiag_parse_packet(nlh, &s);
		break;
	}
	if (err == 0) {
		struct sock_info *copy;

		FUZZ_CHECK(s);
		sock_info_proto_name(s);
		sock_info_state_name(s);
		sock_info_is_loopback(s);
		copy = sock_info_copy(s);
		sock_info_free(copy);
		sock_info_free(s);
	}
	free(msg);
	return 0;
}
