#!/usr/bin/env bash
# Find and follow, in a real terminal: global search, in-page find, the decision
# wizard, OSC 52 copy (read back from tmux's buffer), $BROWSER, bookmarks, notes
# in $EDITOR, and topics as man pages.
set -u
bin=$(realpath "${1:-./mlcert}")
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
here=$(cd "$(dirname "$0")/../.." && pwd)
pack="$here/tests/data/packs/good"
tmp=$(mktemp -d)
run=0
sock="mlcert-find-$$-$run"
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
keys() { tmx send-keys -t e2e "$@"; sleep 0.15; }
type_text() { tmx send-keys -t e2e -l "$1"; sleep 0.15; }

# Helper programs standing in for a browser and an editor.
cat > "$tmp/browser" <<EOF
#!/bin/sh
echo "\$@" > "$tmp/browsed"
EOF
cat > "$tmp/editor" <<EOF
#!/bin/sh
printf 'My own note: check the quota page.\n' > "\$1"
EOF
chmod +x "$tmp/browser" "$tmp/editor"

start() {
	tmx kill-server 2>/dev/null
	wait_programs_gone
	run=$((run + 1)); sock="mlcert-find-$$-$run"
	tmx new-session -d -s e2e -x 100 -y 30 \
		"env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 BROWSER='$tmp/browser' EDITOR='$tmp/editor' '$bin' --content '$pack' --state '$tmp/state'; sleep 30"
	tmx set-option -t e2e status off >/dev/null
	tmx set-option -s set-clipboard on >/dev/null
	expect_screen start "Alpha domain"
}

start
# Global search: incremental, Enter opens the hit in the reader.
keys /
type_text "second"
expect_screen search-results "2 matches for 'second'"
expect_screen search-question "question  q-multi"
keys BSpace BSpace BSpace BSpace BSpace BSpace
type_text "topic two"
expect_screen search-title "topic     Topic two"
keys Enter
expect_screen search-opens "TOPIC-TWO(7)"

# In-page find: highlight, Enter keeps it, n finds the next match.
keys Escape
keys /
type_text "Topic one"
expect_screen find-prompt "Find in page (Enter keeps it, then n/N): /Topic one"
keys Enter
expect_screen find-kept "match 1 of 1: Topic one"
keys n
expect_screen find-next "topic-one(7) - Topic one"
expect_screen find-wraps "search hit BOTTOM, continuing at TOP; match 1 of 1: Topic one"

# Links: ] to SEE ALSO, Enter follows; ] to the resource, y copies, o opens.
keys Tab Tab # reader -> quiz -> tree, where / searches everything
keys /
type_text "topic one"
keys Enter
expect_screen to-topic-one "TOPIC-ONE(7)"
keys ']' ']' ']'
keys y
expect_screen copied "Copied to the clipboard (OSC 52): https://example.com/doc"
if [ "$(tmx show-buffer 2>/dev/null)" = "https://example.com/doc" ]; then ok; else
	bad "OSC 52 did not reach tmux's buffer: '$(tmx show-buffer 2>&1)'"; fi
keys o
expect_screen browsed "Opened with \$BROWSER: https://example.com/doc"
[ "$(cat "$tmp/browsed" 2>/dev/null)" = "https://example.com/doc" ] && ok || bad "browser got '$(cat "$tmp/browsed" 2>/dev/null)'"

# Bookmarks and notes.
keys B
expect_screen bookmarked "Bookmarked: Topic one"
grep -qE '^1 [0-9]+ bookmark topic-one 0 0 0 1 ' "$tmp/state/fixture/$(head -n 1 "$tmp/state/device-id").journal" && ok || bad "bookmark journaled"
keys L
expect_screen bookmark-list "Topic one  (topic-one)"
keys Enter
keys E
expect_screen note-saved "Note saved beside your progress"
[ -f "$tmp/state/notes/fixture/topic-one.txt" ] && ok || bad "note file written"
keys G
expect_screen note-shown "My own note: check the quota page."
expect_screen note-heading "NOTES"

# The decision wizard: choose, step back, choose again, open the result's topic.
keys W
expect_screen wizard-list "1. A flow"
keys Enter
expect_screen wizard-ask "Is it one?"
keys 2
expect_screen wizard-result "It is two."
expect_screen wizard-breadcrumb "Is it one? no"
keys BSpace
expect_screen wizard-back "1. yes"
keys 1
expect_screen wizard-note "a note"
keys Enter
expect_screen wizard-opens "Topic one (Backspace returns)"
keys q

# Topics as man pages.
"$bin" --content "$pack" man topic-one > "$tmp/page.7"
grep -qF '.TH MLCERT-TOPIC-ONE 7 2026-01-31' "$tmp/page.7" && ok || bad "man .TH line"
MANWIDTH=80 man -l "$tmp/page.7" 2>/dev/null > "$tmp/page.txt"
grep -qF "mlcert-topic-one - a topic with every field" "$tmp/page.txt" && ok || { bad "man NAME"; cat "$tmp/page.txt"; }
grep -qF "Replaced by mlcert-topic-two(7)." "$tmp/page.txt" && ok || bad "man STATUS"
grep -qF "mlcert-topic-two(7)" "$tmp/page.txt" && ok || bad "man SEE ALSO"
"$bin" --content "$pack" man --list | tr '\n' ' ' | grep -qx "area-one topic-one topic-two " && ok || bad "man --list"
"$bin" --content "$pack" man no-such > /dev/null 2> "$tmp/err"; [ $? = 2 ] && ok || bad "man unknown topic status"

echo "find: $passed passed, $failed failed"
[ "$failed" = 0 ]
