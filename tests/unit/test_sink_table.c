#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/sink.h"
#include "render/sink_table.h"

static const struct table_column columns[] = {
	{ "pid", "PID", TABLE_RIGHT, NULL },
	{ "user", "USER", TABLE_LEFT, NULL },
	{ "daemon.no_tty", "NOTTY", TABLE_LEFT, NULL },
	{ "fds", "FDS", TABLE_LEFT, NULL },
	{ "cmd", "COMMAND", TABLE_LEFT, NULL },
};

struct table {
	struct table_options opt;
	struct sink *s;
	char *buf;
	size_t len;
};

static void table_open(struct table *t, const struct table_column *cols,
		       size_t ncols)
{
	memset(t, 0, sizeof(*t));
	t->opt.out = open_memstream(&t->buf, &t->len);
	assert_non_null(t->opt.out);
	t->opt.columns = cols;
	t->opt.ncolumns = ncols;
	t->opt.header = true;
}

/* Finishes the sink and returns everything it printed. */
static const char *table_close(struct table *t)
{
	assert_int_equal(sink_finish(t->s), 0);
	sink_free(t->s);
	fclose(t->opt.out);
	return t->buf;
}

static void row(struct sink *s, int64_t pid, const char *user, int no_tty,
		int nfds, const char *cmd, size_t cmd_len)
{
	sink_begin_object(s, NULL);
	sink_i64(s, "pid", pid);
	sink_cstr(s, "user", user); /* NULL: a null field */
	if (no_tty >= 0) {
		sink_begin_object(s, "daemon");
		sink_bool(s, "no_tty", no_tty);
		sink_cstr(s, "session", "leader");
		sink_end_object(s);
	}
	if (nfds >= 0) {
		sink_begin_array(s, "fds");
		for (int i = 0; i < nfds; i++)
			sink_u64(s, NULL, (uint64_t)i);
		sink_end_array(s);
	}
	sink_str(s, "cmd", cmd, cmd_len);
	sink_end_object(s);
}

/* Two rows inside the usual { "processes": [ ... ] } document, with
 * fields outside rows that the table ignores. */
static void two_rows(struct sink *s)
{
	sink_begin_object(s, NULL);
	sink_cstr(s, "pid", "outside any row");
	sink_begin_array(s, "processes");
	row(s, 1, "root", 1, 2, "init", 4);
	row(s, 812, NULL, -1, -1, "a\033b\nc", 5);
	sink_end_array(s);
	sink_u64(s, "count", 2);
	sink_end_object(s);
}

static void test_layout(void **state)
{
	struct table t;

	(void)state;
	table_open(&t, columns, 5);
	t.s = sink_table_new(&t.opt);
	two_rows(t.s);
	assert_string_equal(table_close(&t), "PID USER NOTTY FDS COMMAND\n"
					     "  1 root yes   0,1 init\n"
					     "812 ?    -     -   a\\eb\\nc\n");
	free(t.buf);
}

static void test_no_header(void **state)
{
	struct table t;

	(void)state;
	table_open(&t, columns, 5);
	t.opt.header = false;
	t.s = sink_table_new(&t.opt);
	two_rows(t.s);
	/* Widths now come from the cells alone */
	assert_string_equal(table_close(&t), "  1 root yes 0,1 init\n"
					     "812 ?    -   -   a\\eb\\nc\n");
	free(t.buf);
}

static void test_no_rows(void **state)
{
	struct table t;

	(void)state;
	table_open(&t, columns, 5);
	t.s = sink_table_new(&t.opt);
	sink_begin_object(t.s, NULL);
	sink_begin_array(t.s, "processes");
	sink_end_array(t.s);
	sink_end_object(t.s);
	assert_string_equal(table_close(&t), "PID USER NOTTY FDS COMMAND\n");
	free(t.buf);
}

static void test_detail_line(void **state)
{
	struct table t;

	(void)state;
	table_open(&t, columns, 2);
	t.opt.detail_prefix = "daemon";
	t.s = sink_table_new(&t.opt);
	sink_begin_object(t.s, NULL);
	sink_begin_array(t.s, "processes");
	row(t.s, 1, "root", 1, -1, "init", 4);
	row(t.s, 2, "root", -1, -1, "kthreadd", 8);
	sink_begin_object(t.s, NULL);
	sink_i64(t.s, "pid", 3);
	sink_begin_object(t.s, "daemon");
	sink_cstr(t.s, "cwd", "/tmp/a b\033");
	sink_null(t.s, "stdin");
	sink_end_object(t.s);
	/* "daemonic" is not under "daemon" */
	sink_cstr(t.s, "daemonic", "no");
	sink_end_object(t.s);
	sink_end_array(t.s);
	sink_end_object(t.s);
	assert_string_equal(table_close(&t),
			    "PID USER\n"
			    "  1 root\n"
			    "        no_tty=yes session=leader\n"
			    "  2 root\n"
			    "  3 -\n"
			    "        cwd=/tmp/a b\\e stdin=?\n");
	free(t.buf);
}

/* Objects inside arrays inside a row are joined per path. */
static void test_nested_paths(void **state)
{
	static const struct table_column cols[] = {
		{ "a.b", "AB", TABLE_LEFT, NULL },
		{ "a.c.d", "ACD", TABLE_RIGHT, NULL },
		{ "fds.fd", "FD", TABLE_LEFT, NULL },
		{ "fds.kind", "KIND", TABLE_LEFT, NULL },
		{ "b", "B", TABLE_LEFT, NULL },
	};
	struct table t;
	struct sink *s;

	(void)state;
	table_open(&t, cols, 5);
	s = t.s = sink_table_new(&t.opt);
	sink_begin_object(s, NULL);
	sink_begin_array(s, "rows");
	sink_begin_object(s, NULL);
	sink_begin_object(s, "a");
	sink_cstr(s, "b", "x");
	sink_begin_object(s, "c");
	sink_i64(s, "d", -42);
	sink_end_object(s);
	sink_end_object(s);
	sink_begin_array(s, "fds");
	for (int i = 0; i < 3; i++) {
		sink_begin_object(s, NULL);
		sink_u64(s, "fd", (uint64_t)i * 10);
		sink_cstr(s, "kind", i == 1 ? "pipe" : "socket");
		sink_end_object(s);
	}
	sink_end_array(s);
	/* "b" at the top of the row is not "a.b" */
	sink_cstr(s, "b", "top");
	sink_end_object(s);
	sink_end_array(s);
	sink_end_object(s);
	assert_string_equal(table_close(&t),
			    "AB ACD FD      KIND               B\n"
			    "x  -42 0,10,20 socket,pipe,socket top\n");
	free(t.buf);
}

static void test_width_cut(void **state)
{
	struct table t;

	(void)state;
	table_open(&t, columns, 5);
	/* 19 columns before COMMAND: it gets 4 */
	t.opt.width = 23;
	t.s = sink_table_new(&t.opt);
	sink_begin_object(t.s, NULL);
	sink_begin_array(t.s, "processes");
	row(t.s, 1, "root", 1, 2, "/usr/sbin/cupsd -l", 18);
	row(t.s, 2, "root", 1, 2,
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81"
	    "\xa7\xe3\x81\x99",
	    15);
	row(t.s, 3, "root", 1, 2, "ab", 2);
	row(t.s, 4, "root", 1, 2, "\033\033\033", 3);
	sink_end_array(t.s);
	sink_end_object(t.s);
	assert_string_equal(
		table_close(&t),
		"PID USER NOTTY FDS COMMAND\n"
		"  1 root yes   0,1 /usr\n"
		/* cut by code points, not bytes */
		"  2 root yes   0,1 \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa"
		"\x9e\xe3\x81\xa7\n"
		"  3 root yes   0,1 ab\n"
		"  4 root yes   0,1 \\e\\e\n");
	free(t.buf);
}

static void test_width_too_small_does_not_cut(void **state)
{
	struct table t;

	(void)state;
	table_open(&t, columns, 5);
	t.opt.header = false;
	t.opt.width = 5;
	t.s = sink_table_new(&t.opt);
	sink_begin_object(t.s, NULL);
	sink_begin_array(t.s, "processes");
	row(t.s, 1, "root", 1, 2, "init", 4);
	sink_end_array(t.s);
	sink_end_object(t.s);
	assert_string_equal(table_close(&t), "1 root yes 0,1 init\n");
	free(t.buf);
}

static const char *green_yes(const char *cell)
{
	return strcmp(cell, "yes") == 0 ? "32" : NULL;
}

static void test_color(void **state)
{
	static const struct table_column cols[] = {
		{ "pid", "PID", TABLE_RIGHT, NULL },
		{ "daemon.no_tty", "NOTTY", TABLE_LEFT, green_yes },
		{ "cmd", "CMD", TABLE_LEFT, NULL },
	};
	struct table t;

	(void)state;
	table_open(&t, cols, 3);
	t.opt.color = true;
	t.s = sink_table_new(&t.opt);
	sink_begin_object(t.s, NULL);
	sink_begin_array(t.s, "processes");
	row(t.s, 1, "root", 1, -1, "init", 4);
	row(t.s, 2, "root", 0, -1, "\033[31m", 5);
	sink_end_array(t.s);
	sink_end_object(t.s);
	/* Padding stays outside the color; cell text is still escaped */
	assert_string_equal(table_close(&t),
			    "\033[1mPID\033[0m \033[1mNOTTY\033[0m "
			    "\033[1mCMD\033[0m\n"
			    "  1 \033[32myes\033[0m   init\n"
			    "  2 no    \\e[31m\n");
	free(t.buf);
}

/* Shapes that are not rows must not crash nor land in the last row. */
static void test_odd_shapes(void **state)
{
	static const struct table_column cols[] = {
		{ "pid", "PID", TABLE_LEFT, NULL },
		{ "x", "X", TABLE_LEFT, NULL },
	};
	struct table t;
	struct sink *s;

	(void)state;
	table_open(&t, cols, 2);
	s = t.s = sink_table_new(&t.opt);
	sink_begin_object(s, NULL);
	sink_begin_array(s, "nested");
	/* An array of arrays before any row */
	sink_begin_array(s, NULL);
	sink_u64(s, NULL, 5);
	sink_cstr(s, "x", "lost");
	sink_end_array(s);
	sink_begin_object(s, NULL);
	sink_i64(s, "pid", 1);
	/* A value without a key, and an array without a key */
	sink_u64(s, NULL, 9);
	sink_begin_array(s, NULL);
	sink_u64(s, NULL, 10);
	sink_end_array(s);
	/* Nesting deeper than the sink tracks */
	for (int i = 0; i < 40; i++)
		sink_begin_object(s, "x");
	sink_cstr(s, "x", "deep");
	for (int i = 0; i < 40; i++)
		sink_end_object(s);
	sink_end_object(s);
	/* An array of arrays after a row: not part of that row */
	sink_begin_array(s, NULL);
	sink_cstr(s, "x", "stray");
	sink_end_array(s);
	sink_end_array(s);
	/* More closes than opens */
	sink_end_object(s);
	sink_end_object(s);
	assert_string_equal(table_close(&t), "PID X\n"
					     "1   -\n");
	free(t.buf);
}

static void test_free_without_finish(void **state)
{
	struct table t;

	(void)state;
	table_open(&t, columns, 5);
	t.s = sink_table_new(&t.opt);
	two_rows(t.s);
	sink_free(t.s);
	fclose(t.opt.out);
	assert_int_equal(t.len, 0);
	free(t.buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_no_header),
		cmocka_unit_test(test_no_rows),
		cmocka_unit_test(test_detail_line),
		cmocka_unit_test(test_nested_paths),
		cmocka_unit_test(test_width_cut),
		cmocka_unit_test(test_width_too_small_does_not_cut),
		cmocka_unit_test(test_color),
		cmocka_unit_test(test_odd_shapes),
		cmocka_unit_test(test_free_without_finish),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
