/* Names of errno values and signals, as strace shows them. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "decode/decode.h"

/* Codes the kernel uses inside and that a tracer sees at syscall exit
 * when a signal interrupts a call. */
static const struct {
	int err;
	const char *name, *text;
} kernel_errs[] = {
	{ 512, "ERESTARTSYS", "To be restarted if SA_RESTART is set" },
	{ 513, "ERESTARTNOINTR", "To be restarted" },
	{ 514, "ERESTARTNOHAND", "To be restarted if no handler" },
	{ 515, "ENOIOCTLCMD", "No ioctl command" },
	{ 516, "ERESTART_RESTARTBLOCK", "Interrupted by signal" },
	{ 517, "EPROBE_DEFER", "Requested probe deferral" },
	{ 518, "EOPENSTALE", "Open found a stale dentry" },
	{ 524, "ENOTSUPP", "Operation not supported" },
};

const char *decode_errno_name(int64_t err)
{
	if (err <= 0 || err > 4095)
		return NULL;
	for (size_t i = 0; i < sizeof(kernel_errs) / sizeof(*kernel_errs); i++)
		if (kernel_errs[i].err == err)
			return kernel_errs[i].name;
	return strerrorname_np((int)err);
}

const char *decode_errno_text(int64_t err)
{
	if (err <= 0 || err > 4095)
		return NULL;
	for (size_t i = 0; i < sizeof(kernel_errs) / sizeof(*kernel_errs); i++)
		if (kernel_errs[i].err == err)
			return kernel_errs[i].text;
	return strerrordesc_np((int)err);
}

const char *decode_signal_name(int64_t sig)
{
	/* glibc's own abbreviations, SIG-prefixed (a fixed table) */
	static const char *const names[] = {
		[SIGHUP] = "SIGHUP",	 [SIGINT] = "SIGINT",
		[SIGQUIT] = "SIGQUIT",	 [SIGILL] = "SIGILL",
		[SIGTRAP] = "SIGTRAP",	 [SIGABRT] = "SIGABRT",
		[SIGBUS] = "SIGBUS",	 [SIGFPE] = "SIGFPE",
		[SIGKILL] = "SIGKILL",	 [SIGUSR1] = "SIGUSR1",
		[SIGSEGV] = "SIGSEGV",	 [SIGUSR2] = "SIGUSR2",
		[SIGPIPE] = "SIGPIPE",	 [SIGALRM] = "SIGALRM",
		[SIGTERM] = "SIGTERM",	 [SIGSTKFLT] = "SIGSTKFLT",
		[SIGCHLD] = "SIGCHLD",	 [SIGCONT] = "SIGCONT",
		[SIGSTOP] = "SIGSTOP",	 [SIGTSTP] = "SIGTSTP",
		[SIGTTIN] = "SIGTTIN",	 [SIGTTOU] = "SIGTTOU",
		[SIGURG] = "SIGURG",	 [SIGXCPU] = "SIGXCPU",
		[SIGXFSZ] = "SIGXFSZ",	 [SIGVTALRM] = "SIGVTALRM",
		[SIGPROF] = "SIGPROF",	 [SIGWINCH] = "SIGWINCH",
		[SIGIO] = "SIGIO",	 [SIGPWR] = "SIGPWR",
		[SIGSYS] = "SIGSYS",
	};

	if (sig <= 0 || sig >= (int64_t)(sizeof(names) / sizeof(*names)))
		return NULL;
	return names[sig];
}

const char *decode_signal_text(int64_t sig, char *buf, size_t size)
{
	const char *name = decode_signal_name(sig);

	if (name)
		return name;
	if (sig == 32)
		snprintf(buf, size, "SIGRTMIN");
	else if (sig > 32 && sig <= 64)
		snprintf(buf, size, "SIGRT_%d", (int)(sig - 32));
	else
		snprintf(buf, size, "%lld", (long long)sig);
	return buf;
}

void decode_put_signal(struct dout *o, const char *key, int64_t sig)
{
	char buf[24];

	if (decode_signal_name(sig) || (sig >= 32 && sig <= 64))
		dout_sym(o, key, decode_signal_text(sig, buf, sizeof(buf)));
	else
		dout_int(o, key, sig);
}
