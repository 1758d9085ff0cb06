#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/xalloc.h"
#include "render/graph_render.h"

/* Nodes by group ("" last), then nearest first, then pid. */
static int order_cmp(const void *pa, const void *pb, void *arg)
{
	const struct graph *g = arg;
	const struct graph_node *a = &g->nodes[*(const size_t *)pa];
	const struct graph_node *b = &g->nodes[*(const size_t *)pb];
	int c;

	if (!*a->group != !*b->group)
		return *a->group ? -1 : 1;
	c = strcmp(a->group, b->group);
	if (c)
		return c;
	if (a->depth != b->depth)
		return a->depth < b->depth ? -1 : 1;
	return a->proc->stat.pid < b->proc->stat.pid ? -1 : 1;
}

/* A run of nodes of one group, placed by its nearest node. */
struct run {
	size_t start, len;
	int depth;
};

static int run_cmp(const void *pa, const void *pb)
{
	const struct run *a = pa, *b = pb;

	if (a->depth != b->depth)
		return a->depth < b->depth ? -1 : 1;
	return a->start < b->start ? -1 : 1; /* keep the group order */
}

/* The groups holding the selected processes come first. */
static void groups_by_depth(const struct graph *g, size_t *order, size_t n)
{
	struct run *runs = xcalloc(n ? n : 1, sizeof(*runs));
	size_t *sorted = xcalloc(n ? n : 1, sizeof(*sorted));
	size_t nruns = 0, at = 0;

	for (size_t i = 0; i < n; i++) {
		const struct graph_node *node = &g->nodes[order[i]];

		if (!i || strcmp(node->group, g->nodes[order[i - 1]].group) != 0)
			runs[nruns++] = (struct run){ i, 0, node->depth };
		runs[nruns - 1].len++;
	}
	qsort(runs, nruns, sizeof(*runs), run_cmp);
	for (size_t r = 0; r < nruns; r++)
		for (size_t i = 0; i < runs[r].len; i++)
			sorted[at++] = order[runs[r].start + i];
	memcpy(order, sorted, n * sizeof(*order));
	free(sorted);
	free(runs);
}

size_t graph_shown_order(const struct graph *g, size_t **out)
{
	size_t n = 0;

	*out = xcalloc(g->nnodes ? g->nnodes : 1, sizeof(**out));
	for (size_t i = 0; i < g->nnodes; i++)
		if (g->nodes[i].shown)
			(*out)[n++] = i;
	qsort_r(*out, n, sizeof(**out), order_cmp, (void *)g);
	groups_by_depth(g, *out, n);
	return n;
}

void graph_put_kind(const struct graph_edge *e, struct strbuf *out)
{
	strbuf_adds(out, graph_kind_name(e->kind));
	if (e->type) {
		strbuf_addc(out, ' ');
		strbuf_adds(out, e->type);
	}
}

static void put_address(const struct graph_end *end, struct strbuf *out)
{
	if (strchr(end->address, ':'))
		strbuf_addf(out, "[%s]:%u", end->address, end->port);
	else
		strbuf_addf(out, "%s:%u", end->address, end->port);
}

void graph_put_detail(const struct graph_edge *e, struct strbuf *out)
{
	if (e->kind == GRAPH_TCP || e->kind == GRAPH_UDP) {
		if (!*e->from.address || !*e->to.address)
			return;
		put_address(&e->from, out);
		strbuf_adds(out, " → ");
		put_address(&e->to, out);
		return;
	}
	if (e->path)
		escape_text(out, e->path, e->path_len, 0);
	if (e->name)
		strbuf_addf(out, "%s(%s)", e->path ? " " : "", e->name);
	if (e->kind == GRAPH_FILE && e->same_open_file)
		strbuf_adds(out, " (one open file, shared offset)");
}

void graph_put_fds(const struct graph_end *end, struct strbuf *out)
{
	for (size_t i = 0; i < end->nfds; i++)
		strbuf_addf(out, "%s%d", i ? "," : "", end->fds[i]);
}

void graph_put_node(const struct graph_node *n, struct strbuf *out)
{
	const char *comm = n->proc->stat.comm;

	escape_text(out, comm, strlen(comm), 0);
	strbuf_addf(out, " [%d]", (int)n->proc->stat.pid);
}
