/* Shared by the socket family classes. */
#ifndef DSCOPE_FD_SOCKET_H
#define DSCOPE_FD_SOCKET_H

#include <stdint.h>
#include <sys/socket.h>

#include "fd/fd.h"
#include "net/sockdiag.h"

uint64_t fd_socket_inode(const struct fd *fd);
/* The sock_diag record of fd's socket, or NULL. */
const struct sock_info *fd_socket_info(const struct fd *fd,
				       struct snapshot *snap);

#endif
