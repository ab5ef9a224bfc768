#!/usr/bin/env bash
# The server under abuse over real sockets (issue 14; the request-level cases are in
# Tests/SitrepServerTests): a second `serve` on a busy port, /metrics after 3,000 random paths,
# 1,000 slowloris connections, 1,000 slow bodies, 20,000 idle connections (Tests/server/abuse.py).
# The server runs with its defaults (idle and read timeouts 10 s, 4,096 connections).
# usage: Tests/server/abuse.sh BIN      env: SITREP_ABUSE_PORT (18439)
set -uo pipefail
cd "$(dirname "$0")/../.."
BIN="$1"
PORT="${SITREP_ABUSE_PORT:-18439}"
dir="$(mktemp -d)"
"$BIN" ingest --db "$dir/events.db" --quiet Tests/SitrepServerTests/Fixtures/articles.jsonl
"$BIN" serve --db "$dir/events.db" --port "$PORT" >"$dir/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

fail=0
# A second server on the same port says so in one line and exits non-zero.
timeout 20 "$BIN" serve --db "$dir/events.db" --port "$PORT" >"$dir/second.out" 2>"$dir/second.err"
status=$?
lines=$(grep -vc 'is missing: the dashboard needs it' "$dir/second.err")
if [ "$status" -ne 0 ] && [ "$status" -ne 124 ] && [ "$lines" -eq 1 ] && grep -q "already in use" "$dir/second.err"; then
    echo "ok    busy port: exit $status, \"$(grep "already in use" "$dir/second.err")\""
else
    echo "FAIL  busy port: exit $status, stderr:"; cat "$dir/second.err"; fail=1
fi

python3 Tests/server/abuse.py "$PORT" "$SERVER" metrics slowloris slow-body idle-flood || fail=1
if grep -qi "too many open files" "$dir/server.log"; then echo "FAIL  the server ran out of file descriptors"; fail=1; fi
kill -0 "$SERVER" 2>/dev/null || { echo "FAIL  the server died"; fail=1; }
exit "$fail"
