#!/usr/bin/env bash
# Every screen fits (issue 16), in tmux at 60x20, 80x24 and 200x50: the quiz
# claims the room its question needs and marks what is below; nothing is
# clipped silently (status messages, titles beside figures, tree rows,
# percentages, the submit screen, the navigator, help); lists keep their
# selection in view; hints tell the truth with "? Help" kept; help is
# correct, grouped and searchable. Runs on tests/data/packs/fit and on the
# bundled pack (the issue's own cases).
set -u
bin=$(realpath "${1:-./mlcert}")
here=$(cd "$(dirname "$0")/../.." && pwd)
fit="$here/tests/data/packs/fit"
tmp=$(mktemp -d)
run=0
sock="mlcert-fit-$$-$run"
tmx() { tmux -L "$sock" "$@"; }
trap 'tmx kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
passed=0 failed=0 size=""
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL [$size]: $*"; }
screen() { tmx capture-pane -p -t e2e; }
wait_for() {
	for _ in $(seq 1 100); do screen | grep -qF -- "$1" && return 0; sleep 0.05; done
	return 1
}
show() { screen | sed 's/^/  | /'; }
expect_screen() { if wait_for "$2"; then ok; else bad "$1: '$2' not on screen"; show; fi; }
expect_not_screen() {
	sleep 0.2
	if screen | grep -qF -- "$2"; then bad "$1: '$2' should not be on screen"; show; else ok; fi
}
# Like expect_screen, for an extended regular expression.
expect_match() {
	for _ in $(seq 1 60); do screen | grep -qE -- "$2" && { ok; return; }; sleep 0.05; done
	bad "$1: /$2/ not on screen"; show
}
keys() { tmx send-keys -t e2e "$@"; sleep 0.15; }
type_text() { tmx send-keys -t e2e -l "$1"; sleep 0.15; }
hint_bar() { screen | tail -1; }

# The editor a note is written with.
cat > "$tmp/editor" <<EOF
#!/bin/sh
printf 'A note.\n' > "\$1"
EOF
chmod +x "$tmp/editor"

# Choices are read and typed by letter ("a. Cache the predictions", a
# Enter): the pack's order (MLCERT_SHUFFLE=off); shuffled choices have
# their own suite, test_exam.sh.
start() { # width height content [env...]: a fresh state each time
	local w=$1 h=$2 content=$3; shift 3
	size="${w}x${h}"
	tmx kill-server 2>/dev/null
	run=$((run + 1)); sock="mlcert-fit-$$-$run"
	state="$tmp/state-$run"
	tmx new-session -d -s e2e -x "$w" -y "$h" \
		"env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 MLCERT_NOW=1767225600 MLCERT_SHUFFLE=off EDITOR='$tmp/editor' $* '$bin' $content --state '$state'; sleep 30"
	tmx set-option -t e2e status off >/dev/null
	tmx set-option -s set-clipboard on >/dev/null
	expect_screen "start" "Topics"
}
restart() { # the same state, the same size
	local w=${size%x*} h=${size#*x}
	tmx kill-server 2>/dev/null
	run=$((run + 1)); sock="mlcert-fit-$$-$run"
	tmx new-session -d -s e2e -x "$w" -y "$h" \
		"env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 MLCERT_NOW=1767225600 MLCERT_SHUFFLE=off '$bin' --content '$fit' --state '$state'; sleep 30"
	tmx set-option -t e2e status off >/dev/null
	sleep 0.5
}

# The quiz pane as text: from the column of its " Quiz:" header, its header down.
quiz_pane() {
	screen | python3 -c '
import sys
lines = sys.stdin.read().split("\n")
for i, l in enumerate(lines):
    x = l.find(" Quiz:")
    if x >= 0:
        print("\n".join(r[x:] for r in lines[i:-2]))
        break
'
}
expect_quiz() { # name, text: in the quiz pane
	for _ in $(seq 1 60); do quiz_pane | grep -F -- "$2" >/dev/null && { ok; return; }; sleep 0.05; done
	bad "$1: '$2' not in the quiz pane"; show
}
expect_not_quiz() {
	sleep 0.2
	if quiz_pane | grep -F -- "$2" >/dev/null; then bad "$1: '$2' should not be in the quiz pane"; show; else ok; fi
}
# The screen's lines joined, so text wrapped over lines reads whole.
joined() { screen | tr -d '\n'; }
# Reverse video in an SGR sequence: the selection, under NO_COLOR.
reverse=$'\e\\[([0-9;]*;)?7[;m]'
# Some row of a list (under its header, above the bar) is drawn as the selection.
expect_some_selected() {
	for _ in $(seq 1 60); do
		tmx capture-pane -p -e -t e2e | sed '1,2d;$d' | grep -qE "$reverse" && { ok; return; }
		sleep 0.05
	done
	bad "$1: no row shown selected"; show
}
# The row holding text is drawn as the selection (NO_COLOR: reverse video).
expect_selected() { # name, text
	for _ in $(seq 1 60); do
		tmx capture-pane -p -e -t e2e | grep -F -- "$2" | grep -qE "$reverse" && { ok; return; }
		sleep 0.05
	done
	bad "$1: '$2' not shown selected"; show
}

sizes="60x20 80x24 200x50"

for s in $sizes; do
	w=${s%x*} h=${s#*x}

	# ---- focus gets the room it needs ------------------------------------------------
	start "$w" "$h" "--content '$fit'"
	keys l Tab Tab # the domain's questions, the quiz focused: a "choose two" of five long choices
	expect_quiz long-stem "Question 1 of 9 - choose two"
	expect_quiz long-first-choice "a. Cache the predictions"
	if [ "$s" = 60x20 ]; then
		# the stem's start, the first choice, and the marker with its keys
		expect_quiz long-stem-start "A retailer runs"
		expect_quiz long-marker "more below (j, PgDn)"
		expect_not_quiz long-hidden "e. Replace the model"
		keys Space
		expect_quiz long-scrolled "e. Replace the model"
		keys g
	else
		expect_quiz long-all-choices "e. Replace the model"
		expect_not_quiz long-no-marker "more below"
	fi
	if [ "$s" != 200x50 ]; then
		expect_not_screen reader-gave-way "DESIGN(7)"
		keys Tab # to the tree: the reader has its room again
		expect_screen reader-restored "DESIGN(7)"
		keys BTab # back to the quiz
		expect_not_screen reader-gave-way-again "DESIGN(7)"
	else
		expect_screen reader-kept "DESIGN(7)"
		expect_screen tree-kept "Topics"
	fi
	# every question of the domain: its last choice on sight, or the marker
	for last in d b b b b b b b; do
		keys n
		if [ "$s" = 60x20 ] && ! quiz_pane | grep -F "$last. " >/dev/null; then
			expect_quiz "choices-marked-$last" "more below"
		else
			expect_quiz "choices-shown-$last" "$last. "
		fi
	done
	# the mock exam: the long question wherever it falls
	keys X Enter
	expect_screen exam-running "Mock exam  1/12"
	for _ in $(seq 1 12); do screen | grep -qF "A retailer runs" && break; keys n; done
	if [ "$s" = 60x20 ]; then
		expect_screen exam-first-choice "a. Cache the predictions"
		expect_screen exam-marker "more below (j, PgDn)"
	else
		expect_screen exam-all-choices "e. Replace the model"
		expect_not_screen exam-no-marker "more below"
	fi

	# ---- nothing clipped silently ----------------------------------------------------
	keys S
	expect_screen submit-list "12 unanswered (they count as wrong): 1-12"
	keys Escape v
	expect_match navigator-apart "Navigator +answered 0/12"
	keys Escape q
	start "$w" "$h" "--content '$fit'"
	keys l j Enter # the long topic in the reader
	expect_match reader-title-apart "(…|header) +line [0-9]+/[0-9]+ [0-9]+%"
	# the pack's title gives way (an ellipsis) to the figures and the due count
	expect_match title-bar-apart "^ mlcert  Fit pa.*(…|bar) +0/6 read  0/15 seen  right 0%  0 due \\(R\\)"
	# every percentage on screen carries its label (the reader's position
	# says it as less does: "line 5/56 25%")
	screen | python3 -c '
import re, sys
for line in sys.stdin:
    for m in re.finditer(r"(\S*)\s*\b\d+%", line):
        if m.group(1) in ("weight", "read", "right"):
            continue
        if re.search(r"\bline \d+/\d+ \d+%$", line[:m.end()]):
            continue
        print(m.group(0))
' > "$tmp/unlabelled"
	[ -s "$tmp/unlabelled" ] && bad "percentages without a label: $(tr '\n' ' ' < "$tmp/unlabelled")" || ok
	# tree rows cut to the same text stay apart
	keys Tab Tab j j j # the tree, on the look-alike topics
	screen | sed -n '3,$p' | awk -F'│' 'NF > 1 && $1 !~ /^ *$/ { print $1 }' | sort | uniq -d > "$tmp/dups"
	[ -s "$tmp/dups" ] && { bad "tree rows read the same: $(cat "$tmp/dups")"; show; } || ok
	expect_match tree-look-alikes "AutoML( for t|…t)"
	keys q
	# the OSC 52 message keeps its whole URL, the note message its whole path
	start "$w" "$h" "--content '$fit'"
	keys l j Enter '[' y # the long topic's link, copied
	url="https://example.com/a/very/long/path/that/goes/on/and/on/through/many/folders/until/it/ends/here/at/last/page.html#and-an-anchor"
	expect_screen copied "Copied to the clipboard (OSC 52):"
	joined | grep -qF "$url" && ok || { bad "the OSC 52 message cut the URL"; show; }
	[ "$(tmx show-buffer 2>/dev/null)" = "$url" ] && ok || bad "OSC 52 did not reach tmux: '$(tmx show-buffer 2>&1)'"
	keys E
	note="$state/notes/fit/long-title.txt"
	for _ in $(seq 1 40); do joined | grep -qF "$note" && break; sleep 0.05; done
	joined | grep -qF "$note" && ok || { bad "the note message cut its path $note"; show; }
	keys q

	# ---- lists keep their selection in view --------------------------------------------
	start "$w" "$h" "--content '$fit'" NO_COLOR=1
	keys W j j j j j j
	expect_selected wizard-seventh "7. Flow number 7"
	keys k k k k k k
	expect_selected wizard-first "1. Flow number 1"
	keys q q
	start "$w" "$h" "" NO_COLOR=1 # the bundled pack: the issue's W j j j j j
	keys W j j j j j
	expect_selected wizard-sixth "6. Which Google Cloud ML product?"
	keys Escape / m o d e l
	keys $(printf 'Down %.0s' $(seq 40))
	expect_some_selected search-cursor
	expect_screen search-marker "more"
	keys Escape
	keys l
	keys $(printf 'j B %.0s' $(seq 20))
	keys L G
	expect_some_selected bookmarks-last-shown
	if [ "$s" = 60x20 ]; then expect_screen bookmarks-end "more above"; fi
	keys Escape X Enter v
	keys $(printf 'j %.0s' $(seq 30))
	expect_selected navigator-31 "  31  -"
	expect_screen navigator-marker "more below"
	keys Escape q q

	# ---- hints that tell the truth, help first --------------------------------------------
	start "$w" "$h" "--content '$fit'"
	hint_bar | grep -qF "? Help" && ok || bad "tree hints lack ? Help: $(hint_bar)"
	keys l j j j Enter k # a topic in the reader (k: its "Read" message off the bar)
	hint_bar | grep -qF "? Help" && ok || bad "reader hints lack ? Help: $(hint_bar)"
	keys Tab
	hint_bar | grep -qF "Enter Submit" && ok || bad "quiz hints before an answer: $(hint_bar)"
	keys a Enter j # answered; j clears the message off the bar
	expect_match feedback-next "Enter Next"
	hint_bar | grep -qE "Submit|Choose" && bad "after feedback the bar still offers: $(hint_bar)" || ok
	hint_bar | grep -qF "? Help" && ok || bad "feedback hints lack ? Help: $(hint_bar)"
	keys X
	expect_match intro-keys "Enter Start .*Esc Back"
	hint_bar | grep -qE "Submit|Pause" && bad "the intro offers exam keys: $(hint_bar)" || ok
	hint_bar | grep -qF "? Help" && ok || bad "intro hints lack ? Help: $(hint_bar)"
	keys Enter
	expect_match running-keys "q Pause"
	hint_bar | grep -qF "? Help" && ok || bad "exam hints lack ? Help: $(hint_bar)"
	keys '?'
	expect_screen help-over-exam "keys (Esc or q closes this help"
	keys q
	expect_screen help-back-to-exam "Mock exam  1/12"
	keys q # paused
	restart
	expect_match resume-keys "Enter Resume .*Esc Later"
	hint_bar | grep -qF "Pause" && bad "the resume screen offers Pause: $(hint_bar)" || ok
	keys Enter S y
	expect_screen report "score"
	keys Enter
	expect_match review-keys "n Next .*q Report"
	hint_bar | grep -qE "Submit|Pause|Answer" && bad "the review offers exam keys: $(hint_bar)" || ok
	keys q q W
	expect_match wizard-keys "1-9 Pick"
	hint_bar | grep -qF "? Help" && ok || bad "wizard hints lack ? Help: $(hint_bar)"
	keys Escape D
	hint_bar | grep -qF "? Help" && ok || bad "dashboard hints lack ? Help: $(hint_bar)"
	keys Escape L
	hint_bar | grep -qF "? Help" && ok || bad "bookmark hints lack ? Help: $(hint_bar)"
	keys Escape

	# ---- help: correct, grouped, searchable, nothing cut ------------------------------------
	keys '?'
	: > "$tmp/help"
	for _ in $(seq 1 30); do
		screen | sed '1d;$d' | grep -vE '(more below|more above) \(' >> "$tmp/help"
		screen | grep -qF "more above" && break
		keys Space
	done
	"$bin" keys > "$tmp/keys"
	# every entry of `mlcert keys`, its text read whole on the help screen
	python3 - "$tmp/help" "$tmp/keys" > "$tmp/help-check" <<'PY'
import re, sys
keys = []
for line in open(sys.argv[2]):
    m = re.match(r"^  (\S.*?)\s{2,}(\S.*)$", line.rstrip("\n"))
    if m:
        keys.append((m.group(1), " ".join(m.group(2).split())))
# where the help page puts the text: a margin, an indent, the keys' column
column = 3 + min(max(len(k) for k, _ in keys), 20) + 1
texts, current = set(), None
for line in open(sys.argv[1]).read().split("\n"):
    if line.startswith("   ") and len(line) > 3 and line[3] != " ":
        current = [line[column:].strip()]
        texts.add(" ".join(current))
    elif current is not None and line.startswith(" " * column) and line.strip():
        current.append(line.strip())
        texts.add(" ".join(current))
    else:
        current = None
for k, t in keys:
    if t not in texts:
        print("cut or missing:", k, "|", t)
PY
	[ -s "$tmp/help-check" ] && { bad "help lines cut: $(head -3 "$tmp/help-check")"; } || ok
	grep -qF "take the flow, or the answer, with that number" "$tmp/keys" && ok || bad "keys: the wizard's PICK"
	grep -qF "in a mock exam: pause it and its clock" "$tmp/keys" && ok || bad "keys: q pauses an exam"
	grep -qiE "^  .*  (in the reader|in the mock exam|on the dashboard): " "$tmp/keys" && bad "keys repeat the section's name" || ok
	grep -qF "choose an answer (toggles" "$tmp/keys" && \
		sed -n '/In the decision wizard/,$p' "$tmp/keys" | grep -qF "choose an answer" && bad "wizard keys named as quiz keys" || ok
	keys g /
	type_text "decision wizard"
	keys Enter
	for _ in 1 2 3; do screen | grep -qF "In the decision wizard" && break; keys n; done
	expect_screen help-found "In the decision wizard"
	expect_screen help-wizard-pick "take the flow, or the answer"
	keys q q
done

echo "fit: $passed passed, $failed failed"
[ "$failed" = 0 ]
