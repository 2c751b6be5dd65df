#!/usr/bin/env bash
# Document retrieval on Cranfield (../shared/data/retrieval_en_cranfield: 1,400 abstracts, 225
# queries with graded judgments) through the product path: the abstracts written as a folder of
# Markdown files (Benchmarks/cranfield/cranfield.py, in a temporary directory), `switchboard import`,
# `switchboard serve --dev`, every query sent to POST /v1/search in each mode; bm25s over the same
# texts in the same run. Prints nDCG@10, P@10, Recall@100 and MRR@10 per system.
# Usage: Benchmarks/eval-retrieval.sh [modes]   (default bm25,vector,hybrid; builds the release binary)
set -euo pipefail
cd "$(dirname "$0")/.."
modes=${1:-bm25,vector,hybrid}
set_dir=../shared/data/retrieval_en_cranfield
port=${PORT:-18290}
bash Benchmarks/setup-peers.sh
py=Benchmarks/.venv/bin/python
swift build -c release --product switchboard >/dev/null
bin=$(swift build -c release --show-bin-path)/switchboard
data=$(mktemp -d /tmp/eval-retrieval.XXXXXX)
"$py" Benchmarks/cranfield/cranfield.py folder "$set_dir" "$data/cranfield"
echo "== Cranfield (1,400 abstracts, 225 judged queries): import, then POST /v1/search per mode; bm25s peer"
"$bin" import "$data/cranfield" --data "$data/store" 2>/dev/null | grep -E '^(imported|encoder)'
SWITCHBOARD_RATE_LIMIT_PER_SECOND=0 SWITCHBOARD_LOG_LEVEL=warning "$bin" serve --dev --data "$data/store" --port "$port" >"$data/server.log" 2>&1 &
pid=$!
source Benchmarks/stop-server.sh
trap stop EXIT
for _ in $(seq 100); do curl -sf "localhost:$port/readyz" >/dev/null && break; sleep 0.2; done
"$py" Benchmarks/cranfield/cranfield.py ours "$set_dir" "http://127.0.0.1:$port" "$modes"
"$py" Benchmarks/cranfield/cranfield.py peer "$set_dir"
