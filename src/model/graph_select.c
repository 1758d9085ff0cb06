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

/* Whole machine: the edges with no folded end, and the nodes they join;
 * then, for those nodes, their edges to folded hubs too (the hub is one
 * node; only its clients that talk to nothing else stay out). */
static void show_whole_machine(struct graph *g)
{
	for (size_t i = 0; i < g->nedges; i++) {
		struct graph_edge *e = &g->edges[i];

		e->shown = !g->nodes[e->from.node].folded &&
			   !g->nodes[e->to.node].folded;
		if (e->shown)
			g->nodes[e->from.node].shown = g->nodes[e->to.node].shown = true;
	}
	for (size_t i = 0; i < g->nnodes; i++)
		g->nodes[i].shown |= g->nodes[i].folded;
	for (size_t i = 0; i < g->nedges; i++) {
		struct graph_edge *e = &g->edges[i];
		const struct graph_node *a = &g->nodes[e->from.node];
		const struct graph_node *b = &g->nodes[e->to.node];

		if (!e->shown && a->folded != b->folded)
			e->shown = (a->folded ? b : a)->shown;
	}
}

/* A neighbourhood: the nodes reached, and every edge among them. */
static void show_reached(struct graph *g)
{
	for (size_t i = 0; i < g->nnodes; i++)
		g->nodes[i].shown = g->nodes[i].depth >= 0;
	for (size_t i = 0; i < g->nedges; i++) {
		struct graph_edge *e = &g->edges[i];

		e->shown = g->nodes[e->from.node].shown && g->nodes[e->to.node].shown;
	}
}

/* The peers of each shown node that are not shown (a folded hub's
 * clients, the neighbours past --depth). */
static void count_hidden(struct graph *g)
{
	size_t *seen = xcalloc(g->nnodes ? g->nnodes : 1, sizeof(*seen));

	for (size_t n = 0; n < g->nnodes; n++) {
		struct graph_node *node = &g->nodes[n];

		if (!node->shown)
			continue;
		for (size_t j = 0; j < node->nedges; j++) {
			size_t m = graph_other_end(&g->edges[node->edges[j]], n)->node;

			if (g->nodes[m].shown || seen[m] == n + 1)
				continue;
			seen[m] = n + 1;
			node->hidden_peers++;
		}
	}
	free(seen);
}

void graph_select(struct graph *g, const struct graph_view *v)
{
	for (size_t i = 0; i < g->nnodes; i++) {
		g->nodes[i].shown = false;
		g->nodes[i].depth = -1;
		g->nodes[i].hidden_peers = 0;
	}
	mark_hubs(g, v->hub_min);
	if (v->whole_machine) {
		show_whole_machine(g);
	} else {
		reach(g, v->depth);
		show_reached(g);
	}
	count_hidden(g);
}
