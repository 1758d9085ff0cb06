/* /proc/PID/mountinfo: which mount an fd's mnt_id names, and where a
 * filesystem (by device number) is mounted. */
#ifndef DSCOPE_PROC_MOUNTINFO_H
#define DSCOPE_PROC_MOUNTINFO_H

#include <stddef.h>

struct mount_entry {
	int id, parent;
	unsigned major, minor;
	char *root; /* the directory of the filesystem mounted there */
	char *point; /* mount point, unescaped (raw bytes) */
	char *fstype;
	char *source; /* NULL when the line has none */
};

struct mount_table {
	struct mount_entry *v;
	size_t count, alloc;
};

/* Parses mountinfo text; malformed lines are skipped. Returns 0, or
 * -EINVAL when no line could be read. Octal escapes (\040) are undone. */
int proc_mountinfo_parse(const char *buf, size_t len, struct mount_table *t);
void mount_table_release(struct mount_table *t);

const struct mount_entry *mount_table_find_id(const struct mount_table *t,
					      int id);
/* A mount of the filesystem major:minor, preferring one of its root. */
const struct mount_entry *mount_table_find_dev(const struct mount_table *t,
					       unsigned major, unsigned minor);

#endif
