#!/usr/bin/env bash
# dscope ps as an ordinary user: it succeeds, shows what the kernel allows,
# marks the rest unknown and says once what root would add.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/users.sh"

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
DSCOPE=${DSCOPE:-$TOP/build/asan/dscope}
HELPERS=${HELPERS:-$TOP/build/helpers}
test_user_ready "$DSCOPE" "$HELPERS/spawn-named" "$HELPERS/fixture-daemon" ||
	skip_all "$TEST_USER_WHY"
bin=$TEST_BIN
user=$TEST_USER

tmp=$(tap_tmpdir)
"$bin/fixture-daemon" --pidfile "$tmp/d.pid" --socket "$tmp/d.sock" \
	--name e2e-root-daemon || bail_out "fixture-daemon did not start"
rpid=$(cat "$tmp/d.pid")
at_exit "kill -TERM $rpid 2>/dev/null"

upid=$(as_user "$bin/spawn-named" e2e-user-proc --detach)
at_exit "kill $upid 2>/dev/null"

run as_user "$bin/dscope" ps -a --json
is "$rc" 0 "ps -a --json as $user exits 0"
ok 'python3 -m json.tool "$out_file" >/dev/null' "JSON parses"
is "$err" "" "nothing on stderr in JSON mode"
is "$(json_get "$out_file" "processes[pid=$rpid].wait")" null \
	"root's daemon: syscall unknown (null)"
is "$(json_get "$out_file" "processes[pid=$rpid].daemon_criteria.stdin")" null \
	"root's daemon: stdin unknown (null)"
is "$(json_get "$out_file" "processes[pid=$rpid].daemon_criteria.cwd")" null \
	"root's daemon: cwd unknown (null)"
is "$(json_get "$out_file" "processes[pid=$rpid].daemon")" true \
	"root's daemon: still judged a daemon from what is visible"
is "$(json_get "$out_file" "processes[pid=$rpid].user")" root "root's daemon: user known"
is "$(json_get "$out_file" "processes[pid=$upid].wait")" pause \
	"own process: syscall known"
is "$(json_get "$out_file" "processes[pid=$upid].daemon_criteria.stdin")" /dev/null \
	"own process: stdin known"
like "$(json_get "$out_file" 'notes[0]')" "run as root" "JSON notes say what root would add"

run as_user "$bin/dscope" ps -a
is "$rc" 0 "text ps -a as $user exits 0"
is "$(wc -l <"$err_file")" 1 "exactly one note on stderr, no error spam"
like "$err" "^dscope: note: .*run as root" "the note says what root would add"
ok 'grep -qE "^ *$rpid +.* yes +\? " "$out_file"' "unknown WAIT shows as ? in text"

done_testing
