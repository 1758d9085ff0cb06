#!/usr/bin/env bash
# dscope inspect on the fixture daemon writing to a real journald, on
# processes blocked in select and poll with threads, as an ordinary user,
# and on bad input.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/journald.sh"
. "$(dirname "$0")/users.sh"

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
DSCOPE=${DSCOPE:-$TOP/build/asan/dscope}
HELPERS=${HELPERS:-$TOP/build/helpers}
tmp=$(tap_tmpdir)

journald_start
"$HELPERS/fixture-daemon" --pidfile "$tmp/d.pid" --journal \
	--socket "$tmp/d.sock" --name e2e-inspect ||
	bail_out "fixture-daemon did not start"
dpid=$(cat "$tmp/d.pid")
port=$(cat "$tmp/d.pid.port")
at_exit "kill -TERM $dpid 2>/dev/null"
hpid=$(cat "/proc/$dpid/task/$dpid/children" | awk '{print $1}')

# --- text ---------------------------------------------------------------------
run "$DSCOPE" inspect e2e-inspect
is "$rc" 0 "inspect NAME exits 0"
like "$(sed -n 1p "$out_file")" "^e2e-inspect  pid $dpid  user root  up [0-9]+s$" "identity line"
summary=$(grep '^  summary ' "$out_file")
like "$summary" "idle: waits for a connection on $tmp/d.sock or 127\.0\.0\.1:$port" \
	"summary: the listening socket and TCP port"
like "$summary" "data on a pipe from fixture-helper \[$hpid\]" "summary: the pipe peer"
like "$summary" "its timer \(every 5 s\)" "summary: the timer"
like "$summary" "a signal \(HUP INT TERM\)" "summary: the signals"
like "$summary" "logs go to journald$" "summary: journald"
like "$(grep '^  daemon ' "$out_file")" "yes: no controlling terminal, its session leader \([0-9]+\) is gone, parent [0-9]+ \((init|other)\), stdin /dev/null, cwd /" \
	"daemon verdict with its reasons"
like "$(grep '^  state ' "$out_file")" "sleeping in epoll_wait\(3<epoll set, 5 entries>, …, [0-9]+, -1\), wchan do_epoll_wait" \
	"state: epoll_wait decoded, its fd named"
ok 'grep -qE "^    fd 5 +IN +unix stream LISTEN $tmp/d.sock" "$out_file"' "waits on: the unix listener"
ok 'grep -qE "^    fd 7 +IN +pipe → fixture-helper \[$hpid\] fd [0-9]+ \(w\)" "$out_file"' "waits on: the pipe and its writer"
like "$(grep '^  stdout/err ' "$out_file")" "→ systemd-journal \[$JOURNALD_PID\] fd [0-9]+ via /run/systemd/journal/stdout  \(journalctl _PID=$dpid\)" \
	"stdout/err: journald with its pid"
like "$(grep '^  stdin ' "$out_file")" "/dev/null" "stdin: /dev/null"
ok 'grep -qE "^  talks to +systemd-journal \[$JOURNALD_PID\]: unix fd 1, 2$" "$out_file"' "talks to: journald, by fds 1 and 2"
ok 'grep -qE "^ +fixture-helper \[$hpid\]: pipe fd 7$" "$out_file"' "talks to: the helper, by the pipe"

found=no
for _ in $(seq 30); do
	run "$DSCOPE" inspect "$dpid"
	grep -qE "^  last logs +.* e2e-inspect\[$dpid\]: started pid $dpid " "$out_file" && { found=yes; break; }
	sleep 0.1
done
is "$found" yes "last logs: the daemon's start line from journald"

"$HELPERS/fixture-daemon" --pidfile "$tmp/f.pid" --log "$tmp/f.log" \
	--socket "$tmp/f.sock" --name e2e-inspect-file || bail_out "fixture-daemon --log did not start"
fpid=$(cat "$tmp/f.pid")
at_exit "kill -TERM $fpid 2>/dev/null"
run "$DSCOPE" inspect "$fpid"
like "$(grep -A2 '^  last logs ' "$out_file")" "$tmp/f.log: started pid $fpid" \
	"last logs without journald: the end of the log file it writes"
like "$(grep '^  writes ' "$out_file")" "$tmp/f.log \(fd 1, offset [0-9]+\)" "writes: the log file, its fd and offset"

run "$DSCOPE" "$dpid"
is "$rc" 0 "dscope PID is inspect"
like "$out" "summary +idle" "dscope PID prints the report"

# --- JSON -----------------------------------------------------------------------
run "$DSCOPE" inspect --json "$dpid"
is "$rc" 0 "inspect --json exits 0"
ok 'python3 -m json.tool "$out_file" >/dev/null' "JSON parses"
is "$(json_get "$out_file" daemon.verdict)" true "JSON: daemon verdict"
is "$(json_get "$out_file" 'threads[0].syscall')" epoll_wait "JSON: the main thread's syscall"
is "$(json_eval "$out_file" 'len(d["waits_on"]["epoll"]["entries"])')" 5 "JSON: 5 epoll entries"
is "$(json_get "$out_file" output.journald)" true "JSON: output goes to journald"
is "$(json_eval "$out_file" "any(t['pid'] == $JOURNALD_PID for t in d['talks_to'])")" true "JSON: talks to journald"
is "$(json_eval "$out_file" "any(t['pid'] == $hpid and t['kind'] == 'pipe' for t in d['talks_to'])")" true \
	"JSON: talks to the helper by a pipe"
like "$(json_get "$out_file" summary)" "^idle: waits for a connection" "JSON: the summary"
is "$(json_get "$out_file" last_logs.source)" journald "JSON: last logs from journald"

# --- select and poll, with threads ------------------------------------------
cat >"$tmp/wait.py" <<'PY'
import os, select, socket, sys, threading, time
a, b = socket.socketpair()
r, w = os.pipe()
for _ in range(3):
    threading.Thread(target=time.sleep, args=(300,), daemon=True).start()
time.sleep(0.2)
with open(sys.argv[1], "w") as f:
    f.write("%d %d %d\n" % (os.getpid(), a.fileno(), r))
if sys.argv[2] == "select":
    select.select([a, r], [], [], 300)
else:
    p = select.poll()
    p.register(a, select.POLLIN)
    p.register(r, select.POLLIN | select.POLLPRI)
    p.poll(300000)
PY
for how in select poll; do
	python3 "$tmp/wait.py" "$tmp/$how.pid" "$how" </dev/null &
	at_exit "kill $! 2>/dev/null"
	for _ in $(seq 50); do [ -s "$tmp/$how.pid" ] && break; sleep 0.1; done
	read -r wpid afd rfd <"$tmp/$how.pid"
	run "$DSCOPE" inspect "$wpid"
	like "$(grep '^  waits on ' "$out_file")" "(p?select6?|p?poll) set, 2 fds:" "$how: the fd set read from memory"
	ok 'grep -qE "^    fd $afd +IN +unix stream" "$out_file"' "$how: the socket in the set"
	ok 'grep -qE "^    fd $rfd +IN(\|PRI)? +pipe" "$out_file"' "$how: the pipe in the set"
	ok 'grep -qE "^ +3 threads sleeping in clock_nanosleep" "$out_file"' "$how: the sleeping threads grouped"
	like "$(grep '^  daemon ' "$out_file")" "^  daemon +no: " "$how: not a daemon, inspected all the same"
done

# --- as an ordinary user, against root's daemon -----------------------------
if test_user_ready "$DSCOPE"; then
	run as_user "$TEST_BIN/dscope" inspect "$dpid"
	is "$rc" 0 "as $TEST_USER: inspect of root's daemon exits 0"
	like "$(grep '^  state ' "$out_file")" "needs root to see" "as $TEST_USER: the state says what root would add"
	like "$(grep '^  note ' "$out_file")" "permission denied: run as root" "as $TEST_USER: the fds note"
	like "$(grep '^  stdin/out/err ' "$out_file")" "unknown \(its fds are not readable\)" \
		"as $TEST_USER: stdio unknown, not closed"
	like "$(grep '^  daemon ' "$out_file")" "^  daemon +yes" "as $TEST_USER: the verdict from what is visible"
else
	skip "$TEST_USER_WHY" 4
fi

# --- targets that exit while they are inspected -----------------------------
bad=0
for i in $(seq 30); do
	sleep 0.0$((i % 10)) &
	spid=$!
	run "$DSCOPE" inspect "$spid"
	case $rc in
	0) ;;
	1) [[ $err == *"dscope: "* ]] || { bad=$((bad + 1)); diag "exit 1 without a message"; } ;;
	*) bad=$((bad + 1)); diag "exit $rc: $err" ;;
	esac
	wait "$spid"
done
is "$bad" 0 "a target exiting during the report: exit 0 or a clear message, never a crash"

# --- a thread id is not a process -------------------------------------------
tid=$(ls "/proc/$wpid/task" 2>/dev/null | grep -v "^$wpid$" | head -1)
if [ -n "$tid" ]; then
	run "$DSCOPE" inspect "$tid"
	is "$rc" 1 "a thread id: exit 1"
	is "$err" "dscope: $tid is a thread of process $wpid: try dscope inspect $wpid" "a thread id: names its process"
else
	skip "the poll fixture has no thread left" 2
fi

# --- bad input ---------------------------------------------------------------
run "$DSCOPE" inspect 4194305
is "$rc" 1 "unknown pid: exit 1"
is "$err" "dscope: no process with pid 4194305" "unknown pid: message"
run "$DSCOPE" inspect
is "$rc" 2 "no PID or NAME: exit 2"
run "$DSCOPE" no-such-process-or-command
is "$rc" 1 "dscope NAME with an unknown name: exit 1"
like "$err" "'no-such-process-or-command' is neither a dscope command nor a process" \
	"dscope NAME: says it may be a mistyped command"

done_testing
