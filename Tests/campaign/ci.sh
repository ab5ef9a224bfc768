#!/usr/bin/env bash
# The malformed-document campaign at a size CI affords: generate COUNT documents (fixed seed, so a
# finding reproduces) and feed them to BIN. The acceptance run is the same with --count 10000 --big.
#
#   Tests/campaign/ci.sh BIN [COUNT]
set -uo pipefail
BIN="$1"; COUNT="${2:-400}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
python3 "$(dirname "$0")/generate.py" "$dir" --count "$COUNT" --seed 14 || exit 1
python3 "$(dirname "$0")/run.py" "$BIN" "$dir"
