#!/usr/bin/env bash
# The snapshot cache: made after a clean load, used while nothing changed,
# never in the way of an edit, an error, damage or another build of mlcert.
set -u
bin=$(realpath "${1:-./mlcert}")
here=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
export XDG_CACHE_HOME="$tmp/cache" HOME="$tmp/home"
unset MLCERT_NO_CACHE
cp -r "$here/tests/data/packs/good" "$tmp/pack"
stats() { "$bin" --content "$tmp/pack" --state "$tmp/state" stats --json 2>"$tmp/err"; }
title() { stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["domains"][0]["title"])'; }
snap() { ls "$tmp/cache/mlcert/"*.snapshot 2>/dev/null; }
stamp() { stat -c %Y.%Z.%i "$(snap)"; }

[ "$(title)" = "Alpha domain" ] && ok || bad "first load reads the YAML"
[ "$(snap | wc -l)" = 1 ] && ok || bad "one snapshot written after a clean load: $(ls -la "$tmp/cache/mlcert")"
[ "$(stat -c %a "$tmp/cache/mlcert")" = 700 ] && ok || bad "cache folder is 0700"
[ "$(stat -c %a "$(snap)")" = 600 ] && ok || bad "snapshot is 0600"
before=$(stamp)
sleep 1.1
[ "$(title)" = "Alpha domain" ] && ok || bad "second load from the snapshot"
[ "$(stamp)" = "$before" ] && ok || bad "a matching snapshot is read, not written again"

# an edit of the same size, in place (same inode), is seen: the snapshot is made again
python3 - "$tmp/pack/pack.yaml" <<'PY'
import sys
with open(sys.argv[1], "r+b") as f:
    text = f.read()
    f.seek(0)
    f.write(text.replace(b"Alpha domain", b"Alpha dom4in"))
PY
[ "$(title)" = "Alpha dom4in" ] && ok || bad "an edit of the same size is read"
[ "$(stamp)" != "$before" ] && ok || bad "the snapshot is made again after an edit"
[ "$(title)" = "Alpha dom4in" ] && ok || bad "and read back"

# an error is never hidden behind an older snapshot
cp "$tmp/pack/pack.yaml" "$tmp/pack.yaml.good"
sed -i 's/weight: 60/weight: 6o/' "$tmp/pack/pack.yaml"
stats > /dev/null; st=$?
[ "$st" = 1 ] && ok || bad "a broken pack exits 1 (got $st)"
grep -q "pack.yaml:[0-9]*:[0-9]*: error" "$tmp/err" && ok || bad "with its error: $(cat "$tmp/err")"
cp "$tmp/pack.yaml.good" "$tmp/pack/pack.yaml"
# a new file in the pack is seen
cat > "$tmp/pack/topics/more.yaml" <<'EOF'
topics:
  - id: topic-more
    title: One more topic
    domain: beta
    name: topic-more - one more
    description: Added after the snapshot.
    as_of: 2026-01-31
EOF
[ "$(stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["topics_total"])')" = 4 ] && ok ||
	bad "a file added to the pack is read"

# damage: cut short, or bytes changed, the snapshot is a miss and is made again
stats > /dev/null
truncate -s 100 "$(snap)"
[ "$(title)" = "Alpha dom4in" ] && ok || bad "a cut snapshot is ignored"
[ "$(stat -c %s "$(snap)")" -gt 100 ] && ok || bad "and written whole again"
printf 'XXXXXXXX' | dd of="$(snap)" bs=1 seek=200 conv=notrunc status=none
[ "$(title)" = "Alpha dom4in" ] && ok || bad "a snapshot with changed bytes is ignored"
[ -z "$(cat "$tmp/err")" ] && ok || bad "silently: $(cat "$tmp/err")"

# another build of mlcert (here a copy: another file) does not use it
before=$(stamp)
cp "$bin" "$tmp/mlcert-copy"
sleep 1.1
"$tmp/mlcert-copy" --content "$tmp/pack" --state "$tmp/state" stats > /dev/null 2>&1
[ "$(stamp)" != "$before" ] && ok || bad "another program file makes its own snapshot"

# the built-in pack has one too, and MLCERT_NO_CACHE turns the cache off
"$bin" --state "$tmp/state" stats > "$tmp/b1" 2>&1
"$bin" --state "$tmp/state" stats > "$tmp/b2" 2>&1
[ "$(snap | wc -l)" = 2 ] && ok || bad "the built-in pack's snapshot"
cmp -s "$tmp/b1" "$tmp/b2" && grep -q "^total" "$tmp/b2" && ok || bad "the built-in pack from its snapshot"
rm -rf "$tmp/cache"
MLCERT_NO_CACHE=1 "$bin" --state "$tmp/state" stats > /dev/null 2>&1
[ ! -e "$tmp/cache/mlcert" ] || [ -z "$(snap)" ] && ok || bad "MLCERT_NO_CACHE writes no snapshot"
# a cache folder that is not a folder (or not ours) is passed over
mkdir -p "$tmp/cache" && : > "$tmp/cache/mlcert"
"$bin" --state "$tmp/state" stats > "$tmp/b3" 2>&1 && cmp -s "$tmp/b1" "$tmp/b3" && ok ||
	bad "a file in the cache folder's place is passed over: $(cat "$tmp/b3")"

echo "cache: $passed passed, $failed failed"
[ "$failed" = 0 ]
