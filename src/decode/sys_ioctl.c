/* Family "ioctl" (see families.h): terminal requests and the generic
 * FIO* ones; others as hex. */
#include <stdio.h>
#include <string.h>

#include "decode/families.h"

#define TIOCGPTN_ 0x80045430u

enum {
	TCGETS_ = 0x5401,
	TCSETS_ = 0x5402,
	TCSETSW_ = 0x5403,
	TCSETSF_ = 0x5404,
	TCFLSH_ = 0x540b,
	TIOCEXCL_ = 0x540c,
	TIOCNXCL_ = 0x540d,
	TIOCSCTTY_ = 0x540e,
	TIOCGPGRP_ = 0x540f,
	TIOCSPGRP_ = 0x5410,
	TIOCOUTQ_ = 0x5411,
	TIOCGWINSZ_ = 0x5413,
	TIOCSWINSZ_ = 0x5414,
	FIONREAD_ = 0x541b,
	FIONBIO_ = 0x5421,
	TIOCNOTTY_ = 0x5422,
	TIOCGSID_ = 0x5429,
	TIOCSPTLCK_ = 0x40045431,
	TIOCGPTPEER_ = 0x5441,
	FIONCLEX_ = 0x5450,
	FIOCLEX_ = 0x5451,
	FIOASYNC_ = 0x5452,
};

static const struct flag_name ioctl_requests[] = {
	{ TCGETS_, "TCGETS" },	       { TCSETS_, "TCSETS" },
	{ TCSETSW_, "TCSETSW" },       { TCSETSF_, "TCSETSF" },
	{ TCFLSH_, "TCFLSH" },	       { TIOCEXCL_, "TIOCEXCL" },
	{ TIOCNXCL_, "TIOCNXCL" },     { TIOCSCTTY_, "TIOCSCTTY" },
	{ TIOCGPGRP_, "TIOCGPGRP" },   { TIOCSPGRP_, "TIOCSPGRP" },
	{ TIOCOUTQ_, "TIOCOUTQ" },     { TIOCGWINSZ_, "TIOCGWINSZ" },
	{ TIOCSWINSZ_, "TIOCSWINSZ" }, { FIONREAD_, "FIONREAD" },
	{ FIONBIO_, "FIONBIO" },       { TIOCNOTTY_, "TIOCNOTTY" },
	{ TIOCGSID_, "TIOCGSID" },     { TIOCGPTN_, "TIOCGPTN" },
	{ TIOCSPTLCK_, "TIOCSPTLCK" }, { TIOCGPTPEER_, "TIOCGPTPEER" },
	{ FIONCLEX_, "FIONCLEX" },     { FIOCLEX_, "FIOCLEX" },
	{ FIOASYNC_, "FIOASYNC" },     { 0, NULL },
};

static const struct flag_name tcflsh_queues[] = {
	{ 0, "TCIFLUSH" },
	{ 1, "TCOFLUSH" },
	{ 2, "TCIOFLUSH" },
	{ 0, NULL },
};

/* struct termios' four flag words as strace names them. */
static const struct flag_name iflags[] = {
	{ 01, "IGNBRK" },    { 02, "BRKINT" },	    { 04, "IGNPAR" },
	{ 010, "PARMRK" },   { 020, "INPCK" },	    { 040, "ISTRIP" },
	{ 0100, "INLCR" },   { 0200, "IGNCR" },	    { 0400, "ICRNL" },
	{ 01000, "IUCLC" },  { 02000, "IXON" },	    { 04000, "IXANY" },
	{ 010000, "IXOFF" }, { 020000, "IMAXBEL" }, { 040000, "IUTF8" },
	{ 0, NULL },
};

static const struct flag_name oflags[] = {
	{ 01, "OPOST" },   { 02, "OLCUC" },   { 04, "ONLCR" },
	{ 010, "OCRNL" },  { 020, "ONOCR" },  { 040, "ONLRET" },
	{ 0100, "OFILL" }, { 0200, "OFDEL" }, { 0, NULL },
};

static const struct flag_name cflags[] = {
	{ 0100, "CSTOPB" },
	{ 0200, "CREAD" },
	{ 0400, "PARENB" },
	{ 01000, "PARODD" },
	{ 02000, "HUPCL" },
	{ 04000, "CLOCAL" },
	{ 010000000000, "CMSPAR" },
	{ 020000000000, "CRTSCTS" },
	{ 0, NULL },
};

static const struct flag_name lflags[] = {
	{ 01, "ISIG" },		{ 02, "ICANON" },     { 04, "XCASE" },
	{ 010, "ECHO" },	{ 020, "ECHOE" },     { 040, "ECHOK" },
	{ 0100, "ECHONL" },	{ 0200, "NOFLSH" },   { 0100000, "IEXTEN" },
	{ 01000, "ECHOCTL" },	{ 02000, "ECHOPRT" }, { 04000, "ECHOKE" },
	{ 010000, "FLUSHO" },	{ 040000, "PENDIN" }, { 0400, "TOSTOP" },
	{ 0200000, "EXTPROC" }, { 0, NULL },
};

static const struct flag_name bauds[] = {
	{ 0, "B0" },
	{ 01, "B50" },
	{ 02, "B75" },
	{ 03, "B110" },
	{ 04, "B134" },
	{ 05, "B150" },
	{ 06, "B200" },
	{ 07, "B300" },
	{ 010, "B600" },
	{ 011, "B1200" },
	{ 012, "B1800" },
	{ 013, "B2400" },
	{ 014, "B4800" },
	{ 015, "B9600" },
	{ 016, "B19200" },
	{ 017, "B38400" },
	{ 010000, "BOTHER" },
	{ 010001, "B57600" },
	{ 010002, "B115200" },
	{ 010003, "B230400" },
	{ 010004, "B460800" },
	{ 010005, "B500000" },
	{ 010006, "B576000" },
	{ 010007, "B921600" },
	{ 010010, "B1000000" },
	{ 010011, "B1152000" },
	{ 010012, "B1500000" },
	{ 010013, "B2000000" },
	{ 010014, "B2500000" },
	{ 010015, "B3000000" },
	{ 010016, "B3500000" },
	{ 010017, "B4000000" },
	{ 0, NULL },
};

/* Flags after fields already in sb ("A|B"): "|" between, unknown in hex,
 * "0" when there is nothing at all. */
static void add_flags(struct strbuf *sb, uint32_t v,
		      const struct flag_name *names)
{
	if (!v) {
		if (!sb->len)
			strbuf_addc(sb, '0');
		return;
	}
	if (sb->len)
		strbuf_addc(sb, '|');
	dout_join_flags(sb, v, names);
}

/* The output delays first: NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR. */
static void add_oflag(struct strbuf *sb, uint32_t v)
{
	static const char *const tabs[] = { "TAB0", "TAB1", "TAB2", "XTABS" };

	strbuf_addf(sb, "NL%u|CR%u|%s|BS%u|VT%u|FF%u", (v >> 8) & 1,
		    (v >> 9) & 3, tabs[(v >> 11) & 3], (v >> 13) & 1,
		    (v >> 14) & 1, (v >> 15) & 1);
	add_flags(sb, v & ~0177400u, oflags);
}

/* The speed, the input speed when set, the character size: B38400|CS8|... */
static void add_cflag(struct strbuf *sb, uint32_t v)
{
	const uint32_t cbaud = 010017;
	const char *baud = dout_enum_name(v & cbaud, bauds);
	const char *ibaud = dout_enum_name((v >> 16) & cbaud, bauds);

	strbuf_adds(sb, baud ? baud : "B0");
	if ((v >> 16) & cbaud)
		strbuf_addf(sb, "|%s<<IBSHIFT", ibaud ? ibaud : "B0");
	strbuf_addf(sb, "|CS%u", 5 + ((v >> 4) & 3));
	add_flags(sb, v & ~(cbaud | (cbaud << 16) | 060u), cflags);
}

static void termios_fields(struct decode_call *c, struct dout *o,
			   const void *data, size_t size)
{
	struct strbuf sb = STRBUF_INIT;
	uint32_t f[4];

	(void)c;
	(void)size;
	memcpy(f, data, sizeof(f));
	add_flags(&sb, f[0], iflags);
	dout_flags_text(o, "c_iflag", strbuf_str(&sb));
	strbuf_reset(&sb);
	add_oflag(&sb, f[1]);
	dout_flags_text(o, "c_oflag", strbuf_str(&sb));
	strbuf_reset(&sb);
	add_cflag(&sb, f[2]);
	dout_flags_text(o, "c_cflag", strbuf_str(&sb));
	strbuf_reset(&sb);
	add_flags(&sb, f[3], lflags);
	dout_flags_text(o, "c_lflag", strbuf_str(&sb));
	strbuf_release(&sb);
	dout_more(o);
}

static void winsize_fields(struct decode_call *c, struct dout *o,
			   const void *data, size_t size)
{
	uint16_t ws[4];

	(void)c;
	(void)size;
	memcpy(ws, data, sizeof(ws));
	dout_uint(o, "ws_row", ws[0]);
	dout_uint(o, "ws_col", ws[1]);
	dout_uint(o, "ws_xpixel", ws[2]);
	dout_uint(o, "ws_ypixel", ws[3]);
}

/* An int the argument points to: [5]. */
static void put_int_ptr(struct decode_call *c, struct dout *o, const char *key,
			uint64_t addr)
{
	int32_t v;

	if (!addr || decode_read(c, addr, &v, sizeof(v)) != 0) {
		dout_ptr(o, key, addr);
		return;
	}
	dout_begin_array(o, key);
	dout_int(o, NULL, v);
	dout_end_array(o);
}

/* An unknown request decoded as _IOC(dir, type, nr, size). */
static void put_ioc(struct dout *o, const char *key, uint32_t req)
{
	static const char *const dirs[] = { "_IOC_NONE", "_IOC_WRITE",
					    "_IOC_READ",
					    "_IOC_READ|_IOC_WRITE" };
	char buf[96];

	if (o->mode != DOUT_TEXT) {
		dout_hex(o, key, req);
		return;
	}
	snprintf(buf, sizeof(buf), "_IOC(%s, %#x, %#x, %#x)", dirs[req >> 30],
		 (req >> 8) & 0xff, req & 0xff, (req >> 16) & 0x3fff);
	dout_raw(o, key, buf);
}

/* Requests whose argument the kernel fills: shown at exit. */
static bool ioctl_gets(uint32_t req)
{
	return req == TCGETS_ || req == TIOCGWINSZ_ || req == FIONREAD_ ||
	       req == TIOCGPGRP_ || req == TIOCOUTQ_ || req == TIOCGSID_ ||
	       req == TIOCGPTN_;
}

static bool ioctl_exit(struct decode_call *c, struct dout *o, uint32_t req)
{
	uint64_t arg = c->args[2];

	if (c->ret < 0)
		dout_ptr(o, "arg", arg);
	else if (req == TCGETS_)
		decode_put_struct(c, o, "arg", arg, 16, termios_fields);
	else if (req == TIOCGWINSZ_)
		decode_put_struct(c, o, "arg", arg, 8, winsize_fields);
	else
		put_int_ptr(c, o, "arg", arg);
	return true;
}

static bool call_ioctl(struct decode_call *c, struct dout *o)
{
	uint32_t req = (uint32_t)c->args[1];
	const char *name = dout_enum_name(req, ioctl_requests);
	uint64_t arg = c->args[2];

	if (c->exiting)
		return ioctl_exit(c, o, req);
	if (req == TIOCGPTPEER_) {
		c->ret_kind = RET_FD; /* the pty's other end */
		c->ret_kind_set = true;
	}
	dout_fd(o, "fd", (int32_t)c->args[0]);
	if (name)
		dout_sym(o, "request", name);
	else
		put_ioc(o, "request", req);
	if (ioctl_gets(req))
		return false; /* the rest at exit */
	switch (req) {
	case TCSETS_:
	case TCSETSW_:
	case TCSETSF_:
		decode_put_struct(c, o, "arg", arg, 16, termios_fields);
		break;
	case TIOCSWINSZ_:
		decode_put_struct(c, o, "arg", arg, 8, winsize_fields);
		break;
	case FIONBIO_:
	case FIOASYNC_:
	case TIOCSPGRP_:
	case TIOCSPTLCK_:
		put_int_ptr(c, o, "arg", arg);
		break;
	case TIOCSCTTY_:
		dout_int(o, "arg", (int32_t)arg);
		break;
	case TCFLSH_:
		decode_put_xlat(o, "arg", arg, tcflsh_queues, "TC???");
		break;
	case FIOCLEX_:
	case FIONCLEX_:
	case TIOCNOTTY_:
	case TIOCEXCL_:
	case TIOCNXCL_:
		break;
	default:
		dout_hex(o, "arg", arg);
		break;
	}
	return true;
}

/* One line a syscall. */
/* clang-format off */
const struct syscall_spec decode_family_ioctl[] = {
	{ "ioctl", RET_INT, { { "fd", ARG_FD }, { "request", ARG_HEX }, { "arg", ARG_HEX } }, call_ioctl },
	{ NULL },
};

/* What the decoders above read (decode/capture.h), for backends that
 * capture it while the call runs. */
const struct capture_shape decode_shapes_ioctl[] = {
	/* arg as the largest struct shown (termios' flags, 16 bytes), which
	 * holds winsize and the ints too: given at entry, filled at exit */
	{ (const void *)call_ioctl, { { 2, CAPTURE_BYTES, CAPTURE_BOTH, CAPTURE_LEN_CONST, 0, 16 } } },
	{ NULL },
};
/* clang-format on */
