#!/usr/bin/env bash
# make stress: the tracer-safety test of make check (tests/e2e/trace-safety.t),
# STRESS_CYCLES (500) attach/kill cycles instead of 60.
CYCLES=${STRESS_CYCLES:-500} exec bash "$(dirname "$0")/../e2e/trace-safety.t"
