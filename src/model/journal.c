#include "model/journal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <systemd/sd-id128.h>
#include <systemd/sd-journal.h>
#include <time.h>
#include <unistd.h>

#include "base/escape.h"
#include "base/xalloc.h"

/* The process start comes from the boot time in whole seconds: allow
 * for its rounding (and a little clock slew) before calling an entry
 * older than the process. */
#define SINCE_MARGIN_USEC (2 * 1000000ull)
/* How often journal_follow looks at the stop flag. */
#define FOLLOW_TICK_USEC 250000ull

static const char *const journal_dirs[] = { "/run/log/journal",
					    "/var/log/journal" };

void log_lines_init(struct log_lines *l)
{
	memset(l, 0, sizeof(*l));
}

static void log_line_release(struct log_line *line)
{
	free(line->ident);
	free(line->hostname);
	free(line->message);
	memset(line, 0, sizeof(*line));
}

void log_lines_release(struct log_lines *l)
{
	for (size_t i = 0; i < l->count; i++)
		log_line_release(&l->v[i]);
	free(l->v);
	free(l->cursor);
	log_lines_init(l);
}

const char *journal_match_name(enum journal_match m)
{
	switch (m) {
	case JOURNAL_BY_UNIT:
		return "unit";
	case JOURNAL_BY_USER_UNIT:
		return "user unit";
	case JOURNAL_BY_PID:
		return "pid";
	case JOURNAL_BY_NONE:
		break;
	}
	return "none";
}

static uint64_t now_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* Whether this machine has system journal files (or directories) that
 * the caller may not read: sd-journal skips them without a word. */
static bool system_journal_unreadable(void)
{
	char mid[SD_ID128_STRING_MAX], path[128];
	sd_id128_t id;
	struct stat st;

	if (sd_id128_get_machine(&id) < 0)
		return false;
	sd_id128_to_string(id, mid);
	for (size_t i = 0; i < sizeof(journal_dirs) / sizeof(*journal_dirs);
	     i++) {
		snprintf(path, sizeof(path), "%s/%s", journal_dirs[i], mid);
		if (stat(path, &st) != 0) {
			if (errno == EACCES)
				return true; /* cannot even look */
			continue;
		}
		if (!S_ISDIR(st.st_mode))
			continue;
		if (access(path, R_OK | X_OK) != 0)
			return true;
		snprintf(path, sizeof(path), "%s/%s/system.journal",
			 journal_dirs[i], mid);
		if (access(path, F_OK) == 0 && access(path, R_OK) != 0)
			return true;
	}
	return false;
}

/* Opens the local journal; -ENOENT when it has no file at all, -EACCES
 * when it has files but none this user may read. */
static int journal_open_local(sd_journal **jp, bool *system_unreadable)
{
	int r = sd_journal_open(jp, SD_JOURNAL_LOCAL_ONLY);

	*system_unreadable = system_journal_unreadable();
	if (r < 0)
		return r;
	if (sd_journal_has_runtime_files(*jp) <= 0 &&
	    sd_journal_has_persistent_files(*jp) <= 0) {
		sd_journal_close(*jp);
		*jp = NULL;
		return *system_unreadable ? -EACCES : -ENOENT;
	}
	/* whole messages: the default threshold cuts them at 64 KiB */
	sd_journal_set_data_threshold(*jp, 0);
	return 0;
}

static int add_match(sd_journal *j, const char *field, const char *value)
{
	struct strbuf sb = STRBUF_INIT;
	int r;

	strbuf_addf(&sb, "%s=%s", field, value);
	r = sd_journal_add_match(j, sb.buf, sb.len);
	strbuf_release(&sb);
	return r;
}

static int add_match_num(sd_journal *j, const char *field, long long v)
{
	char num[24];

	snprintf(num, sizeof(num), "%lld", v);
	return add_match(j, field, num);
}

/* Installs the match for by: terms within one group must all hold,
 * groups are alternatives. */
static int set_matches(sd_journal *j, const struct journal_query *q,
		       enum journal_match by)
{
	char boot[SD_ID128_STRING_MAX];
	sd_id128_t id;
	int r = 0;

	sd_journal_flush_matches(j);
	switch (by) {
	case JOURNAL_BY_UNIT:
		/* what it wrote; what systemd said about it; what
		 * privileged helpers (coredumps) said about it */
		if ((r = add_match(j, "_SYSTEMD_UNIT", q->unit)) < 0 ||
		    (r = sd_journal_add_disjunction(j)) < 0 ||
		    (r = add_match(j, "_PID", "1")) < 0 ||
		    (r = add_match(j, "UNIT", q->unit)) < 0 ||
		    (r = sd_journal_add_disjunction(j)) < 0 ||
		    (r = add_match(j, "_UID", "0")) < 0 ||
		    (r = add_match(j, "OBJECT_SYSTEMD_UNIT", q->unit)) < 0)
			return r;
		break;
	case JOURNAL_BY_USER_UNIT:
		/* another user may have a unit of the same name */
		if ((r = add_match(j, "_SYSTEMD_USER_UNIT", q->unit)) < 0 ||
		    (r = add_match_num(j, "_UID", (long long)q->uid)) < 0 ||
		    (r = sd_journal_add_disjunction(j)) < 0 ||
		    (r = add_match(j, "USER_UNIT", q->unit)) < 0 ||
		    (r = add_match_num(j, "_UID", (long long)q->uid)) < 0)
			return r;
		break;
	case JOURNAL_BY_PID:
		if ((r = add_match_num(j, "_PID", (long long)q->pid)) < 0)
			return r;
		/* the pid names this process in this boot only */
		if (sd_id128_get_boot(&id) >= 0) {
			sd_id128_to_string(id, boot);
			r = add_match(j, "_BOOT_ID", boot);
		}
		break;
	case JOURNAL_BY_NONE:
		return -EINVAL;
	}
	return r < 0 ? r : 0;
}

/* The value of field in the current entry, or NULL (missing, or an
 * entry that cannot be read). */
static const char *field_value(sd_journal *j, const char *field, size_t *len)
{
	size_t flen = strlen(field), dlen;
	const void *data;

	if (sd_journal_get_data(j, field, &data, &dlen) < 0 || dlen <= flen ||
	    ((const char *)data)[flen] != '=')
		return NULL;
	*len = dlen - flen - 1;
	return (const char *)data + flen + 1;
}

static char *field_dup(sd_journal *j, const char *field)
{
	size_t len;
	const char *v = field_value(j, field, &len);

	return v ? xstrndup(v, len) : NULL;
}

static long long field_num(sd_journal *j, const char *field, long long max)
{
	size_t len;
	const char *v = field_value(j, field, &len);
	long long n = 0;

	if (!v || !len || len > 19)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (v[i] < '0' || v[i] > '9')
			return -1;
		n = n * 10 + (v[i] - '0');
	}
	return n <= max ? n : -1;
}

/* Reads the current entry into line. */
static int read_entry(sd_journal *j, struct log_line *line)
{
	long long pid;
	size_t len;
	const char *msg;
	int r;

	memset(line, 0, sizeof(*line));
	r = sd_journal_get_realtime_usec(j, &line->realtime_usec);
	if (r < 0)
		return r;
	msg = field_value(j, "MESSAGE", &len);
	if (!msg) {
		msg = "";
		len = 0;
	}
	line->message = xmalloc(len + 1);
	memcpy(line->message, msg, len);
	line->message[len] = '\0';
	line->message_len = len;
	pid = field_num(j, "_PID", 0x7fffffff);
	if (pid <= 0)
		pid = field_num(j, "SYSLOG_PID", 0x7fffffff);
	line->pid = pid > 0 ? (pid_t)pid : 0;
	line->ident = field_dup(j, "SYSLOG_IDENTIFIER");
	if (!line->ident)
		line->ident = field_dup(j, "_COMM");
	line->hostname = field_dup(j, "_HOSTNAME");
	line->priority = (int)field_num(j, "PRIORITY", 7);
	return 0;
}

/* Whether the current entry is older than the process (by pid only). */
static bool before_process(sd_journal *j, const struct journal_query *q,
			   enum journal_match by)
{
	uint64_t t;

	if (by != JOURNAL_BY_PID || q->since_usec <= SINCE_MARGIN_USEC)
		return false;
	return sd_journal_get_realtime_usec(j, &t) >= 0 &&
	       t < q->since_usec - SINCE_MARGIN_USEC;
}

static void push_line(struct log_lines *l, struct log_line *line)
{
	if (l->count == l->alloc)
		l->v = xgrow(l->v, &l->alloc, l->count + 1, sizeof(*l->v));
	l->v[l->count++] = *line;
}

/* Walks back from the end, keeping up to n entries (newest first for
 * now). Returns how many entries matched (it looks at one even for n 0,
 * to tell whether the match finds anything), or -errno. */
static int collect(sd_journal *j, const struct journal_query *q,
		   enum journal_match by, size_t n, struct log_lines *out)
{
	size_t want = n ? n : 1;
	int found = 0, r;

	r = sd_journal_seek_tail(j);
	if (r < 0)
		return r;
	while ((size_t)found < want) {
		struct log_line line;

		r = sd_journal_previous(j);
		if (r < 0) /* a damaged file: keep what was read */
			return found ? found : r;
		if (r == 0 || before_process(j, q, by))
			break;
		if (!found && out->cursor == NULL)
			sd_journal_get_cursor(j, &out->cursor);
		found++;
		if (out->count >= n)
			continue;
		if (read_entry(j, &line) < 0) {
			log_line_release(&line);
			continue;
		}
		push_line(out, &line);
	}
	/* oldest first */
	for (size_t a = 0, b = out->count; a + 1 < b; a++, b--) {
		struct log_line t = out->v[a];

		out->v[a] = out->v[b - 1];
		out->v[b - 1] = t;
	}
	return found;
}

/* The matches to try, in order: the unit, then the pid. */
static size_t plan(const struct journal_query *q, enum journal_match *by)
{
	size_t k = 0;

	if (q->unit && *q->unit)
		by[k++] = q->user_unit ? JOURNAL_BY_USER_UNIT : JOURNAL_BY_UNIT;
	if (q->pid > 0)
		by[k++] = JOURNAL_BY_PID;
	return k;
}

int journal_tail(const struct journal_query *q, size_t n, struct log_lines *out)
{
	enum journal_match by[2];
	size_t nby = plan(q, by);
	sd_journal *j = NULL;
	int r;

	log_lines_init(out);
	out->read_usec = now_usec();
	r = journal_open_local(&j, &out->system_unreadable);
	if (r < 0)
		return r;
	for (size_t i = 0; i < nby; i++) {
		out->matched = by[i];
		r = set_matches(j, q, by[i]);
		if (r < 0)
			break;
		r = collect(j, q, by[i], n, out);
		if (r != 0)
			break;
	}
	sd_journal_close(j);
	if (r < 0) {
		enum journal_match m = out->matched;

		log_lines_release(out);
		out->matched = m;
		return r;
	}
	return 0;
}

/* Positions j just before the first entry to report. */
static int follow_start(sd_journal *j, const struct log_lines *after,
			bool *deliver_current)
{
	int r;

	*deliver_current = false;
	if (after && after->cursor) {
		r = sd_journal_seek_cursor(j, after->cursor);
		if (r < 0)
			return r;
		r = sd_journal_next(j);
		if (r <= 0)
			return r;
		/* the entry shown last is skipped; if it is gone (rotated
		 * away), the nearest one is new */
		*deliver_current =
			sd_journal_test_cursor(j, after->cursor) <= 0;
		return 0;
	}
	return sd_journal_seek_realtime_usec(j, after ? after->read_usec
						      : now_usec());
}

int journal_follow(const struct journal_query *q, const struct log_lines *after,
		   int (*cb)(const struct log_line *, void *), void *arg,
		   volatile sig_atomic_t *stop)
{
	enum journal_match by[2];
	enum journal_match m;
	bool unreadable, current;
	sd_journal *j = NULL;
	int r;

	if (after && after->matched != JOURNAL_BY_NONE)
		m = after->matched;
	else if (plan(q, by) > 0)
		m = by[0];
	else
		return -EINVAL;
	r = journal_open_local(&j, &unreadable);
	if (r < 0)
		return r;
	/* watch the files from now on, so no entry slips by */
	r = sd_journal_get_fd(j);
	if (r >= 0)
		r = set_matches(j, q, m);
	if (r >= 0)
		r = follow_start(j, after, &current);
	while (r >= 0 && !*stop) {
		struct log_line line;

		if (!current) {
			r = sd_journal_next(j);
			if (r < 0)
				break;
		}
		if (current || r > 0) {
			current = false;
			if (before_process(j, q, m) || read_entry(j, &line) < 0)
				continue;
			r = cb(&line, arg);
			log_line_release(&line);
			if (r)
				break;
			continue;
		}
		r = sd_journal_wait(j, FOLLOW_TICK_USEC);
		if (r == -EINTR)
			r = 0;
	}
	sd_journal_close(j);
	if (r < 0)
		return r;
	return *stop ? 0 : r;
}

void log_line_format(const struct log_line *l, struct strbuf *out)
{
	time_t t = (time_t)(l->realtime_usec / 1000000u);
	char when[32];
	struct tm tm;

	if (localtime_r(&t, &tm) &&
	    strftime(when, sizeof(when), "%b %d %H:%M:%S", &tm))
		strbuf_adds(out, when);
	else
		strbuf_adds(out, "?");
	strbuf_addc(out, ' ');
	if (l->hostname) {
		escape_text(out, l->hostname, strlen(l->hostname),
			    ESCAPE_SPACE);
		strbuf_addc(out, ' ');
	}
	if (l->ident)
		escape_text(out, l->ident, strlen(l->ident), 0);
	if (l->pid > 0)
		strbuf_addf(out, "[%d]", (int)l->pid);
	if (l->ident || l->pid > 0)
		strbuf_adds(out, ": ");
	escape_text(out, l->message, l->message_len, 0);
}

void log_line_emit(const struct log_line *l, struct sink *s)
{
	sink_begin_object(s, NULL);
	sink_u64(s, "time", l->realtime_usec);
	if (l->pid > 0)
		sink_i64(s, "pid", l->pid);
	else
		sink_null(s, "pid");
	sink_cstr(s, "ident", l->ident);
	sink_cstr(s, "hostname", l->hostname);
	if (l->priority >= 0)
		sink_i64(s, "priority", l->priority);
	else
		sink_null(s, "priority");
	sink_str(s, "message", l->message, l->message_len);
	sink_end_object(s);
}
