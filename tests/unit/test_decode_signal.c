/* The signal family and decode_put_sigset: masks ([HUP INT], ~[KILL],
 * RTMIN and RT_n), rt_sigaction's kernel struct, siginfo, sigaltstack,
 * rt_sigtimedwait's note; unreadable memory and wrong sizes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>

#include "decode_util.h"

static uint64_t bit(int sig)
{
	return 1ull << (sig - 1);
}

/* decode_put_sigset alone, in text. */
static char *sigset_text(uint64_t addr, uint64_t size)
{
	struct decode_call c = decode_util_call("rt_sigpending", (uint64_t[6]){ 0 }, 0);
	struct strbuf sb = STRBUF_INIT;
	struct dout o;

	dout_init(&o, DOUT_TEXT, &sb, NULL);
	decode_put_sigset(&c, &o, "set", addr, size);
	return strbuf_detach(&sb);
}

static void check_sigset(uint64_t mask, const char *want)
{
	char *got = sigset_text(A(&mask), 8);

	assert_string_equal(got, want);
	free(got);
}

static void sigsets(void **state)
{
	uint64_t mask = bit(SIGHUP);
	char want[32];
	char *got;

	(void)state;
	check_sigset(0, "[]");
	check_sigset(bit(SIGHUP) | bit(SIGINT) | bit(SIGTERM), "[HUP INT TERM]");
	check_sigset(bit(32) | bit(33) | bit(64), "[RTMIN RT_1 RT_32]");
	check_sigset(~0ull, "~[]");
	check_sigset(~(bit(SIGKILL) | bit(SIGSTOP)), "~[KILL STOP]");
	/* exactly half: not inverted */
	check_sigset(0xffffffffull, "[HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 "
				    "SEGV USR2 PIPE ALRM TERM STKFLT CHLD CONT STOP "
				    "TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH "
				    "IO PWR SYS RTMIN]");
	/* a size other than 8, unreadable memory, NULL */
	snprintf(want, sizeof(want), "%p", (void *)&mask);
	got = sigset_text(A(&mask), 16);
	assert_string_equal(got, want);
	free(got);
	got = sigset_text(A(&mask), 4);
	assert_string_equal(got, want);
	free(got);
	got = sigset_text(8, 8);
	assert_string_equal(got, "0x8");
	free(got);
	got = sigset_text(0, 8);
	assert_string_equal(got, "NULL");
	free(got);
}

static void sigprocmask_calls(void **state)
{
	uint64_t set = bit(SIGHUP) | bit(SIGINT) | bit(SIGTERM), old = 0;

	(void)state;
	check("rt_sigprocmask", (uint64_t[6]){ SIG_BLOCK, A(&set), A(&old), 8 }, 0,
	      "SIG_BLOCK, [HUP INT TERM], [], 8");
	check("rt_sigprocmask", (uint64_t[6]){ SIG_SETMASK, A(&set), 0, 8 }, 0,
	      "SIG_SETMASK, [HUP INT TERM], NULL, 8");
	check("rt_sigprocmask", (uint64_t[6]){ 7, A(&old), 0, 8 }, -22,
	      "0x7 /* SIG_??? */, [], NULL, 8");
	check("rt_sigprocmask", (uint64_t[6]){ SIG_BLOCK, 1, 0, 8 }, -14,
	      "SIG_BLOCK, 0x1, NULL, 8");
	/* the old set only when the call succeeded */
	check("rt_sigprocmask", (uint64_t[6]){ SIG_BLOCK, 0, 0x20, 8 }, -14,
	      "SIG_BLOCK, NULL, 0x20, 8");
	check("rt_sigpending", (uint64_t[6]){ A(&set), 8 }, 0, "[HUP INT TERM], 8");
	check("rt_sigsuspend", (uint64_t[6]){ A(&set), 8 }, -514, "[HUP INT TERM], 8");
	check_json("rt_sigprocmask", (uint64_t[6]){ SIG_UNBLOCK, A(&set), 0, 8 }, 0,
		   "{\"how\":\"SIG_UNBLOCK\",\"set\":[\"SIGHUP\",\"SIGINT\",\"SIGTERM\"],"
		   "\"oldset\":null,\"sigsetsize\":8}\n");
	set = ~bit(SIGKILL) & ~bit(33);
	check_json("rt_sigpending", (uint64_t[6]){ A(&set), 8 }, 0,
		   "{\"set\":[\"SIGHUP\",\"SIGINT\",\"SIGQUIT\",\"SIGILL\",\"SIGTRAP\","
		   "\"SIGABRT\",\"SIGBUS\",\"SIGFPE\",\"SIGUSR1\",\"SIGSEGV\",\"SIGUSR2\","
		   "\"SIGPIPE\",\"SIGALRM\",\"SIGTERM\",\"SIGSTKFLT\",\"SIGCHLD\",\"SIGCONT\","
		   "\"SIGSTOP\",\"SIGTSTP\",\"SIGTTIN\",\"SIGTTOU\",\"SIGURG\",\"SIGXCPU\","
		   "\"SIGXFSZ\",\"SIGVTALRM\",\"SIGPROF\",\"SIGWINCH\",\"SIGIO\",\"SIGPWR\","
		   "\"SIGSYS\",\"SIGRTMIN\",\"SIGRT_2\",\"SIGRT_3\",\"SIGRT_4\",\"SIGRT_5\","
		   "\"SIGRT_6\",\"SIGRT_7\",\"SIGRT_8\",\"SIGRT_9\",\"SIGRT_10\",\"SIGRT_11\","
		   "\"SIGRT_12\",\"SIGRT_13\",\"SIGRT_14\",\"SIGRT_15\",\"SIGRT_16\","
		   "\"SIGRT_17\",\"SIGRT_18\",\"SIGRT_19\",\"SIGRT_20\",\"SIGRT_21\","
		   "\"SIGRT_22\",\"SIGRT_23\",\"SIGRT_24\",\"SIGRT_25\",\"SIGRT_26\","
		   "\"SIGRT_27\",\"SIGRT_28\",\"SIGRT_29\",\"SIGRT_30\",\"SIGRT_31\","
		   "\"SIGRT_32\"],\"sigsetsize\":8}\n");
}

/* The kernel's struct sigaction on x86_64. */
struct ksa {
	uint64_t handler, flags, restorer, mask;
};

static void sigaction_calls(void **state)
{
	struct ksa act = { 0x401000, 0x04000000 | SA_RESTART | SA_SIGINFO, 0x7f0000001000, bit(SIGINT) | bit(36) };
	struct ksa old = { 0, 0, 0, 0 };
	struct ksa ign = { 1, SA_NOCLDSTOP | 0x100000, 0x1234, ~0ull };

	(void)state;
	check("rt_sigaction", (uint64_t[6]){ SIGUSR1, A(&act), A(&old), 8 }, 0,
	      "SIGUSR1, {sa_handler=0x401000, sa_mask=[INT RT_4], "
	      "sa_flags=SA_RESTORER|SA_RESTART|SA_SIGINFO, sa_restorer=0x7f0000001000}, "
	      "{sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}, 8");
	/* no SA_RESTORER: no sa_restorer; unknown flag bits in hex */
	check("rt_sigaction", (uint64_t[6]){ SIGCHLD, A(&ign), 0, 8 }, 0,
	      "SIGCHLD, {sa_handler=SIG_IGN, sa_mask=~[], sa_flags=SA_NOCLDSTOP|0x100000}, NULL, 8");
	ign.handler = UINT64_MAX;
	check("rt_sigaction", (uint64_t[6]){ SIGCHLD, A(&ign), 0, 8 }, 0,
	      "SIGCHLD, {sa_handler=SIG_ERR, sa_mask=~[], sa_flags=SA_NOCLDSTOP|0x100000}, NULL, 8");
	/* unreadable, failed, unknown signals */
	check("rt_sigaction", (uint64_t[6]){ SIGTERM, 1, 1, 8 }, -14,
	      "SIGTERM, 0x1, 0x1, 8");
	check("rt_sigaction", (uint64_t[6]){ 99, 0, 0, 8 }, -22, "99, NULL, NULL, 8");
	check("rt_sigaction", (uint64_t[6]){ 34, 0, 0, 8 }, 0, "SIGRT_2, NULL, NULL, 8");
	check_json("rt_sigaction", (uint64_t[6]){ SIGPIPE, A(&old), 0, 8 }, 0,
		   "{\"signum\":\"SIGPIPE\",\"act\":{\"sa_handler\":\"SIG_DFL\","
		   "\"sa_mask\":[],\"sa_flags\":[]},\"oldact\":null,\"sigsetsize\":8}\n");
}

static void kills(void **state)
{
	(void)state;
	check("kill", (uint64_t[6]){ 1234, SIGTERM }, 0, "1234, SIGTERM");
	check("kill", (uint64_t[6]){ (uint64_t)-1, 0 }, 0, "-1, 0");
	check("kill", (uint64_t[6]){ 1, 77 }, -22, "1, 77");
	check("tgkill", (uint64_t[6]){ 10, 11, SIGWINCH }, 0, "10, 11, SIGWINCH");
	check("tkill", (uint64_t[6]){ 11, SIGURG }, 0, "11, SIGURG");
	check("alarm", (uint64_t[6]){ 5 }, 0, "5");
	check("pause", (uint64_t[6]){ 0 }, -514, "");
	check("rt_sigreturn", (uint64_t[6]){ 0x1234 }, 0, "");
}

static void siginfos(void **state)
{
	siginfo_t si;
	uint64_t set = bit(SIGALRM);
	struct decode_call c;
	struct strbuf sb = STRBUF_INIT;
	struct dout o;
	int64_t ts[2] = { 0, 1000 };
	char want[128];

	(void)state;
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR2;
	si.si_code = SI_QUEUE;
	si.si_pid = 100;
	si.si_uid = 0;
	si.si_value.sival_int = 5;
	check("rt_sigqueueinfo", (uint64_t[6]){ 100, SIGUSR2, A(&si) }, 0,
	      "100, SIGUSR2, {si_signo=SIGUSR2, si_code=SI_QUEUE, si_pid=100, si_uid=0, si_int=5, si_ptr=0x5}");
	check("rt_tgsigqueueinfo", (uint64_t[6]){ 100, 101, SIGUSR2, 16 }, -14,
	      "100, 101, SIGUSR2, 0x10");
	/* the signal taken names the return value */
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGALRM;
	si.si_code = SI_USER;
	si.si_pid = 7;
	c = decode_util_call("rt_sigtimedwait", (uint64_t[6]){ A(&set), A(&si), 0, 8 }, SIGALRM);
	dout_init(&o, DOUT_TEXT, &sb, NULL);
	decode_util_run(&c, &o);
	assert_string_equal(strbuf_str(&sb),
			    "[ALRM], {si_signo=SIGALRM, si_code=SI_USER, si_pid=7, si_uid=0}, NULL, 8");
	assert_string_equal(c.ret_note, "SIGALRM");
	strbuf_release(&sb);
	snprintf(want, sizeof(want), "[ALRM], %p, {tv_sec=0, tv_nsec=1000}, 8", (void *)&si);
	check("rt_sigtimedwait", (uint64_t[6]){ A(&set), A(&si), A(ts), 8 }, -11, want);
	/* a child's end; a fault */
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGCHLD;
	si.si_code = CLD_KILLED;
	si.si_pid = 9;
	si.si_status = SIGTERM;
	check("rt_sigqueueinfo", (uint64_t[6]){ 1, SIGCHLD, A(&si) }, -1,
	      "1, SIGCHLD, {si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=9, si_uid=0, "
	      "si_status=SIGTERM, si_utime=0, si_stime=0}");
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGSEGV;
	si.si_code = SEGV_MAPERR;
	si.si_addr = (void *)0x1000;
	check("rt_sigqueueinfo", (uint64_t[6]){ 1, SIGSEGV, A(&si) }, -1,
	      "1, SIGSEGV, {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x1000}");
	si.si_code = 77;
	si.si_errno = 5;
	check("rt_sigqueueinfo", (uint64_t[6]){ 1, SIGSEGV, A(&si) }, -1,
	      "1, SIGSEGV, {si_signo=SIGSEGV, si_errno=5, si_code=77, si_addr=0x1000}");
}

static void altstacks(void **state)
{
	stack_t ss = { .ss_sp = (void *)0x1000, .ss_flags = 0, .ss_size = 8192 };
	stack_t old = { .ss_sp = NULL, .ss_flags = SS_DISABLE, .ss_size = 0 };
	char want[128];

	(void)state;
	check("sigaltstack", (uint64_t[6]){ A(&ss), A(&old) }, 0,
	      "{ss_sp=0x1000, ss_flags=0, ss_size=8192}, {ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0}");
	ss.ss_flags = SS_ONSTACK | 0x40;
	snprintf(want, sizeof(want),
		 "{ss_sp=0x1000, ss_flags=SS_ONSTACK|0x40, ss_size=8192}, %p",
		 (void *)&old);
	check("sigaltstack", (uint64_t[6]){ A(&ss), A(&old) }, -1, want);
	check("sigaltstack", (uint64_t[6]){ 0, A(&old) }, 0,
	      "NULL, {ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0}");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sigsets),
		cmocka_unit_test(sigprocmask_calls),
		cmocka_unit_test(sigaction_calls),
		cmocka_unit_test(kills),
		cmocka_unit_test(siginfos),
		cmocka_unit_test(altstacks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
