#!/usr/bin/env bash
# One command from a fresh clone to a running service: install system packages, build in
# release mode, import Knowledge/ into ./data, serve on 127.0.0.1:8080 in dev mode (no API
# keys, loopback only). For a shared server: create keys (`switchboard keys create --role admin
# --name NAME --data ./data`) and run `switchboard serve` without --dev.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build -c release
bin=$(swift build -c release --show-bin-path)/switchboard
"$bin" import Knowledge/ --data ./data
exec "$bin" serve --dev --data ./data "$@"
