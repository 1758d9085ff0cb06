#!/usr/bin/env bash
# dscope logs on the fixture daemon writing to a real systemd-journald
# (started by this test when none runs): its entries by _PID (or by unit
# where systemd runs it), -n, --json, -f, and an ordinary user who may not
# read the system journal. The log-file fallback is in logs-files.t.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/journald.sh"
. "$(dirname "$0")/users.sh"

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
DSCOPE=${DSCOPE:-$TOP/build/asan/dscope}
HELPERS=${HELPERS:-$TOP/build/helpers}
tmp=$(tap_tmpdir)

journald_start
name=lg-j-$$
"$HELPERS/fixture-daemon" --pidfile "$tmp/d.pid" --journal --name "$name" \
	--interval 1 --socket "$tmp/d.sock" ||
	bail_out "fixture-daemon --journal did not start"
dpid=$(cat "$tmp/d.pid")
at_exit "kill -TERM $dpid 2>/dev/null"

# journald writes what it receives at once, but give it (and the first
# ticks) up to 5 s
for _ in $(seq 50); do
	run "$DSCOPE" logs -n 1000 "$name"
	grep -q "started pid $dpid" "$out_file" && grep -q "tick 1" "$out_file" && break
	sleep 0.1
done

# --- text ---------------------------------------------------------------------
is "$rc" 0 "logs NAME exits 0"
like "$(sed -n 1p "$out_file")" "^-- journald, (_PID=$dpid|unit [^ ]+) --$" \
	"the first line says the lines come from journald, and by what match"
ok 'grep -qE "^[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} [^ ]+ $name\[$dpid\]: started pid $dpid socket " "$out_file"' \
	"the daemon's start line, like journalctl -o short"
ok 'grep -qE "$name\[$dpid\]: tick [0-9]+$" "$out_file"' "its ticks"
is "$err" "" "nothing on stderr"

run "$DSCOPE" logs "$dpid"
is "$rc" 0 "logs PID exits 0"
# 11 entries once it ticked 5 times: the start, ticks and helper ticks
for _ in $(seq 100); do
	grep -q "tick 5$" "$out_file" && break
	sleep 0.1
	run "$DSCOPE" logs "$dpid"
done
is "$(($(wc -l <"$out_file") - 1))" 10 "10 entries by default"

run "$DSCOPE" logs -n 3 "$dpid"
is "$rc" 0 "logs -n 3 exits 0"
is "$(($(wc -l <"$out_file") - 1))" 3 "-n 3: the header and 3 entries"
ok 'sed -n "2,4p" "$out_file" | grep -qE "(tick [0-9]+|helper: tick)$"' "-n 3: the latest entries are ticks"

# --- JSON -----------------------------------------------------------------------
run "$DSCOPE" logs --json -n 1000 "$name"
is "$rc" 0 "logs --json exits 0"
ok 'python3 -m json.tool "$out_file" >/dev/null' "JSON parses"
is "$(json_get "$out_file" source)" journald "JSON: source journald"
is "$(json_get "$out_file" pid)" "$dpid" "JSON: the pid"
is "$(json_eval "$out_file" "len(d['entries']) > 0 and all(e['pid'] == $dpid for e in d['entries'])")" true \
	"JSON: entries, all with the daemon's pid"
is "$(json_eval "$out_file" "any(e['message'].startswith('started pid $dpid ') for e in d['entries'])")" true \
	"JSON: the start line among them"
is "$(json_eval "$out_file" "all(e['ident'] == '$name' and e['priority'] == 6 and isinstance(e['time'], int) for e in d['entries'])")" true \
	"JSON: ident, priority and time of each entry"

run "$DSCOPE" logs --json -n 3 "$dpid"
is "$(json_eval "$out_file" "len(d['entries'])")" 3 "JSON: -n 3 gives 3 entries"

# --- follow ---------------------------------------------------------------------
# Runs dscope logs -f ARGS in the background into FILE until PATTERN shows
# on $FOLLOW_NEED lines (default 1; at most 5 s), then stops it with
# SIGTERM; sets $frc to its exit status.
follow_until() {
	local file=$1 pattern=$2 fpid
	shift 2
	"$DSCOPE" logs -f "$@" >"$file" 2>"$file.err" </dev/null &
	fpid=$!
	at_exit "kill -KILL $fpid 2>/dev/null"
	for _ in $(seq 50); do
		[ "$(grep -cE "$pattern" "$file")" -ge "${FOLLOW_NEED:-1}" ] && break
		sleep 0.1
	done
	kill -TERM "$fpid"
	for _ in $(seq 50); do
		kill -0 "$fpid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$fpid" 2>/dev/null
	wait "$fpid"
	frc=$?
}

follow_until "$tmp/f.out" "tick [0-9]+$" -n 0 "$name"
ok 'grep -qE "$name\[$dpid\]: tick [0-9]+$" "$tmp/f.out"' "-f prints a new tick"
is "$frc" 0 "-f ends with exit 0 on SIGTERM"
like "$(sed -n 1p "$tmp/f.out")" "^-- journald, " "-f: the header first"
unlike "$(cat "$tmp/f.out.err")" "." "-f: nothing on stderr"

# the entry of -n 1, then a new one: stop only after both
FOLLOW_NEED=2 follow_until "$tmp/fj.out" '"message":"tick [0-9]+"' --json -n 1 "$dpid"
is "$frc" 0 "-f --json ends with exit 0"
ok 'python3 -c "import json,sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) >= 2, lines
for l in lines:
    assert json.loads(l)[\"pid\"] == int(sys.argv[2]), l" "$tmp/fj.out" "$dpid"' \
	"-f --json: one JSON object per line, the daemon's"

# --- an ordinary user --------------------------------------------------------------
if test_user_ready "$DSCOPE"; then
	bin=$TEST_BIN/$(basename "$DSCOPE")
	run as_user "$bin" logs "$dpid"
	if [ "$rc" -eq 0 ]; then
		# this machine lets everyone read the system journal
		like "$out" "started pid|tick" "as $TEST_USER: the entries (journal readable)"
		skip "the system journal is readable by $TEST_USER here"
	else
		is "$rc" 1 "as $TEST_USER: exit 1"
		like "$err" "^dscope: no logs found for $dpid \($name\): the system journal is not readable by you \(run as root" \
			"as $TEST_USER: says the journal is not readable, and what to do"
	fi
	run as_user "$bin" logs --json "$dpid"
	ok 'python3 -m json.tool "$out_file" >/dev/null' "as $TEST_USER: --json still parses"
else
	skip "$TEST_USER_WHY" 3
fi

done_testing
