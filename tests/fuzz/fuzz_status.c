/* /proc/PID/status. */
#include "fuzz.h"

#include "proc/status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_copy(data, size);
	struct proc_status st;

	proc_status_parse(buf, size, &st);
	free(buf);
	return 0;
}
