/* perf events ("anon_inode:[perf_event]", perf_event_open). Their fdinfo
 * on Linux 6.18 has only the common lines, so the event itself (type,
 * config, target) is not known from /proc. */
#include "fd/anon_parse.h"
#include "fd/fd.h"

static bool probe_perf(const struct fd *fd)
{
	return anon_target_is(fd->target, "perf_event");
}

static void describe_perf(const struct fd *fd, struct snapshot *snap,
			  struct strbuf *out)
{
	(void)fd;
	(void)snap;
	strbuf_adds(out, "perf event");
}

const struct fd_class fd_class_perf = {
	.kind = "perf",
	.probe = probe_perf,
	.describe = describe_perf,
};
