import ArgumentParser
import Engine
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import files and folders (recursively). Unchanged files are skipped; changed ones replaced.")

    @OptionGroup var common: CommonOptions

    @Argument(help: "Files or folders to import.")
    var paths: [String]

    @Flag(help: "Print the import report as JSON.")
    var json = false

    @Flag(help: "Do not train the models after the import.")
    var noTrain = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder to import") }
    }

    func run() throws {
        let engine = try common.engine()
        let progress = Progress.bar()
        let report = try engine.importPaths(paths, progress: progress)
        Progress.finish()
        let changed = report.created + report.updated > 0
        let training = !noTrain && changed ? try engine.train() : nil
        if json {
            printJSON(report)
        } else {
            for f in report.files where f.status == .failed {
                FileHandle.standardError.write(Data("failed: \(f.error?.message ?? f.name)\n".utf8))
            }
            let bytes = report.files.reduce(0) { $0 + $1.bytes }
            let chunks = report.files.reduce(0) { $0 + $1.chunks }
            print("imported \(report.files.count) files: \(report.created) created, \(report.updated) updated, "
                  + "\(report.unchanged) unchanged, \(report.failed) failed; \(chunks) chunks, "
                  + "\(Format.bytes(bytes)) in \(Format.seconds(report.tookMs / 1000))")
            if let t = training, t.status == "trained" {
                print(String(format: "encoder trained in %.2f s on %d texts and %d paraphrase groups", t.seconds, t.corpus, t.groups))
            }
        }
        if report.failed > 0 { throw ExitCode(2) }
    }
}

/// A one-line progress bar on stderr, shown only when stderr is a terminal.
enum Progress {
    static func bar() -> (@Sendable (Int, Int, Int) -> Void)? {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        let start = Date()
        return { done, total, bytes in
            let width = 30
            let filled = total == 0 ? width : width * done / total
            let rate = Double(bytes) / max(Date().timeIntervalSince(start), 1e-3)
            let line = "\r[\(String(repeating: "=", count: filled))\(String(repeating: " ", count: width - filled))] "
                + "\(done)/\(total) files  \(Format.bytes(Int(rate)))/s"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    static func finish() {
        if isatty(STDERR_FILENO) == 1 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

enum Format {
    static func bytes(_ n: Int) -> String {
        if n < 1024 { return "\(n) B" }
        if n < 1 << 20 { return String(format: "%.1f KB", Double(n) / 1024) }
        return String(format: "%.1f MB", Double(n) / Double(1 << 20))
    }

    static func seconds(_ s: Double) -> String { String(format: "%.2f s", s) }
}
