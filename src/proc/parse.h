/* Small number scanners shared by the /proc parsers: they never read past
 * end, never overflow, and report malformed input instead of guessing. */
#ifndef DSCOPE_PROC_PARSE_H
#define DSCOPE_PROC_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Skips spaces and tabs. */
const char *parse_skip_blanks(const char *p, const char *end);
/* Scans an unsigned number in base (10, 16 with optional 0x, or 8) at *p;
 * advances *p. Returns false when there are no digits or on overflow. */
bool parse_u64(const char **p, const char *end, int base, uint64_t *v);
/* Signed decimal. */
bool parse_i64(const char **p, const char *end, int64_t *v);
/* Finds "key:" at the start of a line and returns the value after it
 * (blanks skipped), or NULL. The value ends at the next newline. */
const char *parse_find_key(const char *buf, const char *end, const char *key);

#endif
