import Dispatch

extension CSRMatrix: LinearOperator {
    /// `S · X` for `X` `[cols × p]`, giving `[rows × p]`: each output row gathers
    /// `Σ value · X[col, :]` over the row's entries. Rows are split across cores when the
    /// product is large (each output row is written by one thread only).
    public func multiply(_ x: Matrix) -> Matrix {
        precondition(x.rows == cols, "CSRMatrix.multiply: \(rows)×\(cols) · \(x.rows)×\(x.cols)")
        var out = Matrix(rows: rows, cols: x.cols)
        let p = x.cols
        if rows == 0 || p == 0 { return out }
        x.withUnsafeBufferPointer { px in
            out.withUnsafeMutableBufferPointer { po in
                let xs = SendablePointer(px.baseAddress!), os = SendableMutablePointer(po.baseAddress!)
                Self.forEachChunk(rows: rows, work: nonZeroCount * p) { range in
                    rowPtr.withUnsafeBufferPointer { rp in
                        colIdx.withUnsafeBufferPointer { ci in
                            values.withUnsafeBufferPointer { vs in
                                for r in range {
                                    let o = os.pointer + r * p
                                    for k in rp[r]..<rp[r + 1] {
                                        Self.axpyRow(vs[k], xs.pointer + Int(ci[k]) * p, o, p)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// `Sᵀ · X` for `X` `[rows × p]`, giving `[cols × p]`: each entry (r, c, v) scatters
    /// `v · X[r, :]` into output row `c`, reading `X` once in order. Single-threaded (output rows
    /// collide). Measured on 20000×4096 at 1% density with p = 266, this is twice as fast as
    /// `transposed.multiply(x)`, whose gathers jump around a large `X`.
    public func transposeMultiply(_ x: Matrix) -> Matrix {
        precondition(x.rows == rows, "CSRMatrix.transposeMultiply: (\(rows)×\(cols))ᵀ · \(x.rows)×\(x.cols)")
        var out = Matrix(rows: cols, cols: x.cols)
        let p = x.cols
        if rows == 0 || p == 0 { return out }
        x.withUnsafeBufferPointer { px in
            out.withUnsafeMutableBufferPointer { po in
                rowPtr.withUnsafeBufferPointer { rp in
                    colIdx.withUnsafeBufferPointer { ci in
                        values.withUnsafeBufferPointer { vs in
                            for r in 0..<rows {
                                let xr = px.baseAddress! + r * p
                                for k in rp[r]..<rp[r + 1] {
                                    Self.axpyRow(vs[k], xr, po.baseAddress! + Int(ci[k]) * p, p)
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// `o[0..<n] += a · x[0..<n]` — a loop the optimizer vectorizes; not BLAS, as calling
    /// `cblas_saxpy` per non-zero costs more than the arithmetic for short rows.
    @inline(__always)
    static func axpyRow(_ a: Float, _ x: UnsafePointer<Float>, _ o: UnsafeMutablePointer<Float>, _ n: Int) {
        for j in 0..<n { o[j] += a * x[j] }
    }

    /// Runs `body` over `0..<rows` in one chunk, or in one chunk per core when `work`
    /// (multiply-adds) is large enough to pay for the threads.
    static func forEachChunk(rows: Int, work: Int, _ body: (Range<Int>) -> Void) {
        let cores = min(ProcessInfoLite.activeProcessorCount, 8)
        if work < 1 << 22 || cores < 2 || rows < 2 * cores {
            body(0..<rows)
            return
        }
        let chunks = cores * 4
        withoutActuallyEscaping(body) { body in
            let box = UncheckedBox(body)
            DispatchQueue.concurrentPerform(iterations: chunks) { i in
                let lo = rows * i / chunks, hi = rows * (i + 1) / chunks
                box.value(lo..<hi)
            }
        }
    }
}

/// A raw pointer handed to worker threads that write disjoint parts of one buffer.
struct SendablePointer: @unchecked Sendable {
    let pointer: UnsafePointer<Float>
    init(_ p: UnsafePointer<Float>) { pointer = p }
}

/// A raw mutable pointer handed to worker threads that write disjoint rows.
struct SendableMutablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    init(_ p: UnsafeMutablePointer<Float>) { pointer = p }
}

/// Carries a non-Sendable closure into `concurrentPerform`; callers guarantee disjoint writes.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ v: T) { value = v }
}
