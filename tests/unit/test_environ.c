#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proc/environ.h"
#include "proc/wchan.h"
#include "unit_util.h"

#define ENV_TEXT                                                               \
	"PATH=/usr/bin:/bin\0HOME=/root\0EMPTY=\0A=B=C\0\0NOTIFY_SOCKET=/run/" \
	"systemd/notify\0INVOCATION_ID=0123abcd"
/* sizeof includes the terminating NUL of the literal: the last variable
 * is not NUL-terminated in the text passed in. */
#define ENV_LEN (sizeof(ENV_TEXT) - 1)

/* Looks name up in a private copy; returns the value as a new string, or
 * NULL. */
static char *env_get(const char *text, size_t len, const char *name)
{
	char *buf = dup_exact(text, len), *res = NULL;
	size_t vlen = 12345;
	const char *v = proc_environ_get(buf, len, name, &vlen);

	if (v) {
		assert_true(v >= buf && v + vlen <= buf + len);
		res = strndup(v, vlen);
		assert_int_equal(strlen(res), vlen);
	}
	free(buf);
	return res;
}

static void expect_env(const char *name, const char *want)
{
	char *got = env_get(ENV_TEXT, ENV_LEN, name);

	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_environ_get(void **state)
{
	(void)state;
	expect_env("PATH", "/usr/bin:/bin");
	expect_env("HOME", "/root");
	expect_env("EMPTY", "");
	/* Only the first '=' separates */
	expect_env("A", "B=C");
	expect_env("NOTIFY_SOCKET", "/run/systemd/notify");
	/* The last variable has no NUL after it */
	expect_env("INVOCATION_ID", "0123abcd");
	/* Prefixes and extensions of names do not match */
	expect_env("PAT", NULL);
	expect_env("PATHX", NULL);
	expect_env("HOME=", NULL);
	expect_env("root", NULL);
	expect_env("INVOCATION_ID_", NULL);
}

static void test_environ_edge(void **state)
{
	char *got;

	(void)state;
	assert_null(env_get("", 0, "A"));
	assert_null(env_get("\0\0\0", 3, "A"));
	/* A name at the very end, without '=' */
	assert_null(env_get("B=1\0A", 5, "A"));
	got = env_get("B=1\0A=", 6, "A");
	assert_non_null(got);
	assert_string_equal(got, "");
	free(got);
	/* The first of two definitions wins */
	got = env_get("A=1\0A=2\0", 8, "A");
	assert_string_equal(got, "1");
	free(got);
	/* A value with bytes that are not text */
	got = env_get("X=\033[2J\xff\0", 8, "X");
	assert_string_equal(got, "\033[2J\xff");
	free(got);
}

static void test_environ_truncated(void **state)
{
	(void)state;
	for (size_t n = 0; n <= ENV_LEN; n++) {
		char *got = env_get(ENV_TEXT, n, "INVOCATION_ID");
		size_t start = ENV_LEN - strlen("0123abcd");

		if (n < start) {
			assert_null(got);
		} else {
			assert_non_null(got);
			assert_int_equal(strlen(got), n - start);
			assert_memory_equal(got, "0123abcd", n - start);
		}
		free(got);
		got = env_get(ENV_TEXT, n, "HOME");
		if (got) {
			assert_true(strlen(got) <= 5);
			assert_memory_equal(got, "/root", strlen(got));
		}
		free(got);
	}
}

/* proc_cmdline_join */

static const char *join(const char *text, size_t len, struct strbuf *sb)
{
	char *buf = dup_exact(text, len);

	proc_cmdline_join(buf, len, sb);
	free(buf);
	assert_int_equal(strlen(strbuf_str(sb)), sb->len);
	return strbuf_str(sb);
}

static void test_cmdline_join(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_string_equal(join("/usr/sbin/cupsd\0-l\0", 19, &sb),
			    "/usr/sbin/cupsd -l");
	/* Several trailing NULs go */
	assert_string_equal(join("sleep\0"
				 "100\0\0\0",
				 12, &sb),
			    "sleep 100");
	/* No trailing NUL (setproctitle rewrote it) */
	assert_string_equal(join("sshd: root@pts/0", 16, &sb),
			    "sshd: root@pts/0");
	/* Embedded empty arguments stay as separators */
	assert_string_equal(join("echo\0\0b\0\0\0c\0", 12, &sb), "echo  b   c");
	assert_string_equal(join("\0a\0", 3, &sb), " a");
	/* Empty (kernel threads) and all-NUL */
	assert_string_equal(join("", 0, &sb), "");
	assert_int_equal(sb.len, 0);
	assert_string_equal(join("\0\0\0", 3, &sb), "");
	/* Bytes are kept raw */
	assert_string_equal(join("a\nb\0\033c\0", 7, &sb), "a\nb \033c");
	/* The buffer is replaced, not appended to */
	strbuf_reset(&sb);
	strbuf_adds(&sb, "old");
	assert_string_equal(join("new\0", 4, &sb), "new");
	strbuf_release(&sb);
}

static void test_cmdline_truncated(void **state)
{
	static const char text[] = "/usr/bin/python3\0-m\0http.server\0"
				   "8000\0";
	struct strbuf sb = STRBUF_INIT;
	size_t len = sizeof(text) - 1;

	(void)state;
	for (size_t n = 0; n <= len; n++) {
		const char *s = join(text, n, &sb);

		assert_true(sb.len <= n);
		for (size_t i = 0; i < sb.len; i++)
			assert_int_equal(s[i], text[i] ? text[i] : ' ');
	}
	strbuf_release(&sb);
}

/* proc_wchan_parse */

static int wchan(const char *text, struct strbuf *sb)
{
	size_t len = strlen(text);
	char *buf = dup_exact(text, len);
	int r = proc_wchan_parse(buf, len, sb);

	free(buf);
	return r;
}

static void test_wchan(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(wchan("do_epoll_wait", &sb), 0);
	assert_string_equal(strbuf_str(&sb), "do_epoll_wait");
	assert_int_equal(wchan("do_epoll_wait\n", &sb), 0);
	assert_string_equal(strbuf_str(&sb), "do_epoll_wait");
	assert_int_equal(wchan("kthreadd", &sb), 0);
	assert_string_equal(strbuf_str(&sb), "kthreadd");
	/* Compiler-made local symbols */
	assert_int_equal(wchan("worker_thread.cold", &sb), 0);
	assert_string_equal(strbuf_str(&sb), "worker_thread.cold");
	/* "0" is "not sleeping" */
	assert_int_equal(wchan("0", &sb), 0);
	assert_string_equal(strbuf_str(&sb), "");
	assert_int_equal(wchan("0\n", &sb), 0);
	assert_string_equal(strbuf_str(&sb), "");
	assert_int_equal(wchan("", &sb), 0);
	assert_string_equal(strbuf_str(&sb), "");
	/* "00" and "01" are symbol-like, not the "0" marker */
	assert_int_equal(wchan("01", &sb), 0);
	assert_string_equal(strbuf_str(&sb), "01");
	strbuf_release(&sb);
}

static void test_wchan_junk(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_adds(&sb, "stale");
	assert_int_equal(wchan("do_epoll_wait+0x1a/0x30", &sb), -EINVAL);
	assert_string_equal(strbuf_str(&sb), "");
	assert_int_equal(wchan("a b", &sb), -EINVAL);
	assert_int_equal(wchan("\033[31m", &sb), -EINVAL);
	assert_int_equal(wchan("x\ny", &sb), -EINVAL);
	assert_int_equal(wchan("[kernel]", &sb), -EINVAL);
	assert_int_equal(wchan("\xc3\xa9", &sb), -EINVAL);
	assert_int_equal(wchan("-", &sb), -EINVAL);
	strbuf_release(&sb);
}

static void test_wchan_truncated(void **state)
{
	static const char text[] = "do_epoll_wait\n";
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	for (size_t n = 0; n <= strlen(text); n++) {
		char *buf = dup_exact(text, n);

		assert_int_equal(proc_wchan_parse(buf, n, &sb), 0);
		assert_int_equal(sb.len, n < 14 ? n : 13);
		assert_memory_equal(strbuf_str(&sb), text, sb.len);
		free(buf);
	}
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_environ_get),
		cmocka_unit_test(test_environ_edge),
		cmocka_unit_test(test_environ_truncated),
		cmocka_unit_test(test_cmdline_join),
		cmocka_unit_test(test_cmdline_truncated),
		cmocka_unit_test(test_wchan),
		cmocka_unit_test(test_wchan_junk),
		cmocka_unit_test(test_wchan_truncated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
