import ArgumentParser
import Dialogue
import Engine
import Foundation
import Ingestion
import KnowledgeModel
import Pretrained

/// `switchboard intent TEXT`: mirrors `POST /v1/intents/classify`.
struct IntentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "intent", abstract: "The intent of an utterance (with out-of-scope rejection).")
    @OptionGroup var common: CommonOptions
    @Argument(help: "What the customer said.") var text: String
    @Flag(help: "Print exactly what POST /v1/intents/classify returns.") var json = false

    func run() throws {
        let r = try common.engine().classifyIntent(text)
        if json { printJSON(r); return }
        print(String(format: "%@  %.3f%@", r.intent, r.confidence, r.outOfScope ? "  (out of scope)" : ""))
        for x in r.ranking.dropFirst() { print(String(format: "  %@  %.3f", x.intent, x.confidence)) }
    }
}

/// `switchboard answer QUESTION...`: mirrors `POST /v1/answer`; several questions are asked in
/// order in one session, so a follow-up resolves by context as it does over HTTP.
struct AnswerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "answer", abstract: "A bot's answer to a question (or to several, in one session).",
        discussion: "Each answer is logged for the knowledge-gap analytics, as over HTTP.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "The question, or several asked in order in one session.") var questions: [String]
    @Option(name: .customLong("session"), help: "The session id (a new one when absent).") var sessionID: String?
    @Option(help: "The channel recorded with the question (web, app, phone ...).") var channel: String?
    @Option(help: "The language wanted: zh or en, or a tag such as zh-TW (the question's own when absent); a hit in it within 0.8 of the best is answered from.") var language: String?
    @Flag(help: "Print exactly what POST /v1/answer returns (an array of them for several questions).") var json = false

    func validate() throws {
        guard !questions.isEmpty else { throw ValidationError("give at least one question") }
    }

    func run() throws {
        let engine = try common.engine()
        defer { engine.flushAnalytics() }
        var session = sessionID
        var responses: [AnswerResponse] = []
        for q in questions {
            let r = try engine.answer(AnswerRequest(question: q, sessionID: session, channel: channel, language: language))
            session = r.sessionID
            responses.append(r)
        }
        if json {
            if responses.count == 1 { printJSON(responses[0]) } else { printJSON(responses) }
            return
        }
        for (q, r) in zip(questions, responses) {
            if questions.count > 1 { print("Q: \(q)") }
            if let resolved = r.resolvedQuestion { print("  (read as: \(resolved))") }
            print(String(format: "%@  confidence %.2f", r.kind, r.confidence) + (r.handoff ? "  HAND OFF (\(r.handoffReason ?? ""))" : ""))
            if let answer = r.answer { print(answer) }
            for s in r.sources { print("  source: \(s.documentName ?? s.documentID) › \(s.section) (\(s.chunkID))") }
            if !r.followUps.isEmpty { print("  follow-ups: " + r.followUps.joined(separator: " | ")) }
            if questions.count > 1 { print("") }
        }
        print("session: \(session ?? "")")
    }
}

/// `switchboard sentiment TEXT...`: mirrors `POST /v1/sentiment` (several texts are the customer's turns, in order).
struct SentimentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sentiment", abstract: "Sentiment of a text, or the trend over a customer's turns.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "One text, or several customer turns in order.") var texts: [String]
    @Flag(help: "Print exactly what POST /v1/sentiment returns.") var json = false

    func run() throws {
        let turns = texts.count > 1 ? texts.map { ConversationTurn(speaker: "customer", text: $0) } : nil
        let r = try common.engine().sentiment(text: texts.count == 1 ? texts.first : nil, turns: turns)
        if json { printJSON(r); return }
        print(String(format: "%@  score %.2f  confidence %.2f", r.label, r.score, r.confidence))
        if let t = r.turns { print("turns: " + t.map { String(format: "%.2f", $0) }.joined(separator: " → ") + (r.escalate == true ? "  ESCALATE (\(r.escalationReason ?? ""))" : "")) }
    }
}

/// `switchboard suggest --turn "customer: ..."`: mirrors `POST /v1/replies/suggest`.
struct SuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "suggest", abstract: "Reply suggestions for a conversation so far.")
    @OptionGroup var common: CommonOptions
    @Option(name: .customLong("turn"), help: "A turn as 'customer: text' or 'agent: text', in order (repeat).") var turns: [String]
    @Option(help: "The current intent (classified from the last customer turn when absent).") var intent: String?
    @Option(help: "The conversation stage (opening, discovery, resolution, closing ...).") var stage: String?
    @Option(name: .customLong("customer"), help: "A stored customer id whose profile fills slots.") var customerID: String?
    @Option(name: .customLong("slot"), help: "A slot value as name=value (repeat).") var slots: [String] = []
    @Option(help: "How many (1-20).") var limit = 5
    @Flag(help: "Print exactly what POST /v1/replies/suggest returns.") var json = false

    func run() throws {
        var parsed: [ConversationTurn] = []
        for t in turns {
            guard let colon = t.firstIndex(of: ":") else { throw CLIError("a turn is 'customer: text' or 'agent: text'; got '\(t)'") }
            parsed.append(ConversationTurn(speaker: t[..<colon].trimmingCharacters(in: .whitespaces).lowercased(),
                                           text: String(t[t.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
        }
        var values: [String: String] = [:]
        for s in slots {
            guard let eq = s.firstIndex(of: "=") else { throw CLIError("a slot is name=value; got '\(s)'") }
            values[String(s[..<eq])] = String(s[s.index(after: eq)...])
        }
        let r = try common.engine().suggestReplies(SuggestRequest(turns: parsed, intent: intent, stage: stage, slots: values,
                                                                   customerID: customerID, limit: limit))
        if json { printJSON(r); return }
        if let i = r.intent { print("intent: \(i)") }
        for (n, s) in r.suggestions.enumerated() {
            print(String(format: "%d. %.3f  %@", n + 1, s.score, s.text))
            print("   \(s.source)\(s.clusterSize > 1 ? "  ×\(s.clusterSize)" : "")\(s.unfilledSlots.isEmpty ? "" : "  unfilled: " + s.unfilledSlots.joined(separator: ", "))")
        }
    }
}

/// `switchboard eval intents|sentiment --train T --test S`: a classifier trained on one labelled
/// file and measured on another (accuracy, macro-F1, out-of-scope recall, calibration, timings).
struct EvalIntentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "intents", abstract: "Intent quality: train on one {text,label} file, test on another.")
    @OptionGroup var options: ClassifierEvalOptions
    func run() throws { try options.run(sentiment: false) }
}

struct EvalSentimentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sentiment", abstract: "Sentiment quality: train on one {text,label} file, test on another.")
    @OptionGroup var options: ClassifierEvalOptions
    func run() throws { try options.run(sentiment: true) }
}

struct ClassifierEvalOptions: ParsableArguments {
    @Option(help: "Training examples, JSONL {text,label}.") var train: String
    @Option(help: "Test examples, JSONL {text,label}.") var test: String
    @Option(help: "The classifier configuration (default Models/intent.json or Models/sentiment.json).") var config: String?
    @Option(help: "A local pretrained sentence-encoder folder (config.json, model.safetensors, vocab.txt or tokenizer.json, as MiniLM) whose vectors join the features, weighted by dense_weight.")
    var encoder: String?
    @Option(name: .customLong("dense-weight"), help: "Overrides dense_weight of the configuration (the encoder vectors' weight).")
    var denseWeight: Float?
    @Option(name: .customLong("dense-vectors"), help: "Overrides dense_vectors of the configuration: contextual (the encoder run on each text) or static (its word-piece vectors distilled once, averaged per text; microseconds per text).")
    var denseVectors: String?
    @Flag(help: "Print as JSON.") var json = false

    /// The dense encoder for `--encoder`, nil without one; with `--dense-vectors static` also the
    /// seconds spent distilling the word-piece table.
    func denseEncoder(_ config: ClassifierConfig) throws -> (encoder: DenseEncoder, distillSeconds: Double?)? {
        guard let encoder else { return nil }
        let bert: BertEncoder
        do { bert = try BertEncoder.load(directory: encoder) } catch { throw CLIError("cannot load the encoder at \(encoder): \(error)") }
        switch config.denseVectors {
        case "contextual":
            return (DenseEncoder(fingerprint: bert.fingerprint, dimension: bert.dimension) { bert.encode($0) }, nil)
        case "static":
            let start = Date()
            let table = BertStaticVectors.distill(bert)
            return (DenseEncoder(fingerprint: table.fingerprint, dimension: table.dimension) { table.encode($0) },
                    Date().timeIntervalSince(start))
        default:
            throw CLIError("dense_vectors must be contextual or static; got '\(config.denseVectors)'")
        }
    }

    /// "  dense FINGERPRINT ×W (distilled in S s)", or "" without an encoder.
    static func denseNote(_ dense: (encoder: DenseEncoder, distillSeconds: Double?)?, weight: Float) -> String {
        guard let dense else { return "" }
        var note = String(format: "  dense %@ ×%.2f", dense.encoder.fingerprint, weight)
        if let s = dense.distillSeconds { note += String(format: " (distilled in %.1f s)", s) }
        return note
    }

    func run(sentiment: Bool) throws {
        for f in [train, test] where !FileManager.default.fileExists(atPath: f) { throw CLIError("no such file: \(f)") }
        let path = config ?? ShippedFiles.resolve(sentiment ? "Models/sentiment.json" : "Models/intent.json")
        var cfg = FileManager.default.fileExists(atPath: path) ? try ClassifierConfig.load(from: URL(fileURLWithPath: path)) : ClassifierConfig()
        if denseWeight != nil || denseVectors != nil {
            if let denseWeight { cfg.denseWeight = denseWeight }
            if let denseVectors { cfg.denseVectors = denseVectors }
            do { try cfg.validate() } catch { throw CLIError("\(error)") }
        }
        if encoder != nil, cfg.denseWeight == 0 {
            throw CLIError("--encoder needs a dense_weight above 0: set it in \(path) or pass --dense-weight")
        }
        if sentiment {
            let dense = try denseEncoder(cfg)
            let m = try DialogueEval.sentiment(train: URL(fileURLWithPath: train), test: URL(fileURLWithPath: test), config: cfg,
                                               encoder: dense?.encoder)
            if json { printJSON(m); return }
            print(String(format: "sentiment: %d train, %d test  accuracy %.3f  ECE %.3f  train %.1f s  predict p50 %.3f ms p99 %.3f ms",
                         m.trainExamples, m.testExamples, m.accuracy, m.expectedCalibrationError, m.trainSeconds,
                         m.predictP50Milliseconds, m.predictP99Milliseconds) + Self.denseNote(dense, weight: cfg.denseWeight))
        } else {
            let dense = try denseEncoder(cfg)
            let m = try DialogueEval.intents(train: URL(fileURLWithPath: train), test: URL(fileURLWithPath: test), config: cfg,
                                             encoder: dense?.encoder)
            if json { printJSON(m); return }
            var line = String(format: "intents: %d train, %d test, %d labels  accuracy %.3f (top-1 %.3f)  macro-F1 %.3f",
                              m.trainExamples, m.testExamples, m.labels, m.accuracy, m.top1Accuracy, m.macroF1)
            if let a = m.inScopeAccuracy, let r = m.oosRecall { line += String(format: "  in-scope %.3f  out-of-scope recall %.3f", a, r) }
            line += String(format: "  ECE %.3f  threshold %.2f  train %.1f s  predict p50 %.3f ms p99 %.3f ms",
                           m.expectedCalibrationError, m.threshold, m.trainSeconds, m.predictP50Milliseconds, m.predictP99Milliseconds)
            line += Self.denseNote(dense, weight: cfg.denseWeight)
            print(line)
            if !m.operatingPoints.isEmpty {
                print("operating curve (threshold: in-scope / out-of-scope recall): "
                      + m.operatingPoints.map { String(format: "%.1f: %.3f/%.3f", $0.threshold, $0.inScopeAccuracy, $0.oosRecall) }
                          .joined(separator: " · "))
            }
        }
    }
}

/// `switchboard eval replies --data chat.txt`: reply suggestion on held-out sessions of a chat log,
/// either JDDC's layout or transcripts as `switchboard import` reads them (JSONL or CSV of session,
/// turn, speaker, text); every Nth session held out; is the agent's real reply among the top 5?
struct EvalRepliesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "replies", abstract: "Reply suggestion Recall@1/@5 on held-out sessions of a chat log, beside the 5 most frequent replies.")
    @Option(help: "The chat log: transcripts (JSONL or CSV with session, turn, speaker, text) or JDDC's tab-separated layout (session, user, speaker flag, ..., text).") var data: String
    @Option(help: "Hold out every Nth session.") var holdOutEvery = 10
    @Flag(help: "Print as JSON.") var json = false

    func run() throws {
        guard FileManager.default.fileExists(atPath: data) else { throw CLIError("no such file: \(data)") }
        guard holdOutEvery >= 2 else { throw CLIError("--hold-out-every must be at least 2 (got \(holdOutEvery))") }
        let m = try ReplyEval.evaluate(sessions: try Self.sessions(path: data), holdOutEvery: holdOutEvery)
        if json { printJSON(m); return }
        print(m.summary)
    }

    /// The sessions of `path`: imported as transcripts when its content is a transcript file,
    /// otherwise read as JDDC's layout.
    static func sessions(path: String) throws -> [ReplyEval.Session] {
        let url = URL(fileURLWithPath: path)
        let bytes: Data
        do { bytes = try Data(contentsOf: url) } catch { throw CLIError("cannot read \(path): \(error.localizedDescription)") }
        let importer = Importer(limits: ImportLimits(maxFileBytes: max(bytes.count, ImportLimits().maxFileBytes)))
        let format = importer.detectFormat(name: url.lastPathComponent, data: bytes)
        guard format == .transcriptsJSONL || format == .transcriptsCSV else { return try ReplyEval.readJDDC(path: path) }
        let parsed: ParsedFile
        do { parsed = try importer.parse(name: url.lastPathComponent, data: bytes, format: format, importedAt: 0) } catch {
            throw CLIError(error.description)
        }
        let sessions = ReplyEval.sessions(from: parsed.transcriptTurns)
        guard !sessions.isEmpty else { throw CLIError("\(path) has no customer or agent turn") }
        return sessions
    }
}
