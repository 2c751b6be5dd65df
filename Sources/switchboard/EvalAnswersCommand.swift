import ArgumentParser
import Engine
import Foundation
import Graph

/// `switchboard eval answers`: imports a knowledge folder into a fresh temporary store, trains,
/// and asks `POST /v1/answer`'s question path every eval question: is the expected FAQ (or
/// document section) the answer's source, how often in-scope questions are handed off, how often
/// out-of-scope ones are (eval/oos_questions.jsonl), and how accuracy follows confidence.
struct EvalAnswersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "answers", abstract: "Bot answer accuracy, hand-off rates and confidence calibration on a knowledge folder's eval/ questions.")

    @Option(help: "The knowledge folder (with eval/questions.jsonl, eval/doc_questions.jsonl, eval/oos_questions.jsonl).")
    var knowledge = "Knowledge"
    @Option(help: "A config file for the settings.") var config: String?
    @Flag(help: "Also list every question answered without its expected source, handed off, or (out of scope) answered.")
    var misses = false
    @Flag(help: "Print as JSON.") var json = false

    struct Question: Decodable {
        var question: String
        var expectedFAQ: String?
        var expectedDoc: String?
        var expectedSection: String?
        enum CodingKeys: String, CodingKey {
            case question, expectedFAQ = "expected_faq", expectedDoc = "expected_doc", expectedSection = "expected_section"
        }
    }

    /// A session whose last question needs the earlier ones (eval/followups.jsonl).
    struct FollowUp: Decodable {
        var turns: [String]
        var expectedValue: String
        enum CodingKeys: String, CodingKey { case turns, expectedValue = "expected_value" }
    }

    struct SetResult: Codable {
        var set: String
        var questions: Int
        /// Answered (no hand-off) with the expected source.
        var correct: Int
        /// The expected source among the answer's sources, handed off or not.
        var sourceCorrect: Int
        var handedOff: Int
        /// Document questions answered (no hand-off) from the expected document, any section.
        var documentCorrect: Int
        /// What the answers given (no hand-off) came from: `faq`, `fact`, `passage`.
        var answeredBy: [String: Int]
        /// Follow-ups: the last question answered right when asked alone, without the session
        /// (the baseline the session's context is measured against).
        var correctAskedAlone: Int? = nil
        enum CodingKeys: String, CodingKey {
            case set, questions, correct, sourceCorrect = "source_correct", handedOff = "handed_off"
            case documentCorrect = "document_correct", answeredBy = "answered_by", correctAskedAlone = "correct_asked_alone"
        }
    }

    struct Bucket: Codable { var from: Double; var to: Double; var questions: Int; var accuracy: Double }

    /// A question the bot did not get right, with what it answered instead.
    struct Miss: Codable {
        var set: String
        var question: String
        /// The expected FAQ id, `document › section`, or nil for an out-of-scope question.
        var expected: String?
        var kind: String
        var source: String?
        var confidence: Double
        var handoffReason: String?
        enum CodingKeys: String, CodingKey {
            case set, question, expected, kind, source, confidence, handoffReason = "handoff_reason"
        }
    }

    func run() throws {
        let root = URL(fileURLWithPath: knowledge)
        let dir = EvalData.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let engine = try EvalData.importedEngine(knowledge: knowledge, config: config, in: dir)
        try engine.train()
        try engine.warmUp()
        var results: [SetResult] = []
        var graded: [(Double, Bool)] = []
        var missed: [Miss] = []
        for (name, file) in [("faq questions", "questions.jsonl"), ("document questions", "doc_questions.jsonl"), ("out-of-scope questions", "oos_questions.jsonl")] {
            let path = root.appendingPathComponent("eval/\(file)").path
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let qs = try EvalData.readJSONL(path, as: Question.self)
            var r = SetResult(set: name, questions: qs.count, correct: 0, sourceCorrect: 0, handedOff: 0, documentCorrect: 0, answeredBy: [:])
            for (i, q) in qs.enumerated() {
                let a = try engine.answer(AnswerRequest(question: q.question, sessionID: "eval-\(name)-\(i)"))
                if a.handoff { r.handedOff += 1 } else { r.answeredBy[a.kind, default: 0] += 1 }
                if !a.handoff, let d = q.expectedDoc, a.sources.contains(where: { $0.documentName == d }) { r.documentCorrect += 1 }
                let right = a.sources.contains { s in
                    if let f = q.expectedFAQ { return s.faqID == f }
                    if let d = q.expectedDoc { return s.documentName == d && (q.expectedSection == nil || s.section == q.expectedSection) }
                    return false
                }
                if right { r.sourceCorrect += 1 }
                if right && !a.handoff { r.correct += 1 }
                let inScope = q.expectedFAQ != nil || q.expectedDoc != nil
                if inScope ? !(right && !a.handoff) : !a.handoff {
                    let expected = q.expectedFAQ ?? q.expectedDoc.map { d in q.expectedSection.map { "\(d) › \($0)" } ?? d }
                    let source = a.sources.first.map { s in s.faqID ?? "\(s.documentName ?? s.documentID) › \(s.section)" }
                    missed.append(Miss(set: name, question: q.question, expected: expected, kind: a.kind, source: source,
                                       confidence: a.confidence, handoffReason: a.handoffReason))
                }
                if q.expectedFAQ != nil || q.expectedDoc != nil { graded.append((a.confidence, right)) } else { graded.append((a.confidence, false)) }
            }
            results.append(r)
        }
        let followUps = root.appendingPathComponent("eval/followups.jsonl").path
        if FileManager.default.fileExists(atPath: followUps) {
            let sessions = try EvalData.readJSONL(followUps, as: FollowUp.self)
            results.append(try followUpResult(sessions, engine: engine, missed: &missed))
        }
        var buckets: [Bucket] = []
        for b in stride(from: 0.0, to: 1.0, by: 0.2) {
            let inside = graded.filter { $0.0 >= b && ($0.0 < b + 0.2 || b + 0.2 >= 1.0) }
            buckets.append(Bucket(from: b, to: b + 0.2, questions: inside.count,
                                  accuracy: inside.isEmpty ? 0 : Double(inside.filter(\.1).count) / Double(inside.count)))
        }
        if json {
            var out = ["sets": AnyEncodable(results), "calibration": AnyEncodable(buckets)]
            if misses { out["misses"] = AnyEncodable(missed) }
            printJSON(out)
            return
        }
        for r in results {
            let n = Double(max(1, r.questions))
            if let alone = r.correctAskedAlone {
                print(String(format: "%@: %d sessions  last answer holds the expected value %.3f (asked alone, without the session: %.3f)  handed off %.3f",
                             r.set, r.questions, Double(r.correct) / n, Double(alone) / n, Double(r.handedOff) / n))
                continue
            }
            var line = String(format: "%@: %d  answered with the expected source %.3f  expected source among sources %.3f  handed off %.3f",
                              r.set, r.questions, Double(r.correct) / n, Double(r.sourceCorrect) / n, Double(r.handedOff) / n)
            if r.set == "document questions" { line += String(format: "  from the expected document %.3f", Double(r.documentCorrect) / n) }
            let kinds = r.answeredBy.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            if !kinds.isEmpty { line += "  (answered by " + kinds.joined(separator: ", ") + ")" }
            print(line)
        }
        print("confidence → accuracy (all questions; out-of-scope count as wrong):")
        for b in buckets { print(String(format: "  %.1f–%.1f  %4d questions  accuracy %.3f", b.from, b.to, b.questions, b.accuracy)) }
        guard misses else { return }
        for set in results.map(\.set) {
            let list = missed.filter { $0.set == set }
            guard !list.isEmpty else { continue }
            print("\n\(set): \(list.count) missed")
            for m in list {
                let got = m.handoffReason.map { "handed off (\($0))" } ?? "answered"
                print(String(format: "  %@\n    expected %@; %@ by %@ %@, confidence %.2f", m.question, m.expected ?? "a hand-off",
                             got, m.kind, m.source ?? "-", m.confidence))
            }
        }
    }
}

extension EvalAnswersCommand {
    /// Asks each session's questions in order in one session and grades the last answer (given,
    /// not handed off, holding the expected value); then asks the last question alone.
    func followUpResult(_ sessions: [FollowUp], engine: Engine, missed: inout [Miss]) throws -> SetResult {
        let name = "follow-up questions"
        var r = SetResult(set: name, questions: sessions.count, correct: 0, sourceCorrect: 0, handedOff: 0, documentCorrect: 0,
                          answeredBy: [:], correctAskedAlone: 0)
        func right(_ a: AnswerResponse, _ expected: String) -> Bool {
            !a.handoff && Self.holds(a.answer ?? "", value: expected)
        }
        for (i, f) in sessions.enumerated() {
            guard let last = f.turns.last else { continue }
            var answer: AnswerResponse?
            for q in f.turns { answer = try engine.answer(AnswerRequest(question: q, sessionID: "eval-follow-up-\(i)")) }
            guard let a = answer else { continue }
            if a.handoff { r.handedOff += 1 } else { r.answeredBy[a.kind, default: 0] += 1 }
            if right(a, f.expectedValue) {
                r.correct += 1
                r.sourceCorrect += 1
            } else {
                let source = a.sources.first.map { s in s.faqID ?? "\(s.documentName ?? s.documentID) › \(s.section)" }
                missed.append(Miss(set: name, question: f.turns.joined(separator: " → "), expected: f.expectedValue, kind: a.kind,
                                   source: source, confidence: a.confidence, handoffReason: a.handoffReason))
            }
            if right(try engine.answer(AnswerRequest(question: last, sessionID: "eval-follow-up-alone-\(i)")), f.expectedValue) {
                r.correctAskedAlone! += 1
            }
        }
        return r
    }

    /// Whether `text` holds `value` (both normalized: case, width, spaces, dashes), not as the
    /// tail of a longer number ("1,700 km" does not hold "700 km").
    static func holds(_ text: String, value: String) -> Bool {
        let t = AttributeEval.normalizeValue(text), v = AttributeEval.normalizeValue(value)
        guard !v.isEmpty else { return false }
        var rest = t[...]
        while let r = rest.range(of: v) {
            let before = r.lowerBound == t.startIndex ? nil : t[t.index(before: r.lowerBound)]
            if !(before?.isNumber ?? false) && before != "," && before != "." { return true }
            rest = t[r.upperBound...]
        }
        return false
    }
}

/// Wraps any Encodable so that differently typed values can share one JSON object.
struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
