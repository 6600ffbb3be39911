#!/usr/bin/env bash
# Man pages that are valid roff and fit 80 columns: every page `mlcert man`
# writes (the bundled pack's and the fixture's), man/mlcert.1 and
# man/mlcert-content.5, through `mandoc -T lint` (every message, style too)
# and through man(1) at MANWIDTH=80 (nothing on stderr, no line wider than
# 80 columns, the header's title whole at both ends).
set -u
bin=$(realpath "${1:-./mlcert}")
here=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
export LC_ALL=C.UTF-8

for tool in mandoc man col; do
	command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing ('make deps' installs it)"; exit 1; }
done

# Every page, as `make install` writes them.
mkdir -p "$tmp/pages"
for content in "" "$here/tests/data/packs/good"; do
	args=(); [ -n "$content" ] && args=(--content "$content")
	ids=$("$bin" "${args[@]}" man --list) && [ -n "$ids" ] && ok || bad "man --list ${content:-(built in)}"
	for id in $ids; do
		"$bin" "${args[@]}" man "$id" > "$tmp/pages/mlcert-$id.7" || bad "man $id"
	done
done
cp "$here/man/mlcert.1" "$here/man/mlcert-content.5" "$tmp/pages/"
pages=("$tmp/pages/"*)
echo "checking ${#pages[@]} pages"

# mandoc: not one message, at any level.
if mandoc -T lint -W style "${pages[@]}" > "$tmp/lint" 2>&1 && [ ! -s "$tmp/lint" ]; then ok; else
	bad "mandoc -T lint: $(wc -l < "$tmp/lint") messages"; head -20 "$tmp/lint"; fi

# man at 80 columns: quiet, within the width, the header whole. man(1) takes
# a good part of a second a page, so the pages go through it in two batches
# at once; each page's header is found by the title its .TH gives.
python3 - "${pages[@]}" <<'PY' > "$tmp/mancheck" 2>&1 && ok || { bad "man -l at MANWIDTH=80"; cat "$tmp/mancheck"; }
import os, re, subprocess, sys, unicodedata
pages = sys.argv[1:]
env = dict(os.environ, MANWIDTH="80", MAN_KEEP_FORMATTING="")
half = len(pages) // 2
runs = [subprocess.Popen(["man", "-l"] + batch, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for batch in (pages[:half], pages[half:])]
out = err = b""
for r in runs:
    o, e = r.communicate()
    out, err = out + o, err + e
text = subprocess.run(["col", "-bx"], input=out, stdout=subprocess.PIPE).stdout.decode()
lines = text.split("\n")
width = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in s)
problems = [err.decode()[:400]] if err else []
problems += ["%d columns: %s" % (width(l), l) for l in lines if width(l) > 80][:10]
for page in pages:
    th = re.search(r'^\.TH (\S+) (\S+)', open(page).read(), re.M)
    want = "%s(%s)" % th.groups()
    if not any(l.startswith(want + " ") and l.endswith(" " + want) for l in lines):
        problems.append("%s: no header line '%s ... %s'" % (os.path.basename(page), want, want))
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY

# The SYNOPSIS of a long one, broken to fit, not cut.
MANWIDTH=80 man -l "$tmp/pages/mlcert-natural-language-api.7" 2>/dev/null | col -bx > "$tmp/nl"
grep -qF "POST https://language.googleapis.com/v2/documents:analyzeSentiment" "$tmp/nl" && ok ||
	{ bad "natural-language-api SYNOPSIS"; sed -n 1,15p "$tmp/nl"; }
grep -qE '^ {11}\{"document":' "$tmp/nl" && ok || bad "the SYNOPSIS's long line goes on under a hang"

echo "man: $passed passed, $failed failed"
[ "$failed" = 0 ]
