/* Epoll sets: the entries under an epoll fd, for the fds command. */
#ifndef DSCOPE_FD_EVENTPOLL_H
#define DSCOPE_FD_EVENTPOLL_H

#include "base/strbuf.h"
#include "fd/fd.h"

struct snapshot;

/* One line per entry of the epoll set fd, each ending in '\n', escaped:
 * "    fd 3   IN|ET   unix stream LISTEN /run/x.sock"; entries whose fd
 * was closed or now names another file are marked STALE. Nothing when
 * the set is empty or its fdinfo was not read. */
void eventpoll_describe_entries(const struct fd *fd, struct snapshot *snap,
				struct strbuf *out);

#endif
