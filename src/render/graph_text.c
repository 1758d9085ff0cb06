/* The text graph: per unit, its processes, each with one line per
 * connection:
 *
 *   cups.service
 *     cupsd [812]
 *       fd 1,2  unix stream ↔ systemd-journald [312] fd 14  /run/systemd/journal/stdout (journald stdout stream)
 *       fd 9    pipe        ← notifier [901] fd 1
 */
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/xalloc.h"
#include "fd/fd.h"
#include "render/graph_render.h"

#define BOLD "\033[1m"
#define DIM "\033[2m"
#define RESET "\033[0m"

struct row {
	const struct graph_edge *e;
	int first_fd;
};

static int row_cmp(const void *pa, const void *pb)
{
	const struct row *a = pa, *b = pb;

	return (a->first_fd > b->first_fd) - (a->first_fd < b->first_fd);
}

/* The connections of node n shown in its tree. */
static size_t node_rows(const struct graph *g, size_t n, struct row *rows)
{
	const struct graph_node *node = &g->nodes[n];
	size_t count = 0;

	for (size_t j = 0; j < node->nedges; j++) {
		const struct graph_edge *e = &g->edges[node->edges[j]];
		const struct graph_end *own = graph_own_end(e, n);

		if (!e->shown)
			continue;
		rows[count].e = e;
		rows[count].first_fd = own->nfds ? own->fds[0] : -1;
		count++;
	}
	qsort(rows, count, sizeof(*rows), row_cmp);
	return count;
}

static const char *arrow(const struct graph_edge *e, size_t n)
{
	if (!e->directed)
		return "↔";
	return e->from.node == n ? "→" : "←";
}

static void put_row(const struct graph *g, size_t n, const struct row *r,
		    size_t fd_width, size_t kind_width, bool color,
		    struct strbuf *out)
{
	const struct graph_edge *e = r->e;
	const struct graph_end *other = graph_other_end(e, n);
	const struct graph_node *peer = &g->nodes[other->node];
	size_t start = out->len;

	strbuf_adds(out, "    fd ");
	graph_put_fds(graph_own_end(e, n), out);
	strbuf_addpad(out, ' ', 7 + fd_width + 2 - (out->len - start));
	start = out->len;
	graph_put_kind(e, out);
	strbuf_addpad(out, ' ', kind_width - (out->len - start) + 1);
	strbuf_addf(out, "%s ", arrow(e, n));
	graph_put_node(peer, out);
	strbuf_adds(out, " fd ");
	graph_put_fds(other, out);
	start = out->len;
	strbuf_adds(out, "  ");
	graph_put_detail(e, out);
	if (out->len == start + 2)
		strbuf_setlen(out, start);
	if (peer->folded)
		strbuf_addf(out, "  %s(hub, folded)%s", color ? DIM : "",
			    color ? RESET : "");
	strbuf_addc(out, '\n');
}

static void put_hub_line(const struct graph_node *node, struct strbuf *out)
{
	const char *comm = node->proc->stat.comm;

	strbuf_addf(out, "  hub: %zu clients", node->peers);
	if (node->hidden_peers != node->peers)
		strbuf_addf(out, ", %zu not shown", node->hidden_peers);
	strbuf_adds(out, " (--expand ");
	escape_text(out, comm, strlen(comm), ESCAPE_SPACE);
	strbuf_adds(out, " lists them)");
}

static void put_node(const struct graph *g, size_t n,
		     const struct graph_text_options *o, struct row *rows,
		     struct strbuf *out)
{
	const struct graph_node *node = &g->nodes[n];
	size_t count = node_rows(g, n, rows), fd_width = 0, kind_width = 0;
	struct strbuf cell = STRBUF_INIT;

	strbuf_addf(out, "  %s", o->color ? BOLD : "");
	graph_put_node(node, out);
	strbuf_adds(out, o->color ? RESET : "");
	if (node->folded)
		put_hub_line(node, out);
	if (node->fds_err)
		strbuf_addf(out, "  (its fds are unreadable: %s)",
			    fd_error_text(node->fds_err));
	strbuf_addc(out, '\n');
	for (size_t i = 0; i < count; i++) {
		strbuf_reset(&cell);
		graph_put_fds(graph_own_end(rows[i].e, n), &cell);
		if (cell.len > fd_width)
			fd_width = cell.len;
		strbuf_reset(&cell);
		graph_put_kind(rows[i].e, &cell);
		if (cell.len > kind_width)
			kind_width = cell.len;
	}
	strbuf_release(&cell);
	for (size_t i = 0; i < count; i++)
		put_row(g, n, &rows[i], fd_width, kind_width, o->color, out);
	if (!node->folded && !o->whole_machine && node->hidden_peers)
		strbuf_addf(out, "    + %zu more peer%s (--depth %d)\n",
			    node->hidden_peers, node->hidden_peers == 1 ? "" : "s",
			    o->depth + 1);
}

static void put_footer(const struct graph *g,
		       const struct graph_text_options *o, size_t shown,
		       struct strbuf *out)
{
	size_t hubs = 0, edges = 0;

	for (size_t i = 0; i < g->nnodes; i++)
		hubs += g->nodes[i].shown && g->nodes[i].folded;
	for (size_t i = 0; i < g->nedges; i++)
		edges += g->edges[i].shown;
	if (!shown) {
		strbuf_adds(out, o->whole_machine ? "no process talks to another\n"
						  : "no connections\n");
	} else if (o->whole_machine) {
		strbuf_addf(out, "\n%zu of %zu processes, %zu connection%s",
			    shown, g->nnodes, edges, edges == 1 ? "" : "s");
		if (hubs)
			strbuf_addf(out, ", %zu hub%s folded", hubs,
				    hubs == 1 ? "" : "s");
		strbuf_adds(out, "\n");
	}
}

void graph_render_text(const struct graph *g,
		       const struct graph_text_options *o, struct strbuf *out)
{
	size_t *order, n = graph_shown_order(g, &order);
	size_t max_edges = 0;
	struct row *rows;
	const char *group = NULL;

	for (size_t i = 0; i < n; i++)
		if (g->nodes[order[i]].nedges > max_edges)
			max_edges = g->nodes[order[i]].nedges;
	rows = xcalloc(max_edges ? max_edges : 1, sizeof(*rows));
	for (size_t i = 0; i < n; i++) {
		const struct graph_node *node = &g->nodes[order[i]];

		if (!group || strcmp(group, node->group) != 0) {
			group = node->group;
			strbuf_addf(out, "%s%s", i ? "\n" : "", o->color ? BOLD : "");
			if (*group)
				escape_text(out, group, strlen(group), 0);
			else
				strbuf_adds(out, "(no unit)");
			strbuf_addf(out, "%s\n", o->color ? RESET : "");
		}
		put_node(g, order[i], o, rows, out);
	}
	put_footer(g, o, n, out);
	free(rows);
	free(order);
}
