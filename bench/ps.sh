#!/usr/bin/env bash
# bench/ps.sh - time `dscope ps -a` against procps `ps` over many processes.
#
# Usage (from the repo root, after make): bench/ps.sh
#   N=1000   extra processes to start (sleepers named "benchproc")
#   RUNS=20  timed runs per command (after 3 warm-up runs)
#
# Uses hyperfine when installed, else a loop timed with date +%s%N.
# The processes it starts are killed on exit, by pid, and only those.
set -euo pipefail

N=${N:-1000}
RUNS=${RUNS:-20}
DSCOPE=./build/dscope
SPAWN=./build/helpers/spawn-named
PS_ARGS=(-eo "pid,ppid,user,tty,stat,start,time,wchan,cmd")

die() {
	echo "bench/ps.sh: $*" >&2
	exit 1
}

[[ -x $DSCOPE ]] || die "$DSCOPE not found: run make first (from the repo root)"
command -v ps >/dev/null || die "ps not found: install procps"
[[ $N =~ ^[0-9]+$ && $RUNS =~ ^[1-9][0-9]*$ ]] || die "N and RUNS must be numbers"

pids=()
hyperfine_pid=
cleanup() {
	# Only what we started; they may already be gone.
	if [[ -n $hyperfine_pid ]]; then
		kill "$hyperfine_pid" 2>/dev/null || true
		wait "$hyperfine_pid" 2>/dev/null || true
	fi
	if ((${#pids[@]} > 0)); then
		kill "${pids[@]}" 2>/dev/null || true
		wait "${pids[@]}" 2>/dev/null || true
	fi
	rm -rf "${tmp:-}"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

tmp=$(mktemp -d)

if [[ -x $SPAWN ]]; then
	start_one() { "$SPAWN" benchproc >/dev/null & }
	what="$SPAWN benchproc"
else
	start_one() { sleep 600 & }
	what="sleep 600"
fi
for ((i = 0; i < N; i++)); do
	start_one
	pids+=("$!")
done

# One untimed run each: a failing command must not be timed as a fast one.
"$DSCOPE" ps -a >/dev/null || die "'$DSCOPE ps -a' failed"
ps "${PS_ARGS[@]}" >/dev/null || die "'ps ${PS_ARGS[*]}' failed"

nproc=$(find /proc -maxdepth 1 -name '[0-9]*' | wc -l)
echo "processes: $nproc ($N extra: $what), runs: $RUNS"

cmd_dscope="$DSCOPE ps -a >/dev/null"
cmd_ps="ps ${PS_ARGS[*]} >/dev/null"

# Sets $mean_ms to the mean wall time of a shell command. Not run in $(...):
# the trap would wait for a command substitution to finish all its runs.
mean_ms_loop() {
	local cmd=$1 t0 t1 total=0 i

	for ((i = 0; i < 3; i++)); do
		bash -c "$cmd"
	done
	for ((i = 0; i < RUNS; i++)); do
		t0=$(date +%s%N)
		bash -c "$cmd"
		t1=$(date +%s%N)
		total=$((total + t1 - t0))
	done
	mean_ms=$(awk -v ns="$total" -v n="$RUNS" 'BEGIN { printf "%.2f", ns / n / 1e6 }')
}

if command -v hyperfine >/dev/null; then
	method=hyperfine
	# In the background and waited for, so a SIGTERM is not held off until
	# every run is done. Simple names: the ps column list has commas.
	hyperfine --warmup 3 --runs "$RUNS" --style none \
		--export-csv "$tmp/h.csv" -n dscope "$cmd_dscope" -n ps "$cmd_ps" \
		>/dev/null &
	hyperfine_pid=$!
	wait "$hyperfine_pid"
	hyperfine_pid=
	# CSV: command,mean,stddev,median,user,system,min,max (seconds)
	ms_dscope=$(awk -F, 'NR == 2 { printf "%.2f", $2 * 1000 }' "$tmp/h.csv")
	ms_ps=$(awk -F, 'NR == 3 { printf "%.2f", $2 * 1000 }' "$tmp/h.csv")
else
	# bash -c in both, so the fork+exec of the shell cancels out in the ratio.
	method="date +%s%N loop (install hyperfine for better numbers)"
	mean_ms_loop "$cmd_dscope"
	ms_dscope=$mean_ms
	mean_ms_loop "$cmd_ps"
	ms_ps=$mean_ms
fi

echo "timing: $method"
printf '%-60s %10s\n' command "mean ms"
printf '%-60s %10s\n' "dscope ps -a" "$ms_dscope"
printf '%-60s %10s\n' "ps ${PS_ARGS[*]}" "$ms_ps"
awk -v a="$ms_dscope" -v b="$ms_ps" \
	'BEGIN { printf "%-60s %10.2f\n", "ratio dscope/ps", (b > 0 ? a / b : 0) }'
