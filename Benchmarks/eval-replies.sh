#!/usr/bin/env bash
# Reply-suggestion quality of Switchboard beside the bm25s nearest-turn peer and the
# "5 most frequent replies" baseline, same data, same protocol, same run, on two corpora:
#   JDDC (Chinese e-commerce chats, the chat log as it ships) and
#   MultiWOZ 2.1 val + test (English task dialogues; Benchmarks/multiwoz/make_transcripts.py writes
#   them as transcript JSON lines, the form `switchboard import` reads).
# Every Nth session held out (see ReplyEval.evaluate and Benchmarks/peers/jddc_peer.py).
# Usage: Benchmarks/eval-replies.sh [hold-out-every]   (needs a release build: swift build -c release)
set -euo pipefail
cd "$(dirname "$0")/.."
every=${1:-10}
chat=../shared/data/dialogue_zh_jddc/chat_0.1per.txt
bin=$(swift build -c release --show-bin-path)/switchboard
bash Benchmarks/setup-peers.sh
py=Benchmarks/.venv/bin/python
tmp=$(mktemp -d /tmp/eval-replies.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

echo "== JDDC reply suggestion (zh), every ${every}th session held out, hit = real next reply or a near-duplicate in the top k"
"$bin" eval replies --data "$chat" --hold-out-every "$every"
$py Benchmarks/peers/jddc_peer.py --data "$chat" --hold-out-every "$every"

echo "== MultiWOZ reply suggestion (en), val + test dialogues as transcripts, every ${every}th held out, same hit rule"
$py Benchmarks/multiwoz/make_transcripts.py "$tmp/multiwoz.jsonl"
"$bin" eval replies --data "$tmp/multiwoz.jsonl" --hold-out-every "$every"
$py Benchmarks/peers/jddc_peer.py --data "$tmp/multiwoz.jsonl" --hold-out-every "$every"
