#!/usr/bin/env bash
# One command from a fresh clone to the whole test suite: install system packages, run all tests
# (XCTest, then the console's browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build --build-tests
swift test --skip-build
# The web console in headless Chromium (installs chromium + chromium-driver and selenium; release build).
bash scripts/test-browser.sh
