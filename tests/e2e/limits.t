#!/usr/bin/env bash
# dscope under small resource limits fails with a clear message and exit
# 1, never a crash, and never misleads: with too few fds allowed, reads
# of /proc would fail as if processes were gone ("no process with pid 1"),
# so it says the limit instead; a soft limit below what it needs is raised
# where the hard limit allows. RLIMIT_AS runs the release build (the
# sanitizers reserve terabytes of address space).
. "$(dirname "$0")/lib.sh"

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
DSCOPE=${DSCOPE:-$TOP/build/asan/dscope}
DSCOPE_RELEASE=${DSCOPE_RELEASE:-$TOP/build/dscope}
command -v prlimit >/dev/null || skip_all "prlimit (util-linux) is needed"

commands=("ps -a" "fds -a" "graph" "inspect 1" "logs -n 1 1" "")

# --- RLIMIT_NOFILE ---------------------------------------------------------------------
for n in 4 10 63; do
	for c in "${commands[@]}"; do
		# shellcheck disable=SC2086 # the command's words
		run prlimit --nofile="$n" "$DSCOPE" $c
		is "$rc" 1 "nofile $n, dscope $c: exit 1"
		like "$err" "^dscope: too few open files allowed: RLIMIT_NOFILE is $n, dscope needs 64" \
			"nofile $n, dscope $c: says the limit"
	done
done
# a soft limit below 64 with a hard one above: raised, and everything works
for c in "ps -a" "fds -a" "graph" "inspect 1" ""; do
	# shellcheck disable=SC2086
	run prlimit --nofile=10:100 "$DSCOPE" $c
	is "$rc" 0 "nofile 10 soft, 100 hard, dscope $c: raised, exit 0"
done
run prlimit --nofile=10:100 "$DSCOPE" inspect 1
unlike "$out" "no process" "and inspect 1 finds pid 1"

# --- RLIMIT_AS -------------------------------------------------------------------------
# From too little to load at all up to enough: each run ends by itself
# (0, or 1 with dscope's message; 127 is the loader's, before main), never
# by a signal.
for kb in 6000 9000 12000 20000 40000; do
	for c in "${commands[@]}" "trace --backend=ptrace -o /dev/null -- true"; do
		# shellcheck disable=SC2086
		run bash -c "ulimit -v $kb; exec \"\$0\" \"\$@\"" "$DSCOPE_RELEASE" $c
		ok "[ $rc -lt 128 ]" "as ${kb} KiB, dscope $c: ends by itself (exit $rc)"
		if [ "$rc" -ne 0 ] && [ "$rc" -ne 127 ]; then
			like "$err" "dscope: " "as ${kb} KiB, dscope $c: and says why"
		fi
	done
done

# The eBPF backend: where its load fails for want of memory, it says so
# (libbpf's parse of the kernel's BTF then fails with ESRCH: "No such
# process", it used to say), naming the address space's limit.
run "$DSCOPE_RELEASE" trace --backend=ebpf -o /dev/null -- true
if [ "$rc" -ne 0 ]; then
	skip "the eBPF backend cannot load here: ${err#dscope: }" 4
else
	for kb in 10000 14000 20000 40000; do
		run bash -c "ulimit -v $kb; exec \"\$0\" \"\$@\"" "$DSCOPE_RELEASE" \
			trace --backend=ebpf -o /dev/null -- true
		ok '[ "$rc" -eq 0 ] || { [ "$rc" -eq 1 ] && [[ $err =~ RLIMIT_AS|"Cannot allocate memory" ]]; }' \
			"as ${kb} KiB, dscope trace --backend=ebpf: loads, or exits 1 saying memory ran short (exit $rc: ${err#dscope: })"
	done
fi

done_testing
