#!/usr/bin/env bash
# Throughput checks that hold on a busy machine: instructions counted by valgrind's callgrind,
# which are the same for the same binary and input whatever else runs on the cores (documents/s
# and articles/s floors failed whenever other builds shared the machine). Each figure is checked
# against its ceiling in eval/instruction-ceilings.tsv (the measured count plus the margin the old
# documents/s floors had, about 10 %): a change that makes Sitrep slower on purpose updates that
# file in the same commit.
#
#   startup              `sitrep extract` of one short report: model, gazetteer (the old load
#                        ceiling), actor dictionary and lexicons loaded, one document coded
#   extract_per_doc      the whole pipeline per FA-KES article: the first 300 rows less the first
#                        100, over 200 (the old 1,400 documents/s floor). A difference, so that what
#                        a run builds once when it first needs it (the gazetteer's sound-alike index,
#                        whose size follows the gazetteer's) is no document's cost
#   ingest_per_article   `sitrep ingest` per article of those into a fresh database: read, code, merge,
#                        commit (the old 290 articles/s floor), as the same difference
#   scaling              what a paragraph costs in a document of 100 to 500 paragraphs against what
#                        it costs between 25 and 100: 1 when coding is linear in the document's
#                        length, about 5 if quadratic; the ceiling is 1.5 (the old wall-clock ratio
#                        test of swift test). Differences of sizes, so fixed costs cancel.
#
# usage: Tests/bench/instructions.sh BIN [CEILINGS]     env: SHARED (../shared)
set -uo pipefail
cd "$(dirname "$0")/../.."
BIN="$1"
CEILINGS="${2:-eval/instruction-ceilings.tsv}"
SHARED="${SHARED:-../shared}"
FAKES="$SHARED/data/corpus/fa-kes-syria/FA-KES-Dataset.csv"
command -v valgrind >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null; }
dir="$(mktemp -d)"
# valgrind 3.19 cannot read the DWARF 5 debug information Swift 6 writes ("possibly corrupted
# debuginfo"): count on a copy without it, beside the original so its resource bundles are found.
COUNTED="$BIN-callgrind"
objcopy --strip-debug "$BIN" "$COUNTED" || exit 1
trap 'rm -rf "$dir" "$COUNTED"' EXIT
# Hash seeds change dictionary layouts and with them a few instructions: fix them.
export SWIFT_DETERMINISTIC_HASHING=1

count() {  # instructions of one command (all threads), from callgrind's summary
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" >/dev/null 2>"$dir/vg.log" \
        || { echo "failed under valgrind: $*" >&2; tail -n 5 "$dir/vg.log" >&2; return 1; }
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$dir/vg.log" | tail -n 1
}

echo "Gunmen attacked a checkpoint near Kidal on Tuesday, killing two soldiers, the army said." > "$dir/short.txt"
paragraph="On Monday, Russian forces shelled Kharkiv, killing two civilians, officials said. Protesters rallied in Lviv on Tuesday against the war. Gunmen abducted a priest near Kherson on Sunday."
for k in 25 100 500; do
    for _ in $(seq 1 "$k"); do echo "$paragraph"; done > "$dir/p$k.txt"
done
# The first 300 FA-KES rows (over a third of the corpus, half the time under valgrind), as JSON
# lines with the columns the reader takes from the CSV; the first 100 of them for the difference.
inputs=300
first=100
python3 - "$FAKES" "$inputs" > "$dir/fakes.jsonl" <<'PY'
import csv, json, sys
csv.field_size_limit(1 << 30)
rows = csv.DictReader(open(sys.argv[1], encoding="latin-1"))
for i, row in zip(range(int(sys.argv[2])), rows):
    print(json.dumps({"id": row["unit_id"], "title": row["article_title"], "text": row["article_content"],
                      "published": row["date"], "source": row["source"]}))
PY
head -n "$first" "$dir/fakes.jsonl" > "$dir/first.jsonl"

published="--published 2022-03-20"
startup=$(count "$COUNTED" extract $published "$dir/short.txt") || exit 1
extract=$(count "$COUNTED" extract "$dir/fakes.jsonl") || exit 1
extract_first=$(count "$COUNTED" extract "$dir/first.jsonl") || exit 1
ingest=$(count "$COUNTED" ingest --quiet --db "$dir/all.db" "$dir/fakes.jsonl") || exit 1
ingest_first=$(count "$COUNTED" ingest --quiet --db "$dir/first.db" "$dir/first.jsonl") || exit 1
p25=$(count "$COUNTED" extract $published "$dir/p25.txt") || exit 1
p100=$(count "$COUNTED" extract $published "$dir/p100.txt") || exit 1
p500=$(count "$COUNTED" extract $published "$dir/p500.txt") || exit 1

python3 - "$CEILINGS" "$inputs" "$first" "$startup" "$extract" "$extract_first" "$ingest" "$ingest_first" "$p25" "$p100" "$p500" <<'PY'
import sys
path, inputs, first = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
startup, extract, extract_first, ingest, ingest_first, p25, p100, p500 = map(int, sys.argv[4:])
figures = {
    "startup": startup,
    "extract_per_doc": (extract - extract_first) / (inputs - first),
    "ingest_per_article": (ingest - ingest_first) / (inputs - first),
    "scaling": ((p500 - p100) / 400) / ((p100 - p25) / 75),
}
ceilings = {}
for line in open(path):
    if line.strip() and not line.startswith("#"):
        name, value = line.split("\t")[:2]
        ceilings[name] = float(value)
failed = False
for name, value in figures.items():
    ceiling = ceilings.get(name)
    ok = ceiling is not None and value <= ceiling
    failed |= not ok
    shown = f"{value:,.2f}" if value < 1000 else f"{value:,.0f}"
    limit = "no ceiling recorded" if ceiling is None else f"ceiling {ceiling:,.0f}" if ceiling >= 1000 else f"ceiling {ceiling}"
    unit = "" if name.startswith("scaling") else " instructions"
    print(f"{'ok  ' if ok else 'FAIL'} {name}: {shown}{unit} ({limit})")
print(f"(FA-KES rows {first + 1}-{inputs}; counts by valgrind --tool=callgrind, SWIFT_DETERMINISTIC_HASHING=1)")
sys.exit(1 if failed else 0)
PY
