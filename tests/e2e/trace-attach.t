#!/usr/bin/env bash
# dscope trace -p on a running multi-threaded daemon: its epoll_wait and
# reads, new threads and children (-f), and above all that the daemon is
# never harmed: detached on SIGINT, SIGTERM, killed with SIGKILL, stopped
# before attach; it still answers afterwards and no thread stays stopped.
# TRACE_BACKEND=ebpf runs the same under the eBPF backend
# (trace-attach-ebpf.t), the ptrace-only checks adapted or skipped.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/users.sh"

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
DSCOPE=${DSCOPE:-$TOP/build/asan/dscope}
HELPERS=${HELPERS:-$TOP/build/helpers}
tmp=$(tap_tmpdir)
BACKEND=${TRACE_BACKEND:-ptrace}

# dscope trace with the backend under test (an array, not a function:
# a function put in the background is a subshell, and $! its pid)
DTRACE=("$DSCOPE" trace --backend="$BACKEND")

command -v python3 >/dev/null || skip_all "python3 is needed for the socket client"

start_tdaemon 2

# ask CMD...: sends each command line to the daemon, prints the answers
ask() {
	python3 - "$tmp/td.sock" "$@" <<'EOF'
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(5)
s.connect(sys.argv[1])
for cmd in sys.argv[2:]:
    s.sendall(cmd.encode() + b"\n")
    print(s.recv(100).decode().strip())
EOF
}

# No thread of the daemon in a stopped state (T: job control, t: tracer)
# after a moment; prints the states otherwise.
states() {
	local st
	for st in /proc/"$dpid"/task/*/stat; do
		sed 's/.*) \(.\).*/\1/' "$st" 2>/dev/null
	done | sort | uniq -c | tr '\n' ' '
}
none_stopped() {
	local i
	for i in $(seq 40); do
		states | grep -q '[tT]' || return 0
		sleep 0.05
	done
	diag "thread states: $(states)"
	return 1
}

# wait_for FILE REGEX: until a line matches (5 s at most)
wait_for() {
	local i
	for i in $(seq 100); do
		grep -qE "$2" "$1" 2>/dev/null && return 0
		sleep 0.05
	done
	return 1
}

workers=$(ls /proc/"$dpid"/task | grep -vx "$dpid" | tr '\n' ' ')

# --- attach, follow threads and children, detach on SIGINT ------------------------
"${DTRACE[@]}" -f -p "$dpid" -o "$tmp/a.out" 2>"$tmp/a.err" &
tpid=$!
ok 'wait_for "$tmp/a.out" "nanosleep|getppid"' "attached: the worker threads' calls show"
answers=$(ask ping thread fork)
child=$(echo "$answers" | sed -n 's/^child \([0-9]*\)$/\1/p')
like "$answers" "pong [0-9]+" "the daemon answers while traced"
wait_for "$tmp/a.out" "exited with 0" >/dev/null
sleep 0.3
kill -INT "$tpid"
wait "$tpid"
is "$?" 0 "dscope exits 0 after SIGINT"
# calls interrupted by other threads' lines, joined back into one line
python3 "$TOP/tests/e2e/trace-join.py" <"$tmp/a.out" >"$tmp/a.joined"
ok 'grep -qE "^\[pid +$dpid\] (<\.\.\. )?epoll_wait.*= 1$" "$tmp/a.joined"' "the main thread's epoll_wait returns"
ok 'grep -qE "^\[pid +$dpid\] read\([0-9]+<unix → python3\[[0-9]+\]>, \"ping\\\\n\", [0-9]+\) = 5$" "$tmp/a.joined"' \
	"its read of the request, the socket's peer named"
ok 'grep -qE "^\[pid +$dpid\] write\([0-9]+<unix → python3\[[0-9]+\]>, \"pong [0-9]+\\\\n\", [0-9]+\) = [0-9]+$" "$tmp/a.joined"' \
	"its answer"
for w in $workers; do
	ok 'grep -qE "^\[pid +$w\] (nanosleep|getppid)" "$tmp/a.joined"' "worker thread $w is traced"
done
new_tids=$(grep -oE '^\[pid +[0-9]+\]' "$tmp/a.joined" | tr -dc '0-9\n' | sort -u |
	grep -vxE "$dpid|${child:-0}|${workers// /|}0" | head -1)
ok '[ -n "$new_tids" ]' "a thread created after attach is traced (${new_tids:-none})"
ok '[ -n "$child" ] && grep -qE "^\[pid +$child\] write\([0-9]+<pipe → tdaemon\[$dpid\]>, \"hi\", 2\) = 2$" "$tmp/a.joined"' \
	"-f: the forked child's write to the pipe, the daemon named at the other end"
ok 'grep -qE "^\[pid +$child\] \+\+\+ exited with 0 \+\+\+$" "$tmp/a.joined"' "-f: the child's exit"
ok 'grep -qE "<detached \.\.\.>$" "$tmp/a.joined" || tail -1 "$tmp/a.joined" | grep -qE "= "' \
	"the last line is complete or marked detached"
ok none_stopped "no thread is left stopped after SIGINT"
like "$(ask count)" "^served [0-9]+$" "the daemon answers after the detach"

# --- SIGTERM --------------------------------------------------------------------
"${DTRACE[@]}" -p "$dpid" -o "$tmp/b.out" 2>"$tmp/b.err" &
tpid=$!
wait_for "$tmp/b.out" "nanosleep|getppid" >/dev/null
kill -TERM "$tpid"
wait "$tpid"
is "$?" 0 "dscope exits 0 after SIGTERM"
ok none_stopped "no thread is left stopped after SIGTERM"
like "$(ask ping)" "^pong [0-9]+$" "the daemon answers after SIGTERM"

# --- SIGKILL: the kernel detaches ----------------------------------------------------
"${DTRACE[@]}" -p "$dpid" -o "$tmp/c.out" 2>"$tmp/c.err" &
tpid=$!
wait_for "$tmp/c.out" "nanosleep|getppid" >/dev/null
kill -KILL "$tpid"
wait "$tpid" 2>/dev/null
ok none_stopped "no thread is left stopped after dscope is killed"
like "$(ask ping)" "^pong [0-9]+$" "the daemon answers after dscope was killed"
ok '! grep -q TracerPid:.[1-9] /proc/$dpid/status' "nobody traces the daemon any more"

# --- SIGHUP, and SIGPIPE when the reader goes away ------------------------------
"${DTRACE[@]}" -p "$dpid" -o "$tmp/h.out" 2>"$tmp/h.err" &
tpid=$!
sleep 0.3
kill -HUP "$tpid"
wait "$tpid"
is "$?" 0 "dscope exits 0 after SIGHUP"
ok none_stopped "no thread is left stopped after SIGHUP"
"${DTRACE[@]}" -p "$dpid" 2>&1 >/dev/null | head -1 >"$tmp/p.out"
is "${PIPESTATUS[0]}" 0 "the reader of a pipe went away: dscope detaches and exits 0"
ok '[ -s "$tmp/p.out" ]' "the reader got its line first"
ok none_stopped "no thread is left stopped after SIGPIPE"
like "$(ask ping)" "^pong [0-9]+$" "the daemon answers after SIGHUP and SIGPIPE"

# --- stopped before attach: stays stopped ------------------------------------------
kill -STOP "$dpid"
sleep 0.1
"${DTRACE[@]}" -p "$dpid" -o "$tmp/d.out" 2>"$tmp/d.err" &
tpid=$!
# (waited for: a slow dscope, under valgrind, takes seconds to attach)
for ((i = 0; i < 100; i++)); do
	grep -q "process $dpid is stopped" "$tmp/d.err" && break
	sleep 0.1
done
like "$(cat "$tmp/d.err")" "process $dpid is stopped" "dscope says the process is stopped"
kill -INT "$tpid"
wait "$tpid"
is "$?" 0 "dscope detaches from a stopped process"
ok 'grep -qE "^\[pid +$dpid\] --- stopped by SIGSTOP ---$" "$tmp/d.out"' "the group-stop is shown"
sleep 0.2
is "$(states | grep -o '[0-9]* [A-Za-z]' | awk '{print $2}' | sort -u | tr -d '\n')" "T" \
	"every thread is still stopped (T) after the detach"
kill -CONT "$dpid"
ok none_stopped "SIGCONT resumes it"
like "$(ask ping)" "^pong [0-9]+$" "the daemon answers after SIGCONT"

# --- bounded sampling --------------------------------------------------------------
run "${DTRACE[@]}" -p "$dpid" --limit 5 -o "$tmp/e.out"
is "$rc" 0 "--limit 5 exits 0"
is "$(grep -cE '\) = (-?[0-9]+|\?)' "$tmp/e.out")" 5 "--limit 5 prints 5 complete calls"
run "${DTRACE[@]}" -p "$dpid" --duration 0.5 -o "$tmp/f.out"
is "$rc" 0 "--duration 0.5 ends by itself and exits 0"
ok '[ "$(grep -c . "$tmp/f.out")" -gt 5 ]' "--duration: the calls of half a second"
ok none_stopped "no thread is left stopped after --limit and --duration"

# --- JSON of an attached process --------------------------------------------------------
run "${DTRACE[@]}" --json -p "$dpid" -e trace=nanosleep,getppid --limit 4 -o "$tmp/g.out"
is "$rc" 0 "--json --limit exits 0"
ok 'python3 -c "
import json,sys
recs=[json.loads(l) for l in open(sys.argv[1])]
assert len(recs)==4, len(recs)
assert all(r[\"pid\"]==int(sys.argv[2]) and r[\"syscall\"] in (\"nanosleep\",\"getppid\") for r in recs)
" "$tmp/g.out" "$dpid"' "JSON lines: one object per call, pid and syscall typed"

# --- errors ------------------------------------------------------------------------
run "${DTRACE[@]}" -p 999999999
is "$rc" 1 "an unknown pid exits 1"
like "$err" "no such process|999999999" "and says so"
run "${DTRACE[@]}" -p no-such-process-name
is "$rc" 1 "an unknown name exits 1"
run "${DTRACE[@]}" -e trace=nosuchcall -p "$dpid"
is "$rc" 2 "an unknown syscall in -e exits 2"
like "$err" "unknown syscall 'nosuchcall'" "and names it"
run "${DTRACE[@]}" -e trace=%nosuch -p "$dpid"
is "$rc" 2 "an unknown class exits 2"
run "${DTRACE[@]}" --bogus -p "$dpid"
is "$rc" 2 "an unknown option exits 2"
run "${DTRACE[@]}"
is "$rc" 2 "nothing to trace exits 2"
like "$err" "what to trace" "and says what is missing"
run "${DTRACE[@]}" --limit 0 -p "$dpid"
is "$rc" 2 "--limit 0 is refused"
run "${DTRACE[@]}" --duration soon -p "$dpid"
is "$rc" 2 "--duration needs seconds"

if command -v strace >/dev/null; then
	strace -p "$dpid" -o /dev/null 2>/dev/null &
	spid=$!
	at_exit "kill -INT $spid 2>/dev/null"
	for _ in $(seq 100); do grep -q 'TracerPid:.[1-9]' /proc/"$dpid"/status && break; sleep 0.05; done
	if [ "$BACKEND" = ptrace ]; then
		run "${DTRACE[@]}" -p "$dpid"
		is "$rc" 1 "a process traced by strace: exit 1"
		like "$err" "already traced by process $spid" "the message names the other tracer"
	else
		run "${DTRACE[@]}" -e trace=getppid -p "$dpid" --limit 2 -o "$tmp/st.out"
		is "$rc" 0 "a process traced by strace: eBPF traces it too"
		# the two workers wake together: their calls may interleave,
		# the <unfinished ...> halves are joined back
		is "$(python3 "$TOP/tests/e2e/trace-join.py" <"$tmp/st.out" | grep -c 'getppid() = ')" 2 \
			"and sees its calls"
	fi
	kill -INT "$spid"
	wait "$spid" 2>/dev/null
	ok none_stopped "no thread stopped after strace left"
else
	skip "strace is not installed" 3
fi

if [ "$BACKEND" != ptrace ]; then
	skip "an ordinary user cannot load eBPF: trace-ebpf.t checks what it is told" 2
elif test_user_ready "$DSCOPE"; then
	run as_user "$TEST_BIN/dscope" trace --backend=ptrace -p "$dpid"
	is "$rc" 1 "an ordinary user tracing root's daemon: exit 1"
	like "$err" "permission denied \(another user's process" "the message says why and what to do"
else
	skip "$TEST_USER_WHY" 2
fi

# --- exec by a thread that is not the leader ------------------------------------------
run "${DTRACE[@]}" -f -e trace=execve,write -o "$tmp/x.out" -- "$HELPERS/thread-exec" /bin/echo execd
is "$rc" 0 "a thread's exec: the command's exit status"
python3 "$TOP/tests/e2e/trace-join.py" <"$tmp/x.out" >"$tmp/x.joined"
xpid=$(sed -n 's/^\[pid \+\([0-9]*\)\] execve(.*"\/bin\/echo".*/\1/p;s/^\[pid \+\([0-9]*\)\] execve(.*/\1/p' "$tmp/x.joined" | head -1)
ok 'grep -qE "^\[pid +$xpid\] write\(1<.*>, \"execd\\\\n\", 6\) = 6$" "$tmp/x.joined"' \
	"after the exec the program runs under the leader's pid and is traced"
ok 'grep -qE "^\[pid +$xpid\] \+\+\+ exited with 0 \+\+\+$" "$tmp/x.joined"' "and its exit is seen"
is "$(grep -c 'execve(' "$tmp/x.joined")" 2 "both execs are shown (the launch, the thread's)"

# --- threads that cannot be stopped do not hang the detach ----------------------------
"$HELPERS/odd-tasks" leader-exit &
zpid=$!
at_exit "kill -KILL $zpid 2>/dev/null"
sleep 0.2
"${DTRACE[@]}" -p "$zpid" -o "$tmp/z.out" 2>"$tmp/z.err" &
tpid=$!
sleep 0.5
kill -INT "$tpid"
for _ in $(seq 100); do kill -0 "$tpid" 2>/dev/null || break; sleep 0.05; done
ok '! kill -0 $tpid 2>/dev/null' "a zombie leader (its main thread exited): dscope still detaches and exits"
wait "$tpid"
ok '! grep -h TracerPid:.[1-9] /proc/$zpid/task/*/status' "its thread is no longer traced"
ok 'grep -q "getppid() = " "$tmp/z.out"' "its live thread was traced"
kill -KILL "$zpid"
wait "$zpid" 2>/dev/null

"$HELPERS/odd-tasks" vfork-stop &
vpid=$!
at_exit "kill -KILL $vpid 2>/dev/null"
"${DTRACE[@]}" -f -p "$vpid" -o "$tmp/v.out" 2>"$tmp/v.err" &
tpid=$!
sleep 1
kill -INT "$tpid"
for _ in $(seq 100); do kill -0 "$tpid" 2>/dev/null || break; sleep 0.05; done
ok '! kill -0 $tpid 2>/dev/null' "a parent blocked in vfork by a stopped child: dscope still detaches and exits"
wait "$tpid"
for c in $(cat /proc/"$vpid"/task/*/children 2>/dev/null); do kill -KILL "$c"; done
kill -KILL "$vpid"
wait "$vpid" 2>/dev/null

# --- the seccomp filter harms no one ------------------------------------------
# Children inherit the filter: they must be traced (not shown without -f),
# or their filtered calls would fail with ENOSYS.
run "${DTRACE[@]}" -e trace=openat,write -o "$tmp/s.out" -- sh -c 'cat /etc/hostname; echo done'
is "$rc" 0 "-e and a child not followed: the command succeeds"
is "$out" "$(cat /etc/hostname)
done" "the child's filtered calls worked (no ENOSYS)"
ok '! grep -qE "^\[pid " "$tmp/s.out"' "the child is not shown without -f"
run "${DTRACE[@]}" --limit 1 -e trace=write -o "$tmp/l.out" -- sh -c 'for i in 1 2 3 4 5; do echo $i; done'
is "$rc" 0 "--limit under the filter: the command still succeeds"
is "$(echo $out)" "1 2 3 4 5" "every write after the limit worked"
if [ "$BACKEND" = ptrace ]; then
	like "$err" "seccomp filter that needs dscope" "dscope says why it stays"
else
	skip "no seccomp filter with eBPF: the filter is in the kernel's program" 1
fi

# --- a zombie: no process to trace, under either backend ------------------------------
# (with eBPF its exit was before the attach: no record would ever say so)
sh -c 'sleep 0 & echo $! >"$1"; exec sleep 30' sh "$tmp/zombie.pid" &
zparent=$!
for ((i = 0; i < 100; i++)); do
	zpid=$(cat "$tmp/zombie.pid" 2>/dev/null)
	[ -n "$zpid" ] && [ "$(sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' /proc/"$zpid"/status 2>/dev/null)" = Z ] && break
	sleep 0.05
done
run timeout 10 "${DTRACE[@]}" -p "$zpid"
is "$rc" 1 "a zombie: exit 1"
like "$err" "no (such )?process" "and it says there is no such process"
kill "$zparent"
wait "$zparent" 2>/dev/null

like "$(ask count)" "^served [0-9]+$" "the daemon served every request and is still running"
kill -TERM "$bgpid"
wait "$bgpid"
is "$?" 0 "the daemon ends normally on SIGTERM"

done_testing
