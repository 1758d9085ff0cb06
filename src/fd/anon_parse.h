/* The fdinfo parsers of the anonymous-inode fd classes (eventpoll,
 * eventfd, timerfd, signalfd, inotify, fanotify, pidfd, io_uring, bpf,
 * userfaultfd), separate from the classes so that tests call them on
 * canned text, and the names they decode.
 *
 * Every parser takes the class's part of fdinfo (proc_fdinfo.extra: NOT
 * NUL-terminated), never reads past len, and returns 0 or -EINVAL. On
 * -EINVAL the output holds what could be read (list parsers keep the
 * complete entries before the bad line) and must still be released.
 * A line without its newline was cut short: it is never trusted, since
 * "ino:40" may be the start of "ino:40e". */
#ifndef DSCOPE_FD_ANON_PARSE_H
#define DSCOPE_FD_ANON_PARSE_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/strbuf.h"
#include "proc/link.h"
#include "proc/parse.h"
#include "render/sink.h"

/* ---- helpers shared by the parsers (header only: no file of their own) */

/* The value of the line "key: value" (blanks after the colon skipped);
 * NULL when there is no such line or it has no newline. *eol is the
 * newline. */
static inline const char *anon_key(const char *buf, const char *end,
				   const char *key, const char **eol)
{
	const char *v = parse_find_key(buf, end, key);
	const char *nl;

	if (!v)
		return NULL;
	nl = memchr(v, '\n', (size_t)(end - v));
	if (!nl)
		return NULL;
	*eol = nl;
	return v;
}

/* An optional number: 1 when *v was read, 0 when key is absent (or its
 * line was cut short), -EINVAL when the value is not a whole number
 * (trailing blanks allowed). */
static inline int anon_key_opt_u64(const char *buf, const char *end,
				   const char *key, int base, uint64_t *v)
{
	const char *eol, *p = anon_key(buf, end, key, &eol);

	if (!p)
		return 0;
	if (!parse_u64(&p, eol, base, v) || parse_skip_blanks(p, eol) != eol)
		return -EINVAL;
	return 1;
}

/* A number that must be there. */
static inline bool anon_key_u64(const char *buf, const char *end,
				const char *key, int base, uint64_t *v)
{
	return anon_key_opt_u64(buf, end, key, base, v) == 1;
}

static inline bool anon_key_i64(const char *buf, const char *end,
				const char *key, int64_t *v)
{
	const char *eol, *p = anon_key(buf, end, key, &eol);

	return p && parse_i64(&p, eol, v) && parse_skip_blanks(p, eol) == eol;
}

/* Whether target is "anon_inode:NAME" or "anon_inode:[NAME]". */
static inline bool anon_target_is(const char *target, const char *name)
{
	const char *n;
	int len;

	if (!target)
		return false;
	n = proc_link_anon_name(target, &len);
	return n && (size_t)len == strlen(name) &&
	       memcmp(n, name, (size_t)len) == 0;
}

/* Whether the line [line, eol) starts with prefix. */
static inline bool anon_line_starts(const char *line, const char *eol,
				    const char *prefix)
{
	size_t n = strlen(prefix);

	return (size_t)(eol - line) >= n && memcmp(line, prefix, n) == 0;
}

/* In a line of "name:value" tokens separated by blanks, the value of
 * name (*vend is its end), or NULL. The kernel pads some values after
 * their colon ("tfd:        3"), so blanks there are skipped; words
 * without a colon ("inotify") are skipped. */
static inline const char *anon_token(const char *p, const char *eol,
				     const char *name, const char **vend)
{
	size_t nlen = strlen(name);

	while (p < eol) {
		const char *tok, *colon = NULL, *v;

		p = parse_skip_blanks(p, eol);
		tok = p;
		while (p < eol && *p != ' ' && *p != '\t' && *p != ':')
			p++;
		if (p < eol && *p == ':') {
			colon = p;
			p = parse_skip_blanks(p + 1, eol);
		}
		v = p;
		while (p < eol && *p != ' ' && *p != '\t')
			p++;
		if (colon && (size_t)(colon - tok) == nlen &&
		    memcmp(tok, name, nlen) == 0) {
			*vend = p;
			return v;
		}
	}
	return NULL;
}

/* The value of token name as a whole number. */
static inline bool anon_token_u64(const char *line, const char *eol,
				  const char *name, int base, uint64_t *v)
{
	const char *ve, *p = anon_token(line, eol, name, &ve);

	return p && parse_u64(&p, ve, base, v) && p == ve;
}

/* Appends ", N watches: a, b, c, ..." for a list of count items of size
 * bytes: at most 3 named by item(), the rest counted; ", no watches" when
 * the list is empty. */
static inline void anon_describe_list(struct strbuf *out, const void *items,
				      size_t count, size_t size,
				      const char *one, const char *many,
				      void (*item)(const void *, struct strbuf *))
{
	enum { SHOWN_MAX = 3 };

	if (!count) {
		strbuf_addf(out, ", no %s", many);
		return;
	}
	strbuf_addf(out, ", %zu %s: ", count, count == 1 ? one : many);
	for (size_t i = 0; i < count && i < SHOWN_MAX; i++) {
		if (i)
			strbuf_adds(out, ", ");
		item((const char *)items + i * size, out);
	}
	if (count > SHOWN_MAX)
		strbuf_adds(out, ", ...");
}

/* Appends the names of the bits of v joined by sep; bits without a name
 * as one "0x.." (like sink_flags); nothing when v is 0. */
static inline void anon_flags_text(struct strbuf *out, uint64_t v,
				   const struct flag_name *names,
				   const char *sep)
{
	bool first = true;

	for (const struct flag_name *f = names; f && f->name; f++) {
		if (f->bit && (v & f->bit) == f->bit) {
			if (!first)
				strbuf_adds(out, sep);
			strbuf_adds(out, f->name);
			first = false;
			v &= ~f->bit;
		}
	}
	if (v)
		strbuf_addf(out, "%s0x%llx", first ? "" : sep,
			    (unsigned long long)v);
}

/* "MAJOR:MINOR" of a device number as the kernel keeps it internally
 * (s_dev, shown by epoll, inotify and fanotify fdinfo): major in the bits
 * above 20, minor in the low 20 bits. Not the dev_t of stat(2). */
static inline void anon_dev_text(struct strbuf *out, uint64_t sdev)
{
	strbuf_addf(out, "%llu:%llu", (unsigned long long)(sdev >> 20),
		    (unsigned long long)(sdev & 0xfffff));
}

/* ---- eventpoll: "tfd: N events: HEX data: HEX pos:P ino:HEX sdev:HEX" */

enum epoll_entry_state {
	EPOLL_ENTRY_UNCHECKED, /* not linked, or the owner's fds unknown */
	EPOLL_ENTRY_LIVE,
	EPOLL_ENTRY_CLOSED, /* the fd number is no longer open */
	EPOLL_ENTRY_REUSED, /* the fd number now names another file */
};

struct epoll_entry {
	int tfd;
	uint32_t events; /* EPOLL* bits */
	uint64_t data;
	int64_t pos;
	uint64_t ino;  /* inode of the watched file */
	uint64_t sdev; /* its device, kernel encoding (anon_dev_text) */
	enum epoll_entry_state state;
};

struct epoll_set {
	struct epoll_entry *v; /* sorted by tfd */
	size_t count, alloc;
	size_t stale; /* closed or reused, once linked */
};

int eventpoll_fdinfo_parse(const char *buf, size_t len, struct epoll_set *set);
void epoll_set_release(struct epoll_set *set);
/* IN, PRI, OUT, ... ET */
extern const struct flag_name eventpoll_event_names[];
/* Events for people: "IN|ET". ERR and HUP are left out when both are
 * set, as the kernel adds them to every entry; an entry whose ONESHOT
 * fired (no event bits left) reads "ONESHOT (fired)". */
void eventpoll_events_text(struct strbuf *out, uint32_t events);

/* ---- eventfd: "eventfd-count: HEX", "eventfd-id: N", "eventfd-semaphore: 0|1"
 */

struct eventfd_info {
	uint64_t count;
	uint64_t id; /* since Linux 5.2 */
	bool has_id;
	bool semaphore; /* since Linux 6.4 */
	bool has_semaphore;
};

int eventfd_fdinfo_parse(const char *buf, size_t len, struct eventfd_info *e);
struct fd;
/* The id of an eventfd fd, when its fdinfo had one. */
bool eventfd_fd_id(const struct fd *fd, uint64_t *id);

/* ---- timerfd: clockid, ticks, "settime flags: 0OCT", it_value, it_interval */

struct timerfd_info {
	int clockid;
	uint64_t ticks;		/* expirations not yet read */
	unsigned settime_flags; /* TFD_TIMER_ABSTIME 1, CANCEL_ON_SET 2 */
	uint64_t value_ns;    /* time to the next expiry; 0 when not pending */
	uint64_t interval_ns; /* saturated at UINT64_MAX */
};

int timerfd_fdinfo_parse(const char *buf, size_t len, struct timerfd_info *t);
/* "monotonic", "realtime", ... or NULL for a clock without a name */
const char *timerfd_clock_name(int clockid);
/* "99.5 s", "250 ms", "3 us", "12 ns" */
void timerfd_duration_text(struct strbuf *out, uint64_t ns);
extern const struct flag_name timerfd_settime_flag_names[];

/* ---- signalfd: "sigmask:\tHEX" (bit N-1 is signal N) */

struct signalfd_info {
	uint64_t sigmask;
};

int signalfd_fdinfo_parse(const char *buf, size_t len, struct signalfd_info *s);
/* Name of signal sig (1..64) on Linux x86_64: "SIGUSR1"; real-time
 * signals counted from glibc's SIGRTMIN (34), as kill -l and systemd
 * show them: "SIGRTMIN", "SIGRTMIN+3"; 32 and 33 (kept by glibc for
 * threads) are "SIG32", "SIG33". Returns buf. */
const char *signalfd_signal_name(int sig, char *buf, size_t size);

/* ---- inotify: "inotify wd:HEX ino:HEX sdev:HEX mask:HEX ignored_mask:0
 * [fhandle-...]" */

#define INOTIFY_HANDLE_MAX 128 /* MAX_HANDLE_SZ */

struct inotify_watch {
	int wd;
	uint64_t ino;
	uint64_t sdev; /* kernel encoding */
	uint32_t mask;
	/* the file handle, for open_by_handle_at (0 bytes: none given) */
	unsigned handle_bytes;
	int handle_type;
	unsigned char handle[INOTIFY_HANDLE_MAX];
	char *path; /* resolved by the class's link, or NULL */
};

struct inotify_set {
	struct inotify_watch *v; /* sorted by wd */
	size_t count, alloc;
};

int inotify_fdinfo_parse(const char *buf, size_t len, struct inotify_set *set);
void inotify_set_release(struct inotify_set *set);
extern const struct flag_name inotify_mask_names[];

/* ---- fanotify: "fanotify flags:HEX event-flags:HEX" and one line a mark */

enum fanotify_mark_type {
	FANOTIFY_MARK_INODE,	  /* "fanotify ino:HEX sdev:HEX ..." */
	FANOTIFY_MARK_MOUNT,	  /* "fanotify mnt_id:HEX ..." */
	FANOTIFY_MARK_FILESYSTEM, /* "fanotify sdev:HEX ..." */
	FANOTIFY_MARK_MNTNS,	  /* "fanotify mnt_ns:DECIMAL ..." (6.15+) */
};

struct fanotify_mark {
	enum fanotify_mark_type type;
	uint64_t ino;	 /* inode marks */
	uint64_t sdev;	 /* inode and filesystem marks */
	uint64_t mnt_id; /* mount marks (as in /proc/PID/mountinfo) */
	uint64_t mnt_ns; /* mount namespace inode */
	uint32_t mflags, mask, ignored_mask;
};

struct fanotify_info {
	uint32_t flags; /* FAN_CLASS_*, FAN_REPORT_*, ... of fanotify_init */
	uint32_t event_flags; /* open flags of event fds */
	struct fanotify_mark *v;
	size_t count, alloc;
};

int fanotify_fdinfo_parse(const char *buf, size_t len, struct fanotify_info *f);
void fanotify_info_release(struct fanotify_info *f);
extern const struct flag_name fanotify_init_flag_names[];
extern const struct flag_name fanotify_mask_names[];
const char *fanotify_mark_type_name(enum fanotify_mark_type type);

/* ---- pidfd: "Pid:\tN" (-1 once reaped, 0 outside our pid namespace),
 * "NSpid:\tN[\tN...]" */

#define PIDFD_MAX_NSPID 33 /* the kernel nests at most 32 pid namespaces */

struct pidfd_info {
	int64_t pid;
	int64_t nspid[PIDFD_MAX_NSPID];
	size_t nnspid;
};

int pidfd_fdinfo_parse(const char *buf, size_t len, struct pidfd_info *p);

/* ---- io_uring: "SqMask:\t0x3", "SqThread:\t-1", "UserFiles:\t0", ... */

struct io_uring_info {
	uint64_t sq_entries, cq_entries; /* SqMask + 1, CqMask + 1 */
	uint64_t sq_head, sq_tail, cq_head, cq_tail;
	int64_t sq_thread; /* SQPOLL thread's pid, -1 without SQPOLL */
	uint64_t user_files, user_bufs;
	bool has_heads, has_sq_thread, has_user_files, has_user_bufs;
};

int io_uring_fdinfo_parse(const char *buf, size_t len, struct io_uring_info *u);

/* ---- bpf maps, programs and links */

enum bpf_object {
	BPF_OBJECT_OTHER, /* iterators, BTF, tokens: shown by name */
	BPF_OBJECT_MAP,	  /* "anon_inode:bpf-map" */
	BPF_OBJECT_PROG,  /* "anon_inode:bpf-prog" */
	BPF_OBJECT_LINK,  /* "anon_inode:bpf_link" */
};

struct bpf_fd_info {
	enum bpf_object object;
	/* maps */
	uint64_t map_type, key_size, value_size, max_entries, map_flags;
	uint64_t map_id;
	/* programs (links have prog_id and prog_tag too) */
	uint64_t prog_type, prog_id;
	char prog_tag[17]; /* 16 hex digits, "" when absent */
	/* links: the kernel writes the type as a name ("raw_tracepoint") */
	char link_type[32]; /* [a-z0-9_<>] only, "" when absent */
	uint64_t link_id;
	bool has_map_type, has_map_id, has_prog_type, has_prog_id, has_link_id,
		has_sizes;
};

/* object comes from the link target (bpf_object_of). */
int bpf_fdinfo_parse(const char *buf, size_t len, enum bpf_object object,
		     struct bpf_fd_info *b);
enum bpf_object bpf_object_of(const char *anon_name, size_t len);
/* "array", "ringbuf", ... or NULL */
const char *bpf_map_type_name(uint64_t type);
/* "socket_filter", "xdp", ... or NULL */
const char *bpf_prog_type_name(uint64_t type);

/* ---- userfaultfd: "pending:\tN", "total:\tN", "API:\tHEX:HEX:HEX" */

struct userfaultfd_info {
	uint64_t pending, total;
	uint64_t api, features, ioctls;
	bool has_api;
};

int userfaultfd_fdinfo_parse(const char *buf, size_t len,
			     struct userfaultfd_info *u);

/* ---- memfd: the name from the link target "/memfd:NAME (deleted)" */

/* Returns the name inside target (length in *len), or NULL when target
 * is not a memfd's. */
const char *memfd_name(const char *target, size_t *len);

#endif
