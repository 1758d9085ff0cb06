/* /proc/PID/mountinfo, and lookups in what it gave. */
#include "fuzz.h"

#include "proc/mountinfo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_copy(data, size);
	struct mount_table t = { 0 };

	if (proc_mountinfo_parse(buf, size, &t) == 0) {
		for (size_t i = 0; i < t.count; i++) {
			const struct mount_entry *e = &t.v[i];

			/* a line without a source has its source NULL */
			FUZZ_CHECK(e->point && e->root && e->fstype);
			FUZZ_CHECK(mount_table_find_id(&t, e->id) != NULL);
			FUZZ_CHECK(mount_table_find_dev(&t, e->major,
							e->minor) != NULL);
		}
	}
	mount_table_release(&t);
	free(buf);
	return 0;
}
