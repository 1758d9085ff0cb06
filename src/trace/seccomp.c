#include "trace/seccomp.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define X32_SYSCALL_BIT 0x40000000u
/* two instructions a syscall and a few more: every syscall fits */
#define SECCOMP_PROG_MAX (2 * TRACE_SYSCALL_MAX + 8)

static void put(struct sock_filter *prog, size_t *n, unsigned short code,
		unsigned char jt, unsigned char jf, unsigned k)
{
	prog[*n] = (struct sock_filter){ code, jt, jf, k };
	(*n)++;
}

int seccomp_build(const struct trace_syscall_set *set, struct sock_filter *prog,
		  size_t max)
{
	size_t n = 0, need = 7;

	for (long nr = 0; nr < TRACE_SYSCALL_MAX; nr++)
		need += trace_syscall_set_has(set, nr) ? 2 : 0;
	if (need > max)
		return -E2BIG;
	/* Another ABI (i386, x32) is not in our table: trace it all rather
	 * than miss a matching call. */
	put(prog, &n, BPF_LD | BPF_W | BPF_ABS, 0, 0,
	    offsetof(struct seccomp_data, arch));
	put(prog, &n, BPF_JMP | BPF_JEQ | BPF_K, 1, 0, AUDIT_ARCH_X86_64);
	put(prog, &n, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_TRACE);
	put(prog, &n, BPF_LD | BPF_W | BPF_ABS, 0, 0,
	    offsetof(struct seccomp_data, nr));
	put(prog, &n, BPF_JMP | BPF_JGE | BPF_K, 0, 1, X32_SYSCALL_BIT);
	put(prog, &n, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_TRACE);
	for (long nr = 0; nr < TRACE_SYSCALL_MAX; nr++) {
		if (!trace_syscall_set_has(set, nr))
			continue;
		put(prog, &n, BPF_JMP | BPF_JEQ | BPF_K, 0, 1, (unsigned)nr);
		put(prog, &n, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_TRACE);
	}
	put(prog, &n, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW);
	return (int)n;
}

int seccomp_install(const struct trace_syscall_set *set)
{
	static struct sock_filter prog[SECCOMP_PROG_MAX];
	struct sock_fprog fprog;
	int n = seccomp_build(set, prog, SECCOMP_PROG_MAX);

	if (n < 0)
		return n;
	fprog.len = (unsigned short)n;
	fprog.filter = prog;
	/* With CAP_SYS_ADMIN (root) no_new_privs is not needed, and it would
	 * stay for the whole tree: setuid programs and security transitions
	 * would stop working. Only without the privilege is it set. */
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog) == 0)
		return 0;
	if (errno != EACCES)
		return -errno;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return -errno;
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog) != 0)
		return -errno;
	return 0;
}
