import ArgumentParser
import Dispatch
import Foundation
import Ingestion
import KnowledgeModel
import Synchronization

/// `switchboard bench fuzz`: hostile inputs for the importers, generated in-process (mutations of
/// the knowledge folder's files and hand-made shapes: deep nesting, huge lines, invalid UTF-8,
/// CSV and JSONL abuse, ZIP bombs, traversal names, damaged ZIP directories). Each case is parsed
/// on a worker thread with a time limit and its peak resident memory measured.
struct BenchFuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz",
        abstract: "Fuzz the importers: N generated hostile files, each parsed under a time limit; prints max/p99 ms, the cases over --slow-ms and peak RSS, exits 1 on a hang (over --timeout) or memory blow-up.")

    @Option(help: "How many cases to generate and parse.")
    var cases = 10_000

    @Option(help: "Seed of the generator (case i of seed s is the same on every run).")
    var seed: UInt64 = 1

    @Option(help: "Seconds one case may take before it counts as a hang.")
    var timeout = 2.0

    @Option(help: "Peak resident memory (MB) one case may reach.")
    var maxRssMb = 1024

    @Option(help: "Folder of seed files to mutate (default: Knowledge).")
    var seeds = "Knowledge"

    @Option(help: "Where failing cases (and the case in progress) are written.")
    var out = ".build/fuzz"

    @Option(help: "Run only this case number (to reproduce one); its bytes are saved to --out.")
    var only: Int?

    @Option(help: "Skip generated cases larger than this many bytes (short runs on slow builds).")
    var maxBytes: Int?

    @Option(help: "Stack size of the parsing thread in KB.")
    var stackKb = 8192

    @Option(help: "Cases slower than this many ms are counted and listed (issue #10: none over 2 s); they fail the run only past --timeout.")
    var slowMs = 2000.0

    @Option(help: "Write one line per case (index, result, digest of the parsed output) to this file, to check that two builds parse alike. Run both with SWIFT_DETERMINISTIC_HASHING=1: records holding sets print them in per-process hash order.")
    var digests: String?

    func validate() throws {
        guard cases >= 1, timeout > 0, maxRssMb > 0, slowMs > 0, stackKb >= 64 else {
            throw ValidationError("--cases, --timeout, --max-rss-mb, --slow-ms must be positive and --stack-kb at least 64")
        }
    }

    func run() throws {
        let inputs = FuzzInputs(knowledgeFiles: Self.readSeeds(seeds))
        let outDir = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true)
        if digests != nil && ProcessInfo.processInfo.environment["SWIFT_DETERMINISTIC_HASHING"] == nil {
            print("note: without SWIFT_DETERMINISTIC_HASHING=1, digests of records holding sets differ from run to run")
        }
        let worker = FuzzWorker(stackBytes: stackKb << 10, digests: digests != nil)
        var digestLines: [String] = []
        let baseline = FuzzMemory.peakKB()
        var stats = FuzzStats(slowMs: slowMs)
        let range = only.map { $0...$0 } ?? 0...(cases - 1)
        let start = Date()
        for index in range {
            let c = inputs.make(seed: seed, index: index)
            if let maxBytes, c.data.count > maxBytes { stats.skipped += 1; continue }
            let progress = "case \(index) \(c.kind) \(c.name) \(c.data.count) bytes format \(c.format?.rawValue ?? "auto")\n"
            try? Data(progress.utf8).write(to: outDir.appendingPathComponent("in-progress.txt"))
            if only != nil { try c.data.write(to: outDir.appendingPathComponent(Self.fileName(index, c))) }
            FuzzMemory.resetPeak()
            guard let outcome = worker.parse(c, timeout: timeout) else {
                let file = outDir.appendingPathComponent(Self.fileName(index, c))
                try? c.data.write(to: file)
                stats.failures.append("case \(index) (\(c.kind), \(c.name), \(c.data.count) bytes): over \(timeout) s; saved to \(file.path)")
                print("case \(index): hang over \(timeout) s (\(c.kind), \(c.name)), waiting for it to end ...")
                guard let late = worker.wait(seconds: 120) else {
                    stats.failures.append("case \(index) still running after 120 s: stopped the run")
                    break
                }
                stats.add(index: index, c, late, peakKB: FuzzMemory.peakKB())
                if digests != nil { digestLines.append("\(index) \(late.result) \(late.digest)") }
                continue
            }
            let peak = FuzzMemory.peakKB()
            stats.add(index: index, c, outcome, peakKB: peak)
            if digests != nil { digestLines.append("\(index) \(outcome.result) \(outcome.digest)") }
            if outcome.seconds * 1000 > slowMs && only == nil {
                try? c.data.write(to: outDir.appendingPathComponent(Self.fileName(index, c)))  // to profile it
            }
            if outcome.result.hasPrefix("unexpected") {
                stats.failures.append("case \(index) (\(c.kind), \(c.name)): \(outcome.result)")
            }
            if peak > maxRssMb << 10 {
                let file = outDir.appendingPathComponent(Self.fileName(index, c))
                try? c.data.write(to: file)
                stats.failures.append("case \(index) (\(c.kind), \(c.name)): peak RSS \(peak >> 10) MB over \(maxRssMb) MB; saved to \(file.path)")
            }
            if only != nil { print("case \(index): \(c.kind) \(c.name) \(c.data.count) bytes -> \(outcome.result) in \(String(format: "%.1f", outcome.seconds * 1000)) ms") }
        }
        try? FileManager.default.removeItem(at: outDir.appendingPathComponent("in-progress.txt"))
        if let digests { try Data(digestLines.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: digests)) }
        stats.print(seed: seed, timeout: timeout, seconds: Date().timeIntervalSince(start), baselineKB: baseline)
        if !stats.failures.isEmpty { throw ExitCode(1) }
    }

    static func fileName(_ index: Int, _ c: FuzzCase) -> String {
        let ext = URL(fileURLWithPath: c.name).pathExtension
        return "case-\(index)-\(c.kind)" + (ext.isEmpty ? "" : "." + ext)
    }

    /// The files of the seed folder (up to 2 MB each), by path relative to it.
    static func readSeeds(_ folder: String) -> [(name: String, data: [UInt8])] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var out: [(String, [UInt8])] = []
        while let path = walker.nextObject() as? String {
            let url = URL(fileURLWithPath: folder).appendingPathComponent(path)
            guard let data = try? Data(contentsOf: url), !data.isEmpty, data.count <= 2 << 20 else { continue }
            out.append((path, [UInt8](data)))
        }
        return out.sorted { $0.0 < $1.0 }
    }
}

/// What one parse did.
struct FuzzOutcome: Sendable {
    var seconds: Double
    /// "ok" or the `IngestionError.Code` it was rejected with.
    var result: String
    /// With `--digests`: what the importer returned (digested by the caller, off the clock).
    var output: Result<ParsedFile, IngestionError>? = nil

    /// FNV-1a of the parsed output or of the error message ("" without `--digests`).
    var digest: String {
        switch output {
        case .success(let file): FuzzDigest.of(file)
        case .failure(let error): FuzzDigest.of(error.message)
        case nil: ""
        }
    }
}

/// A thread that parses one case at a time, so that the caller can stop waiting for it.
final class FuzzWorker: Sendable {
    private let job = Mutex<FuzzCase?>(nil)
    private let outcome = Mutex<FuzzOutcome?>(nil)
    private let requests = DispatchSemaphore(value: 0)
    private let answers = DispatchSemaphore(value: 0)

    /// `digests`: hand each parsed output (or error) back with the outcome.
    init(stackBytes: Int, digests: Bool = false) {
        let thread = Thread { [self] in
            let importer = Importer()
            while true {
                requests.wait()
                guard let c = job.withLock({ $0.take() }) else { continue }
                let start = DispatchTime.now().uptimeNanoseconds
                let result: String
                var kept: Result<ParsedFile, IngestionError>?
                do {
                    let parsed = try importer.parse(name: c.name, data: c.data, format: c.format, importedAt: 0)
                    if digests { kept = .success(parsed) }  // else freed here, inside the timed span
                    result = "ok"
                } catch let error as IngestionError {
                    if digests { kept = .failure(error) }
                    result = error.code.rawValue
                } catch {
                    result = "unexpected error: \(error)"
                }
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                outcome.withLock { $0 = FuzzOutcome(seconds: seconds, result: result, output: kept) }
                answers.signal()
            }
        }
        thread.stackSize = stackBytes
        thread.start()
    }

    /// Parses `c`; nil when it takes longer than `timeout` (it keeps running: see `wait`).
    func parse(_ c: FuzzCase, timeout: Double) -> FuzzOutcome? {
        job.withLock { $0 = c }
        requests.signal()
        return wait(seconds: timeout)
    }

    /// The outcome of the running case, waiting up to `seconds`.
    func wait(seconds: Double) -> FuzzOutcome? {
        guard answers.wait(timeout: .now() + seconds) == .success else { return nil }
        return outcome.withLock { $0.take() }
    }
}

/// Peak resident memory of this process (`VmHWM`), resettable through `/proc/self/clear_refs`.
enum FuzzMemory {
    static func peakKB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        }
        return 0
    }

    /// Resets the peak to the current resident size (Linux ≥ 4.0; a no-op elsewhere).
    static func resetPeak() {
        guard let f = fopen("/proc/self/clear_refs", "w") else { return }
        fputs("5", f)
        fclose(f)
    }
}
