#!/usr/bin/env bash
# dscope trace --backend=ebpf names each fd as the call saw it, even when
# the line is printed after the process closed it or ended: dscope is held
# stopped (SIGSTOP) while its tracee runs, so nothing it prints can come
# from /proc. Eventfds, timerfds, signalfds, epoll sets, inotify
# instances and pidfds keep their state as the call saw it (captured in
# the kernel), and the fds of poll's pollfd array and select's fd_sets
# are named too, an fd number reused at once (maybe by the very struct
# file just freed) is named by what it then is, and so is an fd of a
# process with the pid of one gone. Skipped, with the
# reason,
# where the backend cannot load.
. "$(dirname "$0")/lib.sh"

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
DSCOPE=${DSCOPE:-$TOP/build/asan/dscope}
HELPERS=${HELPERS:-$TOP/build/helpers}
tmp=$(tap_tmpdir)

skip_all_without_ebpf

# traced_while_stopped OUT CMD...: CMD waits for a line on its stdin, so
# that dscope attaches first; dscope is stopped while CMD runs to its end,
# then continued: every line is printed after CMD is gone. dscope gets the
# options in tws_opts too; continued_at: the epoch when it was continued.
tws_opts=()
traced_while_stopped() {
	local out=$1 pid dscope_pid i

	shift
	rm -f "$tmp/go"
	mkfifo "$tmp/go"
	exec 7<>"$tmp/go"
	sh -c 'read x; exec "$@"' sh "$@" <"$tmp/go" >/dev/null 2>&1 &
	pid=$!
	"$DSCOPE" trace -v --backend=ebpf "${tws_opts[@]}" -p "$pid" -o "$out" 2>"$out.err" &
	dscope_pid=$!
	for ((i = 0; i < 200; i++)); do
		grep -q "process $pid attached" "$out.err" && break
		sleep 0.05
	done
	grep -q "process $pid attached" "$out.err" ||
		bail_out "dscope -p $pid did not attach: $(cat "$out.err")"
	kill -STOP "$dscope_pid"
	echo go >&7
	wait "$pid"
	traced_rc=$?
	continued_at=$(date +%s.%N)
	kill -CONT "$dscope_pid"
	wait "$dscope_pid"
	dscope_rc=$?
	exec 7>&-
}

# --- the fd kinds of the tracee's fdkinds family --------------------------------------
traced_while_stopped "$tmp/kinds.out" "$HELPERS/tracee" fdkinds --dir "$tmp" --expect "$tmp/kinds.expect"
is "$traced_rc:$dscope_rc" "0:0" "fdkinds ran and was traced to its end, dscope stopped meanwhile"
for call in eventfd2 timerfd_create timerfd_settime signalfd4; do
	want=$(grep "^$call(" "$tmp/kinds.expect" | grep -v " = -1 " | head -n 1)
	[ -n "$want" ] || bail_out "the tracee expects no $call line"
	ok 'grep -qxF "$want" "$tmp/kinds.out"' "$call, printed after the process ended: $want"
done

# an inotify instance's watches (the path is not known once the process is
# gone: the watch shows its inode and device, as dscope fds does then)
dev=$(stat -c %d "$tmp")
ino=$(stat -c %i "$tmp")
devtext="$(((dev >> 8) & 0xfff)):$(((dev & 0xff) | ((dev >> 12) & 0xfff00)))"
ifd=$(sed -nE 's/^inotify_init1\(IN_CLOEXEC\) = ([0-9]+)<.*/\1/p' "$tmp/kinds.expect")
[ -n "$ifd" ] || bail_out "the tracee expects no inotify_init1 line"
ok 'grep -qxF "inotify_rm_watch($ifd<inotify, 1 watch: inode $ino on $devtext>, 1) = 0" "$tmp/kinds.out"' \
	"inotify_rm_watch: the watch inotify_add_watch added (inode $ino on $devtext)"
ok 'grep -qxF "inotify_rm_watch($ifd<inotify, no watches>, 1) = -1 EINVAL (Invalid argument)" "$tmp/kinds.out"' \
	"and none after it was removed"

# --- an fd number closed and taken again at once, maybe at the same struct file ------
# (files are SLAB_TYPESAFE_BY_RCU): the eventfd closed last in fdkinds, by
# a close the trace sees and, under -e, by one it does not, then a timerfd
reuse=$(grep "^timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC) = " "$tmp/kinds.expect")
[ -n "$reuse" ] || bail_out "the tracee expects no timerfd after the eventfd"
ok 'grep -qxF "$reuse" "$tmp/kinds.out"' "the eventfd's number taken by a timerfd: $reuse"
tws_opts=(-e "trace=$("$HELPERS/tracee" fdkinds --syscalls)")
traced_while_stopped "$tmp/kinds-e.out" "$HELPERS/tracee" fdkinds --dir "$tmp" --expect "$tmp/kinds-e.expect"
tws_opts=()
reuse=$(grep "^timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC) = " "$tmp/kinds-e.expect")
ok 'grep -qxF "$reuse" "$tmp/kinds-e.out"' "and so when the close is not among the calls traced (-e)"
# the file family: a file opened again just after its close, the closed
# fd used (EBADF), /dev/null then opened at its number
traced_while_stopped "$tmp/file.out" "$HELPERS/tracee" file --dir "$tmp/file.d" --expect "$tmp/file.expect"
is "$traced_rc:$dscope_rc" "0:0" "the file family ran and was traced to its end, dscope stopped meanwhile"
grep -E '^(open\(.*O_APPEND\)|close|fchmod\([0-9]+<closed>|openat\(AT_FDCWD, "/dev/null")' "$tmp/file.expect" |
	head -n 7 >"$tmp/file.want"
ok '[ "$(wc -l <"$tmp/file.want")" -eq 7 ]' "the tracee expects its reopen lines"
missing=$(grep -vxF -f "$tmp/file.out" "$tmp/file.want")
is "$missing" "" "a reopened file, a use of its closed fd and /dev/null at its number, as the calls saw them"

# --- an fd passed over a unix socket (SCM_RIGHTS): the one recvmsg brought --------
traced_while_stopped "$tmp/net.out" "$HELPERS/tracee" net --dir "$tmp/net.d" --expect "$tmp/net.expect"
is "$traced_rc:$dscope_rc" "0:0" "the net family ran and was traced to its end, dscope stopped meanwhile"
want=$(grep -F "cmsg_type=SCM_RIGHTS" "$tmp/net.expect" | grep "^recvmsg(")
[ -n "$want" ] || bail_out "the tracee expects no recvmsg of an fd"
ok 'grep -qxF "$want" "$tmp/net.out"' "recvmsg names the fd it brought as the call left it: $want"

# --- epoll sets: their entries at each call, from the poll family --------------------
traced_while_stopped "$tmp/poll.out" "$HELPERS/tracee" poll --dir "$tmp" --expect "$tmp/poll.expect"
is "$traced_rc:$dscope_rc" "0:0" "the poll family ran and was traced to its end, dscope stopped meanwhile"
grep -E "^epoll_(create1|ctl|wait|pwait)\(" "$tmp/poll.expect" >"$tmp/poll.want"
ok '[ "$(wc -l <"$tmp/poll.want")" -ge 6 ]' "the tracee expects its epoll lines"
missing=$(grep -vxF -f "$tmp/poll.out" "$tmp/poll.want")
is "$missing" "" "every epoll line with the set's entries as the call saw them (0, 1, 2 entries)"

# --- the rest runs python scripts --------------------------------------------------------
command -v python3 >/dev/null || {
	skip "python3 is needed for the scripts (poll, select, exec, pidfd_open, pid reuse)" 9
	done_testing
	exit
}

# --- an fd inside a pollfd array, that no call named before, closed since ------------
# fd 7 is traced_while_stopped's fifo, inherited and never used before
cat >"$tmp/poll.py" <<'EOF'
import os, select
p = select.poll()
p.register(7, select.POLLIN)
p.poll(0)
os.close(7)
EOF
traced_while_stopped "$tmp/pollfd.out" python3 "$tmp/poll.py"
is "$traced_rc:$dscope_rc" "0:0" "the poll script ran and was traced, dscope stopped meanwhile"
ok 'grep -qE "^poll\(\[\{fd=7<fifo [^>]*/go>, events=POLLIN\}\], 1, 0\) = 0 \(Timeout\)$" "$tmp/pollfd.out"' \
	"a pollfd's fd is named as the call saw it (the fifo), not as closed"

# and in select's fd_sets (python's select.select is pselect6; the script
# must not be named select.py, which would hide the module)
printf 'import os, select\nselect.select([7], [], [], 0)\nos.close(7)\n' >"$tmp/fdsets.py"
traced_while_stopped "$tmp/selectfd.out" python3 "$tmp/fdsets.py"
is "$traced_rc:$dscope_rc" "0:0" "the select script ran and was traced, dscope stopped meanwhile"
ok 'grep -qE "^p?select6?\([0-9]+, \[7<fifo [^>]*/go>\], NULL, NULL, " "$tmp/selectfd.out"' \
	"an fd_set's fd is named as the call saw it (the fifo), not as closed"

# --- after an exec, an fd that survived it ------------------------------------------
# the shell read fd 0 (the fifo) before it exec'd python, so the program
# knows it and says nothing of it again: what the records said before
# the exec names it (it used to be dropped at exec and read as closed)
printf 'import os\nos.fstat(0)\n' >"$tmp/fstat.py"
traced_while_stopped "$tmp/exec.out" python3 "$tmp/fstat.py"
is "$traced_rc:$dscope_rc" "0:0" "the exec'd script ran and was traced, dscope stopped meanwhile"
ok 'grep -qE "^newfstatat\(0<fifo [^>]*/go>, \"\", " "$tmp/exec.out"' \
	"its fstat of fd 0 names the fifo the shell had read, not 'closed'"

# --- a pidfd of a process reaped before the line is printed ---------------------------
cat >"$tmp/pidfd.py" <<'EOF'
import os, subprocess, sys
child = subprocess.Popen(["sleep", "30"])
# (Popen may return before the exec renamed the child, after vfork)
while open("/proc/%d/comm" % child.pid).read() != "sleep\n":
    pass
fd = os.pidfd_open(child.pid)
os.close(fd)
child.kill()
child.wait()
print(child.pid, file=open(sys.argv[1], "w"))
EOF
traced_while_stopped "$tmp/pidfd.out" python3 "$tmp/pidfd.py" "$tmp/child.pid"
child=$(cat "$tmp/child.pid")
is "$traced_rc:$dscope_rc" "0:0" "the pidfd script ran and was traced, dscope stopped meanwhile"
ok 'grep -qE "^pidfd_open\($child, 0\) = [0-9]+<pidfd → sleep \[$child\]>$" "$tmp/pidfd.out"' \
	"the pidfd names the process it was opened for, reaped since, by its pid and name"

# --- a pid used again: the new process's fds are its own -----------------------------
# child A uses fd 9 (inherited: the same struct file), ends; child B is
# made with A's pid (ns_last_pid) and uses fd 9 too: the program must not
# take B's fd for the one A's records said (user space forgot A's fds)
cat >"$tmp/reuse.py" <<'EOF'
import os
f = os.open("/etc/hostname", os.O_RDONLY)
os.dup2(f, 9)
os.close(f)
a = os.fork()
if a == 0:
    os.fstat(9)
    os._exit(0)
os.waitpid(a, 0)
for _ in range(50):
    try:
        with open("/proc/sys/kernel/ns_last_pid", "w") as w:
            w.write(str(a - 1))
    except OSError:
        break
    b = os.fork()
    if b == 0:
        os.fstat(9)
        os._exit(0)
    os.waitpid(b, 0)
    if b == a:
        print(a)
        break
EOF
tws_opts=(-f)
traced_while_stopped "$tmp/reuse.out" sh -c "exec python3 '$tmp/reuse.py' >'$tmp/reuse.pid'"
tws_opts=()
reused=$(cat "$tmp/reuse.pid")
if [ -z "$reused" ]; then
	skip "the pid could not be used again here (ns_last_pid)" 1
else
	is "$(grep -cE "^\[pid +$reused\] newfstatat\(9</etc/hostname>, \"\", " "$tmp/reuse.out")" 2 \
		"both processes with pid $reused have fd 9 named as their call saw it"
fi

# --- timestamps: when the call ran, not when its line was printed ---------------------
tws_opts=(-ttt)
traced_while_stopped "$tmp/ts.out" sh -c 'sleep 0.3; exec /bin/true'
tws_opts=()
is "$traced_rc:$dscope_rc" "0:0" "-ttt: a shell traced to its end, dscope stopped meanwhile"
ok 'grep -qE "^[0-9]+\.[0-9]{6} execve\(\"/bin/true\"" "$tmp/ts.out"' "-ttt: each line starts with its epoch time"
awk '$1 ~ /^[0-9]+\.[0-9]+$/ {print $1}' "$tmp/ts.out" >"$tmp/ts.times"
late=$(awk -v c="$continued_at" '$1 >= c' "$tmp/ts.times")
is "$late" "" "every line's time is from before dscope was continued (the records' kernel time)"
first=$(head -n 1 "$tmp/ts.times")
last=$(tail -n 1 "$tmp/ts.times")
ok 'awk -v a="$first" -v b="$last" "BEGIN {exit !(b - a >= 0.25)}"' \
	"and the shell's sleep shows between its first and last lines ($first .. $last)"

done_testing
