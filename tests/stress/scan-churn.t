#!/usr/bin/env bash
# make stress: for STRESS_SECONDS (60), churn starts and ends up to 2,000
# processes a second, each with threads and fds, each named churn-PID,
# while dscope ps -a, fds -a, graph and inspect run in a loop, text and
# JSON (the sanitized build). Every run must exit 0 with valid JSON and no
# sanitizer report, and no process may be shown under another's pid (a
# churn-N shown with a pid other than N would be a reused pid's mix).
. "$(dirname "$0")/../e2e/lib.sh"

TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
DSCOPE=${DSCOPE:-$TOP/build/asan/dscope}
HELPERS=${HELPERS:-$TOP/build/helpers}
SECONDS_WANTED=${STRESS_SECONDS:-60}
tmp=$(tap_tmpdir)
command -v python3 >/dev/null || skip_all "python3 is needed to read the JSON"

"$HELPERS/churn" "$SECONDS_WANTED" 2000 >"$tmp/churn.out" 2>&1 &
churn=$!
at_exit "kill $churn 2>/dev/null; wait $churn 2>/dev/null"

# check_json FILE: valid JSON where every churn-N is shown as pid N
check_json() {
	python3 - "$1" <<'PY'
import json, re, sys
doc = json.load(open(sys.argv[1]))
bad = []
def walk(v):
    if isinstance(v, dict):
        m = re.fullmatch(r"churn-(\d+)", str(v.get("comm", "")))
        if m and "pid" in v and int(m.group(1)) != v["pid"]:
            bad.append("pid %s comm %s" % (v["pid"], v["comm"]))
        for x in v.values():
            walk(x)
    elif isinstance(v, list):
        for x in v:
            walk(x)
    elif isinstance(v, str):
        for a, b in re.findall(r"churn-(\d+)\[(\d+)\]", v):
            if a != b:
                bad.append(v)
walk(doc)
if bad:
    print("\n".join(bad[:5]))
    sys.exit(1)
PY
}

declare -A runs fails
failures=0
round=0
start=$SECONDS
while kill -0 "$churn" 2>/dev/null && ((SECONDS - start < SECONDS_WANTED)); do
	round=$((round + 1))
	for c in "ps -a" "ps -a --json" "fds -a" "fds -a --json" "graph" "graph --format json" \
		"inspect $churn" "inspect $churn --json"; do
		# shellcheck disable=SC2086 # the command's words
		"$DSCOPE" $c >"$tmp/out" 2>"$tmp/err" </dev/null
		rc=$?
		runs[$c]=$((${runs[$c]:-0} + 1))
		why=
		if [ "$rc" -ne 0 ]; then
			# the churn parent may end as the round runs
			kill -0 "$churn" 2>/dev/null || [[ $c != inspect* ]] && why="exit $rc"
		elif grep -q Sanitizer "$tmp/err"; then
			why="sanitizer: $(grep -m1 Sanitizer "$tmp/err")"
		elif [[ $c == *json* ]] && ! check_json "$tmp/out" >"$tmp/check" 2>&1; then
			why="bad JSON or a mixed pid: $(head -c 300 "$tmp/check")"
		elif [[ $c != *json* ]] && grep -oE 'churn-[0-9]+\[[0-9]+\]' "$tmp/out" |
			awk -F'[-[\\]]' '$2 != $3 { bad = 1 } END { exit !bad }'; then
			why="a mixed pid in the text"
		fi
		if [ -n "$why" ]; then
			fails[$c]=$((${fails[$c]:-0} + 1))
			failures=$((failures + 1))
			((failures <= 10)) && diag "round $round, dscope $c: $why: $(head -c 300 "$tmp/err")"
		fi
	done
done
kill -TERM "$churn" 2>/dev/null
wait "$churn"
started=$(grep -oE '[0-9]+' "$tmp/churn.out" | head -1)
diag "churn started ${started:-?} processes; $round rounds of 8 dscope runs"
ok "[ $round -gt 0 ]" "dscope ran while processes came and went ($round rounds)"
for c in "${!runs[@]}"; do
	is "${fails[$c]:-0}" 0 "dscope $c: ${runs[$c]} runs, none failed"
done
[ -n "${STRESS_FIGURES:-}" ] && echo "$SECONDS_WANTED ${started:-0} $round" >"$STRESS_FIGURES"

done_testing
