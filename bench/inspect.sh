#!/usr/bin/env bash
# bench/inspect.sh - time `dscope inspect` of a daemon with many fds, on a
# machine with many fds, against the manual pipeline it replaces (ps, ls -l
# /proc/PID/fd, ss -xp, lsof -p PID +E) and against lsof -p PID +E alone.
#
# Usage (from the repo root, after make): bench/inspect.sh
#   FARM=1000         build/helpers/fdfarm FARM: FARM workers of 20 fds each,
#                     tied into a ring (the rest of the machine: ~20,000 fds)
#   FDS=1000          fds of the daemon inspected: build/helpers/mkfds with
#                     unix-server tcp pipe-child eventfd timerfd signalfd
#                     epoll, and `many N` /dev/null fds on top, N chosen so
#                     that it holds FDS fds in all (its peers: 4 children)
#   RUNS=10           timed runs per command
#   WARMUP=2          warm-up runs per command
#   DSCOPE=./build/dscope  the dscope binary to time
#
# Timed side by side in one run, PID being the daemon:
#   dscope inspect PID, dscope inspect --json PID
#   the pipeline, as one shell command: sh -c 'ps -o pid,ppid,user,tty,stat,
#     wchan,cmd -p PID; ls -l /proc/PID/fd; ss -xp; lsof -p PID +E'
#   lsof -p PID +E alone
# and printed as pipeline/dscope and lsof/dscope. Goal: dscope inspect PID,
# the whole report, faster than lsof -p PID +E alone.
#
# Uses hyperfine when installed, else a loop timed with date +%s%N. A tool
# that is missing (ps, ss, lsof) is left out of the pipeline and said so;
# without lsof the goal is not judged. Exits non-zero only on errors, never
# because a goal was missed. The fdfarm and the mkfds it starts are stopped
# on exit, by pid, and only those (their children die with them).
set -euo pipefail

FARM=${FARM:-1000}
FDS=${FDS:-1000}
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
DSCOPE=${DSCOPE:-./build/dscope}
FDFARM=./build/helpers/fdfarm
MKFDS=./build/helpers/mkfds
KINDS=(unix-server tcp pipe-child eventfd timerfd signalfd epoll)
PS_ARGS="-o pid,ppid,user,tty,stat,wchan,cmd"

die() {
	echo "bench/inspect.sh: $*" >&2
	exit 1
}

[[ -x $DSCOPE ]] || die "$DSCOPE not found: run make first (from the repo root)"
[[ -x $FDFARM ]] || die "$FDFARM not found: run make $FDFARM (or make bench-inspect)"
[[ -x $MKFDS ]] || die "$MKFDS not found: run make $MKFDS (or make bench-inspect)"
[[ $RUNS =~ ^[1-9][0-9]*$ && $WARMUP =~ ^[0-9]+$ ]] || die "RUNS and WARMUP must be numbers"
[[ $FARM =~ ^[1-9][0-9]*$ && $FDS =~ ^[1-9][0-9]*$ ]] || die "FARM and FDS must be numbers"

farm_pid=
daemon_pid=
hyperfine_pid=
tmp=
cleanup() {
	# Only what we started; it may already be gone.
	if [[ -n $hyperfine_pid ]]; then
		kill "$hyperfine_pid" 2>/dev/null || true
		wait "$hyperfine_pid" 2>/dev/null || true
	fi
	if [[ -n $daemon_pid ]]; then
		kill -TERM "$daemon_pid" 2>/dev/null || true
		wait "$daemon_pid" 2>/dev/null || true
	fi
	if [[ -n $farm_pid ]]; then
		kill -TERM "$farm_pid" 2>/dev/null || true
		wait "$farm_pid" 2>/dev/null || true
	fi
	[[ -z $tmp ]] || rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

tmp=$(mktemp -d)

notes=()
have_ps=0 have_ss=0 have_lsof=0
if command -v ps >/dev/null; then
	have_ps=1
else
	notes+=("ps: not installed, left out of the pipeline (it is in procps)")
fi
if command -v ss >/dev/null; then
	have_ss=1
else
	notes+=("ss: not installed, left out of the pipeline (it is in iproute2)")
fi
if command -v lsof >/dev/null; then
	have_lsof=1
else
	notes+=("lsof: not installed, left out of the pipeline, its row and the goal skipped (scripts/install-deps installs it)")
fi

. "$(dirname "$0")/lib.sh"
ROW_LABEL_WIDTH=44 ROW_RATIO_WIDTH=16

# start_daemon NAME [KIND...]: starts mkfds --dir $tmp/NAME with the kinds,
# waits for its JSON line and sets daemon_pid.
start_daemon() {
	local name=$1 deadline line pid

	shift
	"$MKFDS" --dir "$tmp/$name" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" </dev/null &
	daemon_pid=$!
	deadline=$((SECONDS + 30))
	while :; do
		line=$(head -n 1 "$tmp/$name.out")
		[[ $line == '{"pid":'* ]] && break
		if ! kill -0 "$daemon_pid" 2>/dev/null; then
			cat "$tmp/$name.err" >&2
			daemon_pid=
			die "mkfds $* died before it was ready"
		fi
		((SECONDS < deadline)) || die "mkfds $* not ready after 30 s"
		sleep 0.05
	done
	pid=${line#'{"pid":'}
	pid=${pid%%,*}
	[[ $pid == "$daemon_pid" ]] || die "mkfds reported pid $pid, started $daemon_pid"
}

stop_daemon() {
	if [[ -n $daemon_pid ]]; then
		kill -TERM "$daemon_pid" 2>/dev/null || true
		wait "$daemon_pid" 2>/dev/null || true
		daemon_pid=
	fi
}

count_fds() { find "/proc/$1/fd" -mindepth 1 -maxdepth 1 | wc -l; }

# faster A B: "goal met" when A < B, else "goal missed".
faster() {
	awk -v a="$1" -v b="$2" 'BEGIN { print (a + 0 < b + 0 ? "goal met" : "goal missed") }'
}


echo "bench/inspect.sh: dscope inspect vs ps + ls -l /proc/PID/fd + ss -xp + lsof -p PID +E"
echo "timing: $method"
for n in "${notes[@]}"; do
	echo "$n"
done
echo "machine before: $(machine)"

# The fds mkfds holds without `many`, so that `many` tops it up to FDS.
start_daemon probe "${KINDS[@]}"
base=$(count_fds "$daemon_pid")
stop_daemon
many=$((FDS - base))
((many >= 1)) || die "FDS=$FDS: mkfds ${KINDS[*]} alone holds $base fds already"

# The farm first: the daemon and its peers come after it in pid order, last
# in a /proc scan.
start_farm "$FARM"
start_daemon daemon "${KINDS[@]}" many "$many"
dfds=$(count_fds "$daemon_pid")
[[ $dfds == "$FDS" ]] || die "mkfds holds $dfds fds, wanted $FDS"
mach=$(machine)
kids=()
if [[ -r /proc/$daemon_pid/task/$daemon_pid/children ]]; then
	read -r -a kids <"/proc/$daemon_pid/task/$daemon_pid/children" || true
fi

pid=$daemon_pid
c_text="$DSCOPE inspect $pid >/dev/null"
c_json="$DSCOPE inspect --json $pid >/dev/null"
c_lsof="lsof -p $pid +E >/dev/null"
check_cmd dscope "$c_text"
check_cmd dscope "$c_json"
use_lsof=$have_lsof
if ((use_lsof)); then
	check_cmd lsof "$c_lsof" || use_lsof=0
fi

# The pipeline, as a user would type it, in one shell: its status is the
# last command's, lsof's (checked above) or else ss's.
parts=() labels=()
((have_ps)) && parts+=("ps $PS_ARGS -p $pid") && labels+=("ps")
parts+=("ls -l /proc/$pid/fd") && labels+=("ls -l fd")
((have_ss)) && parts+=("ss -xp") && labels+=("ss -xp")
((use_lsof)) && parts+=("lsof -p $pid +E") && labels+=("lsof +E")
script=$(printf '%s; ' "${parts[@]}")
c_pipe="sh -c '${script%; }' >/dev/null 2>&1"
pipe_label=$(printf '%s + ' "${labels[@]}")
pipe_label=${pipe_label% + }
check_cmd pipeline "$c_pipe" || die "the pipeline failed"

group=(text "$c_text" json "$c_json" pipe "$c_pipe")
((use_lsof)) && group+=(lsof "$c_lsof")
time_group "${group[@]}"

echo
echo "== fdfarm $farm_pid: $FARM workers (pids $farm_first..$farm_last) holding $farm_fds fds; machine: $mach"
echo "   daemon: mkfds $pid, $dfds fds (${KINDS[*]} many $many), peers: its ${#kids[@]} children"
printf '  %-44s %10s   %s\n' "" "mean ms" "ratio"
row "dscope inspect PID" "${ms[text]}"
row "dscope inspect --json PID" "${ms[json]}" "json/text" "$(ratio "${ms[json]}" "${ms[text]}")"
row "pipeline: $pipe_label" "${ms[pipe]}" "pipeline/dscope" "$(ratio "${ms[pipe]}" "${ms[text]}")"
if ((use_lsof)); then
	row "lsof -p PID +E" "${ms[lsof]}" "lsof/dscope" "$(ratio "${ms[lsof]}" "${ms[text]}")" \
		"(goal > 1: $(faster "${ms[text]}" "${ms[lsof]}"))"
fi

echo
echo "goals:"
if ((use_lsof)); then
	echo "  dscope inspect PID ${ms[text]} ms < lsof -p PID +E ${ms[lsof]} ms: $(faster "${ms[text]}" "${ms[lsof]}")"
	echo "  (--json, same goal: ${ms[json]} ms, $(faster "${ms[json]}" "${ms[lsof]}"))"
else
	echo "  dscope inspect PID < lsof -p PID +E: not judged, no lsof"
fi
