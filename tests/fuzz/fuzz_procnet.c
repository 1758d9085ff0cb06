/* /proc/net/raw and raw6 (the raw sockets sock_diag may not list). */
#include "fuzz.h"

#include <sys/socket.h>

#include "net/procnet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sock_table t;
	char *buf;

	if (size == 0)
		return 0;
	buf = fuzz_copy(data + 1, size - 1);
	sock_table_init(&t);
	procnet_parse_raw(buf, size - 1, data[0] & 1 ? AF_INET6 : AF_INET, &t);
	sock_table_release(&t);
	free(buf);
	return 0;
}
