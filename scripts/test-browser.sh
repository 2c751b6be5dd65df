#!/usr/bin/env bash
# Browser tests of the web console: headless Chromium (Debian's chromium + chromium-driver)
# driven by Selenium (PyPI, installed into .build/browser-venv). Uses the release binary (built
# when missing; a debug build takes minutes to train the models on Knowledge/) unless
# SWITCHBOARD_BIN names one (SWITCHBOARD_IMPORT_BIN may name another for the import).
# Screenshots go to .build/browser-screenshots (or $SCREENSHOT_DIR). About 30 s once built.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi
venv=.build/browser-venv
if ! "$venv/bin/python" -c 'import selenium' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q 'selenium>=4.20'
fi
if [ -z "${SWITCHBOARD_BIN:-}" ]; then
    swift build -c release --product switchboard
    SWITCHBOARD_BIN="$(swift build -c release --show-bin-path)/switchboard"
fi
export SWITCHBOARD_BIN
exec "$venv/bin/python" -m unittest -v Tests/browser/test_console.py "$@"
