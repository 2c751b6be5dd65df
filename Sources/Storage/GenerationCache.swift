import Foundation
import Synchronization

/// The store's generation counter as last read, shared by every `Store` of one file in this
/// process. Caches ask for the generation on every request (several times a turn), and a read
/// transaction for it cost more than the rest of a cache hit. The cached value is dropped by
/// every write through a `Store` of this file, and re-read after `recheck` so that writes by
/// another process (a CLI import into a served folder) are seen within a fraction of a second.
final class GenerationCache: Sendable {
    /// How long a value read from the file is trusted when this process has not written since.
    static let recheck: UInt64 = 200_000_000   // ns

    private struct State {
        var value: Int?
        var readAt: UInt64 = 0
        /// Writes finished through this file's stores; a value read while one finished is not kept.
        var writes: UInt64 = 0
    }

    private let state = Mutex(State())

    /// The cache of the file at `path`.
    static func forFile(_ path: String) -> GenerationCache {
        let key = URL(fileURLWithPath: path).standardizedFileURL.path
        return registry.withLock { all in
            if let c = all[key] { return c }
            let c = GenerationCache()
            all[key] = c
            return c
        }
    }

    private static let registry = Mutex<[String: GenerationCache]>([:])

    /// The cached generation, or `read()`'s (kept unless a write finished in between).
    func value(_ read: () throws(StorageError) -> Int) throws(StorageError) -> Int {
        let now = DispatchTime.now().uptimeNanoseconds
        let (cached, writes) = state.withLock { s -> (Int?, UInt64) in
            (s.value != nil && now &- s.readAt < Self.recheck ? s.value : nil, s.writes)
        }
        if let cached { return cached }
        let value = try read()
        state.withLock { s in
            if s.writes == writes {
                s.value = value
                s.readAt = now
            }
        }
        return value
    }

    /// Called after every write transaction (committed or not).
    func wrote() {
        state.withLock { s in
            s.writes &+= 1
            s.value = nil
        }
    }
}
