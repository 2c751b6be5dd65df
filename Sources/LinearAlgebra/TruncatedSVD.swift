/// Rank-`rank` SVD of a large (dense or sparse) matrix by the randomized range finder of Halko,
/// Martinsson and Tropp (2011), "Finding structure with randomness", algorithms 4.4 and 5.1.
///
/// With `A` `[m × n]` and `l = min(rank + oversample, m, n)`:
/// 1. `Ω` `[n × l]` standard normal (seeded `SplitMix64`), `Y = A·Ω`, `Q = qr(Y)` `[m × l]`;
/// 2. `powerIterations` times: `Q = qr(A·qr(Aᵀ·Q))` — re-orthonormalizing between products keeps
///    the small singular directions from drowning in rounding error;
/// 3. `B = Qᵀ·A` `[l × n]` (computed as `(Aᵀ·Q)ᵀ`), `B = Ũ·S·Vᵀ` (LAPACK `sgesdd`), `U = Q·Ũ`;
/// 4. keep the first `rank` triplets.
///
/// Cost: `2·(powerIterations + 1) + 1` products with `A` or `Aᵀ` plus small dense
/// factorizations. Accuracy is best when the spectrum decays; more power iterations help when it
/// decays slowly. The result is deterministic for a given `seed` and BLAS thread count.
///
/// - Parameters:
///   - a: the matrix (`Matrix`, `CSRMatrix`, or any `LinearOperator`).
///   - rank: number of singular triplets wanted, `1...min(m, n)`.
///   - oversample: extra random directions (10 is the usual choice).
///   - powerIterations: subspace iterations (2 is plenty for a decaying spectrum).
///   - seed: seed of the Gaussian test matrix.
/// - Returns: `U` `[m × rank]`, `S` `[rank]` (non-increasing), `Vᵀ` `[rank × n]`.
/// - Throws: `LinearAlgebraError.invalidArgument` for a bad rank/oversample/iteration count,
///   `.nonFiniteInput` when `A` holds NaN/∞, `.lapackFailure` when a factorization fails.
public func truncatedSVD<A: LinearOperator>(_ a: A, rank: Int, oversample: Int = 10, powerIterations: Int = 2,
                                            seed: UInt64 = 0x5EED) throws -> LAPACK.SVD {
    let m = a.rows, n = a.cols
    guard rank >= 1 && rank <= min(m, n) else {
        throw LinearAlgebraError.invalidArgument("truncatedSVD rank \(rank) not in 1...\(min(m, n)) for a \(m)×\(n) matrix")
    }
    guard oversample >= 0, powerIterations >= 0 else {
        throw LinearAlgebraError.invalidArgument(
            "truncatedSVD oversample (\(oversample)) and powerIterations (\(powerIterations)) must be ≥ 0")
    }
    let l = min(rank + oversample, min(m, n))
    let omega = Matrix.randomNormal(rows: n, cols: l, seed: seed)          // [n × l]
    var q = try LAPACK.orthonormalize(a.multiply(omega))                   // [m × l]
    for _ in 0..<powerIterations {
        let z = try LAPACK.orthonormalize(a.transposeMultiply(q))          // [n × l]
        q = try LAPACK.orthonormalize(a.multiply(z))                       // [m × l]
    }
    let b = a.transposeMultiply(q).transposed                              // Qᵀ·A, [l × n]
    let small = try LAPACK.svd(b)                                          // Ũ [l × l], S [l], Vᵀ [l × n]
    let u = Kernels.matmul(q, .none, small.u, .none)                       // [m × l]
    return LAPACK.SVD(u: u, s: small.s, vt: small.vt).truncated(to: rank)
}

/// Something that can multiply a dense block from the left, as `A` or `Aᵀ`: what the randomized
/// SVD needs from its input, so dense and sparse matrices go through the same code.
public protocol LinearOperator: Sendable {
    /// Rows of `A`.
    var rows: Int { get }
    /// Columns of `A`.
    var cols: Int { get }
    /// `A · X` for `X` `[cols × p]`, giving `[rows × p]`.
    func multiply(_ x: Matrix) -> Matrix
    /// `Aᵀ · X` for `X` `[rows × p]`, giving `[cols × p]`.
    func transposeMultiply(_ x: Matrix) -> Matrix
}

extension Matrix: LinearOperator {
    /// `self · X` (BLAS sgemm).
    public func multiply(_ x: Matrix) -> Matrix { Kernels.matmul(self, .none, x, .none) }
    /// `selfᵀ · X` (BLAS sgemm, no explicit transpose).
    public func transposeMultiply(_ x: Matrix) -> Matrix { Kernels.matmul(self, .transpose, x, .none) }
}
