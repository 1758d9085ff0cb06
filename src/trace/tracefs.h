/* The ids of the kernel's trace events, read from tracefs. Where tracefs
 * is not mounted (a fresh machine mounts neither it nor debugfs), a child
 * mounts it in a mount namespace of its own to read them: the machine's
 * mounts stay as they were. */
#ifndef DSCOPE_TRACE_TRACEFS_H
#define DSCOPE_TRACE_TRACEFS_H

#include <stddef.h>

/* Sets ids[i] to the id of event group/names[i], -1 where the kernel has
 * no such event. 0, or -errno when tracefs cannot be read at all (no
 * CAP_SYS_ADMIN to mount it, say). */
int tracefs_event_ids(const char *group, const char *const *names, size_t n,
		      long *ids);

#endif
