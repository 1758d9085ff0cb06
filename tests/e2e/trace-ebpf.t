#!/usr/bin/env bash
# dscope trace --backend=ebpf: attached to a busy daemon, which is never
# stopped and keeps serving, its buffers captured in the kernel; -e trace=
# in the kernel, -c, --json, -f, --limit, --duration, job-control stops
# (during the trace and before attach), a path in a page
# not yet present when the call began, a launched command
# (its execve decoded) and its exit status, lost events from a
# deliberately small ring buffer, and a clear failure where eBPF cannot
# load (an ordinary user, a pid namespace of its own). Skipped, with the reason, where the backend cannot load here.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/users.sh"

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
DSCOPE=${DSCOPE:-$TOP/build/asan/dscope}
HELPERS=${HELPERS:-$TOP/build/helpers}
tmp=$(tap_tmpdir)

command -v python3 >/dev/null || skip_all "python3 is needed for the socket client"

# Can the backend load here? When not, it must say why, clearly.
run "$DSCOPE" trace --backend=ebpf -o /dev/null -- true
if [ "$rc" -ne 0 ]; then
	is "$rc" 1 "--backend=ebpf where it cannot load: exit 1"
	like "$err" "^dscope: the ebpf backend cannot run here: .+" "and the reason"
	skip "the eBPF backend cannot load here: ${err#dscope: }" 1
	done_testing
	exit
fi
ok 0 "--backend=ebpf loads here"

start_tdaemon 2
ppid=$(awk '/^PPid:/ { print $2 }' /proc/"$dpid"/status)

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

# The daemon's thread states, sampled every 10 ms while it is traced:
# with eBPF no thread is ever stopped (t: by a tracer, T: job control).
: >"$tmp/states"
(
	while [ ! -e "$tmp/stop-sampling" ]; do
		for st in /proc/"$dpid"/task/*/stat; do
			sed 's/.*) \(.\).*/\1/' "$st" 2>/dev/null
		done >>"$tmp/states"
		sleep 0.01
	done
) &
sampler=$!
at_exit "touch $tmp/stop-sampling; kill $sampler 2>/dev/null"

# --- -v, and -e trace= filtered in the kernel ------------------------------------
run "$DSCOPE" trace -v --backend=ebpf -e trace=getppid -p "$dpid" --limit 20 -o "$tmp/a.out"
is "$rc" 0 "-e trace=getppid --limit 20: exit 0"
like "$err" "dscope: backend ebpf" "-v says which backend"
# the two workers' calls interleave: <unfinished ...> lines joined back
# (a call another thread began when the 20th ended is cut: <detached ...>)
python3 "$TOP/tests/e2e/trace-join.py" <"$tmp/a.out" | grep -v ' <detached \.\.\.>$' >"$tmp/a.joined"
is "$(grep -c . "$tmp/a.joined")" 20 "--limit 20: 20 calls"
is "$(grep -cvE "^\[pid +[0-9]+\] getppid\(\) = $ppid$" "$tmp/a.joined")" 0 \
	"only getppid calls, each = the daemon's parent ($ppid)"

# --- everything, while the daemon serves ------------------------------------------
"$DSCOPE" trace --backend=ebpf -p "$dpid" --duration 1.5 -o "$tmp/b.out" 2>"$tmp/b.err" &
tpid=$!
sleep 0.5
answers=$(ask ping ping)
wait "$tpid"
is "$?" 0 "--duration 1.5 ends by itself with exit 0"
like "$answers" "pong [0-9]+" "the daemon answers while traced"
ok 'grep -qE "^\[pid +[0-9]+\] (clock_)?nanosleep\(" "$tmp/b.out"' "the workers' sleeps show"
python3 "$TOP/tests/e2e/trace-join.py" <"$tmp/b.out" >"$tmp/b.joined"
ok 'grep -qE "^\[pid +$dpid\] (<\.\.\. )?epoll_wait.*= 1$" "$tmp/b.joined"' "the main thread's epoll_wait returns"
# the buffers were captured in the kernel: the read's at its exit, the
# write's at its entry
ok 'grep -qE "^\[pid +$dpid\] read\([0-9]+(<[^>]*>)?, \"ping\\\\n\", [0-9]+\) = 5$" "$tmp/b.joined"' \
	"its read of a request, with the bytes read"
ok 'grep -qE "^\[pid +$dpid\] write\([0-9]+(<[^>]*>)?, \"pong [0-9]+\\\\n\", [0-9]+\) = [0-9]+$" "$tmp/b.joined"' \
	"its answer, with the bytes written"
is "$(cat "$tmp/b.err")" "" "nothing on stderr (no events lost)"

# --- -c --------------------------------------------------------------------------------
run "$DSCOPE" trace --backend=ebpf -c -p "$dpid" --duration 0.5
is "$rc" 0 "-c --duration: exit 0"
like "$err" $'\n'" *[0-9.]+ +[0-9.]+ +[0-9]+ +[1-9][0-9]* +getppid" "-c counts the getppid calls"
like "$err" "total" "and a total"

# --- --json ------------------------------------------------------------------------------
run "$DSCOPE" trace --backend=ebpf --json -e trace=getppid,nanosleep,clock_nanosleep -p "$dpid" --limit 6 -o "$tmp/j.out"
is "$rc" 0 "--json --limit 6: exit 0"
ok 'python3 -c "
import json,sys
recs=[json.loads(l) for l in open(sys.argv[1])]
assert len(recs)==6, len(recs)
assert all(r[\"pid\"]==int(sys.argv[2]) for r in recs)
assert all(r[\"syscall\"] in (\"getppid\",\"nanosleep\",\"clock_nanosleep\") for r in recs)
assert all(r[\"ret\"]==int(sys.argv[3]) for r in recs if r[\"syscall\"]==\"getppid\")
" "$tmp/j.out" "$dpid" "$ppid"' "JSON lines parse: pid, syscall and ret typed"

# --- -f: a child forked after attach --------------------------------------------------
"$DSCOPE" trace --backend=ebpf -f -e trace=write,exit_group -p "$dpid" -o "$tmp/f.out" 2>"$tmp/f.err" &
tpid=$!
sleep 0.5
child=$(ask fork | sed -n 's/^child \([0-9]*\)$/\1/p')
for _ in $(seq 100); do grep -q "exited with 0" "$tmp/f.out" && break; sleep 0.05; done
kill -INT "$tpid"
wait "$tpid"
is "$?" 0 "-f, ended by SIGINT: exit 0"
ok '[ -n "$child" ] && grep -qE "^\[pid +$child\] write\([0-9]+(<[^>]*>)?, \"hi\", 2\) = 2$" "$tmp/f.out"' \
	"-f: the forked child's write to the pipe"
ok 'grep -qE "^\[pid +$child\] \+\+\+ exited with 0 \+\+\+$" "$tmp/f.out"' "-f: the child's exit"

# --- the daemon was never stopped and keeps serving -----------------------------------
touch "$tmp/stop-sampling"
wait "$sampler"
ok '[ -s "$tmp/states" ]' "thread states were sampled while traced ($(wc -l <"$tmp/states") samples)"
is "$(grep -c '[tT]' "$tmp/states")" 0 "no thread of the daemon was ever stopped (t/T)"
ok '! grep -q "TracerPid:.[1-9]" /proc/"$dpid"/status' "nothing ptrace'd it"
like "$(ask count)" "^served [0-9]+$" "the daemon still serves after the traces"

# --- job control: a stop during the trace, and a group stopped before attach -------------
"$DSCOPE" trace --backend=ebpf -e trace=none -p "$dpid" -o "$tmp/g.out" 2>"$tmp/g.err" &
tpid=$!
sleep 0.5
kill -TSTP "$dpid"
for _ in $(seq 100); do grep -qs "stopped by" "$tmp/g.out" && break; sleep 0.05; done
kill -CONT "$dpid"
kill -INT "$tpid"
wait "$tpid"
is "$?" 0 "a stop while traced: exit 0"
ok 'grep -qE "^(\[pid +[0-9]+\] )?--- SIGTSTP \{si_signo=SIGTSTP, si_code=SI_USER, si_pid=[0-9]+, si_uid=0\} ---$" "$tmp/g.out"' \
	"the stop signal's delivery"
ok 'grep -qE "^(\[pid +[0-9]+\] )?--- stopped by SIGTSTP ---$" "$tmp/g.out"' "and the group's stop"
kill -STOP "$dpid"
sleep 0.1
"$DSCOPE" trace --backend=ebpf -p "$dpid" -o "$tmp/h.out" 2>"$tmp/h.err" &
tpid=$!
for _ in $(seq 100); do grep -qs "stopped by" "$tmp/h.out" && break; sleep 0.05; done
kill -INT "$tpid"
wait "$tpid"
is "$?" 0 "attached to a stopped process: exit 0"
like "$(cat "$tmp/h.err")" "process $dpid is stopped" "dscope says it is stopped"
ok 'grep -qE "^\[pid +$dpid\] --- stopped by SIGSTOP ---$" "$tmp/h.out"' \
	"the stop before attach is shown, with its signal"
is "$(sed 's/.*) \(.\).*/\1/' /proc/"$dpid"/stat)" T "it is still stopped after dscope left"
kill -CONT "$dpid"
like "$(ask ping)" "^pong [0-9]+$" "after SIGCONT the daemon answers"

# --- memory not yet paged in when the call began -----------------------------------
# the path is in a file page the tracee mapped but never touched: the
# program cannot read it at entry, and reads it again at the exit
printf '/etc/hostname\0' >"$tmp/path"
run "$DSCOPE" trace --backend=ebpf -e trace=openat -o "$tmp/u.out" -- "$HELPERS/untouched" "$tmp/path"
is "$rc" 0 "a path in an untouched page: the command worked"
ok 'grep -qxE "openat\(AT_FDCWD, \"/etc/hostname\", O_RDONLY\) = [0-9]+</etc/hostname>" "$tmp/u.out"' \
	"the path read at the call's exit, the fd named as the call saw it"

# --- a launched command -----------------------------------------------------------------
run "$DSCOPE" trace --backend=ebpf -o "$tmp/l.out" -- "$HELPERS/tracee" count 300 --expect "$tmp/l.expect"
is "$rc" 0 "a launched command: its exit status"
is "$(cat "$tmp/l.expect")" ok "its calls all worked"
# (argv strings are cut at -s 32, as the path of a deep checkout is)
ok 'head -n 1 "$tmp/l.out" | grep -qE "^execve\(\"[^\"]*/tracee\", \[\"[^\"]*\"(\.\.\.)?, \"count\", \"300\", \"--expect\", \"[^\"]*\"(\.\.\.)?\], 0x[0-9a-f]+ /\* [0-9]+ vars \*/\) = 0$"' \
	"its execve is the first call shown, path, argv and envp decoded"
is "$(head -1 "$tmp/l.out" | cut -c1-7)" "execve(" "nothing of dscope's own set-up before it"
is "$(grep -cE '^getppid\(\) = [0-9]+$' "$tmp/l.out")" 300 "every one of its 300 getppid calls"
is "$(tail -1 "$tmp/l.out")" "+++ exited with 0 +++" "and its exit"
run "$DSCOPE" trace --backend=ebpf -c -e trace=getppid,dup -- "$HELPERS/tracee" count 300 --expect "$tmp/c.expect"
like "$err" " 300 +getppid" "-c -e: 300 getppid calls counted"
like "$err" " 7 +7 +dup" "and 7 failing dups"
run "$DSCOPE" trace --backend=ebpf -o /dev/null -- sh -c 'exit 3'
is "$rc" 3 "the command's exit code is dscope's"

# --- sockets closed before their lines are printed ---------------------------------------
# A TCP and a unix connection, both ends in the command, opened and closed
# at once: each fd is named as the call saw it, with its addresses, its
# state, its queue and the process at the other end.
cat >"$tmp/socks.py" <<'EOF'
import os, socket, sys
print(os.getpid(), file=sys.stderr, flush=True)
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
c = socket.create_connection(s.getsockname()); a, _ = s.accept()
c.send(b"tcp"); a.recv(8); c.close(); a.close(); s.close()
u = socket.socket(socket.AF_UNIX); u.bind(sys.argv[1]); u.listen(8)
k = socket.socket(socket.AF_UNIX); k.connect(sys.argv[1]); b, _ = u.accept()
k.send(b"unix"); b.recv(8); k.close(); b.close(); u.close()
EOF
run "$DSCOPE" trace --backend=ebpf -e trace=socket,connect,accept4,sendto,recvfrom,close -o "$tmp/s.out" -- \
	python3 "$tmp/socks.py" "$tmp/s.sock"
is "$rc" 0 "sockets opened and closed at once: exit 0"
spid=$err
# the lines with their numbers and the test directory as N and DIR
sed -E "s#${tmp//./\\.}#DIR#g; s/\[$spid\]/[PID]/g" "$tmp/s.out" >"$tmp/s.lines"
port=$(sed -nE 's/^accept4\([0-9]+<tcp LISTEN 127\.0\.0\.1:([0-9]+) .*/\1/p' "$tmp/s.lines")
ok '[ -n "$port" ] && grep -qE "^accept4\([0-9]+<tcp LISTEN 127\.0\.0\.1:$port \(backlog 1/8\)>, .* = [0-9]+<tcp → python3\[PID\]>$" "$tmp/s.lines"' \
	"a TCP listener with its address and queue, the accepted fd with its peer"
ok 'grep -qE "^sendto\([0-9]+<tcp → python3\[PID\]>, \"tcp\", 3, 0, NULL, 0\) = 3$" "$tmp/s.lines"' \
	"the TCP client's fd: the process at the other end"
ok 'grep -qE "^close\([0-9]+<tcp 127\.0\.0\.1:$port → 127\.0\.0\.1:[0-9]+ CLOSE-WAIT>\) = 0$" "$tmp/s.lines"' \
	"the accepted fd, closed after its peer: its addresses and state"
ok 'grep -qE "^sendto\([0-9]+<unix → python3\[PID\]>, \"unix\", 4, 0, NULL, 0\) = 4$" "$tmp/s.lines"' \
	"the unix client's fd: the process at the other end"
ok 'grep -qE "^close\([0-9]+<unix stream DIR/s\.sock>\) = 0$" "$tmp/s.lines"' \
	"the accepted unix fd, closed after its peer: the name it was accepted on"
# (its queue may be cut off: the test directory's name is long)
ok 'grep -qE "^close\([0-9]+<unix stream LISTEN DIR/s\.sock( \(backlog 0/8\)>|\.\.\.>| \(b)" "$tmp/s.lines"' \
	"the unix listener: its name"

# --- a burst that overflows a small ring buffer ------------------------------------------
# On one CPU dscope reads only when the burst lets it: on two it may keep up.
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
run env DSCOPE_EBPF_RINGBUF=4096 "${pin[@]}" "$DSCOPE" trace --backend=ebpf -o "$tmp/o.out" -- \
	"$HELPERS/tracee" count 30000 --expect "$tmp/o.expect"
is "$rc" 0 "a burst over a 4 KiB ring buffer: exit 0"
like "$err" "dscope: [1-9][0-9]* events lost" "dscope says how many events were lost"
is "$(cat "$tmp/o.expect")" ok "the traced command was not harmed"

# --- a consumer that lags costs the traced process no wake-ups ---------------------------
# dscope stopped (Ctrl-Z, or a slow terminal) while its tracee makes
# 100,000 calls: each record past the wake-up mark used to ask for a
# wake-up, an irq_work interrupt the tracee paid for (it ran 68 times
# slower). Now one per 64 KiB that crosses the mark: about 120 for the
# 8 MiB ring. Counted in /proc/interrupts (x86's IWI line), not timed.
# The tracee runs on CPU 0, where its records raise the interrupts, and
# only that CPU's column is read (other CPUs' work is not counted).
iwi() { awk 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "CPU0") col = i + 1 } $1 == "IWI:" && col { print $col }' /proc/interrupts; }
lag_pin=()
command -v taskset >/dev/null && lag_pin=(taskset -c 0)
if [ -n "$(iwi)" ] && [ ${#lag_pin[@]} -gt 0 ]; then
	mkfifo "$tmp/go"
	exec 7<>"$tmp/go"
	"${lag_pin[@]}" sh -c 'read x; exec "$1" count 100000 --expect "$2"' sh "$HELPERS/tracee" "$tmp/lag.expect" <"$tmp/go" &
	lpid=$!
	"$DSCOPE" trace -v --backend=ebpf -p "$lpid" -o /dev/null 2>"$tmp/lag.err" &
	lag_dscope=$!
	for ((i = 0; i < 200; i++)); do
		grep -q "process $lpid attached" "$tmp/lag.err" && break
		sleep 0.05
	done
	grep -q "process $lpid attached" "$tmp/lag.err" || bail_out "dscope -p $lpid did not attach: $(cat "$tmp/lag.err")"
	kill -STOP "$lag_dscope"
	before=$(iwi)
	echo go >&7
	wait "$lpid"
	lag_rc=$?
	after=$(iwi)
	kill -CONT "$lag_dscope"
	wait "$lag_dscope"
	is "$lag_rc:$(cat "$tmp/lag.expect")" "0:ok" "a tracee whose dscope was stopped ran unharmed"
	ok '[ $((after - before)) -lt 5000 ]' \
		"and was sent few wake-ups: $((after - before)) irq_work interrupts for 200,000 records"
	like "$(cat "$tmp/lag.err")" "dscope: [1-9][0-9]* events lost" "the records past a full ring are counted as lost"
	exec 7>&-
else
	skip "no IWI line for CPU0 in /proc/interrupts (not x86), or no taskset" 3
fi

# --- errors --------------------------------------------------------------------------------
run "$DSCOPE" trace --backend=ebpf -p 999999999
is "$rc" 1 "an unknown pid: exit 1"
like "$err" "no (such )?process" "and says so"
run "$DSCOPE" trace --backend=nosuch -p "$dpid"
is "$rc" 2 "an unknown backend: exit 2"
if test_user_ready "$DSCOPE"; then
	run as_user "$TEST_BIN/dscope" trace --backend=ebpf -p "$dpid"
	is "$rc" 1 "an ordinary user with --backend=ebpf: exit 1"
	like "$err" "ebpf backend cannot run here: .*needs root, or CAP_BPF and CAP_PERFMON" \
		"the message says why"
	run as_user "$TEST_BIN/dscope" trace -v -o /dev/null -- true
	like "$err" "backend ptrace \(auto; ebpf: .*root" "auto with -v: ptrace, and why not ebpf"
else
	skip "$TEST_USER_WHY" 3
fi
# In a pid namespace of its own, the kernel's pids the program sees are
# not the ones dscope names: auto takes ptrace, and says why.
if unshare --pid --fork --mount-proc true 2>/dev/null; then
	run unshare --pid --fork --mount-proc "$DSCOPE" trace -v -e trace=uname -- uname -s
	is "$rc" 0 "in a pid namespace of its own: exit 0"
	like "$err" "backend ptrace \(auto; ebpf: dscope runs in a pid namespace of its own \(it is pid 1 here, [0-9]+ to the kernel\)" \
		"auto takes ptrace there, and says why"
	like "$err" "uname\(\{sysname=\"Linux\"" "and the command is traced"
	run unshare --pid --fork --mount-proc "$DSCOPE" trace --backend=ebpf -- true
	is "$rc" 1 "--backend=ebpf there: exit 1"
	like "$err" "the ebpf backend cannot run here: dscope runs in a pid namespace" "with the reason"
else
	skip "unshare --pid does not work here" 5
fi

done_testing
