# Small TAP helpers for the end-to-end scripts in tests/e2e/*.t.
# Source it from a bash script:
#
#	. "$(dirname "$0")/lib.sh"
#	plan 3                        # or call done_testing at the end
#	run "$DSCOPE" ps --json       # sets $rc, $out, $err ($out_file, $err_file)
#	is "$rc" 0 "ps exits 0"
#	like "$err" '^$' "nothing on stderr"
#	is "$(json_get "$out_file" 'processes[pid=1].daemon')" true "pid 1 is a daemon"
#	ok 'grep -q cupsd "$out_file"' "cupsd is listed"
#
# Assertions return non-zero when they fail: do not use set -e.
#
# ok COND NAME    COND is an exit status (0 passes) or a command line that
#                 is eval'ed (its exit status decides)
# is GOT WANT NAME        exact string comparison
# isnt GOT UNWANTED NAME
# like GOT REGEX NAME     bash extended regex ([[ =~ ]])
# unlike GOT REGEX NAME
# skip REASON [N]         N skipped tests (default 1)
# skip_all REASON         the whole script is skipped (call before any test)
# diag LINE...            "# " comment lines on stderr
# bail_out REASON         stops everything ("Bail out!")
# json_get FILE PATH      value at PATH: strings raw, other values as JSON
#                         (true, null, 42, {...}); status 1 and no output when
#                         PATH is absent. PATH: keys and [N] or [KEY=VALUE]
#                         (first array element whose KEY equals VALUE), e.g.
#                         'processes[pid=900].daemon_criteria.session'
# json_eval FILE EXPR     a Python expression over the parsed document d,
#                         printed like json_get: 'len(d["processes"])'
# at_exit CMD             runs CMD when the script ends (the library owns
#                         the EXIT trap: do not set your own)
# tap_tmpdir              prints a temporary directory removed at the end
#
# Exit status: 0 when every test passed and the plan was kept, otherwise
# the number of failures (at most 254) or 255 for a broken plan.

_tap_planned=
_tap_n=0
_tap_failed=0
_tap_skipping_all=
_tap_exit_cmds=()
_tap_tmp=

_tap_end() {
	local rc=$? cmd

	for cmd in "${_tap_exit_cmds[@]}"; do
		eval "$cmd"
	done
	[ -n "$_tap_tmp" ] && rm -rf "$_tap_tmp"
	[ -n "$_tap_skipping_all" ] && exit 0
	if [ -z "$_tap_planned" ]; then
		echo "# no plan: call plan N first or done_testing at the end" >&2
		exit 255
	fi
	if [ "$_tap_n" -ne "$_tap_planned" ]; then
		echo "# planned $_tap_planned tests but ran $_tap_n" >&2
		exit 255
	fi
	if [ "$_tap_failed" -gt 0 ]; then
		echo "# failed $_tap_failed of $_tap_n tests" >&2
		[ "$_tap_failed" -gt 254 ] && exit 254
		exit "$_tap_failed"
	fi
	exit "$rc"
}
trap _tap_end EXIT

plan() {
	_tap_planned=$1
	echo "1..$1"
}

done_testing() {
	plan "$_tap_n"
}

skip_all() {
	echo "1..0 # SKIP $*"
	_tap_skipping_all=1
	exit 0
}

bail_out() {
	echo "Bail out! $*"
	_tap_skipping_all=
	_tap_planned=${_tap_planned:-$_tap_n}
	_tap_failed=$((_tap_failed + 1))
	exit 255
}

diag() {
	local arg line

	for arg in "$@"; do
		while IFS= read -r line; do
			echo "# $line" >&2
		done <<<"$arg"
	done
}

# Shows a value in a diagnostic without raw control bytes.
_tap_show() {
	if [[ $1 =~ [[:cntrl:]] ]]; then
		printf '%q' "$1"
	else
		printf "'%s'" "$1"
	fi
}

_tap_result() { # PASSED NAME
	_tap_n=$((_tap_n + 1))
	local name=${2//$'\n'/ }

	name=${name//#/\\#}
	if [ "$1" -eq 0 ]; then
		echo "ok $_tap_n - $name"
	else
		echo "not ok $_tap_n - $name"
		_tap_failed=$((_tap_failed + 1))
		local caller
		caller=$(caller 1)
		diag "  Failed test '$name' at ${caller##* } line ${caller%% *}."
	fi
	return "$1"
}

ok() {
	local cond=$1 status

	if [[ $cond =~ ^[0-9]+$ ]]; then
		status=$cond
	else
		eval "$cond"
		status=$?
	fi
	[ "$status" -eq 0 ]
	_tap_result $? "$2"
}

is() {
	if [ "$1" == "$2" ]; then
		_tap_result 0 "$3"
	else
		_tap_result 1 "$3"
		diag "         got: $(_tap_show "$1")" "    expected: $(_tap_show "$2")"
		return 1
	fi
}

isnt() {
	if [ "$1" != "$2" ]; then
		_tap_result 0 "$3"
	else
		_tap_result 1 "$3"
		diag "         got: $(_tap_show "$1")" "    expected anything else"
		return 1
	fi
}

like() {
	if [[ $1 =~ $2 ]]; then
		_tap_result 0 "$3"
	else
		_tap_result 1 "$3"
		diag "                  $(_tap_show "$1")" "    doesn't match '$2'"
		return 1
	fi
}

unlike() {
	if ! [[ $1 =~ $2 ]]; then
		_tap_result 0 "$3"
	else
		_tap_result 1 "$3"
		diag "                  $(_tap_show "$1")" "    matches '$2'"
		return 1
	fi
}

skip() {
	local i n=${2:-1}

	for ((i = 0; i < n; i++)); do
		_tap_n=$((_tap_n + 1))
		echo "ok $_tap_n # skip $1"
	done
}

at_exit() {
	_tap_exit_cmds+=("$1")
}

# Made here, in the script's own shell: tmp=$(tap_tmpdir) runs in a
# subshell, which could not record a directory it made for _tap_end.
_tap_tmp=$(mktemp -d "${TMPDIR:-/tmp}/dscope-e2e.XXXXXX") ||
	bail_out "cannot create a temporary directory"

tap_tmpdir() {
	echo "$_tap_tmp"
}

# run CMD [ARG...]: runs CMD with stdin from /dev/null; sets $rc, $out and
# $err (trailing newlines stripped) and $out_file, $err_file (exact bytes).
# shellcheck disable=SC2034 # the results are for the caller
run() {
	local dir

	if [ -z "$_tap_tmp" ]; then
		tap_tmpdir >/dev/null
	fi
	dir=$_tap_tmp
	out_file=$dir/run.out
	err_file=$dir/run.err
	"$@" <'/dev/null' >"$out_file" 2>"$err_file"
	rc=$?
	out=$(cat "$out_file")
	err=$(cat "$err_file")
	return 0
}

_tap_json_py='
import json, re, sys

def show(v):
    if isinstance(v, str):
        sys.stdout.write(v)
    else:
        sys.stdout.write(json.dumps(v, ensure_ascii=False))
    sys.stdout.write("\n")

def walk(d, path):
    for tok in re.findall(r"\[[^\]]*\]|[^.\[]+", path):
        if tok.startswith("["):
            inner = tok[1:-1]
            if "=" in inner:
                k, want = inner.split("=", 1)
                if not isinstance(d, list):
                    raise KeyError(tok)
                for e in d:
                    if isinstance(e, dict) and k in e and (
                            e[k] == want or json.dumps(e[k]) == want):
                        d = e
                        break
                else:
                    raise KeyError(tok)
            else:
                d = d[int(inner)]
        else:
            d = d[tok]
    return d

with open(sys.argv[2], "rb") as f:
    d = json.loads(f.read().decode("utf-8"))
try:
    if sys.argv[1] == "get":
        v = walk(d, sys.argv[3])
    else:
        v = eval(sys.argv[3], {"d": d, "json": json, "re": re})
except (KeyError, IndexError, TypeError, ValueError):
    sys.exit(1)
show(v)
'

json_get() {
	python3 -c "$_tap_json_py" get "$1" "$2"
}

json_eval() {
	python3 -c "$_tap_json_py" eval "$1" "$2"
}

# await TEST FILE TRIES WHAT: waits until [ TEST FILE ] holds (-e: it
# exists, -s: it has content), TRIES times 50 ms at most; else bails out
# saying WHAT did not start.
await() {
	local i
	for ((i = 0; i < $3; i++)); do
		[ "$1" "$2" ] && return 0
		sleep 0.05
	done
	[ "$1" "$2" ] || bail_out "$4 did not start"
}

# skip_all_without_ebpf: the whole script is skipped, with the reason,
# where dscope's eBPF backend cannot load ($DSCOPE).
skip_all_without_ebpf() {
	run "$DSCOPE" trace --backend=ebpf -o /dev/null -- true
	[ "$rc" -eq 0 ] || skip_all "the eBPF backend cannot load here: ${err#dscope: }"
}

# start_tdaemon THREADS: starts the tracer's fixture daemon (HELPERS/tdaemon)
# on $tmp/td.sock with THREADS workers, ended at exit; sets $dpid, the
# daemon's pid, and $bgpid, the one to end.
start_tdaemon() {
	"$HELPERS/tdaemon" --socket "$tmp/td.sock" --pidfile "$tmp/td.pid" --threads "$1" \
		</dev/null >"$tmp/td.log" 2>&1 &
	bgpid=$!
	at_exit "kill -TERM $bgpid 2>/dev/null"
	await -s "$tmp/td.pid" 100 tdaemon
	dpid=$(cat "$tmp/td.pid")
}
