#!/usr/bin/env bash
# Bad input gets a one-line error naming the document (and line), the rest of the batch is coded,
# and the exit status says that something failed.
set -uo pipefail
BIN="$1"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
head -c 2000 /dev/urandom > "$dir/binary.txt"
: > "$dir/empty.txt"
printf 'Gunmen killed three villagers in Ma\xe2\x80\x99rib on Monday, residents said. The attack \xe2\x80' > "$dir/truncated.txt"
printf 'On 3 May 2021, gunmen killed three villagers near Kadugli, residents said.\n' > "$dir/good.txt"
printf '%s\n' '{"id":"ok-1","text":"On 2 May 2016, rebels shelled Aleppo, killing two civilians."}' '{broken' \
    '{"id":"no-body"}' '{"id":"ok-2","html":"<p>On 6 January 2022, protesters rallied in Khartoum against the coup.</p>"}' > "$dir/batch.jsonl"

out="$("$BIN" extract "$dir" 2> "$dir/stderr")"
status=$?
cat "$dir/stderr"
fail=0
expect() { if ! grep -q "$2" "$1"; then echo "missing: $2"; fail=1; fi; }
echo "$out" > "$dir/stdout"
expect "$dir/stderr" "binary.txt: "
expect "$dir/stderr" "empty.txt: "
expect "$dir/stderr" "truncated.txt: "
expect "$dir/stderr" "batch.jsonl:2: "
expect "$dir/stderr" "batch.jsonl:3: "
expect "$dir/stdout" '"article_id":"ok-1"'
expect "$dir/stdout" '"article_id":"ok-2"'
expect "$dir/stdout" 'Kadugli'
if [ "$status" -eq 0 ]; then echo "exit status was 0 despite failures"; fail=1; fi
[ "$fail" -eq 0 ] && echo "bad input handled: $(wc -l < "$dir/stderr") error lines, $(wc -l < "$dir/stdout") events, exit $status"
exit "$fail"
