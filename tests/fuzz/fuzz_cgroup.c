/* /proc/PID/cgroup. */
#include "fuzz.h"

#include "proc/cgroup.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_copy(data, size);
	struct strbuf path = STRBUF_INIT;

	if (proc_cgroup_parse(buf, size, &path) == 0)
		FUZZ_CHECK(path.len <= size);
	strbuf_release(&path);
	free(buf);
	return 0;
}
