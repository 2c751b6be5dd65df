import Dispatch
import Foundation

/// Order-preserving parallel map over chunk indices: `body(i)` for `i in 0..<count` runs on all
/// cores and the results come back in index order, so output never depends on scheduling.
enum Parallel {
    static func map<T: Sendable>(count: Int, _ body: (Int) -> T) -> [T] {
        if count <= 1 || ProcessInfo.processInfo.activeProcessorCount < 2 {
            return (0..<count).map(body)
        }
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeSlots(base: buffer.baseAddress!)
            withoutActuallyEscaping(body) { body in
                let work = UnsafeClosure(body)
                DispatchQueue.concurrentPerform(iterations: count) { i in
                    out.base[i] = work.body(i)      // each index written by exactly one thread
                }
            }
        }
        return results.map { $0! }
    }
}

/// Result slots written by disjoint threads.
private struct UnsafeSlots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T?>
}

/// A non-escaping body carried into `concurrentPerform`; it only reads shared state.
private struct UnsafeClosure<T>: @unchecked Sendable {
    let body: (Int) -> T
    init(_ body: @escaping (Int) -> T) { self.body = body }
}
