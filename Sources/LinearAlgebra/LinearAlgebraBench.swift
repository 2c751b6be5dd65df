/// Micro-benchmarks for `switchboard bench`: BLAS sgemm against the plain-Swift kernel.
///
/// GFLOP/s counts `2·n³` floating-point operations per `n × n × n` product. Each figure is the
/// best of `repeats` timed runs after one untimed warm-up (best-of filters scheduler noise on a
/// shared machine). The thread count is whatever BLAS uses (`OPENBLAS_NUM_THREADS`); print
/// `BLASInfo.current.summary` next to the numbers.
public enum LinearAlgebraBench {
    /// GFLOP/s of `Kernels.gemm` (BLAS sgemm) for `C = A·B` with `n × n` random matrices.
    public static func sgemmGFLOPS(n: Int = 1024, repeats: Int = 5) -> Double {
        let a = Matrix.randomNormal(rows: n, cols: n, seed: 1)
        let b = Matrix.randomNormal(rows: n, cols: n, seed: 2)
        var c = Matrix(rows: n, cols: n)
        Kernels.gemm(a, .none, b, .none, into: &c)                  // warm-up: threads, pages
        let best = bestSeconds(repeats) { Kernels.gemm(a, .none, b, .none, into: &c) }
        return gflops(n, best)
    }

    /// GFLOP/s of `Reference.gemm` (plain Swift, one thread) at a smaller `n`.
    public static func referenceGemmGFLOPS(n: Int = 256, repeats: Int = 3) -> Double {
        let a = Matrix.randomNormal(rows: n, cols: n, seed: 1)
        let b = Matrix.randomNormal(rows: n, cols: n, seed: 2)
        var c = Matrix(rows: n, cols: n)
        Reference.gemm(a, .none, b, .none, into: &c)
        let best = bestSeconds(repeats) { Reference.gemm(a, .none, b, .none, into: &c) }
        return gflops(n, best)
    }

    /// Seconds for one `truncatedSVD` of a seeded random sparse `rows × cols` matrix with the
    /// given `density` (the matrix is built before timing starts).
    public static func sparseTruncatedSVDSeconds(rows: Int = 20_000, cols: Int = 4096, density: Double = 0.01,
                                                 rank: Int = 256) throws -> Double {
        let a = CSRMatrix.random(rows: rows, cols: cols, density: density, seed: 7)
        let start = ContinuousClock.now
        _ = try truncatedSVD(a, rank: rank)
        return seconds(ContinuousClock.now - start)
    }

    /// A multi-line report: BLAS in use, sgemm at `n` and the plain-Swift kernel at `referenceN`.
    public static func report(n: Int = 1024, referenceN: Int = 256, repeats: Int = 5) -> String {
        let info = BLASInfo.current
        var lines = [info.summary]
        if let note = BLASCoreType.restartNote { lines.append(note) }
        if let w = info.warning { lines.append(w) }
        let blas = sgemmGFLOPS(n: n, repeats: repeats)
        let plain = referenceGemmGFLOPS(n: referenceN, repeats: max(1, repeats / 2))
        lines.append("sgemm \(n)³ (BLAS): \(format(blas)) GFLOP/s")
        lines.append("gemm \(referenceN)³ (plain Swift): \(format(plain)) GFLOP/s")
        return lines.joined(separator: "\n")
    }

    static func bestSeconds(_ repeats: Int, _ body: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<max(1, repeats) {
            let start = ContinuousClock.now
            body()
            best = min(best, seconds(ContinuousClock.now - start))
        }
        return best
    }

    static func seconds(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }

    static func gflops(_ n: Int, _ seconds: Double) -> Double {
        2 * Double(n) * Double(n) * Double(n) / seconds / 1e9
    }

    static func format(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return String(r)
    }
}
