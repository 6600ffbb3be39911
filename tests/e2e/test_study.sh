#!/usr/bin/env bash
# The study signal in a real terminal at 80x24, over simulated days
# (MLCERT_NOW): a question answered today shows its answer and a retry is
# practice that moves no figure; the due count on the start screen at any
# width; a review round headed "Review k of n" whose lapse comes back the
# same day; t and Backspace; Esc; the round's end; the dashboard's next step
# and coverage; custom study; a restart where the learner left off; and plain
# mode doing the same.
set -u
bin=$(realpath "${1:-./mlcert}")
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
here=$(cd "$(dirname "$0")/../.." && pwd)
pack="$here/tests/data/packs/good"
tmp=$(mktemp -d)
run=0
sock="mlcert-study-$$-$run"
tmx() { tmux -L "$sock" "$@"; }
trap 'tmx kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
day0=1767261600 # 2026-01-01 10:00 UTC

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
expect_line() { # name, line number (1 = the top), text
	sleep 0.1
	if screen | sed -n "$2p" | grep -qF -- "$3"; then ok; else
		bad "$1: '$3' not on line $2"; screen | sed 's/^/  | /'; fi
}
keys() { tmx send-keys -t e2e "$@"; sleep 0.15; }
journal() { echo "$tmp/state/fixture/$(head -n 1 "$tmp/state/device-id").journal"; } # this device's
export MLCERT_SHUFFLE=off # the letters typed below are the pack's
# Starts the program on a day at a size, at the top (KEEP_PLACE=1: where the
# last run left off); extra arguments are mlcert's options.
start() { # day, width, height, [mlcert options...]
	local t=$((day0 + $1 * 86400)) w=$2 h=$3; shift 3
	tmx kill-server 2>/dev/null
	wait_programs_gone
	[ "${KEEP_PLACE:-0}" = 1 ] || rm -f "$tmp/state/fixture.resume" "$tmp/state/pmle.resume"
	run=$((run + 1)); sock="mlcert-study-$$-$run"
	tmx new-session -d -s e2e -x "$w" -y "$h" \
		"env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 MLCERT_SHUFFLE=off MLCERT_NOW=$t '$bin' --state '$tmp/state' $*; echo EXIT \$?; sleep 30"
	tmx set-option -t e2e status off >/dev/null
	wait_for " mlcert " || bad "start: no title bar"
}
quit() { keys q; wait_for "EXIT 0" && ok || { bad "quit: no clean exit"; screen | sed 's/^/  | /'; }; }
stats_total() { "$bin" --content "$pack" --state "$tmp/state" stats --json | python3 -c 'import json,sys; t=json.load(sys.stdin)["total"]; print(t["answers"], t["right"])'; }

# ---- day 0: answers, and one answered today comes back with its answer ------------
start 0 80 24 --content "$pack"
expect_line due-count-fresh 1 "0 due (R)"
keys Tab Tab          # the quiz: alpha's question
keys a Enter
expect_screen answer-right "Right: a."
keys Tab j Tab Tab    # the tree, beta, its question
keys a c Enter
expect_screen second-right "Right: a, c."
keys Tab k Tab Tab    # back to alpha: answered today, so shown with that answer
expect_screen shown-again "Right: a."
expect_screen shown-says-today "Your answer today; r tries again"
keys b
expect_screen no-silent-second "r tries again (practice, not counted)"
[ "$(stats_total)" = "2 2" ] && ok || bad "two answers, both right: $(stats_total)"
keys r b Enter        # an explicit retry, wrong: practice
expect_screen retry-is-practice "Practice, not counted: wrong"
expect_screen retry-feedback "Not quite: the answer is a."
expect_line accuracy-unmoved 1 "right 100%"
[ "$(stats_total)" = "2 2" ] && ok || bad "a retry moved accuracy: $(stats_total)"
grep -qE '^1 [0-9]+ practice q-single 2 0 0 0 ' "$(journal)" && ok || bad "the retry is not in the journal as practice"
"$bin" --content "$pack" --state "$tmp/state" export --format csv | grep -qF ',practice,q-single,b,0,0,0' \
	&& ok || bad "the retry is not in the exported history"
quit

# ---- day 30: both due; the count is on the start screen at every width --------------
for size in "80 24" "60 14" "200 50"; do
	start 30 $size --content "$pack"
	expect_line "due-count-${size/ /x}" 1 "2 due (R)"
	tmx kill-server
done
start 30 80 24 --content "$pack"
keys D
expect_line next-step 2 "Now: R for 2 reviews due; no exam date (e sets it)"
keys Escape

# ---- the review round ---------------------------------------------------------------
keys R
expect_screen review-header "Review 1 of 2"
expect_screen review-left "0 done, 2 left"
expect_screen review-topic-line "Topic: Topic one (t opens it)"
expect_screen reader-shows-its-topic "TOPIC-ONE(7)"
expect_not_screen not-quiz-header "Quiz: "
keys b Enter          # wrong: a lapse
expect_screen lapse "it comes back later in this review"
expect_screen grows "Review 1 of 3"
keys Enter
expect_screen second "Review 2 of 3"
expect_screen second-topic "TOPIC-TWO(7)"
keys a c Enter Enter
expect_screen relearning-step "Review 3 of 3"
expect_screen asked-afresh "( ) a. this one"
keys t                # its topic, full width; Backspace returns
expect_screen topic-full "topic-one - a topic with every field"
expect_not_screen topic-full-alone "Review 3 of 3"
keys BSpace
expect_screen back-to-question "Review 3 of 3"
keys Tab Tab Enter    # Enter in the reader, which shows the question's topic, opens it as well
expect_screen enter-opens-topic "topic-one - a topic with every field"
expect_not_screen enter-topic-full "Review 3 of 3"
keys BSpace
expect_screen back-again "Review 3 of 3"
keys a Enter Enter
expect_screen round-done "Review done: 3 answered, 2 right; 1 lapse came back"
expect_screen round-next "Next reviews: "
keys Escape
expect_screen esc-leaves "Quiz: Alpha domain"
keys R
expect_screen nothing-left "Nothing to review today"
[ "$(grep -c ' answer q-single ' "$(journal)")" = 3 ] && ok || bad "q-single: three counted answers (day 0, the lapse, the step)"
quit

# ---- Esc leaves a round, R comes back to it ------------------------------------------
start 400 80 24 --content "$pack"
keys R
expect_screen day400-round "Review 1 of 2"
keys a Enter
keys Escape
expect_screen left "Left the review with 1 of 2 done"
keys R
expect_screen back-in "Review 1 of 2"
expect_screen back-in-count "1 done, 1 left"
keys Enter
expect_screen back-in-next "Review 2 of 2"
quit

# ---- custom study: flag from the quiz, then quiz the flagged ones ---------------------
start 400 80 24 --content "$pack"
keys Tab Tab m
expect_screen flagged "Flagged: C lists the flagged questions"
keys C
expect_screen custom-list "Custom study"
expect_screen custom-flagged-count "Flagged questions (m flags one)"
keys j Enter
expect_screen custom-quiz "Custom: Flagged questions"
keys Escape
expect_screen custom-left "Quiz: Alpha domain"
quit
# at 60 columns an objective's title that does not fit ends in an ellipsis, its count kept
start 400 60 20
keys C
expect_screen custom-list-narrow "Custom study"
if screen | grep -qE '^ 1\.2 Building AI .*… +[0-9]+ questions$'; then ok; else
	bad "custom-title-ellipsis: the objective's title is cut without an ellipsis"; screen | sed 's/^/  | /'; fi
keys Escape
quit

# ---- a restart opens where the learner left off ---------------------------------------
start 400 80 24 --content "$pack"
keys j l j          # beta, open, topic two
keys Tab j j        # the reader, scrolled
expect_screen before-quit "topic-two - the other topic"
quit
[ -f "$tmp/state/fixture.resume" ] && ok || bad "no resume file written on exit"
KEEP_PLACE=1 start 400 80 24 --content "$pack"
expect_screen restored-reader "Topic two"
expect_screen restored-quiz "Quiz: Topic two"
expect_not_screen restored-scroll "TOPIC-TWO(7)" # scrolled past its first line
screen | grep -qE "▸ Alpha domain|▾ Beta domain" && ok || bad "tree expansion not restored"
quit
printf 'garbage\n' > "$tmp/state/fixture.resume"
KEEP_PLACE=1 start 400 80 24 --content "$pack"
expect_screen bad-resume-said "Starting at the top:"
expect_screen bad-resume-top "Quiz: Alpha domain"
quit

# ---- the bundled pack: coverage and the weakest objective on the dashboard ------------
start 0 80 24
keys D
expect_line bundled-next 2 "Now: nothing due; R for 10 new questions; weakest"
expect_screen bundled-weakest "objective 1.1 (0/"
expect_screen bundled-no-evidence "nothing answered yet, so nothing to predict"
expect_screen bundled-coverage "the questions in 0 of "
keys Escape Tab Tab a Enter
keys D
expect_screen bundled-recall "Predicted recall 100% now, of the questions you answered"
expect_screen bundled-coverage-after "in 1 of "
keys Escape
quit

# ---- plain mode does the same -----------------------------------------------------------
p="$tmp/plain"
at() { local t=$((day0 + $1 * 86400)); shift; MLCERT_NOW=$t "$bin" --content "$pack" --state "$p" "$@"; }
printf 'a\n\n' | at 0 quiz --plain --question q-single > "$tmp/p0"
printf 'r\nb\n' | at 0 quiz --plain --question q-single > "$tmp/p1"
grep -qF "You answered this today: right. The answer is a." "$tmp/p1" && ok || { bad "plain: today's answer not shown"; cat "$tmp/p1"; }
grep -qF "Saved as practice, not counted. Wrong: a." "$tmp/p1" && ok || { bad "plain: retry not practice"; cat "$tmp/p1"; }
at 0 stats --json | grep -qF '"answers":1,"right":1' && ok || bad "plain: the retry moved accuracy"
printf 'b\na c\n\na\n\n' | at 30 quiz --plain --review > "$tmp/p2"
for want in "Review 1 of 2 (Alpha domain)." "It comes back later in this review (relearning)." \
	"Review 3 of 3 (Alpha domain)." "Review done: 3 answered, 2 right; 1 lapse came back the same day (relearning)."; do
	grep -qF -- "$want" "$tmp/p2" && ok || { bad "plain review: '$want'"; cat "$tmp/p2"; }
done
at 31 quiz --plain --wrong < /dev/null > "$tmp/p3"
grep -qF "0 questions (wrong answers)" "$tmp/p3" && ok || { bad "plain --wrong"; cat "$tmp/p3"; }
at 31 quiz --plain --objective 9.9 < /dev/null > /dev/null 2> "$tmp/p4"; st=$?
[ $st = 2 ] && grep -qF "this pack has no objectives" "$tmp/p4" && ok || { bad "plain --objective on a pack without: $st"; cat "$tmp/p4"; }
MLCERT_NOW=$day0 "$bin" --state "$p-pmle" quiz --plain --objective 1.1 < /dev/null > "$tmp/p5"
grep -qE "^mlcert: [0-9]+ questions \(objective 1\.1 " "$tmp/p5" && ok || { bad "plain --objective 1.1"; cat "$tmp/p5"; }
MLCERT_NOW=$day0 "$bin" --state "$p-pmle" quiz --plain --objective 7.7 < /dev/null > /dev/null 2> "$tmp/p6"; st=$?
[ $st = 2 ] && grep -qF "no objective '7.7'" "$tmp/p6" && ok || { bad "plain --objective 7.7: $st"; cat "$tmp/p6"; }

echo "study: $passed passed, $failed failed"
[ "$failed" = 0 ]
