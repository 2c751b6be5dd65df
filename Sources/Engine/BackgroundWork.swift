import Dispatch
import Synchronization

/// Counts the background jobs (trainings) an Engine has running, so that a server shutting down
/// can wait for them; once closed, no new job begins.
final class BackgroundWork: Sendable {
    private let group = DispatchGroup()
    private let closed = Mutex(false)

    /// Registers a job about to start; false (and nothing registered) once `close()` was called.
    func begin() -> Bool {
        closed.withLock { closed in
            if closed { return false }
            group.enter()
            return true
        }
    }

    /// Marks a job begun with `begin()` as done.
    func end() { group.leave() }

    /// Lets no new job begin.
    func close() { closed.withLock { $0 = true } }

    /// Waits at most `seconds` for the jobs begun to end; whether they all did.
    func wait(seconds: Double) -> Bool { group.wait(timeout: .now() + seconds) == .success }
}
