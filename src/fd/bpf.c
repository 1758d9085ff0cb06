/* BPF objects held by fds: maps ("anon_inode:bpf-map"), programs
 * ("anon_inode:bpf-prog"), links ("anon_inode:bpf_link"), and iterators,
 * BTF and tokens shown by name.
 *
 * fdinfo on Linux 6.18:
 *
 *	map_type:	2		prog_type:	1
 *	key_size:	4		prog_jited:	1
 *	value_size:	8		prog_tag:	59f4a931744dcdc6
 *	max_entries:	16		memlock:	4096
 *	map_flags:	0x0		prog_id:	97
 *	map_extra:	0x0		run_time_ns:	0
 *	memlock:	440		run_cnt:	0
 *	map_id:	25			...
 *	frozen:	0
 *
 *	link_type:	raw_tracepoint
 *	link_id:	89
 *	prog_tag:	59f4a931744dcdc6
 *	prog_id:	99
 *	tp_name:	sched_switch
 *
 * map_flags is hex with "0x", prog_tag 16 hex digits without, the link
 * type a name (the kernel writes "<N>" for a type it has no name for);
 * the rest decimal. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "fd/anon_parse.h"
#include "fd/fd.h"
#include "proc/link.h"

/* enum bpf_map_type (uapi/linux/bpf.h) */
static const char *const map_types[] = {
	[1] = "hash",
	[2] = "array",
	[3] = "prog_array",
	[4] = "perf_event_array",
	[5] = "percpu_hash",
	[6] = "percpu_array",
	[7] = "stack_trace",
	[8] = "cgroup_array",
	[9] = "lru_hash",
	[10] = "lru_percpu_hash",
	[11] = "lpm_trie",
	[12] = "array_of_maps",
	[13] = "hash_of_maps",
	[14] = "devmap",
	[15] = "sockmap",
	[16] = "cpumap",
	[17] = "xskmap",
	[18] = "sockhash",
	[19] = "cgroup_storage",
	[20] = "reuseport_sockarray",
	[21] = "percpu_cgroup_storage",
	[22] = "queue",
	[23] = "stack",
	[24] = "sk_storage",
	[25] = "devmap_hash",
	[26] = "struct_ops",
	[27] = "ringbuf",
	[28] = "inode_storage",
	[29] = "task_storage",
	[30] = "bloom_filter",
	[31] = "user_ringbuf",
	[32] = "cgrp_storage",
	[33] = "arena",
};

/* enum bpf_prog_type */
static const char *const prog_types[] = {
	[1] = "socket_filter",
	[2] = "kprobe",
	[3] = "sched_cls",
	[4] = "sched_act",
	[5] = "tracepoint",
	[6] = "xdp",
	[7] = "perf_event",
	[8] = "cgroup_skb",
	[9] = "cgroup_sock",
	[10] = "lwt_in",
	[11] = "lwt_out",
	[12] = "lwt_xmit",
	[13] = "sock_ops",
	[14] = "sk_skb",
	[15] = "cgroup_device",
	[16] = "sk_msg",
	[17] = "raw_tracepoint",
	[18] = "cgroup_sock_addr",
	[19] = "lwt_seg6local",
	[20] = "lirc_mode2",
	[21] = "sk_reuseport",
	[22] = "flow_dissector",
	[23] = "cgroup_sysctl",
	[24] = "raw_tracepoint_writable",
	[25] = "cgroup_sockopt",
	[26] = "tracing",
	[27] = "struct_ops",
	[28] = "ext",
	[29] = "lsm",
	[30] = "sk_lookup",
	[31] = "syscall",
	[32] = "netfilter",
};

#define N_ELEMS(a) (sizeof(a) / sizeof(*(a)))

const char *bpf_map_type_name(uint64_t type)
{
	return type < N_ELEMS(map_types) ? map_types[type] : NULL;
}

const char *bpf_prog_type_name(uint64_t type)
{
	return type < N_ELEMS(prog_types) ? prog_types[type] : NULL;
}

enum bpf_object bpf_object_of(const char *name, size_t len)
{
	if (len == 7 && memcmp(name, "bpf-map", 7) == 0)
		return BPF_OBJECT_MAP;
	if (len == 8 && memcmp(name, "bpf-prog", 8) == 0)
		return BPF_OBJECT_PROG;
	if (len == 8 && memcmp(name, "bpf_link", 8) == 0)
		return BPF_OBJECT_LINK;
	return BPF_OBJECT_OTHER;
}

/* The value of key when it is a word of [a-z0-9_<>] that fits in out
 * (size bytes with the NUL); 0 absent, 1 copied, -EINVAL otherwise. */
static int key_word(const char *buf, const char *end, const char *key,
		    char *out, size_t size, bool hex)
{
	const char *eol, *p = anon_key(buf, end, key, &eol), *q;
	size_t n;

	if (!p)
		return 0;
	for (q = p; q < eol && *q != ' ' && *q != '\t'; q++) {
		char c = *q;
		bool ok = hex ? (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')
			      : (c >= 'a' && c <= 'z') ||
					  (c >= '0' && c <= '9') || c == '_' ||
					  c == '<' || c == '>';

		if (!ok)
			return -EINVAL;
	}
	n = (size_t)(q - p);
	if (!n || n >= size || parse_skip_blanks(q, eol) != eol)
		return -EINVAL;
	memcpy(out, p, n);
	out[n] = '\0';
	return 1;
}

int bpf_fdinfo_parse(const char *buf, size_t len, enum bpf_object object,
		     struct bpf_fd_info *b)
{
	const char *end = buf + len;
	int r[6];

	memset(b, 0, sizeof(*b));
	b->object = object;
	switch (object) {
	case BPF_OBJECT_MAP:
		r[0] = anon_key_opt_u64(buf, end, "map_type", 10, &b->map_type);
		r[1] = anon_key_opt_u64(buf, end, "key_size", 10, &b->key_size);
		r[2] = anon_key_opt_u64(buf, end, "value_size", 10,
					&b->value_size);
		r[3] = anon_key_opt_u64(buf, end, "max_entries", 10,
					&b->max_entries);
		r[4] = anon_key_opt_u64(buf, end, "map_flags", 16,
					&b->map_flags);
		r[5] = anon_key_opt_u64(buf, end, "map_id", 10, &b->map_id);
		for (int i = 0; i < 6; i++)
			if (r[i] < 0)
				return -EINVAL;
		b->has_map_type = r[0];
		b->has_sizes = r[1] && r[2] && r[3] && r[4];
		b->has_map_id = r[5];
		return b->has_map_type ? 0 : -EINVAL;
	case BPF_OBJECT_PROG:
	case BPF_OBJECT_LINK:
		r[0] = anon_key_opt_u64(buf, end, "prog_type", 10,
					&b->prog_type);
		r[1] = anon_key_opt_u64(buf, end, "prog_id", 10, &b->prog_id);
		r[2] = key_word(buf, end, "prog_tag", b->prog_tag,
				sizeof(b->prog_tag), true);
		r[3] = key_word(buf, end, "link_type", b->link_type,
				sizeof(b->link_type), false);
		r[4] = anon_key_opt_u64(buf, end, "link_id", 10, &b->link_id);
		for (int i = 0; i < 5; i++)
			if (r[i] < 0)
				return -EINVAL;
		b->has_prog_type = r[0];
		b->has_prog_id = r[1];
		b->has_link_id = r[4];
		if (object == BPF_OBJECT_PROG)
			return b->has_prog_type ? 0 : -EINVAL;
		return r[3] == 1 ? 0 : -EINVAL;
	case BPF_OBJECT_OTHER:
		break;
	}
	return 0;
}

static const char *anon_name(const struct fd *fd, size_t *len)
{
	int n = 0;
	const char *name =
		fd->target ? proc_link_anon_name(fd->target, &n) : NULL;

	*len = name ? (size_t)n : 0;
	return name;
}

static bool probe_bpf(const struct fd *fd)
{
	size_t len;
	const char *name = anon_name(fd, &len);

	return name && ((len >= 3 && memcmp(name, "bpf", 3) == 0) ||
			(len == 3 && memcmp(name, "btf", 3) == 0));
}

static int parse_bpf(struct fd *fd, const char *extra, size_t len)
{
	struct bpf_fd_info *b = xmalloc(sizeof(*b));
	size_t nlen;
	const char *name = anon_name(fd, &nlen);
	int err = bpf_fdinfo_parse(
		extra, len, name ? bpf_object_of(name, nlen) : BPF_OBJECT_OTHER,
		b);

	if (err) {
		free(b);
		return err;
	}
	fd->priv = b;
	return 0;
}

static void put_type(struct strbuf *out, const char *name, uint64_t type)
{
	if (name)
		strbuf_adds(out, name);
	else
		strbuf_addf(out, "type %llu", (unsigned long long)type);
}

static enum bpf_object object_of(const struct fd *fd)
{
	size_t len;
	const char *name = anon_name(fd, &len);

	if (fd->priv)
		return ((const struct bpf_fd_info *)fd->priv)->object;
	return name ? bpf_object_of(name, len) : BPF_OBJECT_OTHER;
}

static void describe_bpf(const struct fd *fd, struct snapshot *snap,
			 struct strbuf *out)
{
	const struct bpf_fd_info *b = fd->priv;
	size_t len;
	const char *name = anon_name(fd, &len);

	(void)snap;
	switch (object_of(fd)) {
	case BPF_OBJECT_MAP:
		strbuf_adds(out, "bpf map");
		if (!b)
			return;
		strbuf_addc(out, ' ');
		put_type(out, bpf_map_type_name(b->map_type), b->map_type);
		if (b->has_map_id)
			strbuf_addf(out, " (id %llu)",
				    (unsigned long long)b->map_id);
		return;
	case BPF_OBJECT_PROG:
		strbuf_adds(out, "bpf prog");
		if (!b)
			return;
		strbuf_addc(out, ' ');
		put_type(out, bpf_prog_type_name(b->prog_type), b->prog_type);
		if (b->has_prog_id)
			strbuf_addf(out, " (id %llu)",
				    (unsigned long long)b->prog_id);
		return;
	case BPF_OBJECT_LINK:
		strbuf_adds(out, "bpf link");
		if (!b)
			return;
		strbuf_addf(out, " %s", b->link_type);
		if (b->has_link_id && b->has_prog_id)
			strbuf_addf(out, " (id %llu, prog %llu)",
				    (unsigned long long)b->link_id,
				    (unsigned long long)b->prog_id);
		else if (b->has_link_id)
			strbuf_addf(out, " (id %llu)",
				    (unsigned long long)b->link_id);
		return;
	case BPF_OBJECT_OTHER:
		break;
	}
	if (name && len == 8 && memcmp(name, "bpf_iter", 8) == 0) {
		strbuf_adds(out, "bpf iterator");
	} else if (name && len == 3 && memcmp(name, "btf", 3) == 0) {
		strbuf_adds(out, "bpf btf");
	} else if (name) {
		strbuf_adds(out, "bpf ");
		fd_put_escaped(out, name, len);
	} else {
		strbuf_adds(out, "bpf");
	}
}

static void emit_type(struct sink *s, const char *key, const char *id_key,
		      const char *name, bool has, uint64_t type)
{
	sink_cstr(s, key, has ? name : NULL);
	if (has)
		sink_u64(s, id_key, type);
	else
		sink_null(s, id_key);
}

static void emit_opt(struct sink *s, const char *key, bool has, uint64_t v)
{
	if (has)
		sink_u64(s, key, v);
	else
		sink_null(s, key);
}

static void emit_bpf(const struct fd *fd, struct snapshot *snap, struct sink *s)
{
	static const struct bpf_fd_info none; /* all unknown */
	const struct bpf_fd_info *b = fd->priv ? fd->priv : &none;
	size_t len;
	const char *name = anon_name(fd, &len);

	(void)snap;
	switch (object_of(fd)) {
	case BPF_OBJECT_MAP:
		sink_cstr(s, "object", "map");
		emit_type(s, "map_type", "map_type_id",
			  bpf_map_type_name(b->map_type), b->has_map_type,
			  b->map_type);
		emit_opt(s, "key_size", b->has_sizes, b->key_size);
		emit_opt(s, "value_size", b->has_sizes, b->value_size);
		emit_opt(s, "max_entries", b->has_sizes, b->max_entries);
		emit_opt(s, "map_flags", b->has_sizes, b->map_flags);
		emit_opt(s, "map_id", b->has_map_id, b->map_id);
		return;
	case BPF_OBJECT_PROG:
		sink_cstr(s, "object", "prog");
		emit_type(s, "prog_type", "prog_type_id",
			  bpf_prog_type_name(b->prog_type), b->has_prog_type,
			  b->prog_type);
		sink_cstr(s, "prog_tag", b->prog_tag[0] ? b->prog_tag : NULL);
		emit_opt(s, "prog_id", b->has_prog_id, b->prog_id);
		return;
	case BPF_OBJECT_LINK:
		sink_cstr(s, "object", "link");
		sink_cstr(s, "link_type",
			  b->link_type[0] ? b->link_type : NULL);
		emit_opt(s, "link_id", b->has_link_id, b->link_id);
		emit_opt(s, "prog_id", b->has_prog_id, b->prog_id);
		sink_cstr(s, "prog_tag", b->prog_tag[0] ? b->prog_tag : NULL);
		return;
	case BPF_OBJECT_OTHER:
		break;
	}
	if (name)
		sink_str(s, "object", name, len);
	else
		sink_null(s, "object");
}

const struct fd_class fd_class_bpf = {
	.kind = "bpf",
	.needs = FD_NEED_FDINFO,
	.probe = probe_bpf,
	.parse = parse_bpf,
	.describe = describe_bpf,
	.emit = emit_bpf,
};
