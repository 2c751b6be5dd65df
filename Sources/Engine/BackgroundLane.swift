import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One thread that runs background writes in order at a lower CPU priority (nice 10) than the
/// threads serving requests. The questions log is written in batches every half second; on a
/// 2-core server a batch of a thousand rows took one core for ~15 ms, so the requests waiting
/// behind it made the slowest percent of answers. At nice 10 the kernel lets request threads
/// run first, and the batch fills the gaps.
final class BackgroundLane: @unchecked Sendable {
    /// The lane for the questions log.
    static let analytics = BackgroundLane(name: "sb-analytics")

    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []   // guarded by `condition`

    private init(name: String) {
        let thread = Thread { [unowned self] in
            #if canImport(Glibc)
            // On Linux, PRIO_PROCESS with id 0 sets the calling thread's nice value only.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
            #endif
            Thread.current.name = name
            while true { self.next()() }
        }
        thread.start()
    }

    /// Runs `job` on the lane after the jobs queued before it.
    func run(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Runs `job` on the lane `delay` seconds from now.
    func run(after delay: Double, _ job: @escaping @Sendable () -> Void) {
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + delay) { [self] in run(job) }
    }

    private func next() -> @Sendable () -> Void {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty { condition.wait() }
        return jobs.removeFirst()
    }
}
