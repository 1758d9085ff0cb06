/* The fd class seam: one small class per kind of file descriptor. A class
 * recognises its fds (probe), reads its part of fdinfo (parse_fdinfo),
 * joins them with their peers in a snapshot (link), and emits typed fields
 * to a sink (emit). Adding a kind is one file plus one line in class.c. */
#ifndef DSCOPE_FD_FD_H
#define DSCOPE_FD_FD_H

#include <stdbool.h>
#include <stdint.h>

#include "proc/fdinfo.h"
#include "render/sink.h"

struct fd_class;
struct snapshot; /* the whole-machine view that link() joins against */

struct fd {
	int num;
	char *target; /* readlink of /proc/PID/fd/N: raw, untrusted */
	int target_err; /* -errno when the link could not be read */
	uint64_t ino; /* inode named by "pipe:[N]" and "socket:[N]" */
	const struct fd_class *cls;
};

struct fd_class {
	const char *kind; /* "file", "device", "pipe", "socket", "anon", ... */
	bool (*probe)(const struct fd *fd);
	/* Optional: fills class data from the fdinfo file. */
	int (*parse_fdinfo)(struct fd *fd, const struct proc_fdinfo *fi);
	/* Optional: attaches peers found in the snapshot. */
	void (*link)(struct fd *fd, const struct snapshot *snap);
	void (*emit)(const struct fd *fd, struct sink *s);
};

/* Picks the class of fd from its link target (never NULL once target or
 * target_err is set: fds nobody recognises get the "unknown" class). */
const struct fd_class *fd_classify(struct fd *fd);

/* Emits the fields every fd shares, then the class's own. */
void fd_emit(const struct fd *fd, struct sink *s);

extern const struct fd_class fd_class_file, fd_class_device, fd_class_pipe,
	fd_class_socket, fd_class_anon, fd_class_unknown;

#endif
