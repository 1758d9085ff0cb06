/* Who talks to whom: processes as nodes, the connections between them as
 * edges, built from one scan of every process's fds. Collection copies
 * what rendering needs, so a graph outlives the snapshot it came from and
 * rendering reads nothing. */
#ifndef DSCOPE_MODEL_GRAPH_H
#define DSCOPE_MODEL_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "base/hashmap.h"
#include "model/process.h"
#include "model/unit.h"

enum graph_edge_kind {
	GRAPH_UNIX,
	GRAPH_PIPE,
	GRAPH_FIFO,
	GRAPH_TCP,
	GRAPH_UDP,
	GRAPH_EVENTFD,
	GRAPH_FILE, /* a regular file both ends write */
};

/* One end of a connection: a process and the fds through which it holds
 * that end (stdout and stderr are often the same socket). */
struct graph_end {
	size_t node; /* index in graph.nodes */
	int *fds; /* sorted, distinct */
	size_t nfds, afds;
	uint64_t ino; /* socket or pipe inode, eventfd id, file inode */
	char address[48]; /* TCP/UDP: "127.0.0.1", "::1"; "" otherwise */
	uint16_t port;
};

struct graph_edge {
	enum graph_edge_kind kind;
	const char *type; /* unix: "stream", "dgram", "seqpacket"; else NULL */
	char *path; /* unix name, FIFO or file path: raw bytes; NULL when none */
	size_t path_len;
	const char *name; /* the well-known name of the path, or NULL */
	/* Pipes and FIFOs: data flows from to to. Sockets go both ways; from
	 * is the client: the end without a name (unix), not accepted on a
	 * listening port (TCP), connected to a UDP server; else the higher
	 * port. */
	bool directed;
	/* Files: both hold one open file (inherited, with one offset), as
	 * kcmp says; known is false when kcmp could not tell. */
	bool same_open_file, same_open_file_known;
	struct graph_end from, to;
	uint64_t channel; /* with kind and the ends' node and ino: its identity */
	bool shown;
};

struct graph_node {
	const struct process *proc; /* in graph.procs */
	struct unit_name unit;
	const char *group; /* unit name, else cgroup path, else "" */
	size_t *edges; /* indexes in graph.edges */
	size_t nedges, aedges;
	size_t peers; /* distinct processes it talks to */
	int fds_err; /* its fds were unreadable (-EACCES, ...) */
	bool gone; /* exited before its fds were read */

	/* set by the caller before graph_select */
	bool selected; /* a root of the neighbourhood */
	bool expand; /* never folded */

	/* set by graph_select */
	bool hub; /* talks to at least hub_min processes */
	bool folded; /* a hub shown as one node: its clients are not shown */
	bool shown;
	int depth; /* distance from a selected node; -1 when not reached */
	size_t hidden_peers; /* peers not shown */
};

struct graph {
	struct process_table procs;
	struct graph_node *nodes; /* sorted by pid */
	size_t nnodes;
	struct graph_edge *edges;
	size_t nedges, aedges;
	struct hashmap node_of; /* pid -> node index + 1 */
	struct hashmap edge_of; /* edge key -> edge index + 1 */
	size_t unreadable; /* processes whose fds could not be read */
	bool complete; /* every process's fds were read */
};

void graph_init(struct graph *g);
/* Reads every process (fields as for process_table_collect, plus what the
 * graph needs) and their fds, and builds nodes and edges. dscope itself
 * (self) is left out. Returns 0 or -errno when /proc cannot be listed. */
int graph_collect(struct graph *g, const struct procfs *fs, unsigned fields,
		  pid_t self);
void graph_release(struct graph *g);

struct graph_view {
	bool whole_machine; /* no node selected: every connection */
	int depth; /* how far from the selected nodes */
	size_t hub_min; /* processes with this many peers are hubs; 0: none */
};

/* Decides what is shown: the neighbourhood of the selected nodes to
 * depth, or the whole machine; hubs not expanded are folded. */
void graph_select(struct graph *g, const struct graph_view *v);

/* The node of pid, or NULL. */
struct graph_node *graph_node_of(const struct graph *g, pid_t pid);
/* The end of e that is not node n (by index). */
const struct graph_end *graph_other_end(const struct graph_edge *e, size_t n);
const struct graph_end *graph_own_end(const struct graph_edge *e, size_t n);
/* "unix", "pipe", "fifo", "tcp", "udp", "eventfd", "file" */
const char *graph_kind_name(enum graph_edge_kind kind);

#endif
