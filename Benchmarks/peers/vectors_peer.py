#!/usr/bin/env python3
"""Vector search peer: faiss-cpu IndexFlatIP (exact) and hnswlib (HNSW) on the same vectors
as `ExactVectorIndexBench` / the Swift vector indexes.

Input files (written by `ExactVectorIndexBench.writeVectorFile`), little-endian:
    int32 n, int32 d, then n*d float32, row-major.
Vectors and queries are L2-normalized here, so inner product = cosine (as in Swift).

Prints, single-threaded (faiss.omp_set_num_threads(1), hnswlib set_num_threads(1)):
  - faiss IndexFlatIP: single-query QPS (one search() call per query) and batched QPS
    (one search() call for all queries);
  - hnswlib (M=16, efConstruction=200): build time, then for each ef in the sweep,
    recall@k against the exact faiss results and single-query QPS.

Run inside Benchmarks/.venv (create it with `python3 -m venv Benchmarks/.venv`, then
`Benchmarks/.venv/bin/pip install faiss-cpu hnswlib numpy`):
    Benchmarks/.venv/bin/python Benchmarks/peers/vectors_peer.py \
        --vectors /tmp/vecbench/vectors.bin --queries /tmp/vecbench/queries.bin
"""
import argparse
import os
import sys
import time

# Single-threaded BLAS/OpenMP everywhere, before numpy/faiss load their runtimes.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vecio import np, read_vectors  # noqa: E402  (sets single-threaded runtimes first)


def normalize(x):
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1
    return np.ascontiguousarray(x / norms, dtype=np.float32)


def best_of(repeats, fn):
    """Best wall time of `repeats` calls to fn (filters scheduler noise), and fn's last result."""
    best, result = float("inf"), None
    for _ in range(max(1, repeats)):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def bench_faiss(xb, xq, k, repeats):
    import faiss

    faiss.omp_set_num_threads(1)
    index = faiss.IndexFlatIP(xb.shape[1])
    index.add(xb)
    index.search(xq[:1], k)  # warm-up

    def single():
        for i in range(xq.shape[0]):
            index.search(xq[i:i + 1], k)

    t_single, _ = best_of(repeats, single)
    t_batch, (_, exact) = best_of(repeats, lambda: index.search(xq, k))
    nq = xq.shape[0]
    print(f"faiss {faiss.__version__} IndexFlatIP {xb.shape[0]}x{xb.shape[1]}, {nq} queries, k={k}, 1 thread: "
          f"single {nq / t_single:.1f} QPS, batched {nq / t_batch:.1f} QPS")
    return exact


def bench_hnswlib(xb, xq, exact, k, efs, build_threads, repeats):
    import hnswlib

    n, d = xb.shape
    index = hnswlib.Index(space="ip", dim=d)
    index.init_index(max_elements=n, M=16, ef_construction=200, random_seed=100)
    index.set_num_threads(build_threads)
    t0 = time.perf_counter()
    index.add_items(xb, np.arange(n))
    build = time.perf_counter() - t0
    index.set_num_threads(1)
    print(f"hnswlib M=16 efConstruction=200: build {build:.1f} s ({build_threads} thread(s))")
    nq = xq.shape[0]
    for ef in efs:
        index.set_ef(max(ef, k))
        index.knn_query(xq[:1], k=k)

        def single():
            return [index.knn_query(xq[i:i + 1], k=k)[0][0] for i in range(nq)]

        t, labels = best_of(repeats, single)
        hits = sum(len(set(map(int, labels[i])) & set(map(int, exact[i]))) for i in range(nq))
        print(f"  ef={ef:4d}: recall@{k} {hits / (nq * k):.4f}, single {nq / t:.1f} QPS (1 thread)")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--vectors", required=True, help="base vectors file (int32 n, int32 d, float32 n*d)")
    ap.add_argument("--queries", required=True, help="query vectors file (same format)")
    ap.add_argument("-k", type=int, default=10)
    ap.add_argument("--ef", default="10,20,40,80,160,320", help="comma-separated hnswlib ef sweep")
    ap.add_argument("--repeats", type=int, default=3, help="best-of repeats for each timing")
    ap.add_argument("--build-threads", type=int, default=1, help="hnswlib construction threads")
    ap.add_argument("--skip-hnsw", action="store_true", help="only run faiss IndexFlatIP")
    args = ap.parse_args()

    xb = normalize(read_vectors(args.vectors))
    xq = normalize(read_vectors(args.queries))
    if xb.shape[1] != xq.shape[1]:
        sys.exit(f"dimension mismatch: vectors {xb.shape[1]}, queries {xq.shape[1]}")
    exact = bench_faiss(xb, xq, args.k, args.repeats)
    if not args.skip_hnsw:
        efs = [int(e) for e in args.ef.split(",") if e.strip()]
        bench_hnswlib(xb, xq, exact, args.k, efs, args.build_threads, args.repeats)


if __name__ == "__main__":
    main()
