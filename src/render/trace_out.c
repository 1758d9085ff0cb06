#include "render/trace_out.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

void trace_out_init(struct trace_out *o, FILE *f, bool live)
{
	o->f = f;
	o->live = live;
	o->error = 0;
}

void trace_out_write(struct trace_out *o, const char *s, size_t len)
{
	if (!len || o->error)
		return;
	if (fwrite(s, 1, len, o->f) != len)
		o->error = errno ? -errno : -EIO;
}

int trace_out_flush(struct trace_out *o)
{
	if (fflush(o->f) != 0 && !o->error)
		o->error = errno ? -errno : -EIO;
	return o->error;
}

bool trace_out_is_live(FILE *f)
{
	struct stat st;

	if (fstat(fileno(f), &st) != 0)
		return true;
	return S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode) ||
	       (S_ISCHR(st.st_mode) && isatty(fileno(f)));
}
