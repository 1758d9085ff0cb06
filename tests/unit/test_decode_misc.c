/* The misc and fdkinds families: futex by operation, sleeps and clocks,
 * getrandom, uname & co (text abbreviated as strace does, JSON whole),
 * eventfd, timerfd, signalfd, inotify, memfd, fanotify, perf, io_uring;
 * the shared helpers (timespec, enumerations' unknown form). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <linux/futex.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/timerfd.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <time.h>

#include "decode_util.h"
#include "unit_util.h"

/* Strings the decoder reads as strings: it asks for up to -s (or
 * PATH_MAX) + 1 bytes at once, which the test reader copies whole. */
static const char *str(const char *s)
{
	static char bufs[4][4200];
	static int next;
	char *b = bufs[next++ % 4];

	memset(b, 0, sizeof(bufs[0]));
	strcpy(b, s);
	return b;
}

static void futexes(void **state)
{
	static uint32_t f = 5, f2;
	struct timespec ts = { 0, 1000 };
	char want[256];
	uint64_t uf = A(&f), uf2 = A(&f2);

	(void)state;
	snprintf(want, sizeof(want),
		 "%#llx, FUTEX_WAIT_PRIVATE, 4, {tv_sec=0, tv_nsec=1000}",
		 (unsigned long long)uf);
	check("futex", (uint64_t[6]){ uf, FUTEX_WAIT_PRIVATE, 4, A(&ts) }, -11,
	      want);
	snprintf(want, sizeof(want), "%#llx, FUTEX_WAKE, 2147483647",
		 (unsigned long long)uf);
	check("futex", (uint64_t[6]){ uf, FUTEX_WAKE, INT32_MAX, 7, 8, 9 }, 0,
	      want);
	snprintf(want, sizeof(want),
		 "%#llx, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 5, "
		 "NULL, FUTEX_BITSET_MATCH_ANY",
		 (unsigned long long)uf);
	check("futex",
	      (uint64_t[6]){ uf,
			     FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG |
				     FUTEX_CLOCK_REALTIME,
			     5, 0, 0, 0xffffffff },
	      -110, want);
	snprintf(want, sizeof(want), "%#llx, FUTEX_WAKE_BITSET, 1, 0xff",
		 (unsigned long long)uf);
	check("futex", (uint64_t[6]){ uf, FUTEX_WAKE_BITSET, 1, 0, 0, 0xff }, 0,
	      want);
	snprintf(want, sizeof(want),
		 "%#llx, FUTEX_CMP_REQUEUE_PRIVATE, 1, 2, %#llx, 5",
		 (unsigned long long)uf, (unsigned long long)uf2);
	check("futex",
	      (uint64_t[6]){ uf, FUTEX_CMP_REQUEUE_PRIVATE, 1, 2, uf2, 5 }, 0,
	      want);
	snprintf(want, sizeof(want),
		 "%#llx, FUTEX_WAKE_OP_PRIVATE, 1, 1, %#llx, "
		 "FUTEX_OP_SET<<28|0<<12|FUTEX_OP_CMP_GT<<24|0x1",
		 (unsigned long long)uf, (unsigned long long)uf2);
	check("futex",
	      (uint64_t[6]){ uf, FUTEX_WAKE_OP_PRIVATE, 1, 1, uf2,
			     FUTEX_OP(FUTEX_OP_SET, 0, FUTEX_OP_CMP_GT, 1) },
	      0, want);
	snprintf(want, sizeof(want),
		 "%#llx, FUTEX_WAKE_OP, 1, 1, NULL, "
		 "FUTEX_OP_OPARG_SHIFT<<28|FUTEX_OP_ADD<<28|4095<<12|0xf<<24|0",
		 (unsigned long long)uf);
	check("futex",
	      (uint64_t[6]){ uf, FUTEX_WAKE_OP, 1, 1, 0,
			     (8u | 1u) << 28 | 15u << 24 | 0xfffu << 12 },
	      0, want);
	snprintf(want, sizeof(want), "%#llx, FUTEX_LOCK_PI_PRIVATE, 0x10",
		 (unsigned long long)uf);
	check("futex", (uint64_t[6]){ uf, FUTEX_LOCK_PI_PRIVATE, 0, 16 }, -14,
	      want);
	snprintf(want, sizeof(want), "%#llx, FUTEX_UNLOCK_PI",
		 (unsigned long long)uf);
	check("futex", (uint64_t[6]){ uf, FUTEX_UNLOCK_PI, 1, 2, 3, 4 }, -1,
	      want);
	snprintf(want, sizeof(want),
		 "%#llx, 0x63 /* FUTEX_??? */, 0, NULL, NULL, 0",
		 (unsigned long long)uf);
	check("futex", (uint64_t[6]){ uf, 99 }, -38, want);
	check_json("futex", (uint64_t[6]){ 0, FUTEX_WAKE_PRIVATE, 1 }, 0,
		   "{\"uaddr\":null,\"futex_op\":[\"FUTEX_WAKE_PRIVATE\"],"
		   "\"val\":1}\n");
}

static void sleeps_and_clocks(void **state)
{
	struct timespec ts = { 1, 0 }, rem = { 0, 500 };
	struct timeval tv = { 1796247793, 188889 };
	struct { int minuteswest, dsttime; } tz = { 0, 0 };
	int64_t t = 1796247793;

	(void)state;
	check("nanosleep", (uint64_t[6]){ A(&ts), 0 }, 0,
	      "{tv_sec=1, tv_nsec=0}, NULL");
	check("nanosleep", (uint64_t[6]){ A(&ts), 16 }, 0,
	      "{tv_sec=1, tv_nsec=0}, 0x10");
	/* cut short by a signal: the time left */
	check("nanosleep", (uint64_t[6]){ A(&ts), A(&rem) }, -516,
	      "{tv_sec=1, tv_nsec=0}, {tv_sec=0, tv_nsec=500}");
	check("nanosleep", (uint64_t[6]){ A(&ts), A(&rem) }, -4,
	      "{tv_sec=1, tv_nsec=0}, {tv_sec=0, tv_nsec=500}");
	check("nanosleep", (uint64_t[6]){ 1, 0 }, -14, "0x1, NULL");
	check("clock_nanosleep", (uint64_t[6]){ 0, 1, A(&ts), 0 }, 0,
	      "CLOCK_REALTIME, TIMER_ABSTIME, {tv_sec=1, tv_nsec=0}, NULL");
	check("clock_gettime", (uint64_t[6]){ 1, A(&ts) }, 0,
	      "CLOCK_MONOTONIC, {tv_sec=1, tv_nsec=0}");
	check("clock_gettime", (uint64_t[6]){ 7, 0 }, -14,
	      "CLOCK_BOOTTIME, NULL");
	check("clock_gettime", (uint64_t[6]){ (uint64_t)-2, A(&ts) }, 0,
	      "0xfffffffe /* CLOCK_??? */, {tv_sec=1, tv_nsec=0}");
	check_json("clock_gettime", (uint64_t[6]){ (uint64_t)-2, A(&ts) }, 0,
		   "{\"clockid\":4294967294,\"tp\":{\"tv_sec\":1,\"tv_nsec\":0}}\n");
	check("clock_getres", (uint64_t[6]){ 6, A(&rem) }, 0,
	      "CLOCK_MONOTONIC_COARSE, {tv_sec=0, tv_nsec=500}");
	check("gettimeofday", (uint64_t[6]){ A(&tv), A(&tz) }, 0,
	      "{tv_sec=1796247793, tv_usec=188889}, "
	      "{tz_minuteswest=0, tz_dsttime=0}");
	check("gettimeofday", (uint64_t[6]){ A(&tv), 0 }, 0,
	      "{tv_sec=1796247793, tv_usec=188889}, NULL");
	check("time", (uint64_t[6]){ A(&t) }, t,
	      "[1796247793 /* 2026-12-02T21:43:13+0000 */]");
	check("time", (uint64_t[6]){ 0 }, t, "NULL");
	check_json("time", (uint64_t[6]){ A(&t) }, t, "{\"tloc\":[1796247793]}\n");
}

static void random_and_names(void **state)
{
	unsigned char rnd[40];
	struct utsname u;
	char *p;

	(void)state;
	for (size_t i = 0; i < sizeof(rnd); i++)
		rnd[i] = (unsigned char)(i * 37);
	check("getrandom", (uint64_t[6]){ A(rnd), 4, 1 }, 4,
	      "\"\\x00\\x25\\x4a\\x6f\", 4, GRND_NONBLOCK");
	/* cut at -s, and exactly the bytes returned read */
	p = dup_exact(rnd, 33);
	check("getrandom", (uint64_t[6]){ A(p), 64, 0 }, 33,
	      "\"\\x00\\x25\\x4a\\x6f\\x94\\xb9\\xde\\x03\\x28\\x4d\\x72\\x97"
	      "\\xbc\\xe1\\x06\\x2b\\x50\\x75\\x9a\\xbf\\xe4\\x09\\x2e\\x53\\x78"
	      "\\x9d\\xc2\\xe7\\x0c\\x31\\x56\\x7b\"..., 64, 0");
	free(p);
	check("getrandom", (uint64_t[6]){ 0x5000, 4, 6 }, -22,
	      "0x5000, 4, GRND_RANDOM|GRND_INSECURE");
	check_json("getrandom", (uint64_t[6]){ A("ab"), 2, 0 }, 2,
		   "{\"buf\":\"ab\",\"buflen\":2,\"flags\":[]}\n");
	memset(&u, 0, sizeof(u));
	strcpy(u.sysname, "Linux");
	strcpy(u.nodename, "vm\e");
	strcpy(u.release, "6.18");
	strcpy(u.machine, "x86_64");
	check("uname", (uint64_t[6]){ A(&u) }, 0,
	      "{sysname=\"Linux\", nodename=\"vm\\e\", ...}");
	check_json("uname", (uint64_t[6]){ A(&u) }, 0,
		   "{\"buf\":{\"sysname\":\"Linux\",\"nodename\":\"vm\\u001b\","
		   "\"release\":\"6.18\",\"version\":\"\",\"machine\":\"x86_64\","
		   "\"domainname\":\"\"}}\n");
	/* fields with no NUL: 65 bytes each, no more */
	memset(&u, 'x', sizeof(u));
	p = dup_exact(&u, sizeof(u));
	{
		char *got = decode_text("uname", (uint64_t[6]){ A(p) }, 0);

		assert_int_equal(strlen(got), strlen("{sysname=\"\", "
						     "nodename=\"\", ...}") +
						      2 * 65);
		free(got);
	}
	free(p);
	check("uname", (uint64_t[6]){ 1 }, -14, "0x1");
	check("sethostname", (uint64_t[6]){ A("host\"x"), 6 }, 0,
	      "\"host\\\"x\", 6");
}

static void system_info(void **state)
{
	struct sysinfo si;
	struct tms t = { 1, 2, 3, 4 };
	struct rusage ru;
	unsigned cpu = 3;
	struct { uint32_t version; int pid; } hdr = { 0x20080522, 0 };

	(void)state;
	memset(&si, 0, sizeof(si));
	si.uptime = 1309;
	si.loads[0] = 171296;
	si.procs = 98;
	si.mem_unit = 1;
	check("sysinfo", (uint64_t[6]){ A(&si) }, 0,
	      "{uptime=1309, loads=[171296, 0, 0], totalram=0, freeram=0, "
	      "sharedram=0, bufferram=0, totalswap=0, freeswap=0, procs=98, "
	      "totalhigh=0, freehigh=0, mem_unit=1}");
	check("times", (uint64_t[6]){ A(&t) }, 1718087699,
	      "{tms_utime=1, tms_stime=2, tms_cutime=3, tms_cstime=4}");
	check("times", (uint64_t[6]){ 0 }, 1718087699, "NULL");
	memset(&ru, 0, sizeof(ru));
	ru.ru_utime.tv_usec = 3032;
	ru.ru_maxrss = 900;
	check("getrusage", (uint64_t[6]){ (uint32_t)-1, A(&ru) }, 0,
	      "RUSAGE_CHILDREN, {ru_utime={tv_sec=0, tv_usec=3032}, "
	      "ru_stime={tv_sec=0, tv_usec=0}, ...}");
	check_json("getrusage", (uint64_t[6]){ 0, A(&ru) }, 0,
		   "{\"who\":\"RUSAGE_SELF\",\"usage\":{\"ru_utime\":{\"tv_sec\":0,"
		   "\"tv_usec\":3032},\"ru_stime\":{\"tv_sec\":0,\"tv_usec\":0},"
		   "\"ru_maxrss\":900,\"ru_minflt\":0,\"ru_majflt\":0,"
		   "\"ru_inblock\":0,\"ru_oublock\":0,\"ru_nvcsw\":0,"
		   "\"ru_nivcsw\":0}}\n");
	check("getcpu", (uint64_t[6]){ A(&cpu), 0, 0 }, 0, "[3], NULL, NULL");
	check("reboot", (uint64_t[6]){ 1, 2, 0x89ABCDEF, 0 }, -22,
	      "0x1 /* LINUX_REBOOT_MAGIC_??? */, 0x2 /* LINUX_REBOOT_MAGIC_??? */, "
	      "LINUX_REBOOT_CMD_CAD_ON");
	check("reboot", (uint64_t[6]){ 0xfee1dead, 672274793, 0xA1B2C3D4, A(str("now")) },
	      -1, "LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, "
		  "LINUX_REBOOT_CMD_RESTART2, \"now\"");
	check("capget", (uint64_t[6]){ A(&hdr), 0 }, 0,
	      "{version=_LINUX_CAPABILITY_VERSION_3, pid=0}, NULL");
	hdr.version = 7;
	check("capset", (uint64_t[6]){ A(&hdr), 0x5000 }, -22,
	      "{version=0x7 /* _LINUX_CAPABILITY_VERSION_??? */, pid=0}, 0x5000");
}

/* getrusage's failed usage: its address, which varies. */
static void prefix_checks(void **state)
{
	struct rusage ru;
	char *got = decode_text("getrusage", (uint64_t[6]){ 5, A(&ru) }, -22);

	(void)state;
	assert_true(strncmp(got, "0x5 /* RUSAGE_??? */, 0x", 24) == 0);
	free(got);
}

static void event_timer_signal_fds(void **state)
{
	struct itimerspec its = { { 5, 0 }, { 1, 500 } }, old = { { 0, 0 }, { 0, 0 } };
	sigset_t ss;

	(void)state;
	check("eventfd", (uint64_t[6]){ 3 }, 3, "3");
	check("eventfd2", (uint64_t[6]){ 0, EFD_CLOEXEC | EFD_NONBLOCK | EFD_SEMAPHORE },
	      4, "0, EFD_SEMAPHORE|EFD_CLOEXEC|EFD_NONBLOCK");
	check("timerfd_create", (uint64_t[6]){ 1, TFD_CLOEXEC | TFD_NONBLOCK }, 6,
	      "CLOCK_MONOTONIC, TFD_CLOEXEC|TFD_NONBLOCK");
	check("timerfd_create", (uint64_t[6]){ 99, 0 }, -22,
	      "0x63 /* CLOCK_??? */, 0");
	check("timerfd_settime", (uint64_t[6]){ 6, 0, A(&its), A(&old) }, 0,
	      "6<fd 6>, 0, {it_interval={tv_sec=5, tv_nsec=0}, "
	      "it_value={tv_sec=1, tv_nsec=500}}, {it_interval={tv_sec=0, "
	      "tv_nsec=0}, it_value={tv_sec=0, tv_nsec=0}}");
	check("timerfd_settime", (uint64_t[6]){ 6, 3, A(&its), 0 }, 0,
	      "6<fd 6>, TFD_TIMER_ABSTIME|TFD_TIMER_CANCEL_ON_SET, "
	      "{it_interval={tv_sec=5, tv_nsec=0}, it_value={tv_sec=1, "
	      "tv_nsec=500}}, NULL");
	check_json("timerfd_gettime", (uint64_t[6]){ 6, A(&its) }, 0,
		   "{\"fd\":{\"fd\":6,\"description\":\"test fd\"},"
		   "\"curr_value\":{\"it_interval\":{\"tv_sec\":5,\"tv_nsec\":0},"
		   "\"it_value\":{\"tv_sec\":1,\"tv_nsec\":500}}}\n");
	check("timerfd_gettime", (uint64_t[6]){ 6, 1 }, -14, "6<fd 6>, 0x1");
	sigemptyset(&ss);
	sigaddset(&ss, SIGTERM);
	sigaddset(&ss, SIGUSR1);
	check("signalfd4", (uint64_t[6]){ (uint32_t)-1, A(&ss), 8, 02004000 }, 9,
	      "-1, [USR1 TERM], 8, SFD_CLOEXEC|SFD_NONBLOCK");
	check("signalfd", (uint64_t[6]){ 9, A(&ss), 8 }, 9,
	      "9<fd 9>, [USR1 TERM], 8");
}

static void inotify_memfd_and_more(void **state)
{
	struct { uint32_t type, size; uint64_t config; } attr = { 1, 128, 0 };
	uint32_t params[6] = { 8, 16, 0, 0, 0, 0x1003 };

	(void)state;
	check("inotify_init", (uint64_t[6]){ 0 }, 12, "");
	check("inotify_init1", (uint64_t[6]){ IN_CLOEXEC | IN_NONBLOCK }, 13,
	      "IN_NONBLOCK|IN_CLOEXEC");
	check("inotify_add_watch", (uint64_t[6]){ 13, A(str("/tmp")), IN_ALL_EVENTS | IN_ONLYDIR },
	      1, "13<fd 13>, \"/tmp\", IN_ACCESS|IN_MODIFY|IN_ATTRIB|"
		 "IN_CLOSE_WRITE|IN_CLOSE_NOWRITE|IN_OPEN|IN_MOVED_FROM|"
		 "IN_MOVED_TO|IN_CREATE|IN_DELETE|IN_DELETE_SELF|IN_MOVE_SELF|"
		 "IN_ONLYDIR");
	check("inotify_rm_watch", (uint64_t[6]){ 13, 1 }, 0, "13<fd 13>, 1");
	check("memfd_create", (uint64_t[6]){ A(str("my\"mem")), 3 }, 14,
	      "\"my\\\"mem\", MFD_CLOEXEC|MFD_ALLOW_SEALING");
	check("memfd_create", (uint64_t[6]){ A(str("x")), 4 | 21u << 26 }, 15,
	      "\"x\", MFD_HUGETLB|21<<MFD_HUGE_SHIFT");
	check("fanotify_init", (uint64_t[6]){ 3, 0100000 }, 17,
	      "FAN_CLASS_NOTIF|FAN_CLOEXEC|FAN_NONBLOCK, O_RDONLY|O_LARGEFILE");
	check("fanotify_init", (uint64_t[6]){ 0x204, 2 }, -22,
	      "FAN_CLASS_CONTENT|FAN_REPORT_FID, O_RDWR");
	check("fanotify_init", (uint64_t[6]){ 0xc, 04010003 }, -22,
	      "0xc, O_SYNC|0x3");
	check("userfaultfd", (uint64_t[6]){ 02004000 }, 18, "O_NONBLOCK|O_CLOEXEC");
	check("perf_event_open", (uint64_t[6]){ A(&attr), 0, (uint32_t)-1, (uint32_t)-1, 8 },
	      20, "{type=PERF_TYPE_SOFTWARE, size=PERF_ATTR_SIZE_VER7, "
		  "config=PERF_COUNT_SW_CPU_CLOCK, ...}, 0, -1, -1, "
		  "PERF_FLAG_FD_CLOEXEC");
	check_json("perf_event_open", (uint64_t[6]){ A(&attr), 0, 1, (uint32_t)-1, 0 },
		   20, "{\"attr\":{\"type\":\"PERF_TYPE_SOFTWARE\",\"size\":128,"
		       "\"config\":\"PERF_COUNT_SW_CPU_CLOCK\"},\"pid\":0,\"cpu\":1,"
		       "\"group_fd\":-1,\"flags\":[]}\n");
	check("bpf", (uint64_t[6]){ 0, 0, 144 }, 21, "BPF_MAP_CREATE, NULL, 144");
	check("bpf", (uint64_t[6]){ 999, 0, 0 }, -22,
	      "0x3e7 /* BPF_??? */, NULL, 0");
	check("io_uring_setup", (uint64_t[6]){ 8, A(params) }, 22,
	      "8, {flags=0, sq_thread_cpu=0, sq_thread_idle=0, sq_entries=8, "
	      "cq_entries=16, features=IORING_FEAT_SINGLE_MMAP|IORING_FEAT_NODROP|"
	      "IORING_FEAT_LINKED_FILE, ...}");
	check("io_uring_setup", (uint64_t[6]){ 8, 16 }, -14, "8, 0x10");
	check("io_uring_enter", (uint64_t[6]){ 22, 1, 1, 1, 0, 8 }, 0,
	      "22<fd 22>, 1, 1, IORING_ENTER_GETEVENTS, NULL, 8");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(futexes),
		cmocka_unit_test(sleeps_and_clocks),
		cmocka_unit_test(random_and_names),
		cmocka_unit_test(system_info),
		cmocka_unit_test(prefix_checks),
		cmocka_unit_test(event_timer_signal_fds),
		cmocka_unit_test(inotify_memfd_and_more),
	};

	/* time's comment is in the tracer's zone */
	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
