/// Plain-Swift implementations of the BLAS-backed kernels and sparse products: the oracle the
/// tests compare against, and the "no BLAS" baseline `LinearAlgebraBench` reports.
///
/// Written for clarity first; `gemm` still uses the cache-friendly i-p-j loop order on raw
/// buffers so that the baseline is what a careful plain-Swift kernel achieves, not a strawman.
public enum Reference {
    /// `C = alpha · op(A) · op(B) + beta · C`; shapes as `Kernels.gemm`.
    public static func gemm(_ a: Matrix, _ opA: Transpose = .none, _ b: Matrix, _ opB: Transpose = .none,
                            into c: inout Matrix, alpha: Float = 1, beta: Float = 0) {
        let a = opA == .none ? a : a.transposed          // [m × k]
        let b = opB == .none ? b : b.transposed          // [k × n]
        let m = a.rows, k = a.cols, n = b.cols
        precondition(b.rows == k && c.rows == m && c.cols == n,
                     "Reference.gemm: \(m)×\(k) · \(b.rows)×\(n) into \(c.rows)×\(c.cols)")
        var acc = [Float](repeating: 0, count: n)       // one row of op(A)·op(B)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    acc.withUnsafeMutableBufferPointer { row in
                        for i in 0..<m {
                            row.update(repeating: 0)
                            for p in 0..<k {
                                let aip = pa[i * k + p]
                                let bRow = p * n
                                for j in 0..<n { row[j] += aip * pb[bRow + j] }
                            }
                            for j in 0..<n {
                                let old = beta == 0 ? 0 : beta * pc[i * n + j]
                                pc[i * n + j] = alpha * row[j] + old
                            }
                        }
                    }
                }
            }
        }
    }

    /// `op(A) · op(B)` as a new matrix.
    public static func matmul(_ a: Matrix, _ opA: Transpose = .none, _ b: Matrix, _ opB: Transpose = .none) -> Matrix {
        var c = Matrix(rows: opA == .none ? a.rows : a.cols, cols: opB == .none ? b.cols : b.rows)
        gemm(a, opA, b, opB, into: &c)
        return c
    }

    /// `alpha · op(A) · x + beta · y`.
    public static func gemv(_ a: Matrix, _ opA: Transpose = .none, x: [Float], y: [Float] = [],
                            alpha: Float = 1, beta: Float = 0) -> [Float] {
        let a = opA == .none ? a : a.transposed
        precondition(x.count == a.cols, "Reference.gemv: \(a.rows)×\(a.cols) · x of \(x.count)")
        precondition(beta == 0 || y.count == a.rows, "Reference.gemv: y of \(y.count), expected \(a.rows)")
        return (0..<a.rows).map { r in
            let s = dot(Array(a.row(r)), x)
            return alpha * s + (beta == 0 ? 0 : beta * y[r])
        }
    }

    /// `x · y`, accumulated in `Double`.
    public static func dot(_ x: [Float], _ y: [Float]) -> Float {
        precondition(x.count == y.count, "Reference.dot: lengths \(x.count) and \(y.count)")
        var s = 0.0
        for i in x.indices { s += Double(x[i]) * Double(y[i]) }
        return Float(s)
    }

    /// `y + alpha · x`.
    public static func axpy(_ alpha: Float, _ x: [Float], _ y: [Float]) -> [Float] {
        precondition(x.count == y.count, "Reference.axpy: lengths \(x.count) and \(y.count)")
        return zip(x, y).map { alpha * $0 + $1 }
    }

    /// `m` with every row scaled to unit L2 norm (zero rows stay zero).
    public static func normalizeRows(_ m: Matrix) -> Matrix {
        var out = m
        for r in 0..<m.rows {
            let row = Array(m.row(r))
            let n = Float(row.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
            out.setRow(r, to: n > 0 ? row.map { $0 / n } : row)
        }
        return out
    }

    /// `S · X` for sparse `S` `[m × n]` and dense `X` `[n × p]`, via a dense copy of `S`.
    public static func multiply(_ s: CSRMatrix, _ x: Matrix) -> Matrix {
        matmul(s.dense(), .none, x, .none)
    }

    /// `Sᵀ · X` for sparse `S` `[m × n]` and dense `X` `[m × p]`, via a dense copy of `S`.
    public static func transposeMultiply(_ s: CSRMatrix, _ x: Matrix) -> Matrix {
        matmul(s.dense(), .transpose, x, .none)
    }

    /// For each row of `scores`, the `k` best (column, score) pairs: full sort, higher score first,
    /// ties by lower column; NaN and -∞ are never returned.
    public static func topK(_ scores: Matrix, k: Int) -> [[(index: Int, score: Float)]] {
        (0..<scores.rows).map { r in
            let row = scores.row(r)
            let candidates = row.indices.compactMap { j -> (index: Int, score: Float)? in
                let s = row[j]
                return s > -Float.infinity ? (j - row.startIndex, s) : nil
            }
            let sorted = candidates.sorted { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
            return Array(sorted.prefix(max(0, k)))
        }
    }
}
