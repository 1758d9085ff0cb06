# Shared by the benchmarks in bench/: timing commands side by side with
# hyperfine (or a date loop without it). Source after setting RUNS, WARMUP,
# tmp (a scratch directory) and die(); the caller's EXIT trap should kill
# $hyperfine_pid when it is set.

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

