/* Pipes: the processes holding the other end, with their fd and mode. */
#include "fd/fd.h"
#include "model/snapshot.h"
#include "proc/link.h"

static bool probe_pipe(const struct fd *fd)
{
	uint64_t ino;

	return fd->target && proc_link_inode(fd->target, "pipe", &ino);
}

static void want_pipe(const struct fd *fd, struct snapshot *snap)
{
	snapshot_want_end(snap, snapshot_target_key(fd->target),
			  fd->has_mode ? fd->mode : 0);
}

static void link_pipe(struct fd *fd, struct snapshot *snap)
{
	fd_link_other_ends(fd, snap, snapshot_target_key(fd->target));
}

static void describe_pipe(const struct fd *fd, struct snapshot *snap,
			  struct strbuf *out)
{
	strbuf_adds(out, "pipe");
	if (fd->npeers)
		fd_describe_peers(fd, snap, out);
	else
		fd_describe_no_peer(snap, out);
}

static void emit_pipe(const struct fd *fd, struct snapshot *snap,
		      struct sink *s)
{
	uint64_t ino = 0;

	proc_link_inode(fd->target, "pipe", &ino);
	sink_u64(s, "inode", ino);
	fd_emit_peers(fd, snap, s);
}

const struct fd_class fd_class_pipe = {
	.kind = "pipe",
	.needs = FD_NEED_LINK_MODE,
	.probe = probe_pipe,
	.want = want_pipe,
	.link = link_pipe,
	.describe = describe_pipe,
	.emit = emit_pipe,
};
