/* The log file fallback of dscope logs: the last lines of a file (short,
 * exact, no trailing newline, huge lines, empty, binary, sparse giants
 * read from the end only), which fds count as log files, and following
 * what is appended. Files are made in a temporary directory. */
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

#include "base/xalloc.h"
#include "model/logfile.h"

static char tmpdir[64];

static int make_tmpdir(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/dscope-logfile.XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Creates tmpdir/name holding len bytes of data; returns it open for
 * reading. */
static int make_file(const char *name, const void *data, size_t len)
{
	char path[128];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	return fd;
}

static void tail(int fd, size_t n, struct text_lines *out)
{
	uint64_t end = 0;
	struct stat st;

	assert_int_equal(logfile_tail_fd(fd, n, out, &end), 0);
	assert_int_equal(fstat(fd, &st), 0);
	assert_int_equal(end, (uint64_t)st.st_size);
}

static void assert_line(const struct text_lines *l, size_t i, const char *want)
{
	assert_true(i < l->count);
	assert_int_equal(l->v[i].len, strlen(want));
	assert_memory_equal(l->v[i].data, want, strlen(want));
	assert_int_equal(l->v[i].data[l->v[i].len], '\0');
	assert_false(l->v[i].partial);
}

#define MAKE(name, lit) make_file(name, lit, sizeof(lit) - 1)

static void fewer_lines_than_asked(void **state)
{
	struct text_lines l;
	int fd = MAKE("few", "one\ntwo\n");

	(void)state;
	tail(fd, 10, &l);
	assert_int_equal(l.count, 2);
	assert_line(&l, 0, "one");
	assert_line(&l, 1, "two");
	text_lines_release(&l);
	close(fd);
}

static void exactly_n_and_more(void **state)
{
	struct text_lines l;
	int fd = MAKE("exact", "a\nb\nc\n");

	(void)state;
	tail(fd, 3, &l);
	assert_int_equal(l.count, 3);
	assert_line(&l, 0, "a");
	assert_line(&l, 2, "c");
	text_lines_release(&l);
	tail(fd, 2, &l);
	assert_int_equal(l.count, 2);
	assert_line(&l, 0, "b");
	assert_line(&l, 1, "c");
	text_lines_release(&l);
	tail(fd, 1, &l);
	assert_int_equal(l.count, 1);
	assert_line(&l, 0, "c");
	text_lines_release(&l);
	close(fd);
}

static void no_trailing_newline(void **state)
{
	struct text_lines l;
	int fd = MAKE("nonl", "first\nsecond\nlast");

	(void)state;
	tail(fd, 1, &l);
	assert_int_equal(l.count, 1);
	assert_line(&l, 0, "last");
	text_lines_release(&l);
	tail(fd, 2, &l);
	assert_int_equal(l.count, 2);
	assert_line(&l, 0, "second");
	assert_line(&l, 1, "last");
	text_lines_release(&l);
	close(fd);
	/* one line, no newline at all */
	fd = MAKE("single", "only");
	tail(fd, 5, &l);
	assert_int_equal(l.count, 1);
	assert_line(&l, 0, "only");
	text_lines_release(&l);
	close(fd);
}

static void empty_lines_and_files(void **state)
{
	struct text_lines l;
	int fd = MAKE("empty", "");

	(void)state;
	tail(fd, 10, &l);
	assert_int_equal(l.count, 0);
	text_lines_release(&l);
	close(fd);
	fd = MAKE("blank", "\n\n\n");
	tail(fd, 2, &l);
	assert_int_equal(l.count, 2);
	assert_line(&l, 0, "");
	assert_line(&l, 1, "");
	text_lines_release(&l);
	tail(fd, 10, &l);
	assert_int_equal(l.count, 3);
	text_lines_release(&l);
	/* n = 0 reads nothing, but still says where the end is */
	tail(fd, 0, &l);
	assert_int_equal(l.count, 0);
	text_lines_release(&l);
	close(fd);
}

/* Many lines across the doubling blocks read back from the end. */
static void many_lines_across_blocks(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct text_lines l;
	char want[64];
	int fd;

	(void)state;
	for (int i = 0; i < 20000; i++)
		strbuf_addf(
			&sb,
			"line %05d of the log, padded to be a little longer\n",
			i);
	fd = make_file("many", sb.buf, sb.len);
	tail(fd, 5000, &l);
	assert_int_equal(l.count, 5000);
	for (size_t i = 0; i < l.count; i++) {
		snprintf(want, sizeof(want),
			 "line %05zu of the log, padded to be a little longer",
			 15000 + i);
		assert_line(&l, i, want);
	}
	text_lines_release(&l);
	tail(fd, 30000, &l);
	assert_int_equal(l.count, 20000);
	assert_line(&l, 0,
		    "line 00000 of the log, padded to be a little longer");
	text_lines_release(&l);
	strbuf_release(&sb);
	close(fd);
}

/* A line longer than LOGFILE_LINE_MAX is cut and marked. */
static void huge_last_line(void **state)
{
	size_t big = 3 * LOGFILE_LINE_MAX + 17;
	char *data = xmalloc(big + 16);
	struct text_lines l;
	int fd;

	(void)state;
	memcpy(data, "before\n", 7);
	memset(data + 7, 'x', big);
	fd = make_file("huge", data, big + 7);
	tail(fd, 1, &l);
	assert_int_equal(l.count, 1);
	assert_int_equal(l.v[0].len, LOGFILE_LINE_MAX);
	assert_true(l.v[0].partial);
	assert_int_equal(l.v[0].data[0], 'x');
	text_lines_release(&l);
	/* asking for more lines reaches back to the line before it */
	tail(fd, 10, &l);
	assert_int_equal(l.count, 2);
	assert_line(&l, 0, "before");
	assert_int_equal(l.v[1].len, LOGFILE_LINE_MAX);
	assert_true(l.v[1].partial);
	text_lines_release(&l);
	free(data);
	close(fd);
}

/* Bytes read by this process so far (rchar of /proc/self/io). */
static uint64_t bytes_read(void)
{
	char buf[512];
	unsigned long long v = 0;
	FILE *f = fopen("/proc/self/io", "r");

	if (!f)
		return 0;
	while (fgets(buf, sizeof(buf), f))
		if (sscanf(buf, "rchar: %llu", &v) == 1)
			break;
	fclose(f);
	return v;
}

/* A 4 GiB (sparse) file: only its end is read. */
static void giant_file_read_from_the_end(void **state)
{
	static const char end[] = "\nsecond to last\nlast line\n";
	uint64_t size = 4ull << 30, before, after;
	struct text_lines l;
	int fd = make_file("giant", "", 0);

	(void)state;
	if (ftruncate(fd, (off_t)size) != 0 ||
	    pwrite(fd, end, sizeof(end) - 1, (off_t)size) != sizeof(end) - 1) {
		close(fd);
		skip();
	}
	before = bytes_read();
	tail(fd, 2, &l);
	after = bytes_read();
	assert_int_equal(l.count, 2);
	assert_line(&l, 0, "second to last");
	assert_line(&l, 1, "last line");
	text_lines_release(&l);
	/* three lines: the third is 4 GiB of NULs, cut */
	tail(fd, 3, &l);
	assert_int_equal(l.count, 3);
	assert_true(l.v[0].partial);
	assert_int_equal(l.v[0].len, LOGFILE_LINE_MAX);
	assert_int_equal(l.v[0].data[0], '\0');
	text_lines_release(&l);
	if (before && after)
		assert_true(after - before < 1024 * 1024);
	close(fd);
}

static void binary_content(void **state)
{
	unsigned char data[512];
	struct text_lines l;
	size_t total = 0;
	int fd;

	(void)state;
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 7 + 3);
	fd = make_file("binary", data, sizeof(data));
	tail(fd, 1000, &l);
	/* every byte comes back, split at the newlines */
	for (size_t i = 0; i < l.count; i++) {
		assert_memory_equal(l.v[i].data, data + total, l.v[i].len);
		total += l.v[i].len;
		if (total < sizeof(data)) {
			assert_int_equal(data[total], '\n');
			total++;
		}
	}
	assert_int_equal(total, sizeof(data));
	assert_true(l.count > 1);
	text_lines_release(&l);
	close(fd);
}

static void not_a_file(void **state)
{
	struct text_lines l;
	int p[2];

	(void)state;
	assert_int_equal(pipe(p), 0);
	assert_int_equal(logfile_tail_fd(p[0], 10, &l, NULL), -EINVAL);
	assert_int_equal(l.count, 0);
	close(p[0]);
	close(p[1]);
}

static struct fd make_fd(int num, const char *target, mode_t type,
			 unsigned mode, unsigned flags, uint64_t ino)
{
	struct fd fd;

	memset(&fd, 0, sizeof(fd));
	fd.num = num;
	fd.target = (char *)target;
	fd.has_stat = true;
	fd.st_mode = type | 0644;
	fd.st_dev = 42;
	fd.st_ino = ino;
	fd.mode = mode;
	fd.has_mode = true;
	if (flags != (unsigned)-1) {
		fd.has_info = true;
		fd.info.flags = flags;
	}
	fd.cls = &fd_class_file;
	return fd;
}

static void picks_log_files(void **state)
{
	struct fd fds[] = {
		make_fd(0, "/dev/null", S_IFCHR, FD_READ, O_RDONLY, 1),
		make_fd(1, "/var/log/d.out", S_IFREG, FD_WRITE, O_WRONLY, 2),
		make_fd(2, "/var/log/d.out", S_IFREG, FD_WRITE, O_WRONLY, 2),
		/* read-write: a database, not a log */
		make_fd(3, "/var/lib/d/state.db", S_IFREG, FD_READ | FD_WRITE,
			O_RDWR, 3),
		/* read-write but appending: a log */
		make_fd(4, "/var/log/d/access.log", S_IFREG, FD_READ | FD_WRITE,
			O_RDWR | O_APPEND, 4),
		make_fd(5, "/var/log/d/error.log (deleted)", S_IFREG, FD_WRITE,
			(unsigned)-1, 5),
		make_fd(6, "/etc/d.conf", S_IFREG, FD_READ, O_RDONLY, 6),
		make_fd(7, "/dev/shm/x", S_IFREG, FD_WRITE, O_WRONLY, 7),
		make_fd(8, "/proc/sys/kernel/x", S_IFREG, FD_WRITE, O_WRONLY,
			8),
		make_fd(9, "/run/d.fifo", S_IFIFO, FD_WRITE, O_WRONLY, 9),
	};
	struct fd_table t = { .pid = 1,
			      .fds = fds,
			      .count = sizeof(fds) / sizeof(*fds) };
	struct log_files lf;

	(void)state;
	fds[9].cls = &fd_class_fifo;
	log_files_pick(&t, &lf);
	assert_int_equal(lf.count, 3);
	assert_string_equal(lf.v[0].path, "/var/log/d.out");
	assert_int_equal(lf.v[0].fdnum, 1);
	assert_int_equal(lf.v[0].fd, -1);
	assert_string_equal(lf.v[1].path, "/var/log/d/access.log");
	assert_string_equal(lf.v[2].path, "/var/log/d/error.log (deleted)");
	log_files_release(&lf);
	/* a table that could not be read picks nothing */
	t.count = 0;
	log_files_pick(&t, &lf);
	assert_int_equal(lf.count, 0);
	log_files_release(&lf);
}

struct seen {
	struct text_lines lines;
	size_t stop_after;
};

static int collect(const struct log_file *f, const struct text_line *line,
		   void *arg)
{
	struct seen *s = arg;
	struct text_line *t;

	(void)f;
	s->lines.v = xrealloc(s->lines.v, (s->lines.count + 1) * sizeof(*t));
	t = &s->lines.v[s->lines.count++];
	t->data = xmemdup(line->data, line->len + 1);
	t->data[line->len] = '\0';
	t->len = line->len;
	t->partial = line->partial;
	return s->lines.count >= s->stop_after;
}

/* One log file open for reading, as log_files_open leaves it. */
static void one_file(struct log_files *lf, int fd)
{
	lf->count = 1;
	lf->v = xcalloc(1, sizeof(*lf->v));
	lf->v[0].path = xstrdup("test.log");
	lf->v[0].fd = fd;
	strbuf_init(&lf->v[0].pending);
}

static void follows_appended_lines(void **state)
{
	volatile sig_atomic_t stop = 0;
	struct seen seen = { .stop_after = 3 };
	struct text_lines l;
	struct log_files lf;
	int fd = MAKE("follow", "old 1\nold 2\n");
	int wfd;
	char path[128];

	(void)state;
	snprintf(path, sizeof(path), "%s/follow", tmpdir);
	wfd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
	assert_true(wfd >= 0);
	one_file(&lf, fd);
	assert_int_equal(log_file_tail(&lf.v[0], 1, &l), 0);
	assert_int_equal(l.count, 1);
	assert_line(&l, 0, "old 2");
	text_lines_release(&l);
	/* appended after the tail: two whole lines and a started one,
	 * which goes out once the file stops growing */
	assert_int_equal(write(wfd, "new 1\nnew 2\nstarted", 19), 19);
	assert_int_equal(log_files_follow(&lf, collect, &seen, &stop), 1);
	assert_int_equal(seen.lines.count, 3);
	assert_line(&seen.lines, 0, "new 1");
	assert_line(&seen.lines, 1, "new 2");
	assert_int_equal(seen.lines.v[2].len, 7);
	assert_memory_equal(seen.lines.v[2].data, "started", 7);
	assert_false(seen.lines.v[2].partial);
	text_lines_release(&seen.lines);

	/* a line longer than LOGFILE_LINE_MAX comes in marked pieces */
	{
		size_t big = LOGFILE_LINE_MAX + 100;
		char *data = xmalloc(big + 1);

		memset(data, 'y', big);
		data[big] = '\n';
		assert_int_equal(write(wfd, data, big + 1), (ssize_t)big + 1);
		free(data);
	}
	seen.stop_after = 2;
	assert_int_equal(log_files_follow(&lf, collect, &seen, &stop), 1);
	assert_int_equal(seen.lines.v[0].len, LOGFILE_LINE_MAX);
	assert_true(seen.lines.v[0].partial);
	assert_int_equal(seen.lines.v[1].len, 100);
	assert_false(seen.lines.v[1].partial);
	text_lines_release(&seen.lines);

	/* truncated (copytruncate rotation): read again from the start */
	assert_int_equal(ftruncate(wfd, 0), 0);
	assert_int_equal(write(wfd, "after rotation\n", 15), 15);
	seen.stop_after = 1;
	assert_int_equal(log_files_follow(&lf, collect, &seen, &stop), 1);
	assert_int_equal(seen.lines.count, 1);
	assert_line(&seen.lines, 0, "after rotation");
	text_lines_release(&seen.lines);

	/* the stop flag ends it */
	stop = 1;
	assert_int_equal(log_files_follow(&lf, collect, &seen, &stop), 0);
	assert_int_equal(seen.lines.count, 0);
	close(wfd);
	log_files_release(&lf);
}

static void follow_needs_an_open_file(void **state)
{
	volatile sig_atomic_t stop = 0;
	struct log_files lf = { NULL, 0 };
	struct seen seen = { .stop_after = 1 };

	(void)state;
	assert_int_equal(log_files_follow(&lf, collect, &seen, &stop), -EBADF);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fewer_lines_than_asked),
		cmocka_unit_test(exactly_n_and_more),
		cmocka_unit_test(no_trailing_newline),
		cmocka_unit_test(empty_lines_and_files),
		cmocka_unit_test(many_lines_across_blocks),
		cmocka_unit_test(huge_last_line),
		cmocka_unit_test(giant_file_read_from_the_end),
		cmocka_unit_test(binary_content),
		cmocka_unit_test(not_a_file),
		cmocka_unit_test(picks_log_files),
		cmocka_unit_test(follows_appended_lines),
		cmocka_unit_test(follow_needs_an_open_file),
	};

	return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
