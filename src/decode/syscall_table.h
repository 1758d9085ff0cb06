/* Syscall numbers and names per architecture, from the kernel's own
 * syscall_*.tbl (see scripts/gen-syscall-table). A tracer sees numbers; this
 * turns them into names and back. */
#ifndef DSCOPE_DECODE_SYSCALL_TABLE_H
#define DSCOPE_DECODE_SYSCALL_TABLE_H

#include <stddef.h>

enum syscall_arch { SYSCALL_ARCH_X86_64 };

/* Enough for syscall_table_format() to write any long: "syscall_" + sign +
 * 19 digits + NUL. */
#define SYSCALL_TABLE_BUF_SIZE 32

/* Name of syscall nr on arch, or NULL when the table has none. */
const char *syscall_table_name(enum syscall_arch arch, long nr);
/* Like syscall_table_name but never NULL: unknown numbers are written as
 * "syscall_NNN" into buf (truncated to size, see SYSCALL_TABLE_BUF_SIZE). */
const char *syscall_table_format(enum syscall_arch arch, long nr, char *buf,
				 size_t size);
/* Number of a syscall by name on arch, or -1 when unknown. */
long syscall_table_lookup(enum syscall_arch arch, const char *name);
/* Highest number in the table + 1 (0 for an unknown arch). */
long syscall_table_size(enum syscall_arch arch);
/* The arch this binary was built for. */
enum syscall_arch syscall_arch_native(void);

#endif
