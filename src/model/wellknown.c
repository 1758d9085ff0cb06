#include "model/wellknown.h"

#include <string.h>

static const char journal_stdout[] = "/run/systemd/journal/stdout";

static const struct {
	const char *path;
	const char *name;
} known[] = {
	{ journal_stdout, "journald stdout stream" },
	{ "/run/systemd/journal/socket", "journald native socket" },
	{ "/run/systemd/journal/dev-log", "syslog socket" },
	{ "/dev/log", "syslog socket" },
	{ "/run/systemd/journal/syslog", "syslog forwarding socket" },
	{ "/run/dbus/system_bus_socket", "D-Bus system bus" },
	{ "/var/run/dbus/system_bus_socket", "D-Bus system bus" },
	{ "/run/systemd/notify", "systemd notify socket" },
	{ "/run/systemd/private", "systemd private bus" },
	{ "/run/udev/control", "udev control socket" },
	{ "/run/systemd/resolve/io.systemd.Resolve", "resolved varlink socket" },
	{ "/run/docker.sock", "Docker API" },
	{ "/var/run/docker.sock", "Docker API" },
	{ "/run/containerd/containerd.sock", "containerd API" },
};

static bool equals(const char *path, size_t len, const char *s)
{
	return strlen(s) == len && memcmp(path, s, len) == 0;
}

/* /run/user/UID/bus: a user's session bus */
static bool is_session_bus(const char *path, size_t len)
{
	static const char prefix[] = "/run/user/", suffix[] = "/bus";
	size_t p = sizeof(prefix) - 1, s = sizeof(suffix) - 1, i;

	if (len <= p + s || memcmp(path, prefix, p) != 0 ||
	    memcmp(path + len - s, suffix, s) != 0)
		return false;
	for (i = p; i < len - s; i++)
		if (path[i] < '0' || path[i] > '9')
			return false;
	return true;
}

const char *wellknown_socket_name(const char *path, size_t len)
{
	if (!path)
		return NULL;
	for (size_t i = 0; i < sizeof(known) / sizeof(*known); i++)
		if (equals(path, len, known[i].path))
			return known[i].name;
	if (is_session_bus(path, len))
		return "D-Bus session bus";
	return NULL;
}

bool wellknown_is_journal_stdout(const char *path, size_t len)
{
	return path && equals(path, len, journal_stdout);
}
