#!/usr/bin/env bash
# Does a customer turn cost more as a live call grows? One call of N turns (default 400),
# customer and agent alternating, replayed from Knowledge/transcripts into a fresh release
# server; prints the median and largest time of the customer turns per 40 turns. The first
# window is the baseline the later ones are read against (same server, same run).
# Usage: Benchmarks/call-length.sh [turns]
set -euo pipefail
cd "$(dirname "$0")/.."
turns=${1:-400}
port=18095
conversation_count=0
source Benchmarks/load-server.sh
python3 Benchmarks/call_length.py "$port" "$turns"
