#include "trace/ebpf_records.h"

#include <errno.h>
#include <string.h>

void pieces_begin(struct pieces *it, const struct dscope_rec *r, size_t size)
{
	size_t caps_bytes = (size_t)r->ncaps * sizeof(struct dscope_cap);

	memset(it, 0, sizeof(*it));
	it->r = r;
	it->data = (const unsigned char *)(r + 1);
	if (size < sizeof(*r) + caps_bytes)
		it->i = r->ncaps; /* nothing to walk */
	else
		it->data_len = size - sizeof(*r) - caps_bytes;
}

bool pieces_next(struct pieces *it, struct dscope_cap *c,
		 const unsigned char **bytes)
{
	if (it->i >= it->r->ncaps)
		return false;
	memcpy(c, it->data + it->data_len + it->i * sizeof(*c), sizeof(*c));
	if (c->len > it->data_len - it->off) {
		it->i = it->r->ncaps; /* malformed: trust no more of it */
		return false;
	}
	*bytes = it->data + it->off;
	it->off += ebpf_align8(c->len);
	if (it->off > it->data_len)
		it->off = it->data_len;
	it->i++;
	return true;
}

const unsigned char *record_memory_at(const struct dscope_rec *r, size_t size,
				      uint64_t addr, size_t *avail)
{
	const unsigned char *bytes, *best = NULL;
	struct dscope_cap c;
	struct pieces it;

	*avail = 0;
	for (pieces_begin(&it, r, size); pieces_next(&it, &c, &bytes);) {
		if (c.info || !c.len || addr < c.addr || addr - c.addr >= c.len)
			continue;
		if (c.len - (addr - c.addr) > *avail) {
			*avail = c.len - (size_t)(addr - c.addr);
			best = bytes + (addr - c.addr);
		}
	}
	return best;
}

bool record_has_faults(const struct dscope_rec *r, size_t size)
{
	const unsigned char *bytes;
	struct dscope_cap c;
	struct pieces it;

	for (pieces_begin(&it, r, size); pieces_next(&it, &c, &bytes);)
		if (!c.info && c.err == -EFAULT)
			return true;
	return false;
}

bool record_names_fd(const struct dscope_rec *r, size_t size, int fd)
{
	const unsigned char *bytes;
	struct dscope_cap c;
	struct pieces it;

	for (pieces_begin(&it, r, size); pieces_next(&it, &c, &bytes);)
		if (c.info & DSCOPE_CAP_FD && c.addr == (uint64_t)(uint32_t)fd)
			return true;
	return false;
}
