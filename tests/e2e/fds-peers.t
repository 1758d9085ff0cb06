#!/usr/bin/env bash
# Finding the other end in cases that fooled an early version: a writer
# whose stdout and stderr share one pipe end, a dual-stack TCP listener,
# a NAME matching several processes, and processes dscope may not read.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/users.sh"

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
DSCOPE=${DSCOPE:-$TOP/build/asan/dscope}
HELPERS=${HELPERS:-$TOP/build/helpers}
tmp=$(tap_tmpdir)

# --- two fds on the same end of a pipe are not each other's other end -----
# (the writer is started before the reader so neither is its nearest pid)
bash -c 'exec 2>&1; echo $$ >"$1"; exec sleep 300' _ "$tmp/w.pid" | {
	echo $BASHPID >"$tmp/r.pid"
	exec cat >/dev/null
} &
for _ in $(seq 50); do [ -s "$tmp/w.pid" ] && [ -s "$tmp/r.pid" ] && break; sleep 0.1; done
wpid=$(cat "$tmp/w.pid")
rpid=$(cat "$tmp/r.pid")
at_exit "kill $wpid $rpid 2>/dev/null"
run "$DSCOPE" fds --json "$wpid"
is "$(json_get "$out_file" 'processes[0].fds[fd=1].peers[0].pid')" "$rpid" \
	"stdout+stderr on one pipe: the peer is the reader"
is "$(json_get "$out_file" 'processes[0].fds[fd=1].peers[0].mode')" r "the reader's mode"
is "$(json_eval "$out_file" 'len(d["processes"][0]["fds"][1]["peers"])')" 1 \
	"the writer's own stderr is not its stdout's peer"

# --- a dual-stack listener and an IPv4 client -------------------------------
if python3 -c 'import socket; s = socket.socket(socket.AF_INET6); s.bind(("::1", 0))' 2>/dev/null; then
	python3 - "$tmp/dual.pid" <<'PY' &
import os, socket, sys, time
srv = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
srv.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
srv.bind(("::", 0))
srv.listen(1)
cli = socket.create_connection(("127.0.0.1", srv.getsockname()[1]))
acc, _ = srv.accept()
with open(sys.argv[1], "w") as f:
    f.write("%d %d %d\n" % (os.getpid(), cli.fileno(), acc.fileno()))
time.sleep(300)
PY
	at_exit "kill $! 2>/dev/null"
	for _ in $(seq 50); do [ -s "$tmp/dual.pid" ] && break; sleep 0.1; done
	read -r dpid cfd afd <"$tmp/dual.pid"
	run "$DSCOPE" fds --json "$dpid"
	is "$(json_get "$out_file" "processes[0].fds[fd=$afd].peers[0].fd")" "$cfd" \
		"dual-stack: the v4-mapped accepted socket's peer is the IPv4 client"
	is "$(json_get "$out_file" "processes[0].fds[fd=$cfd].peers[0].fd")" "$afd" \
		"dual-stack: and the other way round"
else
	skip "no IPv6 here" 2
fi

# --- a NAME matching several processes lists them ---------------------------
p1=$("$HELPERS/spawn-named" e2e-twin --detach)
p2=$("$HELPERS/spawn-named" e2e-twin --detach)
at_exit "kill $p1 $p2 2>/dev/null"
run "$DSCOPE" fds e2e-twin
is "$rc" 1 "ambiguous NAME: exit 1"
like "$err" "2 processes match 'e2e-twin'" "ambiguous NAME: says how many"
like "$err" " $p1 " "ambiguous NAME: lists the first pid"
like "$err" " $p2 " "ambiguous NAME: lists the second pid"

# --- a pipe whose other end is in a process dscope may not read ------------
if test_user_ready "$DSCOPE"; then
	bin=$TEST_BIN
	# the user's writer feeds root's reader
	as_user bash -c 'echo $$ >"$1"; exec sleep 300' _ "$bin/w/u.pid" | cat >/dev/null &
	for _ in $(seq 50); do [ -s "$bin/w/u.pid" ] && break; sleep 0.1; done
	upid=$(cat "$bin/w/u.pid")
	at_exit "kill $upid 2>/dev/null"
	run as_user "$bin/dscope" fds --json "$upid"
	is "$(json_get "$out_file" 'peers_complete')" false \
		"unreadable processes: peers are not called complete"
	like "$(json_get "$out_file" 'processes[0].fds[fd=1].description')" \
		"other end not visible: [0-9]+ process(es)? unreadable" \
		"unreadable processes: the pipe says why its other end is missing"
else
	skip "$TEST_USER_WHY" 2
fi

# --- a unix connection the server has not accepted yet ---------------------
python3 - "$tmp/pend.sock" "$tmp/pend.pids" <<'PY' &
import os, socket, sys, time
srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
srv.bind(sys.argv[1])
srv.listen(4)
child = os.fork()
if child == 0:
    srv.close()
    cli = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    cli.connect(sys.argv[1])
    os.dup2(cli.fileno(), 9)
    cli.close()
    time.sleep(300)
    os._exit(0)
os.dup2(srv.fileno(), 8)
srv.close()
time.sleep(0.3)  # the child has connected by now
with open(sys.argv[2] + ".tmp", "w") as f:
    f.write("%d %d\n" % (os.getpid(), child))
os.rename(sys.argv[2] + ".tmp", sys.argv[2])
time.sleep(300)
PY
for _ in $(seq 50); do [ -s "$tmp/pend.pids" ] && break; sleep 0.1; done
read -r spid cpid <"$tmp/pend.pids"
at_exit "kill $spid $cpid 2>/dev/null"
run "$DSCOPE" fds --json "$cpid"
is "$(json_get "$out_file" 'processes[0].fds[fd=9].accepted')" false \
	"pending connection: not accepted yet"
is "$(json_get "$out_file" 'processes[0].fds[fd=9].peers[0].pid'):$(json_get "$out_file" 'processes[0].fds[fd=9].peers[0].fd')" \
	"$spid:8" "pending connection: the peer is the listener's holder"
like "$(json_get "$out_file" 'processes[0].fds[fd=9].description')" \
	"→ python3 \[$spid\] fd 8 via .*pend.sock \(not accepted yet\)" \
	"pending connection: the description says so"

# --- a NAME does not match a zombie of that name ------------------------------
python3 -c 'import ctypes, os, sys, time
child = os.fork()
if child == 0:
    ctypes.CDLL(None).prctl(15, b"e2e-zomb", 0, 0, 0)
    os._exit(0)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write("%d %d\n" % (os.getpid(), child))
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
time.sleep(300)' "$tmp/zomb.pids" &
for _ in $(seq 50); do [ -s "$tmp/zomb.pids" ] && break; sleep 0.1; done
read -r zparent zpid <"$tmp/zomb.pids"
at_exit "kill $zparent 2>/dev/null"
for _ in $(seq 50); do [ "$(cut -d' ' -f3 /proc/"$zpid"/stat 2>/dev/null)" = Z ] && break; sleep 0.1; done
live=$("$HELPERS/spawn-named" e2e-zomb --detach)
at_exit "kill $live 2>/dev/null"
run "$DSCOPE" fds --json e2e-zomb
is "$rc:$(json_eval "$out_file" '[p["pid"] for p in d["processes"]]')" "0:[$live]" \
	"a zombie of the same name is no second match"

done_testing
