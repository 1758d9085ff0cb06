#include "proc/environ.h"

#include <string.h>

const char *proc_environ_get(const char *buf, size_t len, const char *name,
			     size_t *value_len)
{
	const char *p = buf, *end = buf + len;
	size_t nlen = strlen(name);

	while (p < end) {
		const char *nul = memchr(p, '\0', (size_t)(end - p));

		if (!nul)
			nul = end;
		if ((size_t)(nul - p) > nlen && memcmp(p, name, nlen) == 0 &&
		    p[nlen] == '=') {
			*value_len = (size_t)(nul - p - (ptrdiff_t)nlen - 1);
			return p + nlen + 1;
		}
		p = nul + 1;
	}
	return NULL;
}

void proc_cmdline_join(const char *buf, size_t len, struct strbuf *out)
{
	size_t i;

	strbuf_reset(out);
	while (len > 0 && buf[len - 1] == '\0')
		len--;
	strbuf_grow(out, len);
	for (i = 0; i < len; i++)
		strbuf_addc(out, buf[i] ? buf[i] : ' ');
}
