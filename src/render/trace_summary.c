#include "render/trace_summary.h"

#include <stdlib.h>

#include "decode/syscall_table.h"
#include "render/json.h"

void summary_add(struct summary *s, long nr, uint64_t ns, int64_t ret)
{
	if (nr < 0 || nr >= TRACE_SYSCALL_MAX)
		return;
	s->rows[nr].calls++;
	s->rows[nr].ns += ns;
	if (ret < 0 && ret >= -4095)
		s->rows[nr].errors++;
}

struct ranked {
	long nr;
	const struct summary_row *row;
};

static int by_time(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->row->ns != y->row->ns)
		return x->row->ns < y->row->ns ? 1 : -1;
	if (x->row->calls != y->row->calls)
		return x->row->calls < y->row->calls ? 1 : -1;
	return x->nr < y->nr ? -1 : x->nr > y->nr;
}

static void print_json(const struct ranked *r, size_t n, FILE *out)
{
	char buf[SYSCALL_TABLE_BUF_SIZE];
	struct json_writer w;

	json_writer_init(&w, out, false);
	json_begin_object(&w, NULL);
	json_begin_array(&w, "summary");
	for (size_t i = 0; i < n; i++) {
		json_begin_object(&w, NULL);
		json_cstr(&w, "syscall",
			  syscall_table_format(syscall_arch_native(), r[i].nr,
					       buf, sizeof(buf)));
		json_u64(&w, "calls", r[i].row->calls);
		json_u64(&w, "errors", r[i].row->errors);
		json_u64(&w, "total_us", r[i].row->ns / 1000);
		json_u64(&w, "avg_us", r[i].row->ns / 1000 / r[i].row->calls);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_end_object(&w);
	json_writer_finish(&w);
	json_writer_release(&w);
}

void summary_print(const struct summary *s, FILE *out, int json)
{
	struct ranked r[TRACE_SYSCALL_MAX];
	uint64_t total_ns = 0, calls = 0, errors = 0;
	char buf[SYSCALL_TABLE_BUF_SIZE];
	size_t n = 0;

	for (long nr = 0; nr < TRACE_SYSCALL_MAX; nr++) {
		if (!s->rows[nr].calls)
			continue;
		r[n].nr = nr;
		r[n].row = &s->rows[nr];
		total_ns += s->rows[nr].ns;
		calls += s->rows[nr].calls;
		errors += s->rows[nr].errors;
		n++;
	}
	qsort(r, n, sizeof(*r), by_time);
	if (json) {
		print_json(r, n, out);
		return;
	}
	fprintf(out, "%% time     seconds  usecs/call     calls    errors syscall\n"
		     "------ ----------- ----------- --------- --------- ----------------\n");
	for (size_t i = 0; i < n; i++) {
		const struct summary_row *row = r[i].row;

		fprintf(out, "%6.2f %11.6f %11llu %9llu ",
			total_ns ? 100.0 * (double)row->ns / (double)total_ns : 0.0,
			(double)row->ns / 1e9,
			(unsigned long long)(row->ns / 1000 / row->calls),
			(unsigned long long)row->calls);
		if (row->errors)
			fprintf(out, "%9llu ", (unsigned long long)row->errors);
		else
			fprintf(out, "%9s ", "");
		fprintf(out, "%s\n",
			syscall_table_format(syscall_arch_native(), r[i].nr,
					     buf, sizeof(buf)));
	}
	fprintf(out, "------ ----------- ----------- --------- --------- ----------------\n"
		     "100.00 %11.6f %11llu %9llu ",
		(double)total_ns / 1e9,
		(unsigned long long)(calls ? total_ns / 1000 / calls : 0),
		(unsigned long long)calls);
	if (errors)
		fprintf(out, "%9llu ", (unsigned long long)errors);
	else
		fprintf(out, "%9s ", "");
	fprintf(out, "total\n");
}
