#!/usr/bin/env bash
# Load benchmark on loopback against the release build with the default knowledge:
# POST /v1/answer and a conversation turn at concurrency 1, 16 and 64 (wrk), then a soak run
# mixing both while the server's resident memory is sampled.
# Usage: Benchmarks/load.sh [seconds per point, default 15] [soak seconds, default 300]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-15}
soak=${2:-300}
command -v wrk >/dev/null || { sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd=sudo; $sudo_cmd apt-get install -y -qq wrk; }
swift build -c release >/dev/null
bin=$(swift build -c release --show-bin-path)/switchboard
data=$(mktemp -d /tmp/switchboard-load.XXXXXX)
port=${PORT:-18080}
"$bin" import Knowledge --data "$data" >/dev/null
SWITCHBOARD_RATE_LIMIT_PER_SECOND=0 SWITCHBOARD_LOG_LEVEL=warning "$bin" serve --dev --data "$data" --port "$port" >"$data/server.log" 2>&1 &
pid=$!
source Benchmarks/stop-server.sh
trap stop EXIT
for _ in $(seq 100); do curl -sf "localhost:$port/readyz" >/dev/null && break; sleep 0.2; done
url="http://127.0.0.1:$port"
conversations=""
for i in $(seq 64); do
  id=$(curl -sf -X POST "$url/v1/conversations" -H 'content-type: application/json' -d '{"channel":"call"}' | sed -E 's/.*"id":"([^"]+)".*/\1/')
  conversations="$conversations,$id"
done
export CONVERSATIONS=${conversations#,}
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
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
echo "soak: answer + turn at concurrency 16 each for ${soak}s; resident memory (MB) every 30 s:"
wrk -t 1 -c 16 -d "${soak}s" --latency -s Benchmarks/load/answer.lua "$url" >"$data/soak-answer.txt" 2>&1 &
w1=$!
wrk -t 1 -c 16 -d "${soak}s" --latency -s Benchmarks/load/turn.lua "$url" >"$data/soak-turn.txt" 2>&1 &
w2=$!
samples=""
for _ in $(seq $(( soak / 30 ))); do sleep 30; samples="$samples $(( $(rss) / 1024 ))"; done
wait $w1 $w2
echo "  rss:$samples"
for f in answer turn; do
  awk -v n="$f" '/Requests\/sec/ {r=$2} $1=="99%" {p=$2} /Non-2xx|Socket errors/ {e=e $0} END {printf "  %s: %s req/s, p99 %s, errors %s\n", n, r, p, (e=="" ? "0" : e)}' "$data/soak-$f.txt"
done
