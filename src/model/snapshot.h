/* The snapshot: what fd classes link against. It knows the sockets
 * (sock_diag, loaded on first use), the names of processes, and which
 * process holds which endpoint. Classes ask for endpoints with
 * snapshot_want_* before snapshot_resolve, then read the holders.
 *
 * Resolution scans processes in a likely order (the asking process, its
 * family, then by pid distance) and stops as soon as every wanted
 * endpoint has a holder other than the asker, so one process's peers do
 * not cost a scan of the whole machine; snapshot_scan_all indexes every
 * process instead (dscope fds -a, graph). */
#ifndef DSCOPE_MODEL_SNAPSHOT_H
#define DSCOPE_MODEL_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "base/hashmap.h"
#include "fd/fd.h"
#include "net/sockdiag.h"
#include "proc/mountinfo.h"
#include "proc/procfs.h"

/* Kinds of endpoint keys: the same number means different things in
 * different kinds (pipefs and sockfs inodes overlap). */
enum endpoint_kind {
	ENDPOINT_PIPE = 1, /* pipe inode, from "pipe:[N]" */
	ENDPOINT_SOCKET,   /* socket inode, from "socket:[N]" */
	ENDPOINT_PATH, /* a path (FIFOs): key is a hash, checked by dev/ino */
	ENDPOINT_EVENTFD, /* eventfd-id from fdinfo */
};

struct endpoint_holders {
	struct fd_peer *v;
	size_t count, alloc;
	bool optional; /* found if seen, but not worth scanning on for */
	/* Pipes and FIFOs: the modes the other end must have, from the
	 * wanting fds (a reader needs a writer); 0 for sockets, where any
	 * holder is the other end. */
	unsigned need;
	bool need_other; /* an rw end: any holder but the wanting fd */
	/* for ENDPOINT_PATH: the file that must match */
	uint64_t dev, ino;
	char *path;
};

struct snapshot {
	const struct procfs *fs;
	struct sock_table socks; /* dscope's own network namespace */
	/* sockets as a tracer saw them at a call: they stand for the
	 * kernel's later view of the same inode, which may have closed */
	struct sock_table seen_socks;
	bool socks_loaded_unix; /* the unix sockets are dumped */
	bool socks_loaded;	/* and the other families */
	int socks_err;
	uint64_t own_netns;	    /* 0 when unknown */
	struct hashmap netns;	    /* netns inode -> struct netns_socks * */
	struct hashmap pid_netns;   /* pid -> netns inode + 1 (1: unknown) */
	struct hashmap mounts;	    /* mount ns inode -> struct mount_table * */
	struct hashmap ttys;	    /* pid -> tty_nr + 1 */
	struct hashmap wanted;	    /* key -> struct endpoint_holders * */
	struct hashmap comms;	    /* pid -> char * (raw comm) */
	struct hashmap tables;	    /* pid -> struct snapshot_fds * */
	struct hashmap inet_tuples; /* hash of both ends -> sock_info */
	struct hashmap inet_bound;  /* unconnected UDP: hash of local end ->
				       sock_info */
	struct hashmap tcp_listening; /* local port -> a listening TCP socket */
	struct hashmap
		unix_pending; /* unix socket not accepted -> its listener */
	bool unix_pending_indexed;
	bool inet_indexed;
	pid_t *askers; /* processes whose fds are shown */
	size_t naskers;
	bool resolved;
	bool complete;	   /* every process was scanned and readable */
	size_t unreadable; /* processes whose fds could not be read */
	size_t scanned;	   /* processes scanned while resolving */
};

void snapshot_init(struct snapshot *snap, const struct procfs *fs);
void snapshot_release(struct snapshot *snap);

/* The socket with this inode (dumps sockets on first use); NULL when the
 * kernel does not know it (another network namespace) or the dump failed
 * (snap->socks_err). */
const struct sock_info *snapshot_socket(struct snapshot *snap, uint64_t ino);
/* The socket ino held by pid: looked up in pid's network namespace, which
 * is dumped on first use when it is not dscope's own (needs root). */
const struct sock_info *snapshot_socket_of(struct snapshot *snap, pid_t pid,
					   uint64_t ino);
/* Why pid's sockets are unknown: 0, or -errno of its namespace's dump
 * (-EPERM: another network namespace without privilege). */
int snapshot_socket_error(struct snapshot *snap, pid_t pid);

/* The other end of a TCP/UDP socket on this machine: the socket whose
 * local address is s's remote one and the other way round, or for a
 * connected UDP socket an unconnected one bound to its remote address (a
 * UDP server answers from one socket); NULL when none (a remote peer, or
 * not connected). */
const struct sock_info *snapshot_inet_peer(struct snapshot *snap,
					   const struct sock_info *s);

/* Whether a and b are the two ends of one TCP/UDP connection. */
bool sock_info_inet_pair(const struct sock_info *a, const struct sock_info *b);

/* A socket as something saw it (a tracer, at a call), copied: it stands
 * for the kernel's view of that inode, which is later and may be gone.
 * Add before any peer lookup. */
void snapshot_add_seen_socket(struct snapshot *snap,
			      const struct sock_info *si);
/* Whether s is a socket of dscope's own network namespace (as the
 * kernel or a tracer told it), which the address indexes hold. */
bool snapshot_socket_is_own(const struct snapshot *snap,
			    const struct sock_info *s);

/* The listening unix socket whose queue holds s, a connection it has not
 * accepted yet (s then has no peer inode); NULL otherwise. */
const struct sock_info *snapshot_unix_acceptor(struct snapshot *snap,
					       const struct sock_info *s);

/* Whether s is the server end of its connection: a UDP socket connected
 * to no one, or a TCP socket on the port of a listening one (accepted). */
bool snapshot_inet_is_server(struct snapshot *snap, const struct sock_info *s);

/* The key of an endpoint. */
uint64_t snapshot_key(enum endpoint_kind kind, uint64_t value);
uint64_t snapshot_path_key(const char *path);

/* Asks for the holders of an endpoint. For paths, dev/ino identify the
 * file (a path may name another file in another mount namespace). */
void snapshot_want(struct snapshot *snap, uint64_t key);
/* For a pipe or FIFO end of mode own_mode: the search goes on until a
 * holder with the opposite direction is found (a sibling holding the same
 * end is no answer). */
void snapshot_want_end(struct snapshot *snap, uint64_t key, unsigned own_mode);
/* Like snapshot_want, for endpoints that usually have no other holder
 * (an eventfd is rarely shared): holders seen on the way are recorded,
 * but the search does not go on for them. */
void snapshot_want_optional(struct snapshot *snap, uint64_t key);
/* The mounts as pid sees them (read once per mount namespace), or NULL. */
const struct mount_table *snapshot_mounts(struct snapshot *snap, pid_t pid);
/* Records pid's controlling terminal (tty_nr of stat); -1 when unknown. */
void snapshot_set_tty(struct snapshot *snap, pid_t pid, int tty_nr);
int snapshot_tty(const struct snapshot *snap, pid_t pid);

/* Counts a process whose fds could not be read (its endpoints are
 * unknown, so the peers are not complete). */
void snapshot_note_unreadable(struct snapshot *snap);

/* Seeds the command-name cache (the caller read it already). */
void snapshot_set_comm(struct snapshot *snap, pid_t pid, const char *comm);
void snapshot_want_path(struct snapshot *snap, const char *path, uint64_t dev,
			uint64_t ino);
/* Marks pid as a process whose own fds are being shown. */
void snapshot_add_asker(struct snapshot *snap, pid_t pid);

/* Finds holders for everything wanted. Returns 0 or -errno when /proc
 * cannot be listed. */
int snapshot_resolve(struct snapshot *snap);
/* The whole round for the fds of one process: each asks for its
 * endpoints, they are resolved, each links its peers and prefetches what
 * it shows. */
void snapshot_link_fds(struct snapshot *snap, struct fd *fds, size_t n);
/* Records every endpoint of every process (no early stop). */
int snapshot_scan_all(struct snapshot *snap);
/* Resolves from the registered fd tables alone (their self_key), for
 * when they cover every process: nothing is read twice. */
void snapshot_index_tables(struct snapshot *snap);

/* The key a link target stands for ("pipe:[N]", "socket:[N]", a path),
 * 0 for others. */
uint64_t snapshot_target_key(const char *target);

/* Registers the fd table of an asker so classes can look at its other
 * fds (an epoll set describes its targets). The table stays owned by the
 * caller and must outlive the snapshot's use. */
void snapshot_add_fds(struct snapshot *snap, pid_t pid, struct fd *fds,
		      size_t n);
/* The registered fds of pid (sorted by number), or NULL with *n 0. */
const struct fd *snapshot_fds_of(const struct snapshot *snap, pid_t pid,
				 size_t *n);
/* The fd num of pid among the registered tables, or NULL. */
struct fd *snapshot_find_fd(const struct snapshot *snap, pid_t pid, int num);

/* Holders of key (NULL when none was found or it was not wanted). */
const struct endpoint_holders *snapshot_holders(const struct snapshot *snap,
						uint64_t key);
/* Command name of pid (raw bytes), or NULL when it is gone. Cached. */
const char *snapshot_comm(struct snapshot *snap, pid_t pid);

#endif
