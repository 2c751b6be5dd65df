#!/usr/bin/env bash
# Soak run (issue #10): answers, assist turns and document imports at once against the release
# build on loopback, bounded in time. Two wrk clients (POST /v1/answer and customer turns, 16
# connections each) run while a third client imports a new Markdown document every second.
# Prints throughput, p99 and errors per client, the server's resident memory over time and once
# the server is idle after the run ("settled"), and checks that every import the server
# acknowledged is listed afterwards.
# Usage: Benchmarks/soak.sh [seconds, default 300] [seconds between memory samples, default 30]
# Exits 1 on any wrk error, failed or lost import, or a server that dies.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-300}
every=${2:-30}
port=${SOAK_PORT:-18090}
conversation_count=16
source Benchmarks/load-server.sh

# Imports: one new document a second until the time is up; each acknowledged name is kept.
import_loop() {
  local n=0 end=$(( $(date +%s) + secs ))
  while [ "$(date +%s)" -lt "$end" ]; do
    n=$((n + 1))
    local name="soak/note-$n.md"
    local body="{\"name\":\"$name\",\"content\":\"# Soak note $n\\n\\nService bulletin $n: the E7 tyre pressure check is free at every dealer until month $n.\\n\"}"
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$url/v1/documents" -H 'content-type: application/json' -d "$body" || echo 000)
    if [ "$code" = 201 ] || [ "$code" = 200 ]; then echo "$name" >>"$data/acknowledged.txt"; else echo "$name $code" >>"$data/import-failures.txt"; fi
    sleep 1
  done
}
touch "$data/acknowledged.txt" "$data/import-failures.txt"
echo "soak: answers + turns (concurrency 16 each) + one import a second for ${secs}s; resident memory (MB) every ${every} s:"
wrk -t 1 -c 16 -d "${secs}s" --latency -s Benchmarks/load/answer.lua "$url" >"$data/soak-answer.txt" 2>&1 &
w1=$!
wrk -t 1 -c 16 -d "${secs}s" --latency -s Benchmarks/load/turn.lua "$url" >"$data/soak-turn.txt" 2>&1 &
w2=$!
import_loop &
w3=$!
samples=""
for _ in $(seq $(( secs / every ))); do sleep "$every"; samples="$samples $(( $(rss) / 1024 ))"; done
wait $w1 $w2 $w3
echo "  rss:$samples"
# Once the load stops, background work the imports started (retraining) runs to its end; the
# resident memory then shows what stayed. A leak stays; a training transient does not.
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
before=$(cpu)
for _ in $(seq 60); do
  sleep 2; now=$(cpu)
  [ $(( now - before )) -le 10 ] && break      # under 5 % of a core over 2 s (100 ticks a second)
  before=$now
done
echo "  rss settled: $(( $(rss) / 1024 ))"
failed=0
for f in answer turn; do
  awk -v n="$f" '/Requests\/sec/ {r=$2} $1=="99%" {p=$2} /Non-2xx|Socket errors/ {e=e $0} END {printf "  %s: %s req/s, p99 %s, errors %s\n", n, r, p, (e=="" ? "0" : e)}' "$data/soak-$f.txt"
  if grep -qE 'Non-2xx|Socket errors' "$data/soak-$f.txt" || ! grep -q 'Requests/sec' "$data/soak-$f.txt"; then failed=1; fi
done
acknowledged=$(wc -l <"$data/acknowledged.txt")
import_failures=$(wc -l <"$data/import-failures.txt")
listed=$(curl -sf "$url/v1/documents" | grep -o '"soak/note-[0-9]*\.md"' | tr -d '"' | sort -u || true)
lost=$(sort -u "$data/acknowledged.txt" | comm -23 - <(echo "$listed") | wc -l)
echo "  imports: $acknowledged acknowledged, $import_failures failed, $lost lost"
[ "$import_failures" -eq 0 ] && [ "$lost" -eq 0 ] && [ "$acknowledged" -gt 0 ] || failed=1
kill -0 "$pid" 2>/dev/null || { echo "  the server died"; failed=1; }
if [ "$failed" -ne 0 ]; then echo "soak: FAILED"; head -c 2000 "$data/import-failures.txt"; exit 1; fi
echo "soak: ok"
