/* Paths: regular files, directories, device nodes and FIFOs. They need
 * stat to be told apart (a FIFO's link is its path); FIFOs have peers. */
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "fd/fd.h"
#include "fd/openflags.h"
#include "model/snapshot.h"

static bool has_type(const struct fd *fd, mode_t type)
{
	return fd->has_stat && (fd->st_mode & S_IFMT) == type;
}

static bool probe_fifo(const struct fd *fd)
{
	return fd_target_is_path(fd) && has_type(fd, S_IFIFO);
}

static bool probe_device(const struct fd *fd)
{
	if (!fd_target_is_path(fd))
		return false;
	if (fd->has_stat)
		return has_type(fd, S_IFCHR) || has_type(fd, S_IFBLK);
	/* without stat (the daemon verdict reads only the link) */
	return strncmp(fd->target, "/dev/", 5) == 0;
}

static bool probe_dir(const struct fd *fd)
{
	return fd_target_is_path(fd) && has_type(fd, S_IFDIR);
}

static bool probe_file(const struct fd *fd)
{
	return fd_target_is_path(fd);
}

/* The path without the " (deleted)" the kernel appends. */
static size_t path_len(const struct fd *fd, bool *deleted)
{
	size_t len = strlen(fd->target);

	*deleted = len > 10 && strcmp(fd->target + len - 10, " (deleted)") == 0;
	return *deleted ? len - 10 : len;
}

static void describe_path(const struct fd *fd, struct strbuf *out)
{
	bool deleted;
	size_t len = path_len(fd, &deleted);

	fd_put_escaped(out, fd->target, len);
	if (deleted)
		strbuf_adds(out, " (deleted)");
}

static void describe_details(const struct fd *fd, struct strbuf *out,
			     bool offset)
{
	size_t before;

	if (!fd->has_info)
		return;
	strbuf_adds(out, "  ");
	before = out->len;
	fd_open_flags_text(fd->info.flags, out);
	if (offset)
		strbuf_addf(out, "%soffset %llu", out->len > before ? ", " : "",
			    (unsigned long long)fd->info.pos);
	if (out->len == before) { /* nothing to say: drop the separator */
		out->len -= 2;
		out->buf[out->len] = '\0';
	}
}

static void describe_file(const struct fd *fd, struct snapshot *snap,
			  struct strbuf *out)
{
	(void)snap;
	describe_path(fd, out);
	describe_details(fd, out, true);
}

static void describe_dir(const struct fd *fd, struct snapshot *snap,
			 struct strbuf *out)
{
	(void)snap;
	describe_path(fd, out);
	strbuf_adds(out, "/");
	describe_details(fd, out, false);
}

/* Whether a char device is a terminal, by the kernel's major numbers:
 * virtual consoles and serial ports (4), /dev/tty and console (5), pty
 * slaves (136-143). */
static bool is_terminal(const struct fd *fd)
{
	unsigned ma = major(fd->st_rdev);

	return has_type(fd, S_IFCHR) &&
	       (ma == 4 || ma == 5 || (ma >= 136 && ma <= 143));
}

/* The device as stat's tty_nr encodes it (the kernel's new_encode_dev). */
static int tty_nr_of(const struct fd *fd)
{
	unsigned ma = major(fd->st_rdev), mi = minor(fd->st_rdev);

	return (int)((mi & 0xff) | (ma << 8) | ((mi & ~0xffu) << 12));
}

static void describe_device(const struct fd *fd, struct snapshot *snap,
			    struct strbuf *out)
{
	describe_path(fd, out);
	if (fd->has_stat) {
		strbuf_addf(out, "  (%s %u:%u",
			    has_type(fd, S_IFCHR) ? "char" : "block",
			    major(fd->st_rdev), minor(fd->st_rdev));
		if (is_terminal(fd))
			strbuf_adds(out, snapshot_tty(snap, fd->owner) ==
						 tty_nr_of(fd)
					 ? ", controlling terminal"
					 : ", terminal");
		strbuf_adds(out, ")");
	}
	describe_details(fd, out, false);
}

static void want_fifo(const struct fd *fd, struct snapshot *snap)
{
	uint64_t key = snapshot_path_key(fd->target);

	snapshot_want_path(snap, fd->target, fd->st_dev, fd->st_ino);
	snapshot_want_end(snap, key, fd->has_mode ? fd->mode : 0);
}

static void link_fifo(struct fd *fd, struct snapshot *snap)
{
	fd_link_other_ends(fd, snap, snapshot_path_key(fd->target));
}

static void describe_fifo(const struct fd *fd, struct snapshot *snap,
			  struct strbuf *out)
{
	strbuf_adds(out, "fifo ");
	describe_path(fd, out);
	if (fd->npeers)
		fd_describe_peers(fd, snap, out);
	else
		fd_describe_no_peer(snap, out);
}

/* The mount the fd's mnt_id names, as the owner sees it. */
static void emit_mount(const struct fd *fd, struct snapshot *snap,
		       struct sink *s)
{
	const struct mount_table *t = snapshot_mounts(snap, fd->owner);
	const struct mount_entry *m =
		t ? mount_table_find_id(t, fd->info.mnt_id) : NULL;

	if (!m) {
		sink_null(s, "mount");
		return;
	}
	sink_begin_object(s, "mount");
	sink_i64(s, "id", m->id);
	sink_cstr(s, "point", m->point);
	sink_cstr(s, "fstype", m->fstype);
	sink_cstr(s, "source", m->source);
	sink_end_object(s);
}

static void emit_path(const struct fd *fd, struct snapshot *snap,
		      struct sink *s)
{
	bool deleted;
	size_t len = path_len(fd, &deleted);

	sink_str(s, "path", fd->target, len);
	sink_bool(s, "deleted", deleted);
	if (fd->has_info)
		fd_open_flags_emit(fd->info.flags, s);
	if (fd->has_info)
		emit_mount(fd, snap, s);
	if (fd->has_stat) {
		if (has_type(fd, S_IFCHR) || has_type(fd, S_IFBLK)) {
			sink_u64(s, "rdev_major", major(fd->st_rdev));
			sink_u64(s, "rdev_minor", minor(fd->st_rdev));
			if (is_terminal(fd))
				sink_bool(s, "controlling_terminal",
					  snapshot_tty(snap, fd->owner) ==
						  tty_nr_of(fd));
		} else {
			sink_u64(s, "size", fd->st_size);
		}
		sink_u64(s, "inode", fd->st_ino);
	}
}

static void emit_fifo(const struct fd *fd, struct snapshot *snap,
		      struct sink *s)
{
	emit_path(fd, snap, s);
	fd_emit_peers(fd, snap, s);
}

const struct fd_class fd_class_fifo = {
	.kind = "fifo",
	.needs = FD_NEED_STAT | FD_NEED_LINK_MODE,
	.probe = probe_fifo,
	.want = want_fifo,
	.link = link_fifo,
	.describe = describe_fifo,
	.emit = emit_fifo,
};

const struct fd_class fd_class_device = {
	.kind = "device",
	/* offset and flags come with the detailed view (FD_TABLE_ALL_FDINFO):
	 * the whole machine's files would double the cost of dscope fds -a */
	.needs = FD_NEED_STAT | FD_NEED_LINK_MODE,
	.probe = probe_device,
	.describe = describe_device,
	.emit = emit_path,
};

const struct fd_class fd_class_dir = {
	.kind = "dir",
	.needs = FD_NEED_STAT | FD_NEED_LINK_MODE,
	.probe = probe_dir,
	.describe = describe_dir,
	.emit = emit_path,
};

const struct fd_class fd_class_file = {
	.kind = "file",
	.needs = FD_NEED_STAT | FD_NEED_LINK_MODE,
	.probe = probe_file,
	.describe = describe_file,
	.emit = emit_path,
};
