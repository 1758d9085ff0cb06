/* A process's entries in the systemd journal, read with libsystemd's
 * sd-journal: the last n, or every new one as it arrives.
 *
 * Which entries: a process in a system unit matches by the unit (its own
 * output, and what systemd said about it); in a user unit by the user
 * unit and the uid; anything else (started by hand, a login scope) by
 * _PID in the current boot, from the process's start on, so entries of
 * an earlier process with the same pid are left out. When the unit
 * matches nothing, journal_tail tries the pid (a journald that runs
 * without systemd as PID 1 records no unit).
 *
 * The system journal and the current user's journals are read (system
 * files live in /run/log/journal while journald keeps them in memory, e.g.
 * when started by hand, and in /var/log/journal once flushed). Library
 * code: errors are return values, nothing is printed. */
#ifndef DSCOPE_MODEL_JOURNAL_H
#define DSCOPE_MODEL_JOURNAL_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "base/strbuf.h"
#include "render/sink.h"

struct log_line {
	uint64_t realtime_usec; /* when journald received it */
	pid_t pid;		/* _PID, else SYSLOG_PID; 0 when unknown */
	char *ident;	/* SYSLOG_IDENTIFIER, else _COMM; NULL when neither */
	char *hostname; /* _HOSTNAME; NULL when missing */
	char *message;	/* raw bytes, NUL-terminated for convenience, but
			 * may hold NULs and invalid UTF-8: use message_len */
	size_t message_len;
	int priority; /* 0 (emerg) .. 7 (debug); -1 unknown */
};

/* How the entries were matched (journal_tail says which one found them). */
enum journal_match {
	JOURNAL_BY_NONE,
	JOURNAL_BY_UNIT,      /* _SYSTEMD_UNIT (system) */
	JOURNAL_BY_USER_UNIT, /* _SYSTEMD_USER_UNIT + _UID */
	JOURNAL_BY_PID,	      /* _PID in this boot */
};

struct journal_query {
	const char *unit; /* a unit name, or NULL: match by pid */
	bool user_unit;	  /* unit is a user unit of uid */
	uid_t uid;	  /* the process's uid (user units) */
	pid_t pid;	  /* the process (0: no pid match) */
	/* Wall-clock start of the process in microseconds since the epoch,
	 * 0 when unknown: pid-matched entries older than this (less a
	 * margin for the second-granular boot time) belong to another
	 * process that had the same pid. */
	uint64_t since_usec;
};

struct log_lines {
	struct log_line *v; /* oldest first */
	size_t count, alloc;
	enum journal_match
		matched; /* which match found v (or was tried last) */
	/* The position after v's last entry, for journal_follow to go on
	 * from without a gap: the cursor of the last entry (NULL when none)
	 * and the wall-clock time the read began. */
	char *cursor;
	uint64_t read_usec;
	/* Some of the system journal exists but this user may not read
	 * it (not root, not in group systemd-journal or adm): entries may
	 * be missing. */
	bool system_unreadable;
};

void log_lines_init(struct log_lines *l);
void log_lines_release(struct log_lines *l);

/* Reads the last n matching entries into out (initialized here).
 * Returns 0 (possibly with no entries), -ENOENT when there is no journal
 * at all (journald never ran), -EACCES when journal files exist but none
 * is readable, or another -errno. */
int journal_tail(const struct journal_query *q, size_t n,
		 struct log_lines *out);

/* Calls cb for each new entry that matches q, with the match of after
 * (journal_tail's result: entries after its last one; NULL: from now on;
 * after->matched overrides q's unit so that following goes on with the
 * match that found the entries shown), until cb returns non-zero or
 * *stop is set (checked at least every quarter second, so a signal
 * handler can set it). Returns 0 when stopped, cb's non-zero value, or
 * -errno. The line passed to cb lives until cb returns. */
int journal_follow(const struct journal_query *q, const struct log_lines *after,
		   int (*cb)(const struct log_line *, void *), void *arg,
		   volatile sig_atomic_t *stop);

/* Appends one line like journalctl -o short, untrusted parts escaped and
 * no newline: "Nov 25 10:08:02 host ident[pid]: message". */
void log_line_format(const struct log_line *l, struct strbuf *out);
/* Emits one entry as an object: time (usec), pid, ident, hostname,
 * priority, message. */
void log_line_emit(const struct log_line *l, struct sink *s);
/* "unit", "user unit", "pid" or "none". */
const char *journal_match_name(enum journal_match m);

#endif
