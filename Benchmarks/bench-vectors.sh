#!/usr/bin/env bash
# Vector search over real encoder vectors (texts of ../shared/data), Switchboard beside faiss-cpu
# IndexFlatIP and hnswlib on the same vector files, single-threaded, same run.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
bin=$(swift build -c release --show-bin-path)/switchboard
bash Benchmarks/setup-peers.sh
out=Benchmarks/out/vectors
export OPENBLAS_NUM_THREADS=1
"$bin" bench vectors --texts ../shared/data --n "$n" --out "$out"
Benchmarks/.venv/bin/python Benchmarks/peers/vectors_peer.py --vectors $out/vectors.bin --queries $out/queries.bin --skip-hnsw
Benchmarks/.venv/bin/python Benchmarks/peers/hnsw_peer.py --vectors $out/vectors.bin --queries $out/queries.bin --ef 16,32,64,96,128,192,256
