/* Family "memory" (see families.h): mappings (mmap, munmap, mprotect,
 * mremap, brk), advice (madvise), syncing (msync), locking (mlock* &
 * co) and residency (mincore). */
#include <sys/mman.h>

#include "decode/families.h"

#define PAGE_ 4096u
/* Bytes of mincore's vector read at most (and shown up to -s). */
#define VEC_MAX 4096u

static const struct flag_name prot_flags[] = {
	{ PROT_READ, "PROT_READ" },
	{ PROT_WRITE, "PROT_WRITE" },
	{ PROT_EXEC, "PROT_EXEC" },
	{ 0x8, "PROT_SEM" },
	{ PROT_GROWSDOWN, "PROT_GROWSDOWN" },
	{ PROT_GROWSUP, "PROT_GROWSUP" },
	{ 0, NULL },
};

/* The kernel's values on x86_64; strace's order. */
#define MAP_TYPE_	0xfu
#define MAP_HUGE_SHIFT_ 26
#define MAP_HUGE_MASK_	0x3fu

static const struct flag_name map_types[] = {
	{ 0, "MAP_FILE" },    { 1, "MAP_SHARED" },
	{ 2, "MAP_PRIVATE" }, { 3, "MAP_SHARED_VALIDATE" },
	{ 0, NULL },
};

static const struct flag_name map_flags[] = {
	{ 0x10, "MAP_FIXED" },
	{ 0x20, "MAP_ANONYMOUS" },
	{ 0x40, "MAP_32BIT" },
	{ 0x4000, "MAP_NORESERVE" },
	{ 0x8000, "MAP_POPULATE" },
	{ 0x10000, "MAP_NONBLOCK" },
	{ 0x100, "MAP_GROWSDOWN" },
	{ 0x800, "MAP_DENYWRITE" },
	{ 0x1000, "MAP_EXECUTABLE" },
	{ 0x2000, "MAP_LOCKED" },
	{ 0x20000, "MAP_STACK" },
	{ 0x40000, "MAP_HUGETLB" },
	{ 0x80000, "MAP_SYNC" },
	{ 0x100000, "MAP_FIXED_NOREPLACE" },
	{ 0, NULL },
};

static const struct flag_name mremap_flags[] = {
	{ 1, "MREMAP_MAYMOVE" },
	{ 2, "MREMAP_FIXED" },
	{ 4, "MREMAP_DONTUNMAP" },
	{ 0, NULL },
};

static const struct flag_name madv_advice[] = {
	{ 0, "MADV_NORMAL" },	       { 1, "MADV_RANDOM" },
	{ 2, "MADV_SEQUENTIAL" },      { 3, "MADV_WILLNEED" },
	{ 4, "MADV_DONTNEED" },	       { 8, "MADV_FREE" },
	{ 9, "MADV_REMOVE" },	       { 10, "MADV_DONTFORK" },
	{ 11, "MADV_DOFORK" },	       { 12, "MADV_MERGEABLE" },
	{ 13, "MADV_UNMERGEABLE" },    { 14, "MADV_HUGEPAGE" },
	{ 15, "MADV_NOHUGEPAGE" },     { 16, "MADV_DONTDUMP" },
	{ 17, "MADV_DODUMP" },	       { 18, "MADV_WIPEONFORK" },
	{ 19, "MADV_KEEPONFORK" },     { 20, "MADV_COLD" },
	{ 21, "MADV_PAGEOUT" },	       { 22, "MADV_POPULATE_READ" },
	{ 23, "MADV_POPULATE_WRITE" }, { 24, "MADV_DONTNEED_LOCKED" },
	{ 25, "MADV_COLLAPSE" },       { 100, "MADV_HWPOISON" },
	{ 101, "MADV_SOFT_OFFLINE" },  { 102, "MADV_GUARD_INSTALL" },
	{ 103, "MADV_GUARD_REMOVE" },  { 0, NULL },
};

static const struct flag_name msync_flags[] = {
	{ MS_ASYNC, "MS_ASYNC" },
	{ MS_INVALIDATE, "MS_INVALIDATE" },
	{ MS_SYNC, "MS_SYNC" },
	{ 0, NULL },
};

static const struct flag_name mlockall_flags[] = {
	{ 1, "MCL_CURRENT" },
	{ 2, "MCL_FUTURE" },
	{ 4, "MCL_ONFAULT" },
	{ 0, NULL },
};

static const struct flag_name mlock2_flags[] = {
	{ 1, "MLOCK_ONFAULT" },
	{ 0, NULL },
};

/* PROT_NONE for no bits, as strace shows it. */
static void in_prot(struct decode_call *c, struct dout *o, const char *key,
		    uint64_t v)
{
	(void)c;
	v = (uint32_t)v;
	if (v == 0)
		dout_flags_text(o, key, "PROT_NONE");
	else
		dout_flags(o, key, v, prot_flags);
}

/* The mapping type first (MAP_PRIVATE), then the flags, unknown bits in
 * hex, and the huge page size last: MAP_PRIVATE|MAP_ANONYMOUS|
 * MAP_HUGETLB|21<<MAP_HUGE_SHIFT. */
static void in_map_flags(struct decode_call *c, struct dout *o, const char *key,
			 uint64_t v)
{
	uint32_t flags = (uint32_t)v, type = flags & MAP_TYPE_;
	uint32_t huge = (flags >> MAP_HUGE_SHIFT_) & MAP_HUGE_MASK_;
	uint32_t rest =
		flags & ~MAP_TYPE_ & ~(MAP_HUGE_MASK_ << MAP_HUGE_SHIFT_);
	const char *name = dout_enum_name(type, map_types);
	struct strbuf sb = STRBUF_INIT;

	(void)c;
	if (name)
		strbuf_adds(&sb, name);
	else if (o->mode == DOUT_TEXT)
		strbuf_addf(&sb, "%#x /* MAP_??? */", type);
	else
		strbuf_addf(&sb, "%#x", type);
	if (rest) {
		strbuf_addc(&sb, '|');
		dout_join_flags(&sb, rest, map_flags);
	}
	if (huge)
		strbuf_addf(&sb, "|%u<<MAP_HUGE_SHIFT", huge);
	dout_flags_text(o, key, strbuf_str(&sb));
	strbuf_release(&sb);
}

/* mremap's new_address counts only with MREMAP_FIXED. */
static void in_new_address(struct decode_call *c, struct dout *o,
			   const char *key, uint64_t v)
{
	if (c->args[3] & 2)
		dout_ptr(o, key, v);
}

static void in_advice(struct decode_call *c, struct dout *o, const char *key,
		      uint64_t v)
{
	(void)c;
	decode_put_xlat(o, key, (uint32_t)v, madv_advice, "MADV_???");
}

/* mincore's vector: one byte a page, shown up to -s. */
static void out_vec(struct decode_call *c, struct dout *o, const char *key,
		    uint64_t v)
{
	uint64_t pages = c->args[1] / PAGE_ + (c->args[1] % PAGE_ != 0);
	size_t shown = pages < c->strsize ? (size_t)pages : c->strsize;
	unsigned char vec[VEC_MAX];

	if (shown > sizeof(vec))
		shown = sizeof(vec);
	if (c->ret < 0 || !v || decode_read(c, v, vec, shown) != 0) {
		dout_ptr(o, key, v);
		return;
	}
	dout_begin_array(o, key);
	for (size_t i = 0; i < shown; i++)
		dout_uint(o, NULL, vec[i]);
	if (pages > shown)
		dout_more(o);
	dout_end_array(o);
}

/* One line a syscall. */
/* clang-format off */
const struct syscall_spec decode_family_memory[] = {
	{ "mmap", RET_HEX, { { "addr", ARG_PTR }, { "length", ARG_UINT }, { "prot", ARG_IN, in_prot }, { "flags", ARG_IN, in_map_flags }, { "fd", ARG_FD }, { "offset", ARG_HEX } } },
	{ "munmap", RET_INT, { { "addr", ARG_PTR }, { "length", ARG_UINT } } },
	{ "mprotect", RET_INT, { { "addr", ARG_PTR }, { "length", ARG_UINT }, { "prot", ARG_IN, in_prot } } },
	{ "pkey_mprotect", RET_INT, { { "addr", ARG_PTR }, { "length", ARG_UINT }, { "prot", ARG_IN, in_prot }, { "pkey", ARG_INT } } },
	{ "mremap", RET_HEX, { { "old_address", ARG_PTR }, { "old_size", ARG_UINT }, { "new_size", ARG_UINT }, { "flags", ARG_FLAGS, mremap_flags }, { "new_address", ARG_IN, in_new_address } } },
	{ "brk", RET_HEX, { { "addr", ARG_PTR } } },
	{ "madvise", RET_INT, { { "addr", ARG_PTR }, { "length", ARG_UINT }, { "advice", ARG_IN, in_advice } } },
	{ "msync", RET_INT, { { "addr", ARG_PTR }, { "length", ARG_UINT }, { "flags", ARG_FLAGS, msync_flags } } },
	{ "mlock", RET_INT, { { "addr", ARG_PTR }, { "length", ARG_UINT } } },
	{ "mlock2", RET_INT, { { "addr", ARG_PTR }, { "length", ARG_UINT }, { "flags", ARG_FLAGS, mlock2_flags } } },
	{ "munlock", RET_INT, { { "addr", ARG_PTR }, { "length", ARG_UINT } } },
	{ "mlockall", RET_INT, { { "flags", ARG_FLAGS, mlockall_flags } } },
	{ "munlockall", RET_INT },
	{ "mincore", RET_INT, { { "addr", ARG_PTR }, { "length", ARG_UINT }, { "vec", ARG_OUT, out_vec } } },
	{ NULL },
};

/* What the decoders above read (decode/capture.h), for backends that
 * capture it while the call runs. */
const struct capture_shape decode_shapes_memory[] = {
	/* a byte a page, -s shown: length bytes is never fewer than its
	 * pages (it may read past a short vector) */
	{ (const void *)out_vec, { { CAPTURE_SELF, CAPTURE_BYTES, CAPTURE_EXIT, CAPTURE_LEN_ARG, 1, 1, CAPTURE_STRSIZE } } },
	{ NULL },
};
/* clang-format on */
