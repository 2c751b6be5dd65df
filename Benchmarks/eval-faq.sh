#!/usr/bin/env bash
# FAQ retrieval quality of Switchboard beside the bm25s peer, same data, same run.
# Usage: Benchmarks/eval-faq.sh [dev|test]   (needs a release build: swift build -c release)
set -euo pipefail
cd "$(dirname "$0")/.."
split=${1:-dev}
data=../shared/data
bin=$(swift build -c release --show-bin-path)/switchboard
bash Benchmarks/setup-peers.sh
py=Benchmarks/.venv/bin/python

echo "== StackFAQ (English), queries_$split"
"$bin" eval faq --faq $data/faq_en_stackfaq/faq.jsonl --queries $data/faq_en_stackfaq/queries_$split.jsonl
$py Benchmarks/peers/faq_bm25s.py --faq $data/faq_en_stackfaq/faq.jsonl --queries $data/faq_en_stackfaq/queries_$split.jsonl --tokenizer english

echo "== LCQMC (Chinese), $split"
"$bin" eval faq --faq $data/qmatch_zh_lcqmc/faq_$split.jsonl --queries $data/qmatch_zh_lcqmc/queries_$split.jsonl
$py Benchmarks/peers/faq_bm25s.py --faq $data/qmatch_zh_lcqmc/faq_$split.jsonl --queries $data/qmatch_zh_lcqmc/queries_$split.jsonl --tokenizer jieba --fields question
$py Benchmarks/peers/faq_bm25s.py --faq $data/qmatch_zh_lcqmc/faq_$split.jsonl --queries $data/qmatch_zh_lcqmc/queries_$split.jsonl --tokenizer chars --fields question
