/* The graph as JSON: the shown nodes and edges with typed fields. */
#include <stdlib.h>
#include <string.h>

#include "fd/fd.h"
#include "render/graph_render.h"

static void emit_node(const struct graph_node *n, struct sink *s)
{
	const struct process *p = n->proc;

	sink_begin_object(s, NULL);
	sink_i64(s, "pid", p->stat.pid);
	sink_str(s, "comm", p->stat.comm, strlen(p->stat.comm));
	if (p->cmdline && p->cmdline_len)
		sink_str(s, "command", p->cmdline, p->cmdline_len);
	else
		sink_null(s, "command");
	if (n->unit.kind != UNIT_NONE) {
		sink_cstr(s, "unit", n->unit.name);
		sink_cstr(s, "unit_kind", unit_kind_name(n->unit.kind));
	} else {
		sink_null(s, "unit");
		sink_null(s, "unit_kind");
	}
	sink_cstr(s, "cgroup", p->cgroup);
	sink_cstr(s, "group", n->group);
	sink_bool(s, "selected", n->selected);
	if (n->depth >= 0)
		sink_i64(s, "depth", n->depth);
	else
		sink_null(s, "depth");
	sink_u64(s, "peers", n->peers);
	sink_u64(s, "hidden_peers", n->hidden_peers);
	sink_bool(s, "hub", n->hub);
	sink_bool(s, "folded", n->folded);
	if (n->fds_err)
		sink_cstr(s, "error", fd_error_text(n->fds_err));
	sink_end_object(s);
}

static void emit_end(const struct graph *g, const struct graph_edge *e,
		     const struct graph_end *end, const char *key,
		     struct sink *s)
{
	const struct graph_node *n = &g->nodes[end->node];

	sink_begin_object(s, key);
	sink_i64(s, "pid", n->proc->stat.pid);
	sink_str(s, "comm", n->proc->stat.comm, strlen(n->proc->stat.comm));
	sink_begin_array(s, "fds");
	for (size_t i = 0; i < end->nfds; i++)
		sink_i64(s, NULL, end->fds[i]);
	sink_end_array(s);
	if (e->kind == GRAPH_EVENTFD)
		sink_u64(s, "eventfd_id", end->ino);
	else
		sink_u64(s, "inode", end->ino);
	if (e->kind == GRAPH_TCP || e->kind == GRAPH_UDP) {
		sink_cstr(s, "address", *end->address ? end->address : NULL);
		sink_u64(s, "port", end->port);
	}
	sink_end_object(s);
}

static void emit_edge(const struct graph *g, const struct graph_edge *e,
		      struct sink *s)
{
	sink_begin_object(s, NULL);
	sink_cstr(s, "kind", graph_kind_name(e->kind));
	sink_cstr(s, "type", e->type);
	if (e->path)
		sink_str(s, "path", e->path, e->path_len);
	else
		sink_null(s, "path");
	sink_cstr(s, "name", e->name);
	sink_bool(s, "directed", e->directed);
	if (e->kind == GRAPH_FILE) {
		if (e->same_open_file_known)
			sink_bool(s, "same_open_file", e->same_open_file);
		else
			sink_null(s, "same_open_file");
	}
	emit_end(g, e, &e->from, "from", s);
	emit_end(g, e, &e->to, "to", s);
	sink_end_object(s);
}

void graph_render_json(const struct graph *g, struct sink *s)
{
	size_t *order, n = graph_shown_order(g, &order);

	sink_begin_object(s, NULL);
	sink_begin_array(s, "nodes");
	for (size_t i = 0; i < n; i++)
		emit_node(&g->nodes[order[i]], s);
	sink_end_array(s);
	sink_begin_array(s, "edges");
	for (size_t i = 0; i < g->nedges; i++)
		if (g->edges[i].shown)
			emit_edge(g, &g->edges[i], s);
	sink_end_array(s);
	sink_u64(s, "processes", g->nnodes);
	sink_u64(s, "unreadable", g->unreadable);
	sink_bool(s, "complete", g->complete);
	sink_end_object(s);
	free(order);
}
