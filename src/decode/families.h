/* The tables of syscall families (decode/sys_*.c), joined in decode.c. */
#ifndef DSCOPE_DECODE_FAMILIES_H
#define DSCOPE_DECODE_FAMILIES_H

#include "decode/decode.h"

/* The tables leave trailing members out ({ "fd", ARG_FD }): that is
 * their point, not a mistake. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

/* read, write, close, lseek, dup*, pipe2, sendfile, splice, ... */
extern const struct syscall_spec decode_family_io[];
/* open*, stat family, fcntl, ioctl, chdir, umask, access, unlink, ... */
extern const struct syscall_spec decode_family_file[];
/* socket, bind, connect, accept4, send*, recv*, sockopts, shutdown */
extern const struct syscall_spec decode_family_net[];
/* epoll_*, poll, ppoll, select, pselect6 */
extern const struct syscall_spec decode_family_poll[];
/* clone*, fork, execve*, exit*, wait4, waitid, setsid, prctl, pidfd_* */
extern const struct syscall_spec decode_family_process[];
/* kill, tgkill, rt_sig* */
extern const struct syscall_spec decode_family_signal[];
/* mmap, munmap, mprotect, brk, madvise */
extern const struct syscall_spec decode_family_memory[];
/* eventfd2, timerfd_*, signalfd4, inotify_*, memfd_create */
extern const struct syscall_spec decode_family_fdkinds[];
/* futex, nanosleep, clock_*, getrandom, getpid & co */
extern const struct syscall_spec decode_family_misc[];

#endif
