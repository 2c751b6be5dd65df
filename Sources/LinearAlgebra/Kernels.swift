import CBLAS

/// Dense kernels backed by CBLAS (whatever `libblas.so.3` is at run time: OpenBLAS here).
///
/// Shapes follow BLAS: `op(X)` is `X` or `Xᵀ` per `Transpose`. Inconsistent shapes are programmer
/// errors (precondition failures naming the shapes); see `LinearAlgebraError` for the policy.
/// Only standard CBLAS entry points and enum values are used, so both netlib's and OpenBLAS's
/// `cblas.h` compile. Every `Reference` function computes the same thing in plain Swift.
public enum Kernels {
    // MARK: - Level 3

    /// `C = alpha · op(A) · op(B) + beta · C` on borrowed views.
    /// Shapes: `op(A)` is `[m × k]`, `op(B)` is `[k × n]`, `C` is `[m × n]`.
    /// With `beta == 0`, `C` is overwritten (its old contents, even NaN, are ignored).
    public static func gemm(_ a: MatrixRef, _ opA: Transpose = .none, _ b: MatrixRef, _ opB: Transpose = .none,
                            into c: MutableMatrixRef, alpha: Float = 1, beta: Float = 0) {
        let (m, k) = opA == .none ? (a.rows, a.cols) : (a.cols, a.rows)
        let (kb, n) = opB == .none ? (b.rows, b.cols) : (b.cols, b.rows)
        precondition(k == kb && c.rows == m && c.cols == n,
                     "gemm: op(A) \(m)×\(k) · op(B) \(kb)×\(n) into C \(c.rows)×\(c.cols)")
        if m == 0 || n == 0 { return }
        if k == 0 {
            for r in 0..<m { scaleOrZero(c.row(r), beta) }
            return
        }
        cblas_sgemm(CblasRowMajor, cblasOp(opA), cblasOp(opB), numericCast(m), numericCast(n), numericCast(k),
                    alpha, a.base, numericCast(max(1, a.ld)), b.base, numericCast(max(1, b.ld)),
                    beta, c.base, numericCast(max(1, c.ld)))
    }

    /// `C = alpha · op(A) · op(B) + beta · C` on matrices (`C` keeps its shape `[m × n]`).
    public static func gemm(_ a: Matrix, _ opA: Transpose = .none, _ b: Matrix, _ opB: Transpose = .none,
                            into c: inout Matrix, alpha: Float = 1, beta: Float = 0) {
        a.withUnsafeRef { ra in
            b.withUnsafeRef { rb in
                c.withUnsafeMutableRef { rc in gemm(ra, opA, rb, opB, into: rc, alpha: alpha, beta: beta) }
            }
        }
    }

    /// `op(A) · op(B)` as a new matrix `[m × n]`.
    public static func matmul(_ a: Matrix, _ opA: Transpose = .none, _ b: Matrix, _ opB: Transpose = .none) -> Matrix {
        let m = opA == .none ? a.rows : a.cols
        let n = opB == .none ? b.cols : b.rows
        var c = Matrix(rows: m, cols: n)
        gemm(a, opA, b, opB, into: &c)
        return c
    }

    // MARK: - Level 2

    /// `y = alpha · op(A) · x + beta · y` on raw buffers.
    /// Shapes: `op(A)` is `[m × n]`, `x` has `n` elements, `y` has `m`.
    public static func gemv(_ a: MatrixRef, _ opA: Transpose = .none, x: UnsafePointer<Float>,
                            into y: UnsafeMutablePointer<Float>, alpha: Float = 1, beta: Float = 0) {
        let m = opA == .none ? a.rows : a.cols
        let n = opA == .none ? a.cols : a.rows
        if m == 0 { return }
        if n == 0 {
            scaleOrZero(UnsafeMutableBufferPointer(start: y, count: m), beta)
            return
        }
        cblas_sgemv(CblasRowMajor, cblasOp(opA), numericCast(a.rows), numericCast(a.cols), alpha, a.base,
                    numericCast(max(1, a.ld)), x, 1, beta, y, 1)
    }

    /// `op(A) · x` as a new vector (`x` has `op(A).cols` elements; the result `op(A).rows`).
    public static func matvec(_ a: Matrix, _ opA: Transpose = .none, _ x: [Float]) -> [Float] {
        let m = opA == .none ? a.rows : a.cols
        let n = opA == .none ? a.cols : a.rows
        precondition(x.count == n, "gemv: op(A) \(m)×\(n) · x of \(x.count)")
        var y = [Float](repeating: 0, count: m)
        a.withUnsafeRef { ra in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    if let xb = px.baseAddress, let yb = py.baseAddress { gemv(ra, opA, x: xb, into: yb) }
                }
            }
        }
        return y
    }

    // MARK: - Level 1

    /// The inner product `x · y` (precondition: equal lengths).
    public static func dot(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Float {
        precondition(x.count == y.count, "dot: lengths \(x.count) and \(y.count)")
        guard let xb = x.baseAddress, let yb = y.baseAddress, !x.isEmpty else { return 0 }
        return cblas_sdot(numericCast(x.count), xb, 1, yb, 1)
    }

    /// The inner product `x · y` of two arrays (precondition: equal lengths).
    public static func dot(_ x: [Float], _ y: [Float]) -> Float {
        x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in dot(px, py) } }
    }

    /// `y += alpha · x` (precondition: equal lengths).
    public static func axpy(_ alpha: Float, _ x: UnsafeBufferPointer<Float>, _ y: UnsafeMutableBufferPointer<Float>) {
        precondition(x.count == y.count, "axpy: lengths \(x.count) and \(y.count)")
        guard let xb = x.baseAddress, let yb = y.baseAddress, !x.isEmpty else { return }
        cblas_saxpy(numericCast(x.count), alpha, xb, 1, yb, 1)
    }

    /// `y += alpha · x` on arrays (precondition: equal lengths).
    public static func axpy(_ alpha: Float, _ x: [Float], _ y: inout [Float]) {
        x.withUnsafeBufferPointer { px in y.withUnsafeMutableBufferPointer { py in axpy(alpha, px, py) } }
    }

    /// `x *= alpha`.
    public static func scal(_ alpha: Float, _ x: UnsafeMutableBufferPointer<Float>) {
        guard let xb = x.baseAddress, !x.isEmpty else { return }
        cblas_sscal(numericCast(x.count), alpha, xb, 1)
    }

    /// The Euclidean norm ‖x‖₂ (computed without overflow by BLAS).
    public static func norm(_ x: UnsafeBufferPointer<Float>) -> Float {
        guard let xb = x.baseAddress, !x.isEmpty else { return 0 }
        return cblas_snrm2(numericCast(x.count), xb, 1)
    }

    // MARK: - Normalization

    /// Scales `x` to unit L2 norm in place and returns its original norm. A zero vector stays zero.
    @discardableResult
    public static func normalize(_ x: UnsafeMutableBufferPointer<Float>) -> Float {
        let n = norm(UnsafeBufferPointer(x))
        if n > 0 && n.isFinite { scal(1 / n, x) }
        return n
    }

    /// Scales `x` to unit L2 norm and returns its original norm. A zero vector stays zero.
    @discardableResult
    public static func normalize(_ x: inout [Float]) -> Float {
        x.withUnsafeMutableBufferPointer { normalize($0) }
    }

    /// Scales every row of `m` to unit L2 norm in place; returns the original row norms
    /// (`[rows]`). Zero rows stay zero.
    @discardableResult
    public static func normalizeRows(_ m: inout Matrix) -> [Float] {
        m.withUnsafeMutableRef { ref in (0..<ref.rows).map { normalize(ref.row($0)) } }
    }

    // MARK: - Helpers

    static func cblasOp(_ t: Transpose) -> CBLAS_TRANSPOSE {
        t == .none ? CblasNoTrans : CblasTrans
    }

    /// `x *= beta`, with BLAS's convention that `beta == 0` overwrites with zeros.
    static func scaleOrZero(_ x: UnsafeMutableBufferPointer<Float>, _ beta: Float) {
        if beta == 0 {
            x.update(repeating: 0)
        } else if beta != 1 {
            for i in x.indices { x[i] *= beta }
        }
    }
}
