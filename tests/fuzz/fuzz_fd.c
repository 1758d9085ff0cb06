/* An fd as dscope reads it, from any link target, stat and fdinfo: the
 * class that recognises it, its parse, its one-line description (which
 * must be safe for a terminal) and its JSON (which must be valid). The
 * snapshot has nothing linked: every fd is described as one whose other
 * end was not found.
 *
 * Input: a stat byte (0: no stat; else its S_IFMT kind), the link
 * target up to a newline, then the fdinfo text. */
#include "fuzz.h"

#include <sys/stat.h>

#include "base/xalloc.h"
#include "fd/fd.h"
#include "model/fdtab.h"
#include "model/snapshot.h"
#include "render/sink.h"
#include "render/sink_json.h"

static const mode_t kinds[] = { 0,	 S_IFREG, S_IFDIR,  S_IFCHR,
				S_IFBLK, S_IFIFO, S_IFSOCK, S_IFLNK };

static void check_json(const struct fd *fd, struct snapshot *snap)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	struct sink *s;

	FUZZ_CHECK(out);
	s = sink_json_new(out, false);
	fd_emit(fd, snap, s); /* one object */
	sink_finish(s);
	sink_free(s);
	fclose(out);
	if (getenv("FUZZ_SHOW"))
		fprintf(stderr, "%.*s\n", (int)len, buf);
	FUZZ_CHECK(json_check(buf, len, NULL));
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct procfs fs;
	static bool opened;
	const char *p, *nl, *end;
	struct strbuf desc = STRBUF_INIT;
	struct snapshot snap;
	struct fd fd;

	if (size < 1)
		return 0;
	if (!opened) /* a canned tree: nothing is read from it here */
		opened = procfs_open(&fs, "tests/data/proc-daemons") == 0;
	FUZZ_CHECK(opened);
	p = (const char *)data + 1;
	end = (const char *)data + size;
	nl = memchr(p, '\n', (size_t)(end - p));
	memset(&fd, 0, sizeof(fd));
	fd.owner = 4242;
	fd.num = 3;
	/* a link's text holds no NUL: it ends at the first */
	fd.target = xstrndup(p, (size_t)((nl ? nl : end) - p));
	fd_classify(&fd);
	if (data[0] % 8) {
		fd.has_stat = true;
		fd.st_mode = kinds[data[0] % 8] | 0644;
		fd.st_dev = data[0];
		fd.st_ino = 12345;
		fd.st_size = 4096;
		fd_classify(&fd);
	}
	if (nl) {
		char *info = fuzz_copy((const uint8_t *)nl + 1,
				       (size_t)(end - nl - 1));

		fd_take_fdinfo(&fd, info, (size_t)(end - nl - 1));
		free(info);
	}
	snapshot_init(&snap, &fs);
	fd_describe(&fd, &snap, &desc);
	FUZZ_CHECK(fuzz_terminal_safe(desc.buf, desc.len));
	fd_kind(&fd, &snap);
	check_json(&fd, &snap);
	snapshot_release(&snap);
	strbuf_release(&desc);
	fd_release(&fd);
	return 0;
}
