/* Decoding what a thread is blocked in from /proc/PID/task/TID/syscall. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "decode/blocked.h"

static void namer(void *ctx, int fd, struct strbuf *out)
{
	(void)ctx;
	strbuf_addf(out, "name of %d", fd);
}

static struct proc_syscall parse(const char *text)
{
	struct proc_syscall sc;

	assert_int_equal(proc_syscall_parse(text, strlen(text), &sc), 0);
	return sc;
}

static void epoll_wait_call(void **state)
{
	struct proc_syscall sc = parse("232 0x3 0x7ffc10 0x20 0xffffffff 0x0 0x0 0x7ffc 0x7f00");
	struct blocked_call b;
	struct strbuf out = STRBUF_INIT;

	(void)state;
	blocked_classify(&sc, &b);
	assert_int_equal(b.kind, BLOCKED_EPOLL);
	assert_string_equal(b.name, "epoll_wait");
	assert_int_equal(b.fd, 3);
	assert_int_equal(b.timeout_ms, -1);
	blocked_format(&sc, namer, NULL, 0, &out);
	assert_string_equal(out.buf, "epoll_wait(3<name of 3>, 0x7ffc10, 32, -1)");
	strbuf_reset(&out);
	blocked_format(&sc, NULL, NULL, BLOCKED_ELIDE_POINTERS, &out);
	assert_string_equal(out.buf, "epoll_wait(3, \u2026, 32, -1)");
	strbuf_release(&out);
}

static void poll_and_select(void **state)
{
	struct proc_syscall sc = parse("7 0x7f00aa 0x2 0xea60 0x0 0x0 0x0 0x7ffc 0x7f00");
	struct blocked_call b;

	(void)state;
	blocked_classify(&sc, &b);
	assert_int_equal(b.kind, BLOCKED_POLL);
	assert_int_equal(b.array, 0x7f00aa);
	assert_int_equal(b.nfds, 2);
	assert_int_equal(b.timeout_ms, 60000);
	assert_int_equal(b.fd, -1);
	sc = parse("270 0x6 0x1000 0x0 0x0 0x2000 0x0 0x7ffc 0x7f00");
	blocked_classify(&sc, &b);
	assert_int_equal(b.kind, BLOCKED_SELECT);
	assert_string_equal(b.name, "pselect6");
	assert_int_equal(b.nfds, 6);
	assert_int_equal(b.sets[0], 0x1000);
	assert_int_equal(b.sets[1], 0);
}

static void other_calls(void **state)
{
	struct strbuf out = STRBUF_INIT;
	struct proc_syscall sc = parse("202 0x7f1000 0x80 0x2 0x0 0x0 0x0 0x7ffc 0x7f00");
	struct blocked_call b;

	(void)state;
	blocked_classify(&sc, &b);
	assert_int_equal(b.kind, BLOCKED_FUTEX);
	blocked_format(&sc, namer, NULL, BLOCKED_ELIDE_POINTERS, &out);
	assert_string_equal(out.buf, "futex(\u2026, FUTEX_WAIT_PRIVATE, 2, NULL, NULL, 0)");
	strbuf_reset(&out);
	sc = parse("0 0x9 0x55aa 0x1000 0x0 0x0 0x0 0x7ffc 0x7f00");
	blocked_classify(&sc, &b);
	assert_int_equal(b.kind, BLOCKED_IO);
	assert_int_equal(b.fd, 9);
	blocked_format(&sc, namer, NULL, 0, &out);
	assert_string_equal(out.buf, "read(9<name of 9>, 0x55aa, 4096)");
	strbuf_reset(&out);
	sc = parse("230 0x1 0x1 0x7ffc 0x0 0x0 0x0 0x7ffc 0x7f00");
	blocked_format(&sc, NULL, NULL, 0, &out);
	assert_string_equal(out.buf, "clock_nanosleep(CLOCK_MONOTONIC, 0x1, 0x7ffc, NULL)");
	strbuf_reset(&out);
	/* a number the table lacks: its raw arguments */
	sc = parse("400 0x1 0x2 0x3 0x4 0x5 0x6 0x7ffc 0x7f00");
	blocked_classify(&sc, &b);
	assert_int_equal(b.kind, BLOCKED_OTHER);
	assert_null(b.name);
	blocked_format(&sc, NULL, NULL, 0, &out);
	assert_string_equal(out.buf, "syscall_400(0x1, 0x2, 0x3, 0x4, 0x5, 0x6)");
	strbuf_release(&out);
}

static void not_in_a_syscall(void **state)
{
	struct proc_syscall sc = parse("running");
	struct blocked_call b;

	(void)state;
	blocked_classify(&sc, &b);
	assert_int_equal(b.kind, BLOCKED_NONE);
	sc = parse("-1 0x7ffc 0x7f00");
	blocked_classify(&sc, &b);
	assert_int_equal(b.kind, BLOCKED_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(epoll_wait_call),
		cmocka_unit_test(poll_and_select),
		cmocka_unit_test(other_calls),
		cmocka_unit_test(not_in_a_syscall),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
