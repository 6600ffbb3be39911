#!/usr/bin/env bash
# Load, check and free under valgrind: the bundled pack, and a pack holding every
# broken fixture at once (every error path). Any leak or memory error fails.
set -u
bin=$(realpath "${1:-./mlcert}")
here=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp -r "$here/tests/data/packs/good" "$tmp/all-broken"
cp "$here/tests/data/broken/"*.yaml "$tmp/all-broken/"
vg() { valgrind --quiet --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
	--error-exitcode=9 "$@"; }
passed=0 failed=0
run() { # expected status, args...
	local want=$1; shift
	vg "$bin" "$@" >/dev/null 2>"$tmp/err"; local got=$?
	if [ "$got" = "$want" ]; then passed=$((passed + 1)); else
		failed=$((failed + 1)); echo "FAIL valgrind $*: exit $got, wanted $want"; cat "$tmp/err"; fi
}
run 0 lint "$here/content/pmle"
run 1 lint "$tmp/all-broken"
run 1 lint --json "$tmp/all-broken"
run 2 lint "$tmp/missing"
# --state '' once read before the start of the name (journal.c:129)
run 2 --state '' stats
run 2 --state= --content "$here/tests/data/packs/good" quiz --plain --review

# A scripted session of the real program under valgrind: plain mode, then the
# full-screen program in tmux (ncurses keeps some memory until exit on purpose:
# only definite and indirect leaks count).
pack="$here/tests/data/packs/good"
vgs() { valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect \
	--show-leak-kinds=definite,indirect --error-exitcode=9 "$@"; }
printf 'a\n\ng\n' | vgs "$bin" --content "$pack" --state "$tmp/vs" quiz --plain --topic alpha > /dev/null 2> "$tmp/err"
st=$?; if [ $st = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL valgrind plain session: $st"; cat "$tmp/err"; fi
# a plain mock exam: an answer, then the exam discarded
printf 'a\nd\ny\n' | vgs "$bin" --content "$pack" --state "$tmp/vx" quiz --plain --exam > /dev/null 2> "$tmp/err"
st=$?; if [ $st = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL valgrind plain exam: $st"; cat "$tmp/err"; fi
sock="mlcert-vg-$$"
tmux -L "$sock" new-session -d -s vg -x 100 -y 30 \
	"env TERM=xterm-256color LANG=C.UTF-8 valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect --log-file='$tmp/vg.log' '$bin' --content '$pack' --state '$tmp/vs'; echo \$? > '$tmp/vg.status'"
sleep 3
# (an answer undone; in the exam a strike, the report's review filtered, the history and a report reopened)
for k in Enter j j Enter G ']' Enter BSpace Tab a Enter u y Enter D Escape '?' Escape / s e c Enter Escape W Enter 1 Enter \
	X Enter x b a S y f q H Enter q q Escape q; do
	tmux -L "$sock" send-keys -t vg "$k" 2>/dev/null; sleep 0.3
done
tmux -L "$sock" send-keys -t vg q 2>/dev/null; sleep 0.5; tmux -L "$sock" send-keys -t vg q 2>/dev/null
for _ in $(seq 1 60); do [ -s "$tmp/vg.status" ] && break; sleep 0.25; done
tmux -L "$sock" kill-server 2>/dev/null
if [ "$(cat "$tmp/vg.status" 2>/dev/null)" = 0 ] && [ ! -s "$tmp/vg.log" ]; then passed=$((passed + 1)); else
	failed=$((failed + 1)); echo "FAIL valgrind TUI session: status $(cat "$tmp/vg.status" 2>/dev/null)"; cat "$tmp/vg.log"; fi

# mlcert sync (git runs as a child, outside valgrind): a first sync, a second
# that merges another folder's, a refused one, a PATH without git
git init -q --bare "$tmp/remote.git"
printf 'a\n\n' | "$bin" --content "$pack" --state "$tmp/vs2" quiz --plain --topic alpha > /dev/null 2>&1
run 0 --state "$tmp/vs2" sync "$tmp/remote.git"
run 0 --state "$tmp/vs" sync "$tmp/remote.git"
run 2 --state "$tmp/vs" sync "$tmp/not-there.git"
vgbin=$(command -v valgrind)
PATH=/nonexistent "$vgbin" --quiet --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
	--error-exitcode=9 "$bin" --state "$tmp/vs" sync > /dev/null 2> "$tmp/err"; st=$?
if [ $st = 2 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL valgrind sync without git: $st"; cat "$tmp/err"; fi
run 2 --state "$tmp/vs" sync one two

echo "valgrind: $passed passed, $failed failed"
[ "$failed" = 0 ]
