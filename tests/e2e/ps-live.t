#!/usr/bin/env bash
# dscope ps on real processes: the fixture daemon, an ordinary child, a
# process with a hostile name, bad input, and processes that come and go.
. "$(dirname "$0")/lib.sh"

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
DSCOPE=${DSCOPE:-$TOP/build/asan/dscope}
HELPERS=${HELPERS:-$TOP/build/helpers}
[ -x "$DSCOPE" ] || bail_out "no $DSCOPE: run make check"
[ -x "$HELPERS/fixture-daemon" ] || bail_out "no fixture programs in $HELPERS"

tmp=$(tap_tmpdir)

# --- the fixture daemon ---------------------------------------------------
"$HELPERS/fixture-daemon" --pidfile "$tmp/d.pid" --log "$tmp/d.log" \
	--socket "$tmp/d.sock" --name e2e-daemon ||
	bail_out "fixture-daemon did not start"
dpid=$(cat "$tmp/d.pid")
at_exit "kill -TERM $dpid 2>/dev/null"

run "$DSCOPE" ps --json "$dpid"
is "$rc" 0 "ps --json PID exits 0"
ok 'python3 -m json.tool "$out_file" >/dev/null' "JSON output parses"
is "$(json_get "$out_file" 'processes[pid='"$dpid"'].daemon')" true \
	"fixture daemon: daemon true"
is "$(json_get "$out_file" 'processes[pid='"$dpid"'].wait')" epoll_wait \
	"fixture daemon: waits in epoll_wait"
is "$(json_get "$out_file" 'processes[pid='"$dpid"'].syscall_nr')" 232 \
	"fixture daemon: syscall number 232"
is "$(json_get "$out_file" 'processes[pid='"$dpid"'].daemon_criteria.no_tty')" true \
	"criteria: no controlling terminal"
is "$(json_get "$out_file" 'processes[pid='"$dpid"'].daemon_criteria.session')" leader-gone \
	"criteria: its session leader is gone (fork, setsid, fork)"
is "$(json_get "$out_file" 'processes[pid='"$dpid"'].daemon_criteria.stdin')" /dev/null \
	"criteria: stdin is /dev/null"
is "$(json_get "$out_file" 'processes[pid='"$dpid"'].daemon_criteria.cwd')" / \
	"criteria: cwd is /"
is "$(json_get "$out_file" 'processes[pid='"$dpid"'].tty')" null "tty is null"
is "$(json_get "$out_file" 'processes[pid='"$dpid"'].comm')" e2e-daemon "comm"
ppid=$(json_get "$out_file" 'processes[pid='"$dpid"'].ppid')
want_parent=other
[ "$ppid" = 1 ] && want_parent=init
is "$(json_get "$out_file" 'processes[pid='"$dpid"'].daemon_criteria.parent')" "$want_parent" \
	"criteria: parent judged from ppid $ppid"

run "$DSCOPE" ps "$dpid"
is "$rc" 0 "text ps PID exits 0"
like "$(head -1 "$out_file")" '^ *PID +PPID +USER +TTY +STAT +START +TIME +DAEMON +WAIT +UNIT +COMMAND$' \
	"text header has every column"
like "$(sed -n 2p "$out_file")" "^ *$dpid +[0-9]+ +root +\\? +S +[0-9:A-Za-z]+ +[0-9]+:[0-9][0-9] +yes +epoll_wait +- +.*fixture-daemon" \
	"text row: no tty, S, yes, epoll_wait"

run "$DSCOPE" ps -v e2e-daemon
like "$out" "session=leader-gone" "-v shows the criteria; NAME selects by comm"

run "$DSCOPE" ps -d
ok 'grep -qE "^ *$dpid " "$out_file"' "-d lists the daemon"

# --- an ordinary child: its shell still leads its session -----------------
# setsid makes the wrapper shell the session leader, alive for the test, so
# the verdict does not depend on how the test itself was started.
setsid bash -c 'sleep 300 & echo $! >"$1"; wait' _ "$tmp/child.pid" &
wrapper=$!
at_exit "kill $wrapper 2>/dev/null"
for _ in $(seq 50); do [ -s "$tmp/child.pid" ] && break; sleep 0.1; done
cpid=$(cat "$tmp/child.pid")
at_exit "kill $cpid 2>/dev/null"

run "$DSCOPE" ps --json "$cpid"
is "$(json_get "$out_file" 'processes[0].daemon')" false "ordinary child: daemon false"
is "$(json_get "$out_file" 'processes[0].daemon_criteria.session')" member \
	"ordinary child: member of a live session"
is "$(json_get "$out_file" 'processes[0].daemon_criteria.parent')" other \
	"ordinary child: parent is its shell"
run "$DSCOPE" ps -d --json
is "$(json_eval "$out_file" "any(p['pid'] == $cpid for p in d['processes'])")" false \
	"-d leaves the ordinary child out"
is "$(json_eval "$out_file" "all(p['daemon'] for p in d['processes'])")" true \
	"-d lists only daemons"

# --- kernel threads --------------------------------------------------------
run "$DSCOPE" ps --json
is "$(json_eval "$out_file" "any(p['kernel_thread'] for p in d['processes'])")" false \
	"kernel threads hidden by default"
run "$DSCOPE" ps -a --json
is "$(json_get "$out_file" 'processes[pid=2].kernel_thread')" true "-a shows kthreadd"
is "$(json_get "$out_file" 'processes[pid=2].daemon')" false "a kernel thread is not a daemon"

# --- a hostile name ---------------------------------------------------------
hpid=$("$HELPERS/spawn-named" '\e[31mred\nline' --detach)
at_exit "kill $hpid 2>/dev/null"
run "$DSCOPE" ps -p "$hpid"
is "$rc" 0 "ps on a hostile name exits 0"
ok '! grep -q $'"'"'\x1b'"'"' "$out_file"' "no raw ESC byte in text output"
like "$out" '\\e\[31mred\\nline' "comm shown escaped in text"
is "$(wc -l <"$out_file")" 2 "the newline in the name does not break the row"
run "$DSCOPE" ps --json -p "$hpid"
ok 'python3 -m json.tool "$out_file" >/dev/null' "JSON with a hostile name parses"
is "$(json_eval "$out_file" "d['processes'][0]['comm'] == '\x1b[31mred\nline'")" true \
	"JSON keeps the exact name"

# --- bad input --------------------------------------------------------------
run "$DSCOPE" ps 4194305
is "$rc" 1 "unknown pid: exit 1"
is "$err" "dscope: no process with pid 4194305" "unknown pid: clear message"
run "$DSCOPE" ps no-such-process-name
is "$rc" 1 "unknown name: exit 1"
run "$DSCOPE" ps --no-such-option
is "$rc" 2 "bad option: exit 2"
like "$err" "unknown option '--no-such-option'" "bad option: named in the message"
run "$DSCOPE" ps -p 12,x
is "$rc" 2 "bad pid list: exit 2"
run "$DSCOPE" no-such-command
is "$rc" 1 "unknown command (and no such process): exit 1"
like "$err" "neither a dscope command nor a process" "unknown command: clear message"

# --- processes starting and exiting during the scan -------------------------
"$HELPERS/churn" 4 >/dev/null &
churn=$!
at_exit "kill $churn 2>/dev/null"
fails=0 runs=0
while kill -0 "$churn" 2>/dev/null && [ $runs -lt 40 ]; do
	run "$DSCOPE" ps -a --json
	runs=$((runs + 1))
	if [ "$rc" -ne 0 ] || ! python3 -m json.tool "$out_file" >/dev/null 2>&1; then
		fails=$((fails + 1))
		diag "run $runs: exit $rc: $err"
	fi
done
wait "$churn"
is "$fails" 0 "ps never fails while processes start and exit ($runs runs)"

done_testing
