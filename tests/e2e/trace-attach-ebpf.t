#!/usr/bin/env bash
# The attach tests of trace-attach.t (a busy daemon traced, detached on
# every kind of end, never left stopped), under the eBPF backend; skipped,
# with the reason, where it cannot load.
. "$(dirname "$0")/lib.sh"
DSCOPE=${DSCOPE:-$(cd "$(dirname "$0")/../.." && pwd)/build/asan/dscope}
skip_all_without_ebpf
TRACE_BACKEND=ebpf exec bash "$(dirname "$0")/trace-attach.t"
