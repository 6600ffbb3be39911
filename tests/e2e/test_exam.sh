#!/usr/bin/env bash
# Answers and exams, end to end (issue 14): the real program in tmux at 80x24
# and in plain mode. A 60-question mock exam with 2 answers logs 2 answers;
# the exam screen names no domain, counts an incomplete multiple-select as
# unanswered and names it at submit, strikes out a ruled-out choice, warns at
# 15 and 5 minutes left; a paused exam discarded leaves nothing; every
# finished exam is in the history and its report opens again; the review
# filters; choices come in a new order each time, letters follow it, and the
# journal records identities; the last answer can be undone.
set -u
bin=$(realpath "${1:-./mlcert}")
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
here=$(cd "$(dirname "$0")/../.." && pwd)
fixture="$here/tests/data/packs/good"
tmp=$(mktemp -d)
run=0
sock="mlcert-exam-$$-$run"
tmx() { tmux -L "$sock" "$@"; }
cleanup() { tmx kill-server 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
now=1767261600 # 2026-01-01 10:00 UTC
export XDG_CACHE_HOME="$tmp/cache" XDG_DATA_HOME="$tmp/data"

screen() { tmx capture-pane -p -t e2e; }
wait_for() { # text: up to 5 s
	for _ in $(seq 1 100); do
		screen | grep -qF -- "$1" && return 0
		sleep 0.05
	done
	return 1
}
expect_screen() { # name, text
	if wait_for "$2"; then ok; else bad "$1: '$2' not on screen"; screen | sed 's/^/  | /'; fi
}
expect_not_screen() {
	sleep 0.2
	if screen | grep -qF -- "$2"; then bad "$1: '$2' should not be on screen"; screen | sed 's/^/  | /'; else ok; fi
}
keys() { tmx send-keys -t e2e "$@"; sleep 0.15; }
start() { # state-folder [mlcert options...]: the program at 80x24, its clock at $now
	local state=$1; shift
	tmx kill-server 2>/dev/null
	wait_programs_gone
	run=$((run + 1)); sock="mlcert-exam-$$-$run"
	tmx new-session -d -s e2e -x 80 -y 24 \
		"env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 MLCERT_NOW=$now '$bin' --state '$state' $*; sleep 30"
	tmx set-option -t e2e status off >/dev/null
	expect_screen "start $run" " mlcert  "
}
count() { # pattern, file: lines matching
	grep -cE -- "$1" "$2" 2>/dev/null || true
}
expect_count() { # name, pattern, file, n
	local n
	n=$(count "$2" "$3")
	if [ "$n" = "$4" ]; then ok; else bad "$1: $n lines match /$2/ in $3, not $4"; fi
}
# How many choices the exam question on screen wants, from its first line.
wanted() {
	case $(screen | grep -m1 -oE 'Question [0-9]+ of 60 - choose [a-z]+') in
	*"choose two") echo 2 ;; *"choose three") echo 3 ;; *"choose four") echo 4 ;; *) echo 1 ;;
	esac
}
answer_here() { # a complete answer: as many letters as the question wants
	local n
	n=$(wanted)
	keys $(printf '%s\n' a b c d | head -"$n")
}
# A pause the journal did not see, as another device's sync would bring it:
# the exam's clock then stands at used seconds.
# This device's journal of the section's pack (STATE/PACK/DEVICE-ID.journal).
journal_file() { echo "$state/$journal_pack/$(head -n 1 "$state/device-id" 2>/dev/null).journal"; }
add_pause() { # journal, used seconds
	python3 - "$1" "$2" "$now" <<'PY'
import sys, zlib
path, used, t = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
body = "1 %d exam-pause pmle 0 0 0 %d" % (t, used)
open(path, "a").write("%s %08x\n" % (body, zlib.crc32(body.encode())))
PY
}

# ---- a 60-question exam with 2 answers logs 2 ---------------------------------------
state="$tmp/sixty"
journal_pack=pmle
start "$state"
keys X
expect_screen intro "Mock exam: 60 questions in 120 minutes"
expect_screen intro-says-what-counts "Only the questions you answer count as answers; the rest stay new."
keys Enter
expect_screen running "answered 0/60"
# as in the real exam, no domain on the question (the quiz panel names it)
if screen | grep -qE '^ Question 1 of 60( - choose [a-z]+)?$'; then ok; else
	bad "exam question names its domain"; screen | sed -n 3p; fi
answer_here
keys m # flagged, for the review's filter
expect_screen first-answered "answered 1/60  flagged 1"
keys n
answer_here
expect_screen second-answered "answered 2/60"
# the next multiple-select question: one pick of two is incomplete, not answered
incomplete=""
for pos in $(seq 3 60); do
	keys n
	wait_for "Question $pos of 60" || break
	if [ "$(wanted)" = 2 ]; then incomplete=$pos; break; fi
done
[ -n "$incomplete" ] && ok || bad "no choose-two question found after question 2"
keys a
expect_screen incomplete-not-answered "answered 2/60"
# strike out a choice: x, then its letter; dimmed with a mark, not an answer
keys x
expect_screen strike-asks "Strike out which choice?"
keys c
expect_screen struck "[-] c. "
expect_screen strike-is-no-answer "answered 2/60"
keys v
expect_screen navigator-incomplete "incomplete"
keys Escape S
expect_screen submit-counts "58 unanswered (they count as wrong)"
expect_screen submit-names-incomplete "1 of them incomplete (chosen of wanted): $incomplete (1 of 2)"
keys y
expect_screen report "Answered 2 of 60, 1 flagged"
expect_count two-answers-logged ' answer ' "$(journal_file)" 2
expect_count sixty-exam-items ' exam-item ' "$(journal_file)" 60
expect_count finish-counts-its-block ' exam-finish pmle [0-9]+ 0 0 62 ' "$(journal_file)" 1
expect_count one-strike-journaled ' exam-strike ' "$(journal_file)" 1
"$bin" --state "$state" stats --json > "$tmp/stats.json"
grep -qF '"questions_seen":2,' "$tmp/stats.json" && ok || bad "stats: 2 questions seen, not the 60 of the exam"
keys G
expect_screen report-promise "The 58 unanswered are not in your review queue: they stay new."
# the review: every question in the order it was shown; f filters
keys Enter
expect_screen review "Exam review 1/60"
for _ in 1 2 3; do
	screen | grep -qF "(flagged only)" && break
	keys f
done
expect_screen review-flagged "Exam review 1/60: "
expect_screen review-flagged-filter "(flagged only)"
keys f
expect_screen review-unanswered "(unanswered only)"
expect_not_screen review-unanswered-skips-answered "Exam review 1/60"
keys q
expect_screen back-to-report "Score report of the mock exam of 2026-01-01 10:00 UTC"
# the history: every finished exam, each report again
keys H
expect_screen history "Mock exam history: 1 finished"
expect_screen history-row "2026-01-01 10:00"
keys Enter
expect_screen history-report "Answered 2 of 60, 1 flagged"
keys q
expect_screen history-back "Mock exam history: 1 finished"
keys q
expect_screen history-to-intro "Mock exam: 60 questions in 120 minutes"
keys Escape q

# ---- the clock warns at 15 and at 5 minutes left ----------------------------------------
state="$tmp/clock"
journal_pack=pmle
start "$state"
keys X Enter
expect_screen clock-running "02:00:00 left"
expect_not_screen no-warning-yet "Warning"
keys q q
add_pause "$(journal_file)" $((7200 - 899))
start "$state"
expect_screen clock-resume-offered "You have an unfinished mock exam."
keys Enter
expect_screen warning-15 "Warning: 15 minutes left on the exam clock"
keys q q
add_pause "$(journal_file)" $((7200 - 299))
start "$state"
keys Enter
expect_screen warning-5 "Warning: 5 minutes left on the exam clock"
expect_screen clock-says-only "ONLY 00:04:59 left"
keys q q

# ---- a paused exam discarded leaves nothing ------------------------------------------------
state="$tmp/discard"
journal_pack=pmle
start "$state"
keys X Enter
expect_screen discard-running "answered 0/60"
answer_here
expect_screen discard-answered "answered 1/60"
keys q
expect_screen paused "Exam paused with its clock stopped"
keys X
expect_screen resume-offered "1 answered"
expect_screen resume-offers-discard "d discards it: none of its answers count (it asks first)."
keys d
expect_screen discard-asks "Discard this exam and its 1 answer? y discards it, any other key keeps it"
keys n
expect_screen discard-kept "Nothing changed"
expect_count kept-no-discard ' exam-discard ' "$(journal_file)" 0
keys d
keys y
expect_screen discarded "Exam discarded: none of its answers count"
expect_count discard-journaled ' exam-discard pmle ' "$(journal_file)" 1
expect_count discard-no-answers ' answer ' "$(journal_file)" 0
keys q
"$bin" --state "$state" stats --json > "$tmp/stats.json"
grep -qF '"questions_seen":0,' "$tmp/stats.json" && ok || bad "stats after a discard: nothing seen"
start "$state"
expect_not_screen discarded-not-offered "You have an unfinished mock exam."
keys X
expect_screen discarded-new-intro "Mock exam: 60 questions in 120 minutes"
keys Escape q

# ---- shuffled choices: a new order each time, letters follow, identities journaled --------
state="$tmp/quiz"
journal_pack=fixture
tmx kill-server 2>/dev/null
run=$((run + 1)); sock="mlcert-exam-$$-$run"
tmx new-session -d -s e2e -x 80 -y 24 \
	"env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 MLCERT_NOW=$now '$bin' --content '$fixture' --state '$state'; sleep 30"
tmx set-option -t e2e status off >/dev/null
expect_screen quiz-start "Alpha domain"
keys j Tab Tab # beta: q-multi, three choices
expect_screen quiz-question "Which two? (Choose two.)"
order() { screen | grep -oE '\[ \] [a-c]\. (first|second|third)' | sed 's/.*\. //' | tr '\n' ' '; }
orders=""
for _ in 1 2 3 4 5; do
	orders="$orders$(order)
"
	keys n
done
distinct=$(printf '%s' "$orders" | sort -u | grep -c .)
[ "$distinct" -ge 2 ] && ok || { bad "choice order the same over five presentations"; printf '%s' "$orders"; }
letter() { screen | grep -oE "\[ \] [a-c]\. $1" | sed 's/\[ \] \(.\)\..*/\1/'; }
first=$(letter first) third=$(letter third)
keys "$first" "$third" Enter
sorted=$(printf '%s\n%s\n' "$first" "$third" | sort | tr '\n' ' ' | sed 's/ $//; s/ /, /')
expect_screen letters-follow "Right: $sorted."
expect_count identities-journaled ' answer q-multi 5 1 3 ' "$(journal_file)" 1
# undo the last answer: asked in the status line, then an appended event
keys u
expect_screen undo-asks 'Undo your right answer to "Which two? (Choose two.)"? y: yes, other keys: no'
keys y
expect_screen undone "Answer undone"
expect_count undo-journaled ' undo q-multi ' "$(journal_file)" 1
expect_count undo-keeps-the-answer-line ' answer q-multi ' "$(journal_file)" 1
keys u
expect_screen nothing-to-undo "Nothing to undo"
keys q
"$bin" --content "$fixture" --state "$state" stats --json | grep -qF '"answers":0,' && ok || bad "stats after undo: no answers"

# ---- plain mode behaves the same ----------------------------------------------------------
# A session driven question by question: it reads each question and answers
# it with as many letters as it wants (the order differs each time).
plain_exam() { # state, then what to do at each question: "answer" or "skip" (the rest: skip)
	local state=$1; shift
	MLCERT_NOW=$now python3 - "$bin" "$state" "$@" <<'PY'
import os, re, subprocess, sys
binary, state, plan = sys.argv[1], sys.argv[2], sys.argv[3:]
p = subprocess.Popen([binary, "--state", state, "quiz", "--plain", "--exam"], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
out, asked = b"", 0
while True:
    chunk = os.read(p.stdout.fileno(), 65536)
    if not chunk:
        break
    out += chunk
    if out.endswith(b": ") and (b"Answer with" in out.splitlines()[-1] or b"(y/n)" in out.splitlines()[-1]):
        what = plan[asked] if asked < len(plan) else "skip"
        asked += 1
        if what == "answer":
            last = out.rsplit(b"\nQuestion ", 1)[-1]  # the question just printed
            m = re.match(rb"[0-9]+ of [0-9]+\. Choose (two|three|four)", last)
            n = {b"two": 2, b"three": 3, b"four": 4}[m.group(1)] if m else 1
            reply = " ".join("abcd"[:n])
        else:
            reply = {"skip": "s", "pause": "q", "discard": "d", "yes": "y"}[what]
        p.stdin.write(reply.encode() + b"\n")
        p.stdin.flush()
p.wait()
sys.stdout.buffer.write(out)
PY
}
state="$tmp/plain"
journal_pack=pmle
plain_exam "$state" answer answer > "$tmp/plain.out"
grep -qF "Mock exam: 60 questions, 120 minutes." "$tmp/plain.out" && ok || { bad "plain exam start"; head -5 "$tmp/plain.out"; }
grep -qE '^Question 1 of 60(\. Choose [a-z]+)?\.$' "$tmp/plain.out" && ok || bad "plain exam question names its domain"
grep -qF "; 2 answered." "$tmp/plain.out" && ok || { bad "plain exam: 2 answered"; tail -12 "$tmp/plain.out"; }
grep -qF "The 58 unanswered are not in your review queue: they stay new." "$tmp/plain.out" && ok || bad "plain exam promise"
expect_count plain-two-answers-logged ' answer ' "$(journal_file)" 2
expect_count plain-sixty-items ' exam-item ' "$(journal_file)" 60
state="$tmp/plain-discard"
journal_pack=pmle
plain_exam "$state" answer pause > "$tmp/plain.out"
grep -qF "Exam paused with 1 answered" "$tmp/plain.out" && ok || bad "plain exam paused"
plain_exam "$state" discard yes > "$tmp/plain.out"
grep -qF "Resuming your unfinished mock exam: 1 answered" "$tmp/plain.out" && ok || bad "plain exam resumed"
grep -qF "Exam discarded with its 1 answer: none of them count." "$tmp/plain.out" && ok || { bad "plain discard"; tail -5 "$tmp/plain.out"; }
expect_count plain-discard-journaled ' exam-discard pmle ' "$(journal_file)" 1
expect_count plain-discard-no-answers ' answer ' "$(journal_file)" 0
# plain mode shuffles too: the same question at four moments, in more than one order
orders=""
for k in 0 1 2 3; do
	orders="$orders$(printf 's\n' | MLCERT_NOW=$((now + k)) "$bin" --content "$fixture" --state "$tmp/plain-quiz" \
		quiz --plain --question q-multi | grep -E '^[a-c]\) ' | tr '\n' ' ')
"
done
distinct=$(printf '%s' "$orders" | sort -u | grep -c .)
[ "$distinct" -ge 2 ] && ok || { bad "plain: the same order at four moments"; printf '%s' "$orders"; }

echo "exam: $passed passed, $failed failed"
[ "$failed" = 0 ]
