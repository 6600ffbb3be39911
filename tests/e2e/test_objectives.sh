#!/usr/bin/env bash
# The exam guide's objectives on screen: the dashboard of the bundled pack
# shows mastery per objective, titles wrapped (never cut) at 60x20 and in one
# line at 200x50, and an answer to a question of objective 1.1 counts there.
set -u
bin=$(realpath "${1:-./mlcert}")
tmp=$(mktemp -d)
run=0
sock="mlcert-objectives-$$-$run"
passed=0 failed=0
tmx() { tmux -L "$sock" "$@"; }
cleanup() { tmx kill-server 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
screen() { tmx capture-pane -p -t e2e 2>/dev/null; }
wait_for() {
	for _ in $(seq 1 100); do
		screen | grep -qF -- "$1" && return 0
		sleep 0.05
	done
	return 1
}
expect_screen() { # name, text
	if wait_for "$2"; then ok; else bad "$1: '$2' not on screen"; screen | sed 's/^/  | /'; fi
}
start() { # width height
	tmx kill-server 2>/dev/null
	run=$((run + 1)); sock="mlcert-objectives-$$-$run" # a fresh server each time: no shutdown race
	tmx new-session -d -s e2e -x "$1" -y "$2" \
		"env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_CACHE_HOME='$tmp/cache' '$bin' --state '$tmp/state'; sleep 30"
	tmx set-option -t e2e status off >/dev/null
	expect_screen "start ${1}x$2" "Topics"
}
# Down to the objectives: the dashboard scrolls line by line.
to_objectives() {
	tmx send-keys -t e2e D
	expect_screen dashboard "Progress:"
	for _ in $(seq 1 40); do
		screen | grep -qF "Mastery per objective" && break
		tmx send-keys -t e2e j; sleep 0.03
	done
	for _ in $(seq 1 3); do tmx send-keys -t e2e j; sleep 0.03; done
}

start 60 20
to_objectives
expect_screen heading-60 "Mastery per objective (latest answer right)"
expect_screen wrapped-first-60 "1.1  Developing models with BigQuery ML and AutoML,"
expect_screen wrapped-rest-60 "including Gemini tuning on BigQuery data"
expect_screen none-yet "0/26 right, 0 seen"

start 200 50
to_objectives
expect_screen one-line-200 "1.1  Developing models with BigQuery ML and AutoML, including Gemini tuning on BigQuery data"
tmx kill-server

# One answer to a question of objective 1.1 (plain mode), whatever its letter.
printf 'a\n\n' | XDG_CACHE_HOME="$tmp/cache" "$bin" --state "$tmp/state" quiz --plain --question lc-bqml-churn-analysts >/dev/null 2>&1
start 80 24
to_objectives
if wait_for "1 seen"; then
	line=$(screen | grep -F "1 seen" | head -1)
	case "$line" in
	*"/26 right, 1 seen"*) ok ;;
	*) bad "objective 1.1 counts the answer: '$line'" ;;
	esac
else bad "no objective shows 1 seen"; screen | sed 's/^/  | /'; fi

echo "objectives: $passed passed, $failed failed"
[ "$failed" = 0 ]
