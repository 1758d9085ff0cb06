/* What memory a call's decoders read, said as data, so that a backend
 * that cannot read tracee memory later (eBPF: the call is over when its
 * record is read) captures it while the call runs. The plain argument
 * kinds say it themselves (a path, a string, a buffer); a decoder
 * function says it with a shape in the table of its family, next to it.
 *
 * A plan is at most CAPTURE_REGIONS regions per syscall. A region is read
 * at entry (what the caller gave) or at exit (what the kernel wrote),
 * from the address in an argument, for a length the plan computes from
 * the call. */
#ifndef DSCOPE_DECODE_CAPTURE_H
#define DSCOPE_DECODE_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/decode.h"

#define CAPTURE_REGIONS 4
/* Region.arg: the argument the decoder function is called for. */
#define CAPTURE_SELF 0xff

enum capture_kind {
	CAPTURE_NONE = 0, /* ends a shape's regions */
	CAPTURE_BYTES,	  /* length bytes */
	CAPTURE_STR,	  /* a NUL-terminated string of at most max bytes */
	/* an array of length struct iovec, and the first max bytes of each
	 * buffer (at most CAPTURE_IOV_MAX of them) */
	CAPTURE_IOV,
	/* a NULL-ended array of string pointers (argv): the pointers, and
	 * each string (at most max bytes, at most CAPTURE_STRV_MAX) */
	CAPTURE_STRV,
	/* a struct msghdr: its name, its iovecs and their buffers (max bytes
	 * each), its control data */
	CAPTURE_MSGHDR,
};

enum capture_when {
	CAPTURE_ENTRY = 1,
	CAPTURE_EXIT = 2,
	CAPTURE_BOTH = 3, /* read at entry and again at exit (poll's fds) */
};

/* How long a region is, in units of size bytes. */
enum capture_len {
	CAPTURE_LEN_CONST = 0, /* one unit */
	CAPTURE_LEN_ARG,       /* args[len_arg] units */
	CAPTURE_LEN_RET,       /* ret units (nothing when the call failed) */
	CAPTURE_LEN_DEREF,     /* the u32 at args[len_arg] (a socklen_t *) */
	CAPTURE_LEN_BITS,      /* args[len_arg] bits, in whole longs (fd_set) */
	CAPTURE_LEN_PAGE, /* to the end of the address's page, and the next page
			   */
};

struct capture_region {
	unsigned char arg;  /* its address is args[arg]; CAPTURE_SELF */
	unsigned char kind; /* enum capture_kind */
	unsigned char when; /* enum capture_when */
	unsigned char len;  /* enum capture_len */
	unsigned char len_arg;
	unsigned size; /* bytes per unit (1 when 0) */
	/* at most this many bytes (0: no limit but the backend's;
	 * CAPTURE_STRSIZE: -s); CAPTURE_STR: the longest string shown */
	unsigned max;
};

#define CAPTURE_STRSIZE 0xffffffffu

/* The capture of a decoder function (decode_arg_fn, decode_call_fn or
 * decode_note_fn): a family's table of them ends with { NULL }. */
struct capture_shape {
	const void *fn;
	struct capture_region r[CAPTURE_REGIONS];
};

/* Limits the kernel side keeps to (bpf/trace.h repeats them). */
#define CAPTURE_IOV_MAX	 16
#define CAPTURE_STRV_MAX 32

/* What to capture of one call. */
struct capture_plan {
	struct capture_region r[CAPTURE_REGIONS];
	int n; /* regions */
	/* bit i: args[i] is an fd the decoders name, so the backend says
	 * what it is as the call saw it; ret_fd: the result is one */
	unsigned char fd_args;
	/* of fd_args, those said (always) as the call left them: the call
	 * changes what its fd holds (connect, bind, listen, shutdown,
	 * timerfd_settime) */
	unsigned char fd_args_exit;
	/* CAPTURE_RET_FD: the result is an fd; _DUPFD: when the command
	 * (args[1]) is F_DUPFD or F_DUPFD_CLOEXEC (fcntl) */
	enum capture_ret_fd { CAPTURE_RET_FD = 1, CAPTURE_RET_FD_DUPFD } ret_fd;
	/* what could not be read at entry may be read at exit (not for
	 * execve: by then the memory is another program's) */
	bool refetch;
	/* 1 + the argument where the call writes two new fds, 0: none */
	unsigned char fd_pair_arg;
	/* args[0] is a pollfd array (poll, ppoll) whose fds the decoders
	 * name: the backend says what they are too */
	bool fd_poll;
	/* args[1..3] are fd_sets (select, pselect6): the same for their fds */
	bool fd_sets;
	/* args[1] is a msghdr (recvmsg) whose SCM_RIGHTS control messages
	 * bring new fds: the backend says what they are at exit */
	bool fd_cmsg;
};

/* The plan of a call, resolved for -s of strsize bytes: arg is never
 * CAPTURE_SELF, max is the bytes to read at most (a string's with its NUL
 * and one more byte, to tell it goes on), never 0 or CAPTURE_STRSIZE.
 * Returns whether there is anything to capture (false without a spec). */
bool decode_capture_plan(const struct syscall_spec *s, size_t strsize,
			 struct capture_plan *plan);

#endif
