#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes sure OpenBLAS runs kernels that fit the CPU.
///
/// A dynamic-architecture OpenBLAS (Debian's) picks its kernels by CPU model while it loads. A
/// model it does not know — a CPU newer than the library, or one a hypervisor reports as plain
/// "Intel Xeon Processor" — gets its generic Prescott kernels (SSE3), even when the CPU has
/// AVX-512. Measured on such a machine (KVM, family 6 model 207, OpenBLAS 0.3.21, one thread):
/// sgemm 1024³ ran at 16 GFLOP/s with the Prescott kernels and 142 GFLOP/s with SkylakeX's, so
/// every training and every request's vector products ran several times slower than they should.
///
/// OpenBLAS reads `OPENBLAS_CORETYPE` only while it loads, before `main` runs; so when the loaded
/// core is one of those generic ones and the CPU can do better, the process starts itself again
/// (same binary, arguments and process id) with the variable set. A variable already set is left alone:
/// the user decides.
public enum BLASCoreType {
    /// OpenBLAS cores whose kernels use neither AVX2 nor AVX-512 (lowercased, as
    /// `openblas_get_corename` spells them): the ones a fallback lands on.
    static let withoutAVX2: Set<String> = [
        "prescott", "core2", "penryn", "dunnington", "nehalem", "atom", "sandybridge",
        "katmai", "coppermine", "northwood", "banias", "opteron", "barcelona", "bobcat", "athlon", "nano",
    ]

    /// The CPU flags the SkylakeX kernels use (AVX-512 foundation, byte/word, vector length, dq, cd).
    static let skylakeXFlags = ["avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"]

    /// The core type to force, or nil to leave OpenBLAS's choice: only when OpenBLAS `loaded` a
    /// core without AVX2 on a CPU whose `flags` (as /proc/cpuinfo lists them) have AVX2 and FMA,
    /// and the user set no `OPENBLAS_CORETYPE` (`userSetting`).
    /// The flags are read only when the core is one of those.
    public static func better(than loaded: String?, cpuFlags: @autoclosure () -> Set<String>, userSetting: String?) -> String? {
        guard userSetting == nil, let core = loaded?.lowercased(), withoutAVX2.contains(core) else { return nil }
        let flags = cpuFlags()
        if skylakeXFlags.allSatisfy(flags.contains) { return "SkylakeX" }
        if flags.contains("avx2") && flags.contains("fma") { return "Haswell" }
        return nil
    }

    /// The core OpenBLAS loaded (`openblas_get_corename`), nil when another BLAS is loaded.
    public static var loaded: String? { BLASInfo.openBLASSymbolString("openblas_get_corename") }

    /// The first processor's flags in /proc/cpuinfo (empty where there is none).
    static func cpuFlags() -> Set<String> {
        var flags: Set<String> = []
        BLASInfo.forEachLine(ofFile: "/proc/cpuinfo") { text in
            guard text.hasPrefix("flags"), let colon = text.firstIndex(of: ":") else { return true }
            flags = Set(text[text.index(after: colon)...].split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init))
            return false
        }
        return flags
    }

    /// Starts this process again with `OPENBLAS_CORETYPE` set when `better(than:…)` finds a core;
    /// returns (doing nothing) otherwise, or when the restart fails. Call first thing in `main`,
    /// before any output or thread of its own.
    public static func restartWithFittingKernels() {
        let first = loaded
        guard let core = better(than: first, cpuFlags: cpuFlags(), userSetting: getenv("OPENBLAS_CORETYPE").map { String(cString: $0) }) else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        setenv(replacedVariable, first ?? "", 1)
        // The binary's own path, not /proc/self/exe, so that the process keeps its name (`ps`, `pkill`).
        var path = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &path, path.count - 1)
        if length > 0 { execv(path, CommandLine.unsafeArgv) }
        // Only reached when exec failed: run on with the kernels loaded, and keep the variables
        // from claiming otherwise.
        unsetenv("OPENBLAS_CORETYPE")
        unsetenv(replacedVariable)
    }

    /// Names the core OpenBLAS had loaded before `restartWithFittingKernels` restarted the process.
    static let replacedVariable = "SWITCHBOARD_OPENBLAS_REPLACED_CORE"

    /// After a restart by `restartWithFittingKernels`, one line saying which kernels replaced which
    /// (for the server's log); nil when the process was not restarted.
    public static var restartNote: String? {
        guard let replaced = getenv(replacedVariable).map({ String(cString: $0) }), let now = loaded else { return nil }
        return "OpenBLAS did not recognize this CPU model and loaded its \(replaced) kernels; restarted with OPENBLAS_CORETYPE=\(now)"
    }
}
