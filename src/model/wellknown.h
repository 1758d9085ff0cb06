/* Readable names for the sockets every Linux machine has: journald's
 * stdout stream, the syslog socket, the D-Bus buses, ... */
#ifndef DSCOPE_MODEL_WELLKNOWN_H
#define DSCOPE_MODEL_WELLKNOWN_H

#include <stdbool.h>
#include <stddef.h>

/* "journald stdout stream" for /run/systemd/journal/stdout, ...; NULL
 * for a path that is not well known. path is raw bytes, not terminated. */
const char *wellknown_socket_name(const char *path, size_t len);

/* Whether path is journald's stdout stream socket. */
bool wellknown_is_journal_stdout(const char *path, size_t len);

#endif
