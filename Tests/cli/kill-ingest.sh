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

t0=$(date +%s.%N)
"$BIN" ingest --quiet --batch-size 32 --db "$dir/clean.db" "$@" || { echo "uninterrupted ingest failed"; exit 1; }
t1=$(date +%s.%N)
"$BIN" store dump --db "$dir/clean.db" > "$dir/clean.dump"
total=$(grep -c '^articles|' "$dir/clean.dump")

# Kill at a third and at two thirds of an uninterrupted run (however fast this machine is); each
# time the database must be partly written, then complete.
fail=0
for delay in $(awk -v a="$t0" -v b="$t1" 'BEGIN { d = b - a; printf "%.2f %.2f", d / 3, 2 * d / 3 }'); do
    rm -f "$dir/killed.db" "$dir/killed.db-wal" "$dir/killed.db-shm"
    "$BIN" ingest --quiet --batch-size 32 --db "$dir/killed.db" "$@" &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    partial=$("$BIN" store dump --db "$dir/killed.db" | grep -c '^articles|')
    "$BIN" ingest --quiet --batch-size 32 --db "$dir/killed.db" "$@" || { echo "re-run after kill failed"; fail=1; }
    "$BIN" store dump --db "$dir/killed.db" > "$dir/killed.dump"
    if cmp -s "$dir/clean.dump" "$dir/killed.dump"; then
        echo "killed after ${delay}s with $partial of $total articles committed; after re-run: same dump ($(wc -l < "$dir/clean.dump") rows)"
    else
        echo "killed after ${delay}s with $partial of $total articles committed; after re-run the dump differs:"
        diff "$dir/clean.dump" "$dir/killed.dump" | head -n 10
        fail=1
    fi
    if [ "$partial" -ge "$total" ]; then echo "  (the kill came after the run had finished: not a mid-ingest test; lower the delay)"; fail=1; fi
done
exit "$fail"
