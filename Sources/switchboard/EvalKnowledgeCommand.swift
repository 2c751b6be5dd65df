import ArgumentParser
import Engine
import Foundation

/// `switchboard eval kb`: imports a knowledge folder into a fresh temporary store and asks its
/// own evaluation questions (eval/questions.jsonl → expected FAQ; eval/doc_questions.jsonl →
/// expected document and section, searched among passages). Prints Recall@1/@5/@10 and MRR@10 for each set.
struct EvalKnowledgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb",
        abstract: "Retrieval quality on a knowledge folder's own eval/ questions.")

    @Option(help: "The knowledge folder (with eval/questions.jsonl and eval/doc_questions.jsonl).")
    var knowledge = "Knowledge"

    @Option(help: "Search modes, comma-separated (bm25, vector, hybrid): each is measured in the same run.")
    var mode = "bm25,vector,hybrid"

    @Option(help: "A config file for the search settings.")
    var config: String?

    @Option(help: "The graph's part in ranking, comma-separated (off, on): each is measured in the same run. 'on' uses search.entity_boost (0.1 when the config sets 0).")
    var graph = "on"

    @Flag(help: "Print the result as JSON.")
    var json = false

    struct FAQQuestion: Decodable {
        var question: String
        var expectedFAQ: String
        enum CodingKeys: String, CodingKey { case question, expectedFAQ = "expected_faq" }
    }

    struct DocQuestion: Decodable {
        var question: String
        var expectedDoc: String
        var expectedSection: String
        enum CodingKeys: String, CodingKey { case question, expectedDoc = "expected_doc", expectedSection = "expected_section" }
    }

    struct Report: Codable {
        var retrieval: [Result]
        var graph: GraphEvalReport
    }

    struct Result: Codable {
        var set: String
        var graph: String
        var metrics: EvalData.Metrics
    }

    func run() throws {
        let root = URL(fileURLWithPath: knowledge)
        let settings = try Configuration.load(explicitFile: config)
        let dir = EvalData.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let engine = try EvalData.importedEngine(knowledge: knowledge, config: config, in: dir)
        let modes = mode.split(separator: ",").map(String.init)
        if modes.contains(where: { $0 != "bm25" }) { try engine.train() }
        try engine.warmUp()
        var results: [Result] = []
        let faqPath = root.appendingPathComponent("eval/questions.jsonl").path
        let docPath = root.appendingPathComponent("eval/doc_questions.jsonl").path
        for g in graph.split(separator: ",").map(String.init) {
            guard g == "on" || g == "off" else { throw CLIError("--graph takes off, on or both (off,on); got '\(g)'") }
            var engineConfig = settings.engine
            engineConfig.entityBoost = g == "off" ? 0 : (engineConfig.entityBoost > 0 ? engineConfig.entityBoost : 0.1)
            let engine = engineConfig == settings.engine ? engine
                : try Engine(dataDirectory: dir, config: engineConfig, logger: Logging.make(level: "warning"))
            for m in modes {
                if FileManager.default.fileExists(atPath: faqPath) {
                    let qs = try EvalData.readJSONL(faqPath, as: FAQQuestion.self)
                    let metrics = try EvalData.score(engine: engine, mode: m, queries: qs.map { q in
                        (q.question, { (hit: SearchHit) in hit.faqID == q.expectedFAQ })
                    })
                    results.append(Result(set: "faq questions", graph: g, metrics: metrics))
                }
                if FileManager.default.fileExists(atPath: docPath) {
                    let qs = try EvalData.readJSONL(docPath, as: DocQuestion.self)
                    // Asked over passages: a FAQ often answers the same question, and would
                    // otherwise take the first place from the section the question names.
                    let metrics = try EvalData.score(engine: engine, mode: m, filters: SearchFilters(kinds: ["passage"]), queries: qs.map { q in
                        (q.question, { (hit: SearchHit) in hit.documentName == q.expectedDoc && hit.sectionPath.last == q.expectedSection })
                    })
                    results.append(Result(set: "document questions", graph: g, metrics: metrics))
                }
            }
        }
        let attributePath = root.appendingPathComponent("eval/attribute_questions.jsonl")
        let factsPath = root.appendingPathComponent("eval/facts.jsonl")
        let exists = { (u: URL) in FileManager.default.fileExists(atPath: u.path) ? u : nil }
        let graphReport = try engine.evaluateGraph(attributeQuestions: exists(attributePath), facts: exists(factsPath))
        if json { printJSON(Report(retrieval: results, graph: graphReport)); return }
        for r in results {
            let m = r.metrics
            print(String(format: "%@ (%@, graph %@): %d queries  R@1 %.3f  R@5 %.3f  R@10 %.3f  MRR@10 %.3f",
                         r.set, m.mode, r.graph, m.queries, m.recallAt1, m.recallAt5, m.recallAt10, m.mrrAt10))
        }
        if let a = graphReport.attributes {
            print("attribute questions: \(a.questions)  answered from graph facts \(a.answered)  right value \(a.correctValue)  right value and source document \(a.correctValueAndSource)")
        }
        if let r = graphReport.relations {
            print(String(format: "relation extraction: %d annotated facts  found %d (recall %.3f)  precision %.3f (%d of %d judged)",
                         r.facts, r.found, r.recall, r.precision, r.correct, r.judged))
        }
    }
}

extension EvalData {
    /// Ranks each query and checks where the first hit that `isExpected` stands.
    static func score(engine: Engine, mode: String, filters: SearchFilters? = nil,
                      queries: [(String, (SearchHit) -> Bool)]) throws -> Metrics {
        var r1 = 0, r5 = 0, r10 = 0
        var mrr = 0.0
        var latencies: [Double] = []
        for (text, isExpected) in queries {
            let start = DispatchTime.now().uptimeNanoseconds
            let response = try engine.search(SearchRequest(query: text, limit: 10, mode: mode, filters: filters))
            latencies.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            guard let rank = response.hits.firstIndex(where: isExpected) else { continue }
            if rank < 1 { r1 += 1 }
            if rank < 5 { r5 += 1 }
            if rank < 10 { r10 += 1 }
            mrr += 1.0 / Double(rank + 1)
        }
        let n = Double(max(queries.count, 1))
        return Metrics(mode: mode, queries: queries.count, recallAt1: Double(r1) / n, recallAt5: Double(r5) / n,
                       recallAt10: Double(r10) / n, mrrAt10: mrr / n,
                       p50Ms: Stats.pct(latencies, 0.5), p99Ms: Stats.pct(latencies, 0.99))
    }
}
