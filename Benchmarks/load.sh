#!/usr/bin/env bash
# Load benchmark on loopback against the release build with the default knowledge:
# POST /v1/answer and a conversation turn at concurrency 1, 16 and 64 (wrk), then the soak run of
# Benchmarks/soak.sh (answers, turns and imports at once while resident memory is sampled).
# Usage: Benchmarks/load.sh [seconds per point, default 15] [soak seconds, default 300]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-15}
soak=${2:-300}
port=${PORT:-18080}
conversation_count=64
source Benchmarks/load-server.sh
printf '%-22s %5s %10s %9s %9s %8s\n' endpoint conc "req/s" "p50 ms" "p99 ms" errors
for script in answer turn; do
  for c in 1 16 64; do
    out=$(wrk -t "$(( c < 2 ? 1 : 2 ))" -c "$c" -d "${secs}s" --latency -s "Benchmarks/load/$script.lua" "$url" 2>&1)
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    errs=$(awk '/Non-2xx|Socket errors/ {s=s $0 "; "} END {print (s=="" ? "0" : s)}' <<<"$out")
    printf '%-22s %5d %10s %9s %9s %8s\n' "$script" "$c" "$rps" "$p50" "$p99" "$errs"
  done
done
# The soak (answers, turns and imports at once, memory sampled) runs on its own server.
stop
trap - EXIT
bash Benchmarks/soak.sh "$soak"
