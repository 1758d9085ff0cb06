/* The graph model on a graph built by hand: one edge per connection and
 * pair, hub folding, neighbourhoods by depth, and what the renderers make
 * of it (hostile names in DOT, arrows in text, typed JSON). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "model/graph.h"
#include "fd/fd.h"
#include "model/graph_edges.h"
#include "model/snapshot.h"
#include "render/graph_render.h"
#include "render/sink_json.h"

enum { HUB = 0, C1 = 1, C2 = 2, NCLIENTS = 12 };

/* Processes 100 (the hub), 101..112 (its clients); comm of 101 given. */
static void make_graph(struct graph *g, const char *comm101)
{
	graph_init(g);
	g->procs.count = 1 + NCLIENTS;
	g->procs.procs = xcalloc(g->procs.count, sizeof(*g->procs.procs));
	for (size_t i = 0; i < g->procs.count; i++) {
		struct process *p = &g->procs.procs[i];

		p->stat.pid = (pid_t)(100 + i);
		snprintf(p->stat.comm, sizeof(p->stat.comm), "%s",
			 i == 0 ? "hubd" : i == 1 && comm101 ? comm101 : "client");
	}
	graph_build_nodes(g, 0);
	g->complete = true;
}

static struct graph_edge *add(struct graph *g, enum graph_edge_kind kind,
			      size_t from, int from_fd, size_t to, int to_fd,
			      uint64_t ino)
{
	/* a socket's ends are two inodes, a pipe's one */
	struct graph_edge_ends ends = { kind, from, to, ino,
					ino + (kind != GRAPH_PIPE), 0 };
	bool created;
	struct graph_edge *e = graph_edge_get(g, &ends, &created);

	e->directed = kind == GRAPH_PIPE;
	graph_end_add_fd(&e->from, from_fd);
	graph_end_add_fd(&e->to, to_fd);
	return e;
}

/* Every client talks to the hub; client 1 writes a pipe to client 2. */
static void make_star(struct graph *g, const char *comm101)
{
	make_graph(g, comm101);
	for (size_t c = 1; c <= NCLIENTS; c++) {
		struct graph_edge *e = add(g, GRAPH_UNIX, c, 3, HUB, (int)(10 + c), 1000 + 2 * c);

		e->type = "stream";
		graph_edge_set_path(e, "/run/hub.sock", 13);
	}
	add(g, GRAPH_PIPE, C1, 1, C2, 0, 5000);
	graph_count_peers(g);
}

static void one_edge_per_connection(void **state)
{
	struct graph g;
	struct graph_edge *a, *b;

	(void)state;
	make_graph(&g, NULL);
	/* seen from both ends, and through a second fd of the same end */
	a = add(&g, GRAPH_UNIX, C1, 4, C2, 7, 900);
	b = add(&g, GRAPH_UNIX, C1, 2, C2, 7, 900);
	assert_ptr_equal(a, b);
	assert_int_equal(g.nedges, 1);
	assert_int_equal(a->from.nfds, 2);
	assert_int_equal(a->from.fds[0], 2);
	assert_int_equal(a->from.fds[1], 4);
	assert_int_equal(a->to.nfds, 1);
	/* another connection between the same two processes is another edge */
	add(&g, GRAPH_UNIX, C1, 5, C2, 8, 902);
	assert_int_equal(g.nedges, 2);
	graph_count_peers(&g);
	assert_int_equal(g.nodes[C1].peers, 1);
	graph_release(&g);
}

/* One fd of a canned table: a pipe end with its mode and one peer. */
static void pipe_fd(struct fd *fd, pid_t owner, int num, unsigned mode,
		    pid_t peer, int peer_num)
{
	memset(fd, 0, sizeof(*fd));
	fd->owner = owner;
	fd->num = num;
	fd->target = xstrdup("pipe:[4711]");
	fd->cls = &fd_class_pipe;
	fd->mode = mode;
	fd->has_mode = mode != 0;
	fd_add_peer(fd, peer, peer_num, 0);
}

/* The real edge builder on canned tables: both ends of a pipe, whatever
 * each knows of its mode, make one edge from the writer. */
static void pipe_seen_from_both_ends(void **state)
{
	static const unsigned modes[][2] = {
		{ FD_WRITE, FD_READ }, /* both known */
		{ 0, FD_READ }, /* the writer's mode unknown */
		{ FD_WRITE, 0 }, /* the reader's */
		{ FD_READ | FD_WRITE, FD_READ }, /* a writer open both ways */
	};

	(void)state;
	for (size_t m = 0; m < sizeof(modes) / sizeof(*modes); m++) {
		/* tables[i] holds the fds of node i: pid 100 has none */
		struct fd_table tables[3] = { { .pid = 100 },
					      { .pid = 101, .count = 1 },
					      { .pid = 102, .count = 1 } };
		struct snapshot snap;
		struct graph g;

		make_graph(&g, NULL);
		snapshot_init(&snap, NULL);
		for (size_t t = 1; t <= 2; t++) {
			tables[t].fds = xcalloc(1, sizeof(struct fd));
			snapshot_add_fds(&snap, tables[t].pid, tables[t].fds, 1);
		}
		pipe_fd(&tables[1].fds[0], 101, 1, modes[m][0], 102, 0);
		pipe_fd(&tables[2].fds[0], 102, 0, modes[m][1], 101, 1);
		graph_add_fd_edges(&g, &snap, tables, 3);
		assert_int_equal(g.nedges, 1);
		assert_true(g.edges[0].directed);
		assert_int_equal(g.edges[0].from.node, C1);
		assert_int_equal(g.edges[0].to.node, C2);
		assert_int_equal(g.edges[0].from.ino, 4711);
		assert_int_equal(g.edges[0].from.fds[0], 1);
		assert_int_equal(g.edges[0].to.fds[0], 0);
		snapshot_release(&snap);
		for (size_t t = 1; t <= 2; t++) {
			fd_release(&tables[t].fds[0]);
			free(tables[t].fds);
		}
		graph_release(&g);
	}
}

static void whole_machine_folds_hubs(void **state)
{
	struct graph_view v = { .whole_machine = true, .depth = 1, .hub_min = 10 };
	struct graph g;

	(void)state;
	make_star(&g, NULL);
	graph_select(&g, &v);
	assert_true(g.nodes[HUB].hub);
	assert_true(g.nodes[HUB].folded);
	assert_true(g.nodes[HUB].shown);
	assert_int_equal(g.nodes[HUB].peers, NCLIENTS);
	/* clients that talk to nothing else are not shown; those that do
	 * are, with their edge to the hub */
	assert_int_equal(g.nodes[HUB].hidden_peers, NCLIENTS - 2);
	assert_true(g.nodes[C1].shown && g.nodes[C2].shown);
	assert_false(g.nodes[3].shown);
	for (size_t i = 0; i < g.nedges; i++) {
		const struct graph_edge *e = &g.edges[i];

		assert_int_equal(e->shown, e->kind == GRAPH_PIPE || e->from.node <= C2);
	}
	assert_int_equal(g.nodes[C1].hidden_peers, 0);
	graph_release(&g);

	/* selecting again starts afresh */
	make_star(&g, NULL);
	graph_select(&g, &v);
	graph_select(&g, &v);
	assert_int_equal(g.nodes[HUB].hidden_peers, NCLIENTS - 2);
	graph_count_peers(&g);
	assert_int_equal(g.nodes[HUB].peers, NCLIENTS);
	graph_release(&g);

	/* below the threshold nothing folds */
	v.hub_min = NCLIENTS + 1;
	make_star(&g, NULL);
	graph_select(&g, &v);
	assert_false(g.nodes[HUB].hub);
	for (size_t i = 0; i < g.nedges; i++)
		assert_true(g.edges[i].shown);
	graph_release(&g);

	/* --hub-min 0: never */
	v.hub_min = 0;
	make_star(&g, NULL);
	graph_select(&g, &v);
	assert_false(g.nodes[HUB].folded);
	graph_release(&g);
}

static void neighbourhood_stops_at_folded_hubs(void **state)
{
	struct graph_view v = { .whole_machine = false, .depth = 1, .hub_min = 10 };
	struct graph g;

	(void)state;
	make_star(&g, NULL);
	g.nodes[C1].selected = true;
	graph_select(&g, &v);
	assert_int_equal(g.nodes[C1].depth, 0);
	assert_int_equal(g.nodes[C2].depth, 1);
	assert_int_equal(g.nodes[HUB].depth, 1);
	assert_true(g.nodes[HUB].folded);
	assert_int_equal(g.nodes[HUB].hidden_peers, NCLIENTS - 2);
	assert_int_equal(g.nodes[3].depth, -1);
	/* the edges among reached nodes: C1-C2, C1-hub, C2-hub */
	size_t shown = 0;
	for (size_t i = 0; i < g.nedges; i++)
		shown += g.edges[i].shown;
	assert_int_equal(shown, 3);
	graph_release(&g);

	/* even at depth 2, a folded hub is not gone through */
	v.depth = 2;
	make_star(&g, NULL);
	g.nodes[C1].selected = true;
	graph_select(&g, &v);
	assert_int_equal(g.nodes[3].depth, -1);
	graph_release(&g);

	/* expanded, it is */
	make_star(&g, NULL);
	g.nodes[C1].selected = true;
	g.nodes[HUB].expand = true;
	graph_select(&g, &v);
	assert_false(g.nodes[HUB].folded);
	assert_int_equal(g.nodes[3].depth, 2);
	graph_release(&g);

	/* depth 0: the selected process alone */
	v.depth = 0;
	make_star(&g, NULL);
	g.nodes[C1].selected = true;
	graph_select(&g, &v);
	assert_int_equal(g.nodes[C2].depth, -1);
	assert_int_equal(g.nodes[C1].hidden_peers, 2);
	graph_release(&g);

	/* a selected hub is never folded */
	v.depth = 1;
	make_star(&g, NULL);
	g.nodes[HUB].selected = true;
	graph_select(&g, &v);
	assert_false(g.nodes[HUB].folded);
	assert_int_equal(g.nodes[NCLIENTS].depth, 1);
	graph_release(&g);
}

static void dot_escapes_hostile_names(void **state)
{
	struct graph_view v = { .whole_machine = true, .hub_min = 0 };
	struct strbuf out = STRBUF_INIT;
	struct graph g;

	(void)state;
	make_star(&g, "a\"b\\c\x1b]0;x");
	graph_select(&g, &v);
	graph_render_dot(&g, &out);
	/* escape_text makes a"b\\c\e]0;x; DOT quoting doubles backslashes */
	assert_non_null(strstr(out.buf, "p101 [label=\"a\\\"b\\\\\\\\c\\\\e]0;x\\n101\""));
	assert_null(strchr(out.buf, '\x1b'));
	assert_non_null(strstr(out.buf, "p101 -> p102 [label=\"pipe\"];"));
	assert_non_null(strstr(out.buf, "p101 -> p100 [label=\"unix stream\\n/run/hub.sock\", dir=none];"));
	assert_int_equal(out.buf[out.len - 2], '}');
	strbuf_release(&out);
	graph_release(&g);
}

static void text_shows_directions(void **state)
{
	struct graph_view v = { .whole_machine = true, .hub_min = 10 };
	struct graph_text_options o = { .whole_machine = true };
	struct strbuf out = STRBUF_INIT;
	struct graph g;

	(void)state;
	make_star(&g, NULL);
	graph_select(&g, &v);
	graph_render_text(&g, &o, &out);
	assert_non_null(strstr(out.buf, "  hubd [100]  hub: 12 clients, 10 not shown (--expand hubd lists them)\n"
				    "    fd 11  unix stream ↔ client [101] fd 3  /run/hub.sock\n"));
	assert_non_null(strstr(out.buf, "    fd 1  pipe        → client [102] fd 0\n"));
	assert_non_null(strstr(out.buf, "    fd 0  pipe        ← client [101] fd 1\n"));
	assert_non_null(strstr(out.buf, "    fd 3  unix stream ↔ hubd [100] fd 11  /run/hub.sock  (hub, folded)\n"));
	assert_non_null(strstr(out.buf, "3 of 13 processes, 3 connections, 1 hub folded\n"));
	strbuf_release(&out);
	graph_release(&g);
}

static void json_is_typed(void **state)
{
	struct graph_view v = { .whole_machine = true, .hub_min = 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct sink *s = sink_json_new(f, false);
	struct graph g;

	(void)state;
	make_star(&g, NULL);
	graph_select(&g, &v);
	graph_render_json(&g, s);
	assert_int_equal(sink_finish(s), 0);
	sink_free(s);
	fclose(f);
	assert_non_null(strstr(buf, "{\"kind\":\"pipe\",\"type\":null,\"path\":null,\"name\":null,\"directed\":true,"
				    "\"from\":{\"pid\":101,\"comm\":\"client\",\"fds\":[1],\"inode\":5000},"
				    "\"to\":{\"pid\":102,\"comm\":\"client\",\"fds\":[0],\"inode\":5000}}"));
	assert_non_null(strstr(buf, "\"processes\":13,\"unreadable\":0,\"complete\":true}"));
	free(buf);
	graph_release(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_edge_per_connection),
		cmocka_unit_test(pipe_seen_from_both_ends),
		cmocka_unit_test(whole_machine_folds_hubs),
		cmocka_unit_test(neighbourhood_stops_at_folded_hubs),
		cmocka_unit_test(dot_escapes_hostile_names),
		cmocka_unit_test(text_shows_directions),
		cmocka_unit_test(json_is_typed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
