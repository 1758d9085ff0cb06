#!/usr/bin/env bash
# dscope graph on real processes: graphfix makes a known set of connections
# (socketpair, pipe chain, unix server and clients, loopback TCP, eventfd,
# FIFO, a log written by two processes, a hub of 12 clients) and prints
# them; the graph, whole machine and neighbourhoods, must be exactly that,
# in JSON, text, DOT and SVG. Also: hostile names, processes exiting during
# the scan, errors, and a real journald stdout stream.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/journald.sh"

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
DSCOPE=${DSCOPE:-$TOP/build/asan/dscope}
HELPERS=${HELPERS:-$TOP/build/helpers}
CHECK="$(cd "$(dirname "$0")" && pwd)/graphcheck.py"
tmp=$(tap_tmpdir)
man=$tmp/manifest

check() { python3 "$CHECK" "$@"; }
pid_of() { awk -v l="$1" '$1 == "proc" && $2 == l { print $3 }' "$man"; }
port_of() { awk -v l="$1" '$1 == "port" && $2 == l { print $3 }' "$man"; }
valid_json() { python3 -c 'import json, sys; json.load(open(sys.argv[1], "rb"))' "$1" 2>/dev/null; }
# The lines under "  COMM [PID]" in text output FILE: block PID COMM FILE
block() {
	awk -v head="  $2 [$1]" '
		on && /^    / { print; next }
		{ on = index($0, head) == 1 && (length($0) == length(head) ||
			substr($0, length(head) + 1, 1) == " ") }' "$3"
}
# Runs CMD holding only fds 0-2 (whoever started the test may have left
# more open, which would be more connections).
only_stdio() {
	local fd

	for fd in /proc/self/fd/*; do
		fd=${fd##*/}
		[ "$fd" -gt 2 ] && eval "exec $fd>&-"
	done
	exec "$@"
}
wait_for() { # COND: up to 10 s
	for _ in $(seq 100); do
		eval "$1" && return 0
		sleep 0.1
	done
	return 1
}

# --- the fixture, and a process with a hostile name holding a pipe --------
mkdir "$tmp/fix"
"$HELPERS/graphfix" "$tmp/fix" --hub 12 >"$man" 2>"$tmp/graphfix.err" &
fixpid=$!
at_exit "kill -TERM $fixpid 2>/dev/null; wait $fixpid 2>/dev/null"
wait_for 'grep -qx ready "$man" || ! kill -0 $fixpid 2>/dev/null'
grep -qx ready "$man" || bail_out "graphfix did not start: $(cat "$tmp/graphfix.err")"
dir=$(cd "$tmp/fix" && pwd -P)

# its stdout is a pipe to this script, where it writes its pid
hostile='gf-"q\\x\e[31m' # spawn-named decodes: gf-"q\x ESC [31m
coproc HOSTILE { only_stdio "$HELPERS/spawn-named" "$hostile" 2>/dev/null; }
at_exit "kill -TERM $HOSTILE_PID 2>/dev/null; wait $HOSTILE_PID 2>/dev/null"
read -r -t 10 hpid <&"${HOSTILE[0]}" || bail_out "spawn-named did not start"

c1=$(pid_of gf-chain1) c2=$(pid_of gf-chain2) c3=$(pid_of gf-chain3)
srv=$(pid_of gf-server) cl1=$(pid_of gf-client1) cl2=$(pid_of gf-client2)
hub=$(pid_of gf-hub) hcli=$(pid_of gf-hubcli.1)
loga=$(pid_of gf-log-a) logb=$(pid_of gf-log-b)
tsrv=$(pid_of gf-tcp-srv) tcli=$(pid_of gf-tcp-cli)

# --- the whole machine, JSON -----------------------------------------------
run "$DSCOPE" graph --json
cp "$out_file" "$tmp/whole.json"
is "$rc" 0 "whole machine: exit 0"
is "$err" "" "whole machine: nothing on stderr"
ok 'valid_json "$tmp/whole.json"' "whole machine: valid JSON"
is "$(check edges "$man" "$tmp/whole.json" --without gf-hub)" "" \
	"whole machine: the edges among the fixture's processes are the manifest's (but the folded hub's)"
is "$(check nodes "$man" "$tmp/whole.json" --skip gf-hubcli)" "" \
	"whole machine: each fixture process is a node, with its comm"
is "$(json_eval "$tmp/whole.json" "[e['same_open_file'] for e in d['edges'] if e['kind'] == 'file' and e['from']['pid'] == $loga and e['to']['pid'] == $logb]")" \
	"[true]" "the log both write: one open file (same_open_file true)"
is "$(json_eval "$tmp/whole.json" "[[e['from']['address'], e['from']['port'], e['to']['address'], e['to']['port']] for e in d['edges'] if e['kind'] == 'tcp' and $tsrv in (e['from']['pid'], e['to']['pid'])]")" \
	"[[\"127.0.0.1\", $(port_of gf-tcp-cli), \"127.0.0.1\", $(port_of gf-tcp-srv)]]" \
	"tcp: from the client's port to the server's"
is "$(json_eval "$tmp/whole.json" "[[n['hub'], n['folded'], n['peers']] for n in d['nodes'] if n['pid'] == $hub]")" \
	"[[true, true, 12]]" "whole machine: gf-hub is a hub, folded, 12 peers"
is "$(json_eval "$tmp/whole.json" "len([e for e in d['edges'] if $hub in (e['from']['pid'], e['to']['pid'])])")" \
	0 "whole machine: no edge of the folded hub is shown"
if [ "$(id -u)" -eq 0 ]; then
	is "$(json_get "$tmp/whole.json" complete)" true "as root: complete"
else
	skip "not root: some processes may be unreadable"
fi

# dscope is no node, even with its stdout a pipe to another process
bash -c 'echo $$ >"$1"; exec "$2" graph --json' _ "$tmp/self.pid" "$DSCOPE" \
	</dev/null 2>/dev/null | cat >"$tmp/self.json"
self=$(cat "$tmp/self.pid")
is "$(json_eval "$tmp/self.json" "[n['pid'] for n in d['nodes'] if n['pid'] == $self] + [e['kind'] for e in d['edges'] if $self in (e['from']['pid'], e['to']['pid'])]")" \
	"[]" "dscope itself is neither a node nor an edge's end"

# --- hubs --------------------------------------------------------------------
run "$DSCOPE" graph --json --hub-min 0
is "$(json_eval "$out_file" "[n['pid'] for n in d['nodes'] if n['hub'] or n['folded']]")" "[]" \
	"--hub-min 0: no hub, nothing folded"
is "$(check edges "$man" "$out_file")" "" "--hub-min 0: the fixture's edges are exactly the manifest's"
is "$(check nodes "$man" "$out_file")" "" "--hub-min 0: the hub's clients are nodes too"

run "$DSCOPE" graph --json --expand gf-hub
is "$rc" 0 "--expand gf-hub: exit 0"
is "$(check edges "$man" "$out_file" --only gf-hub)" "" \
	"--expand gf-hub: its 12 edges to the gf-hubcli processes, through $dir/hub.sock"
is "$(json_eval "$out_file" "[[n['hub'], n['folded']] for n in d['nodes'] if n['pid'] == $hub]")" \
	"[[true, false]]" "--expand gf-hub: a hub, not folded"
run "$DSCOPE" graph --json --expand "$hub"
is "$(json_eval "$out_file" "len([e for e in d['edges'] if e['to']['pid'] == $hub])")" 12 \
	"--expand PID: the same 12 edges"
run "$DSCOPE" graph --json --expand all
is "$(json_eval "$out_file" "[n['pid'] for n in d['nodes'] if n['folded']]")" "[]" \
	"--expand all: nothing folded"

run "$DSCOPE" graph --json "$hcli"
is "$(json_eval "$out_file" "[[n['pid'], n['depth'], n['selected'], n['folded'], n['hidden_peers']] for n in sorted(d['nodes'], key=lambda n: n['depth'])]")" \
	"[[$hcli, 0, true, false, 0], [$hub, 1, false, true, 11]]" \
	"a hub client: it and the hub, folded, 11 peers hidden; no other client"
is "$(check edges "$man" "$out_file" --among gf-hubcli.1,gf-hub)" "" \
	"a hub client: only its edge to the hub"
run "$DSCOPE" graph --json --depth 2 "$hcli"
is "$(json_eval "$out_file" "[[n['pid'], n['depth'], n['folded']] for n in sorted(d['nodes'], key=lambda n: n['depth'])]")" \
	"[[$hcli, 0, false], [$hub, 1, true]]" \
	"a hub client, --depth 2: the folded hub is not gone through"

# --- neighbourhoods ----------------------------------------------------------
nodes_expr="[[n['pid'], n['depth'], n['selected']] for n in sorted(d['nodes'], key=lambda n: n['depth'])]"
run "$DSCOPE" graph --json "$c1"
is "$rc" 0 "graph CHAIN1: exit 0"
is "$(json_eval "$out_file" "$nodes_expr")" "[[$c1, 0, true], [$c2, 1, false]]" \
	"graph CHAIN1: chain1 (depth 0) and chain2 (depth 1)"
is "$(check edges "$man" "$out_file" --among gf-chain1,gf-chain2)" "" "graph CHAIN1: the pipe between them"
run "$DSCOPE" graph --json --depth 2 "$c1"
is "$(json_eval "$out_file" "$nodes_expr")" "[[$c1, 0, true], [$c2, 1, false], [$c3, 2, false]]" \
	"--depth 2: chain3 at depth 2"
is "$(check edges "$man" "$out_file" --among gf-chain1,gf-chain2,gf-chain3)" "" "--depth 2: both pipes"
run "$DSCOPE" graph --json --depth 0 "$c1"
is "$(json_eval "$out_file" "[[n['pid'], n['depth'], n['hidden_peers']] for n in d['nodes']] + d['edges']")" \
	"[[$c1, 0, 1]]" "--depth 0: chain1 alone, one peer hidden"
run "$DSCOPE" graph --depth 0 "$c1"
is "$(block "$c1" gf-chain1 "$out_file")" "    + 1 more peer (--depth 1)" "--depth 0, text: says one more peer"
run "$DSCOPE" graph --json gf-server
is "$(json_eval "$out_file" "[[n['depth'], n['selected']] for p in ($srv, $cl1, $cl2) for n in d['nodes'] if n['pid'] == p]")" \
	"[[0, true], [1, false], [1, false]]" "graph gf-server: the server and its two clients"

# --- text --------------------------------------------------------------------
run "$DSCOPE" graph
is "$rc" 0 "text: exit 0"
is "$(block "$c1" gf-chain1 "$out_file")" "    fd 1  pipe → gf-chain2 [$c2] fd 0" "text: chain1 writes to chain2"
is "$(block "$c2" gf-chain2 "$out_file")" \
	"    fd 0  pipe ← gf-chain1 [$c1] fd 1
    fd 1  pipe → gf-chain3 [$c3] fd 0" "text: chain2 reads chain1, writes to chain3"
is "$(block "$srv" gf-server "$out_file")" \
	"    fd 4  unix stream ↔ gf-client1 [$cl1] fd 3  $dir/srv.sock
    fd 5  unix stream ↔ gf-client2 [$cl2] fd 3  $dir/srv.sock" "text: the server's two clients"
is "$(block "$tcli" gf-tcp-cli "$out_file")" \
	"    fd 3  tcp ↔ gf-tcp-srv [$tsrv] fd 4  127.0.0.1:$(port_of gf-tcp-cli) → 127.0.0.1:$(port_of gf-tcp-srv)" \
	"text: the TCP client"
is "$(block "$loga" gf-log-a "$out_file")" \
	"    fd 3  file ↔ gf-log-b [$logb] fd 3  $dir/shared.log (one open file, shared offset)" \
	"text: the shared log"
ok 'grep -qFx "  gf-hub [$hub]  hub: 12 clients (--expand gf-hub lists them)" "$out_file"' \
	"text: the folded hub in one line"
ok '! grep -q $'"'"'\x1b'"'"' "$out_file"' "text: no raw escape byte (a hostile name is shown)"
ok 'grep -qFx "  gf-\"q\\\\x\\e[31m [$hpid]" "$out_file"' "text: the hostile name, escaped"

# --- the hostile name --------------------------------------------------------
run "$DSCOPE" graph --json "$hpid"
ok 'valid_json "$out_file"' "hostile name: valid JSON"
is "$(json_eval "$out_file" "[[e['kind'], e['from']['comm'], e['from']['fds'], e['to']['pid']] for e in d['edges'] if e['from']['pid'] == $hpid]")" \
	'[["pipe", "gf-\"q\\x\u001b[31m", [1], '$$']]' "hostile name: its stdout to this script, the comm as it is"

# --- DOT and SVG -------------------------------------------------------------
run "$DSCOPE" graph --format dot
cp "$out_file" "$tmp/whole.dot"
is "$rc" 0 "dot: exit 0"
ok 'grep -qF "p$c1 -> p$c2 [label=\"pipe\"];" "$tmp/whole.dot"' "dot: the chain1 -> chain2 pipe"
ok 'grep -qF "p$cl1 -> p$srv [label=\"unix stream\\n$dir/srv.sock\", dir=none];" "$tmp/whole.dot"' \
	"dot: client1 -> server, undirected, with the path"
ok '! grep -q $'"'"'\x1b'"'"' "$tmp/whole.dot"' "dot: no raw escape byte"
if command -v dot >/dev/null; then
	ok 'dot -Tsvg "$tmp/whole.dot" >/dev/null 2>"$tmp/dot.err"' "dot: Graphviz accepts the whole machine's graph"
	run "$DSCOPE" graph --format dot "$hpid"
	ok 'dot -Tsvg "$out_file" >/dev/null 2>&1' "dot: Graphviz accepts the hostile name"
	run "$DSCOPE" graph --format svg -o "$tmp/g.svg" "$c2"
	is "$rc:$out" 0: "svg -o FILE: exit 0, nothing on stdout"
	like "$(head -c 5 "$tmp/g.svg")" '^(<\?xml|<svg)' "svg -o FILE: an SVG file"
	ok 'grep -qE "gf(-|&#45;)chain3" "$tmp/g.svg"' "svg: the processes are in it"
else
	skip "Graphviz's dot is not installed (package graphviz)" 5
fi
# -o FILE writes through: a FIFO stays a FIFO, a file keeps its mode
mkfifo "$tmp/fifo.out"
cat "$tmp/fifo.out" >"$tmp/fifo.got" &
catpid=$!
run "$DSCOPE" graph --json -o "$tmp/fifo.out" "$c1"
wait "$catpid"
is "$rc" 0 "-o FIFO: exit 0"
ok '[ -p "$tmp/fifo.out" ]' "-o FIFO: still a FIFO"
ok 'valid_json "$tmp/fifo.got"' "-o FIFO: its reader got the JSON"
echo old >"$tmp/m600"
chmod 600 "$tmp/m600"
run "$DSCOPE" graph -o "$tmp/m600" "$c1"
is "$rc:$(stat -c %a "$tmp/m600")" 0:600 "-o FILE: an existing file keeps its mode"
if command -v dot >/dev/null; then
	"$DSCOPE" graph --format svg 2>"$tmp/head.err" | head -c 10 >/dev/null
	is "$(cat "$tmp/head.err")" "" "svg | head -c 10: a reader stopping early is no error"
else
	skip "Graphviz's dot is not installed (package graphviz)"
fi
mkdir "$tmp/nodot"
run env PATH="$tmp/nodot" "$DSCOPE" graph --format svg "$c1"
is "$rc" 1 "svg without dot on PATH: exit 1"
like "$err" '^dscope: [^'$'\n'']*[Gg]raphviz[^'$'\n'']*$' "svg without dot: one line naming Graphviz"

# --- processes exiting during the scan --------------------------------------
"$HELPERS/churn" 60 1000 >"$tmp/churn.out" &
churn=$!
at_exit "kill $churn 2>/dev/null; wait $churn 2>/dev/null"
bad_rc=0 bad_err=0 bad_json=0 bad_edges=0
for _ in $(seq 20); do
	"$DSCOPE" graph --json </dev/null >"$tmp/c.json" 2>"$tmp/c.err" ||
		bad_rc=$((bad_rc + 1))
	[ -s "$tmp/c.err" ] && bad_err=$((bad_err + 1)) && diag "$(head -5 "$tmp/c.err")"
	if valid_json "$tmp/c.json"; then
		[ -z "$(check edges "$man" "$tmp/c.json" --without gf-hub)" ] ||
			bad_edges=$((bad_edges + 1))
	else
		bad_json=$((bad_json + 1))
	fi
done
kill -TERM $churn
wait $churn
is "$bad_rc" 0 "churn: 20 runs exit 0"
is "$bad_err" 0 "churn: nothing on stderr"
is "$bad_json" 0 "churn: valid JSON every time"
is "$bad_edges" 0 "churn: the fixture's edges stay exact"
ok '[ "$(cat "$tmp/churn.out")" -gt 0 ]' "churn: processes came and went meanwhile"

# --- errors --------------------------------------------------------------------
try="Try 'dscope graph --help' for more information."
mkdir "$tmp/cwd"
here=$PWD
cd "$tmp/cwd" || bail_out "cd $tmp/cwd"
while IFS='|' read -r want args msg; do
	read -ra argv <<<"$args"
	run "$DSCOPE" graph "${argv[@]}"
	[ "$want" -eq 2 ] && msg="$msg"$'\n'"$try"
	is "$rc:$err" "$want:$msg" "graph $args: exit $want, says why"
	is "$out" "" "graph $args: nothing on stdout"
done <<'EOF'
1|4194305 -o g.txt|dscope: no process with pid 4194305
1|gf-no-such-proc -o g.txt|dscope: no process named 'gf-no-such-proc'
2|--depth x|dscope: graph: --depth must be a number from 0 to 1000, not 'x'
2|--depth -1 -o g.txt|dscope: graph: --depth must be a number from 0 to 1000, not '-1'
2|--format png -o g.png|dscope: graph: unknown format 'png' (text, json, dot or svg)
1|--expand gf-no-such-proc -o g.txt|dscope: --expand: no process named 'gf-no-such-proc'
1|-o /nonexistent/dir/f|dscope: cannot write /nonexistent/dir/f: No such file or directory
EOF
# a failed run leaves -o FILE as it was: none made, an old one untouched
run env PATH="$tmp/nodot" "$DSCOPE" graph --format svg -o g.svg "$c1"
is "$rc" 1 "svg -o FILE without dot: exit 1"
ok '[ ! -e g.svg ]' "svg -o FILE without dot: no empty FILE left behind"
echo old >g.json
run "$DSCOPE" graph --json -o g.json gf-no-such-proc
is "$(cat g.json)" old "a failed run leaves an existing -o FILE untouched"
run "$DSCOPE" graph --json -o g.json "$c1"
ok 'valid_json g.json' "a good run replaces it"
rm -f g.svg g.json
is "$(ls -A)" "" "errors: no output file left behind"
cd "$here" || bail_out "cd $here"

# --- a real journald stdout stream -----------------------------------------
if ! command -v systemd-cat >/dev/null; then
	skip "systemd-cat is not installed" 2
elif ! _journald_listening && ! { [ -x "$JOURNALD_BIN" ] && [ "$(id -u)" -eq 0 ]; }; then
	skip "no systemd-journald here, and cannot start one (needs $JOURNALD_BIN and root)" 2
else
	journald_start
	(only_stdio systemd-cat -t dscope-e2e-graph sleep 300) </dev/null &
	jc=$!
	at_exit "kill $jc 2>/dev/null; wait $jc 2>/dev/null"
	wait_for '[ "$(cat /proc/$jc/comm 2>/dev/null)" = sleep ] &&
		[[ $(readlink /proc/$jc/fd/2) == socket:* ]]'
	run "$DSCOPE" graph --json "$jc"
	is "$rc" 0 "journald: exit 0"
	is "$(json_eval "$out_file" "[[e['kind'], e['type'], e['from']['pid'], e['from']['fds'], e['to']['pid'], e['path'], e['name'], e['directed']] for e in d['edges'] if $jc in (e['from']['pid'], e['to']['pid'])]")" \
		"[[\"unix\", \"stream\", $jc, [1, 2], $JOURNALD_PID, \"/run/systemd/journal/stdout\", \"journald stdout stream\", false]]" \
		"journald: stdout and stderr -> systemd-journald [$JOURNALD_PID], its well-known stream"
fi

done_testing
