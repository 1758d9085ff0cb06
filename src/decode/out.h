/* How decoders write a syscall's arguments: one writer, two outputs.
 * Text is what strace prints (arguments by position, struct members as
 * name=value, flags joined by |); JSON is the same as typed members of the
 * "args" object (keys are the argument and member names). Decoders never
 * print: they call these.
 *
 * Keys are trusted literals. String values are untrusted bytes: text
 * escapes them (base/escape.c, plus \" inside the quotes), JSON quotes
 * them (render/json.c). */
#ifndef DSCOPE_DECODE_OUT_H
#define DSCOPE_DECODE_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/strbuf.h"
#include "render/json.h"
#include "render/sink.h" /* struct flag_name */

enum dout_mode { DOUT_TEXT, DOUT_JSON };

#define DOUT_MAX_DEPTH 16

/* Names an fd argument: text appends the description (escaped) that goes
 * between < and >; json writes the members of the fd's object. */
struct dout_fd_namer {
	void (*text)(void *ctx, int fd, struct strbuf *out);
	void (*json)(void *ctx, int fd, struct json_writer *w);
	void *ctx;
};

struct dout {
	enum dout_mode mode;
	struct strbuf *text; /* DOUT_TEXT: appended to */
	struct json_writer *json; /* DOUT_JSON: members of an open object */
	struct dout_fd_namer namer; /* .text NULL: fds are bare numbers */
	int depth; /* 0: the argument list */
	bool first[DOUT_MAX_DEPTH];
	bool in_array[DOUT_MAX_DEPTH];
};

/* Starts writing arguments: text after "name(", JSON into an open "args"
 * object. One dout serves a whole call, from entry to exit. */
void dout_init(struct dout *o, enum dout_mode mode, struct strbuf *text,
	       struct json_writer *json);
/* Forgets that arguments were written (a resumed line starts afresh). */
void dout_restart(struct dout *o);

void dout_int(struct dout *o, const char *key, int64_t v);
void dout_uint(struct dout *o, const char *key, uint64_t v);
void dout_hex(struct dout *o, const char *key, uint64_t v);
/* A file mode or umask: 0644 */
void dout_oct(struct dout *o, const char *key, uint64_t v);
/* An address: NULL or 0x7ffd...; JSON: null or "0x7ffd..." */
void dout_ptr(struct dout *o, const char *key, uint64_t v);
/* A symbolic name dscope knows (AF_UNIX, SEEK_SET): trusted text. */
void dout_sym(struct dout *o, const char *key, const char *name);
/* Flags: names joined with |, unknown bits as 0x..; 0 when none. JSON: an
 * array of names. */
void dout_flags(struct dout *o, const char *key, uint64_t v,
		const struct flag_name *names);
/* Flags a decoder joined itself ("O_RDONLY|O_CLOEXEC"); JSON splits at |. */
void dout_flags_text(struct dout *o, const char *key, const char *joined);
/* One value of an enumeration: its name, else the number. */
void dout_enum(struct dout *o, const char *key, uint64_t v,
	       const struct flag_name *names);
/* Untrusted bytes as a quoted string; more: it went on (text adds ...). */
void dout_str(struct dout *o, const char *key, const void *s, size_t len,
	      bool more);
/* An fd, named through the namer: 3</etc/passwd>. */
void dout_fd(struct dout *o, const char *key, int fd);
/* Text dscope composed, shown as it is (trusted): "~[]", "...". */
void dout_raw(struct dout *o, const char *key, const char *text);
/* Text only: a C-style comment after what was just written, as strace
 * says how many variables an envp holds. */
void dout_comment(struct dout *o, const char *text);
/* Elements left out of an array or struct: text "...". */
void dout_more(struct dout *o);

void dout_begin_struct(struct dout *o, const char *key);
void dout_end_struct(struct dout *o);
void dout_begin_array(struct dout *o, const char *key);
void dout_end_array(struct dout *o);

/* Joins the names of the bits of v into out ("A|B|0x40"); "0" for 0. */
void dout_join_flags(struct strbuf *out, uint64_t v,
		     const struct flag_name *names);
/* The name of value v in names (bit is the value), or NULL. */
const char *dout_enum_name(uint64_t v, const struct flag_name *names);
/* Appends s quoted and escaped as strace would ("tick\n"), "..." when more. */
void dout_quote(struct strbuf *out, const void *s, size_t len, bool more);

#endif
