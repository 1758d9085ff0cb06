/* A fuzz harness is one file, fuzz_NAME.c, with LLVMFuzzerTestOneInput:
 * libFuzzer runs it (make fuzz), replay.c runs it over its seed corpus
 * tests/fuzz/corpus/NAME (make check). A harness feeds the input to a
 * parser as the kernel's text would come (an exact-size copy, no NUL
 * after it, so that ASan sees any read past the end) and checks what it
 * can of the result; a failed check aborts. */
#ifndef DSCOPE_TESTS_FUZZ_H
#define DSCOPE_TESTS_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
				__LINE__, #cond);                              \
			abort();                                               \
		}                                                              \
	} while (0)

/* An exact-size heap copy of data (free it). */
static inline char *fuzz_copy(const uint8_t *data, size_t size)
{
	char *p = malloc(size ? size : 1);

	FUZZ_CHECK(p);
	if (size)
		memcpy(p, data, size);
	return p;
}

/* json_check.c: whether s[0..len) is one whole, valid JSON text (RFC
 * 8259, strict: UTF-8, no trailing commas, no leading zeros). When it
 * is and strings is not NULL, the decoded bytes of every string in it
 * (keys too), in order, each followed by a NUL, are appended there. */
bool json_check(const char *s, size_t len, struct strbuf *strings);

/* Whether text is what the terminal escaper may write: printable ASCII
 * and valid UTF-8, no control character, no ESC (terminal_check.c). */
bool fuzz_terminal_safe(const char *s, size_t len);

#endif
