/* The tables of syscall families (decode/sys_*.c), joined in decode.c. */
#ifndef DSCOPE_DECODE_FAMILIES_H
#define DSCOPE_DECODE_FAMILIES_H

#include "decode/capture.h"
#include "decode/decode.h"

/* The tables leave trailing members out ({ "fd", ARG_FD }): that is
 * their point, not a mistake. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

/* read, write, close, lseek, dup*, pipe2, sendfile, splice, ... */
extern const struct syscall_spec decode_family_io[];
/* open*, stat family, chdir, umask, access, unlink, ... */
extern const struct syscall_spec decode_family_file[];
/* fcntl, by command */
extern const struct syscall_spec decode_family_fcntl[];
/* ioctl: terminal and FIO* requests */
extern const struct syscall_spec decode_family_ioctl[];
/* socket, bind, connect, accept4, send*, recv*, sockopts, shutdown */
extern const struct syscall_spec decode_family_net[];
/* epoll_*, poll, ppoll, select, pselect6 */
extern const struct syscall_spec decode_family_poll[];
/* clone*, fork, execve*, exit*, wait4, waitid, setsid, prctl, pidfd_* */
extern const struct syscall_spec decode_family_process[];
/* prctl, arch_prctl */
extern const struct syscall_spec decode_family_prctl[];
/* kill, tgkill, rt_sig* */
extern const struct syscall_spec decode_family_signal[];
/* mmap, munmap, mprotect, brk, madvise */
extern const struct syscall_spec decode_family_memory[];
/* eventfd2, timerfd_*, signalfd4, inotify_*, memfd_create */
extern const struct syscall_spec decode_family_fdkinds[];
/* futex, nanosleep, clock_*, getrandom, getpid & co */
extern const struct syscall_spec decode_family_misc[];

/* Each family's capture shapes (decode/capture.h): what its decoder
 * functions read, for backends that capture memory while the call runs.
 * Each ends with { NULL }. */
extern const struct capture_shape decode_shapes_io[];
extern const struct capture_shape decode_shapes_file[];
extern const struct capture_shape decode_shapes_fcntl[];
extern const struct capture_shape decode_shapes_ioctl[];
extern const struct capture_shape decode_shapes_net[];
extern const struct capture_shape decode_shapes_poll[];
extern const struct capture_shape decode_shapes_process[];
extern const struct capture_shape decode_shapes_prctl[];
extern const struct capture_shape decode_shapes_signal[];
extern const struct capture_shape decode_shapes_memory[];
extern const struct capture_shape decode_shapes_fdkinds[];
extern const struct capture_shape decode_shapes_misc[];

/* The int[2] of pipe2 and socketpair, at exit, both fds named. */
void decode_out_fd_pair(struct decode_call *c, struct dout *o,
			const char *key, uint64_t v);
/* An int the kernel wrote: "[5]" (a signal's name when signal). */
void decode_put_out_int(struct decode_call *c, struct dout *o, const char *key,
			uint64_t v, bool signal);
/* Open flags as strace writes them: "O_RDONLY|O_CLOEXEC" (sys_file.c). */
void decode_join_open_flags(struct strbuf *sb, uint64_t flags);
void decode_put_open_flags(struct dout *o, const char *key, uint64_t flags);

#endif
