#!/usr/bin/env bash
# A real Unix program: install into a temporary DESTDIR and run from elsewhere,
# uninstall leaves nothing, a lone copied binary runs on its embedded pack, XDG
# folders and modes, installed packs, export and import round trips, colours.
set -u
bin=$(realpath "${1:-./mlcert}")
here=$(cd "$(dirname "$0")/../.." && pwd)
fixture="$here/tests/data/packs/good"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
check() { # name, expected status, command...
	local name=$1 want=$2; shift 2
	"$@" > "$tmp/out" 2> "$tmp/err"; local got=$?
	if [ "$got" = "$want" ]; then ok; else bad "$name: exit $got, wanted $want"; cat "$tmp/err"; fi
}
has() { if grep -qF -- "$3" "$2"; then ok; else bad "$1: '$3' not in output"; sed 's/^/  | /' "$2" | head -20; fi; }

# ---- install, run from elsewhere, uninstall -------------------------------------
dest="$tmp/dest"
make -s -C "$here" install DESTDIR="$dest" PREFIX=/usr > "$tmp/install.log" 2>&1 && ok || { bad "make install"; cat "$tmp/install.log"; }
for f in usr/bin/mlcert usr/share/man/man1/mlcert.1 usr/share/man/man5/mlcert-content.5 \
	usr/share/man/man7/mlcert-bigquery-ml.7 usr/share/bash-completion/completions/mlcert; do
	[ -f "$dest/$f" ] && ok || bad "installed $f"
done
pages=$(ls "$dest/usr/share/man/man7" | wc -l)
topics=$("$bin" --content "$here/content/pmle" man --list | wc -l)
[ "$pages" = "$topics" ] && ok || bad "one man page per topic: $pages pages, $topics topics"
(
	cd / || exit 1
	export HOME="$tmp/home1"
	check installed-version 0 "$dest/usr/bin/mlcert" --version
	check installed-lint 0 "$dest/usr/bin/mlcert" lint
	has installed-lint-summary "$tmp/out" "(built in): "
	MANWIDTH=80 man -M "$dest/usr/share/man" mlcert-bigquery-ml > "$tmp/man7" 2>/dev/null
	has topic-man-page "$tmp/man7" "mlcert-bigquery-ml - "
	MANWIDTH=80 man -M "$dest/usr/share/man" 1 mlcert > "$tmp/man1" 2>/dev/null
	has program-man-page "$tmp/man1" "mlcert - study for the Google Cloud Professional Machine"
	echo "$passed $failed" > "$tmp/counts"
)
read -r passed failed < "$tmp/counts"
make -s -C "$here" uninstall DESTDIR="$dest" PREFIX=/usr > /dev/null 2>&1
left=$(find "$dest" -type f | wc -l)
[ "$left" = 0 ] && ok || { bad "uninstall left $left files"; find "$dest" -type f | head; }

# ---- a pack that does not load fails the install, and nothing is installed ----------
cp -r "$here/content/pmle" "$tmp/broken-pack"
printf 'topics:\n  - id: Bad Id\n' >> "$tmp/broken-pack/topics/$(ls "$here/content/pmle/topics" | head -n 1)"
make -s -C "$here" install DESTDIR="$tmp/dest-broken" PREFIX=/usr INSTALL_PACK="$tmp/broken-pack" > "$tmp/install-broken.log" 2>&1
st=$?
[ $st != 0 ] && ok || bad "make install with a broken pack: exit $st"
has install-broken-message "$tmp/install-broken.log" "does not load"
if grep -qF "installed 0 topic pages" "$tmp/install-broken.log"; then bad "a broken pack installed 0 pages as a success"; else ok; fi
[ ! -e "$tmp/dest-broken" ] && ok || bad "a failed install left files: $(find "$tmp/dest-broken" -type f | head -3)"

# ---- the man page lists every key the program binds -------------------------------
"$bin" keys | awk 'NF >= 2 && /^  / {print $1}' | sort -u > "$tmp/keys"
while read -r k; do
	case $k in a-h | 1-8 | 1-9) k=${k%%-*} ;; esac
	grep -qF -- "$k" "$here/man/mlcert.1" || bad "mlcert.1 does not mention key '$k'"
done < "$tmp/keys"
ok

# ---- --help and mlcert(1) agree: every option and command of one is in the other -----
"$bin" --help > "$tmp/help"
for word in $(grep -oE -- '--[a-z-]+' "$tmp/help" | sort -u) $(awk '/^commands:/{c=1;next} /^$/{c=0} c && $1 ~ /^[a-z]/ {print $1}' "$tmp/help"); do
	man_word=$(printf '%s' "$word" | sed 's/-/\\\\-/g')
	if grep -qF -- "$word" "$here/man/mlcert.1" || grep -q -- "$man_word" "$here/man/mlcert.1"; then ok; else bad "mlcert.1 lacks '$word' from --help"; fi
done

# ---- a lone copy of the binary, with a fresh HOME: XDG folders and modes ----------
mkdir -p "$tmp/alone" "$tmp/home2"
cp "$bin" "$tmp/alone/mlcert"
(
	cd "$tmp/alone" || exit 1
	HOME="$tmp/home2" ./mlcert stats > "$tmp/stats" 2>&1
	echo $? > "$tmp/status"
)
[ "$(cat "$tmp/status")" = 0 ] && ok || { bad "lone binary stats"; cat "$tmp/stats"; }
has lone-pack "$tmp/stats" "Google Cloud Professional Machine Learning Engineer"
state="$tmp/home2/.local/state/mlcert"
[ "$(stat -c %a "$state")" = 700 ] && ok || bad "state folder mode $(stat -c %a "$state")"
# stats only reads: the journal is made by the first command that may write
HOME="$tmp/home2" "$tmp/alone/mlcert" quiz --plain --review < /dev/null > /dev/null 2>&1
journal="$state/pmle/$(head -n 1 "$state/device-id" 2>/dev/null).journal"
[ "$(stat -c %a "$journal")" = 600 ] && ok || bad "journal mode"
[ "$(stat -c %a "$state/device-id")" = 600 ] && ok || bad "device id mode"
[ "$(stat -c %a "$state/pmle")" = 700 ] && ok || bad "journal folder mode"
XDG_STATE_HOME="$tmp/xdgstate" HOME="$tmp/home2" "$tmp/alone/mlcert" quiz --plain --review < /dev/null > /dev/null 2>&1
ls "$tmp/xdgstate/mlcert/pmle/"*.journal > /dev/null 2>&1 && ok || bad "XDG_STATE_HOME honoured"

# ---- installed packs: listed, chosen with --pack, and overriding the built-in ----
packs="$tmp/data/mlcert/packs"
mkdir -p "$packs"
cp -r "$fixture" "$packs/fixture"
XDG_DATA_HOME="$tmp/data" HOME="$tmp/home2" "$bin" packs > "$tmp/packs"
has packs-installed "$tmp/packs" "fixture          $packs/fixture"
has packs-builtin "$tmp/packs" "pmle             (built in)"
check pack-option 0 env XDG_DATA_HOME="$tmp/data" HOME="$tmp/home2" "$bin" --pack fixture stats
has pack-option-title "$tmp/out" "Fixture pack"
check pack-unknown 2 env XDG_DATA_HOME="$tmp/data" HOME="$tmp/home2" "$bin" --pack nope stats
cp -r "$fixture" "$packs/override"
sed -i 's/^id: fixture/id: pmle/' "$packs/override/pack.yaml"
XDG_DATA_HOME="$tmp/data" HOME="$tmp/home2" "$bin" packs > "$tmp/packs2"
has override-marked "$tmp/packs2" "(default: overrides the built-in pack)"
check override-used 0 env XDG_DATA_HOME="$tmp/data" HOME="$tmp/home2" "$bin" stats
has override-title "$tmp/out" "Fixture pack"

# ---- export and import: a round trip without duplicates ---------------------------
a="$tmp/state-a" b="$tmp/state-b"
# (answers typed ahead by letter: the pack's order, MLCERT_SHUFFLE=off)
printf 'a\n\n' | MLCERT_SHUFFLE=off MLCERT_NOW=1767261600 "$bin" --content "$fixture" --state "$a" quiz --plain --topic alpha > /dev/null
printf 'a c\ng\n' | MLCERT_SHUFFLE=off MLCERT_NOW=1767348000 "$bin" --content "$fixture" --state "$b" quiz --plain --topic beta > /dev/null
check export-json 0 "$bin" --content "$fixture" --state "$b" export --format json "$tmp/b.json"
has export-json-event "$tmp/b.json" '"kind":"answer","id":"q-multi","choices":"ac","correct":true,"rating":3'
check export-csv 0 "$bin" --content "$fixture" --state "$a" export --format csv
has export-csv-row "$tmp/out" "1767261600,2026-01-01T10:00:00Z,answer,q-single,a,1,3,0"
check import-json 0 "$bin" --content "$fixture" --state "$a" import "$tmp/b.json"
has import-count "$tmp/out" "imported 2 new events"
check import-again 0 "$bin" --content "$fixture" --state "$a" import "$tmp/b.json"
has import-no-duplicates "$tmp/out" "imported 0 new events"
"$bin" --content "$fixture" --state "$a" export --format csv > "$tmp/a.csv"
check import-csv 0 "$bin" --content "$fixture" --state "$b" import "$tmp/a.csv"
has import-csv-count "$tmp/out" "imported 1 new events"
"$bin" --content "$fixture" --state "$a" stats --json | sed 's/"retrievability":[0-9.]*//g' > "$tmp/sa"
"$bin" --content "$fixture" --state "$b" stats --json | sed 's/"retrievability":[0-9.]*//g' > "$tmp/sb"
cmp -s "$tmp/sa" "$tmp/sb" && ok || { bad "both machines agree after merging"; diff "$tmp/sa" "$tmp/sb"; }
printf 'time,date,kind,id,choices,correct,rating,value\n1,x,answer,q-single,a,1,3,0\nnot,a,row\n' > "$tmp/bad.csv"
check import-bad 1 "$bin" --content "$fixture" --state "$a" import "$tmp/bad.csv"
has import-bad-line "$tmp/err" "bad.csv:3:1: error: not an mlcert history row"
printf '{"events": [1, 2' > "$tmp/bad.json"
check import-bad-json 1 "$bin" --content "$fixture" --state "$a" import "$tmp/bad.json"
has import-bad-json-pos "$tmp/err" "bad.json:1:"

echo "install: $passed passed, $failed failed"
[ "$failed" = 0 ]
