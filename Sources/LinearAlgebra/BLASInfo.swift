#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which BLAS/LAPACK implementation this process actually runs.
///
/// The binary links `libblas.so.3` and `liblapacke.so.3`; Debian's alternatives decide at load
/// time whether that is OpenBLAS or the slow reference BLAS (~15× slower sgemm). Benchmarks
/// print `summary` and `warning` so a number measured on reference BLAS is never mistaken.
public struct BLASInfo: Sendable, Equatable {
    /// The implementation family, guessed from the mapped library path.
    public enum Kind: String, Sendable {
        case openBLAS = "OpenBLAS"
        case reference = "reference BLAS (netlib)"
        case other = "other BLAS"
        case unknown = "unknown (no BLAS library mapped)"
    }

    /// Family of the mapped BLAS.
    public let kind: Kind
    /// Resolved paths of mapped BLAS libraries (from /proc/self/maps).
    public let blasPaths: [String]
    /// Resolved paths of mapped LAPACK/LAPACKE libraries.
    public let lapackPaths: [String]
    /// `openblas_get_config()` (version, core, thread model) when OpenBLAS is loaded.
    public let openBLASConfig: String?
    /// `openblas_get_num_threads()` when OpenBLAS is loaded.
    public let openBLASThreads: Int?

    /// Inspects the current process.
    public static var current: BLASInfo {
        // Make sure BLAS is loaded (it is a NEEDED library, but be explicit).
        _ = Kernels.dot([1], [1])
        let paths = mappedLibraryPaths()
        let blas = paths.filter { p in
            let name = basename(p)
            return name.hasPrefix("libblas") || name.hasPrefix("libopenblas") || name.hasPrefix("libmkl")
                || name.hasPrefix("libblis")
        }
        let lapack = paths.filter { basename($0).hasPrefix("liblapack") }
        let kind: Kind
        if blas.contains(where: { $0.contains("openblas") }) {
            kind = .openBLAS
        } else if blas.contains(where: { $0.contains("/blas/") }) {
            kind = .reference
        } else {
            kind = blas.isEmpty ? .unknown : .other
        }
        return BLASInfo(kind: kind, blasPaths: blas, lapackPaths: lapack,
                        openBLASConfig: openBLASSymbolString("openblas_get_config"),
                        openBLASThreads: openBLASSymbolInt("openblas_get_num_threads"))
    }

    /// Whether the slow reference BLAS is running.
    public var isReference: Bool { kind == .reference }

    /// A warning to print when the numbers will not be representative, else nil.
    public var warning: String? {
        switch kind {
        case .reference:
            return "WARNING: reference BLAS is loaded (\(blasPaths.joined(separator: ", "))); install libopenblas0-pthread "
                + "(or -serial) so that libblas.so.3 resolves to OpenBLAS"
        case .unknown:
            return "WARNING: no BLAS library found in /proc/self/maps"
        case .openBLAS, .other:
            return nil
        }
    }

    /// One line: family, library path, OpenBLAS config and threads.
    public var summary: String {
        var s = "BLAS: \(kind.rawValue)"
        if let p = blasPaths.first { s += " [\(p)]" }
        if let c = openBLASConfig { s += " config: \(c)" }
        if let t = openBLASThreads { s += " threads: \(t)" }
        if let l = lapackPaths.first { s += "; LAPACK [\(l)]" }
        return s
    }

    /// Unique file paths of shared objects mapped into this process.
    static func mappedLibraryPaths() -> [String] {
        var seen: [String] = []
        forEachLine(ofFile: "/proc/self/maps") { text in
            guard let slash = text.firstIndex(of: "/") else { return true }
            let path = String(text[slash...]).trimmingSuffixNewline()
            if path.contains(".so") && !seen.contains(path) { seen.append(path) }
            return true
        }
        return seen
    }

    /// Calls `body` with each line of a (small, system) file, newline included, until it returns
    /// false; nothing when the file cannot be opened. Without Foundation.
    static func forEachLine(ofFile path: String, _ body: (String) -> Bool) {
        guard let file = fopen(path, "r") else { return }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 8192)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: Int8(truncatingIfNeeded: $0)) },
                              as: UTF8.self)
            if !body(text) { return }
        }
    }

    private static func basename(_ path: String) -> Substring {
        path.split(separator: "/").last ?? Substring(path)
    }

    /// The string an OpenBLAS function of no arguments returns; nil when OpenBLAS is not loaded.
    static func openBLASSymbolString(_ name: String) -> String? {
        guard let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        typealias Fn = @convention(c) () -> UnsafePointer<CChar>?
        guard let cstr = unsafeBitCast(sym, to: Fn.self)() else { return nil }
        return String(cString: cstr).trimmingSuffixNewline()
    }

    private static func openBLASSymbolInt(_ name: String) -> Int? {
        guard let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        typealias Fn = @convention(c) () -> Int32
        return Int(unsafeBitCast(sym, to: Fn.self)())
    }
}

/// The handful of process facts this module needs, without Foundation.
enum ProcessInfoLite {
    /// Online processors (≥ 1), read once: `sysconf` reads a file under /sys on every call, and
    /// the products ask on every call.
    static let activeProcessorCount: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}

extension String {
    fileprivate func trimmingSuffixNewline() -> String {
        var s = Substring(self)
        while let last = s.last, last == "\n" || last == " " || last == "\r" { s.removeLast() }
        return String(s)
    }
}
