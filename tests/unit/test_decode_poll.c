/* The poll family: epoll events (packed, 12 bytes), pollfd arrays,
 * fd_sets, timeouts, "(Timeout)"; counts from the tracee that lie (arrays
 * in heap copies of exactly the size the decoder may read). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <time.h>

#include "decode_util.h"
#include "unit_util.h"

/* What the call says after its return value. */
static const char *note(const char *name, const uint64_t args[6], int64_t ret)
{
	struct decode_call c = decode_util_call(name, args, ret);
	struct strbuf sb = STRBUF_INIT;
	struct dout o;

	static char kept[sizeof(c.note_buf)];

	dout_init(&o, DOUT_TEXT, &sb, NULL);
	decode_util_run(&c, &o);
	strbuf_release(&sb);
	if (!c.ret_note)
		return NULL;
	/* the note may be in c's own buffer */
	snprintf(kept, sizeof(kept), "%s", c.ret_note);
	return kept;
}

static void epoll_create_ctl(void **state)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET, .data.u64 = 5 };
	char *p;

	(void)state;
	assert_int_equal(sizeof(ev), 12);
	check("epoll_create", (uint64_t[6]){ 5 }, 3, "5");
	check("epoll_create1", (uint64_t[6]){ EPOLL_CLOEXEC }, 3, "EPOLL_CLOEXEC");
	check("epoll_create1", (uint64_t[6]){ 0 }, 3, "0");
	p = dup_exact(&ev, sizeof(ev));
	check("epoll_ctl", (uint64_t[6]){ 6, EPOLL_CTL_ADD, 3, A(p) }, 0,
	      "6<fd 6>, EPOLL_CTL_ADD, 3<fd 3>, "
	      "{events=EPOLLIN|EPOLLET, data={u32=5, u64=5}}");
	check_json("epoll_ctl", (uint64_t[6]){ 6, EPOLL_CTL_ADD, 3, A(p) }, 0,
		   "{\"epfd\":{\"fd\":6,\"description\":\"test fd\"},"
		   "\"op\":\"EPOLL_CTL_ADD\","
		   "\"fd\":{\"fd\":3,\"description\":\"test fd\"},"
		   "\"event\":{\"events\":[\"EPOLLIN\",\"EPOLLET\"],"
		   "\"data\":{\"u32\":5,\"u64\":5}}}\n");
	free(p);
	ev.events = EPOLLPRI | EPOLLOUT | EPOLLRDHUP | EPOLLEXCLUSIVE |
		    EPOLLONESHOT | 0x4000;
	ev.data.u64 = 0x1234567890ull;
	check("epoll_ctl", (uint64_t[6]){ 6, EPOLL_CTL_MOD, 3, A(&ev) }, -22,
	      "6<fd 6>, EPOLL_CTL_MOD, 3<fd 3>, "
	      "{events=EPOLLPRI|EPOLLOUT|EPOLLRDHUP|EPOLLEXCLUSIVE|EPOLLONESHOT|0x4000, "
	      "data={u32=878082192, u64=78187493520}}");
	check("epoll_ctl", (uint64_t[6]){ 6, EPOLL_CTL_DEL, 3, 0 }, 0,
	      "6<fd 6>, EPOLL_CTL_DEL, 3<fd 3>, NULL");
	check("epoll_ctl", (uint64_t[6]){ 6, 7, 3, 1 }, -14,
	      "6<fd 6>, 0x7 /* EPOLL_CTL_??? */, 3<fd 3>, 0x1");
	check_json("epoll_ctl", (uint64_t[6]){ 6, 7, 3, 1 }, -14,
		   "{\"epfd\":{\"fd\":6,\"description\":\"test fd\"},\"op\":7,"
		   "\"fd\":{\"fd\":3,\"description\":\"test fd\"},"
		   "\"event\":\"0x1\"}\n");
}

static void epoll_waits(void **state)
{
	struct epoll_event ev[2] = {
		{ .events = EPOLLIN, .data.u64 = 3 },
		{ .events = EPOLLHUP | EPOLLERR, .data.u64 = 1ull << 32 },
	};
	sigset_t ss;
	struct timespec ts = { 1, 500 };
	char *p;

	(void)state;
	check("epoll_wait", (uint64_t[6]){ 6, A(ev), 4, 100 }, 1,
	      "6<fd 6>, [{events=EPOLLIN, data={u32=3, u64=3}}], 4, 100");
	check("epoll_wait", (uint64_t[6]){ 6, A(ev), 4, (uint32_t)-1 }, 2,
	      "6<fd 6>, [{events=EPOLLIN, data={u32=3, u64=3}}, "
	      "{events=EPOLLERR|EPOLLHUP, data={u32=0, u64=4294967296}}], 4, -1");
	check("epoll_wait", (uint64_t[6]){ 6, A(ev), 4, 0 }, 0,
	      "6<fd 6>, [], 4, 0");
	check("epoll_wait", (uint64_t[6]){ 6, 0x5000, 4, 0 }, -9,
	      "6<fd 6>, 0x5000, 4, 0");
	/* a return value past maxevents: maxevents read, no more */
	p = dup_exact(ev, sizeof(ev));
	check("epoll_wait", (uint64_t[6]){ 6, A(p), 2, 0 }, 1000,
	      "6<fd 6>, [{events=EPOLLIN, data={u32=3, u64=3}}, "
	      "{events=EPOLLERR|EPOLLHUP, data={u32=0, u64=4294967296}}], 2, 0");
	free(p);
	sigemptyset(&ss);
	sigaddset(&ss, SIGTERM);
	sigaddset(&ss, SIGUSR1);
	check("epoll_pwait", (uint64_t[6]){ 6, A(ev), 4, 10, A(&ss), 8 }, 1,
	      "6<fd 6>, [{events=EPOLLIN, data={u32=3, u64=3}}], 4, 10, "
	      "[USR1 TERM], 8");
	check("epoll_pwait2", (uint64_t[6]){ 6, A(ev), 4, A(&ts), 0, 8 }, 0,
	      "6<fd 6>, [], 4, {tv_sec=1, tv_nsec=500}, NULL, 8");
	check("epoll_pwait2", (uint64_t[6]){ 6, A(ev), 4, 0, 0, 8 }, 0,
	      "6<fd 6>, [], 4, NULL, NULL, 8");
	assert_null(note("epoll_wait", (uint64_t[6]){ 6, A(ev), 4, 0 }, 0));
}

static void polls(void **state)
{
	struct pollfd pf[3] = { { 3, POLLIN | POLLPRI, 0 },
				{ 4, POLLOUT | 0x8000, 0 },
				{ -1, POLLIN, 0 } };
	struct pollfd many[20];
	struct timespec ts = { 0, 1000 };
	char *p;

	(void)state;
	check("poll", (uint64_t[6]){ A(pf), 3, 1000 }, 2,
	      "[{fd=3<fd 3>, events=POLLIN|POLLPRI}, "
	      "{fd=4<fd 4>, events=POLLOUT|POLL_BUSY_LOOP}, {fd=-1}], 3, 1000");
	check("poll", (uint64_t[6]){ 0, 0, 1 }, 0, "NULL, 0, 1");
	check("poll", (uint64_t[6]){ 1, 2, 0 }, -14, "0x1, 2, 0");
	check_json("poll", (uint64_t[6]){ A(&pf[2]), 1, 0 }, 0,
		   "{\"fds\":[{\"fd\":-1}],\"nfds\":1,\"timeout\":0}\n");
	assert_string_equal(note("poll", (uint64_t[6]){ A(pf), 3, 0 }, 0),
			    "Timeout");
	assert_null(note("poll", (uint64_t[6]){ A(pf), 3, 0 }, 1)); /* none ready */
	pf[0].revents = POLLIN;
	pf[1].revents = POLLOUT | POLLHUP;
	assert_string_equal(note("poll", (uint64_t[6]){ A(pf), 3, 0 }, 2),
			    "[{fd=3, revents=POLLIN}, {fd=4, revents=POLLOUT|POLLHUP}]");
	pf[0].revents = pf[1].revents = 0;
	assert_null(note("poll", (uint64_t[6]){ A(pf), 3, 0 }, -4));
	/* nfds of 2^32 - 1: 16 shown, no more read */
	memset(many, 0, sizeof(many));
	p = dup_exact(many, 16 * sizeof(*many));
	check("poll", (uint64_t[6]){ A(p), 0xffffffff, 0 }, -22,
	      "[{fd=0<fd 0>, events=0}, {fd=0<fd 0>, events=0}, "
	      "{fd=0<fd 0>, events=0}, {fd=0<fd 0>, events=0}, "
	      "{fd=0<fd 0>, events=0}, {fd=0<fd 0>, events=0}, "
	      "{fd=0<fd 0>, events=0}, {fd=0<fd 0>, events=0}, "
	      "{fd=0<fd 0>, events=0}, {fd=0<fd 0>, events=0}, "
	      "{fd=0<fd 0>, events=0}, {fd=0<fd 0>, events=0}, "
	      "{fd=0<fd 0>, events=0}, {fd=0<fd 0>, events=0}, "
	      "{fd=0<fd 0>, events=0}, {fd=0<fd 0>, events=0}, ...], "
	      "4294967295, 0");
	free(p);
	check("ppoll", (uint64_t[6]){ A(pf), 2, A(&ts), 0, 8 }, 2,
	      "[{fd=3<fd 3>, events=POLLIN|POLLPRI}, "
	      "{fd=4<fd 4>, events=POLLOUT|POLL_BUSY_LOOP}], 2, "
	      "{tv_sec=0, tv_nsec=1000}, NULL, 8");
	check("ppoll", (uint64_t[6]){ A(pf), 1, 16, 0, 8 }, -14,
	      "[{fd=3<fd 3>, events=POLLIN|POLLPRI}], 1, 0x10, NULL, 8");
	assert_string_equal(note("ppoll", (uint64_t[6]){ A(pf), 2, A(&ts), 0, 8 }, 0),
			    "Timeout");
}

static void selects(void **state)
{
	fd_set r, w;
	struct timeval tv = { 2, 50 };
	struct timespec ts = { 3, 0 };
	sigset_t ss;
	struct { sigset_t *ss; size_t len; } sig = { &ss, 8 };
	unsigned char bits[250];
	char *p;

	(void)state;
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(0, &r);
	FD_SET(3, &r);
	FD_SET(4, &w);
	FD_SET(7, &r); /* past nfds: not shown */
	check("select", (uint64_t[6]){ 5, A(&r), A(&w), 0, A(&tv) }, 3,
	      "5, [0<fd 0> 3<fd 3>], [4<fd 4>], NULL, {tv_sec=2, tv_usec=50}");
	check_json("select", (uint64_t[6]){ 5, A(&r), A(&w), 0, A(&tv) }, 3,
		   "{\"nfds\":5,\"readfds\":[0,3],\"writefds\":[4],"
		   "\"exceptfds\":null,\"timeout\":{\"tv_sec\":2,\"tv_usec\":50}}\n");
	check("select", (uint64_t[6]){ 0, 0, 0, 0, A(&tv) }, 0,
	      "0, NULL, NULL, NULL, {tv_sec=2, tv_usec=50}");
	check("select", (uint64_t[6]){ 5, A(&w), 0, 0, 0 }, 1,
	      "5, [4<fd 4>], NULL, NULL, NULL");
	/* negative nfds; unreadable set */
	check("select", (uint64_t[6]){ (uint32_t)-1, 0x5000, 0, 0, 0 }, -22,
	      "-1, 0x5000, NULL, NULL, NULL");
	check("select", (uint64_t[6]){ 5, 16, 0, 0, 0 }, -14,
	      "5, 0x10, NULL, NULL, NULL");
	assert_string_equal(note("select", (uint64_t[6]){ 5, A(&r), 0, 0, A(&tv) }, 0),
			    "Timeout");
	/* what is ready, and the time left */
	assert_string_equal(note("select", (uint64_t[6]){ 5, A(&r), A(&w), 0, A(&tv) }, 3),
			    "in [0 3], out [4], left {tv_sec=2, tv_usec=50}");
	FD_ZERO(&w);
	assert_string_equal(note("select", (uint64_t[6]){ 5, A(&r), A(&w), 0, 0 }, 2),
			    "in [0 3]");
	FD_SET(4, &w);
	/* nfds 2000 reads 250 bytes, no more */
	memset(bits, 0, sizeof(bits));
	bits[0] = 1;
	bits[249] = 0x80;
	p = dup_exact(bits, sizeof(bits));
	check("select", (uint64_t[6]){ 2000, A(p), 0, 0, 0 }, 1,
	      "2000, [0<fd 0> 1999<fd 1999>], NULL, NULL, NULL");
	free(p);
	sigemptyset(&ss);
	sigaddset(&ss, SIGUSR1);
	sigaddset(&ss, SIGTERM);
	FD_ZERO(&r);
	FD_SET(3, &r);
	check("pselect6", (uint64_t[6]){ 5, A(&r), A(&w), 0, A(&ts), A(&sig) }, 2,
	      "5, [3<fd 3>], [4<fd 4>], NULL, {tv_sec=3, tv_nsec=0}, "
	      "{sigmask=[USR1 TERM], sigsetsize=8}");
	check("pselect6", (uint64_t[6]){ 5, A(&r), 0, 0, 0, 0 }, 1,
	      "5, [3<fd 3>], NULL, NULL, NULL, NULL");
	assert_string_equal(note("pselect6",
				 (uint64_t[6]){ 5, A(&r), 0, 0, A(&ts), 0 }, 0),
			    "Timeout");
}

/* 1500 fds set: 1024 listed, then "...". */
static void big_fdset(void **state)
{
	unsigned char bits[200];
	char *got, *p;

	(void)state;
	memset(bits, 0xff, sizeof(bits));
	p = dup_exact(bits, sizeof(bits));
	got = decode_text("select", (uint64_t[6]){ 1500, A(p), 0, 0, 0 }, 1);
	assert_non_null(strstr(got, " 1022<fd 1022> 1023<fd 1023> ...], NULL, NULL, NULL"));
	assert_null(strstr(got, "1024"));
	free(got);
	free(p);
}

static void fd_args(void **state)
{
	struct decode_call c = decode_util_call(
		"epoll_ctl", (uint64_t[6]){ 6, 1, 3, 0 }, 0);

	(void)state;
	assert_true(decode_arg_is_fd(&c, 0));
	assert_false(decode_arg_is_fd(&c, 1));
	assert_true(decode_arg_is_fd(&c, 2));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(epoll_create_ctl),
		cmocka_unit_test(epoll_waits),
		cmocka_unit_test(polls),
		cmocka_unit_test(selects),
		cmocka_unit_test(big_fdset),
		cmocka_unit_test(fd_args),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
