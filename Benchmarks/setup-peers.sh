#!/usr/bin/env bash
# Installs the Python peers that benchmarks compare against into Benchmarks/.venv (PyPI only).
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install -q --disable-pip-version-check bm25s==0.2.* PyStemmer jieba numpy scipy faiss-cpu hnswlib scikit-learn opencc-python-reimplemented
