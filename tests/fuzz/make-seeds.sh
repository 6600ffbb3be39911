#!/bin/sh
# make-seeds.sh — (re)writes the seed corpora under tests/fuzz/corpus/ from the
# fixtures and the bundled pack. Run from the repository root when content or
# fixtures change; the fuzzers themselves never write here (run.sh works on a
# copy under build/fuzz/).
#
# corpus/content: unit files as they are; pack.yaml files with a leading NUL
# byte, which tells fuzz_content to load the input as pack.yaml; units with a
# leading 0x01 byte, loaded beside a file that fails (a partial pack).
# corpus/journal: real journals (checksummed lines, torn and corrupt ones
# among them) and NUL-led "unsigned" journals that fuzz_journal signs itself.
set -eu
c=tests/fuzz/corpus/content
j=tests/fuzz/corpus/journal
mkdir -p "$c" "$j"
rm -f "$c"/* "$j"/*

nul_prefixed() { { printf '\000'; cat "$1"; } >"$2"; }
partial() { { printf '\001'; cat "$1"; } >"$2"; }

for f in tests/data/broken/*.yaml; do
	cp "$f" "$c/broken-$(basename "$f")"
done
for f in tests/data/packs/good/*/*.yaml; do
	cp "$f" "$c/good-$(basename "$(dirname "$f")")-$(basename "$f")"
done
nul_prefixed tests/data/packs/good/pack.yaml "$c/pack-good.yaml"
for f in tests/data/pack-broken/*/pack.yaml; do
	nul_prefixed "$f" "$c/pack-broken-$(basename "$(dirname "$f")").yaml"
done
# The fixture's units with every id renamed: a second, clean set of items
# that loads beside the fixture and references it, so fuzzing starts from
# packs that pass check_pack() and reach the code that uses them.
renamed() {
	sed -E -e 's/\b(area-one|topic-one|topic-two|q-single|q-multi|flow-one|ask-one|end-one|end-two)\b/\1-x/g' "$1"
}
for f in tests/data/packs/good/*/*.yaml; do
	renamed "$f" >"$c/clean-$(basename "$(dirname "$f")")-$(basename "$f")"
done
cat tests/data/packs/good/topics/topics.yaml tests/data/packs/good/questions/questions.yaml \
	tests/data/packs/good/flows/flow.yaml | renamed /dev/stdin >"$c/clean-all-in-one.yaml"
# Text a terminal would act on, in a pack that is otherwise clean.
cat >"$c/clean-hostile-text.yaml" <<'YAML'
topics:
  - id: hostile
    title: "Escapes \e[31mred\e[0m and \u202Eevil\u202C"
    domain: alpha
    name: "hostile - \x07bell \x1b]52;c;aGk=\x07 osc 52"
    synopsis: "a\tb\rc\x01d"
    description: |
      Wide 漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字 and
      combining ééé, zero​width, a very-long-word-without-any-spaces-that-has-to-be-broken-between-characters-somewhere-along-the-way.

      - a bullet with 🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂
    when_to_use: "\u2066isolate\u2069 \u0085next-line \u00a0nbsp"
    exam_tips: ["tip \e[2J clear", "\u061Cmark"]
    see_also: [topic-one]
    resources:
      - title: "link \e]8;;https://evil.example\e\\here\e]8;;\e\\"
        url: https://example.com/a
        kind: doc
    as_of: 2026-01-31
questions:
  - id: hostile-q
    domain: beta
    topics: [hostile]
    stem: "\e[1mWhich\e[0m? \u202E(Choose two.)"
    choices:
      - text: "\x1b[Ka"
        correct: true
        why: "\x9b31m c1"
      - text: b
        correct: true
        why: 漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字
      - text: c
        why: "\ufeffbom"
    explanation: "tab\there"
YAML
if [ -d content/pmle ]; then
	find content/pmle -name '*.yaml' ! -path content/pmle/pack.yaml | LC_ALL=C sort |
		while read -r f; do
			rel=${f#content/pmle/}
			cp "$f" "$c/pmle-$(echo "$rel" | tr / -)"
		done
	[ -f content/pmle/pack.yaml ] && nul_prefixed content/pmle/pack.yaml "$c/pack-pmle.yaml"
	# Partial packs: a bundled unit whose references to the pack's other
	# files (and domains) dangle, beside a file that failed to load.
	for f in content/pmle/topics/exam.yaml content/pmle/questions/serving.yaml \
		content/pmle/flows/which-product.yaml; do
		[ -f "$f" ] || continue
		partial "$f" "$c/partial-pmle-$(basename "$(dirname "$f")")-$(basename "$f")"
	done
fi
for f in tests/data/broken/dangling-*.yaml; do
	partial "$f" "$c/partial-broken-$(basename "$f")"
done

python3 - "$j" <<'PY'
import os, sys, zlib
out = sys.argv[1]
T = 1767225600  # 2026-01-01

def line(kind, id, choices=0, correct=0, rating=0, value=0, time=0, version=1):
    body = f"{version} {T + time} {kind} {id} {choices} {correct} {rating} {value}"
    return f"{body} {zlib.crc32(body.encode()) & 0xffffffff:08x}"

def unsigned(kind, id, choices=0, correct=0, rating=0, value=0, time=0):
    return f"1 {T + time} {kind} {id} {choices} {correct} {rating} {value}"

def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())

study = [
    line("read", "area-one"),
    line("read", "topic-one", time=60),
    line("answer", "q-single", 1, 1, 3, time=120),
    line("answer", "q-multi", 3, 0, 1, time=180),
    line("rate", "q-single", 0, 0, 4, time=200),
    line("bookmark", "topic-two", value=1, time=240),
    line("bookmark", "topic-two", value=0, time=300),
    line("setting", "exam-date", value=T + 30 * 86400, time=360),
    line("answer", "q-single", 1, 1, 2, time=3 * 86400),
    line("answer", "q-multi", 5, 1, 3, time=3 * 86400 + 30),
    line("answer", "q-single", 2, 0, 0, time=10 * 86400),
]
write("study.journal", "\n".join(study) + "\n")
write("empty.journal", "")
write("one-answer.journal", line("answer", "q-single", 1, 1, 3) + "\n")

exam = [
    line("exam-start", "fixture", value=12345),
    line("exam-pick", "q-single", 1, time=30),
    line("exam-flag", "q-multi", 0, 1, time=40),
    line("exam-pick", "q-multi", 5, time=70),
    line("exam-pause", "fixture", value=70, time=75),
    line("exam-flag", "q-multi", 0, 0, time=500),
    line("exam-finish", "fixture", 2, 0, 0, 2, time=520),
]
write("exam-finished.journal", "\n".join(exam) + "\n")
write("exam-open.journal", "\n".join(exam[:4]) + "\n")

good = "\n".join(study[:4])
bad_crc = study[4][:-1] + ("0" if study[4][-1] != "0" else "1")
flipped = study[5].replace("bookmark", "bookmarX")
write("damaged.journal", "\n".join([
    study[0], bad_crc, flipped, "", study[6], "garbage line", "1 2 3",
    line("answer", "q-single", 1, 1, 5),            # rating out of range
    line("answer", "q-single", 1, 2, 3),            # correct not 0/1
    line("answer", "Q-Single", 1, 1, 3),            # invalid id
    line("answer", "a" * 65, 1, 1, 3),              # id too long
    line("unknown", "q-single", 1, 1, 3),           # unknown kind
    line("answer", "q-single", 1, 1, 3, version=2), # newer version
    line("answer", "q-gone", 1, 1, 3),              # id the pack lost
    line("read", "q-single"),                       # kind and id disagree
    study[8],
]) + "\n")
# A write cut short: mid-line, and just before its newline.
write("torn-mid.journal", good + "\n" + study[4][:25])
write("torn-before-newline.journal", good + "\n" + study[4])
write("crlf.journal", "\r\n".join(study[:3]) + "\r\n")
write("nul-inside.journal", (good + "\n").encode() + b"1 \x00 answer\n" + (study[5] + "\n").encode())
write("long-line.journal", good + "\n" + "x" * 300 + "\n" + study[5] + "\n")

# Unsigned journals (first byte NUL): fuzz_journal appends each line's CRC;
# a line starting with '!' is written as it is.
def unsigned_seed(name, lines):
    write(name, b"\x00" + ("\n".join(lines) + "\n").encode())

unsigned_seed("unsigned-study.journal", [
    unsigned("read", "topic-one"),
    unsigned("answer", "q-single", 1, 1, 3, time=10),
    unsigned("answer", "q-multi", 5, 1, 0, time=20),
    unsigned("rate", "q-multi", 0, 0, 2, time=25),
    unsigned("bookmark", "topic-one", value=1, time=30),
    unsigned("setting", "exam-date", value=T + 86400, time=40),
    "!" + study[0],
    "!not signed",
])
unsigned_seed("unsigned-exam.journal", [
    unsigned("exam-start", "fixture", value=7),
    unsigned("exam-pick", "q-single", 2, time=5),
    unsigned("exam-flag", "q-single", 0, 1, time=6),
    unsigned("exam-pause", "fixture", value=6, time=7),
    unsigned("exam-pick", "q-multi", 4294967295, time=9),
    unsigned("exam-finish", "fixture", 1, 0, 0, 2, time=10),
])
unsigned_seed("unsigned-times.journal", [
    unsigned("answer", "q-single", 1, 1, 3, time=-T),
    unsigned("answer", "q-single", 1, 1, 3, time=-T - 86400 * 365),
    unsigned("answer", "q-single", 1, 0, 1, time=86400 * 365 * 100),
])
PY
echo "make-seeds.sh: $(ls "$c" | wc -l) content seeds, $(ls "$j" | wc -l) journal seeds"
