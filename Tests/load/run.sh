#!/usr/bin/env bash
# Load benchmark (issue 7): wrk on loopback against `GET /api/events?country=…&from=…&limit=100`
# on a 1,000,000-event database (`sitrep store generate`, made once and kept in .build-load/).
# Requests rotate over every country with events × 4 start dates. Prints requests/s and p99;
# exits 1 below 2,000 requests/s or at a p99 of 100 ms or more with the server's response cache on
# (the default), starting empty so that the first request of each query is a miss; the same run
# without the cache (SQLite page cache warmed) is printed for information.
# usage: Tests/load/run.sh [path/to/sitrep]   env: EVENTS (1000000), DURATION (15s), CONNECTIONS (16)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=.build-load
EVENTS="${EVENTS:-1000000}"
DURATION="${DURATION:-15s}"
CONNECTIONS="${CONNECTIONS:-16}"
PORT="${SITREP_LOAD_PORT:-18438}"

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

BIN="${1:-}"
if [ -z "$BIN" ]; then
    swift build -c release --product sitrep 2>&1 | tail -n 1
    BIN="$(swift build -c release --show-bin-path)/sitrep"
fi

mkdir -p "$OUT"
DB="$OUT/events-$EVENTS.db"
if [ ! -f "$DB.done" ]; then
    "$BIN" store generate --db "$DB" --events "$EVENTS"
    touch "$DB.done"
fi

# Every country with events in the last week of the data, each from four start dates.
"$BIN" stats --db "$DB" --weeks 1 --json | python3 -c '
import json, sys, urllib.parse
countries = sorted({json.loads(l)["country"] for l in sys.stdin if l.strip()})
for c in countries:
    for d in ["2019-01-01", "2021-06-01", "2023-01-01", "2024-06-01"]:
        print("/api/events?" + urllib.parse.urlencode({"country": c, "from": d, "limit": 100}))
' > "$OUT/paths.txt"
echo "$(wc -l < "$OUT/paths.txt") distinct queries"

measure() {  # $1: label, $2: server's --cache-mb
    "$BIN" serve --db "$DB" --port "$PORT" --cache-mb "$2" >"$OUT/server.log" 2>&1 &
    SERVER=$!
    for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
    # Warm-up of SQLite's page cache only: the response cache starts empty, so the gated run pays a
    # miss (a full SQLite query) for the first request of each of the distinct queries.
    if [ "$2" = 0 ]; then
        sed "s|^|http://127.0.0.1:$PORT|" "$OUT/paths.txt" | xargs -n 1 -P 2 curl -fs -o /dev/null
    fi
    SITREP_LOAD_PATHS="$OUT/paths.txt" wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -s Tests/load/paths.lua \
        "http://127.0.0.1:$PORT" > "$OUT/wrk-$1.txt"
    kill $SERVER; wait $SERVER 2>/dev/null || true
    python3 - "$OUT/wrk-$1.txt" "$1" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
m = re.search(r"99%\s+([\d.]+)(us|ms|s)", t)
p99 = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
m = re.search(r"50%\s+([\d.]+)(us|ms|s)", t)
p50 = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
print(f"load ({sys.argv[2]}): {rps:,.0f} requests/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms" + (f", {errors.group(1)} errors" if errors else ""))
open(sys.argv[1] + ".ok", "w").write("1" if rps >= 2000 and p99 < 100 and not errors else "0")
PY
}

trap 'kill $SERVER 2>/dev/null || true' EXIT
# Every request answered by SQLite (no response cache): for information.
measure no-cache 0
# The server as it runs by default: responses cached until the store changes, starting cold. Gated.
measure cached 128
echo "targets: >= 2,000 requests/s and p99 < 100 ms (with wrk on the same 2 cores)"
[ "$(cat "$OUT/wrk-cached.txt.ok")" = 1 ]
