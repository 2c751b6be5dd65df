#!/usr/bin/env bash
# Crash-safety harness (issue #10): SIGKILL the server at random points during imports, FAQ edits
# and training, restart it and check the store. Builds the release binary first (incremental).
#   bash scripts/crash-harness.sh              # full: 50 runs
#   bash scripts/crash-harness.sh --short      # CI: 5 runs, short delays (< 2 min)
#   bash scripts/crash-harness.sh --runs 200 --seed 7
set -euo pipefail
cd "$(dirname "$0")/.."
args=(--runs 50 --seed 1)
if [[ "${1:-}" == "--short" ]]; then args=(--runs 5 --seed "${CRASH_SEED:-$RANDOM}" --max-delay 1.5); shift; fi
swift build -c release --product switchboard   # incremental: tests the code as it is now
exec python3 scripts/crash-harness.py --bin .build/release/switchboard "${args[@]}" "$@"
