#!/usr/bin/env bash
# Load, check and free under valgrind: the bundled pack, and a pack holding every
# broken fixture at once (every error path). Any leak or memory error fails.
set -u
bin=$(realpath "${1:-./mlcert}")
here=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp -r "$here/tests/data/packs/good" "$tmp/all-broken"
cp "$here/tests/data/broken/"*.yaml "$tmp/all-broken/"
vg() { valgrind --quiet --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
	--error-exitcode=9 "$@"; }
passed=0 failed=0
run() { # expected status, args...
	local want=$1; shift
	vg "$bin" "$@" >/dev/null 2>"$tmp/err"; local got=$?
	if [ "$got" = "$want" ]; then passed=$((passed + 1)); else
		failed=$((failed + 1)); echo "FAIL valgrind $*: exit $got, wanted $want"; cat "$tmp/err"; fi
}
run 0 lint "$here/content/pmle"
run 1 lint "$tmp/all-broken"
run 1 lint --json "$tmp/all-broken"
run 2 lint "$tmp/missing"
echo "valgrind: $passed passed, $failed failed"
[ "$failed" = 0 ]
