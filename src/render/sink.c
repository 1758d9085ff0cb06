#include "render/sink.h"

#include <stdio.h>

void sink_flags(struct sink *s, const char *key, uint64_t v,
		const struct flag_name *names)
{
	const struct flag_name *f;

	sink_begin_array(s, key);
	for (f = names; f && f->name; f++) {
		if (f->bit && (v & f->bit) == f->bit) {
			sink_cstr(s, NULL, f->name);
			v &= ~f->bit;
		}
	}
	if (v) {
		char hex[24];

		snprintf(hex, sizeof(hex), "0x%llx", (unsigned long long)v);
		sink_cstr(s, NULL, hex);
	}
	sink_end_array(s);
}
