#!/usr/bin/env bash
# Journal faults: a torn last line, a corrupted middle line, a failing write
# (a file-size limit standing in for a full disk), a read-only state folder, a
# journal that is a symlink or belongs to someone else. Each gives a clear
# message, keeps every good line, and writes nothing outside the state folder.
set -u
bin=$(realpath "${1:-./mlcert}")
here=$(cd "$(dirname "$0")/../.." && pwd)
pack="$here/tests/data/packs/good"
tmp=$(mktemp -d); chmod 755 "$tmp"; trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
has() { if grep -qF -- "$3" "$2"; then ok; else bad "$1: '$3' not in output"; sed 's/^/  | /' "$2"; fi; }
crc_line() { python3 -c 'import sys,zlib; b=sys.argv[1]; print("%s %08x" % (b, zlib.crc32(b.encode())))' "$1"; }
answer() { # state, time, input, question
	printf "$3" | MLCERT_NOW=$2 "$bin" --content "$pack" --state "$1" quiz --plain --question "$4"
}
journal_of() { echo "$1/fixture/$(head -n 1 "$1/device-id" 2>/dev/null).journal"; } # this device's
answers() { "$bin" --content "$pack" --state "$1" stats --json 2>"$tmp/stats.err" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["answers"])'; }

# ---- a torn last line and a corrupted middle line: skipped, neighbours kept -------
s="$tmp/torn"
mkdir -p "$s"
{ crc_line "1 1767261600 answer q-single 1 1 3 0"
  crc_line "1 1767261700 answer q-multi 5 1 3 0" | sed 's/q-multi/q-mult1/'
  crc_line "1 1767261800 answer q-multi 3 0 1 0"
  printf '1 1767261900 answer q-sin'; } > "$s/fixture.journal"
[ "$(answers "$s")" = 2 ] && ok || bad "two good answers survive the damage"
has torn-warning "$tmp/stats.err" "fixture.journal:4:1: warning: skipped an unfinished last line"
has corrupt-warning "$tmp/stats.err" "fixture.journal:2:1: warning: skipped a damaged line"
answer "$s" 1767262000 'a\n\n' q-single > /dev/null
[ "$(answers "$s")" = 3 ] && ok || bad "appending after a torn line works"
# (the journal of earlier versions became this device's: the same file, moved)
[ ! -e "$s/fixture.journal" ] && ok || bad "the old journal is still at its old name"
lines=$(wc -l < "$(journal_of "$s")")
[ "$lines" = 5 ] && ok || bad "the torn line stays isolated on its own line ($lines lines)"

# ---- a failing write: the answer is not confirmed, nothing is lost -----------------
s="$tmp/full"
for i in $(seq 1 30); do answer "$s" $((1767261600 + i)) 'a\n\n' q-single > /dev/null; done
size=$(stat -c %s "$(journal_of "$s")")
# A 1 KiB file-size limit: the journal is already past it, the output file is not.
( ulimit -f 1; answer "$s" 1767262600 'a c\n' q-multi ) > "$tmp/full.out" 2>&1
has full-message "$tmp/full.out" "Not saved: cannot save progress to $(journal_of "$s"): File too large"
if grep -qF "Saved." "$tmp/full.out"; then bad "a failed write was confirmed"; else ok; fi
[ "$(stat -c %s "$(journal_of "$s")")" = "$size" ] && ok || bad "the journal changed after a failed write"
[ "$(answers "$s")" = 30 ] && ok || bad "the earlier answers are still there"

# The tests below need a user without root's powers over files.
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"; }

# ---- a read-only state folder: a clear message, the journal untouched -------------
s="$tmp/readonly"
answer "$s" 1767261600 'a\n\n' q-single > /dev/null
j=$(journal_of "$s")
chown -R nobody:nogroup "$s"; chmod 500 "$s" "$s/fixture"; chmod 400 "$j"
sum=$(sha256sum < "$j")
printf 'a\n\n' | as_nobody env HOME=/nonexistent "$bin" --content "$pack" --state "$s" quiz --plain --question q-single > "$tmp/ro.out" 2>&1; st=$?
[ $st = 2 ] && ok || bad "read-only: exit $st"
has ro-message "$tmp/ro.out" "$j: error: cannot open the journal: Permission denied"
[ "$(sha256sum < "$j")" = "$sum" ] && ok || bad "read-only journal changed"

# ---- stats and export only read: they work on that read-only journal ---------------
as_nobody env HOME=/nonexistent "$bin" --content "$pack" --state "$s" stats > "$tmp/ro-stats" 2>&1; st=$?
[ $st = 0 ] && ok || bad "stats on a read-only journal: exit $st"
has ro-stats "$tmp/ro-stats" "alpha               60%"
as_nobody env HOME=/nonexistent "$bin" --content "$pack" --state "$s" export --format csv > "$tmp/ro-export" 2>&1; st=$?
[ $st = 0 ] && ok || bad "export of a read-only journal: exit $st"
has ro-export "$tmp/ro-export" ",answer,q-single,a,1,3,0"
[ "$(sha256sum < "$j")" = "$sum" ] && ok || bad "reading changed the read-only journal"

# ---- a state folder of someone else's, or one others may write to, is refused ------
# (git refuses a repository of "dubious ownership" for the same reason)
s="$tmp/dubious"
mkdir -p "$s"; chmod 777 "$s"
printf 'a\n\n' | as_nobody env HOME=/nonexistent "$bin" --content "$pack" --state "$s" quiz --plain --question q-single > "$tmp/du.out" 2>&1; st=$?
[ $st = 2 ] && ok || bad "someone else's state folder: exit $st"
has dubious-owner "$tmp/du.out" "refusing the state folder: it belongs to user 0, not to you (user $(id -u nobody))"
[ -z "$(ls -A "$s")" ] && ok || bad "something was written to someone else's folder: $(ls -A "$s")"
"$bin" --content "$pack" --state "$s" stats > "$tmp/du2.out" 2>&1; st=$?
[ $st = 2 ] && ok || bad "a folder others may write to: exit $st"
has dubious-mode "$tmp/du2.out" "refusing the state folder: others may write to it (mode 0777)"

# ---- a journal owned by someone else is refused -----------------------------------
# (the folder is the user's own: a folder of someone else's is refused first, below)
s="$tmp/foreign"
answer "$s" 1767261600 'a\n\n' q-single > /dev/null
chmod 666 "$(journal_of "$s")"; rm -f "$s/lock"
chown nobody:nogroup "$s" "$s/fixture" "$s/device-id"
printf 'a\n\n' | as_nobody env HOME=/nonexistent "$bin" --content "$pack" --state "$s" quiz --plain --question q-single > "$tmp/fo.out" 2>&1; st=$?
[ $st = 2 ] && ok || bad "foreign journal: exit $st"
has foreign-message "$tmp/fo.out" "refusing the journal: it is not a regular file owned by you"

# ---- a journal that is a symlink is refused, and its target untouched --------------
s="$tmp/link"
mkdir -p "$s"
echo "precious" > "$tmp/target"
ln -s "$tmp/target" "$s/fixture.journal"
printf 'a\n\n' | "$bin" --content "$pack" --state "$s" quiz --plain --question q-single > "$tmp/ln.out" 2>&1; st=$?
[ $st = 2 ] && ok || bad "symlink journal: exit $st"
has link-message "$tmp/ln.out" "(it is a symbolic link)"
[ "$(cat "$tmp/target")" = "precious" ] && ok || bad "the symlink's target was written"

# ---- nothing is written outside the state folder and the cache folder --------------
# (the cache holds one snapshot of the pack: see test_cache.sh)
s="$tmp/contained"
mkdir -p "$tmp/home"
before=$(find "$tmp" -newer "$tmp/target" -type f | grep -v "^$s/" | sort)
HOME="$tmp/home" answer "$s" 1767261600 'a\n\n' q-single > /dev/null
HOME="$tmp/home" "$bin" --content "$pack" --state "$s" export > /dev/null
after=$(find "$tmp" -newer "$tmp/target" -type f | grep -v "^$s/" | grep -v "^$tmp/home/.cache/mlcert/pack-[0-9a-f]*.snapshot$" | sort)
[ "$before" = "$after" ] && ok || bad "files written outside the state folder: $(comm -13 <(echo "$before") <(echo "$after"))"
[ "$(ls "$tmp/home/.cache/mlcert" | wc -l)" = 1 ] && ok || bad "one snapshot in the cache: $(ls -la "$tmp/home/.cache/mlcert")"

echo "faults: $passed passed, $failed failed"
[ "$failed" = 0 ]
