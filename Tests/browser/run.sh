#!/usr/bin/env bash
# Browser test of the dashboard (issue 7): ingests test articles into a fresh database, starts
# `sitrep serve`, and drives the page in headless Chromium (Tests/browser/dashboard_test.py).
# Screenshots go to .build-browser/screenshots/. Installs what it needs (idempotent).
# usage: Tests/browser/run.sh [path/to/sitrep]   (default: builds the release binary)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=.build-browser
PORT="${SITREP_BROWSER_PORT:-18437}"

need=()
for p in chromium chromium-driver libjs-leaflet libjs-chart.js; do
    dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
python3 -c "import selenium" 2>/dev/null || pip install -q selenium

BIN="${1:-}"
if [ -z "$BIN" ]; then
    swift build -c release --product sitrep 2>&1 | tail -n 1
    BIN="$(swift build -c release --show-bin-path)/sitrep"
fi

rm -rf "$OUT"
mkdir -p "$OUT/screenshots"
DB="$OUT/events.db"
"$BIN" ingest --db "$DB" --quiet --published 2019-12-24 examples/idlib-report.txt
"$BIN" ingest --db "$DB" --quiet Tests/SitrepServerTests/Fixtures/articles.jsonl Tests/browser/articles.jsonl
echo "database: $("$BIN" store counts --db "$DB" 2>&1 | tr '\n' ' ')"

"$BIN" serve --db "$DB" --port "$PORT" >"$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    sleep 0.1
done

python3 Tests/browser/dashboard_test.py "http://127.0.0.1:$PORT" "$OUT/screenshots"
echo "screenshots: $OUT/screenshots/"
