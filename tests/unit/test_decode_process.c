/* The process family: clone's named arguments and exit signal, clone3's
 * struct, execve's argv and envp count, wait4's status, prctl and
 * arch_prctl by option, ids, CPU masks and resource limits; text as
 * strace prints it, JSON forms, unreadable memory and odd values. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "decode_util.h"

/* Strings (and arrays of pointers) the decoders follow, each in a page of
 * its own, NUL-padded, in a ring of slots reused in turn. */
static char pages[32][4096] __attribute__((aligned(4096)));
static unsigned next_page;

static char *page(void)
{
	char *p = pages[next_page++ % 32];

	memset(p, 0, sizeof(pages[0]));
	return p;
}

static uint64_t T(const char *s)
{
	char *p = page();

	snprintf(p, sizeof(pages[0]), "%s", s);
	return A(p);
}

/* An array of n pointers, then NULL. */
static uint64_t ptrs(const uint64_t *v, size_t n)
{
	uint64_t *p = (uint64_t *)(void *)page();

	memcpy(p, v, n * sizeof(*v));
	return A(p);
}

static const char *ret_note(const char *name, const uint64_t args[6],
			    int64_t ret)
{
	struct decode_call c = decode_util_call(name, args, ret);
	struct strbuf sb = STRBUF_INIT;
	struct dout o;

	dout_init(&o, DOUT_TEXT, &sb, NULL);
	decode_util_run(&c, &o);
	strbuf_release(&sb);
	return c.ret_note;
}

static void clones(void **state)
{
	const uint64_t thread = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
				CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS |
				CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID;

	(void)state;
	/* x86_64: flags, stack, parent_tid, child_tid, tls */
	check("clone", (uint64_t[6]){ CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | SIGCHLD, 0, 0, 0x7f0000000a10, 0 }, 42,
	      "child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0000000a10");
	check("clone", (uint64_t[6]){ thread, 0x7f0000100000, 0x2000, 0x3000, 0x4000 }, 43,
	      "child_stack=0x7f0000100000, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|"
	      "CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, "
	      "parent_tid=0x2000, tls=0x4000, child_tidptr=0x3000");
	/* no flags; an unknown exit signal; only the signal */
	check("clone", (uint64_t[6]){ 0 }, -22, "child_stack=NULL, flags=0");
	check("clone", (uint64_t[6]){ CLONE_SIGHAND | 85 }, -22,
	      "child_stack=NULL, flags=CLONE_SIGHAND|85");
	check("clone", (uint64_t[6]){ SIGCHLD }, 44, "child_stack=NULL, flags=SIGCHLD");
	check_json("clone", (uint64_t[6]){ CLONE_VM | SIGCHLD, 0x1000 }, 45,
		   "{\"child_stack\":\"0x1000\",\"flags\":[\"CLONE_VM\",\"SIGCHLD\"]}\n");
}

static void clone3_args(void **state)
{
	uint64_t ca[11] = { CLONE_VM | CLONE_VFORK | CLONE_PIDFD, 0x7ffd0000, 0, 0, SIGCHLD, 0, 0 };
	char want[64];

	(void)state;
	check("clone3", (uint64_t[6]){ A(ca), 88 }, 50,
	      "{flags=CLONE_VM|CLONE_PIDFD|CLONE_VFORK, pidfd=0x7ffd0000, exit_signal=SIGCHLD, "
	      "stack=NULL, stack_size=0}, 88");
	ca[0] = CLONE_FILES | CLONE_SETTLS | (1ull << 40);
	ca[4] = 0;
	ca[5] = 0x1000;
	ca[6] = 0x2000;
	ca[7] = 0x3000;
	check("clone3", (uint64_t[6]){ A(ca), 64 }, -22,
	      "{flags=CLONE_FILES|CLONE_SETTLS|0x10000000000, exit_signal=0, stack=0x1000, "
	      "stack_size=0x2000, tls=0x3000}, 64");
	/* smaller than the first version, or unreadable: the address */
	snprintf(want, sizeof(want), "%p, 32", (void *)ca);
	check("clone3", (uint64_t[6]){ A(ca), 32 }, -22, want);
	check("clone3", (uint64_t[6]){ 1, 88 }, -14, "0x1, 88");
}

static void execves(void **state)
{
	uint64_t argv = ptrs((uint64_t[]){ T("/bin/sh"), T("a\nb"), T("cccccccccccccccccccccccccccccccccccccccc"), 0 }, 4);
	uint64_t envp = ptrs((uint64_t[]){ T("A=1"), T("B=2"), 0 }, 3);
	uint64_t one = ptrs((uint64_t[]){ T("A=1"), 0 }, 2);
	uint64_t bad = ptrs((uint64_t[]){ T("a"), 0x10, T("b"), 0 }, 4);
	uint64_t many[41];
	uint64_t path = T("/bin/sh");
	char want[512];
	char *got;

	(void)state;
	snprintf(want, sizeof(want),
		 "\"/bin/sh\", [\"/bin/sh\", \"a\\nb\", \"cccccccccccccccccccccccccccccccc\"...], "
		 "0x%llx /* 2 vars */", (unsigned long long)envp);
	check("execve", (uint64_t[6]){ path, argv, envp }, 0, want);
	snprintf(want, sizeof(want), "\"/bin/sh\", [\"a\", 0x10, \"b\"], 0x%llx /* 1 var */",
		 (unsigned long long)one);
	check("execve", (uint64_t[6]){ path, bad, one }, -2, want);
	check("execve", (uint64_t[6]){ path, 0, 0 }, -14, "\"/bin/sh\", NULL, NULL");
	/* unreadable arrays: their addresses, no count */
	check("execve", (uint64_t[6]){ path, 0x10, 0x20 }, -14, "\"/bin/sh\", 0x10, 0x20");
	/* more than -s (32) elements */
	many[0] = T("x");
	for (int i = 1; i < 40; i++)
		many[i] = many[0];
	many[40] = 0;
	got = decode_text("execve", (uint64_t[6]){ path, ptrs(many, 41), 0 }, -2);
	assert_non_null(strstr(got, "\"x\", \"x\", ...], NULL"));
	assert_int_equal(strstr(got, "...") - got, strlen("\"/bin/sh\", [") + 32 * 5);
	free(got);
	snprintf(want, sizeof(want),
		 "{\"dirfd\":\"AT_FDCWD\",\"pathname\":\"/bin/sh\",\"argv\":[\"a\",\"0x10\",\"b\"],"
		 "\"envp\":\"0x%llx\",\"envc\":2,\"flags\":[\"AT_EMPTY_PATH\"]}\n",
		 (unsigned long long)envp);
	check_json("execveat", (uint64_t[6]){ (uint64_t)-100, path, bad, envp, 0x1000 }, -2, want);
	check("exit_group", (uint64_t[6]){ 3 }, 0, "3");
}

static void waits(void **state)
{
	int st = 3 << 8;
	struct rusage ru;
	char want[160];

	(void)state;
	memset(&ru, 0, sizeof(ru));
	ru.ru_utime.tv_usec = 183;
	check("wait4", (uint64_t[6]){ 42, A(&st), 0, 0 }, 42,
	      "42, [{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL");
	st = SIGSEGV | 0x80;
	check("wait4", (uint64_t[6]){ (uint64_t)-1, A(&st), __WALL, A(&ru) }, 42,
	      "-1, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV && WCOREDUMP(s)}], __WALL, "
	      "{ru_utime={tv_sec=0, tv_usec=183}, ru_stime={tv_sec=0, tv_usec=0}, ...}");
	st = 0x7f | (SIGTRAP << 8) | (4 << 16);
	check("wait4", (uint64_t[6]){ 42, A(&st), __WALL, 0 }, 42,
	      "42, [{WIFSTOPPED(s) && WSTOPSIG(s) == SIGTRAP} | PTRACE_EVENT_EXEC << 16], __WALL, NULL");
	st = 0xffff;
	check("wait4", (uint64_t[6]){ 42, A(&st), WCONTINUED, 0 }, 42,
	      "42, [{WIFCONTINUED(s)}], WCONTINUED, NULL");
	/* WNOHANG and nothing to reap: nothing written */
	snprintf(want, sizeof(want), "-1, %p, WNOHANG|WSTOPPED|0x10, %p", (void *)&st, (void *)&ru);
	check("wait4", (uint64_t[6]){ (uint64_t)-1, A(&st), WNOHANG | WUNTRACED | 0x10, A(&ru) }, 0, want);
	check("wait4", (uint64_t[6]){ 42, 1, 0, 0 }, 42, "42, 0x1, 0, NULL");
	st = SIGTERM;
	check_json("wait4", (uint64_t[6]){ 42, A(&st), 0, 0 }, 42,
		   "{\"pid\":42,\"wstatus\":{\"term_signal\":\"SIGTERM\"},\"options\":[],\"rusage\":null}\n");
	check("waitid", (uint64_t[6]){ P_PID, 42, 0x7ffd0000, WEXITED | WNOWAIT, 0 }, 0,
	      "P_PID, 42, 0x7ffd0000, WEXITED|WNOWAIT, NULL");
	check("waitid", (uint64_t[6]){ 9, 0, 0, WEXITED, 0 }, -22,
	      "0x9 /* P_??? */, 0, NULL, WEXITED, NULL");
}

static void ids(void **state)
{
	uint32_t r = 0, e = 1000, s = (uint32_t)-1;
	uint32_t groups[3] = { 0, 27, 4294967294u };
	char want[64];

	(void)state;
	check("getpid", (uint64_t[6]){ 1, 2, 3 }, 5, "");
	check("setresuid", (uint64_t[6]){ (uint32_t)-1, 1000, 0 }, 0, "-1, 1000, 0");
	check("getresuid", (uint64_t[6]){ A(&r), A(&e), A(&s) }, 0, "[0], [1000], [-1]");
	snprintf(want, sizeof(want), "%p, 0x1, %p", (void *)&r, (void *)&s);
	check("getresgid", (uint64_t[6]){ A(&r), 1, A(&s) }, -14, want);
	check("getgroups", (uint64_t[6]){ 3, A(groups) }, 3, "3, [0, 27, 4294967294]");
	check("getgroups", (uint64_t[6]){ 0, 0 }, 3, "0, NULL");
	check("setgroups", (uint64_t[6]){ 2, A(groups) }, 0, "2, [0, 27]");
	check("setpgid", (uint64_t[6]){ 0, 0 }, 0, "0, 0");
}

static void prctls(void **state)
{
	uint64_t name = T("worker\n1");
	int sig = SIGTERM;
	uint64_t fsbase = 0x7f0000000740;
	char want[64];

	(void)state;
	check("prctl", (uint64_t[6]){ 15, name }, 0, "PR_SET_NAME, \"worker\\n1\"");
	check("prctl", (uint64_t[6]){ 16, name }, 0, "PR_GET_NAME, \"worker\\n1\"");
	snprintf(want, sizeof(want), "PR_GET_NAME, 0x%llx", (unsigned long long)name);
	check("prctl", (uint64_t[6]){ 16, name }, -14, want);
	check("prctl", (uint64_t[6]){ 1, SIGKILL }, 0, "PR_SET_PDEATHSIG, SIGKILL");
	check("prctl", (uint64_t[6]){ 2, A(&sig) }, 0, "PR_GET_PDEATHSIG, [SIGTERM]");
	check("prctl", (uint64_t[6]){ 38, 1, 0, 0, 0 }, 0, "PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0");
	check("prctl", (uint64_t[6]){ 4, 0 }, 0, "PR_SET_DUMPABLE, SUID_DUMP_DISABLE");
	check("prctl", (uint64_t[6]){ 4, 5 }, -22, "PR_SET_DUMPABLE, 0x5 /* SUID_DUMP_??? */");
	check("prctl", (uint64_t[6]){ 22, 2, 0 }, -14, "PR_SET_SECCOMP, SECCOMP_MODE_FILTER, NULL");
	check("prctl", (uint64_t[6]){ 23, 21 }, 1, "PR_CAPBSET_READ, CAP_SYS_ADMIN");
	check("prctl", (uint64_t[6]){ 23, 99 }, -22, "PR_CAPBSET_READ, 0x63 /* CAP_??? */");
	check("prctl", (uint64_t[6]){ 47, 2, 12, 0, 0 }, -1,
	      "PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_NET_ADMIN, 0, 0");
	check("prctl", (uint64_t[6]){ 0x59616d61, 0xffffffff }, -22, "PR_SET_PTRACER, PR_SET_PTRACER_ANY");
	check("prctl", (uint64_t[6]){ 999, 1, 2, 3, 4 }, -22,
	      "0x3e7 /* PR_??? */, 0x1, 0x2, 0x3, 0x4");
	check("prctl", (uint64_t[6]){ 3 }, 0, "PR_GET_DUMPABLE");
	assert_string_equal(ret_note("prctl", (uint64_t[6]){ 3 }, 1), "SUID_DUMP_USER");
	check_json("prctl", (uint64_t[6]){ 15, name }, 0,
		   "{\"option\":\"PR_SET_NAME\",\"arg2\":\"worker\\n1\"}\n");
	check("arch_prctl", (uint64_t[6]){ 0x1002, 0x7f0000000740 }, 0,
	      "ARCH_SET_FS, 0x7f0000000740");
	check("arch_prctl", (uint64_t[6]){ 0x1003, A(&fsbase) }, 0,
	      "ARCH_GET_FS, [0x7f0000000740]");
	check("arch_prctl", (uint64_t[6]){ 0x1003, 8 }, -14, "ARCH_GET_FS, 0x8");
	check("arch_prctl", (uint64_t[6]){ 0x1011 }, 1, "ARCH_GET_CPUID");
	check("arch_prctl", (uint64_t[6]){ 0x9999, 0 }, -22, "0x9999 /* ARCH_??? */, 0");
}

static void limits_and_masks(void **state)
{
	uint64_t rl[2] = { 1024, 512 * 1024 };
	uint64_t inf[2] = { 8192 * 1024, UINT64_MAX };
	uint64_t mask = 0x23;
	char want[96];

	(void)state;
	check("getrlimit", (uint64_t[6]){ RLIMIT_NOFILE, A(rl) }, 0,
	      "RLIMIT_NOFILE, {rlim_cur=1024, rlim_max=512*1024}");
	check("prlimit64", (uint64_t[6]){ 0, RLIMIT_STACK, 0, A(inf) }, 0,
	      "0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}");
	check("setrlimit", (uint64_t[6]){ 99, A(inf) }, -22,
	      "0x63 /* RLIMIT_??? */, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}");
	snprintf(want, sizeof(want), "RLIMIT_CORE, %p", (void *)rl);
	check("getrlimit", (uint64_t[6]){ RLIMIT_CORE, A(rl) }, -14, want);
	check_json("prlimit64", (uint64_t[6]){ 0, RLIMIT_STACK, A(inf), 0 }, 0,
		   "{\"pid\":0,\"resource\":\"RLIMIT_STACK\",\"new_limit\":{\"rlim_cur\":8388608,"
		   "\"rlim_max\":\"RLIM64_INFINITY\"},\"old_limit\":null}\n");
	check("sched_getaffinity", (uint64_t[6]){ 0, 128, A(&mask) }, 8, "0, 128, [0 1 5]");
	check("sched_setaffinity", (uint64_t[6]){ 0, 8, A(&mask) }, 0, "0, 8, [0 1 5]");
	check("sched_getaffinity", (uint64_t[6]){ 0, 8, 1 }, -14, "0, 8, 0x1");
	check_json("sched_getaffinity", (uint64_t[6]){ 0, 128, A(&mask) }, 8,
		   "{\"pid\":0,\"cpusetsize\":128,\"mask\":[0,1,5]}\n");
	check("unshare", (uint64_t[6]){ CLONE_NEWNS | CLONE_FILES }, 0, "CLONE_FILES|CLONE_NEWNS");
	check("setns", (uint64_t[6]){ 3, CLONE_NEWNET }, 0, "3<fd 3>, CLONE_NEWNET");
	check("pidfd_open", (uint64_t[6]){ 42, 04000 }, 3, "42, PIDFD_NONBLOCK");
	check("pidfd_send_signal", (uint64_t[6]){ 3, SIGTERM, 0, 0 }, 0, "3<fd 3>, SIGTERM, NULL, 0");
	check("rseq", (uint64_t[6]){ 0x1000, 32, 0, 0x53053053 }, 0, "0x1000, 0x20, 0, 0x53053053");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(clones),
		cmocka_unit_test(clone3_args),
		cmocka_unit_test(execves),
		cmocka_unit_test(waits),
		cmocka_unit_test(ids),
		cmocka_unit_test(prctls),
		cmocka_unit_test(limits_and_masks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
