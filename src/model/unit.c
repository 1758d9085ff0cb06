#include "model/unit.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Container engines name a cgroup after the container id. Each entry is a
 * prefix and suffix around the id inside one path component. */
static const struct {
	const char *prefix, *suffix, *engine;
} container_patterns[] = {
	{ "docker-", ".scope", "docker" },
	{ "libpod-", ".scope", "podman" },
	{ "cri-containerd-", ".scope", "containerd" },
	{ "crio-", ".scope", "cri-o" },
};

/* Parents whose children are container ids: /docker/ID, /kubepods/.../ID,
 * /lxc/NAME, /lxc.payload.NAME (handled separately). */
static const struct {
	const char *parent, *engine;
} container_parents[] = {
	{ "docker", "docker" },
	{ "lxc", "lxc" },
	{ "machine", "machine" },
};

static bool ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

static bool is_hex_id(const char *s, size_t len)
{
	if (len < 12)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

static void set(struct unit_name *u, enum unit_kind kind, const char *engine,
		const char *s, size_t len)
{
	u->kind = kind;
	if (kind == UNIT_CONTAINER && is_hex_id(s, len))
		len = 12; /* the short id, as docker ps shows it */
	if (engine)
		snprintf(u->name, sizeof(u->name), "%s:%.*s", engine, (int)len, s);
	else
		snprintf(u->name, sizeof(u->name), "%.*s", (int)len, s);
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* A machine is named as machinectl names it: systemd escapes '-' and other
 * bytes in unit names as \xNN, which the machine name does not have. */
static void set_machine(struct unit_name *u, const char *s, size_t len)
{
	char name[sizeof(u->name)];
	size_t i, n = 0;

	for (i = 0; i < len && n + 1 < sizeof(name); i++) {
		int hi, lo;

		if (s[i] == '\\' && i + 3 < len && s[i + 1] == 'x' &&
		    (hi = hex_value(s[i + 2])) >= 0 &&
		    (lo = hex_value(s[i + 3])) >= 0 && (hi || lo)) {
			name[n++] = (char)(hi * 16 + lo);
			i += 3;
		} else {
			name[n++] = s[i];
		}
	}
	set(u, UNIT_CONTAINER, "machine", name, n);
}

static bool match_container(const char *c, size_t len, struct unit_name *u)
{
	for (size_t i = 0; i < sizeof(container_patterns) / sizeof(*container_patterns); i++) {
		size_t pl = strlen(container_patterns[i].prefix);
		size_t sl = strlen(container_patterns[i].suffix);

		if (len > pl + sl && memcmp(c, container_patterns[i].prefix, pl) == 0 &&
		    ends_with(c, len, container_patterns[i].suffix)) {
			set(u, UNIT_CONTAINER, container_patterns[i].engine,
			    c + pl, len - pl - sl);
			return true;
		}
	}
	if (len > 12 && memcmp(c, "lxc.payload.", 12) == 0) {
		set(u, UNIT_CONTAINER, "lxc", c + 12, len - 12);
		return true;
	}
	return false;
}

void unit_from_cgroup(const char *path, struct unit_name *u)
{
	const char *p = path, *prev = NULL;
	size_t prev_len = 0;
	bool in_user_manager = false, in_kube = false;

	memset(u, 0, sizeof(*u));
	/* Walk the components; the innermost unit wins, except that anything
	 * inside a container is named after the container. */
	while (*p) {
		const char *c, *slash;
		size_t len;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		c = p;
		slash = strchr(c, '/');
		len = slash ? (size_t)(slash - c) : strlen(c);
		p = c + len;

		if (match_container(c, len, u))
			return;
		if (in_kube && is_hex_id(c, len)) {
			set(u, UNIT_CONTAINER, "k8s", c, len);
			return;
		}
		for (size_t i = 0; prev && i < sizeof(container_parents) / sizeof(*container_parents); i++) {
			if (prev_len == strlen(container_parents[i].parent) &&
			    memcmp(prev, container_parents[i].parent, prev_len) == 0) {
				set(u, UNIT_CONTAINER, container_parents[i].engine, c, len);
				return;
			}
		}
		if (len >= 8 && memcmp(c, "kubepods", 8) == 0)
			in_kube = true;
		if (len > 13 && memcmp(c, "user@", 5) == 0 &&
		    ends_with(c, len, ".service")) {
			in_user_manager = true;
			set(u, UNIT_SYSTEM, NULL, c, len);
		} else if (ends_with(c, len, ".service")) {
			set(u, in_user_manager ? UNIT_USER : UNIT_SYSTEM, NULL,
			    c, len);
		} else if (in_user_manager && len == 10 &&
			   memcmp(c, "init.scope", 10) == 0) {
			/* the user manager itself: keep user@UID.service */
		} else if (ends_with(c, len, ".scope")) {
			if (len > 14 && memcmp(c, "machine-", 8) == 0) {
				set_machine(u, c + 8, len - 14);
				return;
			}
			set(u, in_user_manager ? UNIT_USER : UNIT_SCOPE, NULL,
			    c, len);
		}
		prev = c;
		prev_len = len;
	}
}

const char *unit_kind_name(enum unit_kind kind)
{
	switch (kind) {
	case UNIT_SYSTEM:
		return "system";
	case UNIT_USER:
		return "user";
	case UNIT_SCOPE:
		return "scope";
	case UNIT_CONTAINER:
		return "container";
	case UNIT_NONE:
		break;
	}
	return "none";
}
