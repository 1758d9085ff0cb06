# shellcheck shell=bash
# shellcheck disable=SC2034,SC2154 # it sets variables for, and uses some set by, the scripts sourcing it
# Shared by the benchmarks in bench/: timing commands side by side with
# hyperfine (or a date loop without it), the fdfarm fixture, ratios and
# table rows. Source after setting RUNS, WARMUP and die(); the functions
# use tmp (a scratch directory) and, for the farm, FDFARM (the fdfarm
# binary). The caller's EXIT trap should call stop_hyperfine and, when it
# starts a farm, stop_farm.

if command -v hyperfine >/dev/null; then
	method="hyperfine $(hyperfine --version | awk '{ print $2 }'), $RUNS runs after $WARMUP warm-up runs, mean wall time"
	use_hyperfine=1
else
	method="date +%s%N loop, $RUNS runs after $WARMUP warm-up runs, mean (install hyperfine for better numbers)"
	use_hyperfine=0
fi

# Sets $mean_ms to the mean wall time of a shell command. Not run in $(...):
# the trap would wait for a command substitution to finish all its runs.
mean_ms_loop() {
	local cmd=$1 t0 t1 total=0 i

	for ((i = 0; i < WARMUP; i++)); do
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

# time_group NAME CMD [NAME CMD]...: times the commands side by side in one
# run and sets ms[NAME] to each one's mean wall time in ms.
declare -A ms
time_group() {
	local args=() names=() i=0 name

	while (($# >= 2)); do
		names+=("$1")
		args+=(-n "$1" "$2")
		shift 2
	done
	if ((use_hyperfine)); then
		# In the background and waited for, so a SIGTERM is not held off
		# until every run is done.
		hyperfine --warmup "$WARMUP" --runs "$RUNS" --style none \
			--export-csv "$tmp/h.csv" "${args[@]}" >/dev/null 2>"$tmp/h.err" &
		hyperfine_pid=$!
		if ! wait "$hyperfine_pid"; then
			hyperfine_pid=
			cat "$tmp/h.err" >&2
			die "hyperfine failed"
		fi
		hyperfine_pid=
		# CSV: command,mean,stddev,median,user,system,min,max (seconds),
		# one row per command in the order given.
		for name in "${names[@]}"; do
			ms[$name]=$(awk -F, -v row=$((i + 2)) 'NR == row { printf "%.2f", $2 * 1000 }' "$tmp/h.csv")
			i=$((i + 1))
		done
	else
		for ((i = 0; i < ${#names[@]}; i++)); do
			mean_ms_loop "${args[i * 3 + 2]}"
			ms[${names[i]}]=$mean_ms
		done
	fi
}

# One untimed run: a failing command must not be timed as a fast one.
# dscope failing is an error; another tool failing drops its column.
check_cmd() {
	local what=$1 cmd=$2

	if ! bash -c "$cmd" 2>"$tmp/check.err"; then
		echo "$(basename "$0"): '$cmd' failed:" >&2
		head -n 5 "$tmp/check.err" >&2
		[[ $what == dscope ]] && die "dscope failed"
		return 1
	fi
	return 0
}


# Stops the hyperfine time_group started, if it still runs (for the EXIT
# trap: only what we started).
stop_hyperfine() {
	if [[ -n ${hyperfine_pid:-} ]]; then
		kill "$hyperfine_pid" 2>/dev/null || true
		wait "$hyperfine_pid" 2>/dev/null || true
		hyperfine_pid=
	fi
}

# start_farm P [ARG...]: starts $FDFARM P ARG... in the background, waits
# for its ready line and sets farm_pid, farm_first, farm_last (the first and
# last worker pids) and farm_fds (the fds its workers hold).
start_farm() {
	local p=$1 deadline line

	shift
	"$FDFARM" "$p" "$@" >"$tmp/farm.out" 2>"$tmp/farm.err" </dev/null &
	farm_pid=$!
	deadline=$((SECONDS + 120))
	while :; do
		line=$(head -n 1 "$tmp/farm.out")
		[[ $line == ready* ]] && break
		if ! kill -0 "$farm_pid" 2>/dev/null; then
			cat "$tmp/farm.err" >&2
			farm_pid=
			die "fdfarm $p died before it was ready"
		fi
		((SECONDS < deadline)) || die "fdfarm $p not ready after 120 s"
		sleep 0.1
	done
	read -r _ farm_parent farm_first farm_last farm_fds <<<"$line"
	[[ $farm_parent == "$farm_pid" ]] || die "fdfarm reported parent $farm_parent, started $farm_pid"
}

# Stops the farm start_farm started (its workers die with it), if any.
stop_farm() {
	if [[ -n ${farm_pid:-} ]]; then
		kill -TERM "$farm_pid" 2>/dev/null || true
		wait "$farm_pid" 2>/dev/null || true
		farm_pid=
	fi
}

# Sets worker to the worker in the middle of the ring, by pid order (the
# fork order unless pids wrapped). Its neighbours are then neither the
# first nor the last processes a /proc scan meets.
middle_worker() {
	local kids=() f=/proc/$farm_pid/task/$farm_pid/children

	if [[ -r $f ]]; then
		read -r -a kids <"$f" || true
	fi
	if ((${#kids[@]} == 0)) && command -v pgrep >/dev/null; then
		mapfile -t kids < <(pgrep -P "$farm_pid")
	fi
	((${#kids[@]} > 0)) || die "cannot list the workers of fdfarm $farm_pid"
	mapfile -t kids < <(printf '%s\n' "${kids[@]}" | sort -n)
	worker=${kids[${#kids[@]} / 2]}
	[[ $(cat "/proc/$worker/comm") == fdfarm-worker ]] || die "pid $worker is not an fdfarm worker"
}

# ratio A B: A/B to 1 decimal (or 2 when below 10).
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) { print "n/a"; exit } r = a / b; printf (r < 10 ? "%.2f" : "%.1f"), r }'
}

# goal RATIO MIN: "goal met" or "goal missed".
goal() {
	awk -v r="$1" -v g="$2" 'BEGIN { print (r != "n/a" && r + 0 >= g ? "goal met" : "goal missed") }'
}

# row LABEL MS [RATIO-LABEL RATIO [NOTE]]: one line of a table; the label
# and ratio-label columns are ROW_LABEL_WIDTH and ROW_RATIO_WIDTH wide.
row() {
	local lw=${ROW_LABEL_WIDTH:-36} rw=${ROW_RATIO_WIDTH:-14}

	if (($# > 2)); then
		printf '  %-*s %10s   %-*s %7s%s\n' "$lw" "$1" "$2" "$rw" "$3" "$4" "${5:+   $5}"
	else
		printf '  %-*s %10s\n' "$lw" "$1" "$2"
	fi
}

nproc_all() { find /proc -maxdepth 1 -name '[0-9]*' | wc -l; }

# Processes, and the fds in those whose fds are readable.
machine() {
	local n f

	n=$(nproc_all)
	f=$(find /proc/[0-9]*/fd -mindepth 1 -maxdepth 1 2>/dev/null | wc -l || true)
	echo "$n processes, $f fds"
}

# check_farm_bench TARGET: the settings every fdfarm benchmark checks
# (DSCOPE, FDFARM, RUNS, WARMUP, SIZES); TARGET is its make target.
check_farm_bench() {
	[[ -x $DSCOPE ]] || die "$DSCOPE not found: run make first (from the repo root)"
	[[ -x $FDFARM ]] || die "$FDFARM not found: run make $FDFARM (or make $1)"
	[[ $RUNS =~ ^[1-9][0-9]*$ && $WARMUP =~ ^[0-9]+$ ]] || die "RUNS and WARMUP must be numbers"
	for p in $SIZES; do
		[[ $p =~ ^[1-9][0-9]*$ ]] || die "SIZES must be numbers: '$p'"
	done
	[[ -n ${SIZES// /} ]] || die "SIZES is empty"
}
