/* What a graph shows: hubs folded into one node each, and either every
 * connection of the machine or the neighbourhood of the selected
 * processes, found breadth first. */
#include <stdlib.h>

#include "base/xalloc.h"
#include "model/graph.h"

static void mark_hubs(struct graph *g, size_t hub_min)
{
	for (size_t i = 0; i < g->nnodes; i++) {
		struct graph_node *n = &g->nodes[i];

		n->hub = hub_min && n->peers >= hub_min;
		n->folded = n->hub && !n->expand && !n->selected;
	}
}

/* Breadth first from the selected nodes; a folded hub is reached but not
 * gone through (its clients are not this neighbourhood). */
static void reach(struct graph *g, int depth)
{
	size_t *queue = xcalloc(g->nnodes ? g->nnodes : 1, sizeof(*queue));
	size_t head = 0, tail = 0;

	for (size_t i = 0; i < g->nnodes; i++)
		if (g->nodes[i].selected && !g->nodes[i].gone) {
			g->nodes[i].depth = 0;
			queue[tail++] = i;
		}
	while (head < tail) {
		size_t n = queue[head++];
		struct graph_node *node = &g->nodes[n];

		if (node->depth >= depth || node->folded)
			continue;
		for (size_t j = 0; j < node->nedges; j++) {
			size_t m = graph_other_end(&g->edges[node->edges[j]], n)->node;

			if (g->nodes[m].depth < 0) {
				g->nodes[m].depth = node->depth + 1;
				queue[tail++] = m;
			}
		}
	}
	free(queue);
}

static bool edge_shown(const struct graph *g, const struct graph_edge *e,
		       bool whole_machine)
{
	const struct graph_node *a = &g->nodes[e->from.node];
	const struct graph_node *b = &g->nodes[e->to.node];

	if (whole_machine)
		return !a->folded && !b->folded;
	return a->depth >= 0 && b->depth >= 0;
}

/* Peers each shown node has that are not shown (a folded hub's clients,
 * the neighbours past --depth), and its edges to folded hubs. */
static void count_hidden(struct graph *g)
{
	size_t *seen = xcalloc(g->nnodes ? g->nnodes : 1, sizeof(*seen));

	for (size_t n = 0; n < g->nnodes; n++) {
		struct graph_node *node = &g->nodes[n];

		if (!node->shown)
			continue;
		for (size_t j = 0; j < node->nedges; j++) {
			const struct graph_edge *e = &g->edges[node->edges[j]];
			size_t m = graph_other_end(e, n)->node;

			if (!e->shown && g->nodes[m].folded && !node->folded)
				node->folded_edges++;
			if (e->shown || seen[m] == n + 1)
				continue;
			seen[m] = n + 1;
			node->hidden_peers++;
		}
	}
	free(seen);
}

void graph_select(struct graph *g, const struct graph_view *v)
{
	mark_hubs(g, v->hub_min);
	if (!v->whole_machine)
		reach(g, v->depth);
	for (size_t i = 0; i < g->nedges; i++) {
		struct graph_edge *e = &g->edges[i];

		e->shown = edge_shown(g, e, v->whole_machine);
		if (e->shown)
			g->nodes[e->from.node].shown = g->nodes[e->to.node].shown = true;
	}
	for (size_t i = 0; i < g->nnodes; i++) {
		struct graph_node *n = &g->nodes[i];

		if (v->whole_machine)
			n->shown |= n->folded;
		else
			n->shown = n->depth >= 0;
	}
	count_hidden(g);
}
