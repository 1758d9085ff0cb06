#include "trace/ebpf_fds.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/xalloc.h"
#include "decode/syscall_table.h"
#include "trace/ebpf_records.h"

/* What an fd of a traced group is, as the last record that said it. */
struct ebpf_fd {
	char *target;
	unsigned mode; /* S_IFMT bits */
	bool has_sock;
	struct dscope_sock sock;
};

static uint64_t fd_key(pid_t pid, int fd)
{
	return (uint64_t)(uint32_t)pid << 32 | (uint32_t)fd;
}

static void fd_free(void *v)
{
	struct ebpf_fd *e = v;

	if (e) {
		free(e->target);
		free(e);
	}
}

void ebpf_fds_init(struct ebpf_fds *t)
{
	hashmap_init(&t->fds);
	hashmap_init(&t->closing);
	t->nr_close = syscall_table_lookup(syscall_arch_native(), "close");
}

void ebpf_fds_release(struct ebpf_fds *t)
{
	uint64_t key;
	void *v;

	for (size_t i = 0; hashmap_next(&t->fds, &i, &key, &v);)
		fd_free(v);
	hashmap_release(&t->fds);
	hashmap_release(&t->closing);
}

/* One fd piece: the fd's text and, for a socket, what follows it. */
static void learn_one(struct ebpf_fds *t, pid_t pid, const struct dscope_cap *c,
		      const unsigned char *bytes)
{
	uint64_t key = fd_key(pid, (int)c->addr);
	struct ebpf_fd *e;
	size_t after;

	if (!c->len) { /* not open at the call */
		fd_free(hashmap_remove(&t->fds, key));
		return;
	}
	e = hashmap_get(&t->fds, key);
	if (!e) {
		e = xcalloc(1, sizeof(*e));
		hashmap_put(&t->fds, key, e);
	}
	free(e->target);
	/* the program's bytes end with a NUL, but trust none */
	e->target = xstrndup((const char *)bytes, c->len);
	e->mode = c->info & ~(unsigned)DSCOPE_CAP_FD;
	after = ebpf_align8(strlen(e->target) + 1);
	e->has_sock = (e->mode & S_IFMT) == S_IFSOCK &&
		      c->len >= after + sizeof(e->sock);
	if (e->has_sock)
		memcpy(&e->sock, bytes + after, sizeof(e->sock));
}

/* A close's fd, kept from its entry until its exit says it worked: the
 * program says nothing of an fd that closed, and a pipe's other end must
 * not be found in an fd closed since. */
static void follow_close(struct ebpf_fds *t, const struct dscope_rec *r)
{
	uintptr_t fd1;

	if (r->nr != t->nr_close || (r->flags & DSCOPE_REC_COMPAT))
		return;
	if (r->type == DSCOPE_REC_ENTER) {
		hashmap_put(&t->closing, r->tid,
			    (void *)(uintptr_t)((uint32_t)r->args[0] + 1ull));
		return;
	}
	fd1 = (uintptr_t)hashmap_remove(&t->closing, r->tid);
	if (fd1 && r->ret == 0)
		fd_free(hashmap_remove(&t->fds,
				       fd_key((pid_t)r->tgid, (int)(fd1 - 1))));
}

void ebpf_fds_learn(struct ebpf_fds *t, const struct dscope_rec *r, size_t size)
{
	const unsigned char *bytes;
	struct dscope_cap c;
	struct pieces it;

	for (pieces_begin(&it, r, size); pieces_next(&it, &c, &bytes);)
		if (c.info & DSCOPE_CAP_FD && c.addr <= INT_MAX)
			learn_one(t, (pid_t)r->tgid, &c, bytes);
	follow_close(t, r);
}

int ebpf_fds_seen(const struct ebpf_fds *t, pid_t pid, int fd,
		  struct fd_seen *seen)
{
	const struct ebpf_fd *e = hashmap_get(&t->fds, fd_key(pid, fd));

	if (!e)
		return -ENOENT;
	memset(seen, 0, sizeof(*seen));
	seen->target = e->target;
	seen->mode = e->mode;
	seen->has_sock = e->has_sock;
	if (e->has_sock) {
		seen->family = e->sock.family;
		seen->type = e->sock.type;
		seen->protocol = e->sock.protocol;
		seen->state = e->sock.state;
		seen->peer_ino = e->sock.peer_ino;
	}
	return 0;
}

int ebpf_fds_peer(const struct ebpf_fds *t, pid_t pid, int fd, pid_t *peer_pid,
		  int *peer_fd)
{
	uint64_t self = fd_key(pid, fd), key;
	const struct ebpf_fd *e = hashmap_get(&t->fds, self);
	char want[48];
	void *v;

	if (!e)
		return -ENOENT;
	if (e->has_sock && e->sock.peer_ino)
		snprintf(want, sizeof(want), "socket:[%llu]",
			 (unsigned long long)e->sock.peer_ino);
	else if ((e->mode & S_IFMT) == S_IFIFO &&
		 strlen(e->target) < sizeof(want))
		strcpy(want, e->target);
	else
		return -ENOENT;
	for (size_t i = 0; hashmap_next(&t->fds, &i, &key, &v);) {
		const struct ebpf_fd *o = v;

		if (key != self && strcmp(o->target, want) == 0) {
			*peer_pid = (pid_t)(key >> 32);
			*peer_fd = (int)(uint32_t)key;
			return 0;
		}
	}
	return -ENOENT;
}

void ebpf_fds_forget_pid(struct ebpf_fds *t, pid_t pid)
{
	hashmap_remove_high32(&t->fds, (uint32_t)pid, fd_free);
}
