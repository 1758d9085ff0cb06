#!/usr/bin/env bash
# A traced process is never harmed: CYCLES times (default 60, make stress
# runs 500) dscope trace attaches to a multi-threaded daemon under load,
# ptrace and eBPF in turn, with -f every third time, and is ended at a
# random moment (while loading, while attaching, while tracing) by SIGINT,
# SIGTERM or SIGKILL. Meanwhile a client sends the daemon requests without
# pause. After each cycle no thread of the daemon may stay stopped; at the
# end the daemon is alive, every request was answered, in order, and the
# daemon counted exactly the requests sent.
. "$(dirname "$0")/lib.sh"

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
DSCOPE=${DSCOPE:-$TOP/build/asan/dscope}
HELPERS=${HELPERS:-$TOP/build/helpers}
CYCLES=${CYCLES:-60}
tmp=$(tap_tmpdir)
command -v python3 >/dev/null || skip_all "python3 is needed for the client"

backends=(ptrace)
run "$DSCOPE" trace --backend=ebpf -o /dev/null -- true
if [ "$rc" -eq 0 ]; then
	backends+=(ebpf)
else
	diag "eBPF cannot load here (${err#dscope: }): ptrace cycles only"
fi

start_tdaemon 3

# The client: pings without pause until $tmp/stop exists, checking each
# answer is the next count; then writes "sent N answered N errors N".
python3 - "$tmp/td.sock" "$tmp/stop" "$tmp/client.out" <<'EOF' &
import os, socket, sys
path, stop, out = sys.argv[1:4]
s = socket.socket(socket.AF_UNIX)
s.settimeout(10)
s.connect(path)
f = s.makefile("rwb", buffering=0)
sent = answered = errors = 0
first = None
while not os.path.exists(stop):
    try:
        s.sendall(b"ping\n")
        sent += 1
        line = f.readline().decode().split()
        n = int(line[1])
        if first is None:
            first = n - 1
        if line[0] != "pong" or n != first + sent:
            errors += 1
        answered += 1
    except Exception as e:
        errors += 1
        print("client:", e, file=sys.stderr)
        break
s.sendall(b"count\n")
served = int(f.readline().decode().split()[1])
open(out, "w").write("sent %d answered %d errors %d served %d first %d\n"
                     % (sent, answered, errors, served, first or 0))
EOF
client=$!
at_exit "touch $tmp/stop; kill $client 2>/dev/null"

# stopped_threads: the daemon's threads in a stop (t: tracer, T: job control)
stopped_threads() {
	local st n=0
	for st in /proc/"$dpid"/task/*/stat; do
		case $(sed 's/.*) \(.\).*/\1/' "$st" 2>/dev/null) in t | T) n=$((n + 1)) ;; esac
	done
	echo "$n"
}

signals=(INT TERM KILL)
left_stopped=0 bad_exit=0 sanitizer=0 cycles=0
declare -A per_backend
for ((i = 0; i < CYCLES; i++)); do
	backend=${backends[i % ${#backends[@]}]}
	sig=${signals[RANDOM % 3]}
	follow=()
	((i % 3 == 2)) && follow=(-f)
	# and a filtered trace (eBPF: per-call events) every fourth time
	((i % 4 == 1)) && follow+=(-e trace=getppid,nanosleep)
	"$DSCOPE" trace --backend="$backend" "${follow[@]}" -p "$dpid" -o /dev/null \
		</dev/null 2>"$tmp/cycle.err" &
	tracer=$!
	# From the moment dscope catches SIGINT on (a script's background
	# command starts with SIGINT ignored, as POSIX has it, until dscope
	# installs its handler, before it loads anything): a random moment, 0
	# to 300 ms on (loading eBPF takes about 100).
	for _ in $(seq 400); do
		cgt=$(awk '/^SigCgt:/ { print $2 }' /proc/"$tracer"/status 2>/dev/null)
		[ -n "$cgt" ] && (((16#$cgt >> 1) & 1)) && break
		sleep 0.005
	done
	sleep "0.$(printf %03d $((RANDOM % 300)))"
	kill -s "$sig" "$tracer" 2>/dev/null
	{ wait "$tracer"; } 2>/dev/null # no "Killed" line from bash
	rc=$?
	cycles=$((cycles + 1))
	per_backend[$backend]=$((${per_backend[$backend]:-0} + 1))
	# ended by the signal (128+N), or by its own handler (0, or 1 for a
	# signal before the attach finished): anything else is a failure
	case $rc in 0 | 1 | 130 | 137 | 143) ;; *)
		bad_exit=$((bad_exit + 1))
		diag "cycle $i ($backend $sig ${follow[*]}): exit $rc: $(head -c 300 "$tmp/cycle.err")" ;;
	esac
	if grep -q "Sanitizer" "$tmp/cycle.err"; then
		sanitizer=$((sanitizer + 1))
		diag "cycle $i: $(grep -m1 Sanitizer "$tmp/cycle.err")"
	fi
	# a thread may still be on its way out of a stop: give it 1 s
	for _ in $(seq 100); do
		[ "$(stopped_threads)" -eq 0 ] && break
		sleep 0.01
	done
	if [ "$(stopped_threads)" -ne 0 ]; then
		left_stopped=$((left_stopped + 1))
		diag "cycle $i ($backend $sig): $(stopped_threads) thread(s) left stopped"
	fi
	kill -0 "$dpid" 2>/dev/null || break
done

ok "kill -0 $dpid" "the daemon is alive after $cycles attach/kill cycles"
is "$cycles" "$CYCLES" "every cycle ran ($(for b in "${!per_backend[@]}"; do printf '%s %s ' "$b" "${per_backend[$b]}"; done))"
is "$left_stopped" 0 "no cycle left a thread of the daemon stopped"
is "$bad_exit" 0 "dscope ended by its signal or cleanly each time"
is "$sanitizer" 0 "no sanitizer report"

touch "$tmp/stop"
wait "$client"
read -r _ sent _ answered _ errors _ served _ first <"$tmp/client.out" 2>/dev/null
diag "client: sent ${sent:-?}, answered ${answered:-?}, the daemon served ${served:-?}"
ok "[ ${sent:-0} -gt 0 ]" "the client sent requests throughout"
is "${errors:-x}" 0 "every answer came, in order, none failed"
is "${answered:-x}" "${sent:-y}" "every request was answered"
# served counts the final "count" request too
is "$((${served:-0} - ${first:-0}))" "$((${sent:-0} + 1))" "the daemon served exactly what was sent"
[ -n "${sent:-}" ] && echo "$cycles $sent" >"${SAFETY_FIGURES:-/dev/null}"

done_testing
