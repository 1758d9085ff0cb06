#!/usr/bin/env bash
# Hostile processes: a command line of 100 KiB with escape sequences,
# newlines and invalid UTF-8; a working directory, an open file and a
# unix socket named the same way, and a path near PATH_MAX; 100,000 fds
# (as many as the hard limit allows where it cannot be raised) with one
# at the last fd allowed; 10,000 threads; a chain of 1,000 processes.
# ps, fds, inspect and graph must stay escaped (no byte a terminal acts
# on), give valid JSON, end (each run under a 120 s guard, which is a
# hang guard, not a timing test) and stay under 256 MiB; the traced
# thousands of threads are never left stopped.
. "$(dirname "$0")/lib.sh"

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
DSCOPE=${DSCOPE:-$TOP/build/asan/dscope}
HELPERS=${HELPERS:-$TOP/build/helpers}
tmp=$(tap_tmpdir)
command -v python3 >/dev/null || skip_all "python3 is needed for the fixtures"
[ "$(id -u)" -eq 0 ] || skip_all "raising a fixture's fd limit to 200,000 needs root"

# guarded CMD...: run with a 120 s guard
guarded() {
	run timeout 120 "$@"
}

# terminal_safe TEXT: no control byte but newline and tab, no DEL, valid UTF-8
terminal_safe() {
	printf '%s' "$1" | python3 -c '
import sys
b = sys.stdin.buffer.read()
try:
    t = b.decode("utf-8")
except UnicodeDecodeError:
    sys.exit(1)
sys.exit(any((ord(c) < 32 and c not in "\n\t") or 0x7f <= ord(c) < 0xa0 for c in t))'
}

# peak_kb CMD...: the peak RSS of CMD, in KiB (its output dropped)
peak_kb() {
	python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
}

valid_json() {
	printf '%s' "$1" | python3 -c 'import json, sys; json.load(sys.stdin)'
}

# --- hostile names and a huge command line ---------------------------------------------
evil=$'\e[2J\e]0;pwned\a\n\xff\xfe'
mkdir -p "$tmp/d${evil//\//_}"
python3 - "$tmp" "$evil" <<'EOF' &
import os, socket, sys, time
tmp, evil = sys.argv[1], sys.argv[2].encode("utf-8", "surrogateescape")
d = os.path.join(tmp.encode(), b"d" + evil.replace(b"/", b"_"))
# a path near PATH_MAX: components of 200 bytes
deep = d
while len(deep) < 3800:
    deep = os.path.join(deep, b"x" * 200)
    os.mkdir(deep)
os.chdir(deep)
f = open(os.path.join(d, b"file" + evil), "wb")
s = socket.socket(socket.AF_UNIX)
s.bind(b"\0dscope-hostile" + evil)
s.listen(1)
s2 = socket.socket(socket.AF_UNIX)
s2.bind(os.path.join(d, b"sock" + evil[:20]))
open(os.path.join(tmp.encode(), b"names.ready"), "w").close()
time.sleep(600)
EOF
names_py=$!
# a command line of 100 KiB of them
long=
for _ in $(seq 6000); do long+=$evil; done # 90 KB: one argument is at most 128 KiB
python3 -c 'import time; time.sleep(600)' "$evil" "$long" &
long_py=$!
at_exit "kill $names_py $long_py 2>/dev/null"
await -e "$tmp/names.ready" 100 "the hostile-names fixture"
sleep 0.3

for c in "ps -a" "fds $names_py" "fds $long_py" "inspect $names_py" "inspect $long_py" "graph $names_py"; do
	# shellcheck disable=SC2086 # the command's words
	guarded "$DSCOPE" $c
	is "$rc" 0 "hostile names, dscope $c: exit 0"
	ok "terminal_safe \"\$out\"" "hostile names, dscope $c: nothing a terminal acts on"
	# shellcheck disable=SC2086
	guarded "$DSCOPE" --json $c
	ok "valid_json \"\$out\"" "hostile names, dscope --json $c: valid JSON"
done
guarded "$DSCOPE" fds "$names_py"
like "$out" 'dscope-hostile\\e\[2J' "the abstract socket's name, escaped (\\e)"
guarded "$DSCOPE" inspect "$names_py"
like "$out" 'x{200}/x{200}' "the deep working directory is shown"
guarded "$DSCOPE" --json ps -p "$long_py"
ok "[ ${#out} -gt 1000 ]" "the long command line is there, in JSON"
guarded "$DSCOPE" trace --backend=ptrace -e trace=write -- printf '%s' "$evil"
ok "terminal_safe \"\$err\"" "a traced write of escape sequences: escaped"
like "$err" 'write\(1<[^>]*>, "\\e\[2J\\e\]0;pwned\\x07\\n\\xff' "as dscope escapes all untrusted text (\\e, \\xNN)"

# --- 100,000 fds, one at the last fd its limit allows ---------------------------------
# (fewer where the hard limit is lower and cannot be raised: no
# CAP_SYS_RESOURCE in a container)
python3 - "$tmp/fds.ready" <<'EOF' &
import os, resource, sys, time
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
try:
    resource.setrlimit(resource.RLIMIT_NOFILE, (200000, 200000))
except (ValueError, OSError):
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
limit = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
null = os.open("/dev/null", os.O_RDONLY)
for _ in range(min(100000, limit - 16) - 1):
    os.dup(null)
os.dup2(null, limit - 1)
open(sys.argv[1], "w").write("%d\n" % (limit - 1))
time.sleep(600)
EOF
many=$!
at_exit "kill $many 2>/dev/null"
await -e "$tmp/fds.ready" 600 "the 100,000-fd fixture"
sleep 0.1
nfds=$(ls /proc/"$many"/fd | wc -l)
last_fd=$(cat "$tmp/fds.ready")
((nfds >= 100000)) || diag "$nfds fds, not 100,000: the hard fd limit here is $((last_fd + 1)) and cannot be raised"
guarded "$DSCOPE" --json fds "$many"
is "$rc" 0 "$nfds fds: dscope fds exits 0"
is "$(printf '%s' "$out" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["processes"][0]["fds"]))')" "$nfds" \
	"every one of its $nfds fds is listed"
is "$(printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["processes"][0]["fds"][-1]["fd"])')" "$last_fd" \
	"fd $last_fd, the last its limit allows, too"
for c in "inspect $many" "fds -a" "graph $many" "ps -a"; do
	# shellcheck disable=SC2086
	guarded "$DSCOPE" $c
	is "$rc" 0 "$nfds fds, dscope $c: exit 0"
done
# bounded memory (the release build: ASan's own costs are not dscope's);
# about 14 MiB here for 20,000 fds, against a bound of 256
for c in "fds $many" "--json fds $many" "inspect $many" "fds -a"; do
	# shellcheck disable=SC2086
	kb=$(peak_kb "${DSCOPE_RELEASE:-$TOP/build/dscope}" $c)
	ok "[ ${kb:-999999} -lt 262144 ]" "$nfds fds, dscope $c: peak memory ${kb:-?} KiB, under 256 MiB"
done

# --- 10,000 threads ---------------------------------------------------------------------
python3 - "$tmp/threads.ready" <<'EOF' &
import sys, threading, time
threading.stack_size(65536)
stop = threading.Event()
for _ in range(10000):
    threading.Thread(target=stop.wait, daemon=True).start()
open(sys.argv[1], "w").close()
time.sleep(600)
EOF
threads=$!
at_exit "kill $threads 2>/dev/null"
await -e "$tmp/threads.ready" 600 "the 10,000-thread fixture"
guarded "$DSCOPE" --json ps -p "$threads"
like "$out" '"threads": ?10001' "10,000 threads: ps counts 10,001"
for c in "inspect $threads" "fds $threads" "graph $threads"; do
	# shellcheck disable=SC2086
	guarded "$DSCOPE" $c
	is "$rc" 0 "10,000 threads, dscope $c: exit 0"
done
for c in "ps -a" "inspect $threads"; do
	# shellcheck disable=SC2086
	kb=$(peak_kb "${DSCOPE_RELEASE:-$TOP/build/dscope}" $c)
	ok "[ ${kb:-999999} -lt 262144 ]" "10,000 threads, dscope $c: peak memory ${kb:-?} KiB, under 256 MiB"
done
for b in ptrace ebpf; do
	guarded "$DSCOPE" trace --backend="$b" -p "$threads" --duration 1 -o /dev/null
	if [ "$b" = ebpf ] && [[ $err == *"cannot run here"* ]]; then
		skip "eBPF cannot load here" 2
		continue
	fi
	is "$rc" 0 "10,000 threads, trace --backend=$b attached and detached: exit 0"
	stopped=$(cat /proc/"$threads"/task/*/stat 2>/dev/null | sed 's/.*) \(.\).*/\1/' | grep -c '[tT]')
	is "$stopped" 0 "and no thread is left stopped"
done

# --- a chain of 1,000 processes ---------------------------------------------------------
"$HELPERS/deeptree" 1000 >"$tmp/tree.out" &
at_exit "read -r t _ <$tmp/tree.out && kill \$t 2>/dev/null"
await -s "$tmp/tree.out" 600 deeptree
read -r tree_top tree_leaf <"$tmp/tree.out" || bail_out "deeptree did not start"
for c in "ps -a" "inspect $tree_leaf" "graph $tree_leaf --depth 1000" "fds -a"; do
	# shellcheck disable=SC2086
	guarded "$DSCOPE" --json $c
	is "$rc" 0 "1,000 deep, dscope --json $c: exit 0"
	ok "valid_json \"\$out\"" "1,000 deep, dscope --json $c: valid JSON"
done
kill "$tree_top"

done_testing
