/* What the terminal escaper's output may hold, checked independently of
 * it (base/escape.c): nothing a terminal would act on. */
#include "fuzz.h"

#include "base/utf8.h"

bool fuzz_terminal_safe(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(p + i, len - i, &cp);

		if (n == 0)
			return false; /* invalid UTF-8 */
		/* C0 controls, DEL, C1 controls, bidirectional overrides */
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
		    (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			return false;
		i += n;
	}
	return true;
}
