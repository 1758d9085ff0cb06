/* Syscall argument decoding: what a call looks like, by syscall name. Most
 * calls are described by data (struct syscall_spec: one kind per
 * argument); a few need a function for one argument (a struct, an ioctl
 * request) or for the whole call. The engine prints the input arguments at
 * syscall entry and the rest (what the kernel wrote) at exit, as strace
 * does, through struct dout, reading tracee memory through the call's
 * reader only (the backend seam).
 *
 * Add a syscall: one line in the table of its family (decode/sys_*.c).
 * Add a family: a file with a table ending in { NULL }, and one line in
 * families[] of decode.c. */
#ifndef DSCOPE_DECODE_DECODE_H
#define DSCOPE_DECODE_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>

#include "decode/out.h"

/* Reads tracee memory: bytes read or -errno (the backend's read_memory). */
typedef ssize_t (*decode_reader)(void *ctx, pid_t tid, uint64_t addr,
				 void *buf, size_t len);

/* How the return value is shown. */
enum ret_kind {
	RET_INT = 0, /* 5, or -1 ENOENT (No such file or directory) */
	RET_FD, /* 3</etc/passwd> */
	RET_HEX, /* 0x7f12a000 (mmap, brk) */
	RET_OCT, /* umask */
	RET_NONE, /* never returns: exit, exit_group: "?" */
	RET_UINT,
};

struct decode_call {
	pid_t pid, tid;
	long nr;
	const char *name; /* NULL for a number the table does not know */
	bool compat; /* another ABI's call (i386): no table, raw arguments */
	uint64_t args[6];
	int64_t ret; /* at exit */
	bool exiting; /* false: entry, true: exit */
	size_t strsize; /* -s: bytes of a string or buffer shown */
	decode_reader read;
	void *read_ctx;
	/* Kept from entry to exit for decoders that need it (an in/out
	 * length read at entry). */
	uint64_t saved[4];
	/* Said after the return value, e.g. "Timeout": static text, or
	 * note_buf, which a decoder may fill (trusted text it composed
	 * with escaped parts, e.g. "[{fd=3, revents=POLLIN}]"). */
	const char *ret_note;
	/* A decoder that knows better than the table how the result reads
	 * (fcntl F_GETFL: hex) sets this. */
	bool ret_kind_set;
	enum ret_kind ret_kind;
	/* Engine state: arguments already printed; the index of the
	 * argument a decode_arg_fn is called for. */
	int done;
	int arg_index;
	const struct syscall_spec *spec;
	/* last: decode_call_clear leaves its bytes (see ret_note) */
	char note_buf[256];
};

/* Clears c for a new call, but for note_buf's bytes past the first: a
 * decoder writes it before ret_note points there (clearing it all was
 * a tenth of a traced call's own cost in the tracer). */
static inline void decode_call_clear(struct decode_call *c)
{
	memset(c, 0, offsetof(struct decode_call, note_buf));
	c->note_buf[0] = '\0';
}

/* How an argument is shown. "In" kinds are printed at entry, "out" kinds
 * (what the kernel fills in) at exit; once an out argument is reached, the
 * rest of the call is printed at exit. */
enum arg_kind {
	ARG_END = 0,
	ARG_INT, /* signed int (32 bits) */
	ARG_LONG, /* signed 64 bits (off_t, ssize_t) */
	ARG_UINT, /* unsigned (size_t, counts) */
	ARG_HEX,
	ARG_OCT, /* file modes */
	ARG_PTR, /* an address we do not follow */
	ARG_FD, /* named through the fd namer */
	ARG_DIRFD, /* AT_FDCWD or an fd */
	ARG_PATH, /* a NUL-terminated path, shown whole */
	ARG_STR, /* a NUL-terminated string, cut at -s */
	ARG_IBUF, /* bytes written by the caller, length in arg len_arg */
	ARG_OBUF, /* bytes the kernel wrote, length = the return value */
	ARG_FLAGS, /* data: struct flag_name[] */
	ARG_ENUM, /* data: struct flag_name[] with values in .bit */
	ARG_SIGNAL, /* a signal number: SIGTERM */
	ARG_IN, /* data: decode_arg_fn, at entry */
	ARG_OUT, /* data: decode_arg_fn, at exit */
	/* data: decode_arg_fn called at entry to keep what it needs (in
	 * c->saved[c->arg_index], printing nothing) and at exit to print
	 * "[in] => [out]" */
	ARG_INOUT,
};

struct decode_call;
typedef void (*decode_arg_fn)(struct decode_call *c, struct dout *o,
			      const char *key, uint64_t v);
/* Decodes a whole call (ARG kinds unused): called at entry and at exit
 * (c->exiting); returns true when it printed everything. */
typedef bool (*decode_call_fn)(struct decode_call *c, struct dout *o);


struct arg_spec {
	const char *key; /* JSON member name */
	enum arg_kind kind;
	const void *data;
	unsigned char len_arg; /* ARG_IBUF: index of the length argument */
};

/* At exit, after the arguments: says what the result means in
 * c->ret_note (poll's revents, select's ready sets, "Timeout"). */
typedef void (*decode_note_fn)(struct decode_call *c);

struct syscall_spec {
	const char *name;
	enum ret_kind ret;
	struct arg_spec args[6];
	decode_call_fn call; /* when set, decodes the whole call */
	decode_note_fn note;
};

/* The spec of a syscall by name, or NULL (shown with raw arguments). */
const struct syscall_spec *decode_spec(const char *name);
/* Fills by_nr[0..n) with the spec of each native syscall number (NULL
 * where there is none), so the tracer looks specs up by number. */
void decode_index_build(const struct syscall_spec **by_nr, size_t n);
/* How the return value of the call is shown. */
enum ret_kind decode_ret_kind(const struct decode_call *c);

/* Prints what there is to print now: at entry the input arguments, at
 * exit the rest. */
void decode_args(struct decode_call *c, struct dout *o);
/* Whether argument i of the call is an fd (for --fd). */
bool decode_arg_is_fd(const struct decode_call *c, int i);
/* Whether arguments are left for the exit (an unfinished line then ends
 * with ", " as strace's does). */
bool decode_more_args(const struct decode_call *c);

/* Helpers for decoders (decode/mem.c). Each prints the value under key,
 * or the address when the memory cannot be read. */
/* Reads exactly len bytes: 0 or -errno. */
int decode_read(const struct decode_call *c, uint64_t addr, void *buf,
		size_t len);
/* Reads a NUL-terminated string of at most max bytes into buf (max + 1
 * bytes); sets *len and *more (no NUL within max). 0 or -errno. */
int decode_read_str(const struct decode_call *c, uint64_t addr, char *buf,
		    size_t max, size_t *len, bool *more);
void decode_put_path(struct decode_call *c, struct dout *o, const char *key,
		     uint64_t addr);
void decode_put_str(struct decode_call *c, struct dout *o, const char *key,
		    uint64_t addr);
/* len bytes at addr, cut at -s. */
void decode_put_buf(struct decode_call *c, struct dout *o, const char *key,
		    uint64_t addr, uint64_t len);
/* Reads a struct of size bytes and prints it with fn inside { }. */
typedef void (*decode_struct_fn)(struct decode_call *c, struct dout *o,
				 const void *data, size_t size);
void decode_put_struct(struct decode_call *c, struct dout *o, const char *key,
		       uint64_t addr, size_t size, decode_struct_fn fn);
/* A struct the kernel fills: read at exit, the address when it failed. */
void decode_put_struct_out(struct decode_call *c, struct dout *o,
			   const char *key, uint64_t addr, size_t size,
			   decode_struct_fn fn);
/* An array of n elements of size bytes, each printed with fn (which opens
 * its own struct if it wants one); at most 16 shown, then "...". */
void decode_put_array(struct decode_call *c, struct dout *o, const char *key,
		      uint64_t addr, uint64_t n, size_t size,
		      decode_struct_fn fn);
/* An iovec array of n entries; data shown up to total bytes (-1: all,
 * each cut at -s). */
void decode_put_iov(struct decode_call *c, struct dout *o, const char *key,
		    uint64_t addr, uint64_t n, int64_t total);
/* A signal mask of size bytes at addr (decode/sigset.c): [HUP INT TERM],
 * or ~[KILL STOP] when more than half the signals are in it; JSON: the
 * array of the signals in it. The address when size is not 8 (the
 * kernel's sigset_t) or the memory cannot be read. */
void decode_put_sigset(struct decode_call *c, struct dout *o, const char *key,
		       uint64_t addr, uint64_t size);
/* A signal number: "SIGTERM", or the number. */
void decode_put_signal(struct dout *o, const char *key, int64_t sig);
/* The name of a signal ("SIGTERM"), or NULL. */
const char *decode_signal_name(int64_t sig);
/* Its name as strace writes it: SIGTERM, SIGRTMIN, SIGRT_2, else the
 * number (written into buf of size bytes, 24 are enough). */
const char *decode_signal_text(int64_t sig, char *buf, size_t size);
/* The name of an errno value ("ENOENT"), or NULL. */
const char *decode_errno_name(int64_t err);
/* Its message, including the kernel's internal restart codes. */
const char *decode_errno_text(int64_t err);

/* Shared by the net, poll, fdkinds and misc families. */
/* A struct sockaddr of len bytes (bounded): {sa_family=AF_INET, ...}. */
void decode_put_sockaddr(struct decode_call *c, struct dout *o, const char *key,
			 uint64_t addr, uint64_t len);
/* socket()'s protocol as its family names it: IPPROTO_TCP, NETLINK_ROUTE,
 * htons(ETH_P_ALL), else the number. */
void decode_put_sockproto(struct dout *o, const char *key, int family,
			  uint64_t proto);
/* A socket option's level (SOL_SOCKET) and name (SO_REUSEADDR, TCP_NODELAY,
 * a number for levels without names). */
void decode_put_sol_level(struct dout *o, const char *key, uint32_t level);
void decode_put_sockopt(struct dout *o, const char *key, uint32_t level,
			uint32_t name);
/* struct timespec / struct timeval at addr: {tv_sec=1, tv_nsec=0}. */
void decode_put_timespec(struct decode_call *c, struct dout *o, const char *key,
			 uint64_t addr);
void decode_put_timeval(struct decode_call *c, struct dout *o, const char *key,
			uint64_t addr);
/* One value of an enumeration: its name, else as strace shows an unknown
 * value: the number in hex and a comment naming the kind (unknown, e.g.
 * "AF_???"). JSON: the name, else the number. */
void decode_put_xlat(struct dout *o, const char *key, uint64_t v,
		     const struct flag_name *names, const char *unknown);
/* Names for decode_put_xlat: address families (AF_*), clocks (CLOCK_*). */
extern const struct flag_name decode_address_families[];
extern const struct flag_name decode_clock_names[];

#endif
