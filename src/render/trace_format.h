/* The pieces of a trace line, strace-style, and of a JSON record:
 * "[pid 12] 10:08:02.123456 write(1<unix → journald[312]>, "tick\n", 5) = 5 <0.000012>". */
#ifndef DSCOPE_RENDER_TRACE_FORMAT_H
#define DSCOPE_RENDER_TRACE_FORMAT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "base/strbuf.h"
#include "decode/decode.h"
#include "render/json.h"
#include "trace/backend.h"

enum trace_timestamps;

/* "[pid N] " when tid is not 0, then the time stamp. last is the time of
 * the previous line (-r), updated. */
void trace_format_prefix(struct strbuf *sb, int timestamps,
			 const struct timespec *now, struct timespec *last,
			 pid_t tid);
/* "write(" */
void trace_format_call_name(struct strbuf *sb, const struct decode_call *c);
/* "<... write resumed>" */
void trace_format_resumed(struct strbuf *sb, const struct decode_call *c);
/* The return value after "= ": 5, 3</etc/passwd>, 0x7f00, -1 ENOENT (No
 * such file or directory), with the decoder's note. */
void trace_format_ret(struct strbuf *sb, const struct decode_call *c,
		      struct dout *o);
/* " <0.000123>" */
void trace_format_duration(struct strbuf *sb, uint64_t ns);
/* "--- SIGCHLD {si_signo=SIGCHLD, ...} ---\n", "--- stopped by SIGSTOP ---\n" */
void trace_format_signal(struct strbuf *sb, const struct trace_event *ev);
/* "+++ exited with 0 +++\n", "+++ killed by SIGKILL +++\n" */
void trace_format_exit(struct strbuf *sb, int status);

/* Opens the record of a call and its "args" object. */
void trace_format_json_begin(struct json_writer *w, pid_t pid, pid_t tid,
			     const struct timespec *wall,
			     const struct decode_call *c);
/* Closes "args", adds the result and closes the record. */
void trace_format_json_end(struct json_writer *w, const struct decode_call *c,
			   struct dout *o, bool returned, uint64_t ns);
/* A signal as one JSON line. */
void trace_format_json_signal(struct strbuf *sb, const struct trace_event *ev,
			      const struct timespec *wall);

#endif
