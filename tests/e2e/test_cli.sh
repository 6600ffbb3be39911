#!/usr/bin/env bash
# The real binary's command line: exit statuses, --version, --help and lint on broken copies.
set -u
bin=$(realpath "${1:-./mlcert}")
here=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
check() { # name, expected status, command...
	local name=$1 want=$2; shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"; local got=$?
	if [ "$got" = "$want" ]; then passed=$((passed + 1)); else
		failed=$((failed + 1)); echo "FAIL $name: exit $got, wanted $want"; cat "$tmp/err"; fi
}
expect_text() { # name, file, text
	if grep -qF -- "$3" "$2"; then passed=$((passed + 1)); else
		failed=$((failed + 1)); echo "FAIL $1: '$3' not in output:"; cat "$2"; fi
}

check version 0 "$bin" --version; expect_text version-text "$tmp/out" "mlcert "
check help 0 "$bin" --help; expect_text help-text "$tmp/out" "lint [DIR] [--json]"
check no-terminal 2 "$bin"
check unknown-command 2 "$bin" frobnicate; expect_text unknown-text "$tmp/err" "unknown command 'frobnicate'"
check lint-bad-option 2 "$bin" lint --nope
check lint-bundled 0 "$bin" lint "$here/content/pmle"; expect_text summary "$tmp/out" "0 errors"
check lint-missing 2 "$bin" lint "$tmp/none"
check lint-built-in 0 "$bin" lint; expect_text built-in "$tmp/out" "(built in): "
check keys 0 "$bin" keys; expect_text keys-text "$tmp/out" "In the mock exam:"
check quiz-needs-plain 2 "$bin" quiz
check bad-retention 2 "$bin" --retention 2 stats
check bad-exam-date 2 "$bin" --exam-date 2026-13-01 stats

# A broken copy of the bundled pack: every kind of damage at once, each reported with a position.
cp -r "$here/content/pmle" "$tmp/p"
first_topics=$(ls "$tmp/p/topics/"*.yaml | head -1)
sed -i '0,/weight: 13/s//weight: 13abc/' "$tmp/p/pack.yaml"
head -c 300 "$first_topics" > "$tmp/p/topics/zz-truncated.yaml"
printf 'topics: []\nsurprise: 1\n' > "$tmp/p/topics/zz-unknown.yaml"
: > "$tmp/p/questions/zz-empty.yaml"
cp "$(ls "$tmp/p/questions/"*.yaml | head -1)" "$tmp/p/questions/zz-duplicate.yaml"
cp "$here/tests/data/broken/alias-bomb.yaml" "$tmp/p/flows/zz-bomb.yaml"
start=$(date +%s%N)
check lint-broken 1 "$bin" lint "$tmp/p"
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
expect_text junk-number "$tmp/err" "pack.yaml:"
expect_text junk-number-msg "$tmp/err" "'weight' must be a whole number from 0 to 100, not '13abc'"
expect_text unknown-key "$tmp/err" "zz-unknown.yaml:2:1: error: unknown key 'surprise'"
expect_text empty "$tmp/err" "zz-empty.yaml:1:1: error: empty file"
expect_text duplicate "$tmp/err" "error: duplicate id '"
expect_text duplicate-where "$tmp/err" "': first defined at $tmp/p/questions/"
expect_text bomb "$tmp/err" "zz-bomb.yaml:1:5: error: YAML anchors and aliases are not allowed"
expect_text truncated "$tmp/err" "zz-truncated.yaml:"
check lint-broken-json 1 "$bin" lint --json "$tmp/p"
expect_text json "$tmp/out" '"ok":false'
echo "lint of the broken copy took ${elapsed_ms} ms (reported, not asserted)"

echo "cli: $passed passed, $failed failed"
[ "$failed" = 0 ]
