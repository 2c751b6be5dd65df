import Dispatch

/// Runs blocking work (SQLite writes, imports) off the cooperative thread pool, so a long
/// import does not stall other requests on a 2-core machine.
func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async {
            continuation.resume(with: Result { try work() })
        }
    }
}
