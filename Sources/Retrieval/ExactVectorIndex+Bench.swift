import Foundation
import LinearAlgebra

/// Throughput benchmark of `ExactVectorIndex`, comparable with `Benchmarks/peers/vectors_peer.py`
/// (faiss `IndexFlatIP`, hnswlib) on the same vectors.
///
/// Vector files for the peer (`writeVectorFile`): little-endian `int32 n`, `int32 d`, then
/// `n·d` `float32` row-major. The same seed gives the same data on every run.
public enum ExactVectorIndexBench {
    /// Measured throughput of one run.
    public struct Result: Sendable {
        /// Stored vectors.
        public var n: Int
        /// Dimension.
        public var d: Int
        /// Queries timed (for both modes).
        public var queries: Int
        /// Results per query.
        public var k: Int
        /// Seconds to add all vectors (normalization included).
        public var buildSeconds: Double
        /// Queries per second, one `search(_:k:)` call per query.
        public var singleQPS: Double
        /// Queries per second, one `search(batch:k:)` call for all queries.
        public var batchQPS: Double
    }

    /// Clustered test vectors `[n × d]`: `clusters` Gaussian centers plus unit-variance noise of
    /// scale `spread` (more realistic for ANN recall than isotropic noise). Deterministic in `seed`.
    public static func clusteredVectors(n: Int, d: Int, clusters: Int = 1000, spread: Float = 0.6,
                                        seed: UInt64) -> Matrix {
        let centers = Matrix.randomNormal(rows: max(1, clusters), cols: d, seed: seed ^ 0xC0FFEE)
        var out = Matrix.randomNormal(rows: n, cols: d, seed: seed)
        var rng = SplitMix64(seed: seed &+ 17)
        out.withUnsafeMutableBufferPointer { v in
            for r in 0..<n {
                let c = Int(rng.next() % UInt64(centers.rows))
                let center = centers.row(c)
                for (j, x) in center.enumerated() { v[r * d + j] = x + spread * v[r * d + j] }
            }
        }
        return out
    }

    /// Builds an index over `clusteredVectors(n:d:seed:)` and times single and batched search
    /// of `queries` query vectors drawn from the same distribution.
    public static func measure(n: Int = 100_000, d: Int = 256, queries: Int = 1000, k: Int = 10,
                               repeats: Int = 3, seed: UInt64 = 1) throws -> Result {
        let data = clusteredVectors(n: n, d: d, seed: seed)
        let q = clusteredVectors(n: queries, d: d, seed: seed &+ 1)
        return try measure(data: data, queries: q, k: k, repeats: repeats)
    }

    /// Times an index over `data` (`[n × d]`) with `queries` (`[nq × d]`); each timing is the
    /// best of `repeats` passes (as in the Python peer), which filters scheduler noise.
    public static func measure(data: Matrix, queries: Matrix, k: Int = 10, repeats: Int = 3) throws -> Result {
        var start = ContinuousClock.now
        var index = ExactVectorIndex(dimension: data.cols)
        try index.add(ids: (0..<UInt32(data.rows)).map { $0 }, vectors: data)
        let build = seconds(since: start)

        _ = index.search(Array(queries.row(0)), k: k)                     // warm-up
        var checksum: UInt64 = 0
        var single = Double.infinity, batch = Double.infinity
        for _ in 0..<max(1, repeats) {
            start = ContinuousClock.now
            for r in 0..<queries.rows {
                checksum &+= UInt64(index.search(Array(queries.row(r)), k: k).first?.id ?? 0)
            }
            single = min(single, seconds(since: start))
            start = ContinuousClock.now
            let batched = index.search(batch: queries, k: k)
            batch = min(batch, seconds(since: start))
            checksum &+= UInt64(batched.count)
        }
        precondition(checksum > 0 || queries.rows == 0)                 // keep the work observable

        return Result(n: data.rows, d: data.cols, queries: queries.rows, k: k, buildSeconds: build,
                      singleQPS: Double(queries.rows) / single, batchQPS: Double(queries.rows) / batch)
    }

    /// A printable report of `measure(n:d:queries:k:repeats:seed:)`, with the BLAS in use.
    public static func run(n: Int = 100_000, d: Int = 256, queries: Int = 1000, k: Int = 10,
                           repeats: Int = 3, seed: UInt64 = 1) -> String {
        let info = BLASInfo.current
        var lines = [info.summary]
        if let w = info.warning { lines.append(w) }
        do {
            let r = try measure(n: n, d: d, queries: queries, k: k, repeats: repeats, seed: seed)
            lines.append("ExactVectorIndex \(r.n)×\(r.d), \(r.queries) queries, k=\(r.k): "
                + "build \(String(format: "%.2f", r.buildSeconds)) s, "
                + "single \(String(format: "%.1f", r.singleQPS)) QPS, batched \(String(format: "%.1f", r.batchQPS)) QPS")
        } catch {
            lines.append("ExactVectorIndex benchmark failed: \(error)")
        }
        return lines.joined(separator: "\n")
    }

    /// Writes `m` as little-endian `int32 rows, int32 cols, float32 × rows·cols` (the peer format).
    public static func writeVectorFile(_ m: Matrix, to url: URL) throws {
        var data = Data(capacity: 8 + 4 * m.values.count)
        withUnsafeBytes(of: Int32(m.rows).littleEndian) { data.append(contentsOf: $0) }
        withUnsafeBytes(of: Int32(m.cols).littleEndian) { data.append(contentsOf: $0) }
        m.withUnsafeBufferPointer { v in
            for x in v { withUnsafeBytes(of: x.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        }
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw VectorIndexError.io("cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let c = (ContinuousClock.now - start).components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}
