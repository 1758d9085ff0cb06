#include "proc/syscall.h"

#include <errno.h>
#include <string.h>

#include "proc/parse.h"

static int parse_hex_fields(const char **p, const char *end, uint64_t *out,
			    int n)
{
	for (int i = 0; i < n; i++) {
		const char *q = parse_skip_blanks(*p, end);

		/* fields are separated by blanks: "1a" is not "1 0xa" */
		if (q == *p || !parse_u64(&q, end, 16, &out[i]))
			return -EINVAL;
		*p = q;
	}
	return 0;
}

int proc_syscall_parse(const char *buf, size_t len, struct proc_syscall *sc)
{
	const char *p = buf, *end = buf + len;
	uint64_t regs[2];
	int64_t nr;

	memset(sc, 0, sizeof(*sc));
	while (end > p && (end[-1] == '\n' || end[-1] == ' '))
		end--;
	if ((size_t)(end - p) == 7 && memcmp(p, "running", 7) == 0) {
		sc->state = PROC_SYSCALL_RUNNING;
		return 0;
	}
	if (!parse_i64(&p, end, &nr))
		return -EINVAL;
	if (nr < 0) {
		sc->state = PROC_SYSCALL_NONE;
		sc->nr = -1;
	} else {
		sc->state = PROC_SYSCALL_IN;
		sc->nr = (long)nr;
		if (parse_hex_fields(&p, end, sc->args, 6))
			return -EINVAL;
	}
	if (parse_hex_fields(&p, end, regs, 2))
		return -EINVAL;
	sc->sp = regs[0];
	sc->pc = regs[1];
	return parse_skip_blanks(p, end) == end ? 0 : -EINVAL;
}
