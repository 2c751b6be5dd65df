import Foundation
import LinearAlgebra

/// Measures an `HNSWIndex` against the exact oracle (`ExactVectorIndex`): build time, memory,
/// and for each `ef` the recall@k, single-thread QPS and latency percentiles. Used by
/// `switchboard bench vectors`; the numbers are comparable with `Benchmarks/peers/hnsw_peer.py`
/// (hnswlib) run on the same vector files (`ExactVectorIndexBench.writeVectorFile`).
public enum HNSWBench {
    /// One line of an `ef` sweep.
    public struct Row: Sendable {
        /// Search breadth used.
        public var ef: Int
        /// Mean over queries of |approximate top-k ∩ exact top-k| / k.
        public var recall: Double
        /// Queries per second, one thread, queries run one by one.
        public var qps: Double
        /// Median single-query latency in milliseconds.
        public var p50Ms: Double
        /// 99th-percentile single-query latency in milliseconds.
        public var p99Ms: Double
    }

    /// A full benchmark run.
    public struct Report: Sendable {
        /// Vectors indexed.
        public var count: Int
        /// Their dimension.
        public var dimension: Int
        /// Parameters of the built index.
        public var parameters: HNSWParameters
        /// Seconds to build the index (single thread).
        public var buildSeconds: Double
        /// Bytes allocated by the index (`HNSWIndex.memoryBytes`).
        public var memoryBytes: Int
        /// One row per `ef`, in the order given.
        public var rows: [Row]
    }

    /// Builds an index of `vectors` with default parameters and sweeps `efs`; returns
    /// `(ef, recall@k, QPS, p99 ms)` per `ef` (see `runDetailed` for build time and memory).
    public static func run(vectors: Matrix, queries: Matrix, k: Int, efs: [Int]) -> [(ef: Int, recall: Double, qps: Double, p99Ms: Double)] {
        runDetailed(vectors: vectors, queries: queries, k: k, efs: efs).rows.map { ($0.ef, $0.recall, $0.qps, $0.p99Ms) }
    }

    /// Builds (timed) with `parameters`, computes the exact top-k, and sweeps `efs`.
    public static func runDetailed(vectors: Matrix, queries: Matrix, k: Int, efs: [Int],
                                   parameters: HNSWParameters = .default) -> Report {
        let start = ContinuousClock.now
        var index = HNSWIndex(dimension: max(vectors.cols, 1), parameters: parameters)
        do {
            try index.add(ids: (0..<vectors.rows).map { UInt32($0) }, vectors: vectors)
        } catch {
            preconditionFailure("HNSWBench: cannot index the vectors: \(error)")
        }
        let buildSeconds = seconds(ContinuousClock.now - start)
        let truth = exactNeighbors(vectors: vectors, queries: queries, k: k)
        return Report(count: index.count, dimension: index.dimension, parameters: index.parameters,
                      buildSeconds: buildSeconds, memoryBytes: index.memoryBytes,
                      rows: sweep(index: index, queries: queries, truth: truth, k: k, efs: efs))
    }

    /// Recall, QPS and latency of `index` for each `ef` (`truth[q]` = exact top-k ids of query q),
    /// one timed pass over the queries per `ef` after an untimed warm-up of up to 100 queries.
    public static func sweep(index: HNSWIndex, queries: Matrix, truth: [[UInt32]], k: Int, efs: [Int]) -> [Row] {
        precondition(truth.count == queries.rows, "HNSWBench: \(truth.count) truth lists for \(queries.rows) queries")
        let d = queries.cols
        return efs.map { ef in
            // Warm-up (untimed): caches, scratch pool, page mappings.
            queries.values.withUnsafeBufferPointer { all in
                for q in 0..<min(queries.rows, 100) {
                    _ = index.search(pointer: UnsafeBufferPointer(rebasing: all[(q * d)..<((q + 1) * d)]), k: k, ef: ef)
                }
            }
            var latencies = [Double](repeating: 0, count: queries.rows)
            var hits = 0
            let total = ContinuousClock.now
            queries.values.withUnsafeBufferPointer { all in
                for q in 0..<queries.rows {
                    let t0 = ContinuousClock.now
                    let found = index.search(pointer: UnsafeBufferPointer(rebasing: all[(q * d)..<((q + 1) * d)]), k: k, ef: ef)
                    latencies[q] = seconds(ContinuousClock.now - t0)
                    let expected = Set(truth[q].prefix(k))
                    hits += found.reduce(0) { $0 + (expected.contains($1.id) ? 1 : 0) }
                }
            }
            let elapsed = seconds(ContinuousClock.now - total)
            latencies.sort()
            let n = max(queries.rows, 1)
            return Row(ef: ef, recall: Double(hits) / Double(max(1, k * queries.rows)),
                       qps: Double(queries.rows) / max(elapsed, 1e-9),
                       p50Ms: 1000 * (latencies.isEmpty ? 0 : latencies[(n - 1) / 2]),
                       p99Ms: 1000 * (latencies.isEmpty ? 0 : latencies[min(n - 1, Int((Double(n) * 0.99).rounded(.up)) - 1)]))
        }
    }

    /// The exact top-k ids of every query (cosine), from `ExactVectorIndex` (BLAS).
    public static func exactNeighbors(vectors: Matrix, queries: Matrix, k: Int) -> [[UInt32]] {
        var exact = ExactVectorIndex(dimension: max(vectors.cols, 1))
        do {
            try exact.add(ids: (0..<vectors.rows).map { UInt32($0) }, vectors: vectors)
        } catch {
            preconditionFailure("HNSWBench: cannot index the vectors exactly: \(error)")
        }
        return exact.search(batch: queries, k: k).map { $0.map(\.id) }
    }

    /// Synthetic unit vectors shaped like sentence embeddings: a shared mean direction (random
    /// pairs have cosine ≈ 0.2), `clusters` topics each with its own centre and a rank-32
    /// subspace of variation of varying spread, plus isotropic noise (for 100,000 × 256 in 500
    /// topics: nearest neighbour at cosine ≈ 0.69, 10th at ≈ 0.65; HNSW with the defaults needs
    /// ef ≈ 16 for recall@10 = 0.95). `base` and `queries` come from the same topics.
    /// Deterministic in `seed`.
    public static func clusteredUnitVectors(count: Int, queries: Int, dimension d: Int, clusters: Int,
                                            seed: UInt64) -> (base: Matrix, queries: Matrix) {
        var rng = SplitMix64(seed: seed)
        let rank = min(32, d), topics = max(clusters, 1)
        let mean = (0..<d).map { _ in rng.nextNormal() * 0.7 / Float(d).squareRoot() }
        var centres = [Float](), bases = [Float](), spreads = [Float]()
        for _ in 0..<topics {
            centres += (0..<d).map { _ in rng.nextNormal() / Float(d).squareRoot() }
            bases += (0..<(d * rank)).map { _ in rng.nextNormal() / Float(d * rank).squareRoot() }
            spreads.append(0.5 + 0.5 * rng.nextUnitFloat())
        }
        func sample(_ n: Int) -> Matrix {
            var m = Matrix(rows: n, cols: d)
            var z = [Float](repeating: 0, count: rank)
            for r in 0..<n {
                let t = Int(rng.next() % UInt64(topics))
                for j in 0..<rank { z[j] = rng.nextNormal() * spreads[t] }
                var row = (0..<d).map { mean[$0] + centres[t * d + $0] + 0.8 * rng.nextNormal() / Float(d).squareRoot() }
                for c in 0..<d {
                    var s: Float = 0
                    for j in 0..<rank { s += bases[(t * d + c) * rank + j] * z[j] }
                    row[c] += s
                }
                let norm = row.reduce(0) { $0 + $1 * $1 }.squareRoot()
                m.setRow(r, to: row.map { $0 / max(norm, 1e-12) })
            }
            return m
        }
        let base = sample(count)
        return (base, sample(queries))
    }

    /// Reads a peer vector file (`int32 rows, int32 cols, rows·cols float32`, little-endian), as
    /// written by `ExactVectorIndexBench.writeVectorFile`.
    public static func readVectorFile(from url: URL) throws -> Matrix {
        let data = try Data(contentsOf: url)
        guard data.count >= 8 else { throw VectorIndexError.truncated(expectedBytes: 8, actualBytes: data.count) }
        return try data.withUnsafeBytes { raw -> Matrix in
            let rows = Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: 0, as: Int32.self)))
            let cols = Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: 4, as: Int32.self)))
            guard rows >= 0, cols >= 0 else { throw VectorIndexError.corrupt("shape \(rows)×\(cols)") }
            let expected = 8 + 4 * rows * cols
            guard raw.count >= expected else { throw VectorIndexError.truncated(expectedBytes: expected, actualBytes: raw.count) }
            let values = (0..<(rows * cols)).map {
                Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 8 + 4 * $0, as: UInt32.self)))
            }
            return Matrix(rows: rows, cols: cols, values: values)
        }
    }

    private static func seconds(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}
