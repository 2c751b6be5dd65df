import Synchronization

/// A process-wide request that training stop early, made once by a server that is shutting down.
///
/// A background retraining still running when the process exits calls BLAS after OpenBLAS's
/// exit handler has torn down its tables, and the process dies with SIGSEGV. The trainers check
/// this flag once per epoch and end early; the Engine then throws their model away instead of
/// saving it (a model cut short is not the one its fingerprint describes).
public enum TrainingStop {
    private static let flag = Atomic<Bool>(false)

    /// Whether a stop was requested.
    public static var isRequested: Bool { flag.load(ordering: .acquiring) }

    /// Requests the stop. The server never withdraws it: the process is about to exit.
    public static func request() { flag.store(true, ordering: .releasing) }

    /// Withdraws a request (tests only: they share one process with every other test).
    static func withdraw() { flag.store(false, ordering: .releasing) }
}
