/* The terminal escaper: any bytes in (a command name, a path, a traced
 * string), nothing a terminal acts on out, its width as counted, and a
 * shortened form still safe. */
#include "fuzz.h"

#include "base/escape.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf out = STRBUF_INIT;
	size_t cols;

	for (unsigned flags = 0; flags <= ESCAPE_SPACE; flags++) {
		strbuf_reset(&out);
		cols = escape_text(&out, data, size, flags);
		FUZZ_CHECK(fuzz_terminal_safe(out.buf, out.len));
		FUZZ_CHECK(escape_width(out.buf, out.len) == cols);
		if (flags & ESCAPE_SPACE)
			FUZZ_CHECK(!memchr(out.buf, ' ', out.len));
		if (cols > 8) {
			escape_shorten(&out, 0, 8);
			FUZZ_CHECK(fuzz_terminal_safe(out.buf, out.len));
			FUZZ_CHECK(escape_width(out.buf, out.len) <= 8);
		}
	}
	strbuf_release(&out);
	return 0;
}
