#!/usr/bin/env bash
# The attach tests of trace-attach.t (a busy daemon traced, detached on
# every kind of end, never left stopped), under the eBPF backend; skipped,
# with the reason, where it cannot load.
. "$(dirname "$0")/lib.sh"
DSCOPE=${DSCOPE:-$(cd "$(dirname "$0")/../.." && pwd)/build/asan/dscope}
run "$DSCOPE" trace --backend=ebpf -o /dev/null -- true
if [ "$rc" -ne 0 ]; then
	skip_all "the eBPF backend cannot load here: ${err#dscope: }"
fi
TRACE_BACKEND=ebpf exec bash "$(dirname "$0")/trace-attach.t"
