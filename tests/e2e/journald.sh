# A real systemd-journald for the e2e scripts, started by the test when
# none runs (systemd need not be PID 1). Source after lib.sh.
#
#   journald_start    sets JOURNALD_PID; skips the whole script (skip_all)
#                     when journald cannot run here; stops it at exit only
#                     if this script started it

JOURNALD_BIN=${JOURNALD_BIN:-/lib/systemd/systemd-journald}
JOURNALD_STDOUT=/run/systemd/journal/stdout

_journald_pid_of_socket() {
	# the process holding the listening stdout socket
	local p
	for p in $(pgrep -x systemd-journal 2>/dev/null); do
		echo "$p"
		return 0
	done
	return 1
}

# Whether something accepts connections on journald's stdout socket (a
# socket file left by a journald that exited refuses them).
_journald_listening() {
	python3 -c 'import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(2)
s.connect(sys.argv[1])' "$JOURNALD_STDOUT" 2>/dev/null
}

journald_start() {
	if [ -S "$JOURNALD_STDOUT" ] && JOURNALD_PID=$(_journald_pid_of_socket) &&
		_journald_listening; then
		return 0
	fi
	[ -x "$JOURNALD_BIN" ] || skip_all "systemd-journald is not installed ($JOURNALD_BIN)"
	[ "$(id -u)" -eq 0 ] || skip_all "starting systemd-journald needs root"
	mkdir -p /run/systemd/journal
	"$JOURNALD_BIN" </dev/null >/dev/null 2>&1 &
	JOURNALD_PID=$!
	at_exit "kill -TERM $JOURNALD_PID 2>/dev/null; wait $JOURNALD_PID 2>/dev/null"
	for _ in $(seq 100); do
		[ -S "$JOURNALD_STDOUT" ] && _journald_listening && return 0
		sleep 0.1
	done
	bail_out "systemd-journald (pid $JOURNALD_PID) did not create $JOURNALD_STDOUT"
}
