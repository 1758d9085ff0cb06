#!/usr/bin/env bash
# dscope logs when journald has nothing from a process: the last lines of
# the log files it holds open for writing (here the fixture daemon's
# --log FILE on stdout and stderr), escaped, -n, --json, -f, a deleted log
# file; and the errors: no logs, unknown pid or name, ambiguous name,
# usage. Needs no journald (with one running, the daemon simply has no
# entries in it).
. "$(dirname "$0")/lib.sh"

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
DSCOPE=${DSCOPE:-$TOP/build/asan/dscope}
HELPERS=${HELPERS:-$TOP/build/helpers}
tmp=$(tap_tmpdir)

name=lg-f-$$
log=$tmp/daemon.log
"$HELPERS/fixture-daemon" --pidfile "$tmp/d.pid" --log "$log" --name "$name" \
	--interval 1 --socket "$tmp/d.sock" ||
	bail_out "fixture-daemon --log did not start"
dpid=$(cat "$tmp/d.pid")
at_exit "kill -TERM $dpid 2>/dev/null"
# a few lines to tail: the start line and two ticks of the daemon and its
# helper (one a second)
for _ in $(seq 100); do
	grep -q "^tick 2$" "$log" && [ "$(wc -l <"$log")" -ge 5 ] && break
	sleep 0.1
done

# --- text ---------------------------------------------------------------------
run "$DSCOPE" logs -n 1000 "$name"
is "$rc" 0 "logs NAME exits 0"
is "$(sed -n 1p "$out_file")" "-- $log --" "the first line names the log file"
is "$(sed -n 2p "$out_file")" "$(sed -n 1p "$log")" "then its lines from the start"
like "$(sed -n 2p "$out_file")" "^started pid $dpid socket $tmp/d.sock port [0-9]+$" \
	"the daemon's start line"
ok 'grep -qxE "tick [0-9]+" "$out_file"' "its ticks"
is "$(grep -c -- "^-- " "$out_file")" 1 "stdout and stderr are the same file: shown once"

run "$DSCOPE" logs -n 3 "$dpid"
is "$rc" 0 "logs -n 3 PID exits 0"
is "$(wc -l <"$out_file")" 4 "-n 3: the header and 3 lines"
is "$(sed -n 2,4p "$out_file")" "$(tail -n 3 "$log")" "-n 3: the file's last 3 lines"

# untrusted bytes are escaped
printf 'evil \033]0;pwned\007 \033[2J end\n' >>"$log"
run "$DSCOPE" logs -n 1000 "$dpid"
ok 'grep -qF "evil \\e]0;pwned\\x07 \\e[2J end" "$out_file"' "escape codes are shown escaped"
ok '! grep -q $'"'"'\033'"'"' "$out_file"' "no raw ESC byte reaches the terminal"

# --- JSON -----------------------------------------------------------------------
run "$DSCOPE" logs --json -n 5 "$name"
is "$rc" 0 "logs --json exits 0"
ok 'python3 -m json.tool "$out_file" >/dev/null' "JSON parses"
is "$(json_get "$out_file" source)" files "JSON: source files"
is "$(json_get "$out_file" pid)" "$dpid" "JSON: the pid"
is "$(json_get "$out_file" 'files[0].path')" "$log" "JSON: the file's path"
is "$(json_get "$out_file" 'files[0].fd')" 1 "JSON: held on fd 1"
is "$(json_eval "$out_file" "len(d['files'])")" 1 "JSON: one file"
is "$(json_eval "$out_file" "len(d['files'][0]['lines'])")" 5 "JSON: -n 5 gives 5 lines"

# --- follow ---------------------------------------------------------------------
"$DSCOPE" logs -f -n 0 "$dpid" >"$tmp/f.out" 2>"$tmp/f.err" </dev/null &
fpid=$!
at_exit "kill -KILL $fpid 2>/dev/null"
for _ in $(seq 50); do
	grep -qxE "tick [0-9]+" "$tmp/f.out" && break
	sleep 0.1
done
echo "appended by the test" >>"$log"
for _ in $(seq 50); do
	grep -qx "appended by the test" "$tmp/f.out" && break
	sleep 0.1
done
kill -TERM "$fpid"
wait "$fpid"
frc=$?
is "$frc" 0 "-f ends with exit 0 on SIGTERM"
is "$(sed -n 1p "$tmp/f.out")" "-- $log --" "-f: the header first"
ok 'grep -qxE "tick [0-9]+" "$tmp/f.out"' "-f: a new tick"
ok 'grep -qx "appended by the test" "$tmp/f.out"' "-f: a line appended by another writer"
is "$(cat "$tmp/f.err")" "" "-f: nothing on stderr"

# --- a deleted log file is still read, through the process's fd -----------------
rm "$log"
run "$DSCOPE" logs -n 2 "$dpid"
is "$rc" 0 "deleted log file: exit 0"
is "$(sed -n 1p "$out_file")" "-- $log (deleted) --" "deleted log file: named so"
ok 'sed -n 2,3p "$out_file" | grep -qE "^(tick [0-9]+|helper: tick)$"' "deleted log file: its last lines"

# --- no logs at all --------------------------------------------------------------
"$HELPERS/fixture-daemon" --pidfile "$tmp/q.pid" --name "lg-q-$$" \
	--socket "$tmp/q.sock" || bail_out "fixture-daemon (quiet) did not start"
qpid=$(cat "$tmp/q.pid")
at_exit "kill -TERM $qpid 2>/dev/null"
run "$DSCOPE" logs "$qpid"
is "$rc" 1 "a process with no logs: exit 1"
like "$err" "^dscope: no logs found for $qpid \(lg-q-$$\): .*, and it has no log file open for writing$" \
	"a process with no logs: says why"
is "$out" "" "a process with no logs: nothing on stdout"
run "$DSCOPE" logs --json "$qpid"
is "$rc" 1 "no logs, --json: exit 1"
is "$(json_eval "$out_file" "d['source'] is None and 'no log file' in d['error']")" true \
	"no logs, --json: source null and the reason"

# --- errors ---------------------------------------------------------------------
run "$DSCOPE" logs 4194305
is "$rc" 1 "unknown pid: exit 1"
is "$err" "dscope: no process with pid 4194305" "unknown pid: message"
run "$DSCOPE" logs "no-such-process-$$"
is "$rc" 1 "unknown name: exit 1"
is "$err" "dscope: no process named 'no-such-process-$$'" "unknown name: message"

twin=lg-t-$$
p1=$("$HELPERS/spawn-named" "$twin" --detach)
at_exit "kill -TERM $p1 2>/dev/null"
p2=$("$HELPERS/spawn-named" "$twin" --detach)
at_exit "kill -TERM $p2 2>/dev/null"
run "$DSCOPE" logs "$twin"
is "$rc" 1 "a name matching two processes: exit 1"
like "$err" "^dscope: 2 processes match '$twin'; give a PID:" "ambiguous name: says so"
ok '[[ $err == *" $p1 "* && $err == *" $p2 "* ]]' "ambiguous name: lists both pids"

run "$DSCOPE" logs
is "$rc" 2 "no PID|NAME: usage error"
run "$DSCOPE" logs -n many "$dpid"
is "$rc" 2 "-n with a non-number: usage error"
run "$DSCOPE" logs "$dpid" "$qpid"
is "$rc" 2 "two processes: usage error"
run "$DSCOPE" logs --help
is "$rc" 0 "--help exits 0"
like "$out" "^Usage: dscope logs " "--help prints the usage"

done_testing
