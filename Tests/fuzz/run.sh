#!/usr/bin/env bash
# Builds the libFuzzer targets (Tests/fuzz/FuzzTargets.swift with SitrepCore's sources, under
# AddressSanitizer) and runs each for SECONDS (default 60) from its seed corpus in
# Tests/fuzz/corpus/<target>. A finding (trap, sanitizer report, input slower than 10 s, over
# 2 GB) fails the run; its input is left in .build-fuzz/findings/<target>/.
#
#   Tests/fuzz/run.sh [SECONDS] [TARGET…]     (targets: html jsonl csv gzip parsers pipeline)
set -uo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_TARGET="${1:-60}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(html jsonl csv gzip parsers pipeline)
OUT=.build-fuzz
BIN="$OUT/sitrep-fuzz"
mkdir -p "$OUT"

# Rebuild only when a source changed since the last build.
sources=$(find Sources/SitrepCore -name '*.swift' | sort)
if [ ! -x "$BIN" ] || [ -n "$(find Sources/SitrepCore Tests/fuzz -name '*.swift' -newer "$BIN" | head -n 1)" ]; then
    echo "building $BIN (swiftc -sanitize=fuzzer,address)"
    # shellcheck disable=SC2086
    if ! swiftc -sanitize=fuzzer,address -parse-as-library -swift-version 6 -O -g -module-name SitrepFuzz \
        $sources Tests/fuzz/BundleShim.swift Tests/fuzz/FuzzTargets.swift -o "$BIN" > "$OUT/build.log" 2>&1; then
        grep -E "error" "$OUT/build.log" | head -n 20
        echo "fuzz build failed (log: $OUT/build.log)"
        exit 1
    fi
fi

export SITREP_DATA="$PWD/Sources/SitrepCore/Resources"
export LSAN_OPTIONS="suppressions=$PWD/Tests/fuzz/lsan.supp:print_suppressions=0"
failed=()
for t in "${TARGETS[@]}"; do
    corpus="$OUT/corpus/$t"
    findings="$OUT/findings/$t"
    mkdir -p "$corpus" "$findings"
    max_len=4096
    [ "$t" = pipeline ] && max_len=2048
    echo "== fuzz $t: ${SECONDS_PER_TARGET} s"
    if SITREP_FUZZ_TARGET="$t" "$BIN" "$corpus" "Tests/fuzz/corpus/$t" -max_total_time="$SECONDS_PER_TARGET" \
        -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$findings/" -print_final_stats=1 \
        > "$OUT/$t.log" 2>&1; then
        grep -E "^stat::number_of_executed_units|^stat::new_units_added" "$OUT/$t.log" | tr '\n' ' '
        echo
    else
        echo "FINDING in $t (input in $findings/):"
        grep -E "ERROR|Fatal error|runtime failure|SUMMARY|timeout|out-of-memory" "$OUT/$t.log" | head -n 8
        failed+=("$t")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz findings: ${failed[*]}"
    exit 1
fi
echo "no findings: ${TARGETS[*]} (${SECONDS_PER_TARGET} s each)"
