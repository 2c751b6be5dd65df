#!/usr/bin/env python3
"""HNSW peer: hnswlib on the same vectors as `HNSWBench` / `switchboard bench vectors`.

Input files (the format of `vectors_peer.py`, written by `ExactVectorIndexBench.writeVectorFile`),
little-endian: int32 n, int32 d, then n*d float32, row-major. Vectors and queries are
L2-normalized here, so inner product = cosine (as in Swift).

Prints, single-threaded (hnswlib set_num_threads(1), BLAS pinned to one thread):
  - build time of hnswlib (space="ip", M, efConstruction; defaults 16 / 200 as in Swift) and
    the growth of the process's resident memory while building (≈ the index's memory);
  - for each ef of the sweep: recall@k against exact top-k (numpy, blocked), single-query QPS
    (one knn_query call per query, as the Swift bench measures), p50/p99 single-query latency,
    and batched QPS (one knn_query call for all queries, one thread);
  - with --json, one JSON object per line instead, for `switchboard bench vectors` to parse.

Run inside Benchmarks/.venv (`python3 -m venv Benchmarks/.venv`, then
`Benchmarks/.venv/bin/pip install hnswlib numpy`):
    Benchmarks/.venv/bin/python Benchmarks/peers/hnsw_peer.py \
        --vectors /tmp/vecbench/vectors.bin --queries /tmp/vecbench/queries.bin --ef 16,32,64,128
"""
import argparse
import importlib.metadata
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vecio import np, read_vectors  # noqa: E402  (sets single-threaded runtimes first)


def resident_mb():
    """Current resident set size in MB (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


def normalize(x):
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1
    return np.ascontiguousarray(x / norms, dtype=np.float32)


def exact_top_k(xb, xq, k, block=256):
    """Exact inner-product top-k ids per query (ties: lower id first), blocked over queries."""
    out = np.empty((xq.shape[0], k), dtype=np.int64)
    for s in range(0, xq.shape[0], block):
        scores = xq[s:s + block] @ xb.T
        part = np.argpartition(-scores, kth=min(k, xb.shape[0] - 1), axis=1)[:, :k + 1]
        for i in range(scores.shape[0]):
            cand = part[i]
            order = np.lexsort((cand, -scores[i, cand]))
            out[s + i] = cand[order][:k]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--vectors", required=True, help="base vectors file (int32 n, int32 d, float32 n*d)")
    ap.add_argument("--queries", required=True, help="query vectors file (same format)")
    ap.add_argument("-k", type=int, default=10)
    ap.add_argument("--ef", default="16,24,32,48,64,96,128", help="comma-separated ef sweep")
    ap.add_argument("-M", type=int, default=16, help="hnswlib M (Swift: HNSWParameters.m)")
    ap.add_argument("--ef-construction", type=int, default=200)
    ap.add_argument("--seed", type=int, default=100, help="hnswlib random_seed")
    ap.add_argument("--repeats", type=int, default=3, help="best-of repeats for each timing")
    ap.add_argument("--json", action="store_true", help="print one JSON object per line")
    ap.add_argument("--save-index", help="write the built hnswlib index here (for --load-index)")
    ap.add_argument("--load-index", help="load a saved hnswlib index instead of building one")
    args = ap.parse_args()

    import hnswlib

    xb = normalize(read_vectors(args.vectors))
    xq = normalize(read_vectors(args.queries))
    if xb.shape[1] != xq.shape[1]:
        sys.exit(f"dimension mismatch: vectors {xb.shape[1]}, queries {xq.shape[1]}")
    n, d = xb.shape
    nq, k = xq.shape[0], min(args.k, n)
    truth = exact_top_k(xb, xq, k)

    index = hnswlib.Index(space="ip", dim=d)
    rss0 = resident_mb()
    t0 = time.perf_counter()
    if args.load_index:
        index.load_index(args.load_index, max_elements=n)
    else:
        index.init_index(max_elements=n, M=args.M, ef_construction=args.ef_construction, random_seed=args.seed)
        index.set_num_threads(1)
        index.add_items(xb, np.arange(n))
    build = time.perf_counter() - t0
    grown_mb = resident_mb() - rss0
    index.set_num_threads(1)
    if args.save_index:
        index.save_index(args.save_index)
    build_info = {"peer": "hnswlib", "version": importlib.metadata.version("hnswlib"), "n": n, "d": d,
                  "M": args.M, "efConstruction": args.ef_construction,
                  ("loadSeconds" if args.load_index else "buildSeconds"): round(build, 3),
                  "rssGrowthMB": round(grown_mb, 1)}
    if args.json:
        print(json.dumps(build_info))
    else:
        what = "load" if args.load_index else "build"
        print(f"hnswlib {build_info['version']} n={n} d={d} M={args.M} efConstruction={args.ef_construction}: "
              f"{what} {build:.2f} s (1 thread), resident memory +{grown_mb:.1f} MB, {nq} queries, k={k}")

    for ef in (int(e) for e in args.ef.split(",") if e.strip()):
        index.set_ef(max(ef, k))
        index.knn_query(xq[:1], k=k)  # warm-up
        best_single, best_batch, latencies, labels = float("inf"), float("inf"), None, None
        for _ in range(max(1, args.repeats)):
            lat = np.empty(nq)
            found = np.empty((nq, k), dtype=np.int64)
            t_all = time.perf_counter()
            for i in range(nq):
                t = time.perf_counter()
                found[i] = index.knn_query(xq[i:i + 1], k=k)[0][0]
                lat[i] = time.perf_counter() - t
            elapsed = time.perf_counter() - t_all
            if elapsed < best_single:
                best_single, latencies, labels = elapsed, lat, found
            t_b = time.perf_counter()
            index.knn_query(xq, k=k, num_threads=1)
            best_batch = min(best_batch, time.perf_counter() - t_b)
        hits = sum(len(set(labels[i].tolist()) & set(truth[i].tolist())) for i in range(nq))
        row = {"ef": ef, "recall": round(hits / (nq * k), 4), "qps": round(nq / best_single, 1),
               "batchQPS": round(nq / best_batch, 1),
               "p50Ms": round(float(np.percentile(latencies, 50)) * 1000, 4),
               "p99Ms": round(float(np.percentile(latencies, 99)) * 1000, 4)}
        if args.json:
            print(json.dumps(row))
        else:
            print(f"  ef={ef:4d}: recall@{k} {row['recall']:.4f}  single {row['qps']:9.1f} QPS  "
                  f"p50 {row['p50Ms']:.3f} ms  p99 {row['p99Ms']:.3f} ms  batched {row['batchQPS']:9.1f} QPS")


if __name__ == "__main__":
    main()
