/* The systemd unit, scope or container a process belongs to, read from
 * its cgroup path. */
#ifndef DSCOPE_MODEL_UNIT_H
#define DSCOPE_MODEL_UNIT_H

#include <stddef.h>

enum unit_kind {
	UNIT_NONE, /* root cgroup or a path with no unit in it */
	UNIT_SYSTEM, /* foo.service in the system manager */
	UNIT_USER, /* foo.service under user@UID.service */
	UNIT_SCOPE, /* session-3.scope, run-u12.scope, ... */
	UNIT_CONTAINER, /* docker, podman, containerd/k8s, lxc, machined */
};

struct unit_name {
	enum unit_kind kind;
	char name[128]; /* "cups.service", "docker:0123456789ab"; "" for none */
};

/* Fills u from a cgroup path such as "/system.slice/cups.service". The
 * name keeps raw bytes of the path: escape it when shown. */
void unit_from_cgroup(const char *path, struct unit_name *u);

const char *unit_kind_name(enum unit_kind kind);

#endif
