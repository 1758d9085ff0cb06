#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/daemon.h"
#include "model/process.h"
#include "model/psinfo.h"
#include "model/select.h"
#include "model/tty.h"
#include "proc/stat.h"

/* tty_name */

/* The kernel's new_encode_dev, as used for tty_nr in /proc/PID/stat. */
static int encode_dev(unsigned major, unsigned minor)
{
	return (int)((minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12));
}

static const char *tty(int nr, char *buf, size_t size)
{
	tty_name(nr, buf, size);
	return buf;
}

static void test_tty_name(void **state)
{
	char b[32];

	(void)state;
	assert_string_equal(tty(0, b, sizeof(b)), "?");
	assert_string_equal(tty(34819, b, sizeof(b)), "pts/3");
	assert_string_equal(tty(encode_dev(136, 3), b, sizeof(b)), "pts/3");
	assert_string_equal(tty(encode_dev(136, 0), b, sizeof(b)), "pts/0");
	/* Minors above 255: the high bits sit above the major */
	assert_string_equal(tty(encode_dev(136, 1000), b, sizeof(b)),
			    "pts/1000");
	assert_string_equal(tty(encode_dev(137, 44), b, sizeof(b)), "pts/300");
	assert_string_equal(tty(1025, b, sizeof(b)), "tty1");
	assert_string_equal(tty(encode_dev(4, 0), b, sizeof(b)), "tty0");
	assert_string_equal(tty(encode_dev(4, 63), b, sizeof(b)), "tty63");
	assert_string_equal(tty(1088, b, sizeof(b)), "ttyS0");
	assert_string_equal(tty(encode_dev(4, 65), b, sizeof(b)), "ttyS1");
	assert_string_equal(tty(encode_dev(5, 1), b, sizeof(b)), "console");
	assert_string_equal(tty(encode_dev(5, 0), b, sizeof(b)), "tty");
	assert_string_equal(tty(encode_dev(204, 64), b, sizeof(b)), "204:64");
	assert_string_equal(tty(encode_dev(3, 1000), b, sizeof(b)), "3:1000");
	/* Short buffers are cut, still terminated */
	assert_string_equal(tty(34819, b, 3), "pt");
	assert_string_equal(tty(0, b, 1), "");
}

/* psinfo */

static struct process proc_stat(char state, pid_t pid, pid_t session, long nice,
				long threads, int tty_nr, pid_t pgrp,
				pid_t tpgid)
{
	struct process p;

	memset(&p, 0, sizeof(p));
	p.stat.state = state;
	p.stat.pid = pid;
	p.stat.session = session;
	p.stat.nice = nice;
	p.stat.num_threads = threads;
	p.stat.tty_nr = tty_nr;
	p.stat.pgrp = pgrp;
	p.stat.tpgid = tpgid;
	p.status.has_vmlck = true;
	return p;
}

static const char *letters(const struct process *p)
{
	static char buf[16];

	memset(buf, 'X', sizeof(buf));
	psinfo_stat_letters(p, buf, sizeof(buf));
	return buf;
}

static void test_stat_letters(void **state)
{
	struct process p;
	char small[3];

	(void)state;
	p = proc_stat('S', 10, 10, 0, 1, 0, 10, -1);
	assert_string_equal(letters(&p), "Ss");
	p = proc_stat('S', 10, 9, 5, 4, 0, 9, -1);
	assert_string_equal(letters(&p), "SNl");
	p = proc_stat('S', 10, 9, -5, 1, 0, 9, -1);
	assert_string_equal(letters(&p), "S<");
	p = proc_stat('R', 10, 9, 0, 1, 34816, 10, 10);
	assert_string_equal(letters(&p), "R+");
	p = proc_stat('S', 10, 10, 0, 2, 0, 10, -1);
	p.status.vmlck_kb = 64;
	assert_string_equal(letters(&p), "SLsl");
	p = proc_stat('Z', 10, 9, 0, 1, 0, 9, -1);
	assert_string_equal(letters(&p), "Z");
	/* All at once, in ps order */
	p = proc_stat('D', 10, 10, -20, 8, 1025, 10, 10);
	p.status.vmlck_kb = 4;
	assert_string_equal(letters(&p), "D<Lsl+");
	/* A terminal, but in the background */
	p = proc_stat('S', 10, 9, 0, 1, 34816, 10, 11);
	assert_string_equal(letters(&p), "S");
	/* VmLck present but zero, or absent: no L */
	p = proc_stat('S', 10, 9, 0, 1, 0, 9, -1);
	assert_string_equal(letters(&p), "S");
	p.status.has_vmlck = false;
	p.status.vmlck_kb = 99;
	assert_string_equal(letters(&p), "S");
	/* Unknown state */
	p = proc_stat(0, 10, 9, 0, 1, 0, 9, -1);
	assert_string_equal(letters(&p), "?");
	/* Cut to the buffer */
	p = proc_stat('S', 10, 10, 5, 2, 0, 10, -1);
	psinfo_stat_letters(&p, small, sizeof(small));
	assert_string_equal(small, "SN");
}

static const char *cpu(uint64_t ms)
{
	static char buf[32];

	psinfo_format_cpu(ms, buf, sizeof(buf));
	return buf;
}

static void test_format_cpu(void **state)
{
	struct process_table t = { .ticks_per_second = 100 };
	struct process p;

	(void)state;
	assert_string_equal(cpu(0), "0:00");
	assert_string_equal(cpu(999), "0:00");
	assert_string_equal(cpu(1000), "0:01");
	assert_string_equal(cpu(59999), "0:59");
	assert_string_equal(cpu(61000), "1:01");
	assert_string_equal(cpu(3600000), "60:00");
	assert_string_equal(cpu(UINT64_MAX), "307445734561825:51");

	memset(&p, 0, sizeof(p));
	p.stat.utime = 150;
	p.stat.stime = 50;
	assert_int_equal(psinfo_cpu_ms(&t, &p), 2000);
	t.ticks_per_second = 250;
	assert_int_equal(psinfo_cpu_ms(&t, &p), 800);
}

static const char *start(time_t s, time_t now)
{
	static char buf[32];

	psinfo_format_start(s, now, buf, sizeof(buf));
	return buf;
}

static void test_format_start(void **state)
{
	/* 2023-11-14 22:13:20 UTC */
	const time_t s = 1700000000;
	const time_t day = 24 * 3600;
	struct process_table t = { .boot_time = 1000, .ticks_per_second = 100 };
	struct process p;
	char tiny[3];

	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	assert_string_equal(start(s, s), "22:13");
	assert_string_equal(start(s, s + 3600), "22:13");
	assert_string_equal(start(s, s + day - 1), "22:13");
	assert_string_equal(start(s, s + day), "Nov14");
	assert_string_equal(start(s, s + 300 * day), "Nov14");
	assert_string_equal(start(s, s + 365 * day - 1), "Nov14");
	assert_string_equal(start(s, s + 365 * day), "2023");
	assert_string_equal(start(s, s + 3000 * day), "2023");
	/* A start in the future (clock stepped back) shows the time */
	assert_string_equal(start(s, s - 100), "22:13");
	/* Too small a buffer gives "?" or nothing, never garbage */
	psinfo_format_start(s, s, tiny, sizeof(tiny));
	assert_true(strcmp(tiny, "?") == 0 || tiny[0] == '\0');

	setenv("TZ", "Asia/Tokyo", 1);
	tzset();
	/* 07:13 next day in Tokyo, if the zone database is installed */
	if (strcmp(start(s, s), "22:13") != 0)
		assert_string_equal(start(s, s), "07:13");
	setenv("TZ", "UTC", 1);
	tzset();

	memset(&p, 0, sizeof(p));
	p.stat.starttime = 250;
	assert_int_equal(psinfo_start_time(&t, &p), 1002);
	t.boot_time = 0;
	assert_int_equal(psinfo_start_time(&t, &p), 0);
}

/* selection */

static void test_pid_lists(void **state)
{
	struct selection s;
	pid_t pids[8];

	(void)state;
	selection_init(&s);
	assert_false(selection_only_pids(&s));
	assert_int_equal(selection_add_pid_list(&s, "1,2"), 0);
	assert_int_equal(selection_add_pid_list(&s, "812"), 0);
	assert_int_equal(selection_add_pid_list(&s, "1073741823"), 0);
	assert_int_equal(s.count, 4);
	assert_true(selection_only_pids(&s));
	assert_int_equal(selection_pids(&s, pids, 8), 4);
	assert_int_equal(pids[0], 1);
	assert_int_equal(pids[1], 2);
	assert_int_equal(pids[2], 812);
	assert_int_equal(pids[3], 1073741823);
	/* max is respected */
	assert_int_equal(selection_pids(&s, pids, 2), 2);
	selection_release(&s);
	assert_int_equal(s.count, 0);
	assert_null(s.items);
}

static void test_bad_pid_lists(void **state)
{
	static const char *const bad[] = {
		"1,,2",	      "x",	    "0",  "-3",		 "",
		",",	      "1,",	    ",1", "1 ,2",	 " 1",
		"1x",	      "0x10",	    "+1", "99999999999", "2147483648",
		"1073741824", "4294967297",
	};
	struct selection s;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		selection_init(&s);
		if (selection_add_pid_list(&s, bad[i]) != -EINVAL)
			fail_msg("\"%s\" was accepted", bad[i]);
		for (size_t j = 0; j < s.count; j++)
			assert_true(s.items[j].pid > 0);
		selection_release(&s);
	}
}

static void test_add_arg(void **state)
{
	struct selection s;

	(void)state;
	selection_init(&s);
	selection_add_arg(&s, "123");
	selection_add_arg(&s, "cupsd");
	selection_add_arg(&s, "0");
	selection_add_arg(&s, "12abc");
	assert_int_equal(s.count, 4);
	assert_int_equal(s.items[0].pid, 123);
	assert_null(s.items[0].name);
	assert_int_equal(s.items[1].pid, 0);
	assert_string_equal(s.items[1].name, "cupsd");
	/* "0" is not a pid, so it is a name */
	assert_int_equal(s.items[2].pid, 0);
	assert_string_equal(s.items[2].name, "0");
	assert_string_equal(s.items[3].name, "12abc");
	assert_false(selection_only_pids(&s));
	selection_release(&s);
}

static struct process named(pid_t pid, const char *comm, const char *exe,
			    const char *cmdline, size_t argv0_len)
{
	struct process p;

	memset(&p, 0, sizeof(p));
	p.stat.pid = pid;
	snprintf(p.stat.comm, sizeof(p.stat.comm), "%s", comm);
	p.exe = (char *)exe;
	p.cmdline = (char *)cmdline;
	p.cmdline_len = cmdline ? strlen(cmdline) : 0;
	p.argv0_len = argv0_len;
	return p;
}

static bool matches(const char *arg, const struct process *p)
{
	struct selection s;
	bool m;

	selection_init(&s);
	selection_add_arg(&s, arg);
	m = selection_match(&s, p);
	assert_int_equal(s.items[0].matches, m ? 1 : 0);
	selection_release(&s);
	return m;
}

static void test_name_match(void **state)
{
	struct process cups = named(812, "cupsd", "/usr/sbin/cupsd",
				    "/usr/sbin/cupsd -l", 15);
	struct process py = named(900, "python3", "/usr/bin/python3.11",
				  "/usr/bin/python3 -m http.server", 16);
	struct process del = named(
		901, "worker", "/opt/app/bin/app-server (deleted)", NULL, 0);
	/* no exe or cmdline (not readable): comm alone must do */
	struct process journal = named(312, "systemd-journal", NULL, NULL, 0);
	struct process kthread = named(2, "kthreadd", NULL, "", 0);
	struct process title = named(950, "nginx", "/usr/sbin/nginx",
				     "nginx: worker process", 21);

	(void)state;
	/* by pid */
	assert_true(matches("812", &cups));
	assert_false(matches("81", &cups));
	/* by comm */
	assert_true(matches("cupsd", &cups));
	assert_false(matches("cups", &cups));
	assert_false(matches("cupsd2", &cups));
	/* by exe basename */
	assert_true(matches("python3.11", &py));
	/* by argv0 basename */
	assert_true(matches("python3", &py));
	assert_false(matches("http.server", &py));
	assert_false(matches("/usr/bin/python3", &py));
	/* deleted executables match on their old name */
	assert_true(matches("app-server", &del));
	assert_false(matches("app-server (deleted)", &del));
	assert_true(matches("worker", &del));
	/* comm is cut at 15 bytes: the full name still matches */
	assert_true(matches("systemd-journald", &journal));
	assert_true(matches("systemd-journal", &journal));
	assert_false(matches("systemd-journ", &journal));
	/* kernel threads: comm only */
	assert_true(matches("kthreadd", &kthread));
	assert_false(matches("", &kthread));
	/* a rewritten title is one argv0 with spaces */
	assert_true(matches("nginx", &title));
	assert_false(matches("worker", &title));
	assert_false(matches("process", &title));
}

static void test_match_counts(void **state)
{
	struct process a = named(10, "sshd", NULL, NULL, 0);
	struct process b = named(11, "bash", NULL, NULL, 0);
	struct selection s;

	(void)state;
	selection_init(&s);
	selection_add_arg(&s, "sshd");
	selection_add_arg(&s, "11");
	selection_add_arg(&s, "nothing");
	assert_true(selection_match(&s, &a));
	assert_true(selection_match(&s, &b));
	assert_true(selection_match(&s, &a));
	assert_int_equal(s.items[0].matches, 2);
	assert_int_equal(s.items[1].matches, 1);
	assert_int_equal(s.items[2].matches, 0);
	selection_release(&s);
}

/* daemon_judge on a hand-built table (sorted by pid, as collected) */

#define PTS0 34816

static struct process mk(pid_t pid, const char *comm, pid_t ppid, pid_t session,
			 int tty_nr, const char *stdin_target)
{
	struct process p;

	memset(&p, 0, sizeof(p));
	p.stat.pid = pid;
	snprintf(p.stat.comm, sizeof(p.stat.comm), "%s", comm);
	p.stat.state = 'S';
	p.stat.ppid = ppid;
	p.stat.session = session;
	p.stat.pgrp = pid;
	p.stat.tty_nr = tty_nr;
	p.stdin_target = (char *)stdin_target;
	p.cwd = (char *)"/";
	return p;
}

enum {
	I_INIT,
	I_KTHREADD,
	I_BASH,
	I_SLEEP,
	I_BGJOB,
	I_DAEMON,
	I_KWORKER,
	I_SUPERVISORD,
	I_WORKER,
	I_CONTAINER_INIT,
	I_CONTAINER_APP,
	I_CUPSD,
	I_PYTHON,
	I_SERVICE_CHILD,
	I_TTY_CHILD_OF_INIT,
	I_COUNT,
};

static void build(struct process *procs, struct process_table *t)
{
	procs[I_INIT] = mk(1, "systemd", 0, 1, 0, "/dev/null");
	procs[I_KTHREADD] = mk(2, "kthreadd", 0, 0, 0, NULL);
	procs[I_KTHREADD].stat.flags = PF_KTHREAD_FLAG;
	procs[I_KTHREADD].stdin_err = -ENOENT;
	procs[I_BASH] = mk(100, "bash", 99, 100, PTS0, "/dev/pts/0");
	procs[I_SLEEP] = mk(200, "sleep", 100, 100, PTS0, "/dev/pts/0");
	procs[I_BGJOB] = mk(210, "bgjob", 100, 100, 0, "/dev/null");
	procs[I_BGJOB].cgroup = (char *)"/user.slice/user-1000.slice/"
					"session-3.scope";
	procs[I_BGJOB].cwd = (char *)"/home/me";
	procs[I_DAEMON] = mk(300, "mydaemon", 1, 299, 0, "/dev/null");
	procs[I_KWORKER] = mk(400, "kworker/0:1", 2, 0, 0, NULL);
	procs[I_KWORKER].stat.flags = PF_KTHREAD_FLAG;
	procs[I_KWORKER].stdin_err = -ENOENT;
	procs[I_SUPERVISORD] = mk(500, "supervisord", 1, 500, 0, "/dev/null");
	procs[I_WORKER] = mk(510, "worker", 500, 500, 0, "pipe:[123]");
	procs[I_CONTAINER_INIT] = mk(600, "myinit", 1, 600, 0, "/dev/null");
	procs[I_CONTAINER_INIT].status.nspid[0] = 600;
	procs[I_CONTAINER_INIT].status.nspid[1] = 1;
	procs[I_CONTAINER_INIT].status.nspid_count = 2;
	procs[I_CONTAINER_APP] = mk(610, "app", 600, 600, 0, NULL);
	procs[I_CONTAINER_APP].stdin_err = -EACCES;
	procs[I_CONTAINER_APP].cwd = NULL;
	procs[I_CUPSD] = mk(700, "cupsd", 1, 700, 0, "socket:[99]");
	procs[I_CUPSD].cgroup = (char *)"/system.slice/cups.service";
	procs[I_PYTHON] = mk(715, "python3", 100, 100, 0, "/dev/null");
	procs[I_SERVICE_CHILD] = mk(720, "helper", 715, 100, 0, "/var/log/x");
	procs[I_SERVICE_CHILD].cgroup = (char *)"/system.slice/foo.service";
	procs[I_TTY_CHILD_OF_INIT] =
		mk(800, "agetty", 1, 800, 1025, "/dev/tty1");
	memset(t, 0, sizeof(*t));
	t->procs = procs;
	t->count = I_COUNT;
	t->ticks_per_second = 100;
	for (size_t i = 1; i < t->count; i++)
		assert_true(procs[i - 1].stat.pid < procs[i].stat.pid);
}

static struct daemon_verdict judge(const struct process_table *t, int i)
{
	struct daemon_verdict v;

	memset(&v, 0x5a, sizeof(v));
	daemon_judge(t, &t->procs[i], &v);
	return v;
}

static void test_table_find(void **state)
{
	struct process procs[I_COUNT];
	struct process_table t;

	(void)state;
	build(procs, &t);
	for (size_t i = 0; i < t.count; i++)
		assert_ptr_equal(process_table_find(&t, procs[i].stat.pid),
				 &procs[i]);
	assert_null(process_table_find(&t, 299));
	assert_null(process_table_find(&t, 0));
	assert_null(process_table_find(&t, 99999));
	t.count = 0;
	assert_null(process_table_find(&t, 1));
}

static void test_double_forked_daemon(void **state)
{
	struct process procs[I_COUNT];
	struct process_table t;
	struct daemon_verdict v;

	(void)state;
	build(procs, &t);
	v = judge(&t, I_DAEMON);
	assert_true(v.is_daemon);
	assert_true(v.no_tty);
	assert_int_equal(v.session, DAEMON_SESSION_ORPHANED);
	assert_int_equal(v.parent, DAEMON_PARENT_INIT);
	assert_int_equal(v.stdin_kind, DAEMON_STDIN_NULL);
	assert_int_equal(v.cwd_root, 1);
	assert_false(v.service_cgroup);
	assert_string_equal(daemon_session_name(v.session), "leader-gone");
	assert_string_equal(daemon_parent_name(v.parent), "init");
	assert_string_equal(daemon_stdin_name(v.stdin_kind), "/dev/null");
}

static void test_shell_children_are_not_daemons(void **state)
{
	struct process procs[I_COUNT];
	struct process_table t;
	struct daemon_verdict v;

	(void)state;
	build(procs, &t);
	/* No terminal, but still in the shell's live session */
	v = judge(&t, I_BGJOB);
	assert_false(v.is_daemon);
	assert_true(v.no_tty);
	assert_int_equal(v.session, DAEMON_SESSION_MEMBER);
	assert_int_equal(v.parent, DAEMON_PARENT_OTHER);
	assert_false(v.service_cgroup);
	assert_int_equal(v.cwd_root, 0);
	assert_string_equal(daemon_session_name(v.session), "member");
	assert_string_equal(daemon_parent_name(v.parent), "other");
	/* On the terminal */
	v = judge(&t, I_SLEEP);
	assert_false(v.is_daemon);
	assert_false(v.no_tty);
	assert_int_equal(v.stdin_kind, DAEMON_STDIN_TTY);
	/* The shell itself: a session leader, but with a terminal */
	v = judge(&t, I_BASH);
	assert_false(v.is_daemon);
	assert_int_equal(v.session, DAEMON_SESSION_LEADER);
	assert_string_equal(daemon_session_name(v.session), "leader");
}

static void test_tty_is_not_daemon(void **state)
{
	struct process procs[I_COUNT];
	struct process_table t;
	struct daemon_verdict v;

	(void)state;
	build(procs, &t);
	/* Parent is init and it leads its session, but it has a terminal */
	v = judge(&t, I_TTY_CHILD_OF_INIT);
	assert_false(v.is_daemon);
	assert_false(v.no_tty);
	assert_int_equal(v.parent, DAEMON_PARENT_INIT);
	assert_int_equal(v.session, DAEMON_SESSION_LEADER);
	assert_int_equal(v.stdin_kind, DAEMON_STDIN_TTY);
	assert_string_equal(daemon_stdin_name(v.stdin_kind), "tty");
}

static void test_kernel_threads_are_not_daemons(void **state)
{
	struct process procs[I_COUNT];
	struct process_table t;
	struct daemon_verdict v;

	(void)state;
	build(procs, &t);
	v = judge(&t, I_KWORKER);
	assert_false(v.is_daemon);
	assert_true(v.no_tty);
	assert_int_equal(v.stdin_kind, DAEMON_STDIN_CLOSED);
	assert_string_equal(daemon_stdin_name(v.stdin_kind), "closed");
	v = judge(&t, I_KTHREADD);
	assert_false(v.is_daemon);
	assert_int_equal(v.parent, DAEMON_PARENT_INIT);
	/* Without the flag, ppid 2 alone marks a kernel thread */
	procs[I_KWORKER].stat.flags = 0;
	v = judge(&t, I_KWORKER);
	assert_false(v.is_daemon);
}

static void test_supervisor_child(void **state)
{
	struct process procs[I_COUNT];
	struct process_table t;
	struct daemon_verdict v;

	(void)state;
	build(procs, &t);
	v = judge(&t, I_WORKER);
	assert_true(v.is_daemon);
	assert_int_equal(v.parent, DAEMON_PARENT_SUPERVISOR);
	assert_int_equal(v.session, DAEMON_SESSION_MEMBER);
	assert_int_equal(v.stdin_kind, DAEMON_STDIN_PIPE);
	assert_string_equal(daemon_parent_name(v.parent), "supervisor");
	assert_string_equal(daemon_stdin_name(v.stdin_kind), "pipe");
	/* The same child under a parent with another name is not */
	snprintf(procs[I_SUPERVISORD].stat.comm, PROC_COMM_MAX, "supervisor");
	v = judge(&t, I_WORKER);
	assert_false(v.is_daemon);
	assert_int_equal(v.parent, DAEMON_PARENT_OTHER);
}

static void test_container_init_child(void **state)
{
	struct process procs[I_COUNT];
	struct process_table t;
	struct daemon_verdict v;

	(void)state;
	build(procs, &t);
	v = judge(&t, I_CONTAINER_APP);
	assert_true(v.is_daemon);
	assert_int_equal(v.parent, DAEMON_PARENT_INIT);
	assert_int_equal(v.stdin_kind, DAEMON_STDIN_UNKNOWN);
	assert_null(daemon_stdin_name(v.stdin_kind));
	assert_int_equal(v.cwd_root, -1);
	/* A single NSpid level of 1 is the host's init, already covered by
	 * ppid; a parent whose innermost pid is not 1 is no init. */
	procs[I_CONTAINER_INIT].status.nspid[1] = 7;
	v = judge(&t, I_CONTAINER_APP);
	assert_int_equal(v.parent, DAEMON_PARENT_OTHER);
	assert_false(v.is_daemon);
}

static void test_service_cgroup(void **state)
{
	struct process procs[I_COUNT];
	struct process_table t;
	struct daemon_verdict v;

	(void)state;
	build(procs, &t);
	v = judge(&t, I_CUPSD);
	assert_true(v.is_daemon);
	assert_true(v.service_cgroup);
	assert_int_equal(v.session, DAEMON_SESSION_LEADER);
	assert_int_equal(v.stdin_kind, DAEMON_STDIN_SOCKET);
	assert_string_equal(daemon_stdin_name(v.stdin_kind), "socket");
	/* Parent and session say "not a daemon"; the unit says it is */
	v = judge(&t, I_SERVICE_CHILD);
	assert_true(v.service_cgroup);
	assert_int_equal(v.parent, DAEMON_PARENT_OTHER);
	assert_int_equal(v.session, DAEMON_SESSION_MEMBER);
	assert_int_equal(v.stdin_kind, DAEMON_STDIN_OTHER);
	assert_string_equal(daemon_stdin_name(v.stdin_kind), "file");
	assert_true(v.is_daemon);
	/* A user service counts too; a scope does not */
	procs[I_SERVICE_CHILD].cgroup =
		(char *)"/user.slice/user-1000.slice/user@1000.service/"
			"app.slice/foo.service";
	assert_true(judge(&t, I_SERVICE_CHILD).service_cgroup);
	procs[I_SERVICE_CHILD].cgroup = (char *)"/user.slice/user-1000.slice/"
						"session-3.scope";
	v = judge(&t, I_SERVICE_CHILD);
	assert_false(v.service_cgroup);
	assert_false(v.is_daemon);
	/* an app scope inside the user manager is no service either: every
	 * desktop app runs in one */
	procs[I_SERVICE_CHILD].cgroup =
		(char *)"/user.slice/user-1000.slice/user@1000.service/"
			"app.slice/app-gnome-org.gnome.Terminal-2001.scope";
	v = judge(&t, I_SERVICE_CHILD);
	assert_false(v.service_cgroup);
	assert_false(v.is_daemon);
}

static void test_stdin_kinds(void **state)
{
	static const struct {
		const char *target;
		int err;
		enum daemon_stdin want;
	} cases[] = {
		{ "/dev/null", 0, DAEMON_STDIN_NULL },
		{ "/dev/null2", 0, DAEMON_STDIN_OTHER },
		{ "socket:[1]", 0, DAEMON_STDIN_SOCKET },
		{ "pipe:[1]", 0, DAEMON_STDIN_PIPE },
		{ "/dev/pts/12", 0, DAEMON_STDIN_TTY },
		{ "/dev/tty1", 0, DAEMON_STDIN_TTY },
		{ "/dev/ttyS0", 0, DAEMON_STDIN_TTY },
		{ "/dev/console", 0, DAEMON_STDIN_TTY },
		{ "anon_inode:[eventfd]", 0, DAEMON_STDIN_OTHER },
		{ NULL, -ENOENT, DAEMON_STDIN_CLOSED },
		{ NULL, -EACCES, DAEMON_STDIN_UNKNOWN },
		{ NULL, 0, DAEMON_STDIN_UNKNOWN },
	};
	struct process procs[I_COUNT];
	struct process_table t;

	(void)state;
	build(procs, &t);
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		procs[I_DAEMON].stdin_target = (char *)cases[i].target;
		procs[I_DAEMON].stdin_err = cases[i].err;
		assert_int_equal(judge(&t, I_DAEMON).stdin_kind, cases[i].want);
		/* stdin is reported, not a criterion */
		assert_true(judge(&t, I_DAEMON).is_daemon);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tty_name),
		cmocka_unit_test(test_stat_letters),
		cmocka_unit_test(test_format_cpu),
		cmocka_unit_test(test_format_start),
		cmocka_unit_test(test_pid_lists),
		cmocka_unit_test(test_bad_pid_lists),
		cmocka_unit_test(test_add_arg),
		cmocka_unit_test(test_name_match),
		cmocka_unit_test(test_match_counts),
		cmocka_unit_test(test_table_find),
		cmocka_unit_test(test_double_forked_daemon),
		cmocka_unit_test(test_shell_children_are_not_daemons),
		cmocka_unit_test(test_tty_is_not_daemon),
		cmocka_unit_test(test_kernel_threads_are_not_daemons),
		cmocka_unit_test(test_supervisor_child),
		cmocka_unit_test(test_container_init_child),
		cmocka_unit_test(test_service_cgroup),
		cmocka_unit_test(test_stdin_kinds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
