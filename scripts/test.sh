#!/usr/bin/env bash
# One command from a fresh clone to the whole test suite: install system packages, run all tests
# (XCTest, the console's browser tests, short crash-safety and importer-fuzzing runs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build --build-tests
swift test --skip-build
# The web console in headless Chromium (installs chromium + chromium-driver and selenium; release build).
bash scripts/test-browser.sh
# Short reliability runs on the release build: SIGKILL during writes and training, then restart
# and check the store (5 runs); 1,000 generated hostile files through the importers; a 20-second
# soak of answers, turns and imports at once (no errors, no lost import).
bash scripts/crash-harness.sh --short
.build/release/switchboard bench fuzz --cases 1000 --seed 1 --timeout 2 --max-bytes 4194304 --out .build/fuzz
bash Benchmarks/soak.sh 20 5
