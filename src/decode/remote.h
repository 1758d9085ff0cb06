/* Reading another process's memory without stopping it
 * (process_vm_readv), for the poll and select sets of a blocked thread. */
#ifndef DSCOPE_DECODE_REMOTE_H
#define DSCOPE_DECODE_REMOTE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Reads len bytes at addr of pid. Returns 0, or -errno (-EPERM when the
 * kernel does not allow it, -EFAULT for an unmapped address, -EIO when
 * only part could be read). */
int remote_read(pid_t pid, uint64_t addr, void *buf, size_t len);

#endif
