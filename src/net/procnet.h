/* The /proc/net tables, for what sock_diag cannot dump: raw sockets on
 * kernels built without CONFIG_INET_RAW_DIAG (this project's own CI
 * machine is one). */
#ifndef DSCOPE_NET_PROCNET_H
#define DSCOPE_NET_PROCNET_H

#include <stddef.h>

#include "net/sockdiag.h"

/* Parses the text of /proc/net/raw (family AF_INET) or raw6 (AF_INET6)
 * and adds each socket whose inode t does not know yet. Malformed lines
 * are skipped. Returns the number of sockets added. */
size_t procnet_parse_raw(const char *buf, size_t len, int family,
			 struct sock_table *t);

#endif
