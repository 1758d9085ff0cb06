/* Open flags (the "flags:" of fdinfo) as names. */
#ifndef DSCOPE_FD_OPENFLAGS_H
#define DSCOPE_FD_OPENFLAGS_H

#include "base/strbuf.h"
#include "render/sink.h"

/* O_APPEND, O_CLOEXEC, ...; the access mode and O_LARGEFILE (always set
 * on 64-bit) are left out. */
extern const struct flag_name fd_open_flag_names[];

/* Appends "O_APPEND|O_CLOEXEC" (nothing when no flag is set). */
void fd_open_flags_text(unsigned flags, struct strbuf *out);
/* Emits "open_flags": [names]. */
void fd_open_flags_emit(unsigned flags, struct sink *s);

#endif
