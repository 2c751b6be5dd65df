#if canImport(Glibc)
import Glibc
#endif

/// The two glibc malloc settings the service relies on. Swift's Glibc module declares neither
/// `malloc_trim` nor `mallopt`, so both are looked up by name; where they do not exist (another C
/// library) these do nothing.
public enum MallocTuning {
    /// Hands memory that background training freed back to the operating system.
    ///
    /// Training the encoder while serving allocates a few hundred MB of transient matrices; glibc
    /// keeps freed heap pages in its arenas, so a server's resident memory stayed at its training
    /// peak (measured: 208 → 324 MB after one background retraining of the default knowledge, flat
    /// afterwards). `malloc_trim(0)` returns those pages.
    static func releaseFreed() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }

    /// Sets the number of malloc arenas (`mallopt(M_ARENA_MAX, count)`), for serving; false when
    /// the C library has no `mallopt`.
    ///
    /// glibc gives a thread that meets a locked arena a new one, up to eight per core, and keeps
    /// the pages each arena frees. A server's threads (request workers, the event loop, background
    /// training, the questions log) then spread the snapshots an import copies and drops over many
    /// arenas, and resident memory rose with every import (ARCHITECTURE.md has the soak figures).
    /// Per-thread caches (tcache) serve most small allocations without the arena lock, so few
    /// arenas cost little: throughput was the same within the noise.
    @discardableResult
    public static func limitArenas(to count: Int) -> Bool {
        #if canImport(Glibc)
        typealias SetOption = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return false }
        let arenaMax: Int32 = -8   // M_ARENA_MAX in malloc.h
        return unsafeBitCast(symbol, to: SetOption.self)(arenaMax, Int32(clamping: max(1, count))) == 1
        #else
        return false
        #endif
    }
}
