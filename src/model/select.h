/* Choosing processes by pid or name, as every command that takes
 * PID|NAME does. A name matches the command name (comm), the executable's
 * basename or argv[0]'s basename. */
#ifndef DSCOPE_MODEL_SELECT_H
#define DSCOPE_MODEL_SELECT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "model/process.h"

struct selector {
	pid_t pid; /* > 0: match this pid */
	const char *name; /* else match this name */
	size_t matches;
};

struct selection {
	struct selector *items;
	size_t count, alloc;
	/* Names match no zombie: it has no fds, memory or logs left to look
	 * at, and would make a name seem to match two processes. */
	bool live_only;
};

void selection_init(struct selection *s);
void selection_release(struct selection *s);
/* Adds "123" as a pid or anything else as a name. */
void selection_add_arg(struct selection *s, const char *arg);
/* Adds a comma-separated pid list; returns -EINVAL on anything that is
 * not a positive pid (the list is then left partly added). */
int selection_add_pid_list(struct selection *s, const char *list);
/* Whether p matches any selector; counts the match on each that does. */
bool selection_match(struct selection *s, const struct process *p);
/* The pids named by pid selectors (for collecting just those). */
size_t selection_pids(const struct selection *s, pid_t *out, size_t max);
/* True when every selector is a pid (no full scan needed). */
bool selection_only_pids(const struct selection *s);

#endif
