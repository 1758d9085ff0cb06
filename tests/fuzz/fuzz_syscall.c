/* /proc/PID/syscall. */
#include "fuzz.h"

#include "proc/syscall.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_copy(data, size);
	struct proc_syscall sc;

	proc_syscall_parse(buf, size, &sc);
	free(buf);
	return 0;
}
