#if canImport(Glibc)
import Glibc
#endif

/// Hands memory that background training freed back to the operating system.
///
/// Training the encoder while serving allocates a few hundred MB of transient matrices; glibc
/// keeps freed heap pages in its arenas, so a server's resident memory stayed at its training
/// peak (measured: 208 → 324 MB after one background retraining of the default knowledge, flat
/// afterwards). `malloc_trim(0)` returns those pages. Swift's Glibc module does not declare it,
/// so it is looked up by name; where it does not exist this does nothing.
enum FreedMemory {
    static func release() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }
}
