/* Signal masks as strace shows them: [HUP INT TERM], ~[KILL STOP RTMIN]
 * (the signals left out, when more than half are in), RTMIN for 32 and
 * RT_n for 32 + n. JSON: the array of the signals in the mask, by their
 * full names (SIGHUP, SIGRTMIN, SIGRT_1). Used by rt_sigprocmask & co,
 * signalfd4, epoll_pwait, ppoll and pselect6. */
#include <stdio.h>

#include "decode/decode.h"

/* The kernel's sigset_t on x86_64: 64 signals in 8 bytes. */
#define SIGSET_BYTES   8
#define SIGSET_SIGNALS 64

/* The name of signal sig (1..64) in a mask, with or without "SIG". */
static const char *mask_name(int sig, bool full, char *buf, size_t size)
{
	const char *name = decode_signal_text(sig, buf, size);

	return !full && name[0] == 'S' ? name + 3 : name;
}

static void put_mask_text(struct dout *o, const char *key, uint64_t mask)
{
	struct strbuf sb = STRBUF_INIT;
	bool invert = __builtin_popcountll(mask) > SIGSET_SIGNALS / 2;
	bool first = true;
	char buf[16];

	if (invert) {
		mask = ~mask;
		strbuf_addc(&sb, '~');
	}
	strbuf_addc(&sb, '[');
	for (int sig = 1; sig <= SIGSET_SIGNALS; sig++) {
		if (!(mask & (1ull << (sig - 1))))
			continue;
		if (!first)
			strbuf_addc(&sb, ' ');
		first = false;
		strbuf_adds(&sb, mask_name(sig, false, buf, sizeof(buf)));
	}
	strbuf_addc(&sb, ']');
	dout_raw(o, key, strbuf_str(&sb));
	strbuf_release(&sb);
}

static void put_mask_json(struct dout *o, const char *key, uint64_t mask)
{
	char buf[16];

	dout_begin_array(o, key);
	for (int sig = 1; sig <= SIGSET_SIGNALS; sig++)
		if (mask & (1ull << (sig - 1)))
			dout_sym(o, NULL,
				 mask_name(sig, true, buf, sizeof(buf)));
	dout_end_array(o);
}

void decode_put_sigset(struct decode_call *c, struct dout *o, const char *key,
		       uint64_t addr, uint64_t size)
{
	uint64_t mask;

	if (!addr) {
		dout_ptr(o, key, 0);
		return;
	}
	if (size != SIGSET_BYTES ||
	    decode_read(c, addr, &mask, sizeof(mask)) != 0) {
		dout_ptr(o, key, addr);
		return;
	}
	if (o->mode == DOUT_TEXT)
		put_mask_text(o, key, mask);
	else
		put_mask_json(o, key, mask);
}
