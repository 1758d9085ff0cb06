#!/usr/bin/env bash
# bench/graph.sh - time `dscope graph` (the whole-machine graph of who talks
# to whom) against lsof +E and lsfd over many processes holding many fds.
#
# Usage (from the repo root, after make): bench/graph.sh
#   SIZES="200 1000"  ring sizes (default 1000): build/helpers/fdfarm P
#                     starts P workers of 20 fds each, tied into a ring by
#                     socketpairs and pipes (1000: about 20,000 fds)
#   RUNS=10           timed runs per command
#   WARMUP=2          warm-up runs per command
#   DSCOPE=./build/dscope  the dscope binary to time
#
# For each size, timed side by side in one run, every output to /dev/null:
#   whole machine: dscope graph --format json, dscope graph (text),
#     dscope graph --format dot, lsof -n -P +E (goal lsof/dscope-json >= 3),
#     lsfd -o+ENDPOINTS (no goal); an lsfd without the ENDPOINTS column
#     (util-linux before 2.39) is timed as plain lsfd instead, a reference
#     row labelled as listing no peers
#   a neighbourhood: dscope graph PID (depth 1) against lsof -p PID +E, PID
#     the worker in the middle of the ring (no goal)
#
# Uses hyperfine when installed, else a loop timed with date +%s%N. A tool
# that is missing (lsof, lsfd) is skipped and said so. Exits non-zero only
# on errors, never because a goal was missed. The fdfarm it starts is
# stopped on exit, by pid, and only that one (its workers die with it).
set -euo pipefail

SIZES=${SIZES:-1000}
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
DSCOPE=${DSCOPE:-./build/dscope}
FDFARM=./build/helpers/fdfarm
GOAL=3 # lsof +E / dscope graph --format json, whole machine

die() {
	echo "bench/graph.sh: $*" >&2
	exit 1
}

# lib.sh: time_group, check_cmd, the farm, ratio, goal, row, machine.
. "$(dirname "$0")/lib.sh"
check_farm_bench bench-graph

farm_pid=
hyperfine_pid=
tmp=
cleanup() {
	# Only what we started; it may already be gone.
	stop_hyperfine
	stop_farm
	[[ -z $tmp ]] || rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

tmp=$(mktemp -d)

have_lsof=0 have_lsfd=0
notes=()
if command -v lsof >/dev/null; then
	have_lsof=1
	notes+=("lsof: $(lsof -v 2>&1 | awk '/revision:/ { print "lsof " $2; exit }' || true)")
else
	notes+=("lsof: not installed, its rows and the goal skipped (scripts/install-deps installs it)")
fi
lsfd_cmd=lsfd lsfd_label=lsfd lsfd_note="(no goal)"
if command -v lsfd >/dev/null; then
	have_lsfd=1
	lsfd_version=$(lsfd --version 2>/dev/null | head -n1 || true)
	# ENDPOINTS (the processes at the other end) came with util-linux 2.39:
	# asked for once, it tells.
	if lsfd -o+ENDPOINTS >/dev/null 2>"$tmp/lsfd.err"; then
		lsfd_cmd="lsfd -o+ENDPOINTS" lsfd_label="lsfd -o+ENDPOINTS"
		notes+=("lsfd: ${lsfd_version:-lsfd}, has ENDPOINTS: timed as 'lsfd -o+ENDPOINTS'")
	else
		lsfd_label="lsfd, no ENDPOINTS (reference)"
		lsfd_note="(no goal; lists no peers)"
		notes+=("lsfd: ${lsfd_version:-lsfd}, no ENDPOINTS column ('lsfd -o+ENDPOINTS': $(head -n1 "$tmp/lsfd.err")):
      plain 'lsfd' timed instead, a reference row without endpoints (it lists no peers)")
	fi
else
	notes+=("lsfd: not installed, its row skipped (it is in util-linux)")
fi

echo "bench/graph.sh: dscope graph vs lsof +E and lsfd"
echo "timing: $method"
for n in "${notes[@]}"; do
	echo "$n"
done
echo "machine before: $(machine)"

summary=()
for p in $SIZES; do
	start_farm "$p" --dir "$tmp/farm"
	middle_worker
	wfds=$(find "/proc/$worker/fd" -mindepth 1 -maxdepth 1 | wc -l)
	mach=$(machine)

	all_json="$DSCOPE graph --format json >/dev/null"
	all_text="$DSCOPE graph >/dev/null"
	all_dot="$DSCOPE graph --format dot >/dev/null"
	all_lsof="lsof -n -P +E >/dev/null"
	all_lsfd="$lsfd_cmd >/dev/null"
	one_dscope="$DSCOPE graph $worker >/dev/null"
	one_lsof="lsof -p $worker +E >/dev/null"

	check_cmd dscope "$all_json"
	check_cmd dscope "$all_text"
	check_cmd dscope "$all_dot"
	check_cmd dscope "$one_dscope"
	use_lsof=$have_lsof use_lsfd=$have_lsfd
	if ((use_lsof)); then
		check_cmd lsof "$all_lsof" && check_cmd lsof "$one_lsof" || use_lsof=0
	fi
	if ((use_lsfd)); then
		check_cmd lsfd "$all_lsfd" || use_lsfd=0
	fi

	all=(json "$all_json" text "$all_text" dot "$all_dot")
	((use_lsof)) && all+=(lsof "$all_lsof")
	((use_lsfd)) && all+=(lsfd "$all_lsfd")
	time_group "${all[@]}"
	one=(dscope-one "$one_dscope")
	((use_lsof)) && one+=(lsof-one "$one_lsof")
	time_group "${one[@]}"

	echo
	echo "== P=$p: fdfarm $farm_pid, $p workers (pids $farm_first..$farm_last) holding $farm_fds fds;" \
		"machine: $mach"
	printf '  %-36s %10s   %s\n' "" "mean ms" "ratio"
	echo "  whole machine"
	row "dscope graph --format json" "${ms[json]}"
	if ((use_lsof)); then
		row "dscope graph (text)" "${ms[text]}" "lsof/text" "$(ratio "${ms[lsof]}" "${ms[text]}")"
		row "dscope graph --format dot" "${ms[dot]}" "lsof/dot" "$(ratio "${ms[lsof]}" "${ms[dot]}")"
		r=$(ratio "${ms[lsof]}" "${ms[json]}")
		g=$(goal "$r" "$GOAL")
		row "lsof -n -P +E" "${ms[lsof]}" "lsof/json" "$r" "(goal >= $GOAL: $g)"
		summary+=("P=$p whole machine: lsof +E / dscope graph --format json $r, $g")
	else
		row "dscope graph (text)" "${ms[text]}"
		row "dscope graph --format dot" "${ms[dot]}"
	fi
	if ((use_lsfd)); then
		r=$(ratio "${ms[lsfd]}" "${ms[json]}")
		row "$lsfd_label" "${ms[lsfd]}" "lsfd/json" "$r" "$lsfd_note"
	fi
	echo "  neighbourhood: PID $worker, a worker in the middle of the ring, $wfds fds, depth 1"
	row "dscope graph PID" "${ms[dscope-one]}"
	if ((use_lsof)); then
		r=$(ratio "${ms[lsof-one]}" "${ms[dscope-one]}")
		row "lsof -p PID +E" "${ms[lsof-one]}" "lsof/dscope" "$r" "(no goal)"
	fi

	stop_farm
done

if ((${#summary[@]} > 0)); then
	echo
	echo "goals:"
	for s in "${summary[@]}"; do
		echo "  $s"
	done
fi
