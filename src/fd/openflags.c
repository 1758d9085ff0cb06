#include "fd/openflags.h"

#include <fcntl.h>

#ifndef O_TMPFILE
#define O_TMPFILE 020200000
#endif

/* Multi-bit flags first so they win over their parts. */
const struct flag_name fd_open_flag_names[] = {
	{ O_TMPFILE, "O_TMPFILE" }, { O_SYNC, "O_SYNC" },
	{ O_APPEND, "O_APPEND" },   { O_NONBLOCK, "O_NONBLOCK" },
	{ O_DSYNC, "O_DSYNC" },	    { O_ASYNC, "O_ASYNC" },
	{ O_DIRECT, "O_DIRECT" },   { O_DIRECTORY, "O_DIRECTORY" },
	{ O_NOFOLLOW, "O_NOFOLLOW" }, { O_NOATIME, "O_NOATIME" },
	{ O_CLOEXEC, "O_CLOEXEC" }, { O_PATH, "O_PATH" },
	{ 0, NULL },
};

/* The kernel's O_LARGEFILE: userspace headers define it as 0 on 64-bit,
 * but fdinfo shows the kernel's bit, set on every 64-bit open. */
#define KERNEL_O_LARGEFILE 0100000u

static unsigned shown(unsigned flags)
{
	return flags & ~(unsigned)(O_ACCMODE | KERNEL_O_LARGEFILE);
}

void fd_open_flags_text(unsigned flags, struct strbuf *out)
{
	const struct flag_name *f;
	unsigned v = shown(flags);
	bool first = true;

	for (f = fd_open_flag_names; f->name; f++) {
		if ((v & f->bit) != f->bit)
			continue;
		strbuf_adds(out, first ? "" : "|");
		strbuf_adds(out, f->name);
		v &= ~(unsigned)f->bit;
		first = false;
	}
	if (v)
		strbuf_addf(out, "%s0%o", first ? "" : "|", v);
}

void fd_open_flags_emit(unsigned flags, struct sink *s)
{
	sink_flags(s, "open_flags", shown(flags), fd_open_flag_names);
}
