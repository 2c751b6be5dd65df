#!/usr/bin/env bash
# Schemathesis (PyPI) against the live release server with Server/openapi.yaml: every operation,
# with an admin key, all checks. Prints schemathesis's summary (server errors, response schema
# violations, requests the spec and the server judge differently).
# Usage: Benchmarks/schemathesis.sh [max examples per operation, default 30]
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${1:-30}
venv=Benchmarks/.venv-schemathesis
[ -x "$venv/bin/schemathesis" ] || { python3 -m venv "$venv"; "$venv/bin/pip" install -q schemathesis; }
swift build -c release >/dev/null
bin=$(swift build -c release --show-bin-path)/switchboard
data=$(mktemp -d /tmp/switchboard-st.XXXXXX)
port=${PORT:-18190}
"$bin" import Knowledge --data "$data" >/dev/null
key=$("$bin" keys create --role admin --name schemathesis --data "$data" | grep -o 'sb_[A-Za-z0-9_-]*' | head -1)
SWITCHBOARD_RATE_LIMIT_PER_SECOND=0 SWITCHBOARD_AUTH_FAILURES_PER_MINUTE=1000000 SWITCHBOARD_LOG_LEVEL=warning \
  "$bin" serve --data "$data" --port "$port" >"$data/server.log" 2>&1 &
pid=$!
source Benchmarks/stop-server.sh
trap stop EXIT
for _ in $(seq 100); do curl -sf "localhost:$port/readyz" >/dev/null && break; sleep 0.2; done
"$venv/bin/schemathesis" run Server/openapi.yaml --url "http://127.0.0.1:$port" -H "Authorization: Bearer $key" \
  -n "$examples" --checks all --request-timeout 10 | sed -n '/SUMMARY/,$p'
