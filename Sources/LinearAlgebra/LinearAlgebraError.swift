/// Errors thrown by this module: bad input data and LAPACK failures.
///
/// Policy: kernels that only index memory (`gemm`, `gemv`, `dot`, the sparse products, top-k)
/// treat inconsistent shapes as programmer errors and stop at a precondition with a message
/// naming the shapes. Anything that can fail on valid-looking data — a LAPACK routine returning
/// `info != 0`, non-finite input to a factorization, a rank larger than the matrix allows, a
/// ragged `[[Float]]` — throws a `LinearAlgebraError`.
public enum LinearAlgebraError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Operand shapes do not fit together (for APIs that take outside data).
    case shapeMismatch(String)
    /// An argument is outside its valid range (e.g. `rank` > min(m, n)).
    case invalidArgument(String)
    /// The input holds NaN or infinity, which LAPACK cannot factor.
    case nonFiniteInput(String)
    /// A LAPACK routine reported `info != 0`: negative = argument `-info` was illegal;
    /// positive = the algorithm failed to converge / was singular (routine-specific).
    case lapackFailure(routine: String, info: Int32)

    public var description: String {
        switch self {
        case let .shapeMismatch(m): return "shape mismatch: \(m)"
        case let .invalidArgument(m): return "invalid argument: \(m)"
        case let .nonFiniteInput(m): return "non-finite input: \(m)"
        case let .lapackFailure(routine, info) where info < 0:
            return "\(routine) failed: argument \(-info) had an illegal value (info = \(info))"
        case let .lapackFailure(routine, info):
            return "\(routine) failed to converge or hit a singular case (info = \(info))"
        }
    }
}
