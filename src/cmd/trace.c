/* dscope trace: live syscalls, strace-style, with every fd and the process
 * at its other end named. Options, signals and errors live here; the
 * work is trace/tracer.c over a backend (trace/backend.h). */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/pick.h"
#include "cmd/trace_options.h"
#include "trace/procthreads.h"
#include "render/trace_out.h"
#include "trace/tracer.h"

static volatile sig_atomic_t stop_requested;
/* A command under the seccomp filter keeps dscope as its tracer until it
 * ends, so signals sent to dscope are passed on to it, through a pidfd
 * (never to a newcomer with its pid); those from the terminal reach it
 * already. */
static volatile sig_atomic_t forward_pidfd = -1;

/* A stop signal that lands just before the backend's blocking wait
 * (ptrace's waitpid) would be seen only at the tracee's next event, and
 * never for a quiet one. So the handler also arms a one-shot timer whose
 * signal, caught without SA_RESTART, interrupts that wait 50 ms later. */
static timer_t wake_timer;
static int wake_signal; /* 0: no timer */

static void on_wake_signal(int sig)
{
	(void)sig; /* it only interrupts the wait */
}

static void on_stop_signal(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	if (forward_pidfd >= 0 && sig != SIGPIPE && sig != SIGALRM &&
	    si->si_code != SI_KERNEL)
		syscall(SYS_pidfd_send_signal, (int)forward_pidfd, sig, NULL,
			0);
	stop_requested = 1;
	if (wake_signal) { /* timer_settime is async-signal-safe */
		struct itimerspec in50ms = { .it_value = { 0, 50000000 } };

		timer_settime(wake_timer, 0, &in50ms, NULL);
	}
}

static void install_wake_timer(void)
{
	struct sigevent ev;
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_wake_signal;
	sigemptyset(&sa.sa_mask);
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGRTMIN + 2;
	if (sigaction(ev.sigev_signo, &sa, NULL) == 0 &&
	    timer_create(CLOCK_MONOTONIC, &ev, &wake_timer) == 0)
		wake_signal = ev.sigev_signo;
}

/* Ctrl-C and friends end the trace (detaching) instead of dscope. No
 * SA_RESTART: the wait for the next event returns at once. */
static void install_signals(void)
{
	static const int sigs[] = { SIGINT,  SIGTERM, SIGHUP,
				    SIGQUIT, SIGPIPE, SIGALRM };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_stop_signal;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	install_wake_timer();
	for (size_t i = 0; i < sizeof(sigs) / sizeof(*sigs); i++)
		sigaction(sigs[i], &sa, NULL);
}

/* Why attaching to pid failed, in words that say what to do. */
static void attach_error(pid_t pid, int err)
{
	switch (err) {
	case -ESRCH:
		cmd_error("cannot trace %d: no such process", (int)pid);
		break;
	case -EBUSY:
		cmd_error("cannot trace %d: it is already traced by process %d "
			  "(a debugger or strace); only one tracer at a time",
			  (int)pid, (int)procthreads_tracer(pid));
		break;
	case -EPERM:
	case -EACCES:
		if (geteuid() != 0)
			cmd_error("cannot trace %d: permission denied (another "
				  "user's process, or ptrace is restricted by "
				  "kernel.yama.ptrace_scope: run as root)",
				  (int)pid);
		else
			cmd_error("cannot trace %d: permission denied even for "
				  "root (a security module or ptrace_scope 3?)",
				  (int)pid);
		break;
	default:
		cmd_error("cannot trace %d: %s", (int)pid, strerror(-err));
	}
}

/* The pid a -p argument names: a number, or one process by name. */
static int resolve_target(const struct procfs *fs, const char *arg, pid_t *pid)
{
	struct picked p;
	int rc = cmd_pick_one(fs, arg, 0, 0, &p);

	if (rc != EXIT_OK)
		return rc;
	*pid = p.proc.stat.pid;
	picked_release(&p);
	return EXIT_OK;
}

/* The command's path as execv needs it, searched in PATH as a shell
 * would; NULL (and a message) when there is none. */
static char *find_command(const char *name)
{
	const char *path = getenv("PATH");
	struct stat st;

	if (strchr(name, '/')) {
		if (stat(name, &st) != 0) {
			cmd_error("cannot run '%s': %s", name, strerror(errno));
			return NULL;
		}
		return strdup(name);
	}
	for (const char *p = path ? path : "/usr/bin:/bin"; *p;) {
		const char *colon = strchr(p, ':');
		size_t len = colon ? (size_t)(colon - p) : strlen(p);
		char *full = malloc(len + strlen(name) + 2);

		if (!full)
			return NULL;
		snprintf(full, len + strlen(name) + 2, "%.*s/%s", (int)len,
			 len ? p : ".", name);
		if (stat(full, &st) == 0 && S_ISREG(st.st_mode) &&
		    access(full, X_OK) == 0)
			return full;
		free(full);
		p += len + (colon != NULL);
	}
	cmd_error("cannot run '%s': command not found", name);
	return NULL;
}

static void start_timer(double seconds)
{
	struct itimerval it;

	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = (time_t)seconds;
	it.it_value.tv_usec =
		(suseconds_t)((seconds - (double)(time_t)seconds) * 1e6);
	if (!it.it_value.tv_sec && !it.it_value.tv_usec)
		it.it_value.tv_usec = 1;
	setitimer(ITIMER_REAL, &it, NULL);
}

static FILE *open_output(const char *path)
{
	FILE *f;

	if (!path)
		return stderr;
	if (strcmp(path, "-") == 0)
		return stdout;
	f = fopen(path, "we");
	if (!f)
		cmd_error("cannot write %s: %s", path, strerror(errno));
	return f;
}

/* The exit code of a launched command, as a shell reports it. */
static int command_exit_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return EXIT_FAIL;
}

static size_t threads_of(pid_t pid)
{
	pid_t *tids = NULL;
	size_t n = 0;

	if (procthreads_list(pid, &tids, &n) != 0)
		return 0;
	free(tids);
	return n;
}

static int attach_all(struct trace_backend *b, struct trace_args *a,
		      const struct procfs *fs)
{
	size_t attached = 0;

	for (size_t i = 0; i < a->ntargets; i++) {
		pid_t pid;
		int err, rc = resolve_target(fs, a->targets[i], &pid);
		bool stopped;

		if (rc != EXIT_OK)
			continue;
		stopped = procthreads_state(pid) == 'T';
		err = b->ops->attach(b, pid,
				     a->follow ? TRACE_FOLLOW_FORKS : 0);
		if (err) {
			attach_error(pid, err);
			continue;
		}
		attached++;
		if (threads_of(pid) > 1 || attached > 1)
			a->opt.pid_prefix = true;
		if (stopped)
			cmd_error("process %d is stopped; it is traced once it "
				  "continues (SIGCONT), and stays stopped when "
				  "dscope detaches",
				  (int)pid);
		else if (a->verbose)
			cmd_error("process %d attached (%s backend)", (int)pid,
				  b->ops->name);
	}
	return attached ? EXIT_OK : EXIT_FAIL;
}

static int launch(struct trace_backend *b, struct trace_args *a, pid_t *pid)
{
	struct trace_spawn_options so = {
		.flags = a->follow ? TRACE_FOLLOW_FORKS : 0,
		.only = a->seccomp && !a->opt.filter.all && !b->ops->filter
				? &a->opt.filter.set
				: NULL,
	};

	/* Children inherit the filter, and a filtered call with no tracer
	 * fails: they are traced too, and shown only with -f. */
	if (so.only)
		so.flags |= TRACE_FOLLOW_FORKS;
	char *path = find_command(a->command[0]);
	char *saved = a->command[0];
	int err;

	if (!path)
		return EXIT_FAIL;
	a->command[0] = path;
	err = b->ops->spawn(b, a->command, &so, pid);
	a->command[0] = saved;
	free(path);
	if (err) {
		cmd_error("cannot start '%s': %s", saved, strerror(-err));
		return EXIT_FAIL;
	}
	/* filtered in the kernel: the fds' changes are not all seen */
	a->opt.partial_view = a->opt.partial_view || so.only;
	a->seccomp_used = so.only != NULL;
	if (so.only && !a->follow)
		a->opt.only_pid = *pid;
	if (a->verbose)
		cmd_error("started %s as %d (%s backend%s)", saved, (int)*pid,
			  b->ops->name,
			  so.only ? ", seccomp filter in the kernel" : "");
	return EXIT_OK;
}

/* The backend --backend names, checked before anything is opened; auto
 * (NULL) is chosen as it is made. */
static int pick_backend(const struct trace_args *a,
			const struct trace_backend_ops **opsp)
{
	const struct trace_backend_ops *ops;
	char why[256];

	*opsp = NULL;
	if (strcmp(a->backend, "auto") == 0)
		return EXIT_OK;
	ops = trace_backend_find(a->backend);
	if (!ops)
		return cmd_usage_error(
			"trace", "unknown backend '%s' (auto, ptrace, ebpf)",
			a->backend);
	if (ops->probe(why, sizeof(why)) != 0) {
		cmd_error("the %s backend cannot run here: %s", ops->name, why);
		return EXIT_FAIL;
	}
	if (a->verbose)
		cmd_error("backend %s", ops->name);
	*opsp = ops;
	return EXIT_OK;
}

/* The backend made, or NULL and why. auto is eBPF where it loads (it
 * never stops the traced process, and costs it far less), else ptrace;
 * -v says which and why. */
static struct trace_backend *
create_backend(const struct trace_args *a,
	       const struct trace_backend_ops **opsp, char *why, size_t size)
{
	const struct trace_backend_ops *ebpf = trace_backend_find("ebpf");
	const struct trace_backend_setup setup = {
		.filter = a->opt.filter.all ? NULL : &a->opt.filter.set,
		.times = tracer_wants_times(&a->opt),
	};
	struct trace_backend *b = NULL;
	char no_ebpf[256] = "not built in";

	if (*opsp)
		return (*opsp)->create(&setup, why, size);
	if (ebpf && ebpf->probe(no_ebpf, sizeof(no_ebpf)) == 0)
		b = ebpf->create(&setup, no_ebpf, sizeof(no_ebpf));
	if (b) {
		*opsp = ebpf;
		if (a->verbose)
			cmd_error("backend ebpf (auto)");
		return b;
	}
	*opsp = trace_backend_find("ptrace");
	if (a->verbose)
		cmd_error("backend ptrace (auto; ebpf: %s)", no_ebpf);
	if ((*opsp)->probe(why, size) != 0)
		return NULL;
	return (*opsp)->create(&setup, why, size);
}

/* What the backend does in the kernel, when it can: the -e trace= set,
 * and the memory the decoders will read. 0, or -1 said. */
static int configure_backend(struct trace_backend *b, struct trace_args *a)
{
	int rc;

	/* -e trace= in the kernel, for attached processes too: not every
	 * call is seen, so fd names are checked before they are trusted */
	if (b->ops->filter && !a->opt.filter.all) {
		rc = b->ops->filter(b, &a->opt.filter.set);
		if (rc) {
			cmd_error("cannot set the syscall filter of the %s "
				  "backend: %s",
				  b->ops->name, strerror(-rc));
			return -1;
		}
		a->opt.partial_view = true;
	}
	rc = trace_backend_set_capture(b, &a->opt.strsize);
	if (rc) {
		cmd_error("cannot set what the %s backend captures: %s",
			  b->ops->name, strerror(-rc));
		return -1;
	}
	if (a->verbose && b->ops->describe)
		cmd_error("%s: %s", b->ops->name, b->ops->describe(b));
	return 0;
}

int cmd_trace(int argc, char **argv, struct global_options *g)
{
	struct trace_args a;
	const struct trace_backend_ops *ops = NULL;
	struct trace_backend *b;
	struct tracer *t;
	struct procfs fs;
	enum tracer_end end;
	pid_t main_pid = 0;
	int rc, status = 0, out_err;
	char why[256];

	trace_args_init(&a);
	rc = trace_parse_options(argc, argv, g, &a);
	if (rc != OPTION_TAKEN)
		return rc;
	rc = pick_backend(&a, &ops);
	if (rc != EXIT_OK)
		return rc;
	/* before the backend is made (loading eBPF takes a while): a
	 * signal meanwhile ends the trace as soon as it starts */
	install_signals();
	rc = procfs_open(&fs, g->proc_root);
	if (rc)
		return cmd_proc_root_error(g, rc);
	a.opt.out = open_output(a.output);
	if (!a.opt.out) {
		procfs_close(&fs);
		return EXIT_FAIL;
	}
	a.opt.flush_each = trace_out_is_live(a.opt.out);
	a.opt.pid_prefix = a.follow;
	/* every call stops (only a seccomp filter, set at launch, changes
	 * that): the fd names follow every close and dup */
	a.opt.partial_view = false;
	b = create_backend(&a, &ops, why, sizeof(why));
	if (!b) {
		cmd_error("the %s backend cannot run here: %s", ops->name, why);
		procfs_close(&fs);
		if (a.opt.out != stderr && a.opt.out != stdout)
			fclose(a.opt.out);
		return EXIT_FAIL;
	}
	if (configure_backend(b, &a) != 0) {
		b->ops->free(b);
		procfs_close(&fs);
		if (a.opt.out != stderr && a.opt.out != stdout)
			fclose(a.opt.out);
		return EXIT_FAIL;
	}
	rc = a.command ? launch(b, &a, &main_pid) : attach_all(b, &a, &fs);
	procfs_close(&fs);
	if (rc != EXIT_OK) {
		b->ops->detach_all(b);
		b->ops->free(b);
		if (a.opt.out != stderr && a.opt.out != stdout)
			fclose(a.opt.out);
		return rc;
	}
	/* dscope stays the tracer of a command under the filter until it
	 * ends: a signal that ends the trace is the command's too */
	if (a.seccomp_used)
		forward_pidfd = (int)syscall(SYS_pidfd_open, main_pid, 0);
	t = tracer_new(&a.opt, b, &stop_requested);
	if (main_pid)
		tracer_hide_until_exec(t, main_pid);
	if (a.duration > 0)
		start_timer(a.duration);
	end = tracer_run(t, main_pid, &status);
	if (end == TRACER_END_STOPPED && a.seccomp_used) {
		cmd_error(
			"the trace ended, but %s runs under a seccomp filter "
			"that needs dscope as its tracer: dscope waits for it "
			"to end, passing signals on (--no-seccomp avoids "
			"this)",
			a.command[0]);
		end = tracer_drain(t, &status);
	}
	tracer_detach(t);
	if (forward_pidfd >= 0) {
		int fd = forward_pidfd;

		forward_pidfd = -1;
		close(fd);
	}
	out_err = tracer_output_error(t);
	if (out_err && out_err != -EPIPE)
		cmd_error("cannot write the trace%s%s: %s (every process was "
			  "detached)",
			  a.output ? " to " : "", a.output ? a.output : "",
			  strerror(-out_err));
	if (a.opt.summary)
		tracer_print_summary(t);
	if (tracer_lost(t))
		cmd_error("%llu events lost (the %s backend's ring buffer was "
			  "full: the trace misses calls)",
			  (unsigned long long)tracer_lost(t), b->ops->name);
	tracer_free(t);
	b->ops->free(b);
	if (a.opt.out != stderr && a.opt.out != stdout &&
	    fclose(a.opt.out) != 0) {
		cmd_error("cannot write %s: %s", a.output, strerror(errno));
		return EXIT_FAIL;
	}
	if (out_err && out_err != -EPIPE)
		return EXIT_FAIL;
	if (end == TRACER_END_ERROR) {
		cmd_error("tracing failed; every process was detached");
		return EXIT_FAIL;
	}
	if (main_pid && end == TRACER_END_NOTHING_LEFT)
		return command_exit_code(status);
	return EXIT_OK;
}
