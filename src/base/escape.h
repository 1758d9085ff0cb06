/* The one escaper for untrusted text shown on a terminal: command names,
 * command lines, paths, socket names, traced strings. A process can name
 * itself with escape codes; this makes sure it cannot reach the terminal.
 *
 * Rules: printable ASCII and printable non-ASCII UTF-8 are kept; backslash
 * becomes "\\"; \n \t \r and ESC become "\n" "\t" "\r" "\e"; other control
 * characters and every byte that is not valid UTF-8 become "\xNN"; C1
 * controls and bidirectional overrides become "\u{NNNN}". */
#ifndef DSCOPE_BASE_ESCAPE_H
#define DSCOPE_BASE_ESCAPE_H

#include <stddef.h>

#include "base/strbuf.h"

enum escape_flags {
	ESCAPE_SPACE = 1 << 0, /* also escape ' ' as \x20 (for space-separated fields) */
};

/* Appends data escaped to out; returns the number of terminal columns the
 * appended text takes (one per code point). */
size_t escape_text(struct strbuf *out, const void *data, size_t len,
		   unsigned flags);

/* Terminal columns of text that is already escaped (one per code point). */
size_t escape_width(const char *s, size_t len);

/* Cuts escaped text from sb->buf + start on to at most cols columns
 * (cols >= 4), ending it with "..." when it was longer. */
void escape_shorten(struct strbuf *sb, size_t start, size_t cols);

#endif
