/* The graph as DOT for Graphviz: a cluster per unit, a box per process,
 * one line per kind of connection between two processes (with a count
 * when there are several). Every string is escaped twice: for the
 * terminal rules of escape_text, then for DOT's quoted strings. */
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/hashmap.h"
#include "base/xalloc.h"
#include "render/graph_render.h"

/* Appends escaped text as the inside of a DOT quoted string: escape_text
 * output has backslashes, which DOT would read as its own escapes. It
 * never has a newline, so a newline is one dscope put: DOT's line break. */
static void put_quoted(struct strbuf *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n') {
			strbuf_adds(out, "\\n");
			continue;
		}
		if (s[i] == '"' || s[i] == '\\')
			strbuf_addc(out, '\\');
		strbuf_addc(out, s[i]);
	}
}

static void put_label(struct strbuf *out, const struct strbuf *text)
{
	strbuf_adds(out, "label=\"");
	put_quoted(out, strbuf_str(text), text->len);
	strbuf_addc(out, '"');
}

static void put_node(const struct graph_node *n, struct strbuf *out,
		     const char *indent)
{
	struct strbuf label = STRBUF_INIT;
	const char *comm = n->proc->stat.comm;

	escape_text(&label, comm, strlen(comm), 0);
	strbuf_addf(&label, "\n%d", (int)n->proc->stat.pid);
	if (n->folded)
		strbuf_addf(&label, "\nhub: %zu clients", n->peers);
	strbuf_addf(out, "%sp%d [", indent, (int)n->proc->stat.pid);
	put_label(out, &label);
	if (n->hub)
		strbuf_adds(out, ", style=\"rounded,bold\"");
	if (n->selected)
		strbuf_adds(out, ", penwidth=2");
	strbuf_adds(out, "];\n");
	strbuf_release(&label);
}

static void put_nodes(const struct graph *g, struct strbuf *out)
{
	size_t *order, n = graph_shown_order(g, &order);
	size_t cluster = 0;

	for (size_t i = 0; i < n;) {
		const char *group = g->nodes[order[i]].group;
		size_t end = i;

		while (end < n && strcmp(g->nodes[order[end]].group, group) == 0)
			end++;
		if (*group) {
			struct strbuf label = STRBUF_INIT;

			escape_text(&label, group, strlen(group), 0);
			strbuf_addf(out, "\tsubgraph cluster_%zu {\n\t\t", cluster++);
			put_label(out, &label);
			strbuf_adds(out, ";\n\t\tstyle=dashed;\n");
			strbuf_release(&label);
		}
		for (; i < end; i++)
			put_node(&g->nodes[order[i]], out, *group ? "\t\t" : "\t");
		if (*group)
			strbuf_adds(out, "\t}\n");
	}
	free(order);
}

/* Edges drawn as one line: same ends, kind and path. */
struct line {
	const struct graph_edge *e;
	size_t count;
};

static bool same_line(const struct graph_edge *a, const struct graph_edge *b)
{
	return a->from.node == b->from.node && a->to.node == b->to.node &&
	       a->kind == b->kind && a->directed == b->directed &&
	       a->path_len == b->path_len &&
	       (!a->path_len || memcmp(a->path, b->path, a->path_len) == 0);
}

struct line_lookup {
	const struct line *lines;
	const struct graph_edge *e;
};

/* For hashmap_probe: whether the line (index + 1) is the edge's. */
static bool is_line_of(const void *value, const void *arg)
{
	const struct line_lookup *l = arg;

	return same_line(l->lines[(uintptr_t)value - 1].e, l->e);
}

static uint64_t line_key(const struct line *lines, const struct hashmap *index,
			 const struct graph_edge *e)
{
	const struct line_lookup lookup = { lines, e };
	uint64_t h = HASH_SEED;

	h = hash_u64(h, e->from.node);
	h = hash_u64(h, e->to.node);
	h = hash_u64(h, e->kind);
	h = hash_u64(h, e->directed);
	h = hash_bytes(h, e->path, e->path_len);
	return hashmap_probe(index, h, is_line_of, &lookup);
}

static void put_line(const struct graph *g, const struct line *l,
		     struct strbuf *out)
{
	const struct graph_edge *e = l->e;
	struct strbuf label = STRBUF_INIT;

	size_t kind_len;

	graph_put_kind(e, &label);
	if (l->count > 1)
		strbuf_addf(&label, " ×%zu", l->count);
	/* the detail, if any, on a second line */
	strbuf_addc(&label, '\n');
	kind_len = label.len;
	graph_put_detail(e, &label);
	if (label.len == kind_len)
		strbuf_setlen(&label, kind_len - 1);
	strbuf_addf(out, "\tp%d -> p%d [",
		    (int)g->nodes[e->from.node].proc->stat.pid,
		    (int)g->nodes[e->to.node].proc->stat.pid);
	put_label(out, &label);
	if (!e->directed)
		strbuf_adds(out, ", dir=none");
	if (e->kind == GRAPH_FILE || e->kind == GRAPH_EVENTFD)
		strbuf_adds(out, ", style=dashed");
	strbuf_adds(out, "];\n");
	strbuf_release(&label);
}

static void put_edges(const struct graph *g, struct strbuf *out)
{
	struct line *lines = xcalloc(g->nedges ? g->nedges : 1, sizeof(*lines));
	struct hashmap index;
	size_t n = 0;

	hashmap_init(&index);
	for (size_t i = 0; i < g->nedges; i++) {
		const struct graph_edge *e = &g->edges[i];
		uint64_t key;
		uintptr_t at;

		if (!e->shown)
			continue;
		key = line_key(lines, &index, e);
		at = (uintptr_t)hashmap_get(&index, key);
		if (at) {
			lines[at - 1].count++;
			continue;
		}
		lines[n] = (struct line){ e, 1 };
		hashmap_put(&index, key, (void *)(uintptr_t)++n);
	}
	for (size_t i = 0; i < n; i++)
		put_line(g, &lines[i], out);
	hashmap_release(&index);
	free(lines);
}

void graph_render_dot(const struct graph *g, struct strbuf *out)
{
	strbuf_adds(out, "digraph dscope {\n"
			 "\tgraph [rankdir=LR, fontsize=10];\n"
			 "\tnode [shape=box, style=rounded, fontsize=10];\n"
			 "\tedge [fontsize=9];\n");
	put_nodes(g, out);
	put_edges(g, out);
	strbuf_adds(out, "}\n");
}
