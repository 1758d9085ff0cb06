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
 * Paths: the kernel gives inode, device and a file handle; link() finds
 * the path among the owner's open files or, with privilege, through
 * open_by_handle_at (see find_by_handle). */
/* clang-format on */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "fd/anon_parse.h"
#include "fd/fd.h"
#include "model/snapshot.h"

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

/* "fhandle-bytes:8 fhandle-type:1 f_handle:d241a70094d519b6": all hex.
 * A missing or malformed handle leaves handle_bytes 0 (path unknown). */
static void parse_handle(const char *line, const char *eol,
			 struct inotify_watch *w)
{
	uint64_t bytes, type;
	const char *hex, *hend;

	if (!anon_token_u64(line, eol, "fhandle-bytes", 16, &bytes) ||
	    !anon_token_u64(line, eol, "fhandle-type", 16, &type) ||
	    bytes == 0 || bytes > INOTIFY_HANDLE_MAX || type > INT_MAX)
		return;
	hex = anon_token(line, eol, "f_handle", &hend);
	if (!hex || (size_t)(hend - hex) != bytes * 2)
		return;
	for (size_t i = 0; i < bytes; i++) {
		const char *p = hex + 2 * i;
		uint64_t byte;

		if (!parse_u64(&p, hex + 2 * i + 2, 16, &byte) ||
		    p != hex + 2 * i + 2)
			return;
		w->handle[i] = (unsigned char)byte;
	}
	w->handle_bytes = (unsigned)bytes;
	w->handle_type = (int)type;
}

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
	parse_handle(line, eol, w);
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
	for (size_t i = 0; i < set->count; i++)
		free(set->v[i].path);
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

static void describe_watch(const void *watch, struct strbuf *out)
{
	const struct inotify_watch *w = watch;

	if (w->path) {
		fd_put_escaped(out, w->path, strlen(w->path));
	} else {
		strbuf_addf(out, "inode %llu on ", (unsigned long long)w->ino);
		anon_dev_text(out, w->sdev);
	}
}

static void describe_inotify(const struct fd *fd, struct snapshot *snap,
			     struct strbuf *out)
{
	const struct inotify_set *set = fd->priv;

	(void)snap;
	strbuf_adds(out, "inotify");
	if (set)
		anon_describe_list(out, set->v, set->count, sizeof(*set->v),
				   "watch", "watches", describe_watch);
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
		sink_cstr(s, "path", w->path);
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

/* Where a watched inode is, first among the owner's own open files (no
 * privilege needed), then through its file handle: open_by_handle_at on
 * the filesystem's mount, as the owner sees it (needs
 * CAP_DAC_READ_SEARCH). The inode is checked either way. */
static char *find_in_fds(struct snapshot *snap, pid_t owner,
			 const struct inotify_watch *w)
{
	size_t n = 0;
	const struct fd *fds = snapshot_fds_of(snap, owner, &n);

	for (size_t i = 0; i < n; i++) {
		const struct fd *f = &fds[i];

		if (f->has_stat && f->st_ino == w->ino &&
		    major(f->st_dev) == w->sdev >> 20 &&
		    minor(f->st_dev) == (w->sdev & 0xfffff) && f->target &&
		    f->target[0] == '/')
			return xstrdup(f->target);
	}
	return NULL;
}

static char *find_by_handle(struct snapshot *snap, pid_t owner,
			    const struct inotify_watch *w)
{
	const struct mount_table *t = snapshot_mounts(snap, owner);
	const struct mount_entry *m;
	struct {
		struct file_handle fh;
		unsigned char bytes[INOTIFY_HANDLE_MAX];
	} h;
	char path[PATH_MAX], link[PATH_MAX];
	struct stat st;
	int mfd, fd;
	ssize_t n;

	if (!t || !w->handle_bytes)
		return NULL;
	m = mount_table_find_dev(t, (unsigned)(w->sdev >> 20),
				 (unsigned)(w->sdev & 0xfffff));
	if (!m)
		return NULL;
	/* the mount point inside the owner's mount namespace */
	if (snprintf(path, sizeof(path), "%d/root%s", (int)owner, m->point) >=
	    (int)sizeof(path))
		return NULL;
	/* open_by_handle_at refuses an O_PATH mount fd */
	mfd = openat(snap->fs->dirfd, path,
		     O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC);
	if (mfd < 0)
		return NULL;
	h.fh.handle_bytes = w->handle_bytes;
	h.fh.handle_type = w->handle_type;
	memcpy(h.fh.f_handle, w->handle, w->handle_bytes);
	fd = open_by_handle_at(mfd, &h.fh, O_PATH | O_CLOEXEC);
	close(mfd);
	if (fd < 0)
		return NULL;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof(link) - 1);
	if (n <= 0 || fstat(fd, &st) != 0 || (uint64_t)st.st_ino != w->ino ||
	    major(st.st_dev) != w->sdev >> 20 ||
	    minor(st.st_dev) != (w->sdev & 0xfffff)) {
		close(fd);
		return NULL;
	}
	close(fd);
	link[n] = '\0';
	return xstrdup(link);
}

static void link_inotify(struct fd *fd, struct snapshot *snap)
{
	struct inotify_set *set = fd->priv;

	for (size_t i = 0; set && i < set->count; i++) {
		struct inotify_watch *w = &set->v[i];

		w->path = find_in_fds(snap, fd->owner, w);
		if (!w->path)
			w->path = find_by_handle(snap, fd->owner, w);
	}
}

const struct fd_class fd_class_inotify = {
	.kind = "inotify",
	.needs = FD_NEED_FDINFO,
	.probe = probe_inotify,
	.parse = parse_inotify,
	.link = link_inotify,
	.describe = describe_inotify,
	.emit = emit_inotify,
	.release = release_inotify,
};
