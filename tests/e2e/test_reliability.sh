#!/usr/bin/env bash
# kill -9, hangups and signals, hostile content, every terminal size, random
# resizes, TERM and locale variants: tests/e2e/reliability.py does the work.
here=$(cd "$(dirname "$0")/../.." && pwd)
exec python3 "$here/tests/e2e/reliability.py" "${1:-./mlcert}" "$here/tests/data/packs/good"
