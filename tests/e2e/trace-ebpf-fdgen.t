#!/usr/bin/env bash
# dscope trace --backend=ebpf names each fd as it is at the call even when
# it changed with no call of the traced thread that could change it: the
# program trusts what it saw of an fd only while its group's fd table
# has made no such call (the fd-table generations of bpf/trace.bpf.c).
# The helper fdswap puts another file on fd 5 (or closes it) behind the
# back of a thread that only writes, stats and sleeps: from another
# thread, from a process sharing the fd table (clone CLONE_FILES, made
# before the trace), from a thread with its own table (unshare), and from
# io_uring's kernel thread (a ring set up before the trace). Each is run
# with every call traced (the generations kept) and with -e (not kept:
# every fd is checked anew). Skipped, with the reason, where the backend
# cannot load.
. "$(dirname "$0")/lib.sh"

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
DSCOPE=${DSCOPE:-$TOP/build/asan/dscope}
HELPERS=${HELPERS:-$TOP/build/helpers}
tmp=$(tap_tmpdir)

skip_all_without_ebpf

# swap MODE [OPTION...]: runs fdswap MODE with dscope attached to it
# (-p, once fdswap is set up); sets swap_rc to "HELPER_RC:DSCOPE_RC",
# swap_dir to the run's directory, and writes its write calls to
# $swap_dir/writes without the [pid N] prefix and what follows the
# arguments (another thread's line may come between a call and its
# result: "<unfinished ...>"), and the pipe's other end (fdswap itself,
# when dscope looks before it ends).
swap() {
	local mode=$1 d pid child dscope_pid i

	shift
	d=$(mktemp -d "$tmp/$mode.XXXX")
	swap_dir=$d
	"$HELPERS/fdswap" "$mode" "$d" >"$d/ready" 2>"$d/helper.err" &
	pid=$!
	for ((i = 0; i < 200; i++)); do
		[ -s "$d/ready" ] || ! kill -0 "$pid" 2>/dev/null && break
		sleep 0.05
	done
	if ! [ -s "$d/ready" ]; then
		wait "$pid"
		swap_rc="$?:-"
		return
	fi
	child=$(awk '{ print $2 }' "$d/ready")
	"$DSCOPE" trace -v --backend=ebpf "$@" -p "$pid" -o "$d/out" 2>"$d/err" &
	dscope_pid=$!
	for ((i = 0; i < 200; i++)); do
		grep -q "process $pid attached" "$d/err" && break
		sleep 0.05
	done
	grep -q "process $pid attached" "$d/err" ||
		bail_out "dscope -p $pid did not attach: $(cat "$d/err")"
	touch "$d/go"
	if [ "$child" != 0 ]; then
		# the sharer ended (a zombie): the table is the writer's alone
		for ((i = 0; i < 200; i++)); do
			grep -q '^[0-9]* ([^)]*) Z' "/proc/$child/stat" 2>/dev/null && break
			sleep 0.05
		done
		touch "$d/go2"
	fi
	wait "$pid"
	swap_rc=$?
	wait "$dscope_pid"
	swap_rc="$swap_rc:$?"
	sed -E -e 's/^\[pid +[0-9]+\] //' -e 's/(\) = .*| <unfinished \.\.\.>)$//' \
		-e 's/<pipe[^>]*>/<pipe>/' "$d/out" |
		grep -E '^write\(' >"$d/writes"
}

# expect_writes MODE OPTIONS WHAT: the writes of the last swap are the
# lines on stdin, in order.
expect_writes() {
	local want

	want=$(sed "s|DIR|$swap_dir|g")
	is "$swap_rc" "0:0" "$1 $2: fdswap ran and was traced to its end"
	is "$(cat "$swap_dir/writes")" "$want" "$1 $2: $3"
}

for opts in "" "-e trace=write,dup2"; do
	label=${opts:-"(every call)"}
	# shellcheck disable=SC2086 # the options are words
	swap thread $opts
	expect_writes thread "$label" "another thread's dup2 is seen at the next write" <<'EOF'
write(5<DIR/a>, "1", 1
write(5<DIR/a>, "1", 1
write(5<DIR/a>, "1", 1
write(5<DIR/b>, "2", 1
EOF

	# shellcheck disable=SC2086
	swap share $opts
	expect_writes share "$label" "a process sharing the table (not traced) put b on fd 5" <<'EOF'
write(5<DIR/a>, "1", 1
write(5<DIR/a>, "1", 1
write(5<DIR/a>, "1", 1
write(5<DIR/b>, "2", 1
EOF

	# shellcheck disable=SC2086
	swap unshare $opts
	expect_writes unshare "$label" "a thread with its own table has its own fd 5, the writer keeps a" <<'EOF'
write(5<DIR/a>, "1", 1
write(5<DIR/a>, "1", 1
write(5<DIR/a>, "1", 1
write(5<DIR/b>, "t", 1
write(5<DIR/a>, "2", 1
write(5<DIR/b>, "u", 1
EOF

	# shellcheck disable=SC2086
	swap uring $opts
	if [ "${swap_rc%%:*}" != 0 ] && grep -q io_uring_setup "$swap_dir/helper.err"; then
		skip "io_uring cannot be set up here: $(cat "$swap_dir/helper.err")" 3
		continue
	fi
	expect_writes uring "$label" "io_uring's kernel thread closed fd 5, with no call of the writer" <<'EOF'
write(5<DIR/a>, "1", 1
write(5<DIR/a>, "1", 1
write(5<DIR/a>, "1", 1
write(4<pipe>, "x", 1
write(5<closed>, "2", 1
EOF
	ok 'grep -q "= -1 EBADF (Bad file descriptor)$" "$swap_dir/out"' \
		"uring $label: and that write failed: the fd was closed"
done

done_testing
