import XCTest
import LinearAlgebra

/// Max |a - b| / max(1, max |b|): a scale-aware error for comparing kernels with references.
func relativeError(_ a: Matrix, _ b: Matrix) -> Float {
    precondition(a.rows == b.rows && a.cols == b.cols, "shapes \(a.rows)×\(a.cols) vs \(b.rows)×\(b.cols)")
    return relativeError(a.values, b.values)
}

/// Max |a - b| / max(1, max |b|) over two equal-length vectors.
func relativeError(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count)
    var diff: Float = 0, scale: Float = 1
    for i in a.indices {
        diff = max(diff, abs(a[i] - b[i]))
        scale = max(scale, abs(b[i]))
    }
    return diff / scale
}

/// Asserts that `a` and `b` agree to `tolerance` in `relativeError`.
func assertClose(_ a: Matrix, _ b: Matrix, tolerance: Float = 1e-4, _ message: String = "",
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.rows, b.rows, "rows " + message, file: file, line: line)
    XCTAssertEqual(a.cols, b.cols, "cols " + message, file: file, line: line)
    guard a.rows == b.rows && a.cols == b.cols else { return }
    let err = relativeError(a, b)
    XCTAssertLessThanOrEqual(err, tolerance, message, file: file, line: line)
}

/// `‖QᵀQ − I‖_max` for a matrix whose columns should be orthonormal.
func orthonormalityError(columnsOf q: Matrix) -> Float {
    let gram = Kernels.matmul(q, .transpose, q, .none)
    return relativeError(gram, Matrix.identity(q.cols))
}

/// A dense `m × n` matrix with singular values `spectrum` (decreasing) and random singular
/// vectors: `U·diag(spectrum)·Vᵀ` with `U`, `V` from QR of seeded Gaussians.
func matrixWithSpectrum(rows m: Int, cols n: Int, spectrum: [Float], seed: UInt64) throws -> Matrix {
    let r = spectrum.count
    let u = try LAPACK.orthonormalize(Matrix.randomNormal(rows: m, cols: r, seed: seed))
    var v = try LAPACK.orthonormalize(Matrix.randomNormal(rows: n, cols: r, seed: seed &+ 1))
    for i in 0..<n {
        for j in 0..<r { v[i, j] *= spectrum[j] }
    }
    return Kernels.matmul(u, .none, v, .transpose)
}
