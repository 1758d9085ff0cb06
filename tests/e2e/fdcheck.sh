# fdcheck FDS_JSON MKFDS_JSON CHECKS_PY: runs fdcheck.py and turns each
# PASS/FAIL line into a TAP result. Source after lib.sh.
fdcheck() {
	local r results

	results=$(python3 "$(dirname "${BASH_SOURCE[0]}")/fdcheck.py" "$@")
	[ -n "$results" ] || { ok 1 "fdcheck.py ran no check"; return; }
	while IFS= read -r r; do
		case $r in
		PASS\ *) ok 0 "${r#PASS }" ;;
		FAIL\ *) ok 1 "${r#FAIL }"; diag "$r" ;;
		SKIP\ *) skip "${r#SKIP }" ;;
		esac
	done <<<"$results"
}
