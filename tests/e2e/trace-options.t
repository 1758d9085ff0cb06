#!/usr/bin/env bash
# dscope trace and dscope logs run with random mixes of their options,
# valid and not, on a launched command and on a live daemon (tdaemon):
# every run ends within its time, with 0, 1 (an error it names) or 2 (a
# usage error, said so), never a crash or a sanitizer report, and the
# daemon is never harmed. The fuzzer only parses these options; here they
# run. OPTION_RUNS=N (default 40 each) runs more; OPTION_SEED=S another
# draw (the seed is printed, to run a failure again).
. "$(dirname "$0")/lib.sh"

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
DSCOPE=${DSCOPE:-$TOP/build/asan/dscope}
HELPERS=${HELPERS:-$TOP/build/helpers}
[ -x "$HELPERS/tdaemon" ] || bail_out "no $HELPERS/tdaemon: run make check"
tmp=$(tap_tmpdir)
runs=${OPTION_RUNS:-40}
RANDOM=${OPTION_SEED:-4242}
diag "seed ${OPTION_SEED:-4242}, $runs runs each"

start_tdaemon 2

# Each entry is one option with its value, words split on spaces: those
# that run, and those that must fail (drawn one time in twelve).
trace_good=(
	-f -c -T -t -tt -ttt -r --json --no-names --no-seccomp -v
	"-s 0" "-s 1" "-s 4096"
	"-e trace=write" "-e trace=%file" "-e trace=!write,getppid"
	"-e status=failed" "-e status=successful" "-e trace=%net,%process"
	"--fd 1" "--fd 0" "--limit 1" "--limit 5" "--duration 0.2"
	"--backend auto" "--backend ptrace" "--backend ebpf"
	"-o -" "-o $tmp/out.txt"
)
trace_bad=(
	"-s -1" "-s x" "-s 99999999999999999999" "-e trace=nosuchcall"
	"-e trace=" "-e bogus=1" "--fd -1" "--fd x" "--limit x" "--limit -3"
	"--duration x" "--duration -1" "--duration 0" "--limit 0" "--backend x" "-o $tmp/no/such/dir/out"
	"-p 0" "-p 999999999" "-p nosuchprocess" --bogus -
)
logs_good=("-n 0" "-n 1" "-n 3" --json -h)
logs_bad=("-n x" "-n -1" "-n 99999999999999999999" "--proc-root /nonexistent"
	"--proc-root $tmp" --bogus)

# pick N GOOD BAD: N options, each from the array named GOOD or, one time
# in twelve, from BAD, as words in $picked.
pick() {
	local -n good=$2 bad=$3
	local i
	picked=()
	for ((i = 0; i < $1; i++)); do
		if ((RANDOM % 12 == 0)); then
			# shellcheck disable=SC2206 # an entry is its words
			picked+=(${bad[RANDOM % ${#bad[@]}]})
		else
			# shellcheck disable=SC2206
			picked+=(${good[RANDOM % ${#good[@]}]})
		fi
	done
}

# ended_cleanly WHAT: the last run ended 0, 1 or 2 in its time, and told
# why on stderr when it failed, with no sanitizer report.
ended_cleanly() {
	local why=""

	case $rc in
	0) ;;
	1 | 2) grep -q '^dscope' "$err_file" || why="exit $rc without a dscope: message" ;;
	124) why="did not end in its time" ;;
	*) why="exit $rc" ;;
	esac
	if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' "$err_file"; then
		why="a sanitizer report"
	fi
	ok "[ -z '$why' ]" "$1"
	[ -z "$why" ] || diag "$why: $(head -c 600 "$err_file")"
}

for ((k = 1; k <= runs; k++)); do
	pick $((RANDOM % 4 + 1)) trace_good trace_bad
	if ((RANDOM % 2)); then
		# attached: bounded by a last --duration, which wins
		run timeout -k 5 30 "$DSCOPE" trace "${picked[@]}" -p "$dpid" --duration 0.3
	else
		run timeout -k 5 30 "$DSCOPE" trace "${picked[@]}" -- sh -c 'echo hi; cat /dev/null'
	fi
	ended_cleanly "trace ${picked[*]}"
done
ok "kill -0 $dpid" "the daemon outlived every trace"
ok "grep -q '^State:.*[RS]' /proc/$dpid/status" "and it is not left stopped"

for ((k = 1; k <= runs; k++)); do
	pick $((RANDOM % 3)) logs_good logs_bad
	if ((RANDOM % 2)); then
		run timeout -k 5 30 "$DSCOPE" logs "${picked[@]}" "$dpid"
	else
		run timeout -k 5 30 "$DSCOPE" logs "${picked[@]}" tdaemon
	fi
	ended_cleanly "logs ${picked[*]}"
done

done_testing
