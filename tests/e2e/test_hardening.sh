#!/usr/bin/env bash
# Hardening of the program's own side, in a real terminal: a job-control shell
# in tmux runs mlcert as a person would. Plain mode stops on Ctrl-C, SIGTERM
# and a hangup having saved what it confirmed; a mock exam whose submit is not
# saved (a file-size limit standing in for a full disk) shows no score, in
# plain mode and on the full screen, and stays open; the full-screen program
# exits 2 after NOT SAVED; $EDITOR and $BROWSER are shell word lists that take
# their own Ctrl-C; "Note saved" only when the note changed; a URL is copied
# and opened byte for byte; plain mode prints nothing of a hostile pack's
# escape sequences.
set -u
# The answers below are typed by letter: the pack's order, not a shuffle.
export MLCERT_SHUFFLE=off
bin=$(realpath "${1:-./mlcert}")
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
here=$(cd "$(dirname "$0")/../.." && pwd)
pack="$here/tests/data/packs/good"
tmp=$(mktemp -d)
run=0
sock="mlcert-hard-$$-$run"
tmx() { tmux -L "$sock" "$@"; }
trap 'tmx kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
screen() { tmx capture-pane -p -J -S -100 -t e2e; }
wait_for() { # text [tenths of a second]
	for _ in $(seq 1 "${2:-100}"); do screen | grep -qF -- "$1" && return 0; sleep 0.05; done
	return 1
}
expect_screen() { if wait_for "$2"; then ok; else bad "$1: '$2' not on screen"; screen | sed 's/^/  | /'; fi; }
expect_not_screen() { sleep 0.2; if screen | grep -qF -- "$2"; then bad "$1: '$2' should not be on screen"; else ok; fi; }
keys() { tmx send-keys -t e2e "$@"; sleep 0.15; }
answers() { "$bin" --content "$1" --state "$2" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["answers"])'; }
mkdir -p "$tmp/home"

# A shell with job control, as a person's: a program it runs is the terminal's
# foreground process group, so Ctrl-C reaches that program (and what it runs).
shell() { # width height
	tmx kill-server 2>/dev/null
	wait_programs_gone
	run=$((run + 1)); sock="mlcert-hard-$$-$run"
	tmx new-session -d -s e2e -x "${1:-100}" -y "${2:-30}" \
		"env -i PATH='$PATH' TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME='$tmp/home' MLCERT_NO_CACHE=1 MLCERT_NOW=1767261600 MLCERT_SHUFFLE=off PS1='shell\$ ' bash --norc --noprofile -i"
	tmx set-option -t e2e status off >/dev/null
	tmx set-option -s set-clipboard on >/dev/null
	wait_for 'shell$ ' || bad "no shell prompt"
}
# Types a command line and Enter on a cleared screen; the line ends by
# printing the exit status.
typed() { tmx send-keys -t e2e -l "clear; $1; echo \"EXIT \$?\""; tmx send-keys -t e2e Enter; sleep 0.2; }
pid_of() { pgrep -f -- "--state $1 " | head -1; }

# ---- plain mode: Ctrl-C, SIGTERM and a hangup stop it, nothing confirmed lost -------------
st="$tmp/plain-int"
shell
typed "'$bin' --content '$pack' --state '$st' quiz --plain --topic alpha"
expect_screen int-asks "Answer with a letter"
keys a Enter
expect_screen int-saved "Saved. Right: a."
expect_screen int-rating "Enter to go on"
keys C-c
expect_screen int-stopped "Stopped by a signal (interrupt): everything confirmed above is saved."
expect_screen int-status "EXIT 130"
[ "$(answers "$pack" "$st")" = 1 ] && ok || bad "Ctrl-C: the confirmed answer is not in the journal"

st="$tmp/plain-term"
typed "'$bin' --content '$pack' --state '$st' quiz --plain --question q-multi"
expect_screen term-asks "Answer with letters"
pid=$(pid_of "$st")
[ -n "$pid" ] && kill -TERM "$pid"
expect_screen term-stopped "Stopped by a signal (terminate)"
expect_screen term-status "EXIT 143"

st="$tmp/plain-hup"
typed "'$bin' --content '$pack' --state '$st' quiz --plain --topic beta"
expect_screen hup-asks "Answer with letters"
keys "a c" Enter
expect_screen hup-saved "Saved. Right: a, c."
pid=$(pid_of "$st")
tmx kill-server # the terminal goes away, as with a dropped SSH link
gone=no
for _ in $(seq 1 "${MLCERT_EXIT_WAIT_TICKS:-100}"); do
	state=$(ps -o stat= -p "$pid" 2>/dev/null)
	case $state in "" | Z*) gone=yes; break ;; esac
	sleep 0.02
done
[ "$gone" = yes ] && ok || { bad "hangup: plain mode still running"; kill -9 "$pid" 2>/dev/null; }
[ "$(answers "$pack" "$st")" = 1 ] && ok || bad "hangup: the confirmed answer is not in the journal"

# ---- a mock exam whose submit is not saved: no score, still open ---------------------------
# plain mode: one answer saved and paused; then room for one more line, not the submit
st="$tmp/exam-plain"
printf 'a c\nq\n' | MLCERT_NOW=1767261600 "$bin" --content "$pack" --state "$st" quiz --plain --exam > /dev/null
own="$st/fixture/$(head -n 1 "$st/device-id").journal" # this device's journal
size=$(stat -c %s "$own")
shell
typed "prlimit --fsize=$((size + 100)) '$bin' --content '$pack' --state '$st' quiz --plain --exam"
expect_screen exam-plain-resumed "Resuming your unfinished mock exam: 1 answered"
keys a Enter
expect_screen exam-plain-recorded "Recorded."
expect_screen exam-plain-not-saved "Not saved: cannot save progress to $own: File too large"
expect_screen exam-plain-open "The exam was not submitted and has no score: it stays open with 2 answered"
expect_screen exam-plain-status "EXIT 2"
expect_not_screen exam-plain-no-score "Score:"
typed "'$bin' --content '$pack' --state '$st' quiz --plain --exam < /dev/null"
expect_screen exam-plain-submitted "Score: 2 of 2 right (100%); 2 answered."

# the full-screen program: the confirmation says NOT SAVED, no report; exit 2
st="$tmp/exam-tui"
mkdir -p "$st"; chmod 700 "$st"; : > "$st/fixture.journal"; chmod 600 "$st/fixture.journal"
shell
typed "prlimit --fsize=120 '$bin' --content '$pack' --state '$st'"
expect_screen exam-tui-start "Alpha domain"
keys X Enter
expect_screen exam-tui-running "Mock exam  1/2"
keys a S
expect_screen exam-tui-confirm "Submit the exam?"
keys y
expect_screen exam-tui-not-saved "NOT SAVED, not submitted (y tries again): cannot save progress"
expect_screen exam-tui-still-confirm "Submit the exam?"
expect_not_screen exam-tui-no-report "Score report"
keys q q q
expect_screen exam-tui-said "mlcert: not everything was saved this session"
expect_screen exam-tui-status "EXIT 2"
typed "'$bin' --content '$pack' --state '$st'"
expect_screen exam-tui-resume "You have an unfinished mock exam."
keys S
expect_screen exam-tui-report "Score report"
keys q q
expect_screen exam-tui-saved-status "EXIT 0"

# ---- the full-screen program after NOT SAVED exits 2 (a read-only second instance) ------------
st="$tmp/readonly"
mkfifo "$tmp/holder-input"
"$bin" --content "$pack" --state "$st" quiz --plain --question q-single < "$tmp/holder-input" > /dev/null &
holder=$!
exec 4> "$tmp/holder-input" # the first instance waits for a reply, holding the folder
for _ in $(seq 1 100); do [ -s "$st/lock" ] && break; sleep 0.05; done
shell
typed "'$bin' --content '$pack' --state '$st'"
expect_screen ro-start "READ-ONLY: another mlcert"
keys Tab Tab a Enter
expect_screen ro-not-saved "NOT SAVED: read-only"
keys q
expect_screen ro-status "EXIT 2"
kill "$holder"; wait "$holder"; exec 4>&-

# ---- $EDITOR: a word list with a quoted path; its own Ctrl-C; saved only when changed ---------
mkdir -p "$tmp/my editor"
cat > "$tmp/my editor/ed" <<EOF
#!/bin/sh
# what the test asks of it, in the file mode: write, nothing, or wait (for Ctrl-C)
printf '%s\n' "\$@" > "$tmp/editor-args"
case \$(cat "$tmp/mode") in
write) printf 'My own note.\n' >> "\$2" ;;
wait) exec perl -e '\$| = 1; print "editor waiting\\n"; sleep 30' ;;
esac
EOF
# (the waiting is one process with SIGINT at its default: a shell that echoed
# and then forked sleep could take a Ctrl-C sent in between, and sleep never did)
chmod +x "$tmp/my editor/ed"
st="$tmp/notes"
shell 140 30
tmx send-keys -t e2e -l "export EDITOR=\"'$tmp/my editor/ed' --wait\" BROWSER=\"'$tmp/my editor/ed' --new-tab\""
tmx send-keys -t e2e Enter
typed "'$bin' --content '$pack' --state '$st'"
expect_screen editor-start "Alpha domain"
keys Enter j j Enter
expect_screen editor-topic "TOPIC-ONE(7)"
echo write > "$tmp/mode"
keys E
expect_screen editor-saved "Note saved beside your progress: $st/notes/fixture/topic-one.txt"
[ "$(cat "$tmp/editor-args" 2>/dev/null)" = "$(printf -- '--wait\n%s' "$st/notes/fixture/topic-one.txt")" ] && ok \
	|| bad "editor arguments: $(cat "$tmp/editor-args" 2>/dev/null)"
echo nothing > "$tmp/mode"
keys E
expect_screen editor-unchanged "Note unchanged: $st/notes/fixture/topic-one.txt"
echo wait > "$tmp/mode"
keys E
expect_screen editor-waits "editor waiting"
keys C-c
expect_screen editor-interrupted "failed (status 130); the note is unchanged"
expect_screen editor-mlcert-lives "TOPIC-ONE(7)"
expect_not_screen editor-no-exit "EXIT"

# ---- $BROWSER and OSC 52: the URL byte for byte, Ctrl-C in the browser ------------------------
echo nothing > "$tmp/mode"
keys ']' ']' ']'
keys o
expect_screen browser-opened "Opened with \$BROWSER: https://example.com/doc"
[ "$(cat "$tmp/editor-args" 2>/dev/null)" = "$(printf -- '--new-tab\nhttps://example.com/doc')" ] && ok \
	|| bad "browser arguments: $(cat "$tmp/editor-args" 2>/dev/null)"
echo wait > "$tmp/mode"
keys o
expect_screen browser-waits "editor waiting"
keys C-c
expect_screen browser-interrupted "\$BROWSER failed (status 130)"
keys q
expect_screen editor-quit-status "EXIT 0"

# a URL full of characters a shell acts on, copied and opened exactly
lp="$tmp/link-pack"
cp -r "$pack" "$lp"
url='https://example.com/doc?q=$(touch%20pwned);a='"'"'b'"'"'&c=`id`|d#%E2%80%AE'
python3 - "$lp/topics/topics.yaml" "$url" <<'PY'
import sys
path, url = sys.argv[1], sys.argv[2]
text = open(path).read().replace("url: https://example.com/doc", 'url: "%s"' % url)
open(path, "w").write(text)
PY
"$bin" lint "$lp" > /dev/null 2>&1 && ok || bad "the link pack lints clean"
echo nothing > "$tmp/mode"
typed "cd '$tmp/home' && '$bin' --content '$lp' --state '$tmp/links'"
expect_screen links-start "Alpha domain"
keys Enter j j Enter ']' ']' ']'
keys y
expect_screen links-copied "Copied to the clipboard (OSC 52)"
[ "$(tmx show-buffer 2>/dev/null)" = "$url" ] && ok || bad "OSC 52 copied '$(tmx show-buffer 2>&1)', not the URL"
keys o
expect_screen links-opened "Opened with \$BROWSER"
[ "$(sed -n 2p "$tmp/editor-args" 2>/dev/null)" = "$url" ] && ok || bad "the browser got '$(sed -n 2p "$tmp/editor-args")'"
[ ! -e "$tmp/home/pwned" ] && ok || bad "the URL ran a command"
keys q
expect_screen links-status "EXIT 0"

# ---- plain mode prints no escape sequence of a hostile pack ------------------------------------
hp="$tmp/hostile-pack"
cp -r "$pack" "$hp"
evil='\e]52;c;SEFDS0VE\a\e[2J\e[31;7m\x9b31m\u202Eevil\u200B'
python3 - "$hp" "$evil" <<'PY'
import os, sys
root, evil = sys.argv[1], sys.argv[2]
def swap(name, old, new):
    path = os.path.join(root, name)
    text = open(path).read()
    assert old in text, old
    open(path, "w").write(text.replace(old, new))
swap("pack.yaml", "title: Alpha domain", 'title: "Alpha %s"' % evil)
swap("pack.yaml", "title: Beta domain", 'title: "Beta %s"' % evil)
swap("questions/questions.yaml", "stem: Which one?", 'stem: "Which one? %s"' % evil)
swap("questions/questions.yaml", "text: this one", 'text: "this one %s"' % evil)
swap("questions/questions.yaml", "why: because not", 'why: "because not %s"' % evil)
swap("questions/questions.yaml", "explanation: The rule.", 'explanation: "The rule. %s"' % evil)
PY
"$bin" lint "$hp" > /dev/null 2>&1 && ok || bad "the hostile pack lints clean"
st="$tmp/hostile"
shell 120 60
typed "echo FIRST-LINE; '$bin' --content '$hp' --state '$st' quiz --plain --question q-single"
expect_screen hostile-asks "Answer with a letter"
keys b Enter
expect_screen hostile-feedback "b) wrong, your choice: because not ]52;c;SEFDS0VE[2J[31;7m31mevil"
# the screen was never cleared (tmux keeps a cleared screen in its history: look at the screen alone)
not_cleared() { if tmx capture-pane -p -t e2e | grep -qF FIRST-LINE; then ok; else bad "$1: the screen was cleared"; fi; }
not_cleared hostile-not-cleared
typed "echo FIRST-LINE; printf 'a c\nb\n' | '$bin' --content '$hp' --state '$st' quiz --plain --exam"
expect_screen hostile-score "Beta ]52;c;SEFDS0VE[2J[31;7m31mevil"
not_cleared hostile-exam-not-cleared
[ -z "$(tmx list-buffers 2>/dev/null)" ] && ok || bad "the clipboard was set: $(tmx list-buffers)"
printf 'a\n\n' | "$bin" --content "$hp" --state "$st" quiz --plain --question q-single > "$tmp/hostile.out"
if LC_ALL=C grep -qP '\x1b|\x07|\xc2\x9b|\xe2\x80\xae|\xe2\x80\x8b' "$tmp/hostile.out"; then
	bad "plain mode printed a payload byte"; else ok; fi

echo "hardening: $passed passed, $failed failed"
[ "$failed" = 0 ]
