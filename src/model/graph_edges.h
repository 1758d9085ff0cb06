/* Inside the graph model: finding or making the edge of a connection, and
 * the edges of each kind of fd. Not for use outside src/model. */
#ifndef DSCOPE_MODEL_GRAPH_EDGES_H
#define DSCOPE_MODEL_GRAPH_EDGES_H

#include "model/fdtab.h"
#include "model/graph.h"

struct snapshot;

/* What identifies an edge: its kind, both ends (node and inode, oriented
 * already) and, for files, the device. */
struct graph_edge_ends {
	enum graph_edge_kind kind;
	size_t from_node, to_node;
	uint64_t from_ino, to_ino;
	uint64_t channel;
};

/* A node per process of g->procs but self and kernel threads. */
void graph_build_nodes(struct graph *g, pid_t self);
/* Sets each node's peers, once the edges are in. */
void graph_count_peers(struct graph *g);

/* The edge with these ends, made (and *created set) when new. */
struct graph_edge *graph_edge_get(struct graph *g,
				  const struct graph_edge_ends *ends,
				  bool *created);
void graph_end_add_fd(struct graph_end *e, int fd);
/* Copies the path into e unless it has one. */
void graph_edge_set_path(struct graph_edge *e, const char *path, size_t len);

/* Edges of the fds that have peers: sockets, pipes, FIFOs, eventfds.
 * tables[i] holds the fds of node i. */
void graph_add_fd_edges(struct graph *g, struct snapshot *snap,
			const struct fd_table *tables, size_t n);
/* Edges between processes writing the same regular file. */
void graph_add_file_edges(struct graph *g, const struct fd_table *tables,
			  size_t n);

#endif
