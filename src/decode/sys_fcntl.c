/* Family "fcntl" (see families.h): fcntl by command, with the result
 * as strace reads it ("= 0x8002 (flags O_RDWR|O_LARGEFILE)"). */
#include <stdio.h>
#include <string.h>

#include "decode/families.h"

enum {
	F_DUPFD_ = 0,
	F_GETFD_ = 1,
	F_SETFD_ = 2,
	F_GETFL_ = 3,
	F_SETFL_ = 4,
	F_GETLK_ = 5,
	F_SETLK_ = 6,
	F_SETLKW_ = 7,
	F_SETOWN_ = 8,
	F_GETOWN_ = 9,
	F_SETSIG_ = 10,
	F_GETSIG_ = 11,
	F_SETOWN_EX_ = 15,
	F_GETOWN_EX_ = 16,
	F_OFD_GETLK_ = 36,
	F_OFD_SETLK_ = 37,
	F_OFD_SETLKW_ = 38,
	F_SETLEASE_ = 1024,
	F_GETLEASE_ = 1025,
	F_NOTIFY_ = 1026,
	F_DUPFD_CLOEXEC_ = 1030,
	F_SETPIPE_SZ_ = 1031,
	F_GETPIPE_SZ_ = 1032,
	F_ADD_SEALS_ = 1033,
	F_GET_SEALS_ = 1034,
};

static const struct flag_name fcntl_cmds[] = {
	{ F_DUPFD_, "F_DUPFD" },
	{ F_GETFD_, "F_GETFD" },
	{ F_SETFD_, "F_SETFD" },
	{ F_GETFL_, "F_GETFL" },
	{ F_SETFL_, "F_SETFL" },
	{ F_GETLK_, "F_GETLK" },
	{ F_SETLK_, "F_SETLK" },
	{ F_SETLKW_, "F_SETLKW" },
	{ F_SETOWN_, "F_SETOWN" },
	{ F_GETOWN_, "F_GETOWN" },
	{ F_SETSIG_, "F_SETSIG" },
	{ F_GETSIG_, "F_GETSIG" },
	{ F_SETOWN_EX_, "F_SETOWN_EX" },
	{ F_GETOWN_EX_, "F_GETOWN_EX" },
	{ F_OFD_GETLK_, "F_OFD_GETLK" },
	{ F_OFD_SETLK_, "F_OFD_SETLK" },
	{ F_OFD_SETLKW_, "F_OFD_SETLKW" },
	{ F_SETLEASE_, "F_SETLEASE" },
	{ F_GETLEASE_, "F_GETLEASE" },
	{ F_NOTIFY_, "F_NOTIFY" },
	{ 1027, "F_DUPFD_QUERY" },
	{ 1028, "F_CREATED_QUERY" },
	{ 1029, "F_CANCELLK" },
	{ F_DUPFD_CLOEXEC_, "F_DUPFD_CLOEXEC" },
	{ F_SETPIPE_SZ_, "F_SETPIPE_SZ" },
	{ F_GETPIPE_SZ_, "F_GETPIPE_SZ" },
	{ F_ADD_SEALS_, "F_ADD_SEALS" },
	{ F_GET_SEALS_, "F_GET_SEALS" },
	{ 1035, "F_GET_RW_HINT" },
	{ 1036, "F_SET_RW_HINT" },
	{ 1037, "F_GET_FILE_RW_HINT" },
	{ 1038, "F_SET_FILE_RW_HINT" },
	{ 0, NULL },
};

static const struct flag_name fd_flags[] = {
	{ 1, "FD_CLOEXEC" },
	{ 0, NULL },
};

static const struct flag_name lock_types[] = {
	{ 0, "F_RDLCK" },
	{ 1, "F_WRLCK" },
	{ 2, "F_UNLCK" },
	{ 0, NULL },
};

static const struct flag_name whences[] = {
	{ 0, "SEEK_SET" },  { 1, "SEEK_CUR" },	{ 2, "SEEK_END" },
	{ 3, "SEEK_DATA" }, { 4, "SEEK_HOLE" }, { 0, NULL },
};

static const struct flag_name owner_types[] = {
	{ 0, "F_OWNER_TID" },
	{ 1, "F_OWNER_PID" },
	{ 2, "F_OWNER_PGRP" },
	{ 0, NULL },
};

static const struct flag_name dn_flags[] = {
	{ 0x1, "DN_ACCESS" },		{ 0x2, "DN_MODIFY" },
	{ 0x4, "DN_CREATE" },		{ 0x8, "DN_DELETE" },
	{ 0x10, "DN_RENAME" },		{ 0x20, "DN_ATTRIB" },
	{ 0x80000000, "DN_MULTISHOT" }, { 0, NULL },
};

static const struct flag_name seal_flags[] = {
	{ 0x1, "F_SEAL_SEAL" },
	{ 0x2, "F_SEAL_SHRINK" },
	{ 0x4, "F_SEAL_GROW" },
	{ 0x8, "F_SEAL_WRITE" },
	{ 0x10, "F_SEAL_FUTURE_WRITE" },
	{ 0x20, "F_SEAL_EXEC" },
	{ 0, NULL },
};

/* struct flock (32 bytes); l_pid only as F_GETLK returns it. */
static void put_flock(struct decode_call *c, struct dout *o, const char *key,
		      uint64_t addr, bool with_pid)
{
	unsigned char fl[32];
	int16_t type, whence;
	int64_t start, len;
	int32_t pid;

	if (!addr || decode_read(c, addr, fl, sizeof(fl)) != 0) {
		dout_ptr(o, key, addr);
		return;
	}
	memcpy(&type, fl, sizeof(type));
	memcpy(&whence, fl + 2, sizeof(whence));
	memcpy(&start, fl + 8, sizeof(start));
	memcpy(&len, fl + 16, sizeof(len));
	memcpy(&pid, fl + 24, sizeof(pid));
	dout_begin_struct(o, key);
	dout_enum(o, "l_type", (uint16_t)type, lock_types);
	dout_enum(o, "l_whence", (uint16_t)whence, whences);
	dout_int(o, "l_start", start);
	dout_int(o, "l_len", len);
	if (with_pid)
		dout_int(o, "l_pid", pid);
	dout_end_struct(o);
}

static void put_owner_ex(struct decode_call *c, struct dout *o, const char *key,
			 uint64_t addr)
{
	int32_t own[2];

	if (!addr || decode_read(c, addr, own, sizeof(own)) != 0) {
		dout_ptr(o, key, addr);
		return;
	}
	dout_begin_struct(o, key);
	dout_enum(o, "type", (uint32_t)own[0], owner_types);
	dout_int(o, "pid", own[1]);
	dout_end_struct(o);
}

/* The note after a return value that is flags: "flags O_RDWR|O_LARGEFILE"
 * (composed in the call's note_buf). */
static void note_flags(struct decode_call *c, const char *what, uint64_t v,
		       const struct flag_name *names)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s ", what);
	if (names)
		dout_join_flags(&sb, v, names);
	else
		decode_join_open_flags(&sb, v);
	snprintf(c->note_buf, sizeof(c->note_buf), "%s", strbuf_str(&sb));
	c->ret_note = c->note_buf;
	strbuf_release(&sb);
}

/* At exit: what the kernel wrote, and a note naming the return value
 * (strace's "= 0x8002 (flags O_RDWR|O_LARGEFILE)"). */
static bool fcntl_exit(struct decode_call *c, struct dout *o, uint32_t cmd)
{
	uint64_t arg = c->args[2], ret = (uint64_t)c->ret;

	switch (cmd) {
	case F_GETLK_:
	case F_OFD_GETLK_:
		if (c->ret < 0)
			dout_ptr(o, "arg", arg);
		else
			put_flock(c, o, "arg", arg, true);
		break;
	case F_GETOWN_EX_:
		if (c->ret < 0)
			dout_ptr(o, "arg", arg);
		else
			put_owner_ex(c, o, "arg", arg);
		break;
	case F_GETFL_:
		if (c->ret >= 0)
			note_flags(c, "flags", ret, NULL);
		break;
	case F_GETFD_:
		if (c->ret > 0)
			note_flags(c, "flags", ret, fd_flags);
		break;
	case F_GET_SEALS_:
		if (c->ret > 0)
			note_flags(c, "seals", ret, seal_flags);
		break;
	case F_GETLEASE_:
		if (c->ret >= 0)
			c->ret_note = dout_enum_name(ret, lock_types);
		break;
	case F_GETSIG_:
		if (c->ret > 0)
			c->ret_note = decode_signal_name(c->ret);
		break;
	default:
		break;
	}
	return true;
}

/* How the result reads, by command: an fd, flags in hex, else a number. */
static void fcntl_ret_kind(struct decode_call *c, uint32_t cmd)
{
	switch (cmd) {
	case F_DUPFD_:
	case F_DUPFD_CLOEXEC_:
		c->ret_kind = RET_FD;
		break;
	case F_GETFL_:
	case F_GETFD_:
	case F_GET_SEALS_:
	case F_GETLEASE_:
		c->ret_kind = RET_HEX;
		break;
	default:
		return;
	}
	c->ret_kind_set = true;
}

static bool call_fcntl(struct decode_call *c, struct dout *o)
{
	uint32_t cmd = (uint32_t)c->args[1];
	uint64_t arg = c->args[2];

	if (c->exiting)
		return fcntl_exit(c, o, cmd);
	fcntl_ret_kind(c, cmd);
	dout_fd(o, "fd", (int32_t)c->args[0]);
	decode_put_xlat(o, "cmd", cmd, fcntl_cmds, "F_???");
	switch (cmd) {
	case F_GETFL_:
	case F_GET_SEALS_:
	case F_GETFD_:
	case F_GETLEASE_:
	case F_GETSIG_:
	case F_GETLK_:
	case F_OFD_GETLK_:
	case F_GETOWN_EX_:
		return false; /* the rest at exit */
	case F_GETOWN_:
	case F_GETPIPE_SZ_:
		break;
	case F_DUPFD_:
	case F_DUPFD_CLOEXEC_:
	case F_SETOWN_:
	case F_SETPIPE_SZ_:
		dout_int(o, "arg", (int32_t)arg);
		break;
	case F_SETFD_:
		dout_flags(o, "arg", (uint32_t)arg, fd_flags);
		break;
	case F_SETFL_:
		decode_put_open_flags(o, "arg", (uint32_t)arg);
		break;
	case F_SETLK_:
	case F_SETLKW_:
	case F_OFD_SETLK_:
	case F_OFD_SETLKW_:
		put_flock(c, o, "arg", arg, false);
		break;
	case F_SETOWN_EX_:
		put_owner_ex(c, o, "arg", arg);
		break;
	case F_SETSIG_:
		decode_put_signal(o, "arg", (int32_t)arg);
		break;
	case F_SETLEASE_:
		dout_enum(o, "arg", (uint32_t)arg, lock_types);
		break;
	case F_NOTIFY_:
		dout_flags(o, "arg", (uint32_t)arg, dn_flags);
		break;
	case F_ADD_SEALS_:
		dout_flags(o, "arg", (uint32_t)arg, seal_flags);
		break;
	default:
		dout_hex(o, "arg", arg);
		break;
	}
	return true;
}

/* clang-format off */
const struct syscall_spec decode_family_fcntl[] = {
	{ "fcntl", RET_INT, { { "fd", ARG_FD }, { "cmd", ARG_INT }, { "arg", ARG_HEX } }, call_fcntl },
	{ NULL },
};

/* What the decoders above read (decode/capture.h), for backends that
 * capture it while the call runs. */
const struct capture_shape decode_shapes_fcntl[] = {
	/* arg as a struct flock (the lock given at entry, F_GETLK's at
	 * exit), which holds f_owner_ex too; where arg is a number the
	 * read fails and nothing is kept */
	{ (const void *)call_fcntl, { { 2, CAPTURE_BYTES, CAPTURE_BOTH, CAPTURE_LEN_CONST, 0, 32 } } },
	{ NULL },
};
/* clang-format on */
