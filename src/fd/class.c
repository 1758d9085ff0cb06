#include <string.h>

#include "fd/fd.h"

/* Most specific first: the unknown class takes whatever is left. */
static const struct fd_class *const classes[] = {
	&fd_class_pipe, &fd_class_socket, &fd_class_anon,
	&fd_class_device, &fd_class_file, &fd_class_unknown,
};

const struct fd_class *fd_classify(struct fd *fd)
{
	for (size_t i = 0; i < sizeof(classes) / sizeof(*classes); i++) {
		if (classes[i]->probe(fd)) {
			fd->cls = classes[i];
			return fd->cls;
		}
	}
	fd->cls = &fd_class_unknown;
	return fd->cls;
}

void fd_emit(const struct fd *fd, struct sink *s)
{
	sink_i64(s, "fd", fd->num);
	sink_cstr(s, "kind", fd->cls ? fd->cls->kind : "unknown");
	if (fd->target)
		sink_cstr(s, "target", fd->target);
	else
		sink_null(s, "target");
	if (fd->cls && fd->cls->emit)
		fd->cls->emit(fd, s);
}
