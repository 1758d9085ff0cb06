/* A text sink that lays rows out as an aligned table, as ps does. Every
 * object two levels down (top object -> array -> object) is a row; its
 * fields are picked by path ("pid", "daemon.no_tty") into columns. Fields
 * outside rows are ignored: commands print notes themselves. */
#ifndef DSCOPE_RENDER_SINK_TABLE_H
#define DSCOPE_RENDER_SINK_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "render/sink.h"

enum table_align { TABLE_LEFT, TABLE_RIGHT };

struct table_column {
	const char *path;
	const char *header;
	enum table_align align;
	/* ANSI SGR parameters for a cell ("32" for green), or NULL. */
	const char *(*color)(const char *cell);
};

struct table_options {
	FILE *out;
	const struct table_column *columns;
	size_t ncolumns;
	/* Fields below this path are shown as "name=value" on an indented
	 * line under their row; NULL shows none. */
	const char *detail_prefix;
	/* Each string of the array at this path is a line of its own under
	 * its row (e.g. the entries of an epoll set); NULL for none. */
	const char *lines_path;
	bool color;
	bool header;
	/* Cut the last column so lines fit this many columns (0: never). */
	size_t width;
};

struct sink *sink_table_new(const struct table_options *opt);

#endif
