#!/usr/bin/env bash
# dscope fds on a process holding every kind of fd (tests/helpers/mkfds),
# with the processes at the other ends: text and JSON.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fdcheck.sh"

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
DSCOPE=${DSCOPE:-$TOP/build/asan/dscope}
HELPERS=${HELPERS:-$TOP/build/helpers}
[ -x "$HELPERS/mkfds" ] || bail_out "no $HELPERS/mkfds: run make check"
tmp=$(tap_tmpdir)

kinds=(file ro-file deleted-file dir devnull pipe-self pipe-child fifo
	socketpair-child socketpair-dgram socketpair-seqpacket unix-server
	unix-abstract unix-dgram-bound tcp tcp6 udp udp6 unbound raw netlink packet
	eventfd eventfd-shared timerfd timerfd-realtime signalfd inotify
	fanotify pidfd memfd io_uring bpf-map perf userfaultfd epoll)
coproc MK { exec "$HELPERS/mkfds" --dir "$tmp/mk" "${kinds[@]}"; }
mkpid=$MK_PID
at_exit "kill -TERM $mkpid 2>/dev/null; wait $mkpid 2>/dev/null"
if ! IFS= read -r -t 20 line <&"${MK[0]}"; then
	bail_out "mkfds did not report"
fi
printf '%s\n' "$line" >"$tmp/mk.json"
pid=$(json_get "$tmp/mk.json" pid)

run "$DSCOPE" fds --json "$pid"
is "$rc" 0 "fds --json PID exits 0"
cp "$out_file" "$tmp/fds.json"
ok 'python3 -m json.tool "$tmp/fds.json" >/dev/null' "JSON parses"
is "$(json_get "$tmp/fds.json" 'processes[0].pid')" "$pid" "the process is the one asked for"

cat >"$tmp/checks.py" <<'PY'
F, P, I = mk["fds"], mk["peers"], mk["info"]
def peer(n):
    return [(p["pid"], p["fd"]) for p in fd(n)["peers"]]

check(lambda: fd(F["file"])["kind"] == "file", "file: kind")
check(lambda: fd(F["file"])["pos"] == 5, "file: offset 5", lambda: fd(F["file"]))
check(lambda: "O_APPEND" in fd(F["file"])["open_flags"] and "O_CLOEXEC" in fd(F["file"])["open_flags"],
      "file: O_APPEND and O_CLOEXEC decoded", lambda: fd(F["file"])["open_flags"])
check(lambda: fd(F["file"])["mode"] == "rw", "file: mode rw")
check(lambda: fd(F["ro_file"])["mode"] == "r", "ro-file: mode r")
check(lambda: fd(F["deleted_file"])["deleted"] is True and "(deleted)" in fd(F["deleted_file"])["description"],
      "deleted file marked", lambda: fd(F["deleted_file"]))
check(lambda: fd(F["dir"])["kind"] == "dir", "dir: kind")
check(lambda: fd(F["devnull"])["kind"] == "device" and fd(F["devnull"])["rdev_major"] == 1
      and fd(F["devnull"])["rdev_minor"] == 3, "/dev/null: char device 1:3", lambda: fd(F["devnull"]))

check(lambda: peer(F["pipe_self_r"]) == [(mk["pid"], F["pipe_self_w"])], "pipe to self: read end's peer is the write end",
      lambda: fd(F["pipe_self_r"]))
check(lambda: peer(F["pipe_child_r"]) == [(P["pipe_child"], I["pipe_child_fd"])], "pipe: peer is the child's write end",
      lambda: fd(F["pipe_child_r"]))
check(lambda: fd(F["pipe_child_r"])["peers"][0]["mode"] == "w" and fd(F["pipe_child_r"])["peers"][0]["comm"] == "mkfds-child",
      "pipe: peer mode w and comm", lambda: fd(F["pipe_child_r"]))
check(lambda: fd(F["fifo"])["kind"] == "fifo" and (P["fifo_child"], I["fifo_child_fd"]) in peer(F["fifo"]),
      "fifo: kind and the child holding it", lambda: fd(F["fifo"]))

check(lambda: fd(F["socketpair"])["kind"] == "unix" and fd(F["socketpair"])["type"] == "stream",
      "socketpair: unix stream", lambda: fd(F["socketpair"]))
check(lambda: peer(F["socketpair"]) == [(P["socketpair_child"], I["socketpair_child_fd"])],
      "socketpair: peer is the child's end", lambda: fd(F["socketpair"]))
check(lambda: fd(F["socketpair_dgram"])["type"] == "dgram", "socketpair dgram: type")
check(lambda: fd(F["unix_listen"])["state"] == "LISTEN" and fd(F["unix_listen"])["name"].endswith("/server.sock"),
      "unix listener: LISTEN and path", lambda: fd(F["unix_listen"]))
check(lambda: fd(F["unix_listen"])["wqueue"] == 7, "unix listener: backlog 7", lambda: fd(F["unix_listen"]))
check(lambda: peer(F["unix_accepted1"]) == [(P["unix_client1"], I["unix_client1_fd"])],
      "unix accepted 1: peer is client 1", lambda: fd(F["unix_accepted1"]))
check(lambda: peer(F["unix_accepted2"]) == [(P["unix_client2"], I["unix_client2_fd"])],
      "unix accepted 2: peer is client 2", lambda: fd(F["unix_accepted2"]))
check(lambda: fd(F["unix_abstract"])["name"] == I["unix_abstract_name"] and fd(F["unix_abstract"])["abstract"] is True,
      "abstract unix name with @", lambda: fd(F["unix_abstract"]))
check(lambda: fd(F["unix_dgram"])["type"] == "dgram" and fd(F["unix_dgram"])["name"].endswith("/dgram.sock"),
      "bound unix dgram", lambda: fd(F["unix_dgram"]))

check(lambda: fd(F["tcp_listen"])["kind"] == "tcp" and fd(F["tcp_listen"])["state"] == "LISTEN"
      and fd(F["tcp_listen"])["local"]["port"] == I["tcp_port"], "tcp listener: port and LISTEN", lambda: fd(F["tcp_listen"]))
check(lambda: fd(F["tcp_accepted"])["state"] == "ESTABLISHED" and fd(F["tcp_accepted"])["remote"]["port"] == I["tcp_client_port"],
      "tcp accepted: ESTABLISHED, remote port is the client's", lambda: fd(F["tcp_accepted"]))
check(lambda: peer(F["tcp_accepted"]) == [(P["tcp_client"], I["tcp_client_fd"])],
      "tcp loopback: peer is the client process and fd", lambda: fd(F["tcp_accepted"]))
check(lambda: fd(F["tcp_accepted"])["loopback"] is True, "tcp loopback flagged")
check(lambda: fd(F["udp"])["kind"] == "udp" and fd(F["udp"])["local"]["port"] == I["udp_port"], "udp: kind and port",
      lambda: fd(F["udp"]))
check(lambda: fd(F["netlink"])["kind"] == "netlink" and fd(F["netlink"])["protocol"] == "route"
      and fd(F["netlink"])["portid"] == I["netlink_portid"], "netlink route with port id", lambda: fd(F["netlink"]))

check(lambda: fd(F["eventfd"])["kind"] == "eventfd" and fd(F["eventfd"])["count"] == 5, "eventfd count 5",
      lambda: fd(F["eventfd"]))
check(lambda: peer(F["eventfd_shared"]) == [(P["eventfd_child"], I["eventfd_child_fd"])],
      "shared eventfd: the other process holding it", lambda: fd(F["eventfd_shared"]))
check(lambda: fd(F["timerfd"])["kind"] == "timerfd" and fd(F["timerfd"])["clock"] == "monotonic"
      and fd(F["timerfd"])["interval_ns"] == 5 * 10**9, "timerfd: monotonic, 5 s interval", lambda: fd(F["timerfd"]))
check(lambda: 90 * 10**9 < fd(F["timerfd"])["next_ns"] <= 100 * 10**9, "timerfd: next expiry within 100 s",
      lambda: fd(F["timerfd"]))
check(lambda: sorted(fd(F["signalfd"])["signals"]) == ["SIGHUP", "SIGUSR1", "SIGUSR2"], "signalfd: signal names",
      lambda: fd(F["signalfd"]))
check(lambda: fd(F["inotify"])["kind"] == "inotify" and any(w["inode"] == I["inotify_dir_ino"] for w in fd(F["inotify"])["watches"]),
      "inotify: watches the directory's inode", lambda: fd(F["inotify"]))
import os
if os.geteuid() == 0:  # open_by_handle_at needs CAP_DAC_READ_SEARCH
    check(lambda: any(w["path"] == I["dir"] for w in fd(F["inotify"])["watches"]),
          "inotify: the watched directory's path (through its file handle)", lambda: fd(F["inotify"]))
check(lambda: fd(F["file"])["path"].startswith(fd(F["file"])["mount"]["point"]) and fd(F["file"])["mount"]["fstype"],
      "file: the mount it is on", lambda: fd(F["file"]))
check(lambda: fd(F["pidfd"])["kind"] == "pidfd" and fd(F["pidfd"])["pid"] == P["pidfd_child"], "pidfd: target pid",
      lambda: fd(F["pidfd"]))
check(lambda: fd(F["memfd"])["kind"] == "memfd" and fd(F["memfd"])["name"] == "dscope-memfd" and fd(F["memfd"])["size"] == 4096,
      "memfd: name and size", lambda: fd(F["memfd"]))

def kind(key, name, fields):
    """fd key has kind name and these fields, or mkfds could not make it."""
    if I.get(key) == "unavailable":
        skip(key + ": kind " + name, "mkfds could not create it here")
        return
    check(lambda: fd(F[key])["kind"] == name and all(fd(F[key]).get(k) == v for k, v in fields.items()),
          key + ": kind " + name + " " + json.dumps(fields), lambda: fd(F[key]))

import json
kind("socketpair_seqpacket", "unix", {"type": "seqpacket"})
check(lambda: peer(F["socketpair_seqpacket"]) == [(P["socketpair_seqpacket_child"], I["socketpair_seqpacket_child_fd"])],
      "seqpacket socketpair: peer", lambda: fd(F["socketpair_seqpacket"]))
kind("tcp6_listen", "tcp6", {"state": "LISTEN"})
if I.get("tcp6") != "unavailable":
    check(lambda: peer(F["tcp6_accepted"]) == [(P["tcp6_client"], I["tcp6_client_fd"])],
          "tcp6 loopback: peer is the client", lambda: fd(F["tcp6_accepted"]))
kind("udp6", "udp6", {})
# sockets sock_diag does not list: the protocol from their sockprotoname
for key, proto in (("tcp_unbound", "TCP"), ("udp_unbound", "UDP")):
    kind(key, "socket", {"protocol": proto})
    check(lambda: fd(F[key])["description"].startswith(proto + " socket inode %d " % fd(F[key])["inode"]),
          key + ": described with its protocol", lambda: fd(F[key]))
kind("raw", "raw", {"protocol_number": 1})
kind("packet", "packet", {"protocol_number": 0x0800})
kind("timerfd_rt", "timerfd", {"clock": "realtime", "interval_ns": 0})
kind("fanotify", "fanotify", {})
kind("io_uring", "io_uring", {"sq_entries": I.get("io_uring_sq_entries")})
kind("bpf_map", "bpf", {"object": "map", "map_type": "array", "key_size": 4, "value_size": 8, "max_entries": 4})
kind("perf", "perf", {})
kind("userfaultfd", "userfaultfd", {"pending": 0})

ep = lambda: {e["fd"]: e for e in fd(F["epoll"])["entries"]}
check(lambda: fd(F["epoll"])["kind"] == "eventpoll", "epoll: kind")
check(lambda: sorted(I["epoll_targets"]) == sorted(ep().keys()), "epoll: every watched fd listed",
      lambda: sorted(ep().keys()))
check(lambda: "ET" in ep()[F["unix_listen"]]["events"] and "IN" in ep()[F["unix_listen"]]["events"],
      "epoll: IN|ET decoded for the listener", lambda: ep()[F["unix_listen"]])
check(lambda: "ONESHOT" in ep()[F["eventfd"]]["events"], "epoll: ONESHOT decoded", lambda: ep()[F["eventfd"]])
check(lambda: "EXCLUSIVE" in ep()[F["tcp_listen"]]["events"], "epoll: EXCLUSIVE decoded", lambda: ep()[F["tcp_listen"]])
check(lambda: "RDHUP" in ep()[F["timerfd"]]["events"], "epoll: RDHUP decoded", lambda: ep()[F["timerfd"]])
check(lambda: ep()[F["unix_listen"]]["stale"] is None and ep()[F["unix_listen"]]["target"]["kind"] == "unix",
      "epoll: live entry described as its target", lambda: ep()[F["unix_listen"]])
check(lambda: ep()[I["epoll_stale_fd"]]["stale"] == "closed", "epoll: entry of a closed fd is stale (closed)",
      lambda: ep()[I["epoll_stale_fd"]])
check(lambda: ep()[I["epoll_reused_fd"]]["stale"] == "reused", "epoll: entry whose fd now names another file is stale (reused)",
      lambda: ep()[I["epoll_reused_fd"]])
PY
fdcheck "$tmp/fds.json" "$tmp/mk.json" "$tmp/checks.py"

# --- text ---------------------------------------------------------------------
run "$DSCOPE" fds "$pid"
is "$rc" 0 "text fds exits 0"
like "$(sed -n 1p "$out_file")" "^$pid mkfds" "header names the process"
like "$(sed -n 2p "$out_file")" '^ *FD +MODE +KIND +DESCRIPTION$' "column header"
pr=$(json_get "$tmp/mk.json" fds.pipe_child_r)
cpid=$(json_get "$tmp/mk.json" peers.pipe_child)
cfd=$(json_get "$tmp/mk.json" info.pipe_child_fd)
ok 'grep -qE "^ *$pr +r +pipe +pipe → mkfds-child \[$cpid\] fd $cfd \(w\)$" "$out_file"' \
	"text: pipe row names the child, its fd and mode"
stale=$(json_get "$tmp/mk.json" info.epoll_stale_fd)
ok 'grep -qE "^ +fd +$stale .*STALE" "$out_file"' "text: stale epoll entry marked"
ok '! grep -q $'"'"'\x1b'"'"' "$out_file"' "text: no raw escape bytes"

# --- errors -----------------------------------------------------------------
run "$DSCOPE" fds 4194305
is "$rc" 1 "unknown pid: exit 1"
is "$err" "dscope: no process with pid 4194305" "unknown pid: message"
run "$DSCOPE" fds
is "$rc" 2 "no PID or NAME: exit 2"
run "$DSCOPE" fds mkfds-child
is "$rc" 1 "a name matching several processes: exit 1"
like "$err" "processes match 'mkfds-child'; give a PID, or -a" "ambiguous name: asks to choose"
run "$DSCOPE" fds -a --json mkfds-child
is "$rc" 0 "-a NAME takes them all"
ok '[ "$(json_eval "$out_file" "len(d[\"processes\"])")" -ge 5 ]' "-a NAME: every child listed"

done_testing
