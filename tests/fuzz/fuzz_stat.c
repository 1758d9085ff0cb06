/* /proc/PID/stat and /proc/stat's btime. */
#include "fuzz.h"

#include "proc/stat.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_copy(data, size);
	struct proc_stat st;
	uint64_t btime;

	memset(&st, 0xa5, sizeof(st));
	if (proc_stat_parse(buf, size, &st) == 0)
		FUZZ_CHECK(memchr(st.comm, '\0', sizeof(st.comm)) != NULL);
	proc_stat_boot_time(buf, size, &btime);
	free(buf);
	return 0;
}
