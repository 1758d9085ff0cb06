#include "render/sink_table.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

#define MAX_DEPTH 32

struct row {
	char **cells; /* escaped text, one per column; NULL when absent */
	char *detail;
};

struct sink_table {
	struct sink base;
	struct table_options opt;
	int depth;
	const char *keys[MAX_DEPTH]; /* key that opened each level */
	bool in_array[MAX_DEPTH]; /* level is an array (values join with ",") */
	struct row *rows;
	size_t nrows, alloc;
	struct strbuf detail;
};

#define T(s) ((struct sink_table *)(s))

static struct row *current_row(struct sink_table *t)
{
	/* only an object two levels down is a row, not an array there */
	return t->depth >= 3 && !t->in_array[2] && t->nrows
		       ? &t->rows[t->nrows - 1]
		       : NULL;
}

/* Path of key inside the current row: "daemon.no_tty". */
static void row_path(struct sink_table *t, const char *key,
		     struct strbuf *out)
{
	int i;

	strbuf_reset(out);
	for (i = 3; i < t->depth; i++) {
		if (!t->keys[i])
			continue;
		if (out->len)
			strbuf_addc(out, '.');
		strbuf_adds(out, t->keys[i]);
	}
	if (key) {
		if (out->len)
			strbuf_addc(out, '.');
		strbuf_adds(out, key);
	}
}

static void put_value(struct sink_table *t, const char *key,
		      const char *text, size_t len, bool escape)
{
	struct row *row = current_row(t);
	struct strbuf path = STRBUF_INIT, cell = STRBUF_INIT;
	const char *dp = t->opt.detail_prefix, *ps;
	size_t i;

	/* keys[] and in_array[] only hold MAX_DEPTH levels */
	if (!row || t->depth > MAX_DEPTH)
		return;
	/* Inside an array the array's own key names the cell. */
	row_path(t, t->in_array[t->depth - 1] ? NULL : key, &path);
	if (escape)
		escape_text(&cell, text, len, 0);
	else
		strbuf_add(&cell, text, len);

	/* path.buf is NULL when the path is empty */
	ps = strbuf_str(&path);
	if (dp && strncmp(ps, dp, strlen(dp)) == 0 && ps[strlen(dp)] == '.') {
		if (t->detail.len)
			strbuf_addc(&t->detail, ' ');
		strbuf_adds(&t->detail, ps + strlen(dp) + 1);
		strbuf_addc(&t->detail, '=');
		strbuf_add(&t->detail, cell.buf, cell.len);
	}
	if (t->opt.lines_path && strcmp(ps, t->opt.lines_path) == 0) {
		if (t->detail.len)
			strbuf_addc(&t->detail, '\n');
		strbuf_add(&t->detail, cell.buf, cell.len);
	}
	for (i = 0; i < t->opt.ncolumns; i++) {
		char **c = &row->cells[i];
		size_t old;

		if (strcmp(t->opt.columns[i].path, ps) != 0)
			continue;
		if (!*c) {
			*c = xstrdup(strbuf_str(&cell));
			continue;
		}
		old = strlen(*c);
		*c = xrealloc(*c, old + cell.len + 2);
		(*c)[old] = ',';
		memcpy(*c + old + 1, cell.buf, cell.len + 1);
	}
	strbuf_release(&path);
	strbuf_release(&cell);
}

static void push(struct sink_table *t, const char *key, bool array)
{
	if (t->depth == 2 && !array) {
		struct row *row;

		t->rows = xgrow(t->rows, &t->alloc, t->nrows + 1,
				sizeof(*t->rows));
		row = &t->rows[t->nrows++];
		row->cells = xcalloc(t->opt.ncolumns, sizeof(char *));
		row->detail = NULL;
		strbuf_reset(&t->detail);
	}
	if (t->depth < MAX_DEPTH) {
		t->keys[t->depth] = key;
		t->in_array[t->depth] = array;
	}
	t->depth++;
}

static void pop(struct sink_table *t)
{
	if (t->depth == 0)
		return;
	t->depth--;
	if (t->depth == 2 && t->detail.len)
		t->rows[t->nrows - 1].detail = strbuf_detach(&t->detail);
}

static void begin_object(struct sink *s, const char *key)
{
	push(T(s), key, false);
}

static void begin_array(struct sink *s, const char *key)
{
	push(T(s), key, true);
}

static void end_container(struct sink *s)
{
	pop(T(s));
}

static void field_str(struct sink *s, const char *key, const char *val,
		      size_t len)
{
	put_value(T(s), key, val, len, true);
}

static void field_text(struct sink *s, const char *key, const char *val,
		       size_t len)
{
	put_value(T(s), key, val, len, false);
}

static void field_u64(struct sink *s, const char *key, uint64_t v)
{
	char buf[24];
	int n = snprintf(buf, sizeof(buf), "%" PRIu64, v);

	put_value(T(s), key, buf, (size_t)n, false);
}

static void field_i64(struct sink *s, const char *key, int64_t v)
{
	char buf[24];
	int n = snprintf(buf, sizeof(buf), "%" PRId64, v);

	put_value(T(s), key, buf, (size_t)n, false);
}

static void field_bool(struct sink *s, const char *key, bool v)
{
	put_value(T(s), key, v ? "yes" : "no", v ? 3 : 2, false);
}

static void field_null(struct sink *s, const char *key)
{
	put_value(T(s), key, "?", 1, false);
}

static void put_cell(struct sink_table *t, struct strbuf *line, size_t col,
		     const char *text, size_t width, bool last,
		     const char *sgr)
{
	const struct table_column *c = &t->opt.columns[col];
	size_t w = escape_width(text, strlen(text));
	size_t pad = w < width ? width - w : 0;

	if (col > 0)
		strbuf_addc(line, ' ');
	if (c->align == TABLE_RIGHT)
		strbuf_addpad(line, ' ', pad);
	if (sgr)
		strbuf_addf(line, "\033[%sm", sgr);
	strbuf_adds(line, text);
	if (sgr)
		strbuf_adds(line, "\033[0m");
	if (c->align == TABLE_LEFT && !last)
		strbuf_addpad(line, ' ', pad);
}

/* Cuts an escaped string to at most cols code points. */
static void cut_to(char *s, size_t cols)
{
	size_t i, seen = 0;

	for (i = 0; s[i]; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80 && seen++ == cols) {
			s[i] = '\0';
			return;
		}
	}
}

static int finish(struct sink *s)
{
	struct sink_table *t = T(s);
	size_t ncol = t->opt.ncolumns, *width, i, r, used;
	struct strbuf line = STRBUF_INIT;
	FILE *out = t->opt.out;

	width = xcalloc(ncol, sizeof(*width));
	for (i = 0; i < ncol; i++) {
		if (t->opt.header)
			width[i] = strlen(t->opt.columns[i].header);
		for (r = 0; r < t->nrows; r++) {
			const char *c = t->rows[r].cells[i];
			size_t w = escape_width(c ? c : "-", c ? strlen(c) : 1);

			if (w > width[i])
				width[i] = w;
		}
	}
	for (i = 0, used = 0; i + 1 < ncol; i++)
		used += width[i] + 1;

	if (t->opt.header) {
		for (i = 0; i < ncol; i++)
			put_cell(t, &line, i, t->opt.columns[i].header,
				 width[i], i + 1 == ncol,
				 t->opt.color ? "1" : NULL);
		strbuf_addc(&line, '\n');
	}
	for (r = 0; r < t->nrows; r++) {
		struct row *row = &t->rows[r];

		for (i = 0; i < ncol; i++) {
			char *c = row->cells[i] ? row->cells[i] : "-";
			const char *sgr = NULL;
			bool last = i + 1 == ncol;

			if (last && t->opt.width > used + 1 && row->cells[i])
				cut_to(row->cells[i], t->opt.width - used);
			if (t->opt.color && t->opt.columns[i].color)
				sgr = t->opt.columns[i].color(c);
			put_cell(t, &line, i, c, width[i], last, sgr);
		}
		strbuf_addc(&line, '\n');
		for (const char *d = row->detail; d && *d;) {
			const char *nl = strchr(d, '\n');
			size_t n = nl ? (size_t)(nl - d) : strlen(d);

			strbuf_addpad(&line, ' ', 8);
			strbuf_add(&line, d, n);
			strbuf_addc(&line, '\n');
			d += n + (nl != NULL);
		}
		if (line.len > 1 << 16) {
			fwrite(line.buf, 1, line.len, out);
			strbuf_reset(&line);
		}
	}
	fwrite(line.buf, 1, line.len, out);
	strbuf_release(&line);
	free(width);
	if (fflush(out) != 0 || ferror(out))
		return errno ? -errno : -EIO;
	return 0;
}

static void free_sink(struct sink *s)
{
	struct sink_table *t = T(s);
	size_t r, i;

	for (r = 0; r < t->nrows; r++) {
		for (i = 0; i < t->opt.ncolumns; i++)
			free(t->rows[r].cells[i]);
		free(t->rows[r].cells);
		free(t->rows[r].detail);
	}
	free(t->rows);
	strbuf_release(&t->detail);
	free(t);
}

static const struct sink_ops sink_table_ops = {
	.begin_object = begin_object,
	.end_object = end_container,
	.begin_array = begin_array,
	.end_array = end_container,
	.field_str = field_str,
	.field_text = field_text,
	.field_u64 = field_u64,
	.field_i64 = field_i64,
	.field_bool = field_bool,
	.field_null = field_null,
	.finish = finish,
	.free = free_sink,
};

struct sink *sink_table_new(const struct table_options *opt)
{
	struct sink_table *t = xcalloc(1, sizeof(*t));

	t->base.ops = &sink_table_ops;
	t->opt = *opt;
	return &t->base;
}
