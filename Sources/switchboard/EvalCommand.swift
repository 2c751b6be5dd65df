import ArgumentParser
import Engine
import Foundation
import KnowledgeModel

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Measure quality on an evaluation set.",
        subcommands: [EvalFAQCommand.self, EvalKnowledgeCommand.self, EvalAnswersCommand.self, EvalServiceCommand.self, EvalIntentsCommand.self, EvalSentimentCommand.self, EvalRepliesCommand.self])
}

/// `switchboard eval faq`: imports a FAQ set into a fresh temporary store, asks every query
/// and prints Recall@1/5/10 and MRR@10 of the expected FAQ.
struct EvalFAQCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "faq",
        abstract: "FAQ retrieval: Recall@1, @5, @10 and MRR@10 over a query set.",
        discussion: """
            --faq: JSONL with {"id","question","answer"?,"similar"?}. --queries: JSONL with {"text","faq_id"}.
            --similar: optional JSONL of {"text","faq_id"} added as similar questions of their FAQ (the "grown" protocol).
            """)

    @Option(help: "FAQ entries (JSONL).")
    var faq: String

    @Option(help: "Queries with their expected FAQ (JSONL).")
    var queries: String

    @Option(help: "Extra paraphrases imported as similar questions (JSONL {text, faq_id}).")
    var similar: String?

    @Option(help: "Search mode: bm25, vector or hybrid (several: comma-separated, compared in one run).")
    var mode = "bm25"

    @Option(help: "Extra FAQ entries (JSONL) imported only to train the encoder; searches stay within --faq.")
    var trainFaq: String?

    @Option(help: "Paraphrases of the --train-faq entries (JSONL {text, faq_id}), imported as their similar questions.")
    var trainQueries: String?

    @Option(help: "Use at most this many queries (0 = all).")
    var maxQueries = 0

    @Option(help: "A config file for the search settings.")
    var config: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        let entries = try EvalData.readJSONL(faq, as: EvalData.FAQEntry.self)
        var queryList = try EvalData.readJSONL(queries, as: EvalData.Query.self)
        if maxQueries > 0 { queryList = Array(queryList.prefix(maxQueries)) }
        var extra: [String: [String]] = [:]
        if let similar {
            for q in try EvalData.readJSONL(similar, as: EvalData.Query.self) { extra[q.faqID, default: []].append(q.text) }
        }
        let settings = try Configuration.load(explicitFile: config)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-eval-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let engine = try Engine(dataDirectory: dir, config: settings.engine, logger: Logging.make(level: "warning"))
        let body = try EvalData.faqJSONL(entries, extraSimilar: extra)
        let result = try engine.importData(name: "eval-faqs.jsonl", data: body, format: .faqJSONL)
        guard let evalDoc = result.documentID else { throw CLIError("could not import the FAQ set: \(result.error?.message ?? "")") }
        if let trainFaq {
            var paraphrases: [String: [String]] = [:]
            if let trainQueries {
                for q in try EvalData.readJSONL(trainQueries, as: EvalData.Query.self) { paraphrases[q.faqID, default: []].append(q.text) }
            }
            let extra = try EvalData.faqJSONL(try EvalData.readJSONL(trainFaq, as: EvalData.FAQEntry.self), extraSimilar: paraphrases)
            _ = try engine.importData(name: "train-faqs.jsonl", data: extra, format: .faqJSONL)
        }
        let modes = mode.split(separator: ",").map(String.init)
        let training = modes.contains(where: { $0 != "bm25" }) ? try engine.train() : nil
        try engine.warmUp()
        var all: [EvalData.Metrics] = []
        for m in modes {
            let metrics = try EvalData.rank(engine: engine, queries: queryList, mode: m, documentID: evalDoc)
            all.append(metrics)
            if json { continue }
            print(String(format: "faq eval (%@): %d FAQs, %d queries  R@1 %.3f  R@5 %.3f  R@10 %.3f  MRR@10 %.3f  query p50 %.2f ms  p99 %.2f ms",
                         m, entries.count, metrics.queries, metrics.recallAt1, metrics.recallAt5, metrics.recallAt10,
                         metrics.mrrAt10, metrics.p50Ms, metrics.p99Ms))
        }
        if let t = training, !json {
            print(String(format: "encoder: %@ in %.2f s on %d texts, %d paraphrase groups", t.status, t.seconds, t.corpus, t.groups))
        }
        if json { printJSON(all) }
    }
}

/// Reading evaluation files and scoring rankings.
enum EvalData {
    struct FAQEntry: Decodable {
        var id: String
        var question: String
        var answer: String?
        var similar: [String]?
    }

    struct Query: Decodable {
        var text: String
        var faqID: String
        enum CodingKeys: String, CodingKey { case text, faqID = "faq_id" }
    }

    struct Metrics: Codable {
        var mode: String
        var queries: Int
        var recallAt1: Double
        var recallAt5: Double
        var recallAt10: Double
        var mrrAt10: Double
        var p50Ms: Double
        var p99Ms: Double

        enum CodingKeys: String, CodingKey {
            case mode, queries, recallAt1 = "recall_at_1", recallAt5 = "recall_at_5", recallAt10 = "recall_at_10"
            case mrrAt10 = "mrr_at_10", p50Ms = "p50_ms", p99Ms = "p99_ms"
        }
    }

    /// A fresh engine in `dir` with the knowledge folder imported (every file must import).
    static func importedEngine(knowledge: String, config: String?, in dir: URL) throws -> Engine {
        let settings = try Configuration.load(explicitFile: config)
        let engine = try Engine(dataDirectory: dir, config: settings.engine, logger: Logging.make(level: "warning"))
        let report = try engine.importPaths([URL(fileURLWithPath: knowledge).path])
        if report.failed > 0 { throw CLIError("\(report.failed) files of \(knowledge) failed to import; run switchboard import to see why") }
        return engine
    }

    /// A temporary folder for an evaluation's store.
    static func scratchDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-eval-\(UUID().uuidString)")
    }

    static func readJSONL<T: Decodable>(_ path: String, as: T.Type) throws -> [T] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
        var out: [T] = []
        let decoder = JSONDecoder()
        for (i, line) in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).enumerated() {
            if line.allSatisfy(\.isWhitespace) { continue }
            do { out.append(try decoder.decode(T.self, from: Data(line.utf8))) } catch {
                throw CLIError("\(path):\(i + 1): \(error)")
            }
        }
        return out
    }

    /// The FAQ set as the FAQ JSONL format the importer reads.
    static func faqJSONL(_ entries: [FAQEntry], extraSimilar: [String: [String]]) throws -> Data {
        let encoder = JSONEncoder()
        var out = Data()
        for e in entries {
            let faq = FAQ(id: e.id, question: e.question, similar: (e.similar ?? []) + (extraSimilar[e.id] ?? []),
                          answer: e.answer ?? "", tags: [])
            out.append(try encoder.encode(faq))
            out.append(0x0A)
        }
        return out
    }

    static func rank(engine: Engine, queries: [Query], mode: String, documentID: String) throws -> Metrics {
        try score(engine: engine, mode: mode, filters: SearchFilters(documentIDs: [documentID], kinds: ["faq"]),
                  queries: queries.map { q in (q.text, { (hit: SearchHit) in hit.faqID == q.faqID }) })
    }
}
