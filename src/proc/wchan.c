#include "proc/wchan.h"

#include <errno.h>

int proc_wchan_parse(const char *buf, size_t len, struct strbuf *out)
{
	strbuf_reset(out);
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
		len--;
	if (len == 1 && buf[0] == '0')
		return 0;
	for (size_t i = 0; i < len; i++) {
		char c = buf[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '.'))
			return -EINVAL;
	}
	strbuf_add(out, buf, len);
	return 0;
}
