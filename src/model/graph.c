/* Building the graph: one scan of every process's fds (fdscan), then an
 * edge per connection and pair of processes, keyed so that the two ends
 * seeing each other make one edge. */
#include "model/graph.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "model/fdscan.h"
#include "model/graph_edges.h"
#include "model/snapshot.h"

struct graph_node *graph_node_of(const struct graph *g, pid_t pid)
{
	uintptr_t i = (uintptr_t)hashmap_get(&g->node_of, (uint64_t)pid);

	return i ? &g->nodes[i - 1] : NULL;
}

const struct graph_end *graph_own_end(const struct graph_edge *e, size_t n)
{
	return e->from.node == n ? &e->from : &e->to;
}

const struct graph_end *graph_other_end(const struct graph_edge *e, size_t n)
{
	return e->from.node == n ? &e->to : &e->from;
}

const char *graph_kind_name(enum graph_edge_kind kind)
{
	static const char *const names[] = {
		[GRAPH_UNIX] = "unix",	   [GRAPH_PIPE] = "pipe",
		[GRAPH_FIFO] = "fifo",	   [GRAPH_TCP] = "tcp",
		[GRAPH_UDP] = "udp",	   [GRAPH_EVENTFD] = "eventfd",
		[GRAPH_FILE] = "file",
	};

	return kind < sizeof(names) / sizeof(*names) ? names[kind] : "?";
}

void graph_end_add_fd(struct graph_end *e, int fd)
{
	size_t i = 0;

	while (i < e->nfds && e->fds[i] < fd)
		i++;
	if (i < e->nfds && e->fds[i] == fd)
		return;
	e->fds = xgrow(e->fds, &e->afds, e->nfds + 1, sizeof(*e->fds));
	memmove(e->fds + i + 1, e->fds + i, (e->nfds - i) * sizeof(*e->fds));
	e->fds[i] = fd;
	e->nfds++;
}

static void node_add_edge(struct graph_node *n, size_t edge)
{
	n->edges = xgrow(n->edges, &n->aedges, n->nedges + 1, sizeof(*n->edges));
	n->edges[n->nedges++] = edge;
}

struct edge_lookup {
	const struct graph *g;
	const struct graph_edge_ends *ends;
};

/* For hashmap_probe: whether edge_of's value (index + 1) has these ends. */
static bool same_ends(const void *value, const void *arg)
{
	const struct edge_lookup *l = arg;
	const struct graph_edge *e = &l->g->edges[(uintptr_t)value - 1];
	const struct graph_edge_ends *ends = l->ends;

	return e->kind == ends->kind && e->from.node == ends->from_node &&
	       e->to.node == ends->to_node && e->from.ino == ends->from_ino &&
	       e->to.ino == ends->to_ino && e->channel == ends->channel;
}

struct graph_edge *graph_edge_get(struct graph *g,
				  const struct graph_edge_ends *ends,
				  bool *created)
{
	const struct edge_lookup lookup = { g, ends };
	uint64_t key = HASH_SEED;
	uintptr_t i;
	struct graph_edge *e;

	key = hash_u64(key, ends->kind);
	key = hash_u64(key, ends->from_node);
	key = hash_u64(key, ends->from_ino);
	key = hash_u64(key, ends->to_node);
	key = hash_u64(key, ends->to_ino);
	key = hash_u64(key, ends->channel);
	key = hashmap_probe(&g->edge_of, key, same_ends, &lookup);
	i = (uintptr_t)hashmap_get(&g->edge_of, key);
	*created = !i;
	if (i)
		return &g->edges[i - 1];
	g->edges = xgrow(g->edges, &g->aedges, g->nedges + 1, sizeof(*g->edges));
	e = &g->edges[g->nedges++];
	memset(e, 0, sizeof(*e));
	e->kind = ends->kind;
	e->from.node = ends->from_node;
	e->from.ino = ends->from_ino;
	e->to.node = ends->to_node;
	e->to.ino = ends->to_ino;
	e->channel = ends->channel;
	hashmap_put(&g->edge_of, key, (void *)(uintptr_t)g->nedges);
	node_add_edge(&g->nodes[e->from.node], g->nedges - 1);
	node_add_edge(&g->nodes[e->to.node], g->nedges - 1);
	return e;
}

void graph_edge_set_path(struct graph_edge *e, const char *path, size_t len)
{
	if (e->path || !path || !len)
		return;
	e->path = xmalloc(len + 1);
	memcpy(e->path, path, len);
	e->path[len] = '\0';
	e->path_len = len;
}

void graph_build_nodes(struct graph *g, pid_t self)
{
	g->nodes = xcalloc(g->procs.count ? g->procs.count : 1,
			   sizeof(*g->nodes));
	for (size_t i = 0; i < g->procs.count; i++) {
		const struct process *p = &g->procs.procs[i];
		struct graph_node *n;

		if (p->stat.pid == self || process_is_kernel_thread(p))
			continue;
		n = &g->nodes[g->nnodes];
		n->proc = p;
		n->depth = -1;
		unit_from_cgroup(p->cgroup ? p->cgroup : "", &n->unit);
		n->group = n->unit.name[0] ? n->unit.name
			   : p->cgroup && strcmp(p->cgroup, "/") != 0 ? p->cgroup
								     : "";
		hashmap_put(&g->node_of, (uint64_t)p->stat.pid,
			    (void *)(uintptr_t)++g->nnodes);
	}
}

/* Distinct processes each node talks to. */
void graph_count_peers(struct graph *g)
{
	size_t *seen = xcalloc(g->nnodes ? g->nnodes : 1, sizeof(*seen));

	for (size_t n = 0; n < g->nnodes; n++) {
		struct graph_node *node = &g->nodes[n];

		node->peers = 0;
		for (size_t j = 0; j < node->nedges; j++) {
			size_t m = graph_other_end(&g->edges[node->edges[j]], n)->node;

			if (seen[m] != n + 1) {
				seen[m] = n + 1;
				node->peers++;
			}
		}
	}
	free(seen);
}

int graph_collect(struct graph *g, const struct procfs *fs, unsigned fields,
		  pid_t self)
{
	struct fd_table *tables;
	struct snapshot snap;
	int err;

	graph_init(g);
	err = process_table_collect(fs, fields | PROCESS_CMDLINE | PROCESS_CGROUP,
				    &g->procs);
	if (err)
		return err;
	graph_build_nodes(g, self);
	tables = xcalloc(g->nnodes ? g->nnodes : 1, sizeof(*tables));
	for (size_t i = 0; i < g->nnodes; i++) {
		tables[i].pid = g->nodes[i].proc->stat.pid;
		tables[i].starttime = g->nodes[i].proc->stat.starttime;
	}
	fd_scan_read(fs, tables, g->nnodes, 0);
	snapshot_init(&snap, fs);
	for (size_t i = 0; i < g->nnodes; i++) {
		struct graph_node *n = &g->nodes[i];

		n->gone = tables[i].err == -ENOENT;
		n->fds_err = n->gone ? 0 : tables[i].err;
		if (n->fds_err)
			g->unreadable++;
		snapshot_set_comm(&snap, n->proc->stat.pid, n->proc->stat.comm);
	}
	fd_scan_link(&snap, tables, g->nnodes, true);
	graph_add_fd_edges(g, &snap, tables, g->nnodes);
	graph_add_file_edges(g, tables, g->nnodes);
	g->complete = !g->unreadable;
	snapshot_release(&snap);
	for (size_t i = 0; i < g->nnodes; i++)
		fd_table_release(&tables[i]);
	free(tables);
	graph_count_peers(g);
	return 0;
}

void graph_init(struct graph *g)
{
	memset(g, 0, sizeof(*g));
	hashmap_init(&g->node_of);
	hashmap_init(&g->edge_of);
}

void graph_release(struct graph *g)
{
	for (size_t i = 0; i < g->nedges; i++) {
		free(g->edges[i].from.fds);
		free(g->edges[i].to.fds);
		free(g->edges[i].path);
	}
	for (size_t i = 0; i < g->nnodes; i++)
		free(g->nodes[i].edges);
	free(g->edges);
	free(g->nodes);
	hashmap_release(&g->node_of);
	hashmap_release(&g->edge_of);
	process_table_release(&g->procs);
	memset(g, 0, sizeof(*g));
}
