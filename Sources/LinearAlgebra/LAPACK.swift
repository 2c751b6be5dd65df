import CBLAS

/// Dense factorizations backed by LAPACKE (row-major interface).
///
/// Every routine checks its input (finite values, sensible shape) and turns a LAPACK
/// `info != 0` into `LinearAlgebraError.lapackFailure`; none of them traps on bad data.
public enum LAPACK {
    /// The result of a thin SVD `A = U · diag(S) · Vᵀ`.
    public struct SVD: Sendable {
        /// Left singular vectors `[m × r]` (orthonormal columns).
        public var u: Matrix
        /// Singular values, non-increasing, `[r]`.
        public var s: [Float]
        /// Right singular vectors, transposed: `[r × n]` (orthonormal rows).
        public var vt: Matrix

        /// A factorization from its parts (`u.cols == s.count == vt.rows`).
        public init(u: Matrix, s: [Float], vt: Matrix) {
            precondition(u.cols == s.count && vt.rows == s.count,
                         "SVD: U \(u.rows)×\(u.cols), \(s.count) values, Vᵀ \(vt.rows)×\(vt.cols)")
            self.u = u
            self.s = s
            self.vt = vt
        }

        /// Keeps the first `rank` singular triplets (all of them when `rank ≥ s.count`).
        public func truncated(to rank: Int) -> SVD {
            let r = min(max(0, rank), s.count)
            return SVD(u: u.columns(0..<r), s: Array(s.prefix(r)), vt: vt.rows(0..<r))
        }

        /// `U · diag(S) · Vᵀ` `[m × n]` (for tests and error checks).
        public func reconstructed() -> Matrix {
            var us = u
            for r in 0..<us.rows {
                for c in 0..<us.cols { us[r, c] *= s[c] }
            }
            return Kernels.matmul(us, .none, vt, .none)
        }
    }

    /// An orthonormal basis of the column space of `a` `[m × n]`, `m ≥ n`: the `Q` `[m × n]` of
    /// `a = Q·R` (Householder QR: `sgeqrf`, then `sorgqr` to form `Q`).
    /// - Throws: `LinearAlgebraError.invalidArgument` when `m < n`, `.nonFiniteInput`, or
    ///   `.lapackFailure`.
    public static func orthonormalize(_ a: Matrix) throws -> Matrix {
        let m = a.rows, n = a.cols
        guard m >= n else {
            throw LinearAlgebraError.invalidArgument("orthonormalize needs rows ≥ cols, got \(m)×\(n)")
        }
        try checkFinite(a, "orthonormalize")
        if n == 0 { return a }
        var q = a
        var tau = [Float](repeating: 0, count: n)
        try q.withUnsafeMutableBufferPointer { qa in
            try tau.withUnsafeMutableBufferPointer { t in
                try check("LAPACKE_sgeqrf", LAPACKE_sgeqrf(LAPACK_ROW_MAJOR, numericCast(m), numericCast(n),
                                                           qa.baseAddress, numericCast(n), t.baseAddress))
                try check("LAPACKE_sorgqr", LAPACKE_sorgqr(LAPACK_ROW_MAJOR, numericCast(m), numericCast(n),
                                                           numericCast(n), qa.baseAddress, numericCast(n), t.baseAddress))
            }
        }
        return q
    }

    /// The thin SVD of `a` `[m × n]`: `U` `[m × r]`, `S` `[r]`, `Vᵀ` `[r × n]` with `r = min(m, n)`
    /// (divide and conquer, `sgesdd` with job 'S').
    /// - Throws: `LinearAlgebraError.nonFiniteInput` or `.lapackFailure` (e.g. no convergence).
    public static func svd(_ a: Matrix) throws -> SVD {
        let m = a.rows, n = a.cols, r = min(m, n)
        try checkFinite(a, "svd")
        if r == 0 {
            return SVD(u: Matrix(rows: m, cols: 0), s: [], vt: Matrix(rows: 0, cols: n))
        }
        var work = a                                      // sgesdd destroys its input
        var s = [Float](repeating: 0, count: r)
        var u = Matrix(rows: m, cols: r)
        var vt = Matrix(rows: r, cols: n)
        try work.withUnsafeMutableBufferPointer { pa in
            try s.withUnsafeMutableBufferPointer { ps in
                try u.withUnsafeMutableBufferPointer { pu in
                    try vt.withUnsafeMutableBufferPointer { pvt in
                        let info = LAPACKE_sgesdd(LAPACK_ROW_MAJOR, jobChar("S"), numericCast(m), numericCast(n),
                                                  pa.baseAddress, numericCast(n), ps.baseAddress,
                                                  pu.baseAddress, numericCast(r), pvt.baseAddress, numericCast(n))
                        try check("LAPACKE_sgesdd", info)
                    }
                }
            }
        }
        return SVD(u: u, s: s, vt: vt)
    }

    /// The singular values of `a` only (`sgesdd` with job 'N'), non-increasing.
    public static func singularValues(_ a: Matrix) throws -> [Float] {
        let m = a.rows, n = a.cols, r = min(m, n)
        try checkFinite(a, "singularValues")
        if r == 0 { return [] }
        var work = a
        var s = [Float](repeating: 0, count: r)
        var dummyU: Float = 0, dummyVt: Float = 0      // not referenced with job 'N' (LAPACKE still checks ldvt ≥ n)
        try work.withUnsafeMutableBufferPointer { pa in
            try s.withUnsafeMutableBufferPointer { ps in
                let info = LAPACKE_sgesdd(LAPACK_ROW_MAJOR, jobChar("N"), numericCast(m), numericCast(n),
                                          pa.baseAddress, numericCast(n), ps.baseAddress, &dummyU, 1, &dummyVt, numericCast(n))
                try check("LAPACKE_sgesdd", info)
            }
        }
        return s
    }

    /// A LAPACKE job character, portable across platforms where `CChar` is `Int8` (x86_64) or
    /// `UInt8` (arm64 Linux).
    static func jobChar(_ c: Unicode.Scalar) -> CChar {
        CChar(truncatingIfNeeded: UInt8(ascii: c))
    }

    /// Throws `.lapackFailure` for a non-zero `info` (`lapack_int` is a C macro, hence generic).
    static func check<I: BinaryInteger>(_ routine: String, _ info: I) throws {
        if info != 0 { throw LinearAlgebraError.lapackFailure(routine: routine, info: Int32(truncatingIfNeeded: info)) }
    }

    static func checkFinite(_ a: Matrix, _ what: String) throws {
        let finite = a.withUnsafeBufferPointer { $0.allSatisfy { $0.isFinite } }
        if !finite { throw LinearAlgebraError.nonFiniteInput("\(what): matrix \(a.rows)×\(a.cols) contains NaN or infinity") }
    }
}
