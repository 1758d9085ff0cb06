/* /proc/PID/cgroup: the cgroup path that names a process's unit. */
#ifndef DSCOPE_PROC_CGROUP_H
#define DSCOPE_PROC_CGROUP_H

#include <stddef.h>

#include "base/strbuf.h"

/* Picks the path that tells the systemd unit: the unified ("0::") line when
 * it is not the root, else the "name=systemd" line (hybrid hierarchy),
 * else the first v1 controller line that is not the root (v1 without
 * systemd, e.g. docker), else the unified root. Writes it to path.
 * Returns 0, or -EINVAL when the text has no usable line. */
int proc_cgroup_parse(const char *buf, size_t len, struct strbuf *path);

#endif
