#include "decode/syscall_table.h"

#include <stdio.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Indexed by syscall number; numbers the kernel never assigned stay NULL.
 * The array ends at the highest number, so its size is that number + 1. */
static const char *const x86_64_names[] = {
#include "arch/x86_64/syscall_names.inc"
};

struct syscall_arch_table {
	const char *const *names;
	long size;
};

/* Another arch: generate its syscall_names.inc, add an array above, an
 * enum value and a line here. */
static const struct syscall_arch_table arch_tables[] = {
	[SYSCALL_ARCH_X86_64] = { x86_64_names, ARRAY_SIZE(x86_64_names) },
};

static const struct syscall_arch_table *arch_table(enum syscall_arch arch)
{
	/* The enum may come from untrusted data (a saved trace): check it. */
	if ((size_t)arch >= ARRAY_SIZE(arch_tables))
		return NULL;
	return &arch_tables[arch];
}

const char *syscall_table_name(enum syscall_arch arch, long nr)
{
	const struct syscall_arch_table *t = arch_table(arch);

	/* nr comes straight from a register of the traced process. */
	if (!t || nr < 0 || nr >= t->size)
		return NULL;
	return t->names[nr];
}

const char *syscall_table_format(enum syscall_arch arch, long nr, char *buf,
				 size_t size)
{
	const char *name = syscall_table_name(arch, nr);

	if (name)
		return name;
	if (!buf || size == 0)
		return "syscall_unknown";
	snprintf(buf, size, "syscall_%ld", nr);
	return buf;
}

long syscall_table_lookup(enum syscall_arch arch, const char *name)
{
	const struct syscall_arch_table *t = arch_table(arch);

	/* Linear: a few hundred entries, and only used to parse filters. */
	if (!t || !name)
		return -1;
	for (long nr = 0; nr < t->size; nr++)
		if (t->names[nr] && strcmp(t->names[nr], name) == 0)
			return nr;
	return -1;
}

long syscall_table_size(enum syscall_arch arch)
{
	const struct syscall_arch_table *t = arch_table(arch);

	return t ? t->size : 0;
}

enum syscall_arch syscall_arch_native(void)
{
#if defined(__x86_64__) && !defined(__ILP32__)
	return SYSCALL_ARCH_X86_64;
#else
	/* x32 (__ILP32__) numbers its syscalls differently, too. */
#error "dscope has no syscall table for this architecture"
#endif
}
