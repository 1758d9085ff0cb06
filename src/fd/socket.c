/* Sockets before sock_diag told their family: "socket:[N]". Linking
 * looks the inode up and hands the fd to its family's class (unix, inet,
 * netlink, packet); a socket the kernel did not report stays here. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "fd/fd.h"
#include "fd/socket.h"
#include "model/snapshot.h"
#include "proc/link.h"

uint64_t fd_socket_inode(const struct fd *fd)
{
	uint64_t ino = 0;

	if (fd->target)
		proc_link_inode(fd->target, "socket", &ino);
	return ino;
}

const struct sock_info *fd_socket_info(const struct fd *fd,
				       struct snapshot *snap)
{
	return snapshot_socket_of(snap, fd->owner, fd_socket_inode(fd));
}

static bool probe_socket(const struct fd *fd)
{
	uint64_t ino;

	return fd->target && proc_link_inode(fd->target, "socket", &ino);
}

static const struct fd_class *family_class(const struct sock_info *si)
{
	switch (si->family) {
	case AF_UNIX:
		return &fd_class_unix;
	case AF_INET:
	case AF_INET6:
		return &fd_class_inet;
	case AF_NETLINK:
		return &fd_class_netlink;
	case AF_PACKET:
		return &fd_class_packet;
	}
	return NULL;
}

/* The family class is chosen here, before wanting, so its want runs. */
static void want_socket(const struct fd *cfd, struct snapshot *snap)
{
	struct fd *fd = (struct fd *)cfd;
	const struct sock_info *si = fd_socket_info(fd, snap);
	const struct fd_class *cls = si ? family_class(si) : NULL;

	if (!cls)
		return;
	fd->cls = cls;
	if (cls->want)
		cls->want(fd, snap);
}

/* What the kernel calls the socket's protocol ("TCP", "UDPv6",
 * "NETLINK"), from the fd's system.sockprotoname attribute, as lsof
 * does; "" when it cannot be read (a canned tree, the fd gone). The fd is
 * opened first and its inode checked: the number may hold another file
 * since the scan. */
static void socket_protocol(const struct fd *fd, struct snapshot *snap,
			    char *buf, size_t size)
{
	char path[64];
	struct stat st;
	ssize_t n = -1;
	int f;

	buf[0] = '\0';
	if (!snap->fs)
		return;
	snprintf(path, sizeof(path), "%d/fd/%d", (int)fd->owner, fd->num);
	f = openat(snap->fs->dirfd, path, O_PATH | O_CLOEXEC);
	if (f < 0)
		return;
	if (fstat(f, &st) == 0 && S_ISSOCK(st.st_mode) &&
	    st.st_ino == fd_socket_inode(fd)) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", f);
		n = getxattr(path, "system.sockprotoname", buf, size - 1);
	}
	close(f);
	buf[n > 0 ? strnlen(buf, (size_t)n) : 0] = '\0';
	for (char *c = buf; *c; c++)
		if (*c < 0x21 || *c > 0x7e) /* a name, never text to escape */
			*c = '?';
}

static void describe_socket(const struct fd *fd, struct snapshot *snap,
			    struct strbuf *out)
{
	int err = snapshot_socket_error(snap, fd->owner);
	char proto[32];

	socket_protocol(fd, snap, proto, sizeof(proto));
	if (proto[0])
		strbuf_addf(out, "%s ", proto);
	strbuf_addf(out, "socket inode %llu",
		    (unsigned long long)fd_socket_inode(fd));
	if (err == -EPERM || err == -EACCES)
		strbuf_adds(out, " (in another network namespace: run as root "
				 "to look inside)");
	else if (err)
		strbuf_addf(out, " (sock_diag failed: %s)", strerror(-err));
	else
		strbuf_adds(out, " (unknown to sock_diag)");
}

static void emit_socket(const struct fd *fd, struct snapshot *snap,
			struct sink *s)
{
	char proto[32];

	sink_u64(s, "inode", fd_socket_inode(fd));
	socket_protocol(fd, snap, proto, sizeof(proto));
	if (proto[0])
		sink_cstr(s, "protocol", proto);
}

const struct fd_class fd_class_socket = {
	.kind = "socket",
	.probe = probe_socket,
	.want = want_socket,
	.describe = describe_socket,
	.emit = emit_socket,
};
