/* The small parsers of /proc text and names: a command line and an
 * environment (NUL-separated), wchan, a cgroup path's unit, and link
 * targets ("pipe:[123]", "anon_inode:[eventfd]"). The first byte picks
 * one; the rest is its input. */
#include "fuzz.h"

#include "model/unit.h"
#include "proc/environ.h"
#include "proc/link.h"
#include "proc/wchan.h"

static void environ_and_cmdline(const char *buf, size_t len)
{
	static const char *const names[] = { "INVOCATION_ID", "PATH", "", "=",
					     "JOURNAL_STREAM" };
	struct strbuf line = STRBUF_INIT;

	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		size_t vlen = 0;
		const char *v = proc_environ_get(buf, len, names[i], &vlen);

		if (v)
			FUZZ_CHECK(v >= buf && v + vlen <= buf + len);
	}
	proc_cmdline_join(buf, len, &line);
	FUZZ_CHECK(line.len <= len);
	strbuf_release(&line);
}

/* NUL-terminated inputs: a cgroup path, a link target */
static void names(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	struct unit_name u;
	uint64_t ino;
	int len = 0;
	const char *anon;

	FUZZ_CHECK(s);
	memcpy(s, data, size);
	s[size] = '\0';
	unit_from_cgroup(s, &u);
	FUZZ_CHECK(memchr(u.name, '\0', sizeof(u.name)));
	unit_kind_name(u.kind);
	proc_link_inode(s, "pipe", &ino);
	proc_link_inode(s, "socket", &ino);
	anon = proc_link_anon_name(s, &len);
	if (anon)
		FUZZ_CHECK(anon >= s && len >= 0 && anon + len <= s + size);
	free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf out = STRBUF_INIT;
	char *buf;

	if (size == 0)
		return 0;
	buf = fuzz_copy(data + 1, size - 1);
	switch (data[0] % 3) {
	case 0:
		environ_and_cmdline(buf, size - 1);
		break;
	case 1:
		proc_wchan_parse(buf, size - 1, &out);
		break;
	default:
		names(data + 1, size - 1);
		break;
	}
	strbuf_release(&out);
	free(buf);
	return 0;
}
