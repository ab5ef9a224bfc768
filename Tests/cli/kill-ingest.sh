#!/usr/bin/env bash
# kill -9 during `sitrep ingest`, then ingest again: the database must hold exactly what an
# uninterrupted run holds (compared with `sitrep store dump`, which leaves out wall-clock columns).
# Usage: Tests/cli/kill-ingest.sh BIN [CORPUS...]
set -uo pipefail
BIN="$1"; shift
if [ $# -eq 0 ]; then
    set -- ../shared/data/corpus/fa-kes-syria/FA-KES-Dataset.csv ../shared/data/corpus/wikipedia-conflicts
fi
# The coder is deterministic (no set or dictionary order reaches its output), so two processes
# with different hash seeds must store the same thing.
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT

"$BIN" ingest --quiet --batch-size 32 --db "$dir/clean.db" "$@" || { echo "uninterrupted ingest failed"; exit 1; }
"$BIN" store dump --db "$dir/clean.db" > "$dir/clean.dump"
total=$(grep -c '^articles|' "$dir/clean.dump")

# The kill is triggered by progress, not by a delay: the ingest reports each committed batch
# (--json-progress), and is killed as soon as a third, then two thirds, of the input is committed,
# while batches remain (extraction runs ahead, so the next batch is usually being written). A
# delay measured on an earlier run lands anywhere on a machine whose load changes.
kill_at() {  # $1: fraction of the input; prints the documents committed when the kill came
    python3 - "$1" "$BIN" ingest --json-progress --batch-size 32 --db "$dir/killed.db" "$@" <<'PY'
import json, os, signal, subprocess, sys
fraction, cmd = float(sys.argv[1]), sys.argv[2:]
p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
done = None
for line in p.stderr:
    try:
        d = json.loads(line)
    except ValueError:
        continue
    if d["done"] >= fraction * d["total"] and d["done"] < d["total"]:
        os.kill(p.pid, signal.SIGKILL)
        done = d["done"]
        break
p.wait()
print(done if done is not None else "none")
PY
}

fail=0
for fraction in 0.33 0.67; do
    rm -f "$dir/killed.db" "$dir/killed.db-wal" "$dir/killed.db-shm"
    at=$(kill_at "$fraction" "$@")
    if [ "$at" = none ]; then echo "the ingest ended before $fraction of it was committed: no kill"; fail=1; continue; fi
    partial=$("$BIN" store dump --db "$dir/killed.db" | grep -c '^articles|')
    "$BIN" ingest --quiet --batch-size 32 --db "$dir/killed.db" "$@" || { echo "re-run after kill failed"; fail=1; }
    "$BIN" store dump --db "$dir/killed.db" > "$dir/killed.dump"
    if cmp -s "$dir/clean.dump" "$dir/killed.dump"; then
        echo "killed after $at documents were reported committed, $partial of $total articles stored; after re-run: same dump ($(wc -l < "$dir/clean.dump") rows)"
    else
        echo "killed after $at documents were reported committed, $partial of $total articles stored; after re-run the dump differs:"
        diff "$dir/clean.dump" "$dir/killed.dump" | head -n 10
        fail=1
    fi
    if [ "$partial" -ge "$total" ]; then echo "  (the kill came after the run had finished: not a mid-ingest test)"; fail=1; fi
done
exit "$fail"
