#!/usr/bin/env bash
# Plain mode end to end, over several simulated days (MLCERT_NOW sets the clock):
# answers are journaled before they are confirmed, reviews come back on the days
# FSRS-6 schedules them, a mock exam runs to its report, pauses and resumes.
set -u
bin=$(realpath "${1:-./mlcert}")
here=$(cd "$(dirname "$0")/../.." && pwd)
pack="$here/tests/data/packs/good"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
day0=1767261600 # 2026-01-01 10:00 UTC
at() { # day-offset, then mlcert arguments; stdin is passed through
	local t=$((day0 + $1 * 86400)); shift
	# Answers are typed ahead by letter: the pack's order (MLCERT_SHUFFLE=off).
	# Shuffled choices and what an exam logs have their own suite, test_exam.sh.
	MLCERT_SHUFFLE=off MLCERT_NOW=$t "$bin" --content "$pack" --state "$tmp/state" "$@"
}
has() { # name, file, text
	if grep -qF -- "$3" "$2"; then ok; else bad "$1: '$3' not in $2"; sed 's/^/  | /' "$2"; fi
}
journal_of() { # state folder, pack: this device's journal (STATE/PACK/DEVICE-ID.journal)
	echo "$1/$2/$(head -n 1 "$1/device-id" 2>/dev/null).journal"
}
lacks() {
	if grep -qF -- "$3" "$2"; then bad "$1: '$3' should not be in $2"; else ok; fi
}

# Day 0: the alpha question right (Good), the beta question wrong (Again).
printf 'a\n\n' | at 0 quiz --plain --topic alpha > "$tmp/d0a"; st=$?
[ $st = 0 ] && ok || bad "day 0 alpha exit $st"
has right "$tmp/d0a" "Saved. Right: a."
printf 'a,b\n' | at 0 quiz --plain --question q-multi > "$tmp/d0b"
has wrong "$tmp/d0b" "Saved. Wrong: the answer is a, c."
has rationale "$tmp/d0b" "b) wrong, your choice: no"
has missed "$tmp/d0b" "c) right, missed: yes"
has ends-at-eof "$tmp/d0b" "Session over: 1 of 1 questions."
grep -c ' answer ' "$(journal_of "$tmp/state" fixture)" | grep -qx 2 && ok || bad "two answers journaled"

# FSRS-6 first reviews: Good -> S = w2 = 2.3065, D = 2.11810397, due in 2 days;
# Again -> S = w0 = 0.212, D = 6.4133, due tomorrow (intervals never go below a day).
at 0 stats --json > "$tmp/s0"
has q-single-state "$tmp/s0" '"id":"q-single","attempts":1,"right":1,"stability":2.306500,"difficulty":2.118104,"due":"2026-01-03"'
has q-multi-state "$tmp/s0" '"id":"q-multi","attempts":1,"right":0,"stability":0.212000,"difficulty":6.413300,"due":"2026-01-02"'

# Day 0, later: nothing due and the day's new questions are taken.
at 0 quiz --plain --review < /dev/null > "$tmp/d0r"
has nothing-due "$tmp/d0r" "0 questions (review: 0 due, 0 new)"

# Day 1: only the wrong one is due; answer it right and mark it easy.
printf 'a c\ne\n' | at 1 quiz --plain --review > "$tmp/d1"
has d1-queue "$tmp/d1" "1 question (review: 1 due, 0 new)"
has d1-question "$tmp/d1" "Which two? (Choose two.)"
has d1-easy "$tmp/d1" "Saved as easy."
grep -qE '^1 [0-9]+ rate q-multi 0 0 4 ' "$(journal_of "$tmp/state" fixture)" && ok || bad "easy mark journaled"

# Day 2: q-single is due (interval 2), q-multi is not (easy pushed it out).
at 2 quiz --plain --review < /dev/null > "$tmp/d2"
has d2-queue "$tmp/d2" "1 question (review: 1 due, 0 new)"
has d2-which "$tmp/d2" "Which one?"

# Input that is not an answer is refused and asked again; a wrong count too.
printf 'z\na\na,c\n' | at 2 quiz --plain --question q-multi > "$tmp/d2b"
has refuses-junk "$tmp/d2b" "Not an answer: type the letter of a choice."
has refuses-count "$tmp/d2b" "This question wants 2 choices; you gave 1."
has then-accepts "$tmp/d2b" "Saved. Right: a, c."

# A mock exam: pause after one answer, resume the next day, finish with a report.
printf 'a\nq\n' | at 3 quiz --plain --exam > "$tmp/e1"
has exam-start "$tmp/e1" "Mock exam: 2 questions, 10 minutes."
has exam-no-feedback "$tmp/e1" "Recorded."
lacks exam-no-verdict "$tmp/e1" "Right"
has exam-paused "$tmp/e1" "Exam paused with 1 answered"
printf 'a\n' > "$tmp/one"; printf 'a c\n' >> "$tmp/one"
at 4 quiz --plain --exam < "$tmp/one" > "$tmp/e2"
has exam-resumed "$tmp/e2" "Resuming your unfinished mock exam: 1 answered"
has exam-report "$tmp/e2" "Score:"
has exam-domains "$tmp/e2" "weight  60%"
# the finish counts its block: an exam item per question, then an answer per answered one (both)
grep -qE '^1 [0-9]+ exam-finish fixture [0-9] 0 0 4 ' "$(journal_of "$tmp/state" fixture)" && ok || bad "exam finish journaled"

# The clock is enforced: an exam whose time ran out (the journal says 600 of its
# 600 seconds were used) is scored as it stood the moment it is opened again.
printf 'q\n' | at 5 quiz --plain --exam > /dev/null
python3 - "$(journal_of "$tmp/state" fixture)" $((day0 + 5 * 86400 + 700)) <<'PY'
import sys, zlib
path, t = sys.argv[1], int(sys.argv[2])
body = "1 %d exam-pause fixture 0 0 0 600" % t
open(path, "a").write("%s %08x\n" % (body, zlib.crc32(body.encode())))
PY
at 6 quiz --plain --exam < /dev/null > "$tmp/e3" 2>&1
has clock-enforced "$tmp/e3" "Time is up. Score: 0 of 2 right (0%); 0 answered."

# A bad id is an error, not a silent empty session.
at 5 quiz --plain --topic nope < /dev/null > /dev/null 2> "$tmp/err"; st=$?
[ $st = 2 ] && ok || bad "unknown topic exit $st"
has unknown-topic "$tmp/err" "no topic or domain 'nope'"

echo "plain: $passed passed, $failed failed"
[ "$failed" = 0 ]
