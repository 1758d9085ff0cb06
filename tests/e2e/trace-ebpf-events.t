#!/usr/bin/env bash
# Which kernel events run dscope trace's eBPF programs: with a small
# -e trace= set, the per-call events (syscalls:sys_enter_NAME and
# sys_exit_NAME) of those calls only, so that the others run no program;
# the raw events (every call) for a full trace or a broad set. Checked in
# the kernel's own list (bpftool perf show), with calls whose events are
# named after their entry point (uname: sys_enter_newuname), and the
# per-call links gone after dscope ends (a child of dscope ends them in the
# background). Skipped, with the reason, where the backend cannot load.
. "$(dirname "$0")/lib.sh"

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
DSCOPE=${DSCOPE:-$TOP/build/asan/dscope}
tmp=$(tap_tmpdir)

skip_all_without_ebpf
BPFTOOL=$(command -v bpftool || echo /usr/sbin/bpftool)

# --- -v says which events ----------------------------------------------------------
run "$DSCOPE" trace -v --backend=ebpf -e trace=openat -o /dev/null -- true
is "$rc" 0 "-e trace=openat: exit 0"
like "$err" "dscope: ebpf: per-call syscall events, 1 call" "-v: per-call events, 1 call"
run "$DSCOPE" trace -v --backend=ebpf -o /dev/null -- true
like "$err" "dscope: ebpf: raw syscall events" "-v, a full trace: the raw events"
broad=$(awk '!/^#/ && NF >= 4 && $2 == "common" { print $3 }' \
	"$TOP/src/decode/arch/x86_64/syscall_64.tbl" | head -40 | paste -sd, -)
run "$DSCOPE" trace -v --backend=ebpf -e "trace=$broad" -o /dev/null -- true
like "$err" "dscope: ebpf: raw syscall events" "-v, 40 calls: the raw events"

# --- the calls are decoded as with the raw events ------------------------------------
run "$DSCOPE" trace --backend=ebpf -e trace=openat,close -- cat /etc/hostname
is "$rc" 0 "-e trace=openat,close -- cat: exit 0"
like "$err" "openat\(AT_FDCWD, \"/etc/hostname\", O_RDONLY\) = 3</etc/hostname>" \
	"openat decoded, its path captured, its fd named"
like "$err" "close\(3</etc/hostname>\) = 0" "and its close"
is "$(grep -cvE '^(openat|close)\(|^\+\+\+ exited' "$err_file")" 0 "no call outside the set"
# uname's event is sys_enter_newuname, after its entry point
run "$DSCOPE" trace -v --backend=ebpf -e trace=uname -- uname -s
like "$err" "dscope: ebpf: per-call syscall events, 1 call" "uname: its own events (sys_enter_newuname)"
like "$err" "uname\(\{sysname=\"Linux\", " "uname decoded"

# --- with tracefs mounted and without: the ids come from either -------------------
# (each in a mount namespace of the test's own; unmounted, dscope reads
# them in one of its own and leaves the machine's mounts alone)
tracefs_mounts() { grep -c ' tracefs ' /proc/self/mountinfo; }
before=$(tracefs_mounts)
for how in unmounted mounted; do
	if [ $how = unmounted ]; then
		setup='umount -l /sys/kernel/tracing /sys/kernel/debug/tracing 2>/dev/null; true'
	else
		setup='grep -q " /sys/kernel/tracing " /proc/self/mountinfo || mount -t tracefs nodev /sys/kernel/tracing'
	fi
	out=$(unshare -m --propagation private sh -c "$setup; grep -c ' tracefs ' /proc/self/mountinfo; \
		\"\$0\" trace -v --backend=ebpf -e trace=openat -- cat /etc/hostname" "$DSCOPE" 2>&1)
	like "$out" "dscope: ebpf: per-call syscall events, 1 call" "tracefs $how: per-call events"
	like "$out" "openat\(AT_FDCWD, \"/etc/hostname\", O_RDONLY\) = 3</etc/hostname>" \
		"tracefs $how: the call traced"
	case $how in
	unmounted) like "$out" "^0" "tracefs was unmounted there" ;;
	mounted) unlike "$out" "^0" "tracefs was mounted there" ;;
	esac
done
is "$(tracefs_mounts)" "$before" "the machine's tracefs mounts are as they were"

# --- the kernel's list: the links of an attached trace ---------------------------------
sleep 300 </dev/null >/dev/null 2>&1 &
sleeper=$!
at_exit "kill $sleeper 2>/dev/null"

# attached PID OPTION...: starts dscope trace -v on PID, waits until it
# says it attached; sets $tracer
attached() {
	local pid=$1 i
	shift
	: >"$tmp/t.err"
	"$DSCOPE" trace -v --backend=ebpf "$@" -p "$pid" -o /dev/null </dev/null 2>"$tmp/t.err" &
	tracer=$!
	for i in $(seq 200); do
		grep -q "process $pid attached" "$tmp/t.err" && return 0
		kill -0 "$tracer" 2>/dev/null || break
		sleep 0.05
	done
	cat "$tmp/t.err" >&2
	return 1
}

if [ ! -x "$BPFTOOL" ]; then
	skip "no bpftool to list the kernel's links" 6
else
	attached "$sleeper" -e trace=openat,close
	ok $? "attached with -e trace=openat,close"
	"$BPFTOOL" perf show pid "$tracer" >"$tmp/perf" 2>&1
	is "$(grep -oE 'tracepoint +sys_(enter|exit)_[a-z0-9_]+' "$tmp/perf" | awk '{print $2}' | sort | paste -sd' ' -)" \
		"sys_enter_close sys_enter_openat sys_exit_close sys_exit_openat" \
		"the kernel runs its programs on the four per-call events"
	is "$(grep -cE 'raw_tracepoint +sys_(enter|exit) *$' "$tmp/perf")" 0 "and not on the raw events"
	progs=$(awk '/tracepoint +sys_/ { print $5 }' "$tmp/perf" | paste -sd' ' -)
	kill -INT "$tracer"
	wait "$tracer"
	is "$?" 0 "SIGINT: dscope ends, exit 0"
	# the child of dscope that ends the links takes a few grace periods
	for _ in $(seq 100); do
		left=$("$BPFTOOL" perf show 2>/dev/null | awk -v p=" $progs " \
			'index(p, " " $5 " ") { print }')
		[ -z "$left" ] && break
		sleep 0.1
	done
	is "$left" "" "its per-call links are gone afterwards"
	ok "kill -0 $sleeper" "the traced process runs on"
fi

if [ -x "$BPFTOOL" ]; then
	attached "$sleeper"
	"$BPFTOOL" perf show pid "$tracer" >"$tmp/perf" 2>&1
	like "$(cat "$tmp/perf")" "raw_tracepoint +sys_enter" "a full trace: the raw sys_enter event"
	unlike "$(cat "$tmp/perf")" "tracepoint +sys_enter_" "and no per-call one"
	kill -INT "$tracer"
	wait "$tracer"
else
	skip "no bpftool to list the kernel's links" 2
fi

done_testing
