/* The one header shared by the eBPF program (bpf/trace.bpf.c) and its
 * loader (src/trace/ebpf.c): the record layout, the map sizes and the
 * flags. Both sides see the same fixed-size types. */
#ifndef DSCOPE_BPF_TRACE_H
#define DSCOPE_BPF_TRACE_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

/* Traced thread groups at once (attached, spawned and, with -f, their
 * descendants). */
#define DSCOPE_MAX_TGIDS 8192
/* The traced tgids' bitmap covers every pid there can be (PID_MAX_LIMIT
 * on 64-bit): 512 KiB. */
#define DSCOPE_TGID_WORDS ((4u << 20) / 64)
/* Syscall numbers the -e trace= bitmap covers (TRACE_SYSCALL_MAX). */
#define DSCOPE_SYSCALL_MAX 1024
#define DSCOPE_SYSCALL_WORDS (DSCOPE_SYSCALL_MAX / 64)
/* The ring buffer's default size (a power of two, in bytes); the loader
 * may change it (DSCOPE_EBPF_RINGBUF, for tests). */
#define DSCOPE_RINGBUF_DEFAULT (8u << 20)
/* A consumer is woken when this much is waiting; below it the loader
 * finds the records at its next poll timeout. */
#define DSCOPE_WAKEUP_BYTES (64u << 10)

enum dscope_rec_type {
	DSCOPE_REC_ENTER = 1, /* nr, args */
	DSCOPE_REC_EXIT, /* nr (orig_ax: -1 after rt_sigreturn), ret */
	DSCOPE_REC_FORK, /* a followed child: tgid is the child's, ret the parent's tgid */
	DSCOPE_REC_EXEC, /* ret: the tid that called execve */
	DSCOPE_REC_THREAD_EXIT, /* ret: the wait status; flags GROUP_DEAD */
	/* a signal delivered to tid: nr the signal, args its siginfo's
	 * code, errno, pid, uid, status */
	DSCOPE_REC_SIGNAL,
	/* tid stops with its group: nr the signal. At a stop signal's
	 * delivery, or at attach for a thread already stopped */
	DSCOPE_REC_GROUP_STOP,
	/* the group's leader took a new name (prctl PR_SET_NAME, exec):
	 * args[0..1] the 16 bytes of its comm */
	DSCOPE_REC_COMM,
};

enum dscope_rec_flags {
	DSCOPE_REC_COMPAT = 1 << 0, /* a syscall of another ABI (i386, x32) */
	DSCOPE_REC_GROUP_DEAD = 1 << 1, /* the last thread of its group */
};

/* The values of the tgids map. */
enum dscope_tgid_flags {
	DSCOPE_TGID_FOLLOW = 1 << 0, /* its children are traced too */
};

struct dscope_rec {
	__u16 type; /* enum dscope_rec_type */
	__u8 flags; /* enum dscope_rec_flags */
	__u8 ncaps; /* captured memory pieces, after the record */
	__s32 nr;
	__u32 tgid, tid;
	__u64 ktime_ns; /* bpf_ktime_get_ns: CLOCK_MONOTONIC */
	__s64 ret;
	__u64 args[6]; /* at entry only */
};

/* Memory captured with a call (src/decode/capture.h says what, per
 * syscall: the plan below). A record with ncaps pieces is followed by
 * their bytes, each padded to 8, then by ncaps struct dscope_cap; its
 * size is exact. */
struct dscope_cap {
	__u64 addr; /* DSCOPE_CAP_FD: the fd */
	__u32 len; /* bytes captured (a string's with its NUL) */
	__s16 err; /* 0, or why nothing was captured (-EFAULT: not paged in) */
	/* 0: memory; DSCOPE_CAP_FD | the file's S_IFMT bits: what the fd in
	 * addr is, as /proc/PID/fd/N reads ("/etc/passwd", "pipe:[1234]"),
	 * sent when it is not what the group's last record said; after a
	 * device's path (at the next multiple of 8), its __u64 i_rdev */
	__u16 info;
};

#define DSCOPE_CAP_FD 1
#define DSCOPE_FD_TARGET_MAX 4096 /* with its NUL */

/* After a socket's target (at the next multiple of 8): what it was, so
 * that one closed before its line is printed is still named as sock_diag
 * would have named it. */
#define DSCOPE_UNIX_PATH_MAX 108 /* sun_path */
struct dscope_sock {
	__u16 family, type, protocol;
	__u8 state, pad;
	__u64 peer_ino; /* a unix socket's other end, 0: none */
	/* listeners: connections waiting to be accepted, and the backlog */
	__u32 rqueue, wqueue;
	/* inet: addresses in network byte order, ports in host order */
	__u16 sport, dport;
	__u8 src[16], dst[16];
	/* unix: the bound names (sun_path bytes) of it and of its peer */
	__u16 path_len, peer_path_len;
	char path[DSCOPE_UNIX_PATH_MAX], peer_path[DSCOPE_UNIX_PATH_MAX];
	/* an accepted unix connection: the process that connected
	 * (SO_PEERCRED) and its name then; 0: not known */
	__u32 peer_pid;
	char peer_comm[16];
	__u8 pad2[4];
};

#define DSCOPE_CAP_PIECES 64 /* per record (a power of two) */
/* bytes of one piece at most: a power of two less one, the mask the
 * verifier sees lengths bounded by */
#define DSCOPE_CAP_PIECE_MAX 8191u
#define DSCOPE_CAP_DATA_MAX 16384u /* bytes of one record (a power of two) */
#define DSCOPE_CAP_IOV_MAX 16 /* buffers of an iovec array */
#define DSCOPE_CAP_STRV_MAX 32 /* strings of an argv array */
#define DSCOPE_CAP_NAME_MAX 128 /* a msghdr's sockaddr */
#define DSCOPE_CAP_CONTROL_MAX 512 /* a msghdr's control data */

/* The values of decode/capture.h, which ebpf.c checks are the same. */
enum dscope_cap_kind {
	DSCOPE_CAP_BYTES = 1,
	DSCOPE_CAP_STR,
	DSCOPE_CAP_IOV,
	DSCOPE_CAP_STRV,
	DSCOPE_CAP_MSGHDR,
};

enum dscope_cap_when { DSCOPE_CAP_ENTRY = 1, DSCOPE_CAP_EXIT = 2 };

enum dscope_cap_len {
	DSCOPE_LEN_CONST = 0,
	DSCOPE_LEN_ARG,
	DSCOPE_LEN_RET,
	DSCOPE_LEN_DEREF,
	DSCOPE_LEN_BITS,
	DSCOPE_LEN_PAGE,
};

struct dscope_region {
	__u8 arg, kind, when, len, len_arg, pad[3];
	__u32 size; /* bytes per unit of len */
	__u32 max; /* bytes at most (0: DSCOPE_CAP_PIECE_MAX) */
};

#define DSCOPE_PLAN_REGIONS 4

/* The values of the captures map, by syscall number. */
#define DSCOPE_POLL_FDS 16

/* The fd tables' generations (bss fd_gen): a slot per tgid modulo the
 * slots; the top bit: not to be trusted (io_uring). */
#define DSCOPE_FD_GEN_SLOTS 4096
#define DSCOPE_FD_GEN_NEVER (1ull << 63)

enum dscope_ret_fd {
	DSCOPE_RET_FD = 1, /* always (open, dup, accept4...) */
	DSCOPE_RET_FD_DUPFD = 2, /* fcntl: with F_DUPFD and F_DUPFD_CLOEXEC */
};

struct dscope_plan {
	__u32 n; /* regions */
	__u32 when; /* enum dscope_cap_when: of all the regions */
	struct dscope_region r[DSCOPE_PLAN_REGIONS];
	__u8 fd_args; /* bit i: args[i] is an fd (its target is sent) */
	__u8 ret_fd; /* enum dscope_ret_fd: when the return value is a new fd */
	/* entry regions that could not be read (a page not yet faulted in)
	 * are read again at exit, when the kernel has touched them; not
	 * for execve, whose memory is another program's by then */
	__u8 refetch;
	/* 1 + the argument where the call writes two new fds (pipe2,
	 * socketpair), 0: none */
	__u8 fd_pair_arg;
	/* of fd_args, those sent (always) as the call left them, at exit:
	 * connect, bind, listen, shutdown, timerfd_settime change them */
	__u8 fd_args_exit;
	/* args[0] is a pollfd array of args[1] entries (poll, ppoll): the
	 * first DSCOPE_POLL_FDS of its fds are named as arguments are */
	__u8 fd_poll;
	/* args[1..3] are fd_sets of args[0] fds (select, pselect6): their
	 * first DSCOPE_POLL_FDS fds below 64 are named as arguments are */
	__u8 fd_sets;
	/* args[1] is a msghdr whose SCM_RIGHTS messages bring new fds
	 * (recvmsg): the first DSCOPE_CMSG_FDS of each of its first
	 * DSCOPE_CMSGS messages are named at exit, as a result is */
	__u8 fd_cmsg;
};

#define DSCOPE_CMSGS 4
#define DSCOPE_CMSG_FDS 8

#endif
