/* Rendering a graph (model/graph.h) as text, JSON or DOT. Renderers read
 * only the graph: what is shown was decided by graph_select. */
#ifndef DSCOPE_RENDER_GRAPH_RENDER_H
#define DSCOPE_RENDER_GRAPH_RENDER_H

#include <stdbool.h>
#include <stdio.h>

#include "base/strbuf.h"
#include "model/graph.h"
#include "render/sink.h"

struct graph_text_options {
	bool color;
	bool whole_machine;
	int depth;
};

/* A tree per unit: its processes, each with its connections. */
void graph_render_text(const struct graph *g,
		       const struct graph_text_options *o, struct strbuf *out);
/* {"nodes": [...], "edges": [...], ...} (the schema is in dscope.1). */
void graph_render_json(const struct graph *g, struct sink *s);
/* A digraph for Graphviz, a cluster per unit. */
void graph_render_dot(const struct graph *g, struct strbuf *out);

/* Shared by the renderers. */
/* Shown nodes ordered by group (the selected processes' first), then
 * by depth and pid; returns how many (free *out). */
size_t graph_shown_order(const struct graph *g, size_t **out);
/* "unix stream", "tcp", "pipe", ... */
void graph_put_kind(const struct graph_edge *e, struct strbuf *out);
/* What the edge connects through, escaped: a socket path with its
 * well-known name, addresses, a file path; nothing for plain pipes. */
void graph_put_detail(const struct graph_edge *e, struct strbuf *out);
/* "1,2" */
void graph_put_fds(const struct graph_end *end, struct strbuf *out);
/* "comm [pid]", escaped. */
void graph_put_node(const struct graph_node *n, struct strbuf *out);

#endif
