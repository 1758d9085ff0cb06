/* The io family: read, write, pipe2, lseek, writev; the engine's entry
 * and exit phases and the JSON form. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <sys/uio.h>

#include "decode_util.h"

static void write_and_read(void **state)
{
	const char msg[] = "tick\n\"q\"\x1b";
	char long_buf[100];

	(void)state;
	memset(long_buf, 'a', sizeof(long_buf));
	check("write", (uint64_t[6]){ 1, A(msg), 5 }, 5,
	      "1<fd 1>, \"tick\\n\", 5");
	check("write", (uint64_t[6]){ 1, A(msg), sizeof(msg) - 1 }, 9,
	      "1<fd 1>, \"tick\\n\\\"q\\\"\\e\", 9");
	check("read", (uint64_t[6]){ 3, A(long_buf), 100 }, 100,
	      "3<fd 3>, \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"..., 100");
	/* a failed read shows the address, not the stale buffer */
	check("read", (uint64_t[6]){ 3, 0x1000000, 100 }, -11,
	      "3<fd 3>, 0x1000000, 100");
	/* unreadable memory: the address */
	check("write", (uint64_t[6]){ 1, 16, 5 }, -14, "1<fd 1>, 0x10, 5");
}

static void fds_and_flags(void **state)
{
	int fds[2] = { 3, 4 };

	(void)state;
	check("pipe2", (uint64_t[6]){ A(fds), O_CLOEXEC | O_NONBLOCK }, 0,
	      "[3<fd 3>, 4<fd 4>], O_CLOEXEC|O_NONBLOCK");
	check("lseek", (uint64_t[6]){ 3, (uint64_t)-5, 2 }, 10,
	      "3<fd 3>, -5, SEEK_END");
	check("lseek", (uint64_t[6]){ 3, 0, 7 }, -22,
	      "3<fd 3>, 0, 0x7 /* SEEK_??? */");
	check("flock", (uint64_t[6]){ 3, 2 | 4 }, 0, "3<fd 3>, LOCK_EX|LOCK_NB");
	check("dup3", (uint64_t[6]){ 3, 10, 0 }, 10, "3<fd 3>, 10, 0");
	check("close", (uint64_t[6]){ 7 }, 0, "7<fd 7>");
}

static void iovecs(void **state)
{
	char a[] = "ab", b[] = "cde";
	struct iovec iov[2] = { { a, 2 }, { b, 3 } };

	(void)state;
	check("writev", (uint64_t[6]){ 1, A(iov), 2 }, 5,
	      "1<fd 1>, [{iov_base=\"ab\", iov_len=2}, {iov_base=\"cde\", iov_len=3}], 2");
	/* readv shows only what the kernel filled */
	check("readv", (uint64_t[6]){ 0, A(iov), 2 }, 3,
	      "0<fd 0>, [{iov_base=\"ab\", iov_len=2}, {iov_base=\"c\", iov_len=3}], 2");
}

/* sendfile's offset: in at entry, out at exit ("[0] => [4]"). */
static void inout_offsets(void **state)
{
	struct decode_call c;
	struct strbuf sb = STRBUF_INIT;
	struct dout o;
	int64_t off = 0;

	(void)state;
	c = decode_util_call("sendfile", (uint64_t[6]){ 5, 3, A(&off), 4 }, 4);
	dout_init(&o, DOUT_TEXT, &sb, NULL);
	o.namer.text = decode_util_fd_text;
	decode_args(&c, &o); /* entry: kept 0 */
	off = 4; /* the kernel moved it */
	c.exiting = true;
	decode_args(&c, &o);
	assert_string_equal(sb.buf, "5<fd 5>, 3<fd 3>, [0] => [4], 4");
	strbuf_release(&sb);
}

static void json_form(void **state)
{
	const char msg[] = "hi\n";
	int fds[2] = { 5, 6 };
	char *got;

	(void)state;
	got = decode_json("write", (uint64_t[6]){ 1, A(msg), 3 }, 3);
	assert_string_equal(got, "{\"fd\":{\"fd\":1,\"description\":\"test fd\"},"
				 "\"buf\":\"hi\\n\",\"count\":3}\n");
	free(got);
	got = decode_json("pipe2", (uint64_t[6]){ A(fds), O_CLOEXEC }, 0);
	assert_string_equal(got, "{\"pipefd\":[{\"fd\":5,\"description\":\"test fd\"},"
				 "{\"fd\":6,\"description\":\"test fd\"}],"
				 "\"flags\":[\"O_CLOEXEC\"]}\n");
	free(got);
}

static void unknown_call_raw(void **state)
{
	(void)state;
	/* a call no family describes: its six raw arguments */
	check("kexec_file_load", (uint64_t[6]){ 3, 4, 5, 0x10, 0x20, 1 }, 0,
	      "0x3, 0x4, 0x5, 0x10, 0x20, 0x1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(write_and_read),
		cmocka_unit_test(fds_and_flags),
		cmocka_unit_test(iovecs),
		cmocka_unit_test(inout_offsets),
		cmocka_unit_test(json_form),
		cmocka_unit_test(unknown_call_raw),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
