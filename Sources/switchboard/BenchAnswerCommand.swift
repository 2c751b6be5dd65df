import ArgumentParser
import Engine
import Foundation
import HTTPServer

/// `switchboard bench answer`: the CPU cost of one bot answer and one agent-assist turn, in
/// process (no HTTP), on a knowledge folder's eval questions, with the stages that make them up
/// and plain BM25 search timed in the same run as the baseline. The load benchmark
/// (`Benchmarks/load.sh`) measures the same paths through the server; this one says where the
/// time goes. The answer's JSON is timed with the server's streaming writer beside Foundation's
/// `JSONEncoder`.
struct BenchAnswerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "answer",
        abstract: "Microseconds per bot answer and per conversation turn, in process, with their stages and a BM25 search baseline.")

    @Option(help: "The knowledge folder (its eval/*questions.jsonl are the questions).")
    var knowledge = "Knowledge"
    @Option(help: "A config file for the settings.") var config: String?
    @Option(help: "Passes over the questions (the first is not timed).") var rounds = 5
    @Flag(help: "Print as JSON.") var json = false

    struct Question: Decodable { var question: String }

    struct Row: Codable {
        var stage: String
        var calls: Int
        var meanUs: Double
        var p50Us: Double
        var p99Us: Double
        enum CodingKeys: String, CodingKey { case stage, calls, meanUs = "mean_us", p50Us = "p50_us", p99Us = "p99_us" }
    }

    func validate() throws {
        guard rounds >= 2 else { throw ValidationError("--rounds must be at least 2 (the first pass warms up)") }
    }

    func run() throws {
        let root = URL(fileURLWithPath: knowledge)
        var questions: [String] = []
        for file in ["questions.jsonl", "doc_questions.jsonl", "oos_questions.jsonl"] {
            let path = root.appendingPathComponent("eval/\(file)").path
            guard FileManager.default.fileExists(atPath: path) else { continue }
            questions += try EvalData.readJSONL(path, as: Question.self).map(\.question)
        }
        guard !questions.isEmpty else { throw CLIError("\(knowledge)/eval has no questions (questions.jsonl, doc_questions.jsonl, oos_questions.jsonl)") }
        let dir = EvalData.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let engine = try EvalData.importedEngine(knowledge: knowledge, config: config, in: dir)
        try engine.train()
        try engine.warmUp()

        // A knowledge base without intent examples or sentiment sentences has no such models.
        let hasIntents = (try? engine.classifyIntent(questions[0])) != nil
        let hasSentiment = (try? engine.sentiment(text: questions[0], turns: nil)) != nil
        var samples: [String: [Double]] = [:]
        let order = ["answer", "turn", "search (hybrid, session)", "intent", "sentiment", "answer JSON (as served)",
                     "baseline: search (bm25)", "baseline: answer JSON (JSONEncoder)"]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]   // as the server had it
        func time(_ stage: String, timed: Bool, _ work: () throws -> Void) rethrows {
            let start = DispatchTime.now().uptimeNanoseconds
            try work()
            if timed { samples[stage, default: []].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000) }
        }
        for round in 0..<rounds {
            let timed = round > 0
            // A conversation per eight questions, so turns see some history, as on a call.
            var conversation = ""
            for (i, q) in questions.enumerated() {
                let session = "bench-\(i % 50)"
                var answer: AnswerResponse?
                try time("answer", timed: timed) { answer = try engine.answer(AnswerRequest(question: q, sessionID: session)) }
                try time("answer JSON (as served)", timed: timed) { _ = try StreamingJSON.encode(answer) }
                try time("baseline: answer JSON (JSONEncoder)", timed: timed) { _ = try encoder.encode(answer) }
                if i % 8 == 0 { conversation = try engine.openConversation(ConversationStart(channel: "call")).id }
                try time("turn", timed: timed) { _ = try engine.addTurn(conversation, ConversationTurn(speaker: "customer", text: q)) }
                try time("search (hybrid, session)", timed: timed) { _ = try engine.search(SearchRequest(query: q, limit: 5, sessionID: session)) }
                if hasIntents { try time("intent", timed: timed) { _ = try engine.classifyIntent(q) } }
                if hasSentiment { try time("sentiment", timed: timed) { _ = try engine.sentiment(text: q, turns: nil) } }
                try time("baseline: search (bm25)", timed: timed) { _ = try engine.search(SearchRequest(query: q, limit: 5, mode: "bm25")) }
            }
        }
        let rows = order.compactMap { stage -> Row? in
            guard let xs = samples[stage]?.sorted(), !xs.isEmpty else { return nil }
            func q(_ p: Double) -> Double { xs[min(xs.count - 1, Int(p * Double(xs.count)))] }
            return Row(stage: stage, calls: xs.count, meanUs: xs.reduce(0, +) / Double(xs.count), p50Us: q(0.5), p99Us: q(0.99))
        }
        if json { printJSON(["questions": AnyEncodable(questions.count), "rounds": AnyEncodable(rounds - 1), "stages": AnyEncodable(rows)]); return }
        print("\(questions.count) questions × \(rounds - 1) timed rounds, one thread, in process (µs per call)")
        for r in rows {
            let name = r.stage.padding(toLength: max(26, rows.map(\.stage.count).max() ?? 0), withPad: " ", startingAt: 0)
            print(name + String(format: " calls %6d  mean %8.1f  p50 %8.1f  p99 %8.1f", r.calls, r.meanUs, r.p50Us, r.p99Us))
        }
    }
}
