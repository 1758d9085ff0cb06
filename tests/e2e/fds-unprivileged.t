#!/usr/bin/env bash
# dscope fds as an ordinary user: its own processes fully decoded, another
# user's process a clear message.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/users.sh"

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
DSCOPE=${DSCOPE:-$TOP/build/asan/dscope}
HELPERS=${HELPERS:-$TOP/build/helpers}
test_user_ready "$DSCOPE" "$HELPERS/mkfds" || skip_all "$TEST_USER_WHY"
bin=$TEST_BIN
user=$TEST_USER
tmp=$(tap_tmpdir)
chmod 755 "$tmp"

# root's process
exec {rootfd}< <(exec "$bin/mkfds" pipe-child)
at_exit "kill -TERM $! 2>/dev/null"
IFS= read -r -t 20 rootline <&"$rootfd" || bail_out "root mkfds did not report"
rootpid=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["pid"])' "$rootline")

# the user's own process
exec {userfd}< <(exec setpriv --reuid="$user" --regid="$user" --clear-groups -- \
	"$bin/mkfds" pipe-child socketpair-child eventfd timerfd epoll)
at_exit "kill -TERM $! 2>/dev/null"
IFS= read -r -t 20 userline <&"$userfd" || bail_out "user mkfds did not report"
printf '%s\n' "$userline" >"$tmp/mk.json"
userpid=$(json_get "$tmp/mk.json" pid)

run as_user "$bin/dscope" fds "$rootpid"
is "$rc" 1 "another user's process: exit 1"
like "$err" "^dscope: cannot read the fds of $rootpid: permission denied \(run as root" \
	"another user's process: clear message"

run as_user "$bin/dscope" fds --json "$userpid"
is "$rc" 0 "own process: exit 0"
cp "$out_file" "$tmp/fds.json"
pr=$(json_get "$tmp/mk.json" fds.pipe_child_r)
sp=$(json_get "$tmp/mk.json" fds.socketpair)
is "$(json_get "$tmp/fds.json" "processes[0].fds[fd=$pr].peers[0].pid")" \
	"$(json_get "$tmp/mk.json" peers.pipe_child)" "own process: pipe peer found"
is "$(json_get "$tmp/fds.json" "processes[0].fds[fd=$sp].peers[0].pid")" \
	"$(json_get "$tmp/mk.json" peers.socketpair_child)" "own process: socketpair peer found"
is "$(json_get "$tmp/fds.json" "processes[0].fds[fd=$(json_get "$tmp/mk.json" fds.epoll)].kind")" \
	eventpoll "own process: epoll decoded"
is "$(json_get "$tmp/fds.json" "processes[0].fds[fd=$(json_get "$tmp/mk.json" fds.timerfd)].clock")" \
	monotonic "own process: timerfd decoded"

run as_user "$bin/dscope" fds -a --json
is "$rc" 0 "fds -a as $user: exit 0"
is "$(json_get "$out_file" "processes[pid=$rootpid].error")" \
	"permission denied (run as root to see other users' fds)" \
	"fds -a: root's process is a row with the reason"
ok '[ -n "$(json_get "$out_file" "processes[pid=$userpid].fds[0].kind")" ]' \
	"fds -a: own process decoded"

done_testing
