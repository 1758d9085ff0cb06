#include "decode/decode.h"

#include <string.h>

#include "decode/families.h"
#include "decode/syscall_table.h"

/* Every family's table; each ends with { NULL }. */
static const struct syscall_spec *const families[] = {
	decode_family_io,
	decode_family_file,
	decode_family_fcntl,
	decode_family_ioctl,
	decode_family_net,
	decode_family_poll,
	decode_family_process,
	decode_family_prctl,
	decode_family_signal,
	decode_family_memory,
	decode_family_fdkinds,
	decode_family_misc,
};

const struct syscall_spec *decode_spec(const char *name)
{
	if (!name)
		return NULL;
	for (size_t f = 0; f < sizeof(families) / sizeof(*families); f++)
		for (const struct syscall_spec *s = families[f]; s->name; s++)
			if (strcmp(s->name, name) == 0)
				return s;
	return NULL;
}

void decode_index_build(const struct syscall_spec **by_nr, size_t n)
{
	enum syscall_arch arch = syscall_arch_native();

	for (size_t nr = 0; nr < n; nr++)
		by_nr[nr] = decode_spec(syscall_table_name(arch, (long)nr));
}

enum ret_kind decode_ret_kind(const struct decode_call *c)
{
	if (c->ret_kind_set)
		return c->ret_kind;
	return c->spec ? c->spec->ret : RET_INT;
}

static bool is_out(enum arg_kind k)
{
	return k == ARG_OBUF || k == ARG_OUT || k == ARG_INOUT;
}

static void put_arg(struct decode_call *c, struct dout *o,
		    const struct arg_spec *a, uint64_t v)
{
	switch (a->kind) {
	case ARG_END:
		break;
	case ARG_INT:
		dout_int(o, a->key, (int32_t)v);
		break;
	case ARG_LONG:
		dout_int(o, a->key, (int64_t)v);
		break;
	case ARG_UINT:
		dout_uint(o, a->key, v);
		break;
	case ARG_HEX:
		dout_hex(o, a->key, v);
		break;
	case ARG_OCT:
		dout_oct(o, a->key, v);
		break;
	case ARG_PTR:
		dout_ptr(o, a->key, v);
		break;
	case ARG_FD:
		dout_fd(o, a->key, (int32_t)v);
		break;
	case ARG_DIRFD:
		if ((int32_t)v == -100)
			dout_sym(o, a->key, "AT_FDCWD");
		else
			dout_fd(o, a->key, (int32_t)v);
		break;
	case ARG_PATH:
		decode_put_path(c, o, a->key, v);
		break;
	case ARG_STR:
		decode_put_str(c, o, a->key, v);
		break;
	case ARG_IBUF:
		decode_put_buf(c, o, a->key, v, c->args[a->len_arg]);
		break;
	case ARG_OBUF:
		if (c->ret < 0)
			dout_ptr(o, a->key, v);
		else
			decode_put_buf(c, o, a->key, v, (uint64_t)c->ret);
		break;
	case ARG_FLAGS:
		dout_flags(o, a->key, v, a->data);
		break;
	case ARG_ENUM:
		dout_enum(o, a->key, v, a->data);
		break;
	case ARG_SIGNAL:
		decode_put_signal(o, a->key, (int32_t)v);
		break;
	case ARG_IN:
	case ARG_OUT:
	case ARG_INOUT:
		((decode_arg_fn)a->data)(c, o, a->key, v);
		break;
	}
}

/* A call the table does not describe: its six raw arguments. */
static void put_raw(struct decode_call *c, struct dout *o)
{
	static const char *const keys[] = { "arg0", "arg1", "arg2",
					     "arg3", "arg4", "arg5" };

	if (c->exiting)
		return;
	for (int i = 0; i < 6; i++)
		dout_hex(o, keys[i], c->args[i]);
	c->done = 6;
}

/* At entry: the in/out arguments still to come keep their entry values. */
static void keep_inout(struct decode_call *c, struct dout *o)
{
	const struct syscall_spec *s = c->spec;

	for (int i = c->done; i < 6 && s->args[i].kind != ARG_END; i++) {
		if (s->args[i].kind != ARG_INOUT)
			continue;
		c->arg_index = i;
		((decode_arg_fn)s->args[i].data)(c, o, s->args[i].key,
						 c->args[i]);
	}
	c->arg_index = c->done;
}

void decode_args(struct decode_call *c, struct dout *o)
{
	const struct syscall_spec *s = c->spec;

	if (!s) {
		put_raw(c, o);
		return;
	}
	if (s->note && c->exiting)
		s->note(c); /* before the arguments: they see the note too */
	if (s->call) {
		if (c->done == 0 && s->call(c, o))
			c->done = 6;
		return;
	}
	for (; c->done < 6 && s->args[c->done].kind != ARG_END; c->done++) {
		const struct arg_spec *a = &s->args[c->done];

		c->arg_index = c->done;
		if (!c->exiting && is_out(a->kind)) {
			keep_inout(c, o);
			return; /* the rest at exit */
		}
		put_arg(c, o, a, c->args[c->done]);
	}
}

bool decode_more_args(const struct decode_call *c)
{
	const struct syscall_spec *s = c->spec;

	if (!s)
		return c->done < 6;
	if (s->call)
		return c->done == 0;
	return c->done < 6 && s->args[c->done].kind != ARG_END;
}

bool decode_arg_is_fd(const struct decode_call *c, int i)
{
	const struct syscall_spec *s = c->spec;

	if (!s || i < 0 || i >= 6)
		return false;
	return s->args[i].kind == ARG_FD ||
	       (s->args[i].kind == ARG_DIRFD && (int32_t)c->args[i] != -100);
}
