#!/usr/bin/env bash
# OpenAPI and server agree (issue 14): schemathesis (PyPI) generates requests from /openapi.json —
# valid ones and ones the document rules out — for every operation and checks each answer against
# the document: status codes, content types, response schemas, that invalid input is refused and
# valid input accepted, 405 with Allow for undocumented methods, 401 without the token. Runs
# against a fresh server on a free port with a write token, over a small database.
# usage: Tests/schemathesis/run.sh BIN     env: EXAMPLES (50 per operation), SEED (14)
set -uo pipefail
cd "$(dirname "$0")/../.."
BIN="$1"
EXAMPLES="${EXAMPLES:-50}"
SEED="${SEED:-14}"
command -v st >/dev/null || python3 -m pip install -q schemathesis >/dev/null 2>&1 || { echo "cannot install schemathesis"; exit 1; }

dir="$(mktemp -d)"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
TOKEN="st-$(python3 -c 'import secrets; print(secrets.token_hex(8))')"
"$BIN" ingest --db "$dir/events.db" --quiet Tests/SitrepServerTests/Fixtures/articles.jsonl
"$BIN" serve --db "$dir/events.db" --port "$PORT" --token "$TOKEN" >"$dir/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

# From the temporary folder: schemathesis keeps a cache folder where it runs.
(cd "$dir" && st run "http://127.0.0.1:$PORT/openapi.json" --header "Authorization: Bearer $TOKEN" \
    --checks all --max-examples "$EXAMPLES" --seed "$SEED" --generation-database none \
    --workers 1 --request-timeout 30 --no-color)
status=$?
if grep -q "internal error" "$dir/server.log"; then echo "server log:"; grep "internal error" "$dir/server.log" | head; fi
exit $status
