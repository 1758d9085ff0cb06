/* sock_diag dumps through libmnl: one SOCK_DIAG_BY_FAMILY dump request per
 * family (and per protocol for inet), replies parsed by sockdiag_parse.c
 * into the table.
 *
 * What counts as a failed family: a unix, netlink or packet dump that
 * fails, or a TCP or UDP dump. UDP-Lite and raw sockets are optional: a
 * kernel without them (ENOENT, EOPNOTSUPP, EINVAL, ...) is not a failure,
 * any other error is. TIME-WAIT and request (NEW-SYN-RECV) TCP sockets are
 * not asked for: they have no inode, so no fd can be joined to them. */
#include "net/sockdiag.h"

#include <errno.h>
#include <fcntl.h>
#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/netlink_diag.h>
#include <linux/packet_diag.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/xalloc.h"

/* The kernel fills dump replies up to about 32 KiB when the reader offers
 * that much; a larger buffer costs nothing and never truncates. */
#define RECV_BUF_SIZE (64 * 1024)

/* How often a dump the kernel flagged as interrupted is restarted. */
#define DUMP_RETRIES 3

struct dumper {
	struct sock_table *t;
	struct mnl_socket *nl;
	unsigned portid;
	unsigned seq;
	char *buf;
	int netns_fd; /* -1: the calling thread's namespace */
	int orig_fd;  /* to return to from netns_fd */
};

enum dump_kind { DUMP_UNIX, DUMP_INET, DUMP_NETLINK, DUMP_PACKET };

struct dump_state {
	struct sock_table *t;
	enum dump_kind kind;
	uint8_t protocol; /* inet: the protocol asked for */
	bool finished;	  /* NLMSG_DONE or NLMSG_ERROR seen */
	int err;
};

static int data_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dump_state *st = data;
	struct sock_info *s = NULL;
	int r = -EINVAL;

	if (nlh->nlmsg_type != SOCK_DIAG_BY_FAMILY)
		return MNL_CB_OK;
	switch (st->kind) {
	case DUMP_UNIX:
		r = sockdiag_parse_unix(nlh, &s);
		break;
	case DUMP_INET:
		r = sockdiag_parse_inet(nlh, st->protocol, &s);
		break;
	case DUMP_NETLINK:
		r = sockdiag_parse_netlink(nlh, &s);
		break;
	case DUMP_PACKET:
		r = sockdiag_parse_packet(nlh, &s);
		break;
	}
	/* A malformed message is skipped: the rest of the dump is still
	 * good. Sockets without an inode have no fd to be joined to. */
	if (r == 0 && s->ino)
		sock_table_add(st->t, s);
	else
		sock_info_free(s);
	return MNL_CB_OK;
}

static int done_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dump_state *st = data;
	int e;

	st->finished = true;
	/* a dump that failed on the way says so in NLMSG_DONE */
	if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(e)) {
		memcpy(&e, mnl_nlmsg_get_payload(nlh), sizeof(e));
		if (e < 0) {
			st->err = e;
			errno = -e;
			return MNL_CB_ERROR;
		}
	}
	return MNL_CB_STOP;
}

static int error_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dump_state *st = data;
	struct nlmsgerr e;

	st->finished = true;
	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(e)) {
		st->err = -EBADMSG;
	} else {
		memcpy(&e, mnl_nlmsg_get_payload(nlh), sizeof(e));
		if (e.error == 0)
			return MNL_CB_STOP;
		st->err = e.error < 0 ? e.error : -e.error;
	}
	errno = -st->err;
	return MNL_CB_ERROR;
}

static int noop_cb(const struct nlmsghdr *nlh, void *data)
{
	(void)nlh;
	(void)data;
	return MNL_CB_OK;
}

static void dumper_close(struct dumper *d)
{
	if (d->nl)
		mnl_socket_close(d->nl);
	d->nl = NULL;
}

/* Opens the dump socket, inside netns_fd when set: a netlink socket
 * belongs to the namespace it was created in, so the thread enters the
 * namespace only for socket(2). setns() affects the calling thread only. */
static int dumper_open(struct dumper *d)
{
	int err = 0;

	if (d->netns_fd >= 0 && setns(d->netns_fd, CLONE_NEWNET) < 0)
		return -errno;
	d->nl = mnl_socket_open2(NETLINK_SOCK_DIAG, SOCK_CLOEXEC);
	if (!d->nl)
		err = -errno;
	if (d->netns_fd >= 0 && setns(d->orig_fd, CLONE_NEWNET) < 0) {
		err = -errno;
		dumper_close(d);
		return err;
	}
	if (err)
		return err;
	if (mnl_socket_bind(d->nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		err = -errno;
		dumper_close(d);
		return err;
	}
	d->portid = mnl_socket_get_portid(d->nl);
	return 0;
}

/* One dump; returns 0 or -errno. A dump that did not end cleanly leaves
 * replies in flight, so its socket is dropped and the next dump opens a
 * fresh one. */
static int dump_once(struct dumper *d, struct dump_state *st, const void *req,
		     size_t reqlen)
{
	/* on the stack: libmnl wants a mutable array */
	mnl_cb_t ctl_cbs[NLMSG_MIN_TYPE] = {
		[NLMSG_NOOP] = noop_cb,
		[NLMSG_ERROR] = error_cb,
		[NLMSG_DONE] = done_cb,
		[NLMSG_OVERRUN] = noop_cb,
	};
	struct nlmsghdr *nlh;
	ssize_t n;
	int err = 0, r;

	st->finished = false;
	st->err = 0;
	if (!d->nl && (err = dumper_open(d)) < 0)
		return err;
	nlh = mnl_nlmsg_put_header(d->buf);
	nlh->nlmsg_type = SOCK_DIAG_BY_FAMILY;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = ++d->seq;
	memcpy(mnl_nlmsg_put_extra_header(nlh, reqlen), req, reqlen);
	if (mnl_socket_sendto(d->nl, nlh, nlh->nlmsg_len) < 0) {
		err = -errno;
		goto out;
	}
	for (;;) {
		n = mnl_socket_recvfrom(d->nl, d->buf, RECV_BUF_SIZE);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = n < 0 ? -errno : -EIO;
			break;
		}
		r = mnl_cb_run2(d->buf, (size_t)n, d->seq, d->portid, data_cb,
				st, ctl_cbs, NLMSG_MIN_TYPE);
		if (r == MNL_CB_ERROR) {
			/* EINTR here: NLM_F_DUMP_INTR, the dump changed
			 * under us */
			err = st->err ? st->err : -errno;
			break;
		}
		if (r == MNL_CB_STOP)
			break;
	}
out:
	if (!st->finished)
		dumper_close(d);
	return err;
}

static int dump(struct dumper *d, struct dump_state *st, const void *req,
		size_t reqlen)
{
	int err, tries = 0;

	do
		err = dump_once(d, st, req, reqlen);
	while (err == -EINTR && !st->finished && ++tries < DUMP_RETRIES);
	return err;
}

static void record_failure(struct sock_table *t, unsigned family, int err)
{
	t->failed |= family;
	if (!t->error)
		t->error = err;
}

static int dump_unix(struct dumper *d)
{
	struct dump_state st = { .t = d->t, .kind = DUMP_UNIX };
	struct unix_diag_req req = {
		.sdiag_family = AF_UNIX,
		.udiag_states = ~0u,
		/* kernels before 5.3 ignore UDIAG_SHOW_UID */
		.udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_VFS |
			      UDIAG_SHOW_PEER | UDIAG_SHOW_ICONS |
			      UDIAG_SHOW_RQLEN | UDIAG_SHOW_UID,
	};

	return dump(d, &st, &req, sizeof(req));
}

/* The kernel's way of saying "no such protocol here". */
static bool not_supported(int err)
{
	return err == -ENOENT || err == -EOPNOTSUPP || err == -EINVAL ||
	       err == -EPROTONOSUPPORT || err == -EAFNOSUPPORT;
}

static int dump_inet_one(struct dumper *d, uint8_t family, uint8_t protocol)
{
	struct dump_state st = { .t = d->t,
				 .kind = DUMP_INET,
				 .protocol = protocol };
	struct inet_diag_req_raw req = {
		.sdiag_family = family,
		.sdiag_protocol = protocol,
		.idiag_ext = 1 << (INET_DIAG_SHUTDOWN - 1),
		.idiag_states = ~0u,
	};

	if (protocol == IPPROTO_TCP)
		req.idiag_states &= ~((1u << TCP_TIME_WAIT) |
				      (1u << 12 /* TCP_NEW_SYN_RECV */));
	/* A raw dump lists the raw sockets of every protocol (each reply
	 * names its own in INET_DIAG_PROTOCOL); sdiag_raw_protocol only
	 * matters for single-socket lookups. */
	if (protocol == IPPROTO_RAW)
		req.sdiag_raw_protocol = IPPROTO_RAW;
	return dump(d, &st, &req, sizeof(req));
}

static int dump_inet(struct dumper *d)
{
	static const struct {
		uint8_t protocol;
		bool optional;
	} protos[] = {
		{ IPPROTO_TCP, false },
		{ IPPROTO_UDP, false },
		{ IPPROTO_UDPLITE, true },
		{ IPPROTO_RAW, true },
	};
	static const uint8_t families[] = { AF_INET, AF_INET6 };
	int first = 0, ok = 0;

	for (size_t i = 0; i < sizeof(protos) / sizeof(protos[0]); i++) {
		for (size_t j = 0; j < sizeof(families); j++) {
			int err = dump_inet_one(d, families[j],
						protos[i].protocol);

			if (!err) {
				ok++;
				continue;
			}
			if (protos[i].optional && not_supported(err))
				continue;
			if (!first)
				first = err;
		}
	}
	return first ? first : ok ? 0 : -EOPNOTSUPP;
}

static int dump_netlink(struct dumper *d)
{
	struct dump_state st = { .t = d->t, .kind = DUMP_NETLINK };
	struct netlink_diag_req req = {
		.sdiag_family = AF_NETLINK,
		.sdiag_protocol = NDIAG_PROTO_ALL,
		.ndiag_show = NDIAG_SHOW_GROUPS,
	};

	return dump(d, &st, &req, sizeof(req));
}

static int dump_packet(struct dumper *d)
{
	struct dump_state st = { .t = d->t, .kind = DUMP_PACKET };
	struct packet_diag_req req = {
		.sdiag_family = AF_PACKET,
		.pdiag_show = PACKET_SHOW_INFO,
	};

	return dump(d, &st, &req, sizeof(req));
}

static int dump_all(struct dumper *d, unsigned families)
{
	static const struct {
		unsigned family;
		int (*fn)(struct dumper *d);
	} steps[] = {
		{ SOCKDIAG_UNIX, dump_unix },
		{ SOCKDIAG_INET, dump_inet },
		{ SOCKDIAG_NETLINK, dump_netlink },
		{ SOCKDIAG_PACKET, dump_packet },
	};
	int first = 0;
	bool any = false;

	d->buf = xmalloc(RECV_BUF_SIZE);
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		int err;

		if (!(families & steps[i].family))
			continue;
		err = steps[i].fn(d);
		if (err) {
			record_failure(d->t, steps[i].family, err);
			if (!first)
				first = err;
		} else {
			any = true;
		}
	}
	dumper_close(d);
	free(d->buf);
	d->buf = NULL;
	return any || !first ? 0 : first;
}

int sockdiag_dump(struct sock_table *t, unsigned families)
{
	struct dumper d = { .t = t, .netns_fd = -1, .orig_fd = -1 };

	return dump_all(&d, families);
}

static int open_own_netns(void)
{
	char path[64];
	int fd = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);

	if (fd >= 0 || errno != ENOENT)
		return fd < 0 ? -errno : fd;
	/* kernels before 3.17 have no /proc/thread-self */
	snprintf(path, sizeof(path), "/proc/self/task/%d/ns/net", gettid());
	fd = open(path, O_RDONLY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int sockdiag_dump_netns(struct sock_table *t, unsigned families, int netns_fd)
{
	struct dumper d = { .t = t, .netns_fd = netns_fd };
	int err;

	d.orig_fd = open_own_netns();
	if (d.orig_fd < 0)
		return d.orig_fd;
	/* try the switch once up front, so that a caller without
	 * CAP_SYS_ADMIN gets -EPERM instead of a table of failures */
	if (setns(netns_fd, CLONE_NEWNET) < 0) {
		err = -errno;
		close(d.orig_fd);
		return err;
	}
	if (setns(d.orig_fd, CLONE_NEWNET) < 0) {
		err = -errno;
		close(d.orig_fd);
		return err;
	}
	err = dump_all(&d, families);
	close(d.orig_fd);
	return err;
}
