#!/usr/bin/env bash
# The real "daemon stdout -> journald" chain: the fixture daemon writes its
# output to a stream connected to systemd-journald, started by this test;
# dscope fds names journald at the other end of fds 1 and 2.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/journald.sh"

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
DSCOPE=${DSCOPE:-$TOP/build/asan/dscope}
HELPERS=${HELPERS:-$TOP/build/helpers}
tmp=$(tap_tmpdir)

journald_start
"$HELPERS/fixture-daemon" --pidfile "$tmp/d.pid" --journal \
	--socket "$tmp/d.sock" --name e2e-journal-daemon ||
	bail_out "fixture-daemon --journal did not start"
dpid=$(cat "$tmp/d.pid")
at_exit "kill -TERM $dpid 2>/dev/null"

run "$DSCOPE" fds --json "$dpid"
is "$rc" 0 "fds --json exits 0"
for n in 1 2; do
	is "$(json_get "$out_file" "processes[0].fds[fd=$n].kind")" unix "fd $n is a unix socket"
	is "$(json_get "$out_file" "processes[0].fds[fd=$n].peers[0].pid")" "$JOURNALD_PID" \
		"fd $n: the peer is systemd-journald (pid $JOURNALD_PID)"
	is "$(json_get "$out_file" "processes[0].fds[fd=$n].peer_name")" /run/systemd/journal/stdout \
		"fd $n: the peer socket is journald's stdout stream"
done
is "$(json_get "$out_file" "processes[0].fds[fd=1].peers[0].comm")" systemd-journal \
	"the peer's command name"

run "$DSCOPE" fds "$dpid"
ok 'grep -qE "^ *1 +rw +unix +unix stream → systemd-journal \[$JOURNALD_PID\] fd [0-9]+ via /run/systemd/journal/stdout$" "$out_file"' \
	"text: stdout → systemd-journald [pid] fd N via /run/systemd/journal/stdout"

# the log lines really went there
if command -v journalctl >/dev/null; then
	found=no
	for _ in $(seq 50); do
		if journalctl -q -t e2e-journal-daemon --no-pager 2>/dev/null | grep -q "started pid $dpid"; then
			found=yes
			break
		fi
		sleep 0.1
	done
	is "$found" yes "journald has the daemon's start line"
else
	skip "journalctl is not installed"
fi

done_testing
