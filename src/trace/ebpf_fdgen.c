/* The fd-table generations of bpf/trace.bpf.c (fd_gen): which calls
 * leave an fd table alone, and the groups whose fds cannot be trusted to
 * change by calls only. */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "decode/syscall_table.h"
#include "trace/ebpf_backend.h"

/* The calls that never add, remove or replace an fd of the caller's
 * table: after them the program trusts what it saw of the fds (fd_gen in
 * bpf/trace.bpf.c). Not read (a fanotify or userfaultfd fd's events
 * bring new fds), recvmsg (SCM_RIGHTS), ioctl, fcntl, getsockopt
 * (SO_PEERPIDFD), nor anything unlisted. */
static const char *const fd_keepers[] = {
	"write", "pwrite64", "writev", "pwritev", "pwritev2",
	"sendto", "sendmsg", "sendmmsg", "recvfrom",
	"epoll_wait", "epoll_pwait", "epoll_pwait2", "epoll_ctl",
	"poll", "ppoll", "select", "pselect6",
	"getpid", "getppid", "gettid", "getuid", "geteuid", "getgid",
	"getegid", "clock_gettime", "gettimeofday", "time", "nanosleep",
	"clock_nanosleep", "sched_yield", "futex", "getrandom",
	"lseek", "fstat", "newfstatat", "statx", "fsync", "fdatasync",
	"flock", "ftruncate", "fallocate", "fadvise64",
	"sendfile", "splice", "tee", "copy_file_range",
	"mmap", "munmap", "mprotect", "madvise", "mremap", "brk",
	"rt_sigprocmask", "rt_sigaction", "kill", "tgkill", "wait4", "waitid",
	"connect", "bind", "listen", "shutdown", "setsockopt", "getsockname",
	"getpeername", "timerfd_settime", "timerfd_gettime",
};

void ebpf_fd_gen_configure(struct eb_backend *b, bool kept)
{
	enum syscall_arch arch = syscall_arch_native();

	memset(b->skel->bss->fd_keepers, 0, sizeof(b->skel->bss->fd_keepers));
	for (size_t i = 0; i < sizeof(fd_keepers) / sizeof(*fd_keepers); i++) {
		long nr = syscall_table_lookup(arch, fd_keepers[i]);

		if (nr >= 0 && nr < DSCOPE_SYSCALL_MAX)
			b->skel->bss->fd_keepers[nr / 64] |= 1ull << (nr % 64);
	}
	b->skel->bss->fd_gen_on = kept;
}

/* Whether the group holds an io_uring fd: its requests may open and
 * close fds with no call at all (a ring polled by the kernel's thread). */
static bool holds_io_uring(pid_t tgid)
{
	static const char ring[] = "anon_inode:[io_uring]";
	char dir[32], target[sizeof(ring) + 1];
	struct dirent *e;
	bool found = false;
	DIR *d;

	snprintf(dir, sizeof(dir), "/proc/%d/fd", (int)tgid);
	d = opendir(dir);
	if (!d)
		return false;
	while (!found && (e = readdir(d)) != NULL) {
		ssize_t len = readlinkat(dirfd(d), e->d_name, target,
					 sizeof(target));

		found = len == (ssize_t)strlen(ring) &&
			memcmp(target, ring, strlen(ring)) == 0;
	}
	closedir(d);
	return found;
}

void ebpf_fd_gen_group(struct eb_backend *b, pid_t tgid)
{
	__u64 *slot = &b->skel->bss->fd_gen[(__u32)tgid % DSCOPE_FD_GEN_SLOTS];

	__atomic_fetch_add(slot, 1, __ATOMIC_SEQ_CST);
	if (holds_io_uring(tgid))
		__atomic_fetch_or(slot, DSCOPE_FD_GEN_NEVER, __ATOMIC_SEQ_CST);
}
