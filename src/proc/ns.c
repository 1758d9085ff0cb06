#include "proc/ns.h"

#include <errno.h>
#include <stdio.h>

#include "proc/link.h"

int proc_ns_inode(const struct procfs *fs, pid_t pid, const char *type,
		  uint64_t *ino)
{
	struct strbuf sb = STRBUF_INIT;
	char name[64];
	int err;

	snprintf(name, sizeof(name), "ns/%s", type);
	err = procfs_readlink(fs, pid, name, &sb);
	if (!err && !proc_link_inode(strbuf_str(&sb), type, ino))
		err = -EINVAL;
	strbuf_release(&sb);
	return err;
}
