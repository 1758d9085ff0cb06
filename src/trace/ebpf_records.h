/* Reading a record of the eBPF program (bpf/trace.h): the pieces it
 * carries after its header, memory the decoders read and fds as the call
 * saw them. Records come from the kernel: every length is checked. */
#ifndef DSCOPE_TRACE_EBPF_RECORDS_H
#define DSCOPE_TRACE_EBPF_RECORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trace.h"

static inline size_t ebpf_align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* Walks the pieces of a record of size bytes: each one and its bytes,
 * until the end or anything malformed.
 *   for (pieces_begin(&it, r, size); pieces_next(&it, &c, &bytes);) */
struct pieces {
	const struct dscope_rec *r;
	const unsigned char *data;
	size_t data_len, off;
	unsigned i;
};

void pieces_begin(struct pieces *it, const struct dscope_rec *r, size_t size);
bool pieces_next(struct pieces *it, struct dscope_cap *c,
		 const unsigned char **bytes);

/* The captured memory holding addr, and in *avail how many bytes of it
 * from addr (the piece with the most: a struct may be captured twice,
 * whole and its first field); NULL when none holds it. */
const unsigned char *record_memory_at(const struct dscope_rec *r, size_t size,
				      uint64_t addr, size_t *avail);
/* Whether a piece of the record's memory found its page not present. */
bool record_has_faults(const struct dscope_rec *r, size_t size);
/* Whether the record says what fd is (it changed at this call). */
bool record_names_fd(const struct dscope_rec *r, size_t size, int fd);

#endif
