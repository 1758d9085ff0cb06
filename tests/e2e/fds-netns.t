#!/usr/bin/env bash
# Sockets in another network namespace are looked up in that namespace:
# mkfds runs under `unshare -n`, and dscope (in the first namespace) still
# decodes its sockets and finds their peers.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fdcheck.sh"

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
DSCOPE=${DSCOPE:-$TOP/build/asan/dscope}
HELPERS=${HELPERS:-$TOP/build/helpers}

[ "$(id -u)" -eq 0 ] || skip_all "creating a network namespace needs root"
command -v unshare >/dev/null || skip_all "unshare (util-linux) is not installed"
command -v ip >/dev/null || skip_all "ip (iproute2) is not installed"
unshare -n true 2>/dev/null || skip_all "this machine refuses new network namespaces"
tmp=$(tap_tmpdir)

exec {mkfd}< <(exec unshare -n sh -c 'ip link set lo up && exec "$0" "$@"' \
	"$HELPERS/mkfds" --dir "$tmp/mk" socketpair-child unix-server tcp netlink)
at_exit "kill -TERM $! 2>/dev/null"
IFS= read -r -t 20 line <&"$mkfd" || bail_out "mkfds in a new network namespace did not report"
printf '%s\n' "$line" >"$tmp/mk.json"
pid=$(json_get "$tmp/mk.json" pid)
isnt "$(readlink /proc/$pid/ns/net)" "$(readlink /proc/self/ns/net)" \
	"mkfds runs in another network namespace"

run "$DSCOPE" fds --json "$pid"
is "$rc" 0 "fds --json exits 0"
cp "$out_file" "$tmp/fds.json"
cat >"$tmp/checks.py" <<'PY'
F, P, I = mk["fds"], mk["peers"], mk["info"]
peer = lambda n: [(p["pid"], p["fd"]) for p in fd(n)["peers"]]
check(lambda: peer(F["socketpair"]) == [(P["socketpair_child"], I["socketpair_child_fd"])],
      "socketpair in the other namespace: peer found", lambda: fd(F["socketpair"]))
check(lambda: fd(F["unix_listen"])["state"] == "LISTEN", "unix listener decoded", lambda: fd(F["unix_listen"]))
check(lambda: peer(F["unix_accepted1"]) == [(P["unix_client1"], I["unix_client1_fd"])],
      "accepted unix socket: peer is the client", lambda: fd(F["unix_accepted1"]))
check(lambda: fd(F["tcp_listen"])["kind"] == "tcp" and fd(F["tcp_listen"])["local"]["port"] == I["tcp_port"],
      "tcp listener in the other namespace decoded", lambda: fd(F["tcp_listen"]))
check(lambda: fd(F["netlink"])["kind"] == "netlink", "netlink socket decoded", lambda: fd(F["netlink"]))
PY
fdcheck "$tmp/fds.json" "$tmp/mk.json" "$tmp/checks.py"

done_testing
