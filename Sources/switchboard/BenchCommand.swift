import ArgumentParser
import Engine
import Foundation
import Storage

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Speed benchmarks (not tests): each prints its numbers beside a baseline measured in the same run.",
        subcommands: [BenchImportCommand.self, BenchSearchCommand.self, BenchAnswerCommand.self, BenchGemmCommand.self, BenchVectorsCommand.self, BenchFuzzCommand.self, BenchEncoderCommand.self])
}

/// `switchboard bench import`: import throughput on a generated mixed corpus.
struct BenchImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import throughput (MB/s, chunks/s) on a generated zh/en Markdown corpus, beside SQLite FTS5 indexing the same chunks.")

    @Option(help: "Corpus size in MB.")
    var mb = 50

    @Option(help: "Size of each generated file in KB.")
    var fileKb = 100

    func run() throws {
        let (dir, corpus) = try BenchWorkspace.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        var gen = CorpusGenerator()
        var total = 0, files = 0
        while total < mb << 20 {
            let text = gen.markdown(bytes: fileKb << 10, chinese: files % 2 == 1, title: "Generated \(files)")
            try Data(text.utf8).write(to: corpus.appendingPathComponent(String(format: "doc-%05d.md", files)))
            total += text.utf8.count
            files += 1
        }
        let engine = try Engine(dataDirectory: dir.appendingPathComponent("data"), logger: Logging.make(level: "warning"))
        let start = Date()
        let report = try engine.importPaths([corpus.path])
        let importSeconds = Date().timeIntervalSince(start)
        let chunks = report.files.reduce(0) { $0 + $1.chunks }
        let indexStart = Date()
        try engine.buildIndexes()
        let indexSeconds = Date().timeIntervalSince(indexStart)

        // Peer: FTS5 indexing the same chunk texts (raw text, its own unicode61 tokenizer).
        let stored = try engine.store.allChunks()
        let fts = try FTS5Baseline()
        let ftsStart = Date()
        try fts.add(stored.map { ($0.id, $0.title + " " + $0.text) })
        let ftsSeconds = Date().timeIntervalSince(ftsStart)

        let mbTotal = Double(total) / Double(1 << 20)
        print(String(format: "corpus: %d files, %.1f MB, %d chunks (%d failed)", files, mbTotal, chunks, report.failed))
        print(String(format: "switchboard import (parse + chunk + SQLite, one transaction per file): %.2f s  %.2f MB/s  %.0f chunks/s",
                     importSeconds, mbTotal / importSeconds, Double(chunks) / importSeconds))
        print(String(format: "switchboard indexes built from the store (BM25 + graph facts):      %.2f s  %.2f MB/s  %.0f chunks/s",
                     indexSeconds, mbTotal / indexSeconds, Double(chunks) / indexSeconds))
        print(String(format: "peer: SQLite FTS5 insert of the same chunk texts:                      %.2f s  %.2f MB/s  %.0f chunks/s",
                     ftsSeconds, mbTotal / ftsSeconds, Double(stored.count) / ftsSeconds))
    }
}

/// `switchboard bench search`: BM25 latency over a large generated knowledge base.
struct BenchSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "BM25 query latency p50/p99 over N chunks, beside SQLite FTS5 on the same terms.")

    @Option(help: "How many chunks to index.")
    var chunks = 100_000

    @Option(help: "How many queries to time.")
    var queries = 2000

    func run() throws {
        let (dir, corpus) = try BenchWorkspace.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let engine = try Engine(dataDirectory: dir.appendingPathComponent("data"), logger: Logging.make(level: "warning"))
        var gen = CorpusGenerator(seed: 7)
        var files = 0
        let importStart = Date()
        while try engine.stats().chunks < chunks {
            let batch = corpus.appendingPathComponent("b\(files)")
            try FileManager.default.createDirectory(at: batch, withIntermediateDirectories: true)
            for _ in 0..<100 {
                let text = gen.markdown(bytes: 40 << 10, chinese: files % 2 == 1, title: "Generated \(files)")
                try Data(text.utf8).write(to: batch.appendingPathComponent("doc-\(files).md"))
                files += 1
            }
            _ = try engine.importPaths([batch.path])
        }
        let importSeconds = Date().timeIntervalSince(importStart)
        let buildStart = Date()
        try engine.buildIndexes()
        let buildSeconds = Date().timeIntervalSince(buildStart)
        let n = try engine.stats().chunks

        var qs: [String] = []
        for i in 0..<queries { qs.append(gen.query(chinese: i % 2 == 1)) }
        var ours: [Double] = []
        for q in qs {
            let t = DispatchTime.now().uptimeNanoseconds
            _ = try engine.search(SearchRequest(query: q, limit: 10, mode: "bm25"))
            ours.append(Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6)
        }

        let fts = try FTS5Baseline()
        let analyzed = try engine.analyzedChunks()
        try fts.add(analyzed)
        var peer: [Double] = []
        for q in qs {
            let t = DispatchTime.now().uptimeNanoseconds
            _ = try fts.search(terms: engine.analyze(q), limit: 10)
            peer.append(Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6)
        }
        print(String(format: "index: %d chunks (%d files imported in %.1f s, index built in %.1f s)", n, files, importSeconds, buildSeconds))
        print(String(format: "switchboard BM25F (analysis + search + hits): p50 %.3f ms  p99 %.3f ms  mean %.3f ms  (%d queries)",
                     Stats.pct(ours, 0.5), Stats.pct(ours, 0.99), ours.reduce(0, +) / Double(ours.count), ours.count))
        print(String(format: "peer: SQLite FTS5 bm25() on the same terms:   p50 %.3f ms  p99 %.3f ms  mean %.3f ms",
                     Stats.pct(peer, 0.5), Stats.pct(peer, 0.99), peer.reduce(0, +) / Double(peer.count)))
    }
}

enum Stats {
    static func pct(_ values: [Double], _ p: Double) -> Double {
        let s = values.sorted()
        return s.isEmpty ? 0 : s[min(s.count - 1, Int(Double(s.count) * p))]
    }
}

/// A temporary folder with an empty `corpus/` inside, removed by the caller.
enum BenchWorkspace {
    static func make() throws -> (URL, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-bench-\(UUID().uuidString)")
        let corpus = dir.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        return (dir, corpus)
    }
}
