/* A call's capture plan: what its argument kinds and its decoder
 * functions' shapes say they read. */
#include "decode/capture.h"

#include <limits.h>
#include <string.h>

#include "decode/families.h"

static const struct capture_shape *const shape_tables[] = {
	decode_shapes_io,      decode_shapes_file,    decode_shapes_fcntl,
	decode_shapes_ioctl,   decode_shapes_net,     decode_shapes_poll,
	decode_shapes_process, decode_shapes_prctl,   decode_shapes_signal,
	decode_shapes_memory,  decode_shapes_fdkinds, decode_shapes_misc,
};

static const struct capture_shape *shape_of(const void *fn)
{
	if (!fn)
		return NULL;
	for (size_t t = 0; t < sizeof(shape_tables) / sizeof(*shape_tables);
	     t++)
		for (const struct capture_shape *s = shape_tables[t]; s->fn;
		     s++)
			if (s->fn == fn)
				return s;
	return NULL;
}

struct plan {
	struct capture_region *r;
	int n;
	size_t strsize;
};

/* Adds a region with its argument and its limit resolved. */
static void add(struct plan *p, struct capture_region r, int arg)
{
	if (p->n == CAPTURE_REGIONS)
		return; /* past what a plan holds: those reads show addresses */
	if (r.arg == CAPTURE_SELF)
		r.arg = (unsigned char)arg;
	if (r.arg > 5 || r.len_arg > 5)
		return;
	if (r.max == CAPTURE_STRSIZE) {
		/* -s 0: the decoders read no bytes, and a max of 0 would
		 * mean no limit */
		if (p->strsize == 0 && r.kind == CAPTURE_BYTES)
			return;
		r.max = p->strsize > UINT_MAX - 2 ? UINT_MAX - 2
						  : (unsigned)p->strsize;
	}
	/* decode_read_str reads one byte past the longest string shown to
	 * tell that it goes on, and the kernel adds the NUL: for each of an
	 * argv's strings too */
	if (r.kind == CAPTURE_STR || r.kind == CAPTURE_STRV)
		r.max += 2;
	p->r[p->n++] = r;
}

static void add_shape(struct plan *p, const void *fn, int arg)
{
	const struct capture_shape *s = shape_of(fn);

	for (int i = 0; s && i < CAPTURE_REGIONS && s->r[i].kind; i++)
		add(p, s->r[i], arg);
}

static void add_arg(struct plan *p, const struct arg_spec *a, int i)
{
	switch (a->kind) {
	case ARG_PATH:
		add(p,
		    (struct capture_region){ .arg = CAPTURE_SELF,
					     .kind = CAPTURE_STR,
					     .when = CAPTURE_ENTRY,
					     .max = PATH_MAX },
		    i);
		break;
	case ARG_STR:
		add(p,
		    (struct capture_region){ .arg = CAPTURE_SELF,
					     .kind = CAPTURE_STR,
					     .when = CAPTURE_ENTRY,
					     .max = CAPTURE_STRSIZE },
		    i);
		break;
	case ARG_IBUF:
		add(p,
		    (struct capture_region){ .arg = CAPTURE_SELF,
					     .kind = CAPTURE_BYTES,
					     .when = CAPTURE_ENTRY,
					     .len = CAPTURE_LEN_ARG,
					     .len_arg = a->len_arg,
					     .max = CAPTURE_STRSIZE },
		    i);
		break;
	case ARG_OBUF:
		add(p,
		    (struct capture_region){ .arg = CAPTURE_SELF,
					     .kind = CAPTURE_BYTES,
					     .when = CAPTURE_EXIT,
					     .len = CAPTURE_LEN_RET,
					     .max = CAPTURE_STRSIZE },
		    i);
		break;
	case ARG_IN:
	case ARG_OUT:
	case ARG_INOUT:
		add_shape(p, a->data, i);
		break;
	default:
		break;
	}
}

/* Calls that change what the fd in their first argument holds (a
 * socket's state, a timerfd's settings, an epoll set's entries, a
 * signalfd's signals, an inotify instance's watches): what it is after
 * the call is what later calls see and what its peer is found by. */
static bool changes_its_fd(const char *name)
{
	static const char *const names[] = { "connect",	  "bind",
					     "listen",	  "shutdown",
					     "timerfd_settime", "epoll_ctl",
					     "signalfd4", "signalfd",
					     "inotify_add_watch",
					     "inotify_rm_watch" };

	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

bool decode_capture_plan(const struct syscall_spec *s, size_t strsize,
			 struct capture_plan *plan)
{
	struct plan p = { plan->r, 0, strsize };

	memset(plan, 0, sizeof(*plan));
	if (!s)
		return false;
	for (int i = 0; i < 6 && s->args[i].kind != ARG_END; i++) {
		if (s->args[i].kind == ARG_FD || s->args[i].kind == ARG_DIRFD)
			plan->fd_args |= (unsigned char)(1u << i);
		if (s->args[i].kind == ARG_OUT &&
		    s->args[i].data == (const void *)decode_out_fd_pair)
			plan->fd_pair_arg = (unsigned char)(i + 1);
	}
	if (changes_its_fd(s->name))
		plan->fd_args_exit = plan->fd_args & 1;
	if (s->ret == RET_FD)
		plan->ret_fd = CAPTURE_RET_FD;
	else if (strcmp(s->name, "fcntl") == 0)
		plan->ret_fd = CAPTURE_RET_FD_DUPFD;
	plan->fd_poll = strcmp(s->name, "poll") == 0 || strcmp(s->name, "ppoll") == 0;
	plan->fd_sets = strcmp(s->name, "select") == 0 || strcmp(s->name, "pselect6") == 0;
	plan->fd_cmsg = strcmp(s->name, "recvmsg") == 0;
	plan->refetch = strcmp(s->name, "execve") != 0 &&
			strcmp(s->name, "execveat") != 0;
	if (s->call) {
		add_shape(&p, (const void *)s->call, CAPTURE_SELF);
	} else {
		for (int i = 0; i < 6 && s->args[i].kind != ARG_END; i++)
			add_arg(&p, &s->args[i], i);
	}
	add_shape(&p, (const void *)s->note, CAPTURE_SELF);
	plan->n = p.n;
	return plan->n || plan->fd_args || plan->ret_fd || plan->fd_pair_arg ||
	       plan->fd_poll || plan->fd_sets;
}
