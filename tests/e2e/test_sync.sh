#!/usr/bin/env bash
# Progress on several machines. Two state folders stand for two machines and a
# bare repository for the remote: answers on both, `mlcert sync` both ways
# (twice) give identical `mlcert stats --json` holding every answer; answers
# between syncs, a sync while the full-screen program runs on one machine (it
# shows what arrived on its next key), a refused push, an unreachable remote
# and a PATH without git lose nothing. Folders kept in step by plain copying
# (as rsync or Syncthing do) converge too, and an old single journal becomes
# this device's without losing a line.
set -u
bin=$(realpath "${1:-./mlcert}")
here=$(cd "$(dirname "$0")/../.." && pwd)
pack="$here/tests/data/packs/good"
tmp=$(mktemp -d)
sock="mlcert-sync-$$"
tmx() { tmux -L "$sock" "$@"; }
cleanup() { tmx kill-server 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
has() { if grep -qF -- "$3" "$2"; then ok; else bad "$1: '$3' not in output"; sed 's/^/  | /' "$2"; fi; }
day0=1767261600 # 2026-01-01 10:00 UTC
answer() { # state, seconds after day0, input, question
	printf "$3" | MLCERT_NOW=$((day0 + $2)) "$bin" --content "$pack" --state "$1" quiz --plain --question "$4" > /dev/null
}
stats() { MLCERT_NOW=$((day0 + 86400)) "$bin" --content "$pack" --state "$1" stats --json; }
answers() { stats "$1" 2> /dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["answers"])'; }
sync_ok() { # name, state, [remote]
	local name=$1; shift
	if "$bin" --state "$1" sync ${2:+"$2"} > "$tmp/sync.out" 2>&1; then ok; else
		bad "$name: sync failed"; sed 's/^/  | /' "$tmp/sync.out"; fi
}
same_stats() { # name, state, state, answers
	stats "$2" > "$tmp/s1"; stats "$3" > "$tmp/s2"
	if cmp -s "$tmp/s1" "$tmp/s2"; then ok; else bad "$1: stats differ"; diff "$tmp/s1" "$tmp/s2" | head -5; fi
	[ "$(answers "$2")" = "$4" ] && ok || bad "$1: $(answers "$2") answers, not $4"
}

a="$tmp/a" b="$tmp/b" remote="$tmp/remote.git"
git init -q --bare "$remote"

# ---- two machines answer different questions, then sync both ways, twice ---------
answer "$a" 0 'a\n\n' q-single
answer "$b" 100 'a c\n\n' q-multi
sync_ok first-a "$a" "$remote"
has first-a-says "$tmp/sync.out" "mlcert sync: in step with $remote:"
sync_ok first-b "$b" "$remote"
has first-b-received "$tmp/sync.out" "1 received"
sync_ok second-a "$a" # the remote is remembered
sync_ok second-b "$b"
same_stats two-machines "$a" "$b" 2
stats "$a" > "$tmp/s"
has both-questions-seen "$tmp/s" '"questions_seen":2'

# ---- answers on both between syncs (the same second too): still one history ------
answer "$a" 1000 'a c\n\n' q-multi
answer "$b" 1000 'b\n\n' q-single
answer "$b" 1100 'a\n\n' q-single
sync_ok third-a "$a"
sync_ok third-b "$b"
sync_ok fourth-a "$a"
same_stats between-syncs "$a" "$b" 5

# ---- a sync while the full-screen program runs on machine a -----------------------
tmx new-session -d -s e2e -x 80 -y 24 \
	"env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 MLCERT_NOW=$((day0 + 2000)) '$bin' --content '$pack' --state '$a'; echo \$? > '$tmp/exit'; sleep 30"
tmx set-option -t e2e status off > /dev/null
screen() { tmx capture-pane -p -t e2e; }
wait_for() { for _ in $(seq 1 100); do screen | grep -qF -- "$1" && return 0; sleep 0.05; done; return 1; }
expect_screen() { if wait_for "$2"; then ok; else bad "$1: '$2' not on screen"; screen | sed 's/^/  | /'; fi; }
expect_screen tui-started "Alpha domain"
answer "$b" 1500 'a c\n\n' q-multi
sync_ok b-while-a-runs "$b"
sync_ok a-while-it-runs "$a"
has a-received "$tmp/sync.out" "1 received"
tmx send-keys -t e2e k # any key: here one that changes nothing else
expect_screen tui-picks-it-up "Progress from another device arrived: 1 new answer"
# and it goes on recording, into this device's journal only
tmx send-keys -t e2e Tab Tab
expect_screen tui-quiz "Which one?"
tmx send-keys -t e2e a Enter
expect_screen tui-answers "Right: a."
tmx send-keys -t e2e q
for _ in $(seq 1 100); do [ -s "$tmp/exit" ] && break; sleep 0.05; done
[ "$(cat "$tmp/exit" 2>/dev/null)" = 0 ] && ok || bad "the full-screen program exit $(cat "$tmp/exit" 2>/dev/null)"
tmx kill-server 2>/dev/null
sync_ok after-tui-a "$a"
sync_ok after-tui-b "$b"
same_stats with-the-program-running "$a" "$b" 7

# ---- a refused push: a clear message, exit 2, nothing lost -------------------------
cat > "$remote/hooks/pre-receive" <<'EOF'
#!/bin/sh
echo "this remote takes no pushes today" >&2
exit 1
EOF
chmod +x "$remote/hooks/pre-receive"
answer "$a" 3000 'a\n\n' q-single
"$bin" --state "$a" sync > "$tmp/refused.out" 2>&1; st=$?
[ $st = 2 ] && ok || bad "refused push: exit $st"
has refused-says "$tmp/refused.out" "refused the push"
has refused-reason "$tmp/refused.out" "this remote takes no pushes today"
has refused-keeps "$tmp/refused.out" "your progress is committed here and goes with the next sync"
[ "$(answers "$a")" = 8 ] && ok || bad "the answer is still there after a refused push"
rm "$remote/hooks/pre-receive"
sync_ok after-refusal-a "$a"
sync_ok after-refusal-b "$b"
same_stats after-a-refused-push "$a" "$b" 8

# ---- no git on PATH, an unreachable remote: said, exit 2, nothing lost -------------
answer "$b" 3100 'a c\n\n' q-multi
env PATH=/nonexistent "$bin" --state "$b" sync > "$tmp/nogit.out" 2>&1; st=$?
[ $st = 2 ] && ok || bad "no git: exit $st"
has no-git "$tmp/nogit.out" "there is no git program on PATH"
"$bin" --state "$b" sync "$tmp/not-there.git" > "$tmp/unreachable.out" 2>&1; st=$?
[ $st = 2 ] && ok || bad "unreachable remote: exit $st"
has unreachable "$tmp/unreachable.out" "cannot fetch from $tmp/not-there.git"
[ "$(answers "$b")" = 9 ] && ok || bad "the answer is still there after failed syncs"
sync_ok retry-b "$b" "$remote"
sync_ok retry-a "$a"
same_stats after-failed-syncs "$a" "$b" 9

# ---- a note changed on both machines: both versions kept, the learner told ---------
mkdir -p "$a/notes/fixture" "$b/notes/fixture"
printf 'written on a\n' > "$a/notes/fixture/topic-one.txt"
printf 'written on b\n' > "$b/notes/fixture/topic-one.txt"
sync_ok note-a "$a"
sync_ok note-b "$b"
has note-told "$tmp/sync.out" "your note on topic-one was changed here and on another device: both versions are kept in $b/notes/fixture/topic-one.txt"
note="$b/notes/fixture/topic-one.txt"
has note-ours "$note" "written on b"
has note-divider "$note" "----- mlcert sync: this note was also changed on another device"
has note-theirs "$note" "written on a"
sync_ok note-back-to-a "$a"
cmp -s "$note" "$a/notes/fixture/topic-one.txt" && ok || bad "the merged note did not reach machine a"

# ---- usage --------------------------------------------------------------------------
"$bin" --state "$a" sync one two > "$tmp/usage.out" 2>&1; st=$?
[ $st = 2 ] && ok || bad "two remotes: exit $st"
has usage "$tmp/usage.out" "sync wants at most one remote"
"$bin" --state "$tmp/fresh" sync > "$tmp/noremote.out" 2>&1; st=$?
[ $st = 2 ] && ok || bad "no remote yet: exit $st"
has no-remote "$tmp/noremote.out" "no remote yet"

# ---- a new machine: its first sync brings everything --------------------------------
sync_ok new-machine "$tmp/c" "$remote"
same_stats new-machine "$a" "$tmp/c" 9

# ---- any file sync tool: folders kept in step by plain copying converge -------------
d="$tmp/d" e="$tmp/e"
answer "$d" 0 'a\n\n' q-single
answer "$e" 50 'b\n\n' q-single
answer "$e" 60 'a c\n\n' q-multi
cp -p "$d"/fixture/*.journal "$e/fixture/"
cp -p "$e"/fixture/*.journal "$d/fixture/"
same_stats copied-folders "$d" "$e" 3
answer "$d" 200 'a c\n\n' q-multi
cp -p "$d"/fixture/*.journal "$e/fixture/" # rsync -a of the journals, again
same_stats copied-again "$d" "$e" 4
# a copy of the whole folder, device id and all (cp -a, rsync without excludes):
# the copy writes as a device of its own, never into the journal it came with
cp -a "$d" "$tmp/copy"
answer "$tmp/copy" 300 'a\n\n' q-single
[ "$(head -n 1 "$tmp/copy/device-id")" != "$(head -n 1 "$d/device-id")" ] && ok || bad "a copied device id was kept"
cmp -s "$d/fixture/$(head -n 1 "$d/device-id").journal" "$tmp/copy/fixture/$(head -n 1 "$d/device-id").journal" \
	&& ok || bad "the copy appended to the journal of the folder it came from"
cp -p "$tmp/copy"/fixture/*.journal "$d/fixture/"
same_stats whole-folder-copy "$d" "$tmp/copy" 5

# a note two machines changed, kept twice by a file sync tool: the reader says where
mkdir -p "$d/notes/fixture"
printf 'my version\n' > "$d/notes/fixture/topic-one.txt"
printf 'the other version\n' > "$d/notes/fixture/topic-one.sync-conflict-20260101-101010-ABCDEFG.txt"
tmx new-session -d -s note -x 100 -y 30 \
	"env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 '$bin' --content '$pack' --state '$d'; sleep 30"
tmx set-option -t note status off > /dev/null
note_screen() { tmx capture-pane -p -J -t note; }
for k in Enter j j Enter f G; do tmx send-keys -t note "$k"; sleep 0.2; done
for _ in $(seq 1 100); do note_screen | grep -qF "sync-conflict-20260101-101010-ABCDEFG.txt" && break; sleep 0.05; done
if note_screen | tr -s ' \n' ' ' | grep -qF "Another version of this note, from another device, is in"; then ok; else
	bad "the reader does not name the other version of the note"; note_screen | sed 's/^/  | /'; fi
tmx kill-server 2>/dev/null

# ---- an old single journal becomes this device's, every line kept ------------------
old="$tmp/old"
mkdir -p "$old"; chmod 700 "$old"
crc_line() { python3 -c 'import sys,zlib; b=sys.argv[1]; print("%s %08x" % (b, zlib.crc32(b.encode())))' "$1"; }
{ crc_line "1 1767261600 answer q-single 1 1 3 0"
  echo "1 1767261650 answer q-single 1 1 3 0 deadbeef"
  crc_line "1 1767261700 answer q-multi 5 1 3 0"
  crc_line "1 1767261800 bookmark topic-one 0 0 0 1"; } > "$old/fixture.journal"
chmod 600 "$old/fixture.journal"
cp -p "$old/fixture.journal" "$tmp/old.copy"
stats "$old" > "$tmp/old.before" 2> /dev/null
answer "$old" 900 'a\n\n' q-single 2> /dev/null # the first writer moves it (and warns of the damaged line)
[ ! -e "$old/fixture.journal" ] && ok || bad "the old journal is still at its old name"
moved="$old/fixture/$(head -n 1 "$old/device-id").journal"
head -c "$(stat -c %s "$tmp/old.copy")" "$moved" | cmp -s - "$tmp/old.copy" && ok || bad "the old journal's lines changed in the move"
[ "$(answers "$old")" = 3 ] && ok || bad "migration: $(answers "$old") answers, not 3"
"$bin" --content "$pack" --state "$old" export --format csv > "$tmp/old.csv" 2> /dev/null
has migrated-bookmark "$tmp/old.csv" ",bookmark,topic-one,,0,0,1"

echo "sync: $passed passed, $failed failed"
[ "$failed" = 0 ]
