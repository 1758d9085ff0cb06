# An ordinary user for the e2e scripts. Source after lib.sh.
#
#   test_user_ready FILE...   creates the user dscope-test when missing and
#                             copies FILEs into $TEST_BIN, a directory the
#                             user can enter (the checkout may sit where it
#                             cannot), with $TEST_BIN/w writable by it.
#                             Returns 1 (with $TEST_USER_WHY set) when this
#                             machine cannot do that: not root, no setpriv.
#   as_user CMD...            runs CMD as that user

TEST_USER=dscope-test

test_user_ready() {
	if [ "$(id -u)" -ne 0 ]; then
		TEST_USER_WHY="needs root to create a test user"
		return 1
	fi
	if ! command -v setpriv >/dev/null; then
		TEST_USER_WHY="setpriv (util-linux) is not installed"
		return 1
	fi
	if ! id "$TEST_USER" >/dev/null 2>&1 &&
		! useradd --system --no-create-home --shell /usr/sbin/nologin "$TEST_USER"; then
		TEST_USER_WHY="cannot create user $TEST_USER"
		return 1
	fi
	TEST_BIN=$(mktemp -d /tmp/dscope-user.XXXXXX) || return 1
	at_exit "rm -rf $TEST_BIN"
	cp "$@" "$TEST_BIN/" || return 1
	mkdir "$TEST_BIN/w"
	chmod 755 "$TEST_BIN"
	chmod 777 "$TEST_BIN/w"
}

as_user() {
	setpriv --reuid="$TEST_USER" --regid="$TEST_USER" --clear-groups -- "$@"
}
