#!/usr/bin/env bash
# dscope ps (and inspect, at the end) on the canned /proc trees in tests/data (see the README in each):
# the daemon verdict and its criteria, STAT, WAIT, UNIT and TTY, selection,
# exit codes, escaping of hostile text, and malformed files.
# Deterministic: START is pinned with TZ=UTC and boot times in 2017.

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
DSCOPE=${DSCOPE:-$TOP/build/asan/dscope}
. "$TOP/tests/e2e/lib.sh"

[ -x "$DSCOPE" ] || skip_all "no dscope binary at $DSCOPE (run make first)"
command -v python3 >/dev/null || skip_all "python3 is needed to read the JSON"

# User names come from this machine's passwd database.
names=$(python3 -c 'import pwd; print(pwd.getpwuid(0).pw_name, pwd.getpwuid(65534).pw_name)' 2>/dev/null)
[ "$names" = "root nobody" ] ||
	skip_all "uids 0 and 65534 are not named root and nobody here ('$names')"

export TZ=UTC LC_ALL=C
unset NO_COLOR
DATA=$TOP/tests/data
DAEMONS=$DATA/proc-daemons
CGROUPS=$DATA/proc-cgroups
BROKEN=$DATA/proc-broken
CONTAINER=$DATA/proc-container

# Every process of a JSON document as one line: "PID key=value ...".
# Strings are raw, null is "null", a missing key is "<absent>".
_rows_py='
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
top = sys.argv[2].split(",")
crit = sys.argv[3].split(",") if len(sys.argv) > 3 and sys.argv[3] else []
def f(v):
    if v is True: return "true"
    if v is False: return "false"
    if v is None: return "null"
    return str(v)
for p in d["processes"]:
    c = p.get("daemon_criteria", {})
    cells = ["%s=%s" % (k, f(p[k]) if k in p else "<absent>") for k in top]
    cells += ["%s=%s" % (k, f(c[k]) if k in c else "<absent>") for k in crit]
    print(p["pid"], " ".join(cells))
'
rows() { # FILE TOPKEYS [CRITERIAKEYS]
	python3 -c "$_rows_py" "$@"
}

trim() {
	local s=$1
	s=${s#"${s%%[![:space:]]*}"}
	echo "${s%"${s##*[![:space:]]}"}"
}

# The pids of a JSON document, space-separated.
json_pids() {
	json_eval "$1" '" ".join(str(p["pid"]) for p in d["processes"])'
}

# The pids of a text table (first column after the header).
text_pids() {
	awk 'NR > 1 && $1 ~ /^[0-9]+$/ { printf "%s%s", sep, $1; sep = " " }' "$1"
}

# ---------------------------------------------------------------------------
# proc-daemons, JSON: every field of the verdict, for every process

run "$DSCOPE" --proc-root "$DAEMONS" ps -a --json
is "$rc" 0 "daemons: ps -a --json exits 0"
is "$err" "" "daemons: nothing on stderr"
python3 -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$out_file"
ok $? "daemons: the JSON parses as UTF-8"
cp "$out_file" "$(tap_tmpdir)/daemons.json"
J=$(tap_tmpdir)/daemons.json

is "$(json_pids "$J")" "1 2 45 812 900 1100 1500 1510 1990 2000 2010 2020 2030 2100 2101 2102 3000 3020 3021" \
	"daemons: -a lists every process, kernel threads included, by pid"
is "$(json_get "$J" notes)" "[]" "daemons: no notes (nothing was refused)"

TOPKEYS=user,uid,tty,stat,start_time,cpu_ms,threads,daemon,wait,syscall_nr,wchan,unit,unit_kind,kernel_thread
CRITKEYS=no_tty,session,session_id,parent,stdin,service_cgroup
declare -A got_row
while read -r pid rest; do
	got_row[$pid]=$rest
done < <(rows "$J" "$TOPKEYS" "$CRITKEYS")

# pid | what it models | expected fields
while IFS='|' read -r pid what want; do
	pid=${pid// /} want=${want# } what=$(trim "$what")
	[ -n "$pid" ] || continue
	is "${got_row[$pid]-<missing>}" "$want" "daemons: pid $pid ($what)"
done <<'EOF'
1    | systemd, pid 1          | user=root uid=0 tty=null stat=Ss start_time=1500000000 cpu_ms=74540 threads=1 daemon=true wait=epoll_wait syscall_nr=232 wchan=<absent> unit=init.scope unit_kind=scope kernel_thread=false no_tty=true session=leader session_id=1 parent=init stdin=/dev/null service_cgroup=false
2    | kthreadd                | user=root uid=0 tty=null stat=S start_time=1500000000 cpu_ms=30 threads=1 daemon=false wait=kthreadd syscall_nr=<absent> wchan=kthreadd unit=<absent> unit_kind=<absent> kernel_thread=true no_tty=true session=member session_id=0 parent=init stdin=closed service_cgroup=false
45   | kworker kernel thread   | user=root uid=0 tty=null stat=I start_time=1500000002 cpu_ms=410 threads=1 daemon=false wait=worker_thread syscall_nr=<absent> wchan=worker_thread unit=<absent> unit_kind=<absent> kernel_thread=true no_tty=true session=member session_id=0 parent=other stdin=closed service_cgroup=false
812  | double-forked daemon    | user=nobody uid=65534 tty=null stat=S start_time=1500000312 cpu_ms=210 threads=1 daemon=true wait=epoll_wait syscall_nr=232 wchan=<absent> unit=session-3.scope unit_kind=scope kernel_thread=false no_tty=true session=leader-gone session_id=810 parent=init stdin=/dev/null service_cgroup=false
900  | systemd service cupsd   | user=root uid=0 tty=null stat=Ss start_time=1500000012 cpu_ms=780 threads=1 daemon=true wait=epoll_pwait syscall_nr=281 wchan=<absent> unit=cups.service unit_kind=system kernel_thread=false no_tty=true session=leader session_id=900 parent=init stdin=/dev/null service_cgroup=true
1100 | nice -5, mlock, threads | user=root uid=0 tty=null stat=S<Lsl start_time=1500000013 cpu_ms=2250 threads=4 daemon=true wait=futex syscall_nr=202 wchan=<absent> unit=rtlockd.service unit_kind=system kernel_thread=false no_tty=true session=leader session_id=1100 parent=init stdin=/dev/null service_cgroup=true
1500 | systemd --user manager  | user=nobody uid=65534 tty=null stat=Ss start_time=1500000300 cpu_ms=1200 threads=1 daemon=true wait=epoll_wait syscall_nr=232 wchan=<absent> unit=user@1000.service unit_kind=system kernel_thread=false no_tty=true session=leader session_id=1500 parent=init stdin=/dev/null service_cgroup=true
1510 | user service foo        | user=nobody uid=65534 tty=null stat=Ss start_time=1500000301 cpu_ms=2250 threads=1 daemon=true wait=poll syscall_nr=7 wchan=<absent> unit=foo.service unit_kind=user kernel_thread=false no_tty=true session=leader session_id=1510 parent=supervisor stdin=/dev/null service_cgroup=true
1990 | sshd session process    | user=root uid=0 tty=null stat=Ss start_time=1500000305 cpu_ms=50 threads=1 daemon=true wait=poll syscall_nr=7 wchan=<absent> unit=session-3.scope unit_kind=scope kernel_thread=false no_tty=true session=leader session_id=1990 parent=init stdin=/dev/null service_cgroup=false
2000 | login shell on pts/0    | user=nobody uid=65534 tty=pts/0 stat=Ss+ start_time=1500000306 cpu_ms=390 threads=1 daemon=false wait=pselect6 syscall_nr=270 wchan=<absent> unit=session-3.scope unit_kind=scope kernel_thread=false no_tty=false session=leader session_id=2000 parent=other stdin=tty service_cgroup=false
2010 | background job          | user=nobody uid=65534 tty=pts/0 stat=S start_time=1500000310 cpu_ms=0 threads=1 daemon=false wait=clock_nanosleep syscall_nr=230 wchan=<absent> unit=session-3.scope unit_kind=scope kernel_thread=false no_tty=false session=member session_id=2000 parent=other stdin=tty service_cgroup=false
2020 | hostile comm, no argv   | user=nobody uid=65534 tty=pts/0 stat=S start_time=1500000311 cpu_ms=140 threads=1 daemon=false wait=read syscall_nr=0 wchan=<absent> unit=session-3.scope unit_kind=scope kernel_thread=false no_tty=false session=member session_id=2000 parent=other stdin=tty service_cgroup=false
2030 | running, bad UTF-8 argv | user=nobody uid=65534 tty=pts/0 stat=R start_time=1500000312 cpu_ms=61320 threads=1 daemon=false wait=running syscall_nr=<absent> wchan=<absent> unit=session-3.scope unit_kind=scope kernel_thread=false no_tty=false session=member session_id=2000 parent=other stdin=tty service_cgroup=false
2100 | script without a tty    | user=nobody uid=65534 tty=null stat=Ss start_time=1500000320 cpu_ms=2250 threads=1 daemon=true wait=wait4 syscall_nr=61 wchan=<absent> unit=session-3.scope unit_kind=scope kernel_thread=false no_tty=true session=leader session_id=2100 parent=other stdin=pipe service_cgroup=false
2101 | its child, nice 10      | user=nobody uid=65534 tty=null stat=SN start_time=1500000320 cpu_ms=8100 threads=1 daemon=false wait=write syscall_nr=1 wchan=<absent> unit=session-3.scope unit_kind=scope kernel_thread=false no_tty=true session=member session_id=2100 parent=other stdin=pipe service_cgroup=false
2102 | zombie                  | user=nobody uid=65534 tty=null stat=Z start_time=1500000320 cpu_ms=10 threads=1 daemon=false wait=zombie syscall_nr=<absent> wchan=<absent> unit=session-3.scope unit_kind=scope kernel_thread=false no_tty=true session=member session_id=2100 parent=other stdin=closed service_cgroup=false
3000 | containerd-shim         | user=root uid=0 tty=null stat=Ssl start_time=1500000020 cpu_ms=2250 threads=10 daemon=true wait=futex syscall_nr=202 wchan=<absent> unit=containerd.service unit_kind=system kernel_thread=false no_tty=true session=leader session_id=3000 parent=init stdin=/dev/null service_cgroup=true
3020 | container init (nginx)  | user=root uid=0 tty=null stat=Ss start_time=1500000020 cpu_ms=2250 threads=1 daemon=true wait=rt_sigsuspend syscall_nr=130 wchan=<absent> unit=docker:3f4e5a6b7c8d unit_kind=container kernel_thread=false no_tty=true session=leader session_id=3020 parent=supervisor stdin=/dev/null service_cgroup=false
3021 | child of container init | user=nobody uid=65534 tty=null stat=S start_time=1500000020 cpu_ms=2250 threads=1 daemon=true wait=epoll_wait syscall_nr=232 wchan=<absent> unit=docker:3f4e5a6b7c8d unit_kind=container kernel_thread=false no_tty=true session=member session_id=3020 parent=init stdin=/dev/null service_cgroup=false
EOF

is "$(json_get "$J" 'processes[pid=812].daemon_criteria.cwd')" "/" "daemons: cwd of the double-forked daemon"
is "$(json_get "$J" 'processes[pid=2102].daemon_criteria.cwd')" "null" "daemons: a zombie has no cwd (null)"
is "$(json_get "$J" 'processes[pid=2102].command')" "[gzip]" "daemons: a zombie's command is [comm]"
is "$(json_get "$J" 'processes[pid=45].command')" "[kworker/1:2-events]" "daemons: a kernel thread's command is [comm]"
is "$(json_get "$J" 'processes[pid=3021].command')" "nginx: worker process" \
	"daemons: trailing NULs of a rewritten argv are dropped"
is "$(json_get "$J" 'processes[pid=2000].start')" "2017" "daemons: START of a process older than a year is its year"
is "$(json_get "$J" 'processes[pid=2101].time')" "0:08" "daemons: TIME is utime+stime as M:SS"
is "$(json_get "$J" 'processes[pid=1100].cgroup')" "/system.slice/rtlockd.service" "daemons: cgroup path"

# Hostile text in JSON: exact strings after decoding, and no raw ESC byte.
is "$(json_eval "$J" '[p["comm"] for p in d["processes"] if p["pid"] == 2020] == ["ev\x1b[31mil\n)x"]')" true \
	"daemons: JSON comm holds ESC, newline and ')' exactly"
is "$(json_eval "$J" 'json.dumps([p["command"] for p in d["processes"] if p["pid"] == 2020][0])')" \
	'"[ev\u001b[31mil\n)x]"' "daemons: JSON command of a process without argv is [comm], escaped as JSON"
is "$(json_eval "$J" 'json.dumps([p["daemon_criteria"]["cwd"] for p in d["processes"] if p["pid"] == 2020][0])')" \
	'"/tmp/\u001b]0;owned\u0007\n"' "daemons: JSON cwd with control characters is escaped as JSON"
is "$(json_eval "$J" 'json.dumps([p["command"] for p in d["processes"] if p["pid"] == 2030][0])')" \
	'"python3 caf\ufffd.py \ufffd\ufffd"' "daemons: invalid UTF-8 in argv becomes U+FFFD per byte in JSON"
is "$(grep -c $'\x1b' "$J")" 0 "daemons: no raw ESC byte in the JSON output"

# ---------------------------------------------------------------------------
# proc-daemons, text

run "$DSCOPE" --proc-root "$DAEMONS" ps
is "$rc" 0 "daemons: ps exits 0"
is "$(text_pids "$out_file")" "1 812 900 1100 1500 1510 1990 2000 2010 2020 2030 2100 2101 2102 3000 3020 3021" \
	"daemons: ps without -a hides kernel threads"

run "$DSCOPE" --proc-root "$DAEMONS" ps -a
is "$rc" 0 "daemons: ps -a exits 0"
is "$(grep -c $'\x1b' "$out_file")" 0 "daemons: no raw ESC byte in the text table"
is "$(grep -c $'\x07' "$out_file")" 0 "daemons: no raw BEL byte in the text table"
is "$(wc -l <"$out_file")" 20 "daemons: one header and one line per process (the newline in a comm is escaped)"
is "$(awk '$1 == 2020' "$out_file" | sed 's/.* //')" '[ev\e[31mil\n)x]' \
	"daemons: text shows the hostile comm as [ev\\e[31mil\\n)x]"
like "$(awk '$1 == 2030' "$out_file")" ' python3 caf\\xe9\.py \\xff\\xfe$' \
	"daemons: text shows invalid UTF-8 bytes as \\xNN"
like "$(awk '$1 == 45' "$out_file")" '^ +45 +2 root +\? +I +2017 +0:00 no +worker_thread +- +\[kworker/1:2-events\]$' \
	"daemons: the kernel thread row"

run "$DSCOPE" --proc-root "$DAEMONS" ps -a -v
is "$(grep -c $'\x1b' "$out_file")" 0 "daemons: no raw ESC byte with -v either"
is "$(grep -A1 '^ *2020 ' "$out_file" | tail -1)" \
	'        no_tty=no session=member session_id=2000 parent=other stdin=tty cwd=/tmp/\e]0;owned\x07\n service_cgroup=no' \
	"daemons: -v escapes the cwd"

run "$DSCOPE" --color=always --proc-root "$DAEMONS" ps -p 900
ok "[ $(grep -c $'\x1b' "$out_file") -gt 0 ]" \
	"daemons: --color=always does write ESC (the checks above can see one)"

# One exact table: the header and cupsd's row.
run "$DSCOPE" --proc-root "$DAEMONS" ps -p 900
is "$rc" 0 "daemons: ps -p 900 exits 0"
is "$out" "$(printf '%s\n' \
	'PID PPID USER TTY STAT START TIME DAEMON WAIT        UNIT         COMMAND' \
	'900    1 root ?   Ss   2017  0:00 yes    epoll_pwait cups.service /usr/sbin/cupsd -l')" \
	"daemons: ps -p 900 prints exactly the header and one row"

run "$DSCOPE" --proc-root "$DAEMONS" ps -v -p 812
is "$out" "$(printf '%s\n' \
	'PID PPID USER   TTY STAT START TIME DAEMON WAIT       UNIT            COMMAND' \
	'812    1 nobody ?   S    2017  0:00 yes    epoll_wait session-3.scope /usr/local/sbin/legacyd -c /etc/legacyd.conf' \
	'        no_tty=yes session=leader-gone session_id=810 parent=init stdin=/dev/null cwd=/ service_cgroup=no')" \
	"daemons: ps -v -p 812 prints the row and its criteria exactly"

# ---------------------------------------------------------------------------
# proc-daemons: -d and selection

DAEMON_PIDS="1 812 900 1100 1500 1510 1990 2100 3000 3020 3021"
run "$DSCOPE" --proc-root "$DAEMONS" ps -d
is "$rc" 0 "daemons: ps -d exits 0"
is "$(text_pids "$out_file")" "$DAEMON_PIDS" "daemons: ps -d lists only the daemons"
run "$DSCOPE" --proc-root "$DAEMONS" ps -a -d --json
is "$(json_pids "$out_file")" "$DAEMON_PIDS" "daemons: ps -a -d adds no kernel thread (none is a daemon)"
is "$(json_eval "$out_file" 'all(p["daemon"] for p in d["processes"])')" true "daemons: -d rows all say daemon true"
run "$DSCOPE" --proc-root "$DAEMONS"
is "$(text_pids "$out_file")" "$DAEMON_PIDS" "daemons: dscope without a command lists the daemons"

check_select() { # WANT_PIDS NAME ARGS...
	local want=$1 name=$2
	shift 2
	run "$DSCOPE" --proc-root "$DAEMONS" ps --json "$@"
	is "$rc $(json_pids "$out_file")" "0 $want" "select: $name"
}
check_select "900" "-p 900" -p 900
check_select "900 2010 3021" "-p 900,2010 -p 3021 (lists, repeated)" -p 900,2010 -p 3021
check_select "45" "a kernel thread named by pid is shown without -a" 45
check_select "1 1500" "NAME matches comm (systemd)" systemd
check_select "1" "NAME matches argv[0]'s base name (init)" init
check_select "3020 3021" "NAME matches every process of that name (nginx)" nginx
check_select "3000" "a NAME longer than 15 bytes matches the cut comm and exe" containerd-shim-runc-v2
check_select "2030" "NAME matches the executable's base name (python3.11)" python3.11
check_select "2020" "NAME matches a deleted executable's name (evil)" evil
check_select "2100" "NAME matches argv[0] (sh) but not the exe (dash)" sh
check_select "3020 3021" "-d with a NAME" -d nginx
check_select "2000 3020 3021" "pids and names mixed" 2000 nginx

run "$DSCOPE" --proc-root "$DAEMONS" ps -p 4242
is "$rc" 1 "select: an unknown pid exits 1"
is "$err" "dscope: no process with pid 4242" "select: an unknown pid is named on stderr"
is "$(text_pids "$out_file")" "" "select: an unknown pid lists nothing"
run "$DSCOPE" --proc-root "$DAEMONS" ps --json -p 900,4242
is "$rc" 1 "select: one unknown pid among known ones exits 1"
is "$(json_pids "$out_file")" "900" "select: ... and still lists the known ones"
is "$err" "dscope: no process with pid 4242" "select: ... and names the unknown one"
run "$DSCOPE" --proc-root "$DAEMONS" ps nosuchd
is "$rc" 1 "select: an unknown name exits 1"
is "$err" "dscope: no process named 'nosuchd'" "select: an unknown name is named on stderr"
run "$DSCOPE" --proc-root "$DAEMONS" ps -p abc
is "$rc" 2 "select: -p abc is a usage error (exit 2)"
like "$err" "^dscope: ps: -p takes a comma-separated list of pids, not 'abc'" "select: -p abc says why"
run "$DSCOPE" --proc-root "$DATA/no-such-tree" ps
is "$rc" 1 "a missing --proc-root exits 1"
like "$err" "^dscope: cannot open $DATA/no-such-tree: No such file or directory" "a missing --proc-root says which"

# ---------------------------------------------------------------------------
# proc-cgroups: the UNIT a cgroup path names

run "$DSCOPE" --proc-root "$CGROUPS" ps -a
is "$rc" 0 "cgroups: ps -a exits 0"
is "$err" "" "cgroups: nothing on stderr"
cp "$out_file" "$(tap_tmpdir)/cgroups.txt"
run "$DSCOPE" --proc-root "$CGROUPS" ps -a --json
cp "$out_file" "$(tap_tmpdir)/cgroups.json"
CG_TEXT=$(tap_tmpdir)/cgroups.txt
CG_JSON=$(tap_tmpdir)/cgroups.json
declare -A cg_row
while read -r pid rest; do
	cg_row[$pid]=$rest
done < <(rows "$CG_JSON" unit,unit_kind)

is "$(awk '{ print $10 }' "$CG_TEXT" | head -1)" "UNIT" "cgroups: UNIT is the 10th column"
while IFS='|' read -r pid what unit kind; do
	pid=${pid// /} unit=${unit// /} kind=${kind// /} what=$(trim "$what")
	[ -n "$pid" ] || continue
	is "$(awk -v p="$pid" '$1 == p { print $10 }' "$CG_TEXT")" "$unit" "cgroups: pid $pid ($what): UNIT"
	if [ "$unit" = - ]; then
		is "${cg_row[$pid]-<missing>}" "unit=<absent> unit_kind=<absent>" "cgroups: pid $pid: unit and unit_kind absent in JSON"
	else
		is "${cg_row[$pid]-<missing>}" "unit=$unit unit_kind=$kind" "cgroups: pid $pid: JSON unit and unit_kind"
	fi
done <<'EOF'
1  | v2 init.scope                | init.scope                              | scope
10 | v2 system service            | cron.service                            | system
11 | v2 user service              | pipewire.service                        | user
12 | login session scope          | session-3.scope                         | scope
13 | root cgroup                  | -                                       | -
14 | hybrid, name=systemd wins    | ssh.service                             | system
15 | kubepods, cgroupfs driver    | k8s:9a8b7c6d5e4f                        | container
16 | kubepods, systemd driver     | containerd:c0ffee00dead                 | container
17 | podman libpod scope          | podman:5d4c3b2a1908                     | container
18 | lxc.payload                  | lxc:web                                 | container
19 | service inside lxc           | lxc:web                                 | container
20 | machined VM, \x2d escapes    | machine:qemu-1-vm                       | container
21 | v1 docker with name=systemd  | docker:0a1b2c3d4e5f                     | container
22 | cri-o scope                  | cri-o:b1b2b3b4b5b6                      | container
23 | user app scope               | app-gnome-org.gnome.Terminal-2001.scope | user
24 | v1 docker, no name=systemd   | docker:e0e1e2e3e4e5                     | container
EOF
is "$(json_get "$CG_JSON" 'processes[pid=14].cgroup')" "/system.slice/ssh.service" \
	"cgroups: hybrid hierarchy: the cgroup is the name=systemd path"
is "$(json_get "$CG_JSON" 'processes[pid=13].cgroup')" "/" "cgroups: root cgroup is /"

# ---------------------------------------------------------------------------
# proc-broken: malformed files are skipped quietly, partial ones shown

run "$DSCOPE" --proc-root "$BROKEN" ps -a
is "$rc" 0 "broken: ps -a exits 0"
is "$err" "" "broken: nothing on stderr"
is "$(text_pids "$out_file")" "1 100 103 105 111" "broken: exactly the readable processes are listed"
like "$(awk '$1 == 105' "$out_file")" '^105 +1 root +\? +Ss +\? +0:02 yes +\? +badsys\.service +/usr/bin/badsys$' \
	"broken: unknown START and WAIT show as ?"
run "$DSCOPE" --proc-root "$BROKEN" ps -a --json
is "$rc" 0 "broken: ps -a --json exits 0"
is "$(json_pids "$out_file")" "1 100 103 105 111" "broken: the same processes in JSON"
is "$(rows "$out_file" user,uid,start,start_time,wait | sed -n 3p)" \
	"103 user=null uid=null start=null start_time=null wait=epoll_wait" \
	"broken: a status without Uid gives user and uid null"
is "$(rows "$out_file" wait,syscall_nr,daemon | sed -n 4p)" "105 wait=null syscall_nr=<absent> daemon=true" \
	"broken: a garbled syscall file gives wait null"
is "$(rows "$out_file" cgroup,unit,unit_kind | sed -n 5p)" "111 cgroup=null unit=null unit_kind=null" \
	"broken: an unreadable cgroup gives cgroup, unit and unit_kind null"

# ---------------------------------------------------------------------------
# proc-container: /proc inside a pid namespace, where pid 2 is no kernel thread

run "$DSCOPE" --proc-root "$CONTAINER" ps --json
is "$rc" 0 "container: ps --json exits 0"
is "$(json_pids "$out_file")" "1 2 15" "container: pid 2 and its children are listed without -a"
run "$DSCOPE" --proc-root "$CONTAINER" ps -a --json
is "$(rows "$out_file" kernel_thread,daemon,wait,stat | tr '\n' ';')" \
	"1 kernel_thread=false daemon=true wait=rt_sigtimedwait stat=Ss;2 kernel_thread=false daemon=true wait=epoll_wait stat=Sl;15 kernel_thread=false daemon=false wait=wait4 stat=S;" \
	"container: kernel_thread is false without PF_KTHREAD, whatever the pid"

# ---------------------------------------------------------------------------
# inspect on a canned tree: its processes have no task/ directory, and
# the process's own files stand for its main thread

run "$DSCOPE" --proc-root "$DAEMONS" inspect 900
is "$rc" 0 "canned inspect 900 exits 0 (no task/ directory)"
like "$out" "state +sleeping in epoll_pwait\\(4" "and says what its main thread waits in, from 900/syscall"
run "$DSCOPE" --proc-root "$DAEMONS" inspect --json 2020
is "$rc" 0 "canned inspect --json 2020 (the hostile comm) exits 0"
is "$(json_get "$out_file" comm)" $'ev\e[31mil\n)x' "and its JSON carries the comm exactly"

# a tree with no process at all (fuzz_proctree found ps crash on one)
mkdir -p "$(tap_tmpdir)/empty"
for c in ps "ps -a" "fds -a" graph; do
	# shellcheck disable=SC2086
	run "$DSCOPE" --proc-root "$(tap_tmpdir)/empty" $c
	is "$rc" 0 "a tree with no process: $c exits 0"
done

# parents in a cycle (a malformed tree: fuzz_proctree found inspect's
# JSON list them without end): 2000 and 2010 each other's parent, 900
# its own
cyc=$(tap_tmpdir)/cycle
mkdir -p "$cyc"
cp -a "$DAEMONS/stat" "$DAEMONS/900" "$DAEMONS/2000" "$DAEMONS/2010" "$cyc/"
sed -i 's/^2000 (bash) S 1990 /2000 (bash) S 2010 /' "$cyc/2000/stat"
sed -i 's/^900 (cupsd) S 1 /900 (cupsd) S 900 /' "$cyc/900/stat"
run timeout 10 "$DSCOPE" --proc-root "$cyc" inspect --json 2010
is "$rc" 0 "parents in a cycle: inspect --json 2010 exits 0"
is "$(json_eval "$out_file" '[p["pid"] for p in d["parents"]]')" "[2000]" \
	"and lists its parent once, not the cycle"
run timeout 10 "$DSCOPE" --proc-root "$cyc" inspect 900
is "$rc" 0 "a process its own parent: inspect 900 exits 0"
like "$out" "parents +none" "and shows no parent"

done_testing
