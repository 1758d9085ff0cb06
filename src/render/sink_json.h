#ifndef DSCOPE_RENDER_SINK_JSON_H
#define DSCOPE_RENDER_SINK_JSON_H

#include <stdbool.h>
#include <stdio.h>

#include "render/sink.h"

/* A sink that writes JSON to out (pretty-printed when pretty is set). */
struct sink *sink_json_new(FILE *out, bool pretty);

#endif
