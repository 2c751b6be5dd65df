#!/usr/bin/env bash
# Installs the Debian packages Switchboard needs to build and run (skips what is present).
set -euo pipefail
packages=(libsqlite3-dev libblas-dev liblapacke-dev libopenblas0-pthread zlib1g-dev wamerican)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
command -v swift >/dev/null || { echo "swift 6 is required on PATH (https://www.swift.org/install/linux/)" >&2; exit 1; }
