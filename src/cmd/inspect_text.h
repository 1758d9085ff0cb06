/* Shared by the parts of dscope inspect. */
#ifndef DSCOPE_CMD_INSPECT_TEXT_H
#define DSCOPE_CMD_INSPECT_TEXT_H

#include <stdbool.h>

#include "base/strbuf.h"
#include "fd/fd.h"
#include "model/inspect.h"
#include "render/sink.h"

/* "idle: waits for a connection on /run/x.sock, ...; logs go to journald" */
void inspect_summary(const struct inspect *in, struct strbuf *out);
/* Whether fd (stdout or stderr) is a stream into journald: its peer is
 * systemd-journald, or it is the stream JOURNAL_STREAM names. */
bool inspect_output_is_journald(const struct inspect *in, const struct fd *fd);

/* Names fd num of the inspected process (a blocked_fd_namer). */
void inspect_fd_namer(void *ctx, int num, struct strbuf *out);
/* "IN|OUT" for poll events. */
const char *inspect_poll_events(unsigned ev, char *buf, size_t size);
/* The report as one JSON object. */
void inspect_render_json(const struct inspect *in, struct sink *s);

#endif
