#!/usr/bin/env bash
# The tracee tests of trace-decode.t, same expectations, under the eBPF
# backend (skipped, with the reason, where it cannot load).
TRACE_BACKEND=ebpf exec bash "$(dirname "$0")/trace-decode.t"
