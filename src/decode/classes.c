#include "decode/classes.h"

#include <string.h>

#include "decode/decode.h"

static const char *const file_calls[] = {
	"open", "openat", "openat2", "creat", "stat", "lstat", "newfstatat",
	"statx", "access", "faccessat", "faccessat2", "readlink", "readlinkat",
	"unlink", "unlinkat", "mkdir", "mkdirat", "rmdir", "rename",
	"renameat", "renameat2", "chmod", "fchmodat", "fchmodat2", "chown",
	"lchown", "fchownat", "truncate", "chdir", "chroot", "execve",
	"execveat", "link", "linkat", "symlink", "symlinkat", "mknod",
	"mknodat", "utime", "utimes", "utimensat", "futimesat", "statfs",
	"getxattr", "lgetxattr", "setxattr", "lsetxattr", "listxattr",
	"llistxattr", "removexattr", "lremovexattr", "mount", "umount2",
	"swapon", "swapoff", "pivot_root", "acct", "inotify_add_watch",
	"fanotify_mark", "name_to_handle_at", "quotactl", "uselib",
	"open_tree", "move_mount", "mount_setattr", "getcwd", NULL,
};

static const char *const network_calls[] = {
	"socket", "socketpair", "bind", "connect", "listen", "accept",
	"accept4", "getsockname", "getpeername", "sendto", "recvfrom",
	"sendmsg", "recvmsg", "sendmmsg", "recvmmsg", "shutdown",
	"getsockopt", "setsockopt", NULL,
};

static const char *const process_calls[] = {
	"clone", "clone3", "fork", "vfork", "execve", "execveat", "exit",
	"exit_group", "wait4", "waitid", "kill", "tkill", "tgkill",
	"rt_sigqueueinfo", "rt_tgsigqueueinfo", "pidfd_open",
	"pidfd_send_signal", "pidfd_getfd", "unshare", "setns", NULL,
};

static const char *const signal_calls[] = {
	"rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "rt_sigpending",
	"rt_sigsuspend", "rt_sigtimedwait", "rt_sigqueueinfo",
	"rt_tgsigqueueinfo", "kill", "tkill", "tgkill", "sigaltstack", "pause",
	"signalfd", "signalfd4", "pidfd_send_signal", NULL,
};

static const char *const ipc_calls[] = {
	"msgget", "msgsnd", "msgrcv", "msgctl", "semget", "semop", "semctl",
	"semtimedop", "shmget", "shmat", "shmctl", "shmdt", NULL,
};

static const char *const memory_calls[] = {
	"brk", "mmap", "munmap", "mprotect", "mremap", "madvise", "mlock",
	"mlock2", "munlock", "mlockall", "munlockall", "mincore", "msync",
	"remap_file_pages", "mbind", "set_mempolicy", "get_mempolicy",
	"migrate_pages", "move_pages", "pkey_mprotect", "process_madvise",
	"memfd_secret", "map_shadow_stack", "mseal", NULL,
};

static bool listed(const char *const *list, const char *name)
{
	for (; *list; list++)
		if (strcmp(*list, name) == 0)
			return true;
	return false;
}

static bool takes_fd(const char *name)
{
	const struct syscall_spec *s = decode_spec(name);

	if (!s)
		return false;
	if (s->ret == RET_FD)
		return true;
	for (int i = 0; i < 6; i++)
		if (s->args[i].kind == ARG_FD || s->args[i].kind == ARG_DIRFD)
			return true;
	return false;
}

static const struct {
	const char *name;
	const char *const *calls;
} classes[] = {
	{ "file", file_calls },	      { "network", network_calls },
	{ "net", network_calls },     { "process", process_calls },
	{ "signal", signal_calls },   { "ipc", ipc_calls },
	{ "memory", memory_calls },   { "desc", NULL },
};

int syscall_class_has(const char *cls, const char *name)
{
	for (size_t i = 0; i < sizeof(classes) / sizeof(*classes); i++) {
		if (strcmp(classes[i].name, cls) != 0)
			continue;
		if (!classes[i].calls)
			return takes_fd(name);
		return listed(classes[i].calls, name);
	}
	return -1;
}

const char *syscall_class_names(void)
{
	return "%file, %network, %process, %signal, %ipc, %desc, %memory";
}
