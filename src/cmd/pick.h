/* Picking the one process a command about one process (logs, inspect)
 * is about, from a PID or NAME argument. Prints its own errors (cmd/
 * code): a NAME matching several processes lists them. */
#ifndef DSCOPE_CMD_PICK_H
#define DSCOPE_CMD_PICK_H

#include <stdint.h>

#include "model/process.h"

struct picked {
	struct process proc; /* read with the fields asked for */
	uint64_t boot_time;  /* seconds since the epoch; 0 when unknown */
	long ticks_per_second;
};

enum pick_flags {
	/* arg came as "dscope ARG": a name that is no process may be a
	 * mistyped command, and the message says so */
	PICK_MAYBE_COMMAND = 1 << 0,
};

/* Reads the process arg names ("123" or a name, matched as select.h
 * says) with fields. Returns EXIT_OK, or EXIT_FAIL after saying why
 * (no such process, several match, it exited). */
int cmd_pick_one(const struct procfs *fs, const char *arg, unsigned fields,
		 unsigned flags, struct picked *out);
void picked_release(struct picked *p);

/* The process's start as microseconds since the epoch; 0 when unknown. */
uint64_t picked_start_usec(const struct picked *p);

#endif
