#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fd/anon_parse.h"
#include "fd/eventpoll.h"
#include "fd/fd.h"
#include "model/snapshot.h"
#include "proc/fdinfo.h"
#include "render/sink_json.h"
#include "unit_util.h"

/* fdinfo read on Linux 6.18 (the common lines are cut off by
 * proc_fdinfo_parse, as for the classes). */

static const char epoll_text[] =
	"pos:\t0\n"
	"flags:\t02000002\n"
	"mnt_id:\t17\n"
	"ino:\t1038\n"
	"tfd:        6 events: 10000019 data:                7  pos:0 "
	"ino:721d3 sdev:9\n"
	"tfd:        5 events: 4000201d data:     dead00000005  pos:0 "
	"ino:721d2 sdev:9\n"
	"tfd:        3 events: 80000019 data:     deadbeefcafe  pos:0 "
	"ino:721d1 sdev:f\n";

/* a fired ONESHOT entry, an fd reused, a closed one kept by a dup */
static const char epoll_stale_text[] =
	"pos:\t0\n"
	"flags:\t02\n"
	"mnt_id:\t17\n"
	"ino:\t1038\n"
	"tfd:        9 events:       1c data:                1  pos:0 "
	"ino:40e sdev:10\n"
	"tfd:       12 events:       19 data:                1  pos:0 "
	"ino:7260c sdev:f\n"
	"tfd:        9 events: 40000000 data:                1  pos:0 "
	"ino:40e sdev:10\n";

static const char eventfd_text[] = "pos:\t0\n"
				   "flags:\t04002\n"
				   "mnt_id:\t17\n"
				   "ino:\t1038\n"
				   "eventfd-count:                5\n"
				   "eventfd-id: 1\n"
				   "eventfd-semaphore: 1\n";

static const char eventfd_hex_text[] = "pos:\t0\n"
				       "flags:\t02\n"
				       "mnt_id:\t17\n"
				       "ino:\t1038\n"
				       "eventfd-count:                a\n"
				       "eventfd-id: 12\n"
				       "eventfd-semaphore: 0\n";

static const char eventfd_max_text[] = "pos:\t0\n"
				       "flags:\t02\n"
				       "mnt_id:\t17\n"
				       "ino:\t1038\n"
				       "eventfd-count: fffffffffffffffe\n"
				       "eventfd-id: 2\n"
				       "eventfd-semaphore: 0\n";

static const char timerfd_text[] = "pos:\t0\n"
				   "flags:\t04002\n"
				   "mnt_id:\t17\n"
				   "ino:\t1038\n"
				   "clockid: 1\n"
				   "ticks: 0\n"
				   "settime flags: 00\n"
				   "it_value: (99, 499987832)\n"
				   "it_interval: (5, 0)\n";

static const char timerfd_abs_text[] = "pos:\t0\n"
				       "flags:\t02\n"
				       "mnt_id:\t17\n"
				       "ino:\t1038\n"
				       "clockid: 0\n"
				       "ticks: 0\n"
				       "settime flags: 03\n"
				       "it_value: (999, 899305722)\n"
				       "it_interval: (0, 250000000)\n";

static const char timerfd_disarmed_text[] = "pos:\t0\n"
					    "flags:\t02\n"
					    "mnt_id:\t17\n"
					    "ino:\t1038\n"
					    "clockid: 9\n"
					    "ticks: 0\n"
					    "settime flags: 00\n"
					    "it_value: (0, 0)\n"
					    "it_interval: (0, 0)\n";

static const char timerfd_fired_text[] = "pos:\t0\n"
					 "flags:\t02\n"
					 "mnt_id:\t17\n"
					 "ino:\t1038\n"
					 "clockid: 7\n"
					 "ticks: 1\n"
					 "settime flags: 00\n"
					 "it_value: (0, 0)\n"
					 "it_interval: (0, 1000000)\n";

static const char signalfd_text[] = "pos:\t0\n"
				    "flags:\t02\n"
				    "mnt_id:\t17\n"
				    "ino:\t1038\n"
				    "sigmask:\t8000000200000a01\n";

static const char inotify_text[] =
	"pos:\t0\n"
	"flags:\t00\n"
	"mnt_id:\t17\n"
	"ino:\t1038\n"
	"inotify wd:3 ino:1 sdev:15 mask:fff ignored_mask:0 fhandle-bytes:c "
	"fhandle-type:81 f_handle:010000000000000000000000\n"
	"inotify wd:2 ino:64002 sdev:fe00000 mask:84000002 ignored_mask:0 "
	"fhandle-bytes:8 fhandle-type:1 f_handle:024006005fab4455\n"
	"inotify wd:1 ino:3c51a sdev:fe00000 mask:300 ignored_mask:0 "
	"fhandle-bytes:8 fhandle-type:1 f_handle:1ac5030000000000\n";

/* watch descriptors are hex: wd:c is 12 */
static const char inotify_hexwd_text[] =
	"pos:\t0\n"
	"flags:\t00\n"
	"mnt_id:\t17\n"
	"ino:\t1038\n"
	"inotify wd:c ino:a741d2 sdev:fe00000 mask:800 ignored_mask:0 "
	"fhandle-bytes:8 fhandle-type:1 f_handle:d241a70094d519b6\n"
	"inotify wd:b ino:a741d0 sdev:fe00000 mask:800 ignored_mask:0 "
	"fhandle-bytes:8 fhandle-type:1 f_handle:d041a700b1dd19d0\n"
	"inotify wd:a ino:a741cf sdev:fe00000 mask:800 ignored_mask:0 "
	"fhandle-bytes:8 fhandle-type:1 f_handle:cf41a700bb77b38b\n"
	"inotify wd:9 ino:a741ce sdev:fe00000 mask:800 ignored_mask:0 "
	"fhandle-bytes:8 fhandle-type:1 f_handle:ce41a700f584e6c4\n";

static const char fanotify_fid_text[] =
	"pos:\t0\n"
	"flags:\t02\n"
	"mnt_id:\t17\n"
	"ino:\t1038\n"
	"fanotify flags:200 event-flags:8000\n"
	"fanotify sdev:fe00000 mflags:0 mask:200 ignored_mask:0\n"
	"fanotify ino:3c51a sdev:fe00000 mflags:0 mask:40000100 "
	"ignored_mask:0 fhandle-bytes:8 fhandle-type:1 "
	"f_handle:1ac5030000000000\n";

static const char fanotify_mount_text[] =
	"pos:\t0\n"
	"flags:\t04002\n"
	"mnt_id:\t17\n"
	"ino:\t1038\n"
	"fanotify flags:2 event-flags:8002\n"
	"fanotify ino:64002 sdev:fe00000 mflags:0 mask:0 ignored_mask:20 "
	"fhandle-bytes:8 fhandle-type:1 f_handle:024006005fab4455\n"
	"fanotify mnt_id:1b mflags:0 mask:28 ignored_mask:0\n";

static const char fanotify_mntns_text[] =
	"pos:\t0\n"
	"flags:\t02\n"
	"mnt_id:\t17\n"
	"ino:\t1038\n"
	"fanotify flags:4000 event-flags:8000\n"
	"fanotify mnt_ns:4026531832 mflags:0 mask:1000000 ignored_mask:0\n";

static const char pidfd_text[] = "pos:\t0\n"
				 "flags:\t02000002\n"
				 "mnt_id:\t4\n"
				 "ino:\t231819\n"
				 "Pid:\t4591\n"
				 "NSpid:\t4591\n";

static const char pidfd_exited_text[] = "pos:\t0\n"
					"flags:\t02000002\n"
					"mnt_id:\t4\n"
					"ino:\t231819\n"
					"Pid:\t-1\n"
					"NSpid:\t-1\n";

static const char io_uring_text[] = "pos:\t0\n"
				    "flags:\t02000002\n"
				    "mnt_id:\t17\n"
				    "ino:\t467450\n"
				    "SqMask:\t0x3\n"
				    "SqHead:\t0\n"
				    "SqTail:\t0\n"
				    "CachedSqHead:\t0\n"
				    "CqMask:\t0x7\n"
				    "CqHead:\t0\n"
				    "CqTail:\t0\n"
				    "CachedCqTail:\t0\n"
				    "SQEs:\t0\n"
				    "CQEs:\t0\n"
				    "SqThread:\t-1\n"
				    "SqThreadCpu:\t-1\n"
				    "SqTotalTime:\t0\n"
				    "SqWorkTime:\t0\n"
				    "UserFiles:\t0\n"
				    "UserBufs:\t0\n"
				    "PollList:\n"
				    "CqOverflowList:\n"
				    "NAPI:\tdisabled\n";

/* SQPOLL, and registered files whose names try to forge a line (the
 * kernel escapes the newline as \012) */
static const char io_uring_sqpoll_text[] =
	"pos:\t0\n"
	"flags:\t02000002\n"
	"mnt_id:\t17\n"
	"ino:\t467453\n"
	"SqMask:\t0x7\n"
	"SqHead:\t3\n"
	"SqTail:\t5\n"
	"CachedSqHead:\t0\n"
	"CqMask:\t0xf\n"
	"CqHead:\t2\n"
	"CqTail:\t4\n"
	"CachedCqTail:\t0\n"
	"SQEs:\t0\n"
	"CQEs:\t0\n"
	"SqThread:\t13589\n"
	"SqThreadCpu:\t-1\n"
	"SqTotalTime:\t0\n"
	"SqWorkTime:\t0\n"
	"UserFiles:\t3\n"
	"    0: /tmp/fdk/a\\012UserBufs:\\01199\n"
	"    2: /tmp/fdk/b\\040c\n"
	"UserBufs:\t0\n"
	"PollList:\n"
	"CqOverflowList:\n"
	"NAPI:\tdisabled\n";

static const char bpf_map_text[] = "pos:\t0\n"
				   "flags:\t02000002\n"
				   "mnt_id:\t17\n"
				   "ino:\t1038\n"
				   "map_type:\t2\n"
				   "key_size:\t4\n"
				   "value_size:\t8\n"
				   "max_entries:\t16\n"
				   "map_flags:\t0x0\n"
				   "map_extra:\t0x0\n"
				   "memlock:\t440\n"
				   "map_id:\t25\n"
				   "frozen:\t0\n";

static const char bpf_prog_text[] = "pos:\t0\n"
				    "flags:\t02000002\n"
				    "mnt_id:\t17\n"
				    "ino:\t1038\n"
				    "prog_type:\t17\n"
				    "prog_jited:\t1\n"
				    "prog_tag:\t59f4a931744dcdc6\n"
				    "memlock:\t4096\n"
				    "prog_id:\t99\n"
				    "run_time_ns:\t0\n"
				    "run_cnt:\t0\n"
				    "recursion_misses:\t0\n"
				    "verified_insns:\t2\n";

static const char bpf_link_text[] = "pos:\t0\n"
				    "flags:\t02000000\n"
				    "mnt_id:\t17\n"
				    "ino:\t1038\n"
				    "link_type:\traw_tracepoint\n"
				    "link_id:\t89\n"
				    "prog_tag:\t59f4a931744dcdc6\n"
				    "prog_id:\t99\n"
				    "tp_name:\tsched_switch\n"
				    "cookie:\t0\n";

static const char userfaultfd_text[] = "pos:\t0\n"
				       "flags:\t02004000\n"
				       "mnt_id:\t17\n"
				       "ino:\t467466\n"
				       "pending:\t0\n"
				       "total:\t0\n"
				       "API:\taa:80000000:80000000000001ff\n";

/* ---- helpers */

/* The class's part of a whole fdinfo text, as the classes get it. */
static const char *extra_of(const char *text, size_t *len)
{
	struct proc_fdinfo fi;

	assert_int_equal(proc_fdinfo_parse(text, strlen(text), &fi), 0);
	*len = fi.extra_len;
	return fi.extra;
}

/* Whether the first n bytes of text end at a line end. */
static bool whole_lines(const char *text, size_t n)
{
	return n == 0 || text[n - 1] == '\n';
}

/* Parsers called on a C string, through an exactly-sized copy. */
#define STR_PARSER(name, fn, type)                \
	static int name(const char *s, type *out) \
	{                                         \
		size_t len = strlen(s);           \
		char *buf = dup_exact(s, len);    \
		int r = fn(buf, len, out);        \
                                                  \
		free(buf);                        \
		return r;                         \
	}

STR_PARSER(parse_epoll_str, eventpoll_fdinfo_parse, struct epoll_set)
STR_PARSER(parse_eventfd_str, eventfd_fdinfo_parse, struct eventfd_info)
STR_PARSER(parse_timerfd_str, timerfd_fdinfo_parse, struct timerfd_info)
STR_PARSER(parse_signalfd_str, signalfd_fdinfo_parse, struct signalfd_info)
STR_PARSER(parse_inotify_str, inotify_fdinfo_parse, struct inotify_set)
STR_PARSER(parse_fanotify_str, fanotify_fdinfo_parse, struct fanotify_info)
STR_PARSER(parse_pidfd_str, pidfd_fdinfo_parse, struct pidfd_info)
STR_PARSER(parse_io_uring_str, io_uring_fdinfo_parse, struct io_uring_info)
STR_PARSER(parse_uffd_str, userfaultfd_fdinfo_parse, struct userfaultfd_info)

static int parse_bpf_str(const char *s, enum bpf_object object,
			 struct bpf_fd_info *b)
{
	size_t len = strlen(s);
	char *buf = dup_exact(s, len);
	int r = bpf_fdinfo_parse(buf, len, object, b);

	free(buf);
	return r;
}

static char *text_of(struct strbuf *sb)
{
	return sb->buf ? sb->buf : (char *)"";
}

/* ---- eventpoll */

static void test_eventpoll_real(void **state)
{
	struct epoll_set set;
	size_t len;
	const char *extra = extra_of(epoll_text, &len);

	(void)state;
	assert_int_equal(eventpoll_fdinfo_parse(extra, len, &set), 0);
	assert_int_equal(set.count, 3);
	/* sorted by fd, not in the kernel's order */
	assert_int_equal(set.v[0].tfd, 3);
	assert_int_equal(set.v[0].events, 0x80000019u);
	assert_true(set.v[0].data == 0xdeadbeefcafeull);
	assert_int_equal(set.v[0].pos, 0);
	assert_int_equal(set.v[0].ino, 0x721d1);
	assert_int_equal(set.v[0].sdev, 0xf);
	assert_int_equal(set.v[0].state, EPOLL_ENTRY_UNCHECKED);
	assert_int_equal(set.v[1].tfd, 5);
	assert_int_equal(set.v[1].events, 0x4000201d);
	assert_true(set.v[1].data == 0xdead00000005ull);
	assert_int_equal(set.v[2].tfd, 6);
	assert_int_equal(set.v[2].events, 0x10000019);
	assert_int_equal(set.v[2].data, 7);
	assert_int_equal(set.v[2].ino, 0x721d3);
	assert_int_equal(set.v[2].sdev, 9);
	assert_int_equal(set.stale, 0);
	epoll_set_release(&set);
	assert_null(set.v);

	/* the same fd twice (one entry outlived its file's fd) */
	extra = extra_of(epoll_stale_text, &len);
	assert_int_equal(eventpoll_fdinfo_parse(extra, len, &set), 0);
	assert_int_equal(set.count, 3);
	assert_int_equal(set.v[0].tfd, 9);
	assert_int_equal(set.v[1].tfd, 9);
	assert_int_equal(set.v[2].tfd, 12);
	epoll_set_release(&set);

	/* an empty set */
	assert_int_equal(eventpoll_fdinfo_parse(extra, 0, &set), 0);
	assert_int_equal(set.count, 0);
	epoll_set_release(&set);
}

static void expect_events(uint32_t events, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	eventpoll_events_text(&sb, events);
	assert_string_equal(text_of(&sb), want);
	strbuf_release(&sb);
}

static void test_eventpoll_events(void **state)
{
	(void)state;
	expect_events(0x80000019, "IN|ET");
	expect_events(0x4000201d, "IN|OUT|RDHUP|ONESHOT");
	expect_events(0x10000019, "IN|EXCLUSIVE");
	expect_events(0x2000001d, "IN|OUT|WAKEUP");
	expect_events(0x1c, "OUT");
	expect_events(0x7c6, "PRI|OUT|RDNORM|RDBAND|WRNORM|WRBAND|MSG");
	/* asked for nothing: the kernel's ERR|HUP are all there is */
	expect_events(0x18, "ERR|HUP");
	expect_events(0x8, "ERR");
	expect_events(0x9, "IN|ERR");
	/* a ONESHOT entry that fired keeps only its flags */
	expect_events(0x40000000, "ONESHOT (fired)");
	expect_events(0xc0000000, "ONESHOT|ET (fired)");
	expect_events(0x80000000, "ET");
	expect_events(0, "-");
	/* unknown bits in hex (0x20 is EPOLLNVAL, never set by epoll) */
	expect_events(0x800039, "IN|0x800020");
	expect_events(0x800000, "0x800000");
}

static void test_eventpoll_malformed(void **state)
{
	static const char good[] =
		"tfd:        3 events:       19 data:                3  pos:0 "
		"ino:40e sdev:10\n";
	static const char *const bad[] = {
		"tfd:        x events:       19 data:                3  pos:0 "
		"ino:40e sdev:10\n",
		"tfd:        4 events:       19 data:                3  pos:0 "
		"ino:40e\n",
		"tfd:        4 events:  1ffffffff data:                3  "
		"pos:0 "
		"ino:40e sdev:10\n",
		"tfd: 2147483648 events: 19 data: 3 pos:0 ino:40e sdev:10\n",
		"tfd: -1 events: 19 data: 3 pos:0 ino:40e sdev:10\n",
		"tfd: 4 events: 19 data: 3 pos:x ino:40e sdev:10\n",
		"tfd: 4 events: 19 data: 3 pos:0 ino:40g sdev:10\n",
		"tfd: 4 events: 19 data: 3 pos:0 ino: sdev:10\n",
		"tfd: 4 events: 19 data: 10000000000000000 pos:0 ino:1 "
		"sdev:1\n",
		"tfd:\n",
	};
	struct epoll_set set;
	char text[512];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		/* the good entry is kept, the error reported */
		snprintf(text, sizeof(text), "%s%s", bad[i], good);
		assert_int_equal(parse_epoll_str(text, &set), -EINVAL);
		assert_int_equal(set.count, 1);
		assert_int_equal(set.v[0].tfd, 3);
		epoll_set_release(&set);
	}
	/* blanks may vary; order of tokens does not matter; signed pos */
	assert_int_equal(parse_epoll_str("tfd:3 events:19 data:3 pos:-1 "
					 "ino:40e sdev:10 extra:1\n"
					 "tfd:\t7\tsdev:1 ino:2 pos:5 data:0 "
					 "events:1\n",
					 &set),
			 0);
	assert_int_equal(set.count, 2);
	assert_int_equal(set.v[0].pos, -1);
	assert_int_equal(set.v[1].tfd, 7);
	assert_int_equal(set.v[1].pos, 5);
	epoll_set_release(&set);
	/* other lines are left alone */
	assert_int_equal(parse_epoll_str("future: 1\n", &set), 0);
	assert_int_equal(set.count, 0);
	epoll_set_release(&set);
	/* a last line without newline was cut short */
	assert_int_equal(parse_epoll_str("tfd: 3 events: 19 data: 3 pos:0 "
					 "ino:40 sdev:10",
					 &set),
			 -EINVAL);
	assert_int_equal(set.count, 0);
	epoll_set_release(&set);
}

static void test_eventpoll_prefixes(void **state)
{
	const char *const texts[] = { epoll_text, epoll_stale_text };

	(void)state;
	for (size_t t = 0; t < 2; t++) {
		size_t len;
		const char *extra = extra_of(texts[t], &len);
		struct epoll_set full, set;

		assert_int_equal(eventpoll_fdinfo_parse(extra, len, &full), 0);
		for (size_t n = 0; n <= len; n++) {
			char *buf = dup_exact(extra, n);
			int r = eventpoll_fdinfo_parse(buf, n, &set);

			free(buf);
			assert_int_equal(r,
					 whole_lines(extra, n) ? 0 : -EINVAL);
			/* only whole entries, each one of the full set */
			for (size_t i = 0; i < set.count; i++) {
				bool found = false;

				for (size_t j = 0; j < full.count; j++)
					found |=
						set.v[i].tfd == full.v[j].tfd &&
						set.v[i].ino == full.v[j].ino &&
						set.v[i].events ==
							full.v[j].events &&
						set.v[i].data ==
							full.v[j].data &&
						set.v[i].sdev == full.v[j].sdev;
				assert_true(found);
			}
			epoll_set_release(&set);
		}
		epoll_set_release(&full);
	}
}

/* ---- eventfd */

static void test_eventfd(void **state)
{
	struct eventfd_info e;
	size_t len;
	const char *extra;

	(void)state;
	extra = extra_of(eventfd_text, &len);
	assert_int_equal(eventfd_fdinfo_parse(extra, len, &e), 0);
	assert_int_equal(e.count, 5);
	assert_true(e.has_id);
	assert_int_equal(e.id, 1);
	assert_true(e.has_semaphore);
	assert_true(e.semaphore);

	/* the count is hex */
	extra = extra_of(eventfd_hex_text, &len);
	assert_int_equal(eventfd_fdinfo_parse(extra, len, &e), 0);
	assert_int_equal(e.count, 10);
	assert_int_equal(e.id, 12);
	assert_false(e.semaphore);
	extra = extra_of(eventfd_max_text, &len);
	assert_int_equal(eventfd_fdinfo_parse(extra, len, &e), 0);
	assert_true(e.count == 0xfffffffffffffffeull);

	/* before 5.2: the count only */
	assert_int_equal(
		parse_eventfd_str("eventfd-count:                0\n", &e), 0);
	assert_false(e.has_id);
	assert_false(e.has_semaphore);

	assert_int_equal(parse_eventfd_str("", &e), -EINVAL);
	assert_int_equal(parse_eventfd_str("eventfd-count: x\n", &e), -EINVAL);
	assert_int_equal(parse_eventfd_str("eventfd-count: 1g\n", &e), -EINVAL);
	assert_int_equal(parse_eventfd_str("eventfd-count: 1\n"
					   "eventfd-id: -1\n",
					   &e),
			 -EINVAL);
	assert_int_equal(parse_eventfd_str("eventfd-count: 1\n"
					   "eventfd-semaphore: 2\n",
					   &e),
			 -EINVAL);
	assert_int_equal(parse_eventfd_str("eventfd-count: "
					   "10000000000000000\n",
					   &e),
			 -EINVAL);
}

static void test_eventfd_prefixes(void **state)
{
	size_t len;
	const char *extra = extra_of(eventfd_text, &len);
	size_t count_end = (size_t)(strchr(extra, '\n') - extra) + 1;
	struct eventfd_info full, e;

	(void)state;
	assert_int_equal(eventfd_fdinfo_parse(extra, len, &full), 0);
	for (size_t n = 0; n <= len; n++) {
		char *buf = dup_exact(extra, n);
		int r = eventfd_fdinfo_parse(buf, n, &e);

		free(buf);
		assert_int_equal(r, n >= count_end ? 0 : -EINVAL);
		if (r)
			continue;
		assert_int_equal(e.count, full.count);
		if (e.has_id)
			assert_int_equal(e.id, full.id);
		if (e.has_semaphore)
			assert_int_equal(e.semaphore, full.semaphore);
	}
}

/* ---- timerfd */

static void test_timerfd(void **state)
{
	struct timerfd_info t;
	size_t len;
	const char *extra;

	(void)state;
	extra = extra_of(timerfd_text, &len);
	assert_int_equal(timerfd_fdinfo_parse(extra, len, &t), 0);
	assert_int_equal(t.clockid, 1);
	assert_int_equal(t.ticks, 0);
	assert_int_equal(t.settime_flags, 0);
	assert_true(t.value_ns == 99499987832ull);
	assert_true(t.interval_ns == 5000000000ull);

	extra = extra_of(timerfd_abs_text, &len);
	assert_int_equal(timerfd_fdinfo_parse(extra, len, &t), 0);
	assert_int_equal(t.clockid, 0);
	assert_int_equal(t.settime_flags, 3); /* octal 03 */
	assert_true(t.value_ns == 999899305722ull);
	assert_int_equal(t.interval_ns, 250000000);

	extra = extra_of(timerfd_disarmed_text, &len);
	assert_int_equal(timerfd_fdinfo_parse(extra, len, &t), 0);
	assert_int_equal(t.clockid, 9);
	assert_int_equal(t.value_ns, 0);
	assert_int_equal(t.interval_ns, 0);

	extra = extra_of(timerfd_fired_text, &len);
	assert_int_equal(timerfd_fdinfo_parse(extra, len, &t), 0);
	assert_int_equal(t.ticks, 1);
	assert_int_equal(t.value_ns, 0);
	assert_int_equal(t.interval_ns, 1000000);

	assert_string_equal(timerfd_clock_name(0), "realtime");
	assert_string_equal(timerfd_clock_name(1), "monotonic");
	assert_string_equal(timerfd_clock_name(7), "boottime");
	assert_string_equal(timerfd_clock_name(8), "realtime_alarm");
	assert_string_equal(timerfd_clock_name(9), "boottime_alarm");
	assert_null(timerfd_clock_name(2));
	assert_null(timerfd_clock_name(-1));
}

static void expect_timerfd_bad(const char *value, const char *interval,
			       const char *flags, const char *clockid)
{
	char text[256];
	struct timerfd_info t;
	char *buf;
	int n, r;

	n = snprintf(text, sizeof(text),
		     "clockid: %s\nticks: 0\nsettime flags: %s\n"
		     "it_value: %s\nit_interval: %s\n",
		     clockid, flags, value, interval);
	buf = dup_exact(text, (size_t)n);
	r = timerfd_fdinfo_parse(buf, (size_t)n, &t);
	free(buf);
	assert_int_equal(r, -EINVAL);
}

static void test_timerfd_malformed(void **state)
{
	static const char huge[] = "clockid: 1\nticks: 0\nsettime flags: 00\n"
				   "it_value: (18446744073709551615, 5)\n"
				   "it_interval: (18446744073, 709551616)\n";
	struct timerfd_info t;

	(void)state;
	expect_timerfd_bad("(1, 1000000000)", "(0, 0)", "00", "1");
	expect_timerfd_bad("1, 2", "(0, 0)", "00", "1");
	expect_timerfd_bad("(1 2)", "(0, 0)", "00", "1");
	expect_timerfd_bad("(1, 2", "(0, 0)", "00", "1");
	expect_timerfd_bad("(1, 2) x", "(0, 0)", "00", "1");
	expect_timerfd_bad("(-1, 2)", "(0, 0)", "00", "1");
	expect_timerfd_bad("(1, 2)", "()", "00", "1");
	expect_timerfd_bad("(1, 2)", "(0, 0)", "08", "1");
	expect_timerfd_bad("(1, 2)", "(0, 0)", "00", "-1");
	expect_timerfd_bad("(1, 2)", "(0, 0)", "00", "x");
	/* more seconds than 64-bit nanoseconds hold: saturated */
	assert_int_equal(parse_timerfd_str(huge, &t), 0);
	assert_true(t.value_ns == UINT64_MAX);
	assert_true(t.interval_ns == UINT64_MAX);
}

static void expect_duration(uint64_t ns, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	timerfd_duration_text(&sb, ns);
	assert_string_equal(text_of(&sb), want);
	strbuf_release(&sb);
}

static void test_timerfd_duration(void **state)
{
	(void)state;
	expect_duration(99499987832ull, "99.5 s");
	expect_duration(5000000000ull, "5 s");
	expect_duration(999899305722ull, "999.9 s");
	expect_duration(3600000000000ull, "3600 s");
	expect_duration(7200000000000ull, "2 h");
	expect_duration(172800000000000ull, "2 d");
	expect_duration(250000000, "250 ms");
	expect_duration(1000000, "1 ms");
	expect_duration(1500, "1.5 us");
	expect_duration(999, "999 ns");
	expect_duration(0, "0 ns");
	/* rounding up to the next unit */
	expect_duration(999960000, "1 s");
	expect_duration(999999, "1 ms");
	expect_duration(1049999999, "1 s");
	expect_duration(UINT64_MAX, "213504 d");
}

static void test_timerfd_prefixes(void **state)
{
	size_t len;
	const char *extra = extra_of(timerfd_abs_text, &len);
	struct timerfd_info t;

	(void)state;
	/* every line is needed: only the whole text parses */
	for (size_t n = 0; n <= len; n++) {
		char *buf = dup_exact(extra, n);
		int r = timerfd_fdinfo_parse(buf, n, &t);

		free(buf);
		assert_int_equal(r, n == len ? 0 : -EINVAL);
	}
}

/* ---- signalfd */

static void expect_signal(int sig, const char *want)
{
	char buf[32];

	assert_string_equal(signalfd_signal_name(sig, buf, sizeof(buf)), want);
}

static void test_signalfd(void **state)
{
	struct signalfd_info s;
	size_t len;
	const char *extra = extra_of(signalfd_text, &len);

	(void)state;
	assert_int_equal(signalfd_fdinfo_parse(extra, len, &s), 0);
	assert_true(s.sigmask == 0x8000000200000a01ull);
	for (size_t n = 0; n < len; n++) {
		char *buf = dup_exact(extra, n);

		assert_int_equal(signalfd_fdinfo_parse(buf, n, &s), -EINVAL);
		free(buf);
	}
	assert_int_equal(parse_signalfd_str("sigmask:\tzz\n", &s), -EINVAL);
	assert_int_equal(
		parse_signalfd_str("sigmask:\t10000000000000000\n", &s),
		-EINVAL);
	assert_int_equal(parse_signalfd_str("sigmask:\t0\n", &s), 0);
	assert_int_equal(s.sigmask, 0);

	expect_signal(1, "SIGHUP");
	expect_signal(9, "SIGKILL");
	expect_signal(10, "SIGUSR1");
	expect_signal(12, "SIGUSR2");
	expect_signal(16, "SIGSTKFLT");
	expect_signal(29, "SIGIO");
	expect_signal(31, "SIGSYS");
	expect_signal(32, "SIG32");
	expect_signal(33, "SIG33");
	expect_signal(34, "SIGRTMIN");
	expect_signal(35, "SIGRTMIN+1");
	expect_signal(64, "SIGRTMIN+30");
	expect_signal(0, "SIG0");
	expect_signal(65, "SIG65");
}

/* ---- inotify */

static void test_inotify(void **state)
{
	struct inotify_set set;
	struct strbuf sb = STRBUF_INIT;
	size_t len;
	const char *extra = extra_of(inotify_text, &len);

	(void)state;
	assert_int_equal(inotify_fdinfo_parse(extra, len, &set), 0);
	assert_int_equal(set.count, 3);
	assert_int_equal(set.v[0].wd, 1);
	assert_int_equal(set.v[0].ino, 0x3c51a);
	assert_int_equal(set.v[0].sdev, 0xfe00000);
	assert_int_equal(set.v[0].mask, 0x300);
	assert_int_equal(set.v[1].wd, 2);
	assert_int_equal(set.v[1].mask, 0x84000002);
	assert_int_equal(set.v[2].wd, 3);
	assert_int_equal(set.v[2].ino, 1);
	assert_int_equal(set.v[2].sdev, 0x15);
	assert_int_equal(set.v[2].mask, 0xfff);
	inotify_set_release(&set);

	extra = extra_of(inotify_hexwd_text, &len);
	assert_int_equal(inotify_fdinfo_parse(extra, len, &set), 0);
	assert_int_equal(set.count, 4);
	assert_int_equal(set.v[0].wd, 9);
	assert_int_equal(set.v[3].wd, 12);
	assert_int_equal(set.v[3].ino, 0xa741d2);
	inotify_set_release(&set);

	/* without a file handle (filesystems that cannot export one) */
	assert_int_equal(parse_inotify_str("inotify wd:1 ino:1a sdev:800001 "
					   "mask:2 ignored_mask:0 \n",
					   &set),
			 0);
	assert_int_equal(set.count, 1);
	assert_int_equal(set.v[0].ino, 0x1a);
	inotify_set_release(&set);

	/* the kernel's device numbers */
	anon_dev_text(&sb, 0xfe00000);
	assert_string_equal(text_of(&sb), "254:0");
	strbuf_reset(&sb);
	anon_dev_text(&sb, 0x800001);
	assert_string_equal(text_of(&sb), "8:1");
	strbuf_reset(&sb);
	anon_dev_text(&sb, 0x15);
	assert_string_equal(text_of(&sb), "0:21");
	strbuf_reset(&sb);

	/* mask names */
	anon_flags_text(&sb, 0x84000002, inotify_mask_names, "|");
	assert_string_equal(text_of(&sb), "MODIFY|EXCL_UNLINK|ONESHOT");
	strbuf_reset(&sb);
	anon_flags_text(&sb, 0x300, inotify_mask_names, "|");
	assert_string_equal(text_of(&sb), "CREATE|DELETE");
	strbuf_reset(&sb);
	anon_flags_text(&sb, 0x33000000 | 0x8000, inotify_mask_names, "|");
	assert_string_equal(text_of(&sb),
			    "ONLYDIR|DONT_FOLLOW|MASK_CREATE|MASK_ADD|0x8000");
	strbuf_reset(&sb);
	anon_flags_text(&sb, 0, inotify_mask_names, "|");
	assert_string_equal(text_of(&sb), "");
	strbuf_release(&sb);
}

static void test_inotify_malformed(void **state)
{
	static const char good[] = "inotify wd:1 ino:1a sdev:800001 mask:2 "
				   "ignored_mask:0\n";
	static const char *const bad[] = {
		"inotify wd:zz ino:1a sdev:800001 mask:2 ignored_mask:0\n",
		"inotify wd:2 ino:1a sdev:800001 ignored_mask:0\n",
		"inotify wd:2 sdev:800001 mask:2\n",
		"inotify wd:80000000 ino:1a sdev:1 mask:2\n",
		"inotify wd:2 ino:1a sdev:1 mask:100000000\n",
		"inotify \n",
	};
	struct inotify_set set;
	char text[256];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		size_t n = (size_t)snprintf(text, sizeof(text), "%s%s", bad[i],
					    good);
		char *buf = dup_exact(text, n);

		assert_int_equal(inotify_fdinfo_parse(buf, n, &set), -EINVAL);
		assert_int_equal(set.count, 1);
		assert_int_equal(set.v[0].wd, 1);
		inotify_set_release(&set);
		free(buf);
	}
}

static void test_inotify_prefixes(void **state)
{
	const char *const texts[] = { inotify_text, inotify_hexwd_text };

	(void)state;
	for (size_t t = 0; t < 2; t++) {
		size_t len;
		const char *extra = extra_of(texts[t], &len);
		struct inotify_set full, set;

		assert_int_equal(inotify_fdinfo_parse(extra, len, &full), 0);
		for (size_t n = 0; n <= len; n++) {
			char *buf = dup_exact(extra, n);
			int r = inotify_fdinfo_parse(buf, n, &set);

			free(buf);
			assert_int_equal(r,
					 whole_lines(extra, n) ? 0 : -EINVAL);
			for (size_t i = 0; i < set.count; i++) {
				bool found = false;

				for (size_t j = 0; j < full.count; j++)
					found |=
						set.v[i].wd == full.v[j].wd &&
						set.v[i].ino == full.v[j].ino &&
						set.v[i].sdev ==
							full.v[j].sdev &&
						set.v[i].mask == full.v[j].mask;
				assert_true(found);
			}
			inotify_set_release(&set);
		}
		inotify_set_release(&full);
	}
}

/* ---- fanotify */

static void test_fanotify(void **state)
{
	struct fanotify_info f;
	struct strbuf sb = STRBUF_INIT;
	size_t len;
	const char *extra;

	(void)state;
	extra = extra_of(fanotify_fid_text, &len);
	assert_int_equal(fanotify_fdinfo_parse(extra, len, &f), 0);
	assert_int_equal(f.flags, 0x200);
	assert_int_equal(f.event_flags, 0x8000);
	assert_int_equal(f.count, 2);
	assert_int_equal(f.v[0].type, FANOTIFY_MARK_FILESYSTEM);
	assert_int_equal(f.v[0].sdev, 0xfe00000);
	assert_int_equal(f.v[0].mask, 0x200);
	assert_int_equal(f.v[1].type, FANOTIFY_MARK_INODE);
	assert_int_equal(f.v[1].ino, 0x3c51a);
	assert_int_equal(f.v[1].sdev, 0xfe00000);
	assert_int_equal(f.v[1].mask, 0x40000100);
	fanotify_info_release(&f);

	extra = extra_of(fanotify_mount_text, &len);
	assert_int_equal(fanotify_fdinfo_parse(extra, len, &f), 0);
	assert_int_equal(f.flags, 2);
	assert_int_equal(f.count, 2);
	assert_int_equal(f.v[0].type, FANOTIFY_MARK_INODE);
	assert_int_equal(f.v[0].ignored_mask, 0x20);
	assert_int_equal(f.v[1].type, FANOTIFY_MARK_MOUNT);
	assert_int_equal(f.v[1].mnt_id, 27); /* hex 1b */
	assert_int_equal(f.v[1].mask, 0x28);
	fanotify_info_release(&f);

	extra = extra_of(fanotify_mntns_text, &len);
	assert_int_equal(fanotify_fdinfo_parse(extra, len, &f), 0);
	assert_int_equal(f.count, 1);
	assert_int_equal(f.v[0].type, FANOTIFY_MARK_MNTNS);
	assert_true(f.v[0].mnt_ns == 4026531832ull); /* decimal */
	assert_int_equal(f.v[0].mask, 0x1000000);
	fanotify_info_release(&f);

	anon_flags_text(&sb, 0x40000100, fanotify_mask_names, "|");
	assert_string_equal(text_of(&sb), "CREATE|ONDIR");
	strbuf_reset(&sb);
	anon_flags_text(&sb, 0x4206, fanotify_init_flag_names, "|");
	assert_string_equal(text_of(&sb),
			    "NONBLOCK|CLASS_CONTENT|REPORT_FID|REPORT_MNT");
	strbuf_release(&sb);
	assert_string_equal(fanotify_mark_type_name(FANOTIFY_MARK_MNTNS),
			    "mntns");
}

static void test_fanotify_malformed(void **state)
{
	static const char head[] = "fanotify flags:0 event-flags:0\n";
	static const char good[] = "fanotify mnt_id:1b mflags:0 mask:28 "
				   "ignored_mask:0\n";
	static const char *const bad[] = {
		"fanotify ino:zz sdev:1 mflags:0 mask:1 ignored_mask:0\n",
		"fanotify ino:1 mflags:0 mask:1 ignored_mask:0\n",
		"fanotify mnt_id:1 mflags:0 mask:1\n",
		"fanotify sdev:1 mflags:0 mask:100000000 ignored_mask:0\n",
		"fanotify mnt_ns:x mflags:0 mask:1 ignored_mask:0\n",
		"fanotify foo:1 mflags:0 mask:1 ignored_mask:0\n",
		"fanotify flags:1 event-flags:0\n", /* a second group line */
		"fanotify flags:1\n",
	};
	struct fanotify_info f;
	char text[256];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		snprintf(text, sizeof(text), "%s%s%s", head, bad[i], good);
		assert_int_equal(parse_fanotify_str(text, &f), -EINVAL);
		assert_int_equal(f.count, 1);
		assert_int_equal(f.v[0].type, FANOTIFY_MARK_MOUNT);
		fanotify_info_release(&f);
	}
	/* the group line is required; the marks are still kept */
	assert_int_equal(parse_fanotify_str(good, &f), -EINVAL);
	assert_int_equal(f.count, 1);
	fanotify_info_release(&f);
	assert_int_equal(parse_fanotify_str(head, &f), 0);
	assert_int_equal(f.count, 0);
	fanotify_info_release(&f);
	assert_int_equal(parse_fanotify_str("", &f), -EINVAL);
	fanotify_info_release(&f);
}

static void test_fanotify_prefixes(void **state)
{
	const char *const texts[] = { fanotify_fid_text, fanotify_mount_text,
				      fanotify_mntns_text };

	(void)state;
	for (size_t t = 0; t < 3; t++) {
		size_t len;
		const char *extra = extra_of(texts[t], &len);
		size_t head = (size_t)(strchr(extra, '\n') - extra) + 1;
		struct fanotify_info full, f;

		assert_int_equal(fanotify_fdinfo_parse(extra, len, &full), 0);
		for (size_t n = 0; n <= len; n++) {
			char *buf = dup_exact(extra, n);
			int r = fanotify_fdinfo_parse(buf, n, &f);

			free(buf);
			assert_int_equal(r, n >= head && whole_lines(extra, n)
						    ? 0
						    : -EINVAL);
			if (n >= head) {
				assert_int_equal(f.flags, full.flags);
				assert_int_equal(f.event_flags,
						 full.event_flags);
			}
			assert_true(f.count <= full.count);
			for (size_t i = 0; i < f.count; i++)
				assert_memory_equal(&f.v[i], &full.v[i],
						    sizeof(f.v[i]));
			fanotify_info_release(&f);
		}
		fanotify_info_release(&full);
	}
}

/* ---- pidfd */

static void test_pidfd(void **state)
{
	struct pidfd_info p;
	size_t len;
	const char *extra;

	(void)state;
	extra = extra_of(pidfd_text, &len);
	assert_int_equal(pidfd_fdinfo_parse(extra, len, &p), 0);
	assert_int_equal(p.pid, 4591);
	assert_int_equal(p.nnspid, 1);
	assert_int_equal(p.nspid[0], 4591);

	extra = extra_of(pidfd_exited_text, &len);
	assert_int_equal(pidfd_fdinfo_parse(extra, len, &p), 0);
	assert_int_equal(p.pid, -1);
	assert_int_equal(p.nspid[0], -1);

	/* nested pid namespaces; outside ours; no NSpid without
	 * CONFIG_PID_NS */
	assert_int_equal(parse_pidfd_str("Pid:\t812\nNSpid:\t812\t1\n", &p), 0);
	assert_int_equal(p.nnspid, 2);
	assert_int_equal(p.nspid[1], 1);
	assert_int_equal(parse_pidfd_str("Pid:\t0\nNSpid:\t0\n", &p), 0);
	assert_int_equal(p.pid, 0);
	assert_int_equal(parse_pidfd_str("Pid:\t7\n", &p), 0);
	assert_int_equal(p.nnspid, 0);

	assert_int_equal(parse_pidfd_str("", &p), -EINVAL);
	assert_int_equal(parse_pidfd_str("Pid:\tabc\n", &p), -EINVAL);
	assert_int_equal(parse_pidfd_str("Pid:\t-2\n", &p), -EINVAL);
	assert_int_equal(parse_pidfd_str("Pid:\t4294967296\n", &p), -EINVAL);
	assert_int_equal(parse_pidfd_str("Pid:\t1\nNSpid:\t1\tx\n", &p),
			 -EINVAL);
	assert_int_equal(parse_pidfd_str("Pid:\t1\nNSpid:\t1 2 3 4 5 6 7 8 9 "
					 "10 11 12 13 14 15 16 17 18 19 20 21 "
					 "22 23 24 25 26 27 28 29 30 31 32 33 "
					 "34\n",
					 &p),
			 -EINVAL);

	for (size_t n = 0; n <= len; n++) {
		char *buf = dup_exact(extra, n);
		size_t pid_end = (size_t)(strchr(extra, '\n') - extra) + 1;
		int r = pidfd_fdinfo_parse(buf, n, &p);

		free(buf);
		assert_int_equal(r, n >= pid_end ? 0 : -EINVAL);
		if (r == 0) {
			assert_int_equal(p.pid, -1);
			assert_int_equal(p.nnspid, n == len ? 1 : 0);
		}
	}
}

/* ---- io_uring */

static void test_io_uring(void **state)
{
	struct io_uring_info u;
	size_t len;
	const char *extra;

	(void)state;
	extra = extra_of(io_uring_text, &len);
	assert_int_equal(io_uring_fdinfo_parse(extra, len, &u), 0);
	assert_int_equal(u.sq_entries, 4);
	assert_int_equal(u.cq_entries, 8);
	assert_true(u.has_heads);
	assert_true(u.has_sq_thread);
	assert_int_equal(u.sq_thread, -1);
	assert_true(u.has_user_files && u.has_user_bufs);
	assert_int_equal(u.user_files, 0);

	extra = extra_of(io_uring_sqpoll_text, &len);
	assert_int_equal(io_uring_fdinfo_parse(extra, len, &u), 0);
	assert_int_equal(u.sq_entries, 8);
	assert_int_equal(u.cq_entries, 16);
	assert_int_equal(u.sq_head, 3);
	assert_int_equal(u.sq_tail, 5);
	assert_int_equal(u.cq_head, 2);
	assert_int_equal(u.cq_tail, 4);
	assert_int_equal(u.sq_thread, 13589);
	assert_int_equal(u.user_files, 3);
	assert_int_equal(u.user_bufs, 0); /* not the forged 99 */

	assert_int_equal(parse_io_uring_str("SqMask:\t0x3\n", &u), -EINVAL);
	assert_int_equal(parse_io_uring_str("SqMask:\t0x3\nCqMask:\t0x7\n", &u),
			 0);
	assert_false(u.has_heads || u.has_sq_thread || u.has_user_files);
	assert_int_equal(parse_io_uring_str("SqMask:\t0x3\nCqMask:\tz\n", &u),
			 -EINVAL);
	assert_int_equal(parse_io_uring_str("SqMask:\t0xffffffff\n"
					    "CqMask:\t0x7\n",
					    &u),
			 -EINVAL);
	assert_int_equal(parse_io_uring_str("SqMask:\t0x3\nCqMask:\t0x7\n"
					    "SqThread:\t-5\n",
					    &u),
			 -EINVAL);
	assert_int_equal(parse_io_uring_str("SqMask:\t0x3\nCqMask:\t0x7\n"
					    "SqHead:\tx\n",
					    &u),
			 -EINVAL);
}

static void test_io_uring_prefixes(void **state)
{
	size_t len;
	const char *extra = extra_of(io_uring_sqpoll_text, &len);
	size_t need = (size_t)(strstr(extra, "CqMask:\t0xf\n") - extra) + 12;
	struct io_uring_info full, u;

	(void)state;
	assert_int_equal(io_uring_fdinfo_parse(extra, len, &full), 0);
	for (size_t n = 0; n <= len; n++) {
		char *buf = dup_exact(extra, n);
		int r = io_uring_fdinfo_parse(buf, n, &u);

		free(buf);
		assert_int_equal(r, n >= need ? 0 : -EINVAL);
		if (r)
			continue;
		assert_int_equal(u.sq_entries, full.sq_entries);
		assert_int_equal(u.cq_entries, full.cq_entries);
		if (u.has_heads)
			assert_int_equal(u.cq_tail, full.cq_tail);
		if (u.has_sq_thread)
			assert_int_equal(u.sq_thread, full.sq_thread);
		if (u.has_user_files)
			assert_int_equal(u.user_files, full.user_files);
		if (u.has_user_bufs)
			assert_int_equal(u.user_bufs, full.user_bufs);
	}
}

/* ---- bpf */

static void test_bpf(void **state)
{
	struct bpf_fd_info b;
	size_t len;
	const char *extra;

	(void)state;
	extra = extra_of(bpf_map_text, &len);
	assert_int_equal(bpf_fdinfo_parse(extra, len, BPF_OBJECT_MAP, &b), 0);
	assert_true(b.has_map_type && b.has_sizes && b.has_map_id);
	assert_int_equal(b.map_type, 2);
	assert_int_equal(b.key_size, 4);
	assert_int_equal(b.value_size, 8);
	assert_int_equal(b.max_entries, 16);
	assert_int_equal(b.map_flags, 0);
	assert_int_equal(b.map_id, 25);

	extra = extra_of(bpf_prog_text, &len);
	assert_int_equal(bpf_fdinfo_parse(extra, len, BPF_OBJECT_PROG, &b), 0);
	assert_int_equal(b.prog_type, 17);
	assert_int_equal(b.prog_id, 99);
	assert_string_equal(b.prog_tag, "59f4a931744dcdc6");
	assert_string_equal(b.link_type, "");
	/* a map's fdinfo is not a program's */
	assert_int_equal(bpf_fdinfo_parse(extra, len, BPF_OBJECT_MAP, &b),
			 -EINVAL);

	extra = extra_of(bpf_link_text, &len);
	assert_int_equal(bpf_fdinfo_parse(extra, len, BPF_OBJECT_LINK, &b), 0);
	assert_string_equal(b.link_type, "raw_tracepoint");
	assert_int_equal(b.link_id, 89);
	assert_int_equal(b.prog_id, 99);
	assert_string_equal(b.prog_tag, "59f4a931744dcdc6");
	assert_int_equal(
		parse_bpf_str("link_type:\t<40>\n", BPF_OBJECT_LINK, &b), 0);
	assert_string_equal(b.link_type, "<40>");

	assert_int_equal(parse_bpf_str("prog_type:\t1\nprog_tag:\txyz\n",
				       BPF_OBJECT_PROG, &b),
			 -EINVAL);
	assert_int_equal(parse_bpf_str("prog_type:\t1\nprog_tag:\t"
				       "59f4a931744dcdc60\n",
				       BPF_OBJECT_PROG, &b),
			 -EINVAL);
	assert_int_equal(
		parse_bpf_str("link_type:\tRaw\n", BPF_OBJECT_LINK, &b),
		-EINVAL);
	assert_int_equal(
		parse_bpf_str("link_type:\t\x1b[31m\n", BPF_OBJECT_LINK, &b),
		-EINVAL);
	assert_int_equal(parse_bpf_str("map_type:\tx\n", BPF_OBJECT_MAP, &b),
			 -EINVAL);
	assert_int_equal(parse_bpf_str("", BPF_OBJECT_OTHER, &b), 0);

	assert_int_equal(bpf_object_of("bpf-map", 7), BPF_OBJECT_MAP);
	assert_int_equal(bpf_object_of("bpf-prog", 8), BPF_OBJECT_PROG);
	assert_int_equal(bpf_object_of("bpf_link", 8), BPF_OBJECT_LINK);
	assert_int_equal(bpf_object_of("bpf_iter", 8), BPF_OBJECT_OTHER);
	assert_int_equal(bpf_object_of("bpf-map", 6), BPF_OBJECT_OTHER);

	assert_string_equal(bpf_map_type_name(1), "hash");
	assert_string_equal(bpf_map_type_name(2), "array");
	assert_string_equal(bpf_map_type_name(9), "lru_hash");
	assert_string_equal(bpf_map_type_name(27), "ringbuf");
	assert_string_equal(bpf_map_type_name(33), "arena");
	assert_null(bpf_map_type_name(0));
	assert_null(bpf_map_type_name(34));
	assert_null(bpf_map_type_name(UINT64_MAX));
	assert_string_equal(bpf_prog_type_name(1), "socket_filter");
	assert_string_equal(bpf_prog_type_name(6), "xdp");
	assert_string_equal(bpf_prog_type_name(26), "tracing");
	assert_string_equal(bpf_prog_type_name(29), "lsm");
	assert_string_equal(bpf_prog_type_name(32), "netfilter");
	assert_null(bpf_prog_type_name(0));
	assert_null(bpf_prog_type_name(33));
}

static void test_bpf_prefixes(void **state)
{
	static const struct {
		const char *text, *key;
		enum bpf_object object;
	} cases[] = {
		{ bpf_map_text, "map_type:\t2\n", BPF_OBJECT_MAP },
		{ bpf_prog_text, "prog_type:\t17\n", BPF_OBJECT_PROG },
		{ bpf_link_text, "link_type:\traw_tracepoint\n",
		  BPF_OBJECT_LINK },
	};

	(void)state;
	for (size_t c = 0; c < 3; c++) {
		size_t len;
		const char *extra = extra_of(cases[c].text, &len);
		size_t need = (size_t)(strstr(extra, cases[c].key) - extra) +
			      strlen(cases[c].key);
		struct bpf_fd_info full, b;

		assert_int_equal(
			bpf_fdinfo_parse(extra, len, cases[c].object, &full),
			0);
		for (size_t n = 0; n <= len; n++) {
			char *buf = dup_exact(extra, n);
			int r = bpf_fdinfo_parse(buf, n, cases[c].object, &b);

			free(buf);
			assert_int_equal(r, n >= need ? 0 : -EINVAL);
			if (r)
				continue;
			assert_int_equal(b.map_type, full.map_type);
			assert_int_equal(b.prog_type, full.prog_type);
			assert_string_equal(b.link_type, full.link_type);
			if (b.has_map_id)
				assert_int_equal(b.map_id, full.map_id);
			if (b.has_prog_id)
				assert_int_equal(b.prog_id, full.prog_id);
			if (b.prog_tag[0])
				assert_string_equal(b.prog_tag, full.prog_tag);
		}
	}
}

/* ---- userfaultfd and memfd */

static void test_userfaultfd(void **state)
{
	struct userfaultfd_info u;
	size_t len;
	const char *extra = extra_of(userfaultfd_text, &len);
	size_t need = (size_t)(strstr(extra, "API") - extra);

	(void)state;
	assert_int_equal(userfaultfd_fdinfo_parse(extra, len, &u), 0);
	assert_int_equal(u.pending, 0);
	assert_int_equal(u.total, 0);
	assert_true(u.has_api);
	assert_int_equal(u.api, 0xaa);
	assert_int_equal(u.features, 0x80000000);
	assert_true(u.ioctls == 0x80000000000001ffull);

	assert_int_equal(parse_uffd_str("pending:\t3\ntotal:\t7\n", &u), 0);
	assert_int_equal(u.pending, 3);
	assert_int_equal(u.total, 7);
	assert_false(u.has_api);
	assert_int_equal(parse_uffd_str("pending:\t3\ntotal:\t7\n"
					"API:\taa:zz:1\n",
					&u),
			 -EINVAL);
	assert_int_equal(parse_uffd_str("pending:\t3\ntotal:\t7\n"
					"API:\taa:1\n",
					&u),
			 -EINVAL);
	assert_int_equal(parse_uffd_str("pending:\t3\ntotal:\t7\n"
					"API:\taa:1:2:3\n",
					&u),
			 -EINVAL);
	assert_int_equal(parse_uffd_str("total:\t7\n", &u), -EINVAL);

	for (size_t n = 0; n <= len; n++) {
		char *buf = dup_exact(extra, n);
		int r = userfaultfd_fdinfo_parse(buf, n, &u);

		free(buf);
		assert_int_equal(r, n >= need ? 0 : -EINVAL);
		if (r == 0)
			assert_int_equal(u.has_api, n == len);
	}
}

static void expect_memfd(const char *target, const char *name)
{
	size_t len = 77;
	const char *p = memfd_name(target, &len);

	if (!name) {
		assert_null(p);
		return;
	}
	assert_non_null(p);
	assert_int_equal(len, strlen(name));
	assert_memory_equal(p, name, len);
}

static void test_memfd_name(void **state)
{
	(void)state;
	expect_memfd("/memfd:my name (deleted)", "my name");
	expect_memfd("/memfd: (deleted)", "");
	expect_memfd("/memfd:sp (deleted) (deleted)", "sp (deleted)");
	expect_memfd("/memfd:a\nb (deleted)", "a\nb");
	expect_memfd("/memfd:x", NULL);
	expect_memfd("/memfd:(deleted)", NULL);
	expect_memfd("/tmp/memfd:x (deleted)", NULL);
	expect_memfd("memfd:x (deleted)", NULL);
	expect_memfd("", NULL);
	expect_memfd(NULL, NULL);
}

/* ---- the classes, with the registry and a snapshot */

static void set_target(struct fd *fd, const char *target)
{
	free(fd->target);
	fd->target = strdup(target);
	assert_non_null(fd->target);
}

/* An fd of pid with target, classified, its fdinfo parsed when given. */
static void make_fd(struct fd *fd, pid_t pid, int num, const char *target,
		    const char *fdinfo)
{
	memset(fd, 0, sizeof(*fd));
	fd->owner = pid;
	fd->num = num;
	set_target(fd, target);
	fd_classify(fd);
	if (fdinfo) {
		char *buf = dup_exact(fdinfo, strlen(fdinfo));

		assert_int_equal(
			proc_fdinfo_parse(buf, strlen(fdinfo), &fd->info), 0);
		fd->has_info = true;
		if (fd->cls->parse)
			fd->cls->parse(fd, fd->info.extra, fd->info.extra_len);
		fd->info.extra = NULL;
		fd->info.extra_len = 0;
		free(buf);
	}
}

static char *describe(struct fd *fd, struct snapshot *snap)
{
	struct strbuf sb = STRBUF_INIT;

	fd_describe(fd, snap, &sb);
	return strbuf_detach(&sb);
}

/* The class's fields as compact JSON. */
static char *emit_json(struct fd *fd, struct snapshot *snap)
{
	char *out = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&out, &size);
	struct sink *s;

	assert_non_null(f);
	s = sink_json_new(f, false);
	sink_begin_object(s, NULL);
	if (fd->cls->emit)
		fd->cls->emit(fd, snap, s);
	sink_end_object(s);
	assert_int_equal(sink_finish(s), 0);
	sink_free(s);
	fclose(f);
	return out;
}

static void expect_text(char *got, const char *want)
{
	assert_string_equal(got, want);
	free(got);
}

static void expect_json_has(char *json, const char *const *parts)
{
	for (; *parts; parts++) {
		if (!strstr(json, *parts))
			fail_msg("%s not in %s", *parts, json);
	}
	free(json);
}

static void test_classify(void **state)
{
	static const struct {
		const char *target, *kind;
	} cases[] = {
		{ "anon_inode:[eventpoll]", "eventpoll" },
		{ "anon_inode:[eventfd]", "eventfd" },
		{ "anon_inode:[timerfd]", "timerfd" },
		{ "anon_inode:[signalfd]", "signalfd" },
		{ "anon_inode:inotify", "inotify" },
		{ "anon_inode:[fanotify]", "fanotify" },
		{ "anon_inode:[pidfd]", "pidfd" },
		{ "pidfd:[231819]", "pidfd" },
		{ "anon_inode:[io_uring]", "io_uring" },
		{ "anon_inode:bpf-map", "bpf" },
		{ "anon_inode:bpf-prog", "bpf" },
		{ "anon_inode:bpf_link", "bpf" },
		{ "anon_inode:bpf_iter", "bpf" },
		{ "anon_inode:btf", "bpf" },
		{ "anon_inode:[perf_event]", "perf" },
		{ "anon_inode:[userfaultfd]", "userfaultfd" },
		{ "/memfd:my name (deleted)", "memfd" },
		{ "anon_inode:[eventfdx]", "anon" },
		{ "anon_inode:[io_uringx]", "anon" },
	};
	struct fd fd;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		make_fd(&fd, 1, 3, cases[i].target, NULL);
		if (strcmp(fd.cls->kind, cases[i].kind) != 0)
			fail_msg("%s: %s, not %s", cases[i].target,
				 fd.cls->kind, cases[i].kind);
		fd_release(&fd);
	}
	/* a memfd-looking name that stat shows is no regular file */
	memset(&fd, 0, sizeof(fd));
	set_target(&fd, "/memfd:x (deleted)");
	fd.has_stat = true;
	fd.st_mode = S_IFDIR | 0755;
	fd_classify(&fd);
	assert_string_not_equal(fd.cls->kind, "memfd");
	fd_release(&fd);
}

/* Unparsed (fdinfo unreadable): the noun alone, null fields. */
static void test_classes_without_fdinfo(void **state)
{
	static const struct {
		const char *target, *text;
	} cases[] = {
		{ "anon_inode:[eventpoll]", "epoll set" },
		{ "anon_inode:[eventfd]", "eventfd" },
		{ "anon_inode:[timerfd]", "timerfd" },
		{ "anon_inode:[signalfd]", "signalfd" },
		{ "anon_inode:inotify", "inotify" },
		{ "anon_inode:[fanotify]", "fanotify" },
		{ "anon_inode:[pidfd]", "pidfd" },
		{ "anon_inode:[io_uring]", "io_uring" },
		{ "anon_inode:bpf-map", "bpf map" },
		{ "anon_inode:bpf-prog", "bpf prog" },
		{ "anon_inode:bpf_link", "bpf link" },
		{ "anon_inode:bpf_iter", "bpf iterator" },
		{ "anon_inode:btf", "bpf btf" },
		{ "anon_inode:bpf-token", "bpf bpf-token" },
		{ "anon_inode:[perf_event]", "perf event" },
		{ "anon_inode:[userfaultfd]", "userfaultfd" },
		{ "/memfd:\x1b[31m (deleted)", "memfd \\e[31m" },
	};
	struct snapshot snap;
	struct strbuf lines = STRBUF_INIT;
	struct fd fd;

	(void)state;
	snapshot_init(&snap, NULL);
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		make_fd(&fd, 1, 3, cases[i].target, NULL);
		if (fd.cls->link)
			fd.cls->link(&fd, &snap);
		expect_text(describe(&fd, &snap), cases[i].text);
		free(emit_json(&fd, &snap));
		fd_release(&fd);
	}
	make_fd(&fd, 1, 3, "anon_inode:[eventpoll]", NULL);
	eventpoll_describe_entries(&fd, &snap, &lines);
	assert_int_equal(lines.len, 0);
	expect_text(emit_json(&fd, &snap), "{\"entries\":null}\n");
	fd_release(&fd);
	/* malformed fdinfo: the fd is shown all the same */
	make_fd(&fd, 1, 3, "anon_inode:[timerfd]",
		"pos:\t0\nflags:\t02\nclockid: x\n");
	assert_null(fd.priv);
	expect_text(describe(&fd, &snap), "timerfd");
	fd_release(&fd);
	snapshot_release(&snap);
	strbuf_release(&lines);
}

static void test_classes_describe_emit(void **state)
{
	struct snapshot snap;
	struct procfs fs;
	struct fd fd;
	char self[128];

	(void)state;
	assert_int_equal(procfs_open(&fs, "/proc"), 0);
	snapshot_init(&snap, &fs);

	make_fd(&fd, 1, 3, "anon_inode:[eventfd]", eventfd_text);
	assert_true(fd.self_key == snapshot_key(ENDPOINT_EVENTFD, 1));
	expect_text(describe(&fd, &snap), "eventfd count 5 (id 1), semaphore");
	expect_json_has(emit_json(&fd, &snap),
			(const char *const[]){ "\"count\":5", "\"id\":1",
					       "\"semaphore\":true",
					       "\"peers\":[]", NULL });
	fd_release(&fd);

	make_fd(&fd, 1, 3, "anon_inode:[timerfd]", timerfd_text);
	expect_text(describe(&fd, &snap),
		    "timerfd monotonic, next in 99.5 s, every 5 s");
	expect_json_has(emit_json(&fd, &snap),
			(const char *const[]){ "\"clock\":\"monotonic\"",
					       "\"next_ns\":99499987832",
					       "\"interval_ns\":5000000000",
					       "\"ticks\":0", NULL });
	fd_release(&fd);
	make_fd(&fd, 1, 3, "anon_inode:[timerfd]", timerfd_disarmed_text);
	expect_text(describe(&fd, &snap), "timerfd boottime_alarm, disarmed");
	expect_json_has(emit_json(&fd, &snap),
			(const char *const[]){ "\"next_ns\":null", NULL });
	fd_release(&fd);
	make_fd(&fd, 1, 3, "anon_inode:[timerfd]", timerfd_fired_text);
	expect_text(describe(&fd, &snap),
		    "timerfd boottime, expired, every 1 ms, 1 expiry unread");
	fd_release(&fd);
	make_fd(&fd, 1, 3, "anon_inode:[timerfd]", timerfd_abs_text);
	expect_json_has(emit_json(&fd, &snap),
			(const char *const[]){ "\"settime_flags\":[\"ABSTIME\","
					       "\"CANCEL_ON_SET\"]",
					       NULL });
	fd_release(&fd);

	make_fd(&fd, 1, 3, "anon_inode:[signalfd]", signalfd_text);
	expect_text(describe(&fd, &snap),
		    "signalfd HUP USR1 USR2 RTMIN RTMIN+30");
	expect_text(emit_json(&fd, &snap),
		    "{\"signals\":[\"SIGHUP\",\"SIGUSR1\",\"SIGUSR2\","
		    "\"SIGRTMIN\",\"SIGRTMIN+30\"]}\n");
	fd_release(&fd);

	make_fd(&fd, 1, 3, "anon_inode:inotify", inotify_text);
	expect_text(describe(&fd, &snap),
		    "inotify, 3 watches: inode 247066 on 254:0, inode 409602 "
		    "on 254:0, inode 1 on 0:21");
	expect_json_has(emit_json(&fd, &snap),
			(const char *const[]){
				"{\"wd\":1,\"inode\":247066,\"dev\":\"254:0\","
				"\"mask\":[\"CREATE\",\"DELETE\"],"
				"\"path\":null}",
				NULL });
	fd_release(&fd);
	make_fd(&fd, 1, 3, "anon_inode:inotify", inotify_hexwd_text);
	expect_text(describe(&fd, &snap),
		    "inotify, 4 watches: inode 10961358 on 254:0, inode "
		    "10961359 on 254:0, inode 10961360 on 254:0, ...");
	fd_release(&fd);

	make_fd(&fd, 1, 3, "anon_inode:[fanotify]", fanotify_mount_text);
	expect_text(describe(&fd, &snap),
		    "fanotify, 2 marks: inode 409602 on 254:0, mount 27");
	expect_json_has(
		emit_json(&fd, &snap),
		(const char *const[]){ "\"init_flags\":[\"NONBLOCK\"]",
				       "\"event_flags\":32770",
				       "\"type\":\"mount\",\"inode\":null,"
				       "\"dev\":null,\"mnt_id\":27",
				       "\"ignored_mask\":[\"OPEN\"]", NULL });
	fd_release(&fd);
	make_fd(&fd, 1, 3, "anon_inode:[fanotify]", fanotify_mntns_text);
	expect_text(describe(&fd, &snap),
		    "fanotify, 1 mark: mount namespace 4026531832");
	fd_release(&fd);

	/* pidfds name the process: ourselves here */
	snprintf(self, sizeof(self),
		 "pos:\t0\nflags:\t02000002\nmnt_id:\t4\nino:\t1\nPid:\t%d\n"
		 "NSpid:\t%d\n",
		 (int)getpid(), (int)getpid());
	make_fd(&fd, 1, 3, "anon_inode:[pidfd]", self);
	{
		const char *comm = snapshot_comm(&snap, getpid());
		char want[128];

		assert_non_null(comm);
		snprintf(want, sizeof(want), "pidfd \u2192 %s [%d]", comm,
			 (int)getpid());
		expect_text(describe(&fd, &snap), want);
	}
	fd_release(&fd);
	make_fd(&fd, 1, 3, "anon_inode:[pidfd]", pidfd_exited_text);
	expect_text(describe(&fd, &snap), "pidfd (process exited)");
	expect_json_has(emit_json(&fd, &snap),
			(const char *const[]){ "\"pid\":null",
					       "\"exited\":true",
					       "\"thread\":false", NULL });
	fd_release(&fd);
	/* a thread's pidfd (PIDFD_THREAD is O_EXCL) */
	make_fd(&fd, 1, 3, "anon_inode:[pidfd]",
		"pos:\t0\nflags:\t02000202\nPid:\t0\nNSpid:\t0\n");
	expect_text(describe(&fd, &snap),
		    "pidfd (thread) (process outside this pid namespace)");
	fd_release(&fd);

	make_fd(&fd, 1, 3, "/memfd:my name (deleted)", NULL);
	fd.has_stat = true;
	fd.st_mode = S_IFREG | 0777;
	fd.st_size = 4096;
	expect_text(describe(&fd, &snap), "memfd my name, 4096 bytes");
	expect_text(emit_json(&fd, &snap),
		    "{\"name\":\"my name\",\"size\":4096}\n");
	fd_release(&fd);

	make_fd(&fd, 1, 3, "anon_inode:[io_uring]", io_uring_sqpoll_text);
	expect_text(describe(&fd, &snap),
		    "io_uring sq 8 cq 16, sqpoll thread 13589, 3 files");
	expect_json_has(emit_json(&fd, &snap),
			(const char *const[]){ "\"sq_entries\":8",
					       "\"sq_thread\":13589",
					       "\"user_bufs\":0", NULL });
	fd_release(&fd);

	make_fd(&fd, 1, 3, "anon_inode:bpf-map", bpf_map_text);
	expect_text(describe(&fd, &snap), "bpf map array (id 25)");
	expect_json_has(emit_json(&fd, &snap),
			(const char *const[]){ "\"object\":\"map\"",
					       "\"map_type\":\"array\"",
					       "\"map_type_id\":2",
					       "\"max_entries\":16", NULL });
	fd_release(&fd);
	make_fd(&fd, 1, 3, "anon_inode:bpf-prog", bpf_prog_text);
	expect_text(describe(&fd, &snap), "bpf prog raw_tracepoint (id 99)");
	fd_release(&fd);
	make_fd(&fd, 1, 3, "anon_inode:bpf_link", bpf_link_text);
	expect_text(describe(&fd, &snap),
		    "bpf link raw_tracepoint (id 89, prog 99)");
	fd_release(&fd);
	make_fd(&fd, 1, 3, "anon_inode:bpf-map",
		"pos:\t0\nflags:\t02\nmap_type:\t99\nmap_id:\t3\n");
	expect_text(describe(&fd, &snap), "bpf map type 99 (id 3)");
	expect_json_has(emit_json(&fd, &snap),
			(const char *const[]){ "\"map_type\":null",
					       "\"map_type_id\":99", NULL });
	fd_release(&fd);

	make_fd(&fd, 1, 3, "anon_inode:[userfaultfd]", userfaultfd_text);
	expect_text(describe(&fd, &snap), "userfaultfd, 0 pending, 0 total");
	fd_release(&fd);

	snapshot_release(&snap);
	procfs_close(&fs);
}

/* An epoll set among the fds of its process: live, closed and reused
 * entries. */
static void test_eventpoll_link(void **state)
{
	static const char text[] =
		"pos:\t0\nflags:\t02\nmnt_id:\t17\nino:\t1038\n"
		/* fd 3: the pipe it was added for */
		"tfd:        3 events: 80000019 data:                3  pos:0 "
		"ino:721d1 sdev:f\n"
		/* fd 4: closed (the file lives on in a dup) */
		"tfd:        4 events:       19 data:                4  pos:0 "
		"ino:721d2 sdev:f\n"
		/* fd 5: an eventfd, the shared anon inode 0x40e */
		"tfd:        5 events: 40000000 data:                5  pos:0 "
		"ino:40e sdev:10\n"
		/* fd 6: now another pipe */
		"tfd:        6 events:       1d data:                6  pos:0 "
		"ino:721d3 sdev:f\n"
		/* fd 10: a memfd, known by stat */
		"tfd:       10 events:       19 data:               10  pos:0 "
		"ino:63 sdev:fe00000\n";
	struct snapshot snap;
	struct strbuf lines = STRBUF_INIT;
	struct fd fds[5];
	struct fd *ep = &fds[4];

	(void)state;
	snapshot_init(&snap, NULL);
	make_fd(&fds[0], 42, 3, "pipe:[467409]", NULL); /* 0x721d1 */
	make_fd(&fds[1], 42, 5, "anon_inode:[eventfd]", eventfd_hex_text);
	make_fd(&fds[2], 42, 6, "pipe:[99]", NULL);
	make_fd(&fds[3], 42, 10, "/memfd:x (deleted)", NULL);
	fds[3].has_stat = true;
	fds[3].st_mode = S_IFREG | 0644;
	fds[3].st_ino = 0x63;
	make_fd(ep, 42, 12, "anon_inode:[eventpoll]", text);
	assert_string_equal(ep->cls->kind, "eventpoll");

	/* without the owner's table nothing can be checked */
	ep->cls->link(ep, &snap);
	expect_text(describe(ep, &snap), "epoll set, 5 entries");

	snapshot_add_fds(&snap, 42, fds, 5);
	ep->cls->link(ep, &snap);
	expect_text(describe(ep, &snap), "epoll set, 5 entries, 2 stale");
	eventpoll_describe_entries(ep, &snap, &lines);
	/* the pipe's own description is the pipe class's business */
	assert_memory_equal(text_of(&lines),
			    "    fd 3    IN|ET             pipe", 34);
	assert_non_null(
		strstr(text_of(&lines),
		       "\n    fd 4    IN                STALE (closed)\n"
		       "    fd 5    ONESHOT (fired)   eventfd count 10 "
		       "(id 12)\n"
		       "    fd 6    IN|OUT            STALE (fd now names "
		       "another file)\n"
		       "    fd 10   IN                memfd x, 0 bytes\n"));
	assert_int_equal(lines.buf[lines.len - 1], '\n');
	expect_json_has(
		emit_json(ep, &snap),
		(const char *const[]){
			"{\"fd\":3,\"events\":[\"IN\",\"ERR\",\"HUP\",\"ET\"],"
			"\"data\":3,\"inode\":467409,\"stale\":null,"
			"\"target\":{\"kind\":\"pipe\",",
			"{\"fd\":4,\"events\":[\"IN\",\"ERR\",\"HUP\"],"
			"\"data\":4,\"inode\":467410,\"stale\":\"closed\","
			"\"target\":null}",
			"\"stale\":\"reused\",\"target\":null}",
			"\"target\":{\"kind\":\"eventfd\",\"description\":"
			"\"eventfd count 10 (id 12)\"}",
			NULL });
	for (size_t i = 0; i < 5; i++)
		fd_release(&fds[i]);
	snapshot_release(&snap);
	strbuf_release(&lines);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eventpoll_real),
		cmocka_unit_test(test_eventpoll_events),
		cmocka_unit_test(test_eventpoll_malformed),
		cmocka_unit_test(test_eventpoll_prefixes),
		cmocka_unit_test(test_eventfd),
		cmocka_unit_test(test_eventfd_prefixes),
		cmocka_unit_test(test_timerfd),
		cmocka_unit_test(test_timerfd_malformed),
		cmocka_unit_test(test_timerfd_duration),
		cmocka_unit_test(test_timerfd_prefixes),
		cmocka_unit_test(test_signalfd),
		cmocka_unit_test(test_inotify),
		cmocka_unit_test(test_inotify_malformed),
		cmocka_unit_test(test_inotify_prefixes),
		cmocka_unit_test(test_fanotify),
		cmocka_unit_test(test_fanotify_malformed),
		cmocka_unit_test(test_fanotify_prefixes),
		cmocka_unit_test(test_pidfd),
		cmocka_unit_test(test_io_uring),
		cmocka_unit_test(test_io_uring_prefixes),
		cmocka_unit_test(test_bpf),
		cmocka_unit_test(test_bpf_prefixes),
		cmocka_unit_test(test_userfaultfd),
		cmocka_unit_test(test_memfd_name),
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_classes_without_fdinfo),
		cmocka_unit_test(test_classes_describe_emit),
		cmocka_unit_test(test_eventpoll_link),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
