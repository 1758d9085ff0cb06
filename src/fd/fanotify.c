/* clang-format off */
/* Fanotify groups ("anon_inode:[fanotify]"): init flags and marks.
 *
 * fdinfo on Linux 6.18 (all numbers hex except mnt_ns):
 *
 *	fanotify flags:200 event-flags:8000
 *	fanotify ino:3c51a sdev:fe00000 mflags:0 mask:40000100 ignored_mask:0 fhandle-bytes:8 fhandle-type:1 f_handle:1ac5030000000000
 *	fanotify mnt_id:1b mflags:0 mask:28 ignored_mask:0
 *	fanotify sdev:fe00000 mflags:0 mask:200 ignored_mask:0
 *	fanotify mnt_ns:4026531832 mflags:0 mask:1000000 ignored_mask:0
 *
 * The first line is the group (fanotify_init flags, event fd open flags);
 * then one line per mark: on an inode, a mount (mnt_id as in mountinfo,
 * but in hex), a filesystem (sdev, kernel encoding) or a mount namespace
 * (its inode, decimal; Linux 6.15+). */
/* clang-format on */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "fd/anon_parse.h"
#include "fd/fd.h"

const struct flag_name fanotify_init_flag_names[] = {
	{ 0x0001, "CLOEXEC" },		 { 0x0002, "NONBLOCK" },
	{ 0x0004, "CLASS_CONTENT" },	 { 0x0008, "CLASS_PRE_CONTENT" },
	{ 0x0010, "UNLIMITED_QUEUE" },	 { 0x0020, "UNLIMITED_MARKS" },
	{ 0x0040, "ENABLE_AUDIT" },	 { 0x0080, "REPORT_PIDFD" },
	{ 0x0100, "REPORT_TID" },	 { 0x0200, "REPORT_FID" },
	{ 0x0400, "REPORT_DIR_FID" },	 { 0x0800, "REPORT_NAME" },
	{ 0x1000, "REPORT_TARGET_FID" }, { 0x2000, "REPORT_FD_ERROR" },
	{ 0x4000, "REPORT_MNT" },	 { 0, NULL },
};

const struct flag_name fanotify_mask_names[] = {
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
	{ 0x00001000, "OPEN_EXEC" },
	{ 0x00004000, "Q_OVERFLOW" },
	{ 0x00008000, "FS_ERROR" },
	{ 0x00010000, "OPEN_PERM" },
	{ 0x00020000, "ACCESS_PERM" },
	{ 0x00040000, "OPEN_EXEC_PERM" },
	{ 0x00100000, "PRE_ACCESS" },
	{ 0x01000000, "MNT_ATTACH" },
	{ 0x02000000, "MNT_DETACH" },
	{ 0x08000000, "EVENT_ON_CHILD" },
	{ 0x10000000, "RENAME" },
	{ 0x40000000, "ONDIR" },
	{ 0, NULL },
};

const char *fanotify_mark_type_name(enum fanotify_mark_type type)
{
	switch (type) {
	case FANOTIFY_MARK_INODE:
		return "inode";
	case FANOTIFY_MARK_MOUNT:
		return "mount";
	case FANOTIFY_MARK_FILESYSTEM:
		return "filesystem";
	case FANOTIFY_MARK_MNTNS:
		return "mntns";
	}
	return "?";
}

static bool token_u32(const char *line, const char *eol, const char *name,
		      uint32_t *v)
{
	uint64_t x;

	if (!anon_token_u64(line, eol, name, 16, &x) || x > UINT32_MAX)
		return false;
	*v = (uint32_t)x;
	return true;
}

static int parse_mark(const char *line, const char *eol,
		      struct fanotify_mark *m)
{
	const char *ve;

	memset(m, 0, sizeof(*m));
	if (anon_token(line, eol, "ino", &ve)) {
		m->type = FANOTIFY_MARK_INODE;
		if (!anon_token_u64(line, eol, "ino", 16, &m->ino) ||
		    !anon_token_u64(line, eol, "sdev", 16, &m->sdev))
			return -EINVAL;
	} else if (anon_token(line, eol, "mnt_id", &ve)) {
		m->type = FANOTIFY_MARK_MOUNT;
		if (!anon_token_u64(line, eol, "mnt_id", 16, &m->mnt_id))
			return -EINVAL;
	} else if (anon_token(line, eol, "mnt_ns", &ve)) {
		m->type = FANOTIFY_MARK_MNTNS;
		if (!anon_token_u64(line, eol, "mnt_ns", 10, &m->mnt_ns))
			return -EINVAL;
	} else if (anon_token(line, eol, "sdev", &ve)) {
		m->type = FANOTIFY_MARK_FILESYSTEM;
		if (!anon_token_u64(line, eol, "sdev", 16, &m->sdev))
			return -EINVAL;
	} else {
		return -EINVAL;
	}
	if (!token_u32(line, eol, "mflags", &m->mflags) ||
	    !token_u32(line, eol, "mask", &m->mask) ||
	    !token_u32(line, eol, "ignored_mask", &m->ignored_mask))
		return -EINVAL;
	return 0;
}

int fanotify_fdinfo_parse(const char *buf, size_t len, struct fanotify_info *f)
{
	const char *end = buf + len, *line, *eol, *ve;
	bool group = false;
	int err = 0;

	memset(f, 0, sizeof(*f));
	for (line = buf; line < end; line = eol + 1) {
		struct fanotify_mark m;

		eol = memchr(line, '\n', (size_t)(end - line));
		if (!eol) {
			err = -EINVAL; /* cut short */
			break;
		}
		if (!anon_line_starts(line, eol, "fanotify "))
			continue;
		if (anon_token(line, eol, "flags", &ve)) {
			if (group ||
			    !token_u32(line, eol, "flags", &f->flags) ||
			    !token_u32(line, eol, "event-flags",
				       &f->event_flags))
				err = -EINVAL;
			group = true;
			continue;
		}
		if (parse_mark(line, eol, &m) != 0) {
			err = -EINVAL;
			continue;
		}
		f->v = xgrow(f->v, &f->alloc, f->count + 1, sizeof(*f->v));
		f->v[f->count++] = m;
	}
	return group ? err : -EINVAL;
}

void fanotify_info_release(struct fanotify_info *f)
{
	free(f->v);
	memset(f, 0, sizeof(*f));
}

static bool probe_fanotify(const struct fd *fd)
{
	return anon_target_is(fd->target, "fanotify");
}

static int parse_fanotify(struct fd *fd, const char *extra, size_t len)
{
	struct fanotify_info *f = xcalloc(1, sizeof(*f));
	int err = fanotify_fdinfo_parse(extra, len, f);

	fd->priv = f; /* the marks read are kept */
	return err;
}

static void describe_mark(const struct fanotify_mark *m, struct strbuf *out)
{
	switch (m->type) {
	case FANOTIFY_MARK_INODE:
		strbuf_addf(out, "inode %llu on ", (unsigned long long)m->ino);
		anon_dev_text(out, m->sdev);
		break;
	case FANOTIFY_MARK_MOUNT:
		strbuf_addf(out, "mount %llu", (unsigned long long)m->mnt_id);
		break;
	case FANOTIFY_MARK_FILESYSTEM:
		strbuf_adds(out, "filesystem ");
		anon_dev_text(out, m->sdev);
		break;
	case FANOTIFY_MARK_MNTNS:
		strbuf_addf(out, "mount namespace %llu",
			    (unsigned long long)m->mnt_ns);
		break;
	}
}

static void describe_mark_item(const void *mark, struct strbuf *out)
{
	describe_mark(mark, out);
}

static void describe_fanotify(const struct fd *fd, struct snapshot *snap,
			      struct strbuf *out)
{
	const struct fanotify_info *f = fd->priv;

	(void)snap;
	strbuf_adds(out, "fanotify");
	if (f)
		anon_describe_list(out, f->v, f->count, sizeof(*f->v), "mark",
				   "marks", describe_mark_item);
}

static void emit_mark(const struct fanotify_mark *m, struct sink *s,
		      struct strbuf *dev)
{
	bool inode = m->type == FANOTIFY_MARK_INODE;

	sink_begin_object(s, NULL);
	sink_cstr(s, "type", fanotify_mark_type_name(m->type));
	if (inode)
		sink_u64(s, "inode", m->ino);
	else
		sink_null(s, "inode");
	if (inode || m->type == FANOTIFY_MARK_FILESYSTEM) {
		strbuf_reset(dev);
		anon_dev_text(dev, m->sdev);
		sink_str(s, "dev", strbuf_str(dev), dev->len);
	} else {
		sink_null(s, "dev");
	}
	if (m->type == FANOTIFY_MARK_MOUNT)
		sink_u64(s, "mnt_id", m->mnt_id);
	else
		sink_null(s, "mnt_id");
	if (m->type == FANOTIFY_MARK_MNTNS)
		sink_u64(s, "mnt_ns", m->mnt_ns);
	else
		sink_null(s, "mnt_ns");
	sink_u64(s, "mflags", m->mflags);
	sink_flags(s, "mask", m->mask, fanotify_mask_names);
	sink_flags(s, "ignored_mask", m->ignored_mask, fanotify_mask_names);
	sink_end_object(s);
}

static void emit_fanotify(const struct fd *fd, struct snapshot *snap,
			  struct sink *s)
{
	const struct fanotify_info *f = fd->priv;
	struct strbuf dev = STRBUF_INIT;

	(void)snap;
	if (!f) {
		sink_null(s, "init_flags");
		sink_null(s, "event_flags");
		sink_null(s, "marks");
		return;
	}
	sink_flags(s, "init_flags", f->flags, fanotify_init_flag_names);
	sink_u64(s, "event_flags", f->event_flags);
	sink_begin_array(s, "marks");
	for (size_t i = 0; i < f->count; i++)
		emit_mark(&f->v[i], s, &dev);
	sink_end_array(s);
	strbuf_release(&dev);
}

static void release_fanotify(struct fd *fd)
{
	if (fd->priv)
		fanotify_info_release(fd->priv);
}

const struct fd_class fd_class_fanotify = {
	.kind = "fanotify",
	.needs = FD_NEED_FDINFO,
	.probe = probe_fanotify,
	.parse = parse_fanotify,
	.describe = describe_fanotify,
	.emit = emit_fanotify,
	.release = release_fanotify,
};
