"""Shared by the vector peers: single-threaded numeric runtimes and the vector file format."""
import os
import sys

# Single-threaded BLAS/OpenMP, before numpy loads its runtime.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import numpy as np  # noqa: E402


def read_vectors(path):
    """Reads the peer format: int32 n, int32 d, n*d float32 (little-endian)."""
    with open(path, "rb") as f:
        header = np.fromfile(f, dtype="<i4", count=2)
        if header.size != 2:
            sys.exit(f"{path}: truncated header")
        n, d = int(header[0]), int(header[1])
        if n < 0 or d <= 0:
            sys.exit(f"{path}: bad header n={n} d={d}")
        data = np.fromfile(f, dtype="<f4", count=n * d)
        if data.size != n * d:
            sys.exit(f"{path}: expected {n * d} floats, found {data.size}")
        if f.read(1):
            sys.exit(f"{path}: trailing bytes after {n}x{d} floats")
    return np.ascontiguousarray(data.reshape(n, d).astype(np.float32))
