#!/bin/sh
# run.sh TARGET SECONDS — builds one fuzz target into build/fuzz/ and runs it
# for SECONDS on a writable copy of its seed corpus (build/fuzz/corpus-TARGET;
# the committed seeds under tests/fuzz/corpus/ are never written). TARGET is
# content or journal (fuzz_content, fuzz_journal and tests/fuzz/fuzz_X.c work
# too). Exits non-zero on any crash, hang (over 10 s), leak or sanitizer report;
# the input is kept under build/fuzz/findings-TARGET/.
#
# Environment: CLANG (default clang), FUZZ_ARGS (extra libFuzzer flags),
# FUZZ_SRC (default src: the folder of the module sources, e.g. a patched copy
# to go on fuzzing past a finding whose fix is not in src/ yet) and
# FUZZ_INCLUDE (default include: the headers to go with it).
set -eu
cd "$(dirname "$0")/../.."

usage() { echo "usage: tests/fuzz/run.sh content|journal SECONDS" >&2; exit 2; }
[ $# -eq 2 ] || usage
target=$(basename "$1" .c)
target=${target#fuzz_}
seconds=$2
case $seconds in '' | *[!0-9]*) usage ;; esac
[ -f "tests/fuzz/fuzz_$target.c" ] || { echo "run.sh: no tests/fuzz/fuzz_$target.c" >&2; exit 2; }

CLANG=${CLANG:-clang}
out=build/fuzz
mkdir -p "$out"

# The core: every module but main and the curses UI, as an archive, so the
# link takes only the modules the target reaches (a module being written
# that needs generated code elsewhere does not break the fuzz build).
inc=${FUZZ_INCLUDE:-include}
CFLAGS_FUZZ="-std=c11 -g -O1 -fno-omit-frame-pointer -fno-sanitize-recover=all
	-I$inc -I$out -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600
	$(pkg-config --cflags libcyaml yaml-0.1 zlib libxxhash)"
LIBS_FUZZ="$(pkg-config --libs libcyaml yaml-0.1 zlib libxxhash) -lm"
src=${FUZZ_SRC:-src}
src=${src%/}
[ -d "$src" ] || { echo "run.sh: no folder $src" >&2; exit 2; }
if [ "$src" = src ]; then
	objdir=$out/obj suffix=""
else
	suffix=-$(basename "$src" | tr -c 'A-Za-z0-9\n' _)
	objdir=$out/obj$suffix
fi
mkdir -p "$objdir"
newest_header=$(ls -t "$inc"/mlcert/*.h | head -n 1)
objs=""
for f in "$src"/*.c; do
	name=$(basename "$f" .c)
	case $name in
	main | ui* | pane_* | view_*) continue ;;
	esac
	o=$objdir/$name.o
	if [ ! -f "$o" ] || [ "$f" -nt "$o" ] || [ "$newest_header" -nt "$o" ]; then
		# shellcheck disable=SC2086
		# Through a temporary name: two targets may be built at once.
		if ! "$CLANG" $CFLAGS_FUZZ -fsanitize=fuzzer-no-link,address,undefined -c -o "$o.$$" "$f"; then
			echo "run.sh: warning: $f does not compile; leaving it out" >&2
			rm -f "$o.$$" "$o"
			continue
		fi
		mv "$o.$$" "$o"
	fi
	objs="$objs $o"
done
lib=$objdir/libcore-$target.a
rm -f "$lib"
# shellcheck disable=SC2086
ar rcs "$lib" $objs

sh tests/fuzz/embed.sh "$out/fixture_pack.h"
bin=$out/fuzz_$target$suffix
echo "run.sh: building $bin from $src/"
# shellcheck disable=SC2086
"$CLANG" $CFLAGS_FUZZ -fsanitize=fuzzer,address,undefined -o "$bin" \
	"tests/fuzz/fuzz_$target.c" "$lib" $LIBS_FUZZ

corpus=$out/corpus-$target
findings=$out/findings-$target
mkdir -p "$corpus" "$findings"
# Seeds are copied in (never over what earlier runs grew); the run writes
# only here.
cp -n tests/fuzz/corpus/"$target"/* "$corpus"/ 2>/dev/null || true
case $target in
content) dict=-dict=tests/fuzz/yaml.dict ;;
journal) dict=-dict=tests/fuzz/journal.dict ;;
*) dict="" ;;
esac

# The journal target makes its files under TMPDIR (a tmpfs when there is
# one: it fsyncs every event); a crash skips its own clean-up, so the whole
# folder goes when this script ends.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
	TMPDIR=$(mktemp -d /dev/shm/mlcert-fuzz-XXXXXX)
else
	TMPDIR=$(mktemp -d "${TMPDIR:-/tmp}/mlcert-fuzz-XXXXXX")
fi
export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT

# Inputs that once crashed this target (tests/fuzz/crashes/TARGET-*) must
# pass before any fuzzing: they are its regression tests.
regressions=$(ls tests/fuzz/crashes/"$target"-* 2>/dev/null || true)
if [ -n "$regressions" ]; then
	# shellcheck disable=SC2086
	if ! ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
		"$bin" -runs=1 -timeout=10 -rss_limit_mb=2048 $regressions >"$out/fuzz_$target$suffix.regressions.log" 2>&1; then
		grep -E "invariant broken|runtime error|ERROR: |^Running:" \
			"$out/fuzz_$target$suffix.regressions.log" | tail -n 5 >&2
		echo "run.sh: fuzz_$target$suffix fails a saved input of tests/fuzz/crashes/ (log: $out/fuzz_$target$suffix.regressions.log)" >&2
		exit 1
	fi
	echo "run.sh: $(echo "$regressions" | wc -w) saved crash inputs pass"
fi

before=$(ls "$findings" | wc -l)
log=$out/fuzz_$target$suffix.log
echo "run.sh: fuzzing $target for ${seconds}s (log: $log)"
status=0
# shellcheck disable=SC2086
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
	"$bin" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	-max_total_time="$seconds" -print_final_stats=1 $dict \
	-artifact_prefix="$findings/" \
	${FUZZ_ARGS:-} "$corpus" >"$log" 2>&1 || status=$?
tail -n 25 "$log"
after=$(ls "$findings" | wc -l)
if [ "$status" -ne 0 ] || [ "$after" -ne "$before" ]; then
	echo "run.sh: fuzz_$target$suffix FOUND A PROBLEM (exit $status); inputs in $findings/, log in $log" >&2
	exit 1
fi
echo "run.sh: fuzz_$target$suffix: no findings in ${seconds}s"
