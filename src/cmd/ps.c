/* dscope ps: the process table a daemon hunter wants. */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "cmd/cmd.h"
#include "decode/syscall_table.h"
#include "model/daemon.h"
#include "model/process.h"
#include "model/psinfo.h"
#include "model/select.h"
#include "model/tty.h"
#include "model/unit.h"
#include "render/sink_json.h"
#include "render/sink_table.h"

static const char ps_usage[] =
	"Usage: dscope ps [OPTIONS] [PID|NAME]...\n"
	"List processes with the daemon verdict, what each waits in, and its unit.\n"
	"\n"
	"  -a, --all          also show kernel threads\n"
	"  -d, --daemons      show daemons only\n"
	"  -p, --pid LIST     show these pids (comma-separated; repeatable)\n"
	"  -v, --verbose      show the daemon criteria under each process\n"
	"      --json         JSON output (one object, \"processes\" array)\n"
	"      --color[=WHEN] color: auto (default), always, never\n"
	"      --proc-root DIR  read processes from DIR instead of /proc\n"
	"  -h, --help         show this help\n"
	"\n"
	"NAME matches the command name, the executable's name or argv[0].\n"
	"Exit status: 0 success, 1 a PID or NAME matched nothing, 2 usage error.\n";

struct ps_options {
	bool all, daemons_only, verbose;
	struct selection sel;
};

/* Cache of uid -> user name; getpwuid is slow enough to matter per row. */
struct user_cache {
	uid_t uid[64];
	char *name[64];
	size_t count;
};

static const char *user_name(struct user_cache *c, uid_t uid, char *buf,
			     size_t size)
{
	struct passwd *pw;
	size_t i;

	for (i = 0; i < c->count; i++)
		if (c->uid[i] == uid)
			return c->name[i];
	pw = getpwuid(uid);
	if (!pw) {
		snprintf(buf, size, "%u", (unsigned)uid);
		return buf;
	}
	if (c->count == sizeof(c->uid) / sizeof(*c->uid))
		return pw->pw_name;
	c->uid[c->count] = uid;
	c->name[c->count] = xstrdup(pw->pw_name);
	return c->name[c->count++];
}

static void user_cache_release(struct user_cache *c)
{
	for (size_t i = 0; i < c->count; i++)
		free(c->name[i]);
}

/* WAIT: the syscall it is blocked in, "running", or the kernel function
 * it sleeps in when it is not in a syscall. NULL when unknown. */
static const char *wait_text(const struct process *p, char *buf, size_t size)
{
	if (p->stat.state == 'Z')
		return "zombie";
	if (p->syscall_err) {
		if (p->wchan && *p->wchan)
			return p->wchan;
		return NULL;
	}
	switch (p->syscall.state) {
	case PROC_SYSCALL_RUNNING:
		return "running";
	case PROC_SYSCALL_IN:
		return syscall_table_format(syscall_arch_native(), p->syscall.nr,
					    buf, size);
	case PROC_SYSCALL_NONE:
		break;
	}
	return p->wchan && *p->wchan ? p->wchan : "-";
}

static void emit_criteria(struct sink *s, const struct process *p,
			  const struct daemon_verdict *v)
{
	sink_begin_object(s, "daemon_criteria");
	sink_bool(s, "no_tty", v->no_tty);
	sink_cstr(s, "session", daemon_session_name(v->session));
	sink_i64(s, "session_id", p->stat.session);
	sink_cstr(s, "parent", daemon_parent_name(v->parent));
	sink_cstr(s, "stdin", daemon_stdin_name(v->stdin_kind));
	if (p->cwd)
		sink_cstr(s, "cwd", p->cwd);
	else
		sink_null(s, "cwd");
	sink_bool(s, "service_cgroup", v->service_cgroup);
	sink_end_object(s);
}

static void emit_process(struct sink *s, const struct process_table *t,
			 const struct process *p,
			 const struct daemon_verdict *v,
			 struct user_cache *users, time_t now)
{
	char buf[64], tty[32], stat[16];
	const char *wait;
	uint64_t start = psinfo_start_time(t, p);

	sink_begin_object(s, NULL);
	sink_i64(s, "pid", p->stat.pid);
	sink_i64(s, "ppid", p->stat.ppid);
	if (p->status_err) {
		sink_null(s, "user");
		sink_null(s, "uid");
	} else {
		uid_t uid = p->status.uid[1];

		sink_cstr(s, "user", user_name(users, uid, buf, sizeof(buf)));
		sink_u64(s, "uid", uid);
	}
	tty_name(p->stat.tty_nr, tty, sizeof(tty));
	sink_cstr(s, "tty", p->stat.tty_nr ? tty : NULL);
	psinfo_stat_letters(p, stat, sizeof(stat));
	sink_cstr(s, "stat", stat);
	if (start) {
		psinfo_format_start((time_t)start, now, buf, sizeof(buf));
		sink_cstr(s, "start", buf);
		sink_u64(s, "start_time", start);
	} else {
		sink_null(s, "start");
		sink_null(s, "start_time");
	}
	psinfo_format_cpu(psinfo_cpu_ms(t, p), buf, sizeof(buf));
	sink_cstr(s, "time", buf);
	sink_u64(s, "cpu_ms", psinfo_cpu_ms(t, p));
	sink_i64(s, "threads", p->stat.num_threads);
	sink_bool(s, "daemon", v->is_daemon);
	emit_criteria(s, p, v);
	wait = wait_text(p, buf, sizeof(buf));
	sink_cstr(s, "wait", wait);
	if (!p->syscall_err && p->syscall.state == PROC_SYSCALL_IN)
		sink_i64(s, "syscall_nr", p->syscall.nr);
	if (p->wchan && *p->wchan)
		sink_cstr(s, "wchan", p->wchan);
	if (p->cgroup) {
		struct unit_name unit;

		sink_cstr(s, "cgroup", p->cgroup);
		unit_from_cgroup(p->cgroup, &unit);
		if (unit.kind != UNIT_NONE) {
			sink_cstr(s, "unit", unit.name);
			sink_cstr(s, "unit_kind", unit_kind_name(unit.kind));
		}
	} else {
		sink_null(s, "cgroup");
		sink_null(s, "unit");
		sink_null(s, "unit_kind");
	}
	sink_bool(s, "kernel_thread", process_is_kernel_thread(p));
	sink_str(s, "comm", p->stat.comm, strlen(p->stat.comm));
	if (p->cmdline && p->cmdline_len) {
		sink_str(s, "command", p->cmdline, p->cmdline_len);
	} else {
		/* no argv: kernel threads and zombies, shown as [comm] like ps */
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, "[%s]", p->stat.comm);
		sink_str(s, "command", sb.buf, sb.len);
		strbuf_release(&sb);
	}
	sink_end_object(s);
}

static const char *color_daemon(const char *cell)
{
	return strcmp(cell, "yes") == 0 ? "32" : NULL;
}

static const struct table_column ps_columns[] = {
	{ "pid", "PID", TABLE_RIGHT, NULL },
	{ "ppid", "PPID", TABLE_RIGHT, NULL },
	{ "user", "USER", TABLE_LEFT, NULL },
	{ "tty", "TTY", TABLE_LEFT, NULL },
	{ "stat", "STAT", TABLE_LEFT, NULL },
	{ "start", "START", TABLE_LEFT, NULL },
	{ "time", "TIME", TABLE_RIGHT, NULL },
	{ "daemon", "DAEMON", TABLE_LEFT, color_daemon },
	{ "wait", "WAIT", TABLE_LEFT, NULL },
	{ "unit", "UNIT", TABLE_LEFT, NULL },
	{ "command", "COMMAND", TABLE_LEFT, NULL },
};

static struct sink *make_sink(const struct global_options *g,
			      const struct ps_options *o)
{
	struct table_options to = {
		.out = stdout,
		.columns = ps_columns,
		.ncolumns = sizeof(ps_columns) / sizeof(*ps_columns),
		.detail_prefix = o->verbose ? "daemon_criteria" : NULL,
		.color = options_color(g, stdout),
		.header = true,
	};
	struct winsize ws;

	if (g->json)
		return sink_json_new(stdout, true);
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
		to.width = ws.ws_col;
	return sink_table_new(&to);
}

static bool is_denied(int err)
{
	return err == -EACCES || err == -EPERM;
}

/* Whether some field was refused by the kernel. */
static bool denied(const struct process *p)
{
	return is_denied(p->syscall_err) || is_denied(p->stdin_err) ||
	       is_denied(p->cwd_err) || is_denied(p->exe_err);
}

static int render(const struct global_options *g, struct ps_options *o,
		  const struct process_table *t)
{
	/* Root is refused too, for non-dumpable processes and those of
	 * another user namespace: then "run as root" would be no help. */
	const char *note =
		geteuid() == 0
			? "some fields are unknown (?): the kernel refused "
			  "them even to root (non-dumpable processes or "
			  "another user namespace)"
			: "some fields are unknown (?): run as root to see the "
			  "syscall, stdin and cwd of other users' processes";
	struct user_cache users = { .count = 0 };
	struct sink *s = make_sink(g, o);
	size_t ndenied = 0;
	time_t now = time(NULL);
	int err;

	sink_begin_object(s, NULL);
	sink_begin_array(s, "processes");
	for (size_t i = 0; i < t->count; i++) {
		const struct process *p = &t->procs[i];
		struct daemon_verdict v;

		if (o->sel.count && !selection_match(&o->sel, p))
			continue;
		if (!o->all && !o->sel.count && process_is_kernel_thread(p))
			continue;
		daemon_judge(t, p, &v);
		if (o->daemons_only && !v.is_daemon)
			continue;
		ndenied += denied(p);
		emit_process(s, t, p, &v, &users, now);
	}
	sink_end_array(s);
	sink_begin_array(s, "notes");
	if (ndenied)
		sink_cstr(s, NULL, note);
	sink_end_array(s);
	sink_end_object(s);
	err = sink_finish(s);
	sink_free(s);
	user_cache_release(&users);
	if (err && err != -EPIPE) {
		cmd_error("cannot write output: %s", strerror(-err));
		return EXIT_FAIL;
	}
	if (ndenied && !g->json)
		cmd_error("note: %s", note);
	return EXIT_OK;
}

/* Reports selectors that matched nothing; returns whether all matched. */
static bool all_selectors_matched(const struct selection *sel)
{
	bool ok = true;

	for (size_t i = 0; i < sel->count; i++) {
		const struct selector *x = &sel->items[i];

		if (x->matches)
			continue;
		ok = false;
		cmd_error_no_match("", x);
	}
	return ok;
}

static int parse_options(int argc, char **argv, struct global_options *g,
			 struct ps_options *o)
{
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "daemons", no_argument, NULL, 'd' },
		{ "pid", required_argument, NULL, 'p' },
		{ "verbose", no_argument, NULL, 'v' },
		COMMON_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	optind = 0; /* glibc: restart getopt fully (1 keeps a half-read
		     * option cluster of an earlier parse: fuzz_options) */
	opterr = 1;
	while ((opt = getopt_long(argc, argv, ":adp:vh", longopts, NULL)) !=
	       -1) {
		int rc = cmd_standard_option("ps", opt, ps_usage, argv, g);

		if (rc == OPTION_TAKEN)
			continue;
		if (rc != OPTION_NOT_MINE)
			return rc;
		switch (opt) {
		case 'a':
			o->all = true;
			break;
		case 'd':
			o->daemons_only = true;
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'p':
			if (selection_add_pid_list(&o->sel, optarg))
				return cmd_usage_error("ps",
						       "-p takes a comma-separated list of pids, not '%s'",
						       optarg);
			break;
		}
	}
	for (int i = optind; i < argc; i++)
		selection_add_arg(&o->sel, argv[i]);
	return OPTION_TAKEN;
}

int cmd_ps(int argc, char **argv, struct global_options *g)
{
	struct ps_options o = { .all = false };
	struct process_table t;
	struct procfs fs;
	unsigned fields = PROCESS_STATUS | PROCESS_CMDLINE | PROCESS_SYSCALL |
			  PROCESS_CGROUP | PROCESS_WCHAN_FALLBACK;
	int rc, err;

	selection_init(&o.sel);
	rc = parse_options(argc, argv, g, &o);
	if (rc != OPTION_TAKEN)
		goto out;
	/* stdin and cwd do not change the verdict: read them only to show */
	if (o.verbose || g->json)
		fields |= PROCESS_CWD | PROCESS_STDIN;
	if (o.sel.count && !selection_only_pids(&o.sel))
		fields |= PROCESS_EXE;
	err = procfs_open(&fs, g->proc_root);
	if (err) {
		rc = cmd_proc_root_error(g, err);
		goto out;
	}
	err = process_table_collect(&fs, fields, &t);
	procfs_close(&fs);
	if (err) {
		cmd_error("cannot list processes in %s: %s", g->proc_root,
			  strerror(-err));
		rc = EXIT_FAIL;
		goto out;
	}
	rc = render(g, &o, &t);
	if (rc == EXIT_OK && !all_selectors_matched(&o.sel))
		rc = EXIT_FAIL;
	process_table_release(&t);
out:
	selection_release(&o.sel);
	return rc;
}
