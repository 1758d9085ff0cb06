/* clang-format off */
/* Inotify instances ("anon_inode:inotify", no brackets): the watched
 * inodes and events.
 *
 * fdinfo on Linux 6.18, one line per watch, newest first:
 *
 *	inotify wd:c ino:a741d2 sdev:fe00000 mask:800 ignored_mask:0 fhandle-bytes:8 fhandle-type:1 f_handle:d241a70094d519b6
 *
 * Every number is HEX, the watch descriptor too (wd:c is 12). sdev is the
 * kernel's device encoding (254:0 here), not stat's. mask has the events
 * plus EXCL_UNLINK and ONESHOT when they were asked for (ONLYDIR,
 * DONT_FOLLOW, MASK_ADD and MASK_CREATE act at inotify_add_watch and are
 * not kept). The fhandle fields are missing when the filesystem cannot
 * export handles.
 *
 * Paths are not resolved yet: the kernel gives inode and device only
 * (open_by_handle_at with f_handle would need root and a mount fd). */
/* clang-format on */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "fd/anon_parse.h"
#include "fd/fd.h"

const struct flag_name inotify_mask_names[] = {
	{ 0x00000001, "ACCESS" },
	{ 0x00000002, "MODIFY" },
	{ 0x00000004, "ATTRIB" },
	{ 0x00000008, "CLOSE_WRITE" },
	{ 0x00000010, "CLOSE_NOWRITE" },
	{ 0x00000020, "OPEN" },
	{ 0x00000040, "MOVED_FROM" },
	{ 0x00000080, "MOVED_TO" },
	{ 0x00000100, "CREATE" },
	{ 0x00000200, "DELETE" },
	{ 0x00000400, "DELETE_SELF" },
	{ 0x00000800, "MOVE_SELF" },
	{ 0x01000000, "ONLYDIR" },
	{ 0x02000000, "DONT_FOLLOW" },
	{ 0x04000000, "EXCL_UNLINK" },
	{ 0x10000000, "MASK_CREATE" },
	{ 0x20000000, "MASK_ADD" },
	{ 0x80000000, "ONESHOT" },
	{ 0, NULL },
};

static int parse_watch(const char *line, const char *eol,
		       struct inotify_watch *w)
{
	uint64_t wd, mask;

	memset(w, 0, sizeof(*w));
	if (!anon_token_u64(line, eol, "wd", 16, &wd) || wd > INT_MAX ||
	    !anon_token_u64(line, eol, "ino", 16, &w->ino) ||
	    !anon_token_u64(line, eol, "sdev", 16, &w->sdev) ||
	    !anon_token_u64(line, eol, "mask", 16, &mask) || mask > UINT32_MAX)
		return -EINVAL;
	w->wd = (int)wd;
	w->mask = (uint32_t)mask;
	return 0;
}

static int cmp_watch(const void *a, const void *b)
{
	const struct inotify_watch *x = a, *y = b;

	return x->wd < y->wd ? -1 : x->wd > y->wd;
}

int inotify_fdinfo_parse(const char *buf, size_t len, struct inotify_set *set)
{
	const char *end = buf + len, *line, *eol;
	int err = 0;

	memset(set, 0, sizeof(*set));
	for (line = buf; line < end; line = eol + 1) {
		struct inotify_watch w;

		eol = memchr(line, '\n', (size_t)(end - line));
		if (!eol) {
			err = -EINVAL; /* cut short */
			break;
		}
		if (!anon_line_starts(line, eol, "inotify "))
			continue;
		if (parse_watch(line, eol, &w) != 0) {
			err = -EINVAL;
			continue;
		}
		set->v = xgrow(set->v, &set->alloc, set->count + 1,
			       sizeof(*set->v));
		set->v[set->count++] = w;
	}
	if (set->count > 1)
		qsort(set->v, set->count, sizeof(*set->v), cmp_watch);
	return err;
}

void inotify_set_release(struct inotify_set *set)
{
	free(set->v);
	memset(set, 0, sizeof(*set));
}

static bool probe_inotify(const struct fd *fd)
{
	return anon_target_is(fd->target, "inotify");
}

static int parse_inotify(struct fd *fd, const char *extra, size_t len)
{
	struct inotify_set *set = xcalloc(1, sizeof(*set));
	int err = inotify_fdinfo_parse(extra, len, set);

	fd->priv = set; /* the watches read are kept */
	return err;
}

/* Watches listed in the description line; the rest are counted. */
#define DESCRIBE_MAX 3

static void describe_inotify(const struct fd *fd, struct snapshot *snap,
			     struct strbuf *out)
{
	const struct inotify_set *set = fd->priv;

	(void)snap;
	strbuf_adds(out, "inotify");
	if (!set)
		return;
	if (!set->count) {
		strbuf_adds(out, ", no watches");
		return;
	}
	strbuf_addf(out, ", %zu %s:", set->count,
		    set->count == 1 ? "watch" : "watches");
	for (size_t i = 0; i < set->count && i < DESCRIBE_MAX; i++) {
		strbuf_addf(out, "%s inode %llu on ", i ? "," : "",
			    (unsigned long long)set->v[i].ino);
		anon_dev_text(out, set->v[i].sdev);
	}
	if (set->count > DESCRIBE_MAX)
		strbuf_adds(out, ", ...");
}

static void emit_inotify(const struct fd *fd, struct snapshot *snap,
			 struct sink *s)
{
	const struct inotify_set *set = fd->priv;
	struct strbuf dev = STRBUF_INIT;

	(void)snap;
	if (!set) {
		sink_null(s, "watches");
		return;
	}
	sink_begin_array(s, "watches");
	for (size_t i = 0; i < set->count; i++) {
		const struct inotify_watch *w = &set->v[i];

		strbuf_reset(&dev);
		anon_dev_text(&dev, w->sdev);
		sink_begin_object(s, NULL);
		sink_i64(s, "wd", w->wd);
		sink_u64(s, "inode", w->ino);
		sink_str(s, "dev", strbuf_str(&dev), dev.len);
		sink_flags(s, "mask", w->mask, inotify_mask_names);
		sink_null(s, "path"); /* not resolved yet */
		sink_end_object(s);
	}
	sink_end_array(s);
	strbuf_release(&dev);
}

static void release_inotify(struct fd *fd)
{
	if (fd->priv)
		inotify_set_release(fd->priv);
}

const struct fd_class fd_class_inotify = {
	.kind = "inotify",
	.needs = FD_NEED_FDINFO,
	.probe = probe_inotify,
	.parse = parse_inotify,
	.describe = describe_inotify,
	.emit = emit_inotify,
	.release = release_inotify,
};
