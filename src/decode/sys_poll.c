/* Family "poll" (see families.h): epoll_*, poll, ppoll, select, pselect6.
 * What these calls wait for is shown at entry; the ready epoll events at
 * exit; after the result of poll and select, as strace does, what is
 * ready and the time left: "= 1 ([{fd=3, revents=POLLIN}])",
 * "= 1 (in [3], left {tv_sec=0, tv_usec=0})", "= 0 (Timeout)". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/families.h"

/* Bits of an fd_set read at most (8 KiB), and fds listed at most. */
#define FDSET_MAX_BITS 65536
#define FDSET_SHOWN 1024

static const struct flag_name epoll_events[] = {
	{ 0x001, "EPOLLIN" },	     { 0x002, "EPOLLPRI" },
	{ 0x004, "EPOLLOUT" },	     { 0x008, "EPOLLERR" },
	{ 0x010, "EPOLLHUP" },	     { 0x020, "EPOLLNVAL" },
	{ 0x040, "EPOLLRDNORM" },    { 0x080, "EPOLLRDBAND" },
	{ 0x100, "EPOLLWRNORM" },    { 0x200, "EPOLLWRBAND" },
	{ 0x400, "EPOLLMSG" },	     { 0x2000, "EPOLLRDHUP" },
	{ 1u << 27, "EPOLL_URING_WAKE" }, { 1u << 28, "EPOLLEXCLUSIVE" },
	{ 1u << 29, "EPOLLWAKEUP" }, { 1u << 30, "EPOLLONESHOT" },
	{ 1u << 31, "EPOLLET" },     { 0, NULL },
};

static const struct flag_name epoll_ctl_ops[] = {
	{ 1, "EPOLL_CTL_ADD" }, { 2, "EPOLL_CTL_DEL" }, { 3, "EPOLL_CTL_MOD" },
	{ 0, NULL },
};

static const struct flag_name epoll_create_flags[] = {
	{ 02000000, "EPOLL_CLOEXEC" }, { 0, NULL },
};

static const struct flag_name poll_events[] = {
	{ 0x001, "POLLIN" },	  { 0x002, "POLLPRI" },	   { 0x004, "POLLOUT" },
	{ 0x008, "POLLERR" },	  { 0x010, "POLLHUP" },	   { 0x020, "POLLNVAL" },
	{ 0x040, "POLLRDNORM" },  { 0x080, "POLLRDBAND" }, { 0x100, "POLLWRNORM" },
	{ 0x200, "POLLWRBAND" },  { 0x400, "POLLMSG" },	   { 0x1000, "POLLREMOVE" },
	{ 0x2000, "POLLRDHUP" },  { 0x8000, "POLL_BUSY_LOOP" },
	{ 0, NULL },
};

/* The mask and, in the next argument, its size: epoll_pwait* (args 4, 5),
 * ppoll (args 3, 4). */
static void in_sigmask4(struct decode_call *c, struct dout *o, const char *key,
			uint64_t v)
{
	decode_put_sigset(c, o, key, v, c->args[5]);
}

static void in_sigmask3(struct decode_call *c, struct dout *o, const char *key,
			uint64_t v)
{
	decode_put_sigset(c, o, key, v, c->args[4]);
}

/* epoll */

/* x86_64's struct epoll_event is packed: u32 events, u64 data (12 bytes). */
#define EPOLL_EVENT_SIZE 12

static void epoll_event_fields(struct decode_call *c, struct dout *o,
			       const void *data, size_t size)
{
	uint32_t events;
	uint64_t u64;

	(void)c;
	(void)size;
	memcpy(&events, data, sizeof(events));
	memcpy(&u64, (const char *)data + 4, sizeof(u64));
	dout_flags(o, "events", events, epoll_events);
	dout_begin_struct(o, "data");
	dout_uint(o, "u32", (uint32_t)u64);
	dout_uint(o, "u64", u64);
	dout_end_struct(o);
}

static void epoll_event_elem(struct decode_call *c, struct dout *o,
			     const void *data, size_t size)
{
	dout_begin_struct(o, NULL);
	epoll_event_fields(c, o, data, size);
	dout_end_struct(o);
}

static void in_epoll_event(struct decode_call *c, struct dout *o,
			   const char *key, uint64_t v)
{
	decode_put_struct(c, o, key, v, EPOLL_EVENT_SIZE, epoll_event_fields);
}

static void in_epoll_op(struct decode_call *c, struct dout *o, const char *key,
			uint64_t v)
{
	(void)c;
	decode_put_xlat(o, key, (uint32_t)v, epoll_ctl_ops, "EPOLL_CTL_???");
}

/* The ready events: as many as returned, never more than maxevents. */
static void out_epoll_events(struct decode_call *c, struct dout *o,
			     const char *key, uint64_t v)
{
	int32_t max = (int32_t)c->args[2];
	uint64_t n = (uint64_t)c->ret;

	if (c->ret < 0 || max <= 0) {
		dout_ptr(o, key, v);
		return;
	}
	if (n > (uint64_t)max)
		n = (uint64_t)max;
	decode_put_array(c, o, key, v, n, EPOLL_EVENT_SIZE, epoll_event_elem);
}

/* poll */

static void pollfd_elem(struct decode_call *c, struct dout *o,
			const void *data, size_t size)
{
	int32_t fd;
	uint16_t events;

	(void)c;
	(void)size;
	memcpy(&fd, data, sizeof(fd));
	memcpy(&events, (const char *)data + 4, sizeof(events));
	dout_begin_struct(o, NULL);
	dout_fd(o, "fd", fd);
	if (fd >= 0) /* the kernel ignores a negative fd's events */
		dout_flags(o, "events", events, poll_events);
	dout_end_struct(o);
}

static void in_pollfds(struct decode_call *c, struct dout *o, const char *key,
		       uint64_t v)
{
	decode_put_array(c, o, key, v, (uint32_t)c->args[1], 8, pollfd_elem);
}

static void in_timespec(struct decode_call *c, struct dout *o, const char *key,
			uint64_t v)
{
	decode_put_timespec(c, o, key, v);
}

/* select */

/* Reads the fd_set at addr of nfds bits (bounded); NULL when it cannot. */
static unsigned char *read_fdset(struct decode_call *c, uint64_t addr,
				 size_t *nbits)
{
	int32_t nfds = (int32_t)c->args[0];
	unsigned char *bits;
	size_t bytes;

	if (!addr || nfds < 0)
		return NULL;
	*nbits = (size_t)nfds < FDSET_MAX_BITS ? (size_t)nfds : FDSET_MAX_BITS;
	bytes = (*nbits + 7) / 8;
	bits = malloc(bytes + 1);
	if (bits && decode_read(c, addr, bits, bytes) != 0) {
		free(bits);
		return NULL;
	}
	return bits;
}

/* The fds of a set, "3 4 7" (each named when namer is set). Returns how
 * many there were. */
static size_t fdset_text(const unsigned char *bits, size_t nbits,
			 const struct dout_fd_namer *namer, struct strbuf *sb)
{
	size_t shown = 0;

	for (size_t fd = 0; fd < nbits; fd++) {
		if (!(bits[fd / 8] & (1u << (fd % 8))))
			continue;
		if (shown == FDSET_SHOWN) {
			strbuf_adds(sb, " ...");
			break;
		}
		strbuf_addf(sb, shown ? " %zu" : "%zu", fd);
		if (namer && namer->text) {
			strbuf_addc(sb, '<');
			namer->text(namer->ctx, (int)fd, sb);
			strbuf_addc(sb, '>');
		}
		shown++;
	}
	return shown;
}

/* An fd_set of nfds bits: [3 4 7] in text (fds named), an array of
 * numbers in JSON. */
static void in_fdset(struct decode_call *c, struct dout *o, const char *key,
		     uint64_t v)
{
	struct strbuf sb = STRBUF_INIT;
	size_t nbits = 0;
	unsigned char *bits = read_fdset(c, v, &nbits);

	if (!bits) {
		dout_ptr(o, key, v);
		return;
	}
	if (o->mode == DOUT_TEXT) {
		strbuf_addc(&sb, '[');
		fdset_text(bits, nbits, &o->namer, &sb);
		strbuf_addc(&sb, ']');
		dout_raw(o, key, strbuf_str(&sb));
	} else {
		dout_begin_array(o, key);
		for (size_t fd = 0; fd < nbits; fd++)
			if (bits[fd / 8] & (1u << (fd % 8)))
				dout_uint(o, NULL, fd);
		dout_end_array(o);
	}
	strbuf_release(&sb);
	free(bits);
}

static void in_timeval(struct decode_call *c, struct dout *o, const char *key,
		       uint64_t v)
{
	decode_put_timeval(c, o, key, v);
}

/* pselect6's last argument: struct { const sigset_t *ss; size_t ss_len; }. */
static void pselect_sig_fields(struct decode_call *c, struct dout *o,
			       const void *data, size_t size)
{
	uint64_t s[2];

	(void)size;
	memcpy(s, data, sizeof(s));
	decode_put_sigset(c, o, "sigmask", s[0], s[1]);
	dout_uint(o, "sigsetsize", s[1]);
}

static void in_pselect_sig(struct decode_call *c, struct dout *o,
			   const char *key, uint64_t v)
{
	decode_put_struct(c, o, key, v, 16, pselect_sig_fields);
}

/* The notes after the result. They are composed as text (fds bare, as
 * strace -y shows them there) into c->note_buf. */

/* Appends the ready pollfds: [{fd=3, revents=POLLIN}, ...]. */
static void note_revents(struct decode_call *c, struct strbuf *sb)
{
	uint32_t n = (uint32_t)c->args[1];
	uint32_t shown = n < 64 ? n : 64;
	unsigned char buf[64 * 8];
	bool first = true;

	size_t at = sb->len;

	if (decode_read(c, c->args[0], buf, shown * 8u) != 0)
		return;
	strbuf_addc(sb, '[');
	for (uint32_t i = 0; i < shown; i++) {
		int32_t fd;
		uint16_t revents;

		memcpy(&fd, buf + i * 8, sizeof(fd));
		memcpy(&revents, buf + i * 8 + 6, sizeof(revents));
		if (!revents)
			continue;
		strbuf_addf(sb, "%s{fd=%d, revents=", first ? "" : ", ", fd);
		dout_join_flags(sb, revents, poll_events);
		strbuf_addc(sb, '}');
		first = false;
	}
	strbuf_addc(sb, ']');
	if (first) { /* nothing ready after all */
		sb->len = at;
		sb->buf[at] = '\0';
	}
}

/* ", left {tv_sec=0, tv_nsec=0}": the time a timeout had left. */
static void note_left(struct decode_call *c, struct strbuf *sb, uint64_t addr,
		      bool usec)
{
	int64_t t[2];

	if (!addr || decode_read(c, addr, t, sizeof(t)) != 0)
		return;
	strbuf_addf(sb, "%sleft {tv_sec=%lld, %s=%lld}", sb->len ? ", " : "",
		    (long long)t[0], usec ? "tv_usec" : "tv_nsec",
		    (long long)t[1]);
}

/* Sets the note from what was composed in sb. */
static void set_note(struct decode_call *c, struct strbuf *sb)
{
	if (c->ret == 0) {
		c->ret_note = "Timeout";
	} else if (sb->len) {
		snprintf(c->note_buf, sizeof(c->note_buf), "%s", sb->buf);
		c->ret_note = c->note_buf;
	}
	strbuf_release(sb);
}

static void pollfds_note(struct decode_call *c, bool left)
{
	struct strbuf sb = STRBUF_INIT;

	if (c->ret < 0)
		return;
	if (c->ret > 0)
		note_revents(c, &sb);
	if (left)
		note_left(c, &sb, c->args[2], false);
	set_note(c, &sb);
}

static void poll_note(struct decode_call *c)
{
	pollfds_note(c, false);
}

static void ppoll_note(struct decode_call *c)
{
	pollfds_note(c, true);
}

/* "in [3], out [4], left {...}" */
static void select_note(struct decode_call *c, bool usec)
{
	static const char *const names[] = { "in", "out", "except" };
	struct strbuf sb = STRBUF_INIT;

	if (c->ret < 0)
		return;
	for (int i = 0; i < 3 && c->ret > 0; i++) {
		size_t nbits = 0;
		unsigned char *bits = read_fdset(c, c->args[1 + i], &nbits);
		size_t at = sb.len;

		if (!bits)
			continue;
		strbuf_addf(&sb, "%s%s [", sb.len ? ", " : "", names[i]);
		if (fdset_text(bits, nbits, NULL, &sb) == 0) {
			sb.len = at; /* nothing ready in this set */
			sb.buf[at] = '\0';
		} else {
			strbuf_addc(&sb, ']');
		}
		free(bits);
	}
	note_left(c, &sb, c->args[4], usec);
	set_note(c, &sb);
}

static void select_timeval_note(struct decode_call *c)
{
	select_note(c, true);
}

static void select_timespec_note(struct decode_call *c)
{
	select_note(c, false);
}

const struct syscall_spec decode_family_poll[] = {
	{ "epoll_create", RET_FD, { { "size", ARG_INT } } },
	{ "epoll_create1", RET_FD, { { "flags", ARG_FLAGS, epoll_create_flags } } },
	{ "epoll_ctl", RET_INT, { { "epfd", ARG_FD }, { "op", ARG_IN, in_epoll_op }, { "fd", ARG_FD }, { "event", ARG_IN, in_epoll_event } } },
	{ "epoll_wait", RET_INT, { { "epfd", ARG_FD }, { "events", ARG_OUT, out_epoll_events }, { "maxevents", ARG_INT }, { "timeout", ARG_INT } } },
	{ "epoll_pwait", RET_INT, { { "epfd", ARG_FD }, { "events", ARG_OUT, out_epoll_events }, { "maxevents", ARG_INT }, { "timeout", ARG_INT }, { "sigmask", ARG_IN, in_sigmask4 }, { "sigsetsize", ARG_UINT } } },
	{ "epoll_pwait2", RET_INT, { { "epfd", ARG_FD }, { "events", ARG_OUT, out_epoll_events }, { "maxevents", ARG_INT }, { "timeout", ARG_IN, in_timespec }, { "sigmask", ARG_IN, in_sigmask4 }, { "sigsetsize", ARG_UINT } } },
	{ "poll", RET_INT, { { "fds", ARG_IN, in_pollfds }, { "nfds", ARG_UINT }, { "timeout", ARG_INT } }, NULL, poll_note },
	{ "ppoll", RET_INT, { { "fds", ARG_IN, in_pollfds }, { "nfds", ARG_UINT }, { "tmo_p", ARG_IN, in_timespec }, { "sigmask", ARG_IN, in_sigmask3 }, { "sigsetsize", ARG_UINT } }, NULL, ppoll_note },
	{ "select", RET_INT, { { "nfds", ARG_INT }, { "readfds", ARG_IN, in_fdset }, { "writefds", ARG_IN, in_fdset }, { "exceptfds", ARG_IN, in_fdset }, { "timeout", ARG_IN, in_timeval } }, NULL, select_timeval_note },
	{ "pselect6", RET_INT, { { "nfds", ARG_INT }, { "readfds", ARG_IN, in_fdset }, { "writefds", ARG_IN, in_fdset }, { "exceptfds", ARG_IN, in_fdset }, { "timeout", ARG_IN, in_timespec }, { "sigmask", ARG_IN, in_pselect_sig } }, NULL, select_timespec_note },
	{ NULL },
};

/* What the decoders above read (decode/capture.h), for backends that
 * capture it while the call runs. A plan holds 4 regions, and select's
 * sets and timeout alone fill it: so the arguments the notes read again
 * at exit (the pollfds' revents, the sets ready, the time left) are
 * captured at entry and at exit by their argument's shape, and the notes
 * (poll_note, ppoll_note, select_*_note) have none of their own. */
/* clang-format off */
const struct capture_shape decode_shapes_poll[] = {
	{ (const void *)in_epoll_event, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, EPOLL_EVENT_SIZE } } },
	/* at most 16 shown */
	{ (const void *)out_epoll_events, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_RET, 0, EPOLL_EVENT_SIZE, 16 * EPOLL_EVENT_SIZE } } },
	/* epoll_pwait*'s mask follows the events, an out argument: read at
	 * exit */
	{ (const void *)in_sigmask4, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_CONST, 0, 8 } } },
	{ (const void *)in_sigmask3, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, 8 } } },
	/* 16 pollfds shown at entry, 64 read for the revents at exit */
	{ (const void *)in_pollfds, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_BOTH, CAPTURE_LEN_ARG, 1, 8, 64 * 8 } } },
	/* at entry (ppoll, pselect6) and at exit (epoll_pwait2's follows the
	 * events; the time left) */
	{ (const void *)in_timespec, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_BOTH, CAPTURE_LEN_CONST, 0, 16 } } },
	/* nfds bits, in whole longs as the kernel reads them */
	{ (const void *)in_fdset, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_BOTH, CAPTURE_LEN_BITS, 0, 1, FDSET_MAX_BITS / 8 } } },
	{ (const void *)in_timeval, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_BOTH, CAPTURE_LEN_CONST, 0, 16 } } },
	/* the {ss, ss_len} pair; the mask it points to is not captured (and
	 * pselect6's plan is full before it) */
	{ (const void *)in_pselect_sig, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_ENTRY, CAPTURE_LEN_CONST, 0, 16 } } },
	{ NULL },
};
/* clang-format on */
