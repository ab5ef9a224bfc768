#!/usr/bin/env bash
# One bad document never blocks the others: FA-KES with a document at position 400 that crashes the
# coder (the debug build's fault hook, SITREP_FAULT_CRASH_ON) is ingested; the first run dies, the
# next finds the batch it was on, tries its documents in a separate process, quarantines the bad one
# and stores every other. Checked against a release run of the same file (no fault hook there).
#
#   Tests/cli/quarantine.sh RELEASE_BIN FA-KES.csv [DEBUG_BIN]   (default: builds the debug sitrep)
set -uo pipefail
cd "$(dirname "$0")/../.."
RELEASE_BIN="$1"; FAKES="$2"; DEBUG_BIN="${3:-}"
if [ -z "$DEBUG_BIN" ]; then
    swift build --product sitrep 2>&1 | tail -n 1
    DEBUG_BIN="$(swift build --show-bin-path)/sitrep"
fi
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
MARK="SITREP-FAULT-AT-400"

# The 400th document gets the marker at the end of its text (FA-KES is Latin-1).
python3 - "$FAKES" "$dir/fakes.csv" "$MARK" <<'PY'
import csv, sys
src, dst, mark = sys.argv[1:]
with open(src, encoding="latin-1", newline="") as f:
    rows = list(csv.reader(f))
text = rows[0].index("article_content")
rows[400][text] += " " + mark
with open(dst, "w", encoding="latin-1", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
PY

fail=0
ingest() { SITREP_FAULT_CRASH_ON="$MARK" "$DEBUG_BIN" ingest --db "$dir/fault.db" --quiet --batch-size 32 "$dir/fakes.csv" 2>> "$dir/stderr"; }
ingest
first=$?
echo "first run: exit $first"
if [ "$first" -lt 128 ]; then echo "the fault hook did not stop the first run (is $DEBUG_BIN a debug build?)"; fail=1; fi
ingest
second=$?
echo "second run: exit $second"
grep "^sitrep:" "$dir/stderr" | head -n 5
[ "$second" -eq 1 ] || { echo "the second run should finish and report the quarantined document (exit 1)"; fail=1; }

"$DEBUG_BIN" quarantine --db "$dir/fault.db" > "$dir/quarantine"
cat "$dir/quarantine"
[ "$(wc -l < "$dir/quarantine")" -eq 1 ] || { echo "expected exactly one quarantined document"; fail=1; }
grep -q "fakes.csv:.*fault hook: the document contains $MARK" "$dir/quarantine" || { echo "the reason does not name the fault"; fail=1; }

# Every other document is stored: the release build (which has no fault hook) stores the same
# articles plus the marked one.
"$RELEASE_BIN" ingest --db "$dir/clean.db" --quiet "$dir/fakes.csv" 2> /dev/null
ids() { "$1" store dump --db "$2" | grep '^articles|' | sed 's/^articles|id=\([^|]*\)|.*/\1/' | sort; }
ids "$RELEASE_BIN" "$dir/clean.db" > "$dir/clean.ids"
ids "$DEBUG_BIN" "$dir/fault.db" > "$dir/fault.ids"
missing="$(comm -23 "$dir/clean.ids" "$dir/fault.ids")"
extra="$(comm -13 "$dir/clean.ids" "$dir/fault.ids")"
quarantined="$(cut -f2 "$dir/quarantine")"
echo "stored: $(wc -l < "$dir/fault.ids") of $(wc -l < "$dir/clean.ids"); missing: ${missing:-none}; quarantined: $quarantined"
[ "$missing" = "$quarantined" ] && [ -z "$extra" ] || { echo "the stored articles are not every article but the quarantined one"; fail=1; }
[ "$fail" -eq 0 ] && echo "quarantine: one bad document set aside with its reason, every other stored"
exit "$fail"
