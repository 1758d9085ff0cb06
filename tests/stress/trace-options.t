#!/usr/bin/env bash
# make stress: the option mixes of make check (tests/e2e/trace-options.t),
# STRESS_OPTION_RUNS (500) runs each of trace and logs instead of 40, on a
# seed of its own each time (printed: OPTION_SEED=S runs it again).
OPTION_RUNS=${STRESS_OPTION_RUNS:-500} OPTION_SEED=${OPTION_SEED:-$RANDOM} \
	exec bash "$(dirname "$0")/../e2e/trace-options.t"
