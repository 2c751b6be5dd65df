#!/usr/bin/env bash
# One command from a fresh clone to the whole test suite: install system packages, run all tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build --build-tests
swift test --skip-build
