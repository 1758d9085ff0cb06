/* The fd class seam: one small class per kind of file descriptor. A class
 * recognises its fds (probe), reads its part of fdinfo (parse), asks the
 * snapshot for the endpoints it needs (want), joins them (link), and
 * shows itself as a one-line description and as typed fields (describe,
 * emit). Adding a kind is one file plus one line in class.c. */
#ifndef DSCOPE_FD_FD_H
#define DSCOPE_FD_FD_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "base/strbuf.h"
#include "proc/fdinfo.h"
#include "render/sink.h"

struct fd_class;
struct snapshot; /* model/snapshot.h: sockets, peers, process names */

enum fd_mode {
	FD_READ = 1 << 0,
	FD_WRITE = 1 << 1,
};

/* The process and fd at the other end of a pipe, socket, FIFO, ... */
struct fd_peer {
	pid_t pid;
	int fd;
	unsigned mode; /* enum fd_mode; 0 when unknown */
};

struct fd {
	pid_t owner;
	int num;
	char *target; /* readlink of /proc/PID/fd/N: raw, untrusted */
	int target_err; /* -errno when the link could not be read */
	unsigned mode; /* enum fd_mode, from fdinfo flags or the link's permissions */
	bool has_mode;

	/* stat of what the fd refers to (read for path targets only) */
	bool has_stat;
	mode_t st_mode;
	uint64_t st_dev, st_ino, st_rdev, st_size;

	struct proc_fdinfo info; /* info.extra is not kept: see parse */
	bool has_info;
	int info_err;

	const struct fd_class *cls;
	void *priv; /* the class's own data: release frees what it points
		     * to, fd_release frees priv itself */

	/* The endpoint this fd itself is (snapshot_key of its pipe or socket
	 * inode, FIFO path, eventfd id), 0 when none: lets a snapshot index
	 * tables it already read. Set by fdtab, or by a class's parse. */
	uint64_t self_key;

	struct fd_peer *peers;
	size_t npeers;
	int peer_err; /* why peers are unknown (-EACCES, ...), 0 otherwise */
};

/* What a class needs read besides the link target. */
enum fd_needs {
	FD_NEED_FDINFO = 1 << 0,
	FD_NEED_STAT = 1 << 1,
	FD_NEED_LINK_MODE = 1 << 2, /* r/w from the link's permissions */
};

struct fd_class {
	const char *kind; /* "file", "pipe", "unix", "eventpoll", ... */
	/* Optional: a finer kind for this fd ("tcp", "udp6"), else kind. */
	const char *(*kind_of)(const struct fd *fd, struct snapshot *snap);
	unsigned needs; /* enum fd_needs */
	/* Recognises the fd from its target (and st_mode when stat is read:
	 * probe is called again after stat, see fd_classify). probe and
	 * parse run in reading threads: they must touch nothing but fd. */
	bool (*probe)(const struct fd *fd);
	/* Optional: reads the class's lines of fdinfo (after the common
	 * ones) into fd->priv. Returns 0 or -EINVAL (kept as data). */
	int (*parse)(struct fd *fd, const char *extra, size_t len);
	/* Optional: registers the endpoints it needs with snapshot_want_*. */
	void (*want)(const struct fd *fd, struct snapshot *snap);
	/* Optional: fills fd->peers (and priv) once the snapshot resolved. */
	void (*link)(struct fd *fd, struct snapshot *snap);
	/* One line for people, escaped: "pipe → notifier [32101] fd 1 (w)". */
	void (*describe)(const struct fd *fd, struct snapshot *snap,
			 struct strbuf *out);
	/* Typed fields for JSON (the common ones are written by fd_emit). */
	void (*emit)(const struct fd *fd, struct snapshot *snap,
		     struct sink *s);
	void (*release)(struct fd *fd);
};

/* Picks the class of fd from what was read so far (never NULL). */
const struct fd_class *fd_classify(struct fd *fd);
/* Whether a target may need stat to be classified (paths: file, FIFO,
 * device). */
bool fd_target_is_path(const struct fd *fd);

/* Frees what the fd owns (class data, peers, target). */
void fd_release(struct fd *fd);

/* Adds a peer (the class's link calls this). */
void fd_add_peer(struct fd *fd, pid_t pid, int num, unsigned mode);

/* Reads what describe and emit will show besides the fd itself (peer
 * names, mounts) into the snapshot's caches, so rendering reads nothing.
 * Call after link. */
void fd_prefetch(const struct fd *fd, struct snapshot *snap);
/* The description line (escaped), with the error when the fd was
 * unreadable. */
void fd_describe(const struct fd *fd, struct snapshot *snap,
		 struct strbuf *out);
/* The kind shown for fd: kind_of when the class has it. */
const char *fd_kind(const struct fd *fd, struct snapshot *snap);
/* "r", "w", "rw" or "?" */
const char *fd_mode_name(unsigned mode, bool known);
/* Emits the whole fd as one object: fd, mode, kind, target, description,
 * the class's fields, peers, error. */
void fd_emit(const struct fd *fd, struct snapshot *snap, struct sink *s);
/* The same object as the member key of an enclosing object. */
void fd_emit_as(const struct fd *fd, struct snapshot *snap, struct sink *s,
		const char *key);

/* Helpers for classes */
/* Appends " → comm [pid] fd N (mode)" for each peer, or nothing. */
void fd_describe_peers(const struct fd *fd, struct snapshot *snap,
		       struct strbuf *out);
/* Emits "peers": [{pid, comm, fd, mode}] (an empty array when none). */
void fd_emit_peers(const struct fd *fd, struct snapshot *snap,
		   struct sink *s);
/* Links a pipe or FIFO end to the holders of key moving data the other
 * way (a reader's peers are the writers). */
void fd_link_other_ends(struct fd *fd, struct snapshot *snap, uint64_t key);
/* Links fd to every other holder of key (sockets, shared eventfds). */
void fd_link_holders(struct fd *fd, struct snapshot *snap, uint64_t key);
/* Appends why a pipe or FIFO shows no other end: none is open, or some
 * processes could not be looked at. */
void fd_describe_no_peer(const struct snapshot *snap, struct strbuf *out);
/* "permission denied" or strerror. */
const char *fd_error_text(int err);
/* probe of classes that another class picks (unix, inet, ...). */
bool fd_probe_never(const struct fd *fd);
/* Appends text escaped for a terminal. */
void fd_put_escaped(struct strbuf *out, const char *s, size_t len);

extern const struct fd_class fd_class_file, fd_class_dir, fd_class_device,
	fd_class_fifo, fd_class_pipe, fd_class_unix, fd_class_inet,
	fd_class_netlink, fd_class_packet, fd_class_socket, fd_class_eventpoll,
	fd_class_eventfd, fd_class_timerfd, fd_class_signalfd,
	fd_class_inotify, fd_class_fanotify, fd_class_pidfd, fd_class_memfd,
	fd_class_io_uring, fd_class_bpf, fd_class_perf, fd_class_userfaultfd,
	fd_class_anon, fd_class_unknown;

#endif
