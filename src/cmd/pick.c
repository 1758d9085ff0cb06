#include "cmd/pick.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/escape.h"
#include "cmd/cmd.h"
#include "model/select.h"

/* The most candidates listed when a NAME matches several. */
#define AMBIGUOUS_SHOWN 20

static void put_escaped(struct strbuf *sb, const char *s, size_t len)
{
	strbuf_reset(sb);
	escape_text(sb, s, len, 0);
}

static void list_matches(const struct process_table *t, const char *name,
			 size_t total)
{
	struct strbuf line = STRBUF_INIT;
	struct selection sel;
	size_t shown = 0;

	selection_init(&sel);
	sel.live_only = true;
	selection_add_arg(&sel, name);

	put_escaped(&line, name, strlen(name));
	cmd_error("%zu processes match '%s'; give a PID:", total, line.buf);
	for (size_t i = 0; i < t->count && shown < AMBIGUOUS_SHOWN; i++) {
		const struct process *p = &t->procs[i];

		if (!selection_match(&sel, p))
			continue;
		if (p->cmdline && p->cmdline_len)
			put_escaped(&line, p->cmdline, p->cmdline_len);
		else
			put_escaped(&line, p->stat.comm, strlen(p->stat.comm));
		fprintf(stderr, "  %7d  %s\n", (int)p->stat.pid, line.buf);
		shown++;
	}
	if (total > shown)
		fprintf(stderr, "  ... and %zu more\n", total - shown);
	strbuf_release(&line);
	selection_release(&sel);
}

static void say_missing(const char *arg, pid_t pid, unsigned flags)
{
	struct strbuf sb = STRBUF_INIT;

	if (pid > 0) {
		cmd_error("no process with pid %d", (int)pid);
		return;
	}
	put_escaped(&sb, arg, strlen(arg));
	if (flags & PICK_MAYBE_COMMAND)
		cmd_error("'%s' is neither a dscope command nor a process "
			  "(see dscope --help)", sb.buf);
	else
		cmd_error("no process named '%s'", sb.buf);
	strbuf_release(&sb);
}

int cmd_pick_one(const struct procfs *fs, const char *arg, unsigned fields,
		 unsigned flags, struct picked *out)
{
	struct selection sel;
	struct process_table t;
	const struct process *found = NULL;
	pid_t pid;
	int err, rc = EXIT_FAIL;

	memset(out, 0, sizeof(*out));
	selection_init(&sel);
	sel.live_only = true;
	selection_add_arg(&sel, arg);
	pid = sel.items[0].pid;
	/* a pid is read alone; a name is matched on every process's
	 * command line and executable, then the one found is read in full */
	if (pid > 0)
		err = process_table_collect_pids(fs, fields, &pid, 1, &t);
	else
		err = process_table_collect(fs, PROCESS_CMDLINE | PROCESS_EXE,
					    &t);
	if (err) {
		cmd_error("cannot list processes: %s", strerror(-err));
		selection_release(&sel);
		return EXIT_FAIL;
	}
	for (size_t i = 0; i < t.count; i++)
		if (selection_match(&sel, &t.procs[i]) && !found)
			found = &t.procs[i];
	if (!found) {
		say_missing(arg, pid, flags);
	} else if (sel.items[0].matches > 1) {
		list_matches(&t, arg, sel.items[0].matches);
	} else if (pid > 0) {
		out->proc = *found;
		memset(&t.procs[0], 0, sizeof(t.procs[0])); /* moved */
		rc = EXIT_OK;
	} else {
		err = process_read(fs, found->stat.pid, fields, &out->proc);
		if (!err && out->proc.stat.starttime != found->stat.starttime) {
			process_release(&out->proc);
			err = -ENOENT;
		}
		if (err == -ENOENT)
			cmd_error("no process with pid %d (it exited)",
				  (int)found->stat.pid);
		else if (err)
			cmd_error("cannot read process %d: %s",
				  (int)found->stat.pid, strerror(-err));
		else
			rc = EXIT_OK;
	}
	out->boot_time = t.boot_time;
	out->ticks_per_second = t.ticks_per_second;
	process_table_release(&t);
	selection_release(&sel);
	return rc;
}

void picked_release(struct picked *p)
{
	process_release(&p->proc);
}

uint64_t picked_start_usec(const struct picked *p)
{
	if (!p->boot_time || p->ticks_per_second <= 0)
		return 0;
	return p->boot_time * 1000000u + p->proc.stat.starttime * 1000000u /
						 (uint64_t)p->ticks_per_second;
}
