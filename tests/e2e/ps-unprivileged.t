#!/usr/bin/env bash
# dscope ps as an ordinary user: it succeeds, shows what the kernel allows,
# marks the rest unknown and says once what root would add.
. "$(dirname "$0")/lib.sh"

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
DSCOPE=${DSCOPE:-$TOP/build/asan/dscope}
HELPERS=${HELPERS:-$TOP/build/helpers}
user=dscope-test

[ "$(id -u)" -eq 0 ] || skip_all "needs root to create a test user"
command -v setpriv >/dev/null || skip_all "setpriv (util-linux) is not installed"
if ! id "$user" >/dev/null 2>&1; then
	useradd --system --no-create-home --shell /usr/sbin/nologin "$user" ||
		skip_all "cannot create user $user"
fi

# The checkout may sit under a directory the user cannot enter: copy the
# binaries to one it can.
bin=$(mktemp -d /tmp/dscope-unpriv.XXXXXX)
at_exit "rm -rf $bin"
cp "$DSCOPE" "$HELPERS/spawn-named" "$HELPERS/fixture-daemon" "$bin/"
chmod 755 "$bin"
as_user() { setpriv --reuid="$user" --regid="$user" --clear-groups -- "$@"; }

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
