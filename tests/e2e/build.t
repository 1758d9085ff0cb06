#!/usr/bin/env bash
# The build's promises: make install honours PREFIX and DESTDIR, the man
# page renders, make demo shows the fixture daemon and stops it.
. "$(dirname "$0")/lib.sh"

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$TOP" || bail_out "no $TOP"
tmp=$(tap_tmpdir)

run make -s install DESTDIR="$tmp/dest" PREFIX=/opt/dscope
is "$rc" 0 "make install exits 0"
ok '[ -x "$tmp/dest/opt/dscope/bin/dscope" ]' "binary installed under DESTDIR/PREFIX/bin"
ok '[ -f "$tmp/dest/opt/dscope/share/man/man1/dscope.1" ]' "man page installed under DESTDIR/PREFIX/share/man/man1"
run "$tmp/dest/opt/dscope/bin/dscope" --version
like "$out" "^dscope [0-9]+\.[0-9]+\.[0-9]+$" "installed binary prints its version"

if command -v man >/dev/null; then
	run man -l --warnings=all doc/dscope.1
	is "$rc" 0 "man page renders"
	like "$out" "dscope ps" "man page documents dscope ps"
else
	skip "man is not installed" 2
fi

run make -s demo
is "$rc" 0 "make demo exits 0"
like "$out" "epoll_wait" "demo shows the daemon waiting in epoll_wait"
dpid=$(sed -n 's/^Started the fixture daemon, pid \([0-9]*\).*/\1/p' "$out_file")
ok 'grep -qE "^ *$dpid +1? *[0-9]* +root +\? +S +.* yes +epoll_wait " "$out_file"' \
	"demo's table has the daemon with DAEMON yes"
ok '! kill -0 "$dpid" 2>/dev/null || grep -q "^State:.*Z" "/proc/$dpid/status"' \
	"demo stopped the daemon it started"
like "$(grep '^  summary ' "$out_file")" "idle: waits for a connection on .*; logs go to journald$" \
	"demo's inspect report: its output goes to journald"
ok 'grep -qE "^read\([0-9]+<unix → python3\[[0-9]+\]>, \"hello\\\\n\", [0-9]+\) = 6$" "$out_file"' \
	"demo's trace: the daemon reads the client's request, the client named"
ok 'grep -qE "^write\(1<unix → systemd-journal\[[0-9]+\]>, \"tick [0-9]+\\\\n\"" "$out_file"' \
	"demo's trace: its ticks go to journald"

done_testing
