#!/usr/bin/env bash
# dscope with no arguments: every daemon, one line each, with what it waits
# on and where its output goes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/journald.sh"

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
DSCOPE=${DSCOPE:-$TOP/build/asan/dscope}
HELPERS=${HELPERS:-$TOP/build/helpers}
tmp=$(tap_tmpdir)

journald_start
"$HELPERS/fixture-daemon" --pidfile "$tmp/j.pid" --journal --socket "$tmp/j.sock" \
	--name e2e-ov-journal || bail_out "fixture-daemon --journal did not start"
jd=$(cat "$tmp/j.pid")
at_exit "kill -TERM $jd 2>/dev/null"
"$HELPERS/fixture-daemon" --pidfile "$tmp/n.pid" --socket "$tmp/n.sock" \
	--name e2e-ov-null || bail_out "fixture-daemon did not start"
nd=$(cat "$tmp/n.pid")
at_exit "kill -TERM $nd 2>/dev/null"
port=$(cat "$tmp/j.pid.port")
setsid bash -c 'sleep 300 & echo $! >"$1"; wait' _ "$tmp/child.pid" &
at_exit "kill $! 2>/dev/null"
for _ in $(seq 50); do [ -s "$tmp/child.pid" ] && break; sleep 0.1; done
child=$(cat "$tmp/child.pid")
at_exit "kill $child 2>/dev/null"

run "$DSCOPE"
is "$rc" 0 "dscope exits 0"
like "$(head -1 "$out_file")" "^ *PID +NAME +UNIT +OUTPUT +WAITS ON$" "header"
ok 'grep -qE "^ *$jd +e2e-ov-journal +- +journald +epoll: connections on $tmp/j.sock, 127\.0\.0\.1:$port; 1 pipe; timer; signals$" "$out_file"' \
	"the daemon writing to journald: its listeners, pipe, timer and signals"
ok 'grep -qE "^ *$nd +e2e-ov-null +- +/dev/null +epoll: " "$out_file"' \
	"the daemon writing to /dev/null"
ok '! grep -qE "^ *$child " "$out_file"' "an ordinary child is not listed"
ok '! grep -qE "^ *[0-9]+ +kthreadd " "$out_file"' "kernel threads are not listed"

run "$DSCOPE" --json
is "$rc" 0 "dscope --json exits 0"
is "$(json_get "$out_file" "daemons[pid=$jd].output")" journald "JSON: output journald"
is "$(json_get "$out_file" "daemons[pid=$nd].output")" /dev/null "JSON: output /dev/null"
like "$(json_get "$out_file" "daemons[pid=$jd].waits")" "^epoll: connections on " "JSON: what it waits on"

done_testing
