#!/usr/bin/env bash
# bench/fds.sh - time `dscope fds` against lsof and lsfd over many processes
# holding many fds, and against the floor: a bare readlink of every fd.
#
# Usage (from the repo root, after make): bench/fds.sh
#   SIZES="200 1000"  ring sizes: build/helpers/fdfarm P starts P workers of
#                     20 fds each, tied into a ring by socketpairs and pipes
#   RUNS=10           timed runs per command
#   WARMUP=2          warm-up runs per command
#   DSCOPE=./build/dscope  the dscope binary to time
#
# For each size, timed side by side in one run:
#   one process with peers: dscope fds PID, lsof -p PID +E, lsfd -p PID
#     (PID: the worker in the middle of the ring; goal lsof/dscope >= 10)
#   all processes: dscope fds -a --json, lsof -n -P, lsfd (goal >= 3 each)
#   the floor: build/bench/readlink-floor (readlink of every /proc/*/fd/*,
#     compiled from bench/readlink-floor.c), and the same reading every
#     /proc/*/fdinfo/* too; printed as dscope/floor
#
# Uses hyperfine when installed, else a loop timed with date +%s%N. A tool
# that is missing (lsof, lsfd) is skipped and said so. Exits non-zero only
# on errors, never because a goal was missed. The fdfarm it starts is
# stopped on exit, by pid, and only that one (its workers die with it).
set -euo pipefail

SIZES=${SIZES:-"200 1000"}
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
DSCOPE=${DSCOPE:-./build/dscope}
FDFARM=./build/helpers/fdfarm
FLOOR_SRC=bench/readlink-floor.c
FLOOR=./build/bench/readlink-floor
GOAL_ONE=10 # lsof/dscope, one process with peers
GOAL_ALL=3  # lsof/dscope and lsfd/dscope, all processes

die() {
	echo "bench/fds.sh: $*" >&2
	exit 1
}

# lib.sh: time_group, check_cmd, the farm, ratio, goal, row.
. "$(dirname "$0")/lib.sh"
check_farm_bench bench-fds
[[ -f $FLOOR_SRC ]] || die "$FLOOR_SRC not found: run from the repo root"

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

# The floor, rebuilt when its source is newer.
if [[ ! -x $FLOOR || $FLOOR_SRC -nt $FLOOR ]]; then
	command -v gcc >/dev/null || die "gcc not found: needed for $FLOOR"
	mkdir -p "$(dirname "$FLOOR")"
	gcc -O2 -o "$FLOOR" "$FLOOR_SRC" || die "cannot build $FLOOR"
fi

have_lsof=0 have_lsfd=0
notes=()
if command -v lsof >/dev/null; then
	have_lsof=1
else
	notes+=("lsof: not installed, its columns skipped (scripts/install-deps installs it)")
fi
lsfd_one_args=()
if command -v lsfd >/dev/null; then
	have_lsfd=1
	lsfd_version=$(lsfd --version 2>/dev/null | head -n1 || true)
	# ENDPOINTS (the processes at the other end) came with util-linux 2.39.
	if lsfd --help 2>/dev/null | grep -qw ENDPOINTS; then
		lsfd_one_args=(-o +ENDPOINTS)
		notes+=("lsfd: ${lsfd_version:-lsfd}, has ENDPOINTS: one process timed as 'lsfd -p PID -o +ENDPOINTS'")
	else
		notes+=("lsfd: ${lsfd_version:-lsfd}, has no ENDPOINTS column: one process timed as plain 'lsfd -p PID' (it lists no peers)")
	fi
else
	notes+=("lsfd: not installed, its columns skipped (it is in util-linux)")
fi

echo "bench/fds.sh: dscope fds vs lsof and lsfd"
echo "timing: $method"
for n in "${notes[@]}"; do
	echo "$n"
done
read -r base_procs base_fds < <("$FLOOR")
echo "machine before: $(nproc_all) processes, $base_fds fds (in the $base_procs whose fds are readable)"

summary=()
for p in $SIZES; do
	start_farm "$p"
	middle_worker
	wfds=$(find "/proc/$worker/fd" -mindepth 1 -maxdepth 1 | wc -l)
	read -r _ m_fds < <("$FLOOR")

	one_dscope="$DSCOPE fds $worker >/dev/null"
	one_lsof="lsof -p $worker +E >/dev/null"
	one_lsfd="lsfd -p $worker ${lsfd_one_args[*]} >/dev/null"
	all_dscope="$DSCOPE fds -a --json >/dev/null"
	all_lsof="lsof -n -P >/dev/null"
	all_lsfd="lsfd >/dev/null"
	floor1="$FLOOR >/dev/null"
	floor2="$FLOOR --fdinfo >/dev/null"

	check_cmd dscope "$one_dscope"
	check_cmd dscope "$all_dscope"
	use_lsof=$have_lsof use_lsfd=$have_lsfd
	if ((use_lsof)); then
		check_cmd lsof "$one_lsof" && check_cmd lsof "$all_lsof" || use_lsof=0
	fi
	if ((use_lsfd)); then
		check_cmd lsfd "$one_lsfd" && check_cmd lsfd "$all_lsfd" || use_lsfd=0
	fi

	one=(dscope-one "$one_dscope")
	((use_lsof)) && one+=(lsof-one "$one_lsof")
	((use_lsfd)) && one+=(lsfd-one "$one_lsfd")
	time_group "${one[@]}"
	all=(dscope-all "$all_dscope")
	((use_lsof)) && all+=(lsof-all "$all_lsof")
	((use_lsfd)) && all+=(lsfd-all "$all_lsfd")
	all+=(floor "$floor1" floor-fdinfo "$floor2")
	time_group "${all[@]}"

	echo
	echo "== P=$p: fdfarm $farm_pid, $p workers (pids $farm_first..$farm_last) holding $farm_fds fds;" \
		"machine: $(nproc_all) processes, $m_fds fds"
	printf '  %-36s %10s   %s\n' "" "mean ms" "ratio"
	echo "  one process with peers: PID $worker, a worker in the middle of the ring, $wfds fds"
	row "dscope fds PID" "${ms[dscope-one]}"
	if ((use_lsof)); then
		r=$(ratio "${ms[lsof-one]}" "${ms[dscope-one]}")
		g=$(goal "$r" "$GOAL_ONE")
		row "lsof -p PID +E" "${ms[lsof-one]}" "lsof/dscope" "$r" "(goal >= $GOAL_ONE: $g)"
		summary+=("P=$p one process: lsof/dscope $r, $g")
	fi
	if ((use_lsfd)); then
		r=$(ratio "${ms[lsfd-one]}" "${ms[dscope-one]}")
		row "lsfd -p PID ${lsfd_one_args[*]}" "${ms[lsfd-one]}" "lsfd/dscope" "$r" "(no goal)"
	fi
	echo "  all processes"
	row "dscope fds -a --json" "${ms[dscope-all]}"
	if ((use_lsof)); then
		r=$(ratio "${ms[lsof-all]}" "${ms[dscope-all]}")
		g=$(goal "$r" "$GOAL_ALL")
		row "lsof -n -P" "${ms[lsof-all]}" "lsof/dscope" "$r" "(goal >= $GOAL_ALL: $g)"
		summary+=("P=$p all processes: lsof/dscope $r, $g")
	fi
	if ((use_lsfd)); then
		r=$(ratio "${ms[lsfd-all]}" "${ms[dscope-all]}")
		g=$(goal "$r" "$GOAL_ALL")
		row "lsfd" "${ms[lsfd-all]}" "lsfd/dscope" "$r" "(goal >= $GOAL_ALL: $g)"
		summary+=("P=$p all processes: lsfd/dscope $r, $g")
	fi
	echo "  the floor"
	row "readlink every /proc/*/fd/*" "${ms[floor]}" "dscope/floor" "$(ratio "${ms[dscope-all]}" "${ms[floor]}")" "(dscope fds -a over it)"
	row "... and read every fdinfo/*" "${ms[floor-fdinfo]}" "dscope/floor" "$(ratio "${ms[dscope-all]}" "${ms[floor-fdinfo]}")" "(dscope fds -a over it)"

	stop_farm
done

if ((${#summary[@]} > 0)); then
	echo
	echo "goals:"
	for s in "${summary[@]}"; do
		echo "  $s"
	done
fi
