/* Strict UTF-8 decoding, shared by the text escaper and the JSON writer so
 * both agree on what is valid. */
#ifndef DSCOPE_BASE_UTF8_H
#define DSCOPE_BASE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s. Returns its length in bytes (1..4), or 0 when
 * s does not start a valid sequence (overlong forms, surrogates, code points
 * above U+10FFFF and truncated sequences are invalid). len must be > 0. */
size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

/* Writes cp as UTF-8 into out (at least 4 bytes); returns the length. */
size_t utf8_encode(uint32_t cp, char *out);

#endif
