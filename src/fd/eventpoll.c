/* clang-format off */
/* Epoll sets ("anon_inode:[eventpoll]"): the fds they watch, with which
 * events, and whether each entry still names the file it was added for.
 *
 * fdinfo on Linux 6.18, one line per entry, in the kernel's tree order
 * (by file, not by fd), values padded after their colons:
 *
 *	tfd:        3 events:       19 data:                3  pos:0 ino:40e sdev:10
 *
 * tfd is decimal, events, data, ino and sdev are hex, pos is signed
 * decimal. The kernel adds ERR and HUP to every entry, and once a
 * ONESHOT entry fired only the flag bits (ONESHOT, ET, WAKEUP, EXCLUSIVE)
 * remain. An entry outlives close(2) of its fd while the file stays open
 * elsewhere (a dup, a child), so the fd number may be closed or name
 * another file: link() checks each against the owner's fd table.
 * Anonymous inodes (eventfd, timerfd, signalfd, epoll, inotify, ...)
 * share one inode, so an eventfd replaced by a timerfd at the same number
 * is not seen as reused; pipes, sockets, files, pidfds and io_urings have
 * inodes of their own. */
/* clang-format on */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "fd/anon_parse.h"
#include "fd/eventpoll.h"
#include "fd/fd.h"
#include "model/snapshot.h"
#include "proc/link.h"

#define EP_IN	     0x001u
#define EP_ERR	     0x008u
#define EP_HUP	     0x010u
#define EP_EXCLUSIVE (1u << 28)
#define EP_WAKEUP    (1u << 29)
#define EP_ONESHOT   (1u << 30)
#define EP_ET	     (1u << 31)
/* bits that are flags of the entry rather than events */
#define EP_PRIVATE (EP_EXCLUSIVE | EP_WAKEUP | EP_ONESHOT | EP_ET)

const struct flag_name eventpoll_event_names[] = {
	{ 0x001, "IN" },	 { 0x002, "PRI" },
	{ 0x004, "OUT" },	 { 0x008, "ERR" },
	{ 0x010, "HUP" },	 { 0x040, "RDNORM" },
	{ 0x080, "RDBAND" },	 { 0x100, "WRNORM" },
	{ 0x200, "WRBAND" },	 { 0x400, "MSG" },
	{ 0x2000, "RDHUP" },	 { EP_EXCLUSIVE, "EXCLUSIVE" },
	{ EP_WAKEUP, "WAKEUP" }, { EP_ONESHOT, "ONESHOT" },
	{ EP_ET, "ET" },	 { 0, NULL },
};

void eventpoll_events_text(struct strbuf *out, uint32_t events)
{
	uint32_t shown = events;

	if (!(events & ~EP_PRIVATE) && (events & EP_ONESHOT)) {
		anon_flags_text(out, events, eventpoll_event_names, "|");
		strbuf_adds(out, " (fired)");
		return;
	}
	/* ERR|HUP are on every entry: show them only when nothing else is */
	if ((events & (EP_ERR | EP_HUP)) == (EP_ERR | EP_HUP) &&
	    (events & ~(EP_PRIVATE | EP_ERR | EP_HUP)))
		shown &= ~(EP_ERR | EP_HUP);
	if (!shown)
		strbuf_adds(out, "-");
	else
		anon_flags_text(out, shown, eventpoll_event_names, "|");
}

static int parse_entry(const char *line, const char *eol, struct epoll_entry *e)
{
	uint64_t tfd, events;
	const char *p, *ve;

	memset(e, 0, sizeof(*e));
	if (!anon_token_u64(line, eol, "tfd", 10, &tfd) || tfd > INT_MAX)
		return -EINVAL;
	if (!anon_token_u64(line, eol, "events", 16, &events) ||
	    events > UINT32_MAX)
		return -EINVAL;
	if (!anon_token_u64(line, eol, "data", 16, &e->data) ||
	    !anon_token_u64(line, eol, "ino", 16, &e->ino) ||
	    !anon_token_u64(line, eol, "sdev", 16, &e->sdev))
		return -EINVAL;
	p = anon_token(line, eol, "pos", &ve);
	if (!p || !parse_i64(&p, ve, &e->pos) || p != ve)
		return -EINVAL;
	e->tfd = (int)tfd;
	e->events = (uint32_t)events;
	return 0;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct epoll_entry *x = a, *y = b;

	if (x->tfd != y->tfd)
		return x->tfd < y->tfd ? -1 : 1;
	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

int eventpoll_fdinfo_parse(const char *buf, size_t len, struct epoll_set *set)
{
	const char *end = buf + len, *line, *eol;
	int err = 0;

	memset(set, 0, sizeof(*set));
	for (line = buf; line < end; line = eol + 1) {
		struct epoll_entry e;

		eol = memchr(line, '\n', (size_t)(end - line));
		if (!eol) {
			err = -EINVAL; /* cut short */
			break;
		}
		/* other lines may come with later kernels */
		if (!anon_line_starts(line, eol, "tfd:"))
			continue;
		if (parse_entry(line, eol, &e) != 0) {
			err = -EINVAL; /* keep the other entries */
			continue;
		}
		set->v = xgrow(set->v, &set->alloc, set->count + 1,
			       sizeof(*set->v));
		set->v[set->count++] = e;
	}
	if (set->count > 1)
		qsort(set->v, set->count, sizeof(*set->v), cmp_entry);
	return err;
}

void epoll_set_release(struct epoll_set *set)
{
	free(set->v);
	memset(set, 0, sizeof(*set));
}

static bool probe_eventpoll(const struct fd *fd)
{
	return anon_target_is(fd->target, "eventpoll");
}

static int parse_eventpoll(struct fd *fd, const char *extra, size_t len)
{
	struct epoll_set *set = xcalloc(1, sizeof(*set));
	int err = eventpoll_fdinfo_parse(extra, len, set);

	fd->priv = set; /* partial sets are kept: the entries read are true */
	return err;
}

/* The inode t names, as epoll records it; false when unknown. */
static bool target_inode(const struct fd *t, uint64_t *ino)
{
	if (t->has_info && t->info.has_ino) {
		*ino = t->info.ino;
		return true;
	}
	if (t->target && (proc_link_inode(t->target, "pipe", ino) ||
			  proc_link_inode(t->target, "socket", ino)))
		return true;
	if (t->has_stat) {
		*ino = t->st_ino;
		return true;
	}
	return false;
}

static void link_eventpoll(struct fd *fd, struct snapshot *snap)
{
	struct epoll_set *set = fd->priv;

	if (!set)
		return;
	/* Without the owner's table (not registered) every lookup fails:
	 * that says nothing about the entries. */
	if (!snapshot_find_fd(snap, fd->owner, fd->num))
		return;
	set->stale = 0;
	for (size_t i = 0; i < set->count; i++) {
		struct epoll_entry *e = &set->v[i];
		const struct fd *t = snapshot_find_fd(snap, fd->owner, e->tfd);
		uint64_t ino;

		if (!t)
			e->state = EPOLL_ENTRY_CLOSED;
		else if (target_inode(t, &ino) && ino != e->ino)
			e->state = EPOLL_ENTRY_REUSED;
		else
			e->state = EPOLL_ENTRY_LIVE;
		if (e->state != EPOLL_ENTRY_LIVE)
			set->stale++;
	}
}

static void describe_eventpoll(const struct fd *fd, struct snapshot *snap,
			       struct strbuf *out)
{
	const struct epoll_set *set = fd->priv;

	(void)snap;
	strbuf_adds(out, "epoll set");
	if (!set)
		return;
	strbuf_addf(out, ", %zu %s", set->count,
		    set->count == 1 ? "entry" : "entries");
	if (set->stale)
		strbuf_addf(out, ", %zu stale", set->stale);
}

static const char *stale_name(enum epoll_entry_state state)
{
	switch (state) {
	case EPOLL_ENTRY_CLOSED:
		return "closed";
	case EPOLL_ENTRY_REUSED:
		return "reused";
	default:
		return NULL;
	}
}

/* The fd an entry watches, when it still names the watched file. */
static struct fd *entry_target(const struct fd *fd, struct snapshot *snap,
			       const struct epoll_entry *e)
{
	if (e->state == EPOLL_ENTRY_CLOSED || e->state == EPOLL_ENTRY_REUSED)
		return NULL;
	return snapshot_find_fd(snap, fd->owner, e->tfd);
}

static void emit_eventpoll(const struct fd *fd, struct snapshot *snap,
			   struct sink *s)
{
	const struct epoll_set *set = fd->priv;
	struct strbuf desc = STRBUF_INIT;

	if (!set) {
		sink_null(s, "entries");
		return;
	}
	sink_begin_array(s, "entries");
	for (size_t i = 0; i < set->count; i++) {
		const struct epoll_entry *e = &set->v[i];
		const struct fd *t = entry_target(fd, snap, e);

		sink_begin_object(s, NULL);
		sink_i64(s, "fd", e->tfd);
		sink_flags(s, "events", e->events, eventpoll_event_names);
		sink_u64(s, "data", e->data);
		sink_u64(s, "inode", e->ino);
		sink_cstr(s, "stale", stale_name(e->state));
		if (t) {
			strbuf_reset(&desc);
			fd_describe(t, snap, &desc);
			sink_begin_object(s, "target");
			sink_cstr(s, "kind", fd_kind(t, snap));
			sink_str(s, "description", strbuf_str(&desc), desc.len);
			sink_end_object(s);
		} else {
			sink_null(s, "target");
		}
		sink_end_object(s);
	}
	sink_end_array(s);
	strbuf_release(&desc);
}

void eventpoll_describe_entries(const struct fd *fd, struct snapshot *snap,
				struct strbuf *out)
{
	const struct epoll_set *set = fd->priv;
	struct strbuf ev = STRBUF_INIT, line = STRBUF_INIT;
	size_t fdw = 0, evw = 0;

	if (!set || fd->cls != &fd_class_eventpoll)
		return;
	for (size_t i = 0; i < set->count; i++) {
		strbuf_reset(&ev);
		strbuf_addf(&ev, "fd %d", set->v[i].tfd);
		if (ev.len > fdw)
			fdw = ev.len;
		strbuf_reset(&ev);
		eventpoll_events_text(&ev, set->v[i].events);
		if (ev.len > evw)
			evw = ev.len;
	}
	for (size_t i = 0; i < set->count; i++) {
		const struct epoll_entry *e = &set->v[i];
		const struct fd *t = entry_target(fd, snap, e);
		size_t n;

		strbuf_reset(&line);
		strbuf_addf(&line, "    fd %d", e->tfd);
		strbuf_addpad(&line, ' ', fdw + 4 + 3 - line.len);
		strbuf_reset(&ev);
		eventpoll_events_text(&ev, e->events);
		strbuf_add(&line, ev.buf, ev.len);
		strbuf_addpad(&line, ' ', evw - ev.len + 3);
		n = line.len;
		if (e->state == EPOLL_ENTRY_CLOSED)
			strbuf_adds(&line, "STALE (closed)");
		else if (e->state == EPOLL_ENTRY_REUSED)
			strbuf_adds(&line, "STALE (fd now names another file)");
		else if (t)
			fd_describe(t, snap, &line);
		if (line.len == n)
			strbuf_adds(&line, "?");
		strbuf_add(out, line.buf, line.len);
		strbuf_addc(out, '\n');
	}
	strbuf_release(&ev);
	strbuf_release(&line);
}

static void release_eventpoll(struct fd *fd)
{
	if (fd->priv)
		epoll_set_release(fd->priv);
}

const struct fd_class fd_class_eventpoll = {
	.kind = "eventpoll",
	.needs = FD_NEED_FDINFO,
	.probe = probe_eventpoll,
	.parse = parse_eventpoll,
	.link = link_eventpoll,
	.describe = describe_eventpoll,
	.emit = emit_eventpoll,
	.release = release_eventpoll,
};
