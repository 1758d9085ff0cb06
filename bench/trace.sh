#!/usr/bin/env bash
# bench/trace.sh - time `dscope trace` against strace on syscall-heavy
# workloads: launched, filtered, attached, and the latency of attaching.
#
# Usage (from the repo root, after make): bench/trace.sh
#   WORKLOADS="getppid:300000:25000 write:300000:15000 pipe:12000:6000 epoll:25000:6000"
#                  MODE:N:NFULL for build/bench/trace-work MODE N (built
#                  from bench/trace-work.c): N, the bare run taking about
#                  50-100 ms, for the bare and the filtered rows; NFULL for
#                  the fully traced rows and their own bare row (traced,
#                  a syscall costs ~100x more: N would take minutes)
#   RUNS=10 RUNS_FULL=10  at most this many rounds of the filtered rows and
#                  of the fully traced rows; fewer when the check runs say
#                  that they would not fit in
#   BUDGET=5 BUDGET_FULL=20  seconds per workload for each (at least 3
#                  rounds are run all the same)
#   WARMUP=1       untimed rounds before them (on top of one check run)
#   ATTACH_RUNS=11 runs of the attach latency (median)
#   ATTACHED_N=25000 ATTACHED_RUNS=3  getppid calls and runs of the
#                  attached (-p) full tracing (median)
#   ATTACHED_EBPF="getppid:25000 write:15000 epoll:6000"  the attached
#                  eBPF full rows: MODE:N, each with its own bare row, with
#                  dscope on the tracee's CPU and on another (OTHER_CPU:
#                  the first other CPU this script may use)
#   ATTACHED_N_FILTERED=1000000  getppid calls of the attached eBPF
#                  filtered row (and its own bare row): a cost of tens of
#                  ns a call needs a loop far longer than 25,000 calls
#   PIN=0          the CPU list that the script and all it starts run on
#                  (taskset); PIN= for none. On a VM a tracer and its tracee
#                  on two vCPUs swap places from run to run and the same
#                  run then takes 1x to 6x as long; on one CPU it does not
#   DSCOPE=./build/dscope  the dscope binary to time (a copy of it, made
#                  at the start, so that a rebuild meanwhile changes nothing)
#
# The workloads (build/bench/trace-work MODE N):
#   getppid  N raw syscall(SYS_getppid) calls
#   write    N 1-byte writes to /dev/null
#   pipe     N round trips of 1 byte each way, parent and child, two pipes
#            (only the parent is traced, as neither tracer is given -f,
#            except by strace --seccomp-bpf, which needs -f)
#   epoll    N rounds of write / epoll_wait / read over a socketpair
# For each, timed side by side in one run, at NFULL (dscope's ptrace
# backend named: auto is eBPF where it loads):
#   bare, strace -o /dev/null, dscope trace --backend=ptrace -o /dev/null,
#   strace -c -o /dev/null, dscope trace --backend=ptrace -c -o /dev/null
# and at N:
#   bare, strace -f --seccomp-bpf -e trace=openat -o /dev/null,
#   dscope trace --backend=ptrace -e trace=openat -o /dev/null (a seccomp
#   filter too)
# and printed with the ratio over bare, the cost of a round (a loop turn)
# over bare in us, and dscope/strace for the full and -c rows. Each round
# runs every command once, in an order turned by one each round: a machine
# that gets faster or slower part way favours none of them.
#
# Attach latency: the time from starting `strace -q -p PID` or `dscope
# trace --backend=ptrace -p PID --limit 1 -o -` to the first trace line
# they write, then SIGINT (build/bench/trace-work firstline; both write to
# a pipe, where both write a line at a time; strace -o FILE writes 4 KiB
# at a time), median of ATTACH_RUNS, to a getppid loop (spin) and to a
# sleeper waking every 10 ms (tick), both left free to run on any CPU. And
# the whole run of `dscope trace --backend=ptrace -p PID --limit 1`.
#
# Attached full tracing: trace-work --wait getppid ATTACHED_N waits for a
# byte on stdin; strace -q -p PID -o /dev/null or dscope trace
# --backend=ptrace -p PID -o /dev/null attaches, the byte is sent, and the
# workload prints the time of its loop alone; printed over the bare loop
# (no tracer), medians.
#
# With the eBPF backend (when it can load here: root, BTF, built in), the
# same rows again with dscope trace --backend=ebpf: launched full and
# filtered, attached full on the getppid, write and epoll loops (dscope
# on the tracee's CPU, and on a CPU of its own), and attached filtered
# (-e trace=openat) on the getppid loop, with the memory the decoders
# read and the fds named as for ptrace. A launched row includes loading the program (about 100 ms);
# a check run that lost events (its ring buffer was full) is marked in
# the row.
#
# Goals (summed up at the end): full tracing dscope/strace <= 1.0; filtered
# launched tracing (dscope trace -e trace=openat) within 1.5x bare; with
# eBPF (issue 7): attached full tracing of getppid and write within 4x
# bare, of epoll within 2x, and filtered tracing within 1.2x bare.
#
# Uses hyperfine when installed (one run of each command per round), else
# bash's clock. Needs strace. Exits non-zero only on errors, never because
# a goal was missed. The processes it starts are stopped on exit, by pid,
# and only those.
set -euo pipefail

WORKLOADS=${WORKLOADS:-"getppid:300000:25000 write:300000:15000 pipe:12000:6000 epoll:25000:6000"}
RUNS=${RUNS:-10}
RUNS_FULL=${RUNS_FULL:-10}
BUDGET=${BUDGET:-5}
BUDGET_FULL=${BUDGET_FULL:-20}
WARMUP=${WARMUP:-1}
ATTACH_RUNS=${ATTACH_RUNS:-11}
ATTACHED_N=${ATTACHED_N:-25000}
ATTACHED_RUNS=${ATTACHED_RUNS:-3}
ATTACHED_N_FILTERED=${ATTACHED_N_FILTERED:-1000000}
ATTACHED_EBPF=${ATTACHED_EBPF:-getppid:25000 write:15000 epoll:6000}
PIN=${PIN-0}
DSCOPE=${DSCOPE:-./build/dscope}
WORK_SRC=bench/trace-work.c
WORK=./build/bench/trace-work
MIN_ROUNDS=3
GOAL_FULL=1.0     # dscope/strace, full tracing
GOAL_FILTERED=1.5 # dscope trace -e trace=openat / bare
GOAL_EBPF_FULL=4.0     # dscope trace --backend=ebpf -p, getppid and write / bare
GOAL_EBPF_FULL_EPOLL=2.0 # the same, epoll / bare
GOAL_EBPF_FILTERED=1.2 # dscope trace --backend=ebpf -e trace=openat / bare

die() {
	echo "bench/trace.sh: $*" >&2
	exit 1
}

num() { [[ $1 =~ ^[1-9][0-9]*$ ]]; }

[[ -x $DSCOPE ]] || die "$DSCOPE not found: run make first (from the repo root)"
[[ -f $WORK_SRC ]] || die "$WORK_SRC not found: run from the repo root"
command -v strace >/dev/null ||
	die "strace not found: it is what dscope trace is timed against; install it (scripts/install-deps, or apt-get install strace)"
for v in RUNS RUNS_FULL BUDGET BUDGET_FULL ATTACH_RUNS ATTACHED_N ATTACHED_RUNS ATTACHED_N_FILTERED; do
	num "${!v}" || die "$v must be a number > 0: '${!v}'"
done
for w in $ATTACHED_EBPF; do
	IFS=: read -r m n <<<"$w"
	[[ $m =~ ^(getppid|write|epoll)$ ]] && num "${n:-}" ||
		die "ATTACHED_EBPF: '$w' is not MODE:N (MODE getppid, write or epoll)"
done
[[ $WARMUP =~ ^[0-9]+$ ]] || die "WARMUP must be a number"
read -r -a workloads <<<"$WORKLOADS"
((${#workloads[@]} > 0)) || die "WORKLOADS is empty"
for w in "${workloads[@]}"; do
	IFS=: read -r m n nf <<<"$w"
	if ! [[ $m =~ ^(getppid|write|pipe|epoll)$ ]] || ! num "$n" || ! num "${nf:-}"; then
		die "WORKLOADS: '$w' is not MODE:N:NFULL (MODE getppid, write, pipe or epoll)"
	fi
done

bg_pids=()  # the spin and tick processes
work_pid=   # an attached workload
tracer_pid= # its tracer
job_pid=    # a command run in the background and waited for
hyperfine_pid=
tmp=
dscope_copy=
stop_pid() { # pid [signal]: stop one process we started, and reap it
	kill "-${2:-TERM}" "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}
cleanup() {
	local p

	# Only what we started; it may already be gone. Every one is signalled
	# before any is waited for: a wait from within a trap that interrupted
	# a wait can block until every child of the shell has ended. A tracer
	# gets SIGINT, on which it detaches (one run by trace-work firstline
	# gets it when that one dies); its tracee is killed.
	[[ -z $hyperfine_pid ]] || kill -TERM "$hyperfine_pid" 2>/dev/null || true
	[[ -z $job_pid ]] || kill -TERM "$job_pid" 2>/dev/null || true
	[[ -z $tracer_pid ]] || kill -INT "$tracer_pid" 2>/dev/null || true
	[[ -z $work_pid ]] || kill -KILL "$work_pid" 2>/dev/null || true
	for p in "${bg_pids[@]}"; do
		kill -KILL "$p" 2>/dev/null || true
	done
	for p in $hyperfine_pid $job_pid $tracer_pid $work_pid "${bg_pids[@]}"; do
		wait "$p" 2>/dev/null || true
	done
	exec 3>&-
	[[ -z $tmp ]] || rm -rf "$tmp"
	[[ -z $dscope_copy ]] || rm -f "$dscope_copy"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

tmp=$(mktemp -d)
t_start=$SECONDS

# A copy is timed: a make run meanwhile (by someone else) replaces the
# binary under us, and the rows would not all time the same one.
# (Beside the workloads, not in $tmp: /tmp may be mounted noexec.)
mkdir -p "$(dirname "$WORK")"
dscope_copy=$(dirname "$WORK")/dscope.$$
cp "$DSCOPE" "$dscope_copy" || die "cannot copy $DSCOPE to $dscope_copy"
DSCOPE_SRC=$DSCOPE
DSCOPE=$dscope_copy

# The workloads, rebuilt when their source is newer.
if [[ ! -x $WORK || $WORK_SRC -nt $WORK ]]; then
	command -v gcc >/dev/null || die "gcc not found: needed for $WORK"
	gcc -std=gnu11 -O2 -g -Wall -Wextra -o "$WORK" "$WORK_SRC" || die "cannot build $WORK"
fi

ncpu=$(nproc)
all_cpus="0-$((ncpu - 1))"
notes=()
notes+=("strace: $(strace -V 2>/dev/null | head -n 1 || echo strace)")
# The CPUs this script may use, before it pins itself: the attached eBPF
# rows run dscope on one of them other than PIN (OTHER_CPU).
allowed_cpus() {
	local list part a b c
	list=$(awk '/^Cpus_allowed_list:/ { print $2 }' /proc/self/status)
	IFS=, read -r -a part <<<"$list"
	for c in "${part[@]}"; do
		a=${c%-*} b=${c#*-}
		for ((; a <= b; a++)); do echo "$a"; done
	done
}
OTHER_CPU=
if [[ $PIN =~ ^[0-9]+$ ]]; then
	for c in $(allowed_cpus); do
		if ((c != PIN)); then
			OTHER_CPU=$c
			break
		fi
	done
fi
if [[ -n $PIN ]]; then
	command -v taskset >/dev/null || die "taskset not found: install util-linux, or run with PIN= (unpinned)"
	taskset -cp "$PIN" $$ >/dev/null || die "cannot pin to CPU $PIN (PIN=$PIN; PIN= for none)"
	notes+=("pinned: everything timed runs on CPU $PIN (PIN=$PIN; PIN= for none)")
else
	notes+=("not pinned (PIN=): on a VM expect the traced rows to vary 1x-6x from run to run")
fi
# lib.sh for check_cmd and $use_hyperfine.
. "$(dirname "$0")/lib.sh"
if ((use_hyperfine)); then
	method="hyperfine $(hyperfine --version | awk '{ print $2 }') -N, one run of each command per round, mean wall time"
else
	method="bash \$EPOCHREALTIME around each run, mean wall time"
	notes+=("hyperfine: not installed, timed with bash's clock instead (scripts/install-deps, or apt-get install hyperfine)")
fi

# ratio A B: A/B to 2 decimals (1 from 10 up).
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) { print "n/a"; exit } r = a / b; printf (r < 10 ? "%.2f" : "%.1f"), r }'
}

# at_most RATIO GOAL: "met" or "missed".
at_most() {
	awk -v r="$1" -v g="$2" 'BEGIN { print (r != "n/a" && r + 0 <= g + 0 ? "met" : "missed") }'
}

# per_round MS BARE_MS N: the cost of one round over bare, in us.
per_round() {
	awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%.2f", (a - b) * 1000 / n }'
}

# median of the numbers on stdin
median() {
	sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ms_of_ns() { awk -v ns="$1" 'BEGIN { if (ns == "n/a") print "n/a"; else printf "%.2f", ns / 1e6 }'; }

now_us() { echo "${EPOCHREALTIME//[.,]/}"; }

# run_job CMD...: runs a command in the background and waits for it, so
# that a SIGTERM is not held off; its stdout in $tmp/job.out, stderr in
# $tmp/job.err. Fails as it does.
run_job() {
	local rc=0

	"$@" >"$tmp/job.out" 2>"$tmp/job.err" </dev/null 3>&- &
	job_pid=$!
	wait "$job_pid" || rc=$?
	job_pid=
	return "$rc"
}

# checked WHAT CMD: check_cmd (lib.sh: one untimed run, a failing dscope
# dies, another tool's failure returns 1), adding its time to $est_us.
est_us=0
checked() {
	local t0 rc=0

	t0=$(now_us)
	check_cmd "$1" "$2" || rc=$?
	est_us=$((est_us + $(now_us) - t0))
	return "$rc"
}

# rounds_for BUDGET_S MAX: the rounds that fit in the budget with the
# WARMUP ones, by $est_us (one run of each command), at least MIN_ROUNDS,
# at most MAX.
rounds_for() {
	local r=$(($1 * 1000000 / (est_us > 0 ? est_us : 1) - WARMUP))

	((r >= MIN_ROUNDS)) || r=$MIN_ROUNDS
	((r <= $2)) || r=$2
	echo "$r"
}

# time_rounds ROUNDS NAME CMD [NAME CMD]...: WARMUP untimed rounds, then
# ROUNDS timed ones, each running every command once, in an order turned
# by one each round. Sets ms[NAME] (mean, ms) and sd[NAME] (its standard
# deviation). The commands are words, no shell.
declare -A ms sd
time_rounds() {
	local rounds=$1 names=() cmds=() order=() args=() argv=() r i j k name t0 t1

	shift
	while (($# >= 2)); do
		names+=("$1")
		cmds+=("$2")
		shift 2
	done
	k=${#names[@]}
	for name in "${names[@]}"; do
		: >"$tmp/t.$name"
	done
	for ((r = 0; r < WARMUP + rounds; r++)); do
		order=()
		for ((j = 0; j < k; j++)); do
			order+=($(((j + r) % k)))
		done
		if ((use_hyperfine)); then
			args=()
			for i in "${order[@]}"; do
				args+=(-n "${names[i]}" "${cmds[i]}")
			done
			# In the background and waited for, so a SIGTERM is not
			# held off until the round is done.
			hyperfine -N --runs 1 --style none --export-csv "$tmp/r.csv" "${args[@]}" \
				>/dev/null 2>"$tmp/h.err" </dev/null 3>&- &
			hyperfine_pid=$!
			if ! wait "$hyperfine_pid"; then
				hyperfine_pid=
				cat "$tmp/h.err" >&2
				die "hyperfine failed"
			fi
			hyperfine_pid=
			((r < WARMUP)) && continue
			# CSV: command,mean,stddev,median,user,system,min,max (s)
			awk -F, -v dir="$tmp" 'NR > 1 { print $2 * 1000 >>(dir "/t." $1) }' "$tmp/r.csv"
		else
			for i in "${order[@]}"; do
				read -r -a argv <<<"${cmds[i]}"
				t0=$(now_us)
				run_job "${argv[@]}" || die "'${cmds[i]}' failed"
				t1=$(now_us)
				((r < WARMUP)) || awk -v us=$((t1 - t0)) 'BEGIN { print us / 1000 }' >>"$tmp/t.${names[i]}"
			done
		fi
	done
	for name in "${names[@]}"; do
		read -r "ms[$name]" "sd[$name]" < <(awk '{ s += $1; q += $1 * $1; n++ }
			END { m = s / n; v = n > 1 ? (q - n * m * m) / (n - 1) : 0; printf "%.2f %.2f\n", m, sqrt(v > 0 ? v : 0) }' "$tmp/t.$name")
	done
}

head_row() { # what the mean is
	printf '  %-54s %7s %10s %8s %8s %9s   %s\n' "" N "$1" "+- ms" "x bare" "+us/round" "dscope/strace"
}
row() { # label n ms sd bare_ms [dscope/strace note]
	local extra=-

	[[ $3 == "$5" ]] || extra=$(per_round "$3" "$5" "$2")
	printf '  %-54s %7s %10s %8s %8s %9s   %s\n' "$1" "$2" "$3" "$4" "$(ratio "$3" "$5")" "$extra" "${6:-}"
}

# wait_ready FILE PID WHAT: waits for "ready" in FILE, written by PID.
wait_ready() {
	local deadline=$((SECONDS + 10))

	until grep -q '^ready' "$1" 2>/dev/null; do
		kill -0 "$2" 2>/dev/null || die "$3 died before it was ready"
		((SECONDS < deadline)) || die "$3 not ready after 10 s"
		sleep 0.01
	done
}

tracer_of() { awk '/^TracerPid:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

# The eBPF rows, when the backend can load here.
use_ebpf=0
if "$DSCOPE" trace --backend=ebpf -o /dev/null -- true 2>"$tmp/ebpf.err"; then
	use_ebpf=1
	notes+=("eBPF backend: loads here (the default, auto, where it does)")
else
	notes+=("eBPF rows skipped: $(head -n 1 "$tmp/ebpf.err")")
fi

# ebpf_checked WHAT CMD: checked, then "lost N" when the check run lost
# events (in $lost_note; empty when none).
ebpf_checked() {
	checked "$1" "$2"
	lost_note=$(sed -n 's/^dscope: \([0-9]*\) events lost.*/(check run lost \1 events)/p' "$tmp/check.err")
}

echo "bench/trace.sh: dscope trace vs strace"
echo "timing: $method"
echo "dscope: $DSCOPE_SRC ($($DSCOPE --version 2>/dev/null | head -n 1 || echo "no --version"), built $(date -r "$DSCOPE_SRC" '+%F %T'))"
for n in "${notes[@]}"; do
	echo "$n"
done
echo "machine: $ncpu CPUs, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg)"

declare -A describe=(
	[getppid]="N raw syscall(SYS_getppid) calls; a round: 1 syscall"
	[write]="N 1-byte writes to /dev/null; a round: 1 syscall"
	[pipe]="N pipe round trips to a child, 1 byte each way; a round: 2 syscalls traced (the parent's)"
	[epoll]="N rounds of write, epoll_wait, read over a socketpair; a round: 3 syscalls"
)

summary_full=()
summary_c=()
summary_filtered=()
summary_ebpf=()
for w in "${workloads[@]}"; do
	IFS=: read -r mode n nf <<<"$w"
	bare_full="$WORK $mode $nf"
	bare="$WORK $mode $n"
	s_full="strace -o /dev/null $WORK $mode $nf"
	d_full="$DSCOPE trace --backend=ptrace -o /dev/null -- $WORK $mode $nf"
	s_c="strace -c -o /dev/null $WORK $mode $nf"
	d_c="$DSCOPE trace --backend=ptrace -c -o /dev/null -- $WORK $mode $nf"
	s_filt="strace -f --seccomp-bpf -e trace=openat -o /dev/null $WORK $mode $n"
	d_filt="$DSCOPE trace --backend=ptrace -e trace=openat -o /dev/null -- $WORK $mode $n"
	e_full="$DSCOPE trace --backend=ebpf -o /dev/null -- $WORK $mode $nf"
	e_filt="$DSCOPE trace --backend=ebpf -e trace=openat -o /dev/null -- $WORK $mode $n"

	est_us=0
	checked bare "$bare_full" || die "$WORK $mode $nf failed"
	checked dscope "$d_full"
	checked dscope "$d_c"
	lost_full=
	if ((use_ebpf)); then
		ebpf_checked dscope "$e_full"
		lost_full=$lost_note
	fi
	use_s_full=1 use_s_c=1
	checked strace "$s_full" || use_s_full=0
	checked strace "$s_c" || use_s_c=0
	full=(bare-full "$bare_full")
	((use_s_full)) && full+=(strace-full "$s_full")
	full+=(dscope-full "$d_full")
	((use_s_c)) && full+=(strace-c "$s_c")
	full+=(dscope-c "$d_c")
	((use_ebpf)) && full+=(ebpf-full "$e_full")
	rounds_full=$(rounds_for "$BUDGET_FULL" "$RUNS_FULL")
	time_rounds "$rounds_full" "${full[@]}"

	est_us=0
	checked bare "$bare" || die "$WORK $mode $n failed"
	checked dscope "$d_filt"
	lost_filt=
	if ((use_ebpf)); then
		ebpf_checked dscope "$e_filt"
		lost_filt=$lost_note
	fi
	use_s_filt=1
	checked strace "$s_filt" || use_s_filt=0
	filt=(bare "$bare")
	((use_s_filt)) && filt+=(strace-filt "$s_filt")
	filt+=(dscope-filt "$d_filt")
	((use_ebpf)) && filt+=(ebpf-filt "$e_filt")
	rounds_filt=$(rounds_for "$BUDGET" "$RUNS")
	time_rounds "$rounds_filt" "${filt[@]}"

	echo
	echo "== $mode: ${describe[$mode]}; full and -c rows: $rounds_full rounds, the others: $rounds_filt"
	head_row "mean ms"
	b=${ms[bare-full]}
	row "bare" "$nf" "$b" "${sd[bare-full]}" "$b"
	if ((use_s_full)); then
		row "strace -o /dev/null" "$nf" "${ms[strace-full]}" "${sd[strace-full]}" "$b"
		r=$(ratio "${ms[dscope-full]}" "${ms[strace-full]}")
		row "dscope trace --backend=ptrace -o /dev/null" "$nf" "${ms[dscope-full]}" "${sd[dscope-full]}" "$b" "$r"
		summary_full+=("$mode $r $(at_most "$r" "$GOAL_FULL")")
	else
		row "dscope trace --backend=ptrace -o /dev/null" "$nf" "${ms[dscope-full]}" "${sd[dscope-full]}" "$b" "(strace failed)"
	fi
	if ((use_s_c)); then
		row "strace -c -o /dev/null" "$nf" "${ms[strace-c]}" "${sd[strace-c]}" "$b"
		r=$(ratio "${ms[dscope-c]}" "${ms[strace-c]}")
		row "dscope trace --backend=ptrace -c -o /dev/null" "$nf" "${ms[dscope-c]}" "${sd[dscope-c]}" "$b" "$r"
		summary_c+=("$mode $r $(at_most "$r" "$GOAL_FULL")")
	else
		row "dscope trace --backend=ptrace -c -o /dev/null" "$nf" "${ms[dscope-c]}" "${sd[dscope-c]}" "$b" "(strace failed)"
	fi
	if ((use_ebpf)); then
		row "dscope trace --backend=ebpf -o /dev/null" "$nf" "${ms[ebpf-full]}" "${sd[ebpf-full]}" "$b" "$lost_full"
	fi
	b=${ms[bare]}
	row "bare" "$n" "$b" "${sd[bare]}" "$b"
	if ((use_s_filt)); then
		row "strace -f --seccomp-bpf -e trace=openat -o /dev/null" "$n" "${ms[strace-filt]}" "${sd[strace-filt]}" "$b"
	fi
	row "dscope trace --backend=ptrace -e trace=openat -o /dev/null" "$n" "${ms[dscope-filt]}" "${sd[dscope-filt]}" "$b"
	r=$(ratio "${ms[dscope-filt]}" "$b")
	summary_filtered+=("$mode $r $(at_most "$r" "$GOAL_FILTERED")")
	if ((use_ebpf)); then
		row "dscope trace --backend=ebpf -e trace=openat -o /dev/null" "$n" "${ms[ebpf-filt]}" "${sd[ebpf-filt]}" "$b" "$lost_filt"
		r=$(ratio "${ms[ebpf-filt]}" "$b")
		summary_ebpf+=("filtered-launched-$mode $r $(at_most "$r" "$GOAL_EBPF_FILTERED")")
	fi
done

# Attach latency, to a getppid loop and to a 10 ms sleeper, on any CPU.
taskset_all=()
[[ -z $PIN ]] || taskset_all=(taskset -c "$all_cpus")
"${taskset_all[@]}" "$WORK" spin 0 </dev/null >/dev/null 2>&1 3>&- &
spin_pid=$!
bg_pids+=("$spin_pid")
"${taskset_all[@]}" "$WORK" tick 0 </dev/null >/dev/null 2>&1 3>&- &
tick_pid=$!
bg_pids+=("$tick_pid")
sleep 0.2
for p in "$spin_pid" "$tick_pid"; do
	[[ $(cat "/proc/$p/comm" 2>/dev/null) == trace-work ]] || die "trace-work spin or tick did not start"
done

# first_ns PID TRACER: appends the latency of one attach to $tmp/first.TRACER.PID
first_ns() {
	local pid=$1 tracer=$2 cmd

	if [[ $tracer == strace ]]; then
		cmd=(strace -q -p "$pid")
	else
		cmd=("$DSCOPE" trace --backend=ptrace -p "$pid" --limit 1 -o -)
	fi
	if ! run_job "$WORK" firstline "${cmd[@]}"; then
		cat "$tmp/job.err" >&2
		die "'${cmd[*]}' wrote no trace line"
	fi
	awk '/^first_ns/ { print $2 }' "$tmp/job.out" >>"$tmp/first.$tracer.$pid"
	kill -0 "$pid" 2>/dev/null || die "the tracee $pid died while traced by ${cmd[*]}"
}

declare -A attach
for pid in "$spin_pid" "$tick_pid"; do
	: >"$tmp/first.strace.$pid"
	: >"$tmp/first.dscope.$pid"
	for ((i = 0; i < ATTACH_RUNS; i++)); do
		# Alternated, and which goes first too.
		if ((i % 2)); then
			first_ns "$pid" strace
			first_ns "$pid" dscope
		else
			first_ns "$pid" dscope
			first_ns "$pid" strace
		fi
	done
	attach[strace.$pid]=$(ms_of_ns "$(median <"$tmp/first.strace.$pid")")
	attach[dscope.$pid]=$(ms_of_ns "$(median <"$tmp/first.dscope.$pid")")
done
d_limit="$DSCOPE trace -p $spin_pid --limit 1 -o /dev/null"
est_us=0
checked dscope "$d_limit"
time_rounds "$ATTACH_RUNS" dscope-limit "$d_limit"

echo
echo "== attach latency: from starting the tracer to its first trace line (median of $ATTACH_RUNS)"
printf '  %-54s %10s %10s   %s\n' "" "strace ms" "dscope ms" "dscope/strace"
for pid in "$spin_pid" "$tick_pid"; do
	if [[ $pid == "$spin_pid" ]]; then
		what="a getppid loop (trace-work spin)"
	else
		what="a sleeper waking every 10 ms (trace-work tick)"
	fi
	printf '  %-54s %10s %10s   %s\n' "$what" "${attach[strace.$pid]}" "${attach[dscope.$pid]}" \
		"$(ratio "${attach[dscope.$pid]}" "${attach[strace.$pid]}")"
done
printf '  %-54s %10s %10s   %s\n' "dscope trace --backend=ptrace -p PID --limit 1, whole run" "" \
	"${ms[dscope-limit]}" "(the spin; mean of $ATTACH_RUNS, +- ${sd[dscope-limit]} ms)"
echo "  (strace -q -p PID; dscope trace --backend=ptrace -p PID --limit 1 -o -; both to a pipe, then SIGINT)"

for p in "${bg_pids[@]}"; do
	stop_pid "$p" KILL
done
bg_pids=()

# Attached full tracing, timed by the workload itself.
# The workloads' stdin: a fifo held open read-write here (so that opening
# it blocks no one); a byte written to it releases one.
mkfifo "$tmp/go"
exec 3<>"$tmp/go"

# attached_loop TRACER MODE N: appends the loop's ns (trace-work --wait
# MODE N) to $tmp/loop.TRACER.MODE.N. TRACER: none, strace, dscope (its
# ptrace backend), ebpf, ebpf-cpu (ebpf on a CPU of its own: OTHER_CPU)
# or ebpf-filt (-e trace=openat).
attached_loop() {
	local tracer=$1 mode=$2 n=$3 deadline

	: >"$tmp/ready"
	"$WORK" --wait "$mode" "$n" <"$tmp/go" >"$tmp/ready" 2>"$tmp/loop" 3>&- &
	work_pid=$!
	wait_ready "$tmp/ready" "$work_pid" "trace-work --wait $mode"
	case $tracer in
	strace) strace -q -p "$work_pid" -o /dev/null </dev/null 2>"$tmp/tracer.err" 3>&- & ;;
	dscope) "$DSCOPE" trace --backend=ptrace -p "$work_pid" -o /dev/null </dev/null 2>"$tmp/tracer.err" 3>&- & ;;
	ebpf) "$DSCOPE" trace -v --backend=ebpf -p "$work_pid" -o /dev/null </dev/null 2>"$tmp/tracer.err" 3>&- & ;;
	ebpf-cpu) taskset -c "$OTHER_CPU" "$DSCOPE" trace -v --backend=ebpf -p "$work_pid" -o /dev/null </dev/null 2>"$tmp/tracer.err" 3>&- & ;;
	ebpf-filt) "$DSCOPE" trace -v --backend=ebpf -e trace=openat -p "$work_pid" -o /dev/null </dev/null 2>"$tmp/tracer.err" 3>&- & ;;
	esac
	if [[ $tracer == ebpf* ]]; then
		# nothing ptrace's it: -v says when it is in the map
		tracer_pid=$!
		deadline=$((SECONDS + 10))
		until grep -q "process $work_pid attached" "$tmp/tracer.err" 2>/dev/null; do
			if ! kill -0 "$tracer_pid" 2>/dev/null; then
				cat "$tmp/tracer.err" >&2
				die "$tracer -p $work_pid exited before it attached"
			fi
			((SECONDS < deadline)) || die "$tracer -p $work_pid not attached after 10 s"
			sleep 0.01
		done
		sleep 0.2
	elif [[ $tracer != none ]]; then
		tracer_pid=$!
		deadline=$((SECONDS + 10))
		until [[ $(tracer_of "$work_pid") == "$tracer_pid" ]]; do
			if ! kill -0 "$tracer_pid" 2>/dev/null; then
				cat "$tmp/tracer.err" >&2
				die "$tracer -p $work_pid exited before it attached"
			fi
			((SECONDS < deadline)) || die "$tracer -p $work_pid not attached after 10 s"
			sleep 0.01
		done
		# Past PTRACE_SEIZE; let it settle into its loop.
		sleep 0.2
	fi
	printf x >&3
	wait "$work_pid" || die "trace-work --wait $mode failed under $tracer: $(cat "$tmp/loop")"
	work_pid=
	awk '/^loop_ns/ { print $2 }' "$tmp/loop" >>"$tmp/loop.$tracer.$mode.$n"
	# a loss in any run is kept (the first one said)
	[[ $tracer != ebpf* || -n ${attached_lost[$tracer.$mode.$n]:-} ]] ||
		attached_lost[$tracer.$mode.$n]=$(sed -n 's/^dscope: \([0-9]*\) events lost.*/(lost \1 events)/p' "$tmp/tracer.err")
	if [[ -n $tracer_pid ]]; then
		# It ends with its tracee; SIGINT if it does not.
		deadline=$((SECONDS + 5))
		while kill -0 "$tracer_pid" 2>/dev/null && ((SECONDS < deadline)); do
			sleep 0.01
		done
		stop_pid "$tracer_pid" INT
		tracer_pid=
	fi
}

# loop_ms TRACER MODE N: the median of its loops, in ms.
loop_ms() { ms_of_ns "$(median <"$tmp/loop.$1.$2.$3")"; }

# The eBPF backend's records are read by dscope while the tracee runs:
# on the tracee's CPU (PIN) the tracee waits while dscope decodes, on a
# CPU of its own (as a daemon on a machine with more than one CPU would
# be traced) it does not. Both are timed. (OTHER_CPU may be an SMT
# sibling of PIN, sharing its core.)

declare -A attached_lost
ebpf_tracers=(ebpf)
[[ -z $OTHER_CPU ]] || ebpf_tracers+=(ebpf-cpu)
for ((i = 0; i < ATTACHED_RUNS; i++)); do
	if ((i % 2)); then
		order=(none dscope strace)
	else
		order=(none strace dscope)
	fi
	for t in "${order[@]}"; do
		attached_loop "$t" getppid "$ATTACHED_N"
	done
	if ((use_ebpf)); then
		for w in $ATTACHED_EBPF; do
			IFS=: read -r m n <<<"$w"
			[[ $m == getppid && $n == "$ATTACHED_N" ]] || attached_loop none "$m" "$n"
			for t in "${ebpf_tracers[@]}"; do
				attached_loop "$t" "$m" "$n"
			done
		done
		attached_loop none getppid "$ATTACHED_N_FILTERED"
		attached_loop ebpf-filt getppid "$ATTACHED_N_FILTERED"
	fi
done
exec 3>&-
bare=$(loop_ms none getppid "$ATTACHED_N")
strace_ms=$(loop_ms strace getppid "$ATTACHED_N")
dscope_ms=$(loop_ms dscope getppid "$ATTACHED_N")
r=$(ratio "$dscope_ms" "$strace_ms")
summary_full+=("attached-getppid $r $(at_most "$r" "$GOAL_FULL")")

echo
echo "== attached (-p) full tracing: $ATTACHED_N getppid calls, the loop timed by itself (median of $ATTACHED_RUNS)"
head_row "loop ms"
row "bare (no tracer)" "$ATTACHED_N" "$bare" "" "$bare"
row "strace -q -p PID -o /dev/null" "$ATTACHED_N" "$strace_ms" "" "$bare"
row "dscope trace --backend=ptrace -p PID -o /dev/null" "$ATTACHED_N" "$dscope_ms" "" "$bare" "$r"
if ((use_ebpf)); then
	attached_ebpf=()
	echo
	echo "== attached (-p) eBPF tracing, the loop timed by itself (median of $ATTACHED_RUNS)${OTHER_CPU:+; \"own CPU\": dscope on CPU $OTHER_CPU, the tracee on $PIN}"
	head_row "loop ms"
	for w in $ATTACHED_EBPF; do
		IFS=: read -r m n <<<"$w"
		bare=$(loop_ms none "$m" "$n")
		goal=$GOAL_EBPF_FULL
		[[ $m != epoll ]] || goal=$GOAL_EBPF_FULL_EPOLL
		row "bare $m (no tracer)" "$n" "$bare" "" "$bare"
		for t in "${ebpf_tracers[@]}"; do
			label="dscope trace --backend=ebpf -p PID -o /dev/null"
			what="attached-$m-full"
			if [[ $t == ebpf-cpu ]]; then
				label+=", own CPU"
				what+="-own-cpu"
			fi
			ms=$(loop_ms "$t" "$m" "$n")
			row "$label" "$n" "$ms" "" "$bare" "${attached_lost[$t.$m.$n]:-}"
			r=$(ratio "$ms" "$bare")
			attached_ebpf+=("$what $r $(at_most "$r" "$goal")")
		done
	done
	bare=$(loop_ms none getppid "$ATTACHED_N_FILTERED")
	ms=$(loop_ms ebpf-filt getppid "$ATTACHED_N_FILTERED")
	row "bare getppid (no tracer)" "$ATTACHED_N_FILTERED" "$bare" "" "$bare"
	row "dscope trace --backend=ebpf -e trace=openat -p PID" "$ATTACHED_N_FILTERED" "$ms" "" "$bare" "${attached_lost[ebpf-filt.getppid.$ATTACHED_N_FILTERED]:-}"
	r=$(ratio "$ms" "$bare")
	summary_ebpf=("${attached_ebpf[@]}" "${summary_ebpf[@]}" "attached-getppid-filtered $r $(at_most "$r" "$GOAL_EBPF_FILTERED")")
fi

# goals LABEL ENTRY...: one line per goal, each entry "what ratio met|missed".
goals() {
	local label=$1 e what r g out=()

	shift
	for e in "$@"; do
		read -r what r g <<<"$e"
		out+=("$what $r ($g)")
	done
	printf '  %s\n    %s\n' "$label" "$(printf '%s, ' "${out[@]}" | sed 's/, $//')"
}

echo
echo "goals:"
goals "full tracing, dscope/strace <= $GOAL_FULL:" "${summary_full[@]}"
((${#summary_c[@]} == 0)) || goals "full tracing with -c, dscope/strace <= $GOAL_FULL:" "${summary_c[@]}"
goals "filtered launched tracing (dscope trace -e trace=openat) within ${GOAL_FILTERED}x bare:" "${summary_filtered[@]}"
((${#summary_ebpf[@]} == 0)) ||
	goals "eBPF, x bare: attached full getppid and write <= $GOAL_EBPF_FULL, epoll <= $GOAL_EBPF_FULL_EPOLL, filtered <= $GOAL_EBPF_FILTERED:" "${summary_ebpf[@]}"
echo "took $((SECONDS - t_start)) s"
