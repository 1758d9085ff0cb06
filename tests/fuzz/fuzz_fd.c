/* Fds as dscope reads them, from any link target, stat and fdinfo: the
 * class that recognises each, its parse, the link step that finds the
 * other end among the fds there are (a pipe's other fd, an epoll set's
 * targets, a shared eventfd), the one-line description (which must be
 * safe for a terminal) and the JSON (which must be valid).
 *
 * Input: one or two fds, split by a 0x1e byte. Each: a stat byte (its
 * low 3 bits: 0 no stat, else its S_IFMT kind; bit 3: the second fd
 * belongs to another process), the link target up to a newline, then
 * the fdinfo text. The fds are 3 and 4 of process 4242 (or 4 of 4243),
 * registered as their tables, as graph registers every process's. The
 * kernel's socket tables read as empty (fuzz_sockdiag covers them). */
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

/* Reads one fd from [p, end): see the input's layout above. */
static void read_fd(const char *p, const char *end, pid_t owner, int num,
		    struct fd *fd)
{
	unsigned char kind = p < end ? (unsigned char)*p++ : 0;
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	memset(fd, 0, sizeof(*fd));
	fd->owner = owner;
	fd->num = num;
	/* a link's text holds no NUL: it ends at the first */
	fd->target = xstrndup(p, (size_t)((nl ? nl : end) - p));
	fd_classify(fd);
	if (kind % 8) {
		fd->has_stat = true;
		fd->st_mode = kinds[kind % 8] | 0644;
		fd->st_dev = kind;
		fd->st_ino = 12345;
		fd->st_size = 4096;
		fd_classify(fd);
	}
	if (nl) {
		char *info = fuzz_copy((const uint8_t *)nl + 1,
				       (size_t)(end - nl - 1));

		fd_take_fdinfo(fd, info, (size_t)(end - nl - 1));
		free(info);
	}
	fd->self_key = snapshot_target_key(fd->target);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct procfs fs;
	static bool opened;
	const char *p = (const char *)data, *end = p + size, *split;
	struct fd fds[2];
	size_t n = 1;
	bool apart = false;
	struct snapshot snap;

	if (size < 1)
		return 0;
	if (!opened) /* a canned tree: nothing is read from it here */
		opened = procfs_open(&fs, "tests/data/proc-daemons") == 0;
	FUZZ_CHECK(opened);
	split = memchr(p, 0x1e, size);
	read_fd(p, split ? split : end, 4242, 3, &fds[0]);
	if (split && split + 1 < end) {
		apart = split[1] & 8;
		read_fd(split + 1, end, apart ? 4243 : 4242, 4, &fds[1]);
		n = 2;
	}
	snapshot_init(&snap, &fs);
	/* no sock_diag dump at each input (fuzz_sockdiag has its parser):
	 * the kernel's socket tables read as empty */
	snap.socks_loaded_unix = snap.socks_loaded = true;
	snapshot_add_asker(&snap, 4242);
	if (apart) {
		snapshot_add_fds(&snap, 4242, &fds[0], 1);
		snapshot_add_fds(&snap, 4243, &fds[1], 1);
	} else {
		snapshot_add_fds(&snap, 4242, fds, n);
	}
	/* as graph links: the holders from the registered tables alone */
	for (size_t i = 0; i < n; i++)
		if (fds[i].cls->want)
			fds[i].cls->want(&fds[i], &snap);
	snapshot_index_tables(&snap);
	for (size_t i = 0; i < n; i++)
		if (fds[i].cls->link)
			fds[i].cls->link(&fds[i], &snap);
	for (size_t i = 0; i < n; i++) {
		struct strbuf desc = STRBUF_INIT;

		fd_describe(&fds[i], &snap, &desc);
		FUZZ_CHECK(fuzz_terminal_safe(desc.buf, desc.len));
		fd_kind(&fds[i], &snap);
		check_json(&fds[i], &snap);
		strbuf_release(&desc);
	}
	snapshot_release(&snap);
	for (size_t i = 0; i < n; i++)
		fd_release(&fds[i]);
	return 0;
}
