#!/usr/bin/env bash
# Reading like less and man, in tmux at 60x20, 80x24 and 200x50: half pages
# (d u Ctrl-D Ctrl-U) and pages (Ctrl-F Ctrl-B), the position indicator in
# the pane and full width, find's feedback (a miss, a wrap, / Enter), the
# prompt's editing and recall, in-page and across the pack, the reading
# measure (reader, quiz, exam; MLCERT_WIDTH and --width), the exam date
# prompt that refuses and stays usable; then import of another pack's export.
set -u
bin=$(realpath "${1:-./mlcert}")
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
here=$(cd "$(dirname "$0")/../.." && pwd)
pack="$here/tests/data/packs/reading"
tmp=$(mktemp -d)
run=0
sock="mlcert-reader-$$-$run"
tmx() { tmux -L "$sock" "$@"; }
trap 'tmx kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
screen() { tmx capture-pane -p -t e2e; }
wait_for() {
	for _ in $(seq 1 100); do screen | grep -qF -- "$1" && return 0; sleep 0.05; done
	return 1
}
expect_screen() { if wait_for "$2"; then ok; else bad "$1: '$2' not on screen"; screen | sed 's/^/  | /'; fi; }
expect_not_screen() {
	sleep 0.2
	if screen | grep -qF -- "$2"; then bad "$1: '$2' should not be on screen"; screen | sed 's/^/  | /'; else ok; fi
}
keys() { tmx send-keys -t e2e "$@"; sleep 0.15; }
type_text() { tmx send-keys -t e2e -l "$1"; sleep 0.15; }
# The reader's position as its indicator says it: "line N/".
position() { screen | grep -oE 'line [0-9]+/' | head -1; }
# The widest text on the body rows (not the title or hint bar): of the whole
# row (full), right of the tree's separator (right), or under the exam's
# header (exam). Pane headers span their pane: a row ending in a figure
# ("line 1/9 12%", "1/2") is a header, not prose.
widest() {
	screen | python3 -c '
import re, sys, unicodedata
mode = sys.argv[1]
rows = sys.stdin.read().split("\n")[1:-2][1 if mode == "exam" else 0:]
part = lambda r: r.split("\u2502", 1)[1] if mode == "right" and "\u2502" in r else r
header = lambda r: re.search(r"\s(line \d+/\d+ \d+%|\d+/\d+)$", r.rstrip())
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(max(w(part(r).rstrip()) for r in rows if not header(part(r))))' "$1"
}
start() { # width height [env and options...]
	local w=$1 h=$2; shift 2
	tmx kill-server 2>/dev/null
	wait_programs_gone
	run=$((run + 1)); sock="mlcert-reader-$$-$run"
	rm -rf "$tmp/state"
	tmx new-session -d -s e2e -x "$w" -y "$h" \
		"env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 MLCERT_NOW=1780315200 $* '$bin' --content '$pack' --state '$tmp/state' ${MLCERT_OPTIONS:-}; sleep 30"
	tmx set-option -t e2e status off >/dev/null
	expect_screen "start ${w}x${h}" "Prose domain"
}

# One pass at a size. rows: the reader pane's page rows with the reader
# focused; full: the full-width reader's (the body, less the two bars).
at_size() {
	local w=$1 h=$2 rows=$3 full=$4 s="${1}x${2}"
	local half=$((rows / 2)) full_half=$((full / 2))
	start "$w" "$h"
	keys Enter j Enter
	expect_screen "$s open" "LONG-READ(7)"
	expect_screen "$s position" "line 1/"

	# ---- half pages and pages, as in less
	keys d
	expect_screen "$s d" "line $((1 + half))/"
	keys u
	expect_screen "$s u" "line 1/"
	keys C-d C-d
	expect_screen "$s Ctrl-D" "line $((1 + 2 * half))/"
	keys C-u
	expect_screen "$s Ctrl-U" "line $((1 + half))/"
	keys C-b
	expect_screen "$s Ctrl-B" "line 1/"
	keys C-f
	expect_screen "$s Ctrl-F" "line $((1 + rows))/"
	keys g
	# full width: no header, the position at the end of the hint bar
	keys f
	expect_screen "$s full" "LONG-READ(7)"
	[ "$(screen | tail -1 | grep -oE 'line [0-9]+/[0-9]+ [0-9]+%$')" != "" ] && ok ||
		{ bad "$s: position at the end of the full-width hint bar"; screen | tail -1; }
	keys d
	expect_screen "$s full d" "line $((1 + full_half))/"
	keys G
	expect_screen "$s read to the end" "Read: Long read"
	keys G # the status gives the bar back to the position
	expect_screen "$s full bottom" "100%"
	expect_screen "$s measure paragraph" "Measure these words"
	local wide; wide=$(widest full)
	[ "$wide" -le 80 ] && [ "$wide" -ge $((w < 80 ? w - 10 : 70)) ] && ok ||
		{ bad "$s: full-width prose $wide columns wide (at most 80, and using the room)"; screen | sed 's/^/  | /'; }
	keys f g

	# ---- find: a count, a miss that stays put, a wrap, / Enter
	keys /
	type_text "needle"
	expect_screen "$s find as typed" "match 1 of 3: needle"
	keys Enter
	expect_screen "$s find kept" "match 1 of 3: needle"
	expect_screen "$s at the match" "line 26/"
	keys n
	expect_screen "$s n" "match 2 of 3: needle"
	keys n
	expect_screen "$s n again" "match 3 of 3: needle"
	keys n
	expect_screen "$s wrap" "search hit BOTTOM, continuing at TOP"
	expect_screen "$s wrapped to the first" "line 26/"
	keys N
	expect_screen "$s wrap back" "search hit TOP, continuing at BOTTOM"
	keys g
	keys /
	type_text "needlx"
	expect_screen "$s miss" "Pattern not found: needlx"
	[ "$(position)" = "line 1/" ] && ok || bad "$s: a miss moved the page to $(position)"
	keys Enter
	expect_screen "$s miss kept" "Pattern not found: needlx"
	keys /
	type_text "needle"
	keys Enter
	keys / Enter
	expect_screen "$s / Enter repeats" "match 2 of 3: needle"
	expect_screen "$s / Enter moved" "line 56/"

	# ---- the prompt edits and remembers
	keys /
	type_text "foo barx"
	keys BSpace
	expect_screen "$s Backspace" "/foo bar_"
	keys C-w
	expect_screen "$s Ctrl-W" "/foo _"
	keys C-u
	expect_screen "$s Ctrl-U" "/_"
	expect_not_screen "$s Ctrl-U erased" "/foo"
	keys Up
	expect_screen "$s Up" "/needle_"
	keys Up
	expect_screen "$s Up again" "/needlx_"
	keys Down
	expect_screen "$s Down" "/needle_"
	keys Escape
	expect_not_screen "$s Esc" "/needle_"
	# across the pack, from the quiz: its own entries
	keys Tab /
	expect_screen "$s search" "Search topics, questions and links"
	type_text "short"
	expect_screen "$s search results" "matches for 'short'"
	keys Enter
	expect_screen "$s search opens" "SHORT-READ(7)"
	keys Tab /
	keys Up
	expect_screen "$s search recalled" "Search: short_"
	expect_screen "$s search recalled results" "matches for 'short'"
	keys C-u
	keys Enter
	expect_screen "$s search Enter repeats" "Search: short_"
	keys Escape

	# ---- the measure in the quiz and the exam
	keys Enter
	expect_screen "$s quiz" "Question 1 of 1"
	keys Escape
	start "$w" "$h"
	keys Enter j Enter Tab
	expect_screen "$s long question" "Stem this question"
	wide=$(widest right)
	[ "$wide" -le 80 ] && ok || { bad "$s: quiz prose $wide columns wide"; screen | sed 's/^/  | /'; }
	keys X
	expect_screen "$s exam intro" "Mock exam"
	keys Enter
	expect_screen "$s exam question" "Question 1 of 2"
	wide=$(widest exam)
	keys n
	expect_screen "$s exam question 2" "Question 2 of 2"
	local wide2; wide2=$(widest exam)
	[ "$wide2" -gt "$wide" ] && wide=$wide2
	# one column in from the edge, then the page
	[ "$wide" -le 81 ] && [ "$wide" -ge $((w < 80 ? w - 10 : 70)) ] && ok ||
		{ bad "$s: exam prose $wide columns wide"; screen | sed 's/^/  | /'; }
	keys q
	expect_screen "$s exam paused" "Prose domain"

	# ---- the exam date: refused with a reason, the prompt still usable
	keys D
	expect_screen "$s dashboard" "Progress: Reading pack"
	keys e
	type_text "2025-13-45"
	keys Enter
	expect_screen "$s bad date" "'2025-13-45' is not a date"
	expect_screen "$s prompt kept" "Exam date"
	keys C-u
	type_text "2026-05-31"
	keys Enter
	expect_screen "$s past date" "2026-05-31 is in the past"
	keys C-u
	type_text "2026-12-15"
	keys Enter
	expect_screen "$s date set" "Exam date set to 2026-12-15"
	grep -qE '^1 [0-9]+ setting exam-date 0 0 0 1797292800 ' "$tmp/state/reading/$(head -n 1 "$tmp/state/device-id" 2>/dev/null).journal" && ok ||
		bad "$s: exam date journaled"
	keys Escape
	# back in the main view with the quiz focused: its long question claims
	# the room it needs (issue 16), the whole width on a small screen
	expect_screen "$s keys work after" "Quiz: Long read"
	expect_not_screen "$s dashboard closed" "Progress: Reading pack"
	keys q
}

at_size 60 20 9 18
at_size 80 24 11 22
at_size 200 50 26 48

# ---- the measure's setting, at 200x50 full width ------------------------------
for setting in "MLCERT_WIDTH=100|" "|--width 0" "MLCERT_WIDTH=100|--width 60"; do
	env_part=${setting%%|*} option=${setting#*|}
	MLCERT_OPTIONS=$option start 200 50 "$env_part"
	keys Enter j Enter f G
	expect_screen "measure $setting" "Measure these words"
	wide=$(widest full)
	case $setting in
	"MLCERT_WIDTH=100|") [ "$wide" -gt 80 ] && [ "$wide" -le 100 ] ;;
	"|--width 0") [ "$wide" -gt 100 ] ;;
	*) [ "$wide" -le 60 ] && [ "$wide" -gt 50 ] ;;
	esac && ok || { bad "measure $setting: $wide columns"; screen | sed 's/^/  | /'; }
	keys f q
done
MLCERT_WIDTH=5 "$bin" --content "$pack" --state "$tmp/state" > "$tmp/out" 2>&1; st=$?
[ "$st" = 2 ] && grep -qF "MLCERT_WIDTH wants 0 (the whole width) or a number of columns from 20 to 1000, not '5'" "$tmp/out" &&
	ok || { bad "bad MLCERT_WIDTH: $st"; cat "$tmp/out"; }
"$bin" --width wide --content "$pack" stats > "$tmp/out" 2>&1; st=$?
[ "$st" = 2 ] && grep -qF -- "--width wants 0" "$tmp/out" && ok || { bad "bad --width: $st"; cat "$tmp/out"; }

# ---- the help says where u went --------------------------------------------------
start 80 24
keys '?'
expect_screen help "half a page down, as in less"
for _ in 1 2 3 4 5; do screen | grep -qF "u now scrolls" && break; keys Space; done
expect_screen help-back "go back where you came from (u now scrolls, as in less)"
# the keys' column is as wide as the longest keys (issue 16's help page)
for _ in $(seq 1 40); do screen | grep -qE '^ +d +half a page down' && break; sleep 0.05; done
screen | grep -qE '^ +d +half a page down' && ok || { bad "help-du: d is not listed as half a page down"; screen | sed 's/^/  | /'; }
keys Escape q

# ---- import: another pack's export says so and fails ------------------------------
"$bin" --content "$here/tests/data/packs/good" --state "$tmp/other" export > "$tmp/other.json" 2>/dev/null
"$bin" --content "$pack" --state "$tmp/state" import "$tmp/other.json" > "$tmp/out" 2> "$tmp/err"; st=$?
[ "$st" = 1 ] && ok || bad "import of another pack's export: exit $st"
grep -qF "an export of the pack 'fixture', not of 'reading'" "$tmp/err" && ok || { bad "import message"; cat "$tmp/err"; }
[ ! -s "$tmp/out" ] && ok || { bad "import said it imported"; cat "$tmp/out"; }
"$bin" --content "$pack" --state "$tmp/state" export > "$tmp/own.json"
"$bin" --content "$pack" --state "$tmp/state" import "$tmp/own.json" > "$tmp/out" 2>&1 && ok || { bad "own export"; cat "$tmp/out"; }
"$bin" --exam-date 2026-01-01 --content "$pack" --state "$tmp/state" stats > "$tmp/out" 2>&1; st=$?
[ "$st" = 2 ] && grep -qF "is in the past" "$tmp/out" && ok || { bad "--exam-date in the past: $st"; cat "$tmp/out"; }

echo "reader: $passed passed, $failed failed"
[ "$failed" = 0 ]
