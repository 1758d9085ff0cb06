/* Reading and linking the fd tables of many processes at once (dscope
 * fds -a, graph): the tables are read by every core, then every fd asks
 * for its endpoints, they are found and each fd links its peers. */
#ifndef DSCOPE_MODEL_FDSCAN_H
#define DSCOPE_MODEL_FDSCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "model/fdtab.h"
#include "model/snapshot.h"

/* Reads the tables whose pid is set. A table's err is then -ENOENT when
 * its process exited, -errno when its fds were unreadable, else 0. A
 * table whose starttime is set too is of that process only: when the
 * pid's process started at another time (the one listed exited, and a
 * newcomer got its pid), the table reads as exited. */
void fd_scan_read(const struct procfs *fs, struct fd_table *tables, size_t n,
		  unsigned flags);

/* Registers the tables with snap (they must outlive its use), counts
 * the unreadable ones, and links every fd. With covers_all (the tables
 * are every process), peers are found from the tables alone. */
void fd_scan_link(struct snapshot *snap, struct fd_table *tables, size_t n,
		  bool covers_all);

#endif
