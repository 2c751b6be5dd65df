# Sourced by load.sh and soak.sh with $port and $conversation_count set: installs wrk if missing,
# builds the release binary, imports Knowledge/ into a fresh $data folder, serves it on loopback
# without keys or rate limits (stopped and removed on exit), waits until ready, and opens
# $conversation_count conversations whose ids go to $CONVERSATIONS (read by load/turn.lua).
command -v wrk >/dev/null || { sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd=sudo; $sudo_cmd apt-get install -y -qq wrk; }
swift build -c release --product switchboard >/dev/null
bin=$(swift build -c release --show-bin-path)/switchboard
data=$(mktemp -d /tmp/switchboard-load.XXXXXX)
"$bin" import Knowledge --data "$data" >/dev/null
SWITCHBOARD_RATE_LIMIT_PER_SECOND=0 SWITCHBOARD_LOG_LEVEL=warning "$bin" serve --dev --data "$data" --port "$port" >"$data/server.log" 2>&1 &
pid=$!
source Benchmarks/stop-server.sh
trap stop EXIT
for _ in $(seq 100); do curl -sf "localhost:$port/readyz" >/dev/null && break; sleep 0.2; done
url="http://127.0.0.1:$port"
conversations=""
for _ in $(seq "$conversation_count"); do
  id=$(curl -sf -X POST "$url/v1/conversations" -H 'content-type: application/json' -d '{"channel":"call"}' | sed -E 's/.*"id":"([^"]+)".*/\1/')
  conversations="$conversations,$id"
done
export CONVERSATIONS=${conversations#,}
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
