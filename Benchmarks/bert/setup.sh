#!/usr/bin/env bash
# Installs the Python peers of the BERT encoder benchmark and parity golden file into
# Benchmarks/.venv-bert (PyPI only): sentence-transformers (brings torch; PyPI's Linux torch wheel
# pulls the CUDA libraries, ~5 GB, CPU is used), onnxruntime, onnx (to export the model once) and
# tokenizers. The model itself comes from scripts/install-minilm.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv-bert/bin/python ]; then
  python3 -m venv .venv-bert
fi
.venv-bert/bin/pip install -q --disable-pip-version-check "sentence-transformers>=3" onnxruntime onnx tokenizers numpy
