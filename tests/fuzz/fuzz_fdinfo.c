/* /proc/PID/fdinfo/N of each kind of fd. The first byte picks the
 * parser (the fd's kind, as dscope tells it from the link text), the
 * rest is the file's text. */
#include "fuzz.h"

#include "fd/anon_parse.h"
#include "proc/fdinfo.h"

enum kind {
	KIND_COMMON, /* pos, flags, mnt_id, ino: every fd */
	KIND_EVENTPOLL,
	KIND_EVENTFD,
	KIND_TIMERFD,
	KIND_SIGNALFD,
	KIND_INOTIFY,
	KIND_FANOTIFY,
	KIND_PIDFD,
	KIND_IO_URING,
	KIND_BPF_MAP,
	KIND_BPF_PROG,
	KIND_BPF_LINK,
	KIND_USERFAULTFD,
	KINDS
};

static void parse_epoll(const char *buf, size_t len, struct strbuf *out)
{
	struct epoll_set set = { 0 };

	if (eventpoll_fdinfo_parse(buf, len, &set) == 0)
		for (size_t i = 0; i < set.count; i++) {
			FUZZ_CHECK(i == 0 || set.v[i - 1].tfd <= set.v[i].tfd);
			eventpoll_events_text(out, set.v[i].events);
		}
	epoll_set_release(&set);
}

static void parse_timerfd(const char *buf, size_t len, struct strbuf *out)
{
	struct timerfd_info t;

	if (timerfd_fdinfo_parse(buf, len, &t) == 0) {
		timerfd_clock_name(t.clockid);
		timerfd_duration_text(out, t.value_ns);
		timerfd_duration_text(out, t.interval_ns);
	}
}

static void parse_signalfd(const char *buf, size_t len)
{
	struct signalfd_info s;
	char name[32];

	if (signalfd_fdinfo_parse(buf, len, &s) == 0)
		for (int sig = 1; sig <= 64; sig++)
			if (s.sigmask >> (sig - 1) & 1)
				FUZZ_CHECK(signalfd_signal_name(sig, name,
								sizeof(name)));
}

static void parse_inotify(const char *buf, size_t len)
{
	struct inotify_set set = { 0 };

	inotify_fdinfo_parse(buf, len, &set);
	inotify_set_release(&set);
}

static void parse_fanotify(const char *buf, size_t len)
{
	struct fanotify_info f = { 0 };

	if (fanotify_fdinfo_parse(buf, len, &f) == 0)
		for (size_t i = 0; i < f.count; i++)
			fanotify_mark_type_name(f.v[i].type);
	fanotify_info_release(&f);
}

static void parse_bpf(const char *buf, size_t len, enum bpf_object object)
{
	struct bpf_fd_info b;

	if (bpf_fdinfo_parse(buf, len, object, &b) == 0) {
		bpf_map_type_name(b.map_type);
		bpf_prog_type_name(b.prog_type);
		FUZZ_CHECK(memchr(b.prog_tag, '\0', sizeof(b.prog_tag)));
		FUZZ_CHECK(memchr(b.link_type, '\0', sizeof(b.link_type)));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf out = STRBUF_INIT;
	enum kind kind;
	size_t len;
	char *buf;

	if (size == 0)
		return 0;
	kind = (enum kind)(data[0] % KINDS);
	len = size - 1;
	buf = fuzz_copy(data + 1, len);
	switch (kind) {
	case KIND_COMMON: {
		struct proc_fdinfo fi;

		if (proc_fdinfo_parse(buf, len, &fi) == 0 && fi.extra)
			FUZZ_CHECK(fi.extra >= buf &&
				   fi.extra + fi.extra_len <= buf + len);
		break;
	}
	case KIND_EVENTPOLL:
		parse_epoll(buf, len, &out);
		break;
	case KIND_EVENTFD: {
		struct eventfd_info e;

		eventfd_fdinfo_parse(buf, len, &e);
		break;
	}
	case KIND_TIMERFD:
		parse_timerfd(buf, len, &out);
		break;
	case KIND_SIGNALFD:
		parse_signalfd(buf, len);
		break;
	case KIND_INOTIFY:
		parse_inotify(buf, len);
		break;
	case KIND_FANOTIFY:
		parse_fanotify(buf, len);
		break;
	case KIND_PIDFD: {
		struct pidfd_info p;

		pidfd_fdinfo_parse(buf, len, &p);
		break;
	}
	case KIND_IO_URING: {
		struct io_uring_info u;

		io_uring_fdinfo_parse(buf, len, &u);
		break;
	}
	case KIND_BPF_MAP:
		parse_bpf(buf, len, bpf_object_of("bpf-map", 7));
		break;
	case KIND_BPF_PROG:
		parse_bpf(buf, len, bpf_object_of("bpf-prog", 8));
		break;
	case KIND_BPF_LINK:
		parse_bpf(buf, len, bpf_object_of("bpf_link", 8));
		break;
	case KIND_USERFAULTFD: {
		struct userfaultfd_info u;

		userfaultfd_fdinfo_parse(buf, len, &u);
		break;
	}
	case KINDS:
		break;
	}
	strbuf_release(&out);
	free(buf);
	return 0;
}
