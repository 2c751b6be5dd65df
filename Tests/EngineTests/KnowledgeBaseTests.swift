import Engine
import Foundation
import KnowledgeModel
import Logging
import XCTest

/// The default knowledge base that ships in Knowledge/: every file parses, the minimum
/// counts hold, and the duplicate rules that keep the evaluation honest are kept.
final class KnowledgeBaseTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Knowledge")

    func jsonl(_ path: String) throws -> [[String: Any]] {
        let text = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(path): \(line)")
        }
    }

    func files(in folder: String, ext: String) throws -> [String] {
        let dir = Self.root.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(ext) }.sorted().map { "\(folder)/\($0)" }
    }

    func testEveryFileImportsAndTheCountsMeetTheMinimums() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kb-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let engine = try quietEngine(dir)
        let report = try engine.importPaths([Self.root.path])
        XCTAssertEqual(report.failed, 0, report.files.filter { $0.status == .failed }.map { $0.error?.message ?? $0.name }.joined(separator: "\n"))
        XCTAssertFalse(report.files.contains { $0.name.hasPrefix("eval/") || $0.name == "README.md" }, ".switchboardignore keeps eval/ and README.md out")
        let prose = report.files.filter { ["markdown", "html", "docx", "text"].contains($0.format ?? "") }
        XCTAssertGreaterThanOrEqual(prose.count, 40, "product documents")
        XCTAssertTrue(prose.contains { $0.format == "docx" } && prose.contains { $0.format == "html" })
        let s = try engine.stats()
        XCTAssertGreaterThanOrEqual(s.faqs, 250)
        XCTAssertGreaterThanOrEqual(s.intents, 40)
        XCTAssertGreaterThanOrEqual(s.replies, 150)
        XCTAssertGreaterThanOrEqual(s.entities, 300)
        XCTAssertGreaterThanOrEqual(s.campaigns, 15)
        XCTAssertGreaterThanOrEqual(s.qaRules, 25)
        XCTAssertGreaterThanOrEqual(s.sentimentExamples, 400)
        XCTAssertGreaterThanOrEqual(s.customers, 60)
        XCTAssertGreaterThanOrEqual(s.transcripts, 80)
        XCTAssertGreaterThanOrEqual(s.synonyms, 1)
    }

    func testIntentsHaveFifteenExamplesPerLanguageAndAnOutOfScopeSet() throws {
        var counts: [String: [String: Int]] = [:]
        for row in try jsonl("intents/intents.jsonl") {
            counts[row["label"] as! String, default: [:]][row["lang"] as! String, default: 0] += 1
        }
        let oos = counts.removeValue(forKey: "oos") ?? [:]
        XCTAssertGreaterThanOrEqual(oos.values.reduce(0, +), 100)
        XCTAssertGreaterThanOrEqual(counts.count, 40)
        for (label, byLang) in counts {
            XCTAssertGreaterThanOrEqual(byLang["zh"] ?? 0, 15, label)
            XCTAssertGreaterThanOrEqual(byLang["en"] ?? 0, 15, label)
        }
    }

    func testRepliesCarryIntentStageAndOnlyKnownSlots() throws {
        let stages: Set<String> = ["opening", "verification", "diagnosis", "solution", "upsell", "closing"]
        let slots: Set<String> = ["customer_name", "model", "trim", "city", "nearest_dealer", "warranty_end", "next_service_km",
                                  "next_service_date", "mileage_km", "agent_name", "campaign_name", "price", "hotline"]
        let replies = try jsonl("replies/replies.jsonl")
        XCTAssertGreaterThanOrEqual(replies.count, 150)
        let slotPattern = try NSRegularExpression(pattern: "\\{([a-z_]+)\\}")
        for r in replies {
            XCTAssertTrue(stages.contains(r["stage"] as! String), "\(r)")
            let text = r["text"] as! String
            for m in slotPattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                XCTAssertTrue(slots.contains(String(text[Range(m.range(at: 1), in: text)!])), text)
            }
        }
    }

    /// Folds case, width and punctuation so that "保修期多长?" and "保修期多长？" count as the same.
    func key(_ s: String) -> String {
        s.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars
            .filter { CharacterSet.alphanumerics.contains($0) }.map(String.init).joined()
    }

    func allFAQs() throws -> [(id: String, question: String, similar: [String])] {
        var out: [(String, String, [String])] = []
        for path in try files(in: "faqs", ext: ".jsonl") {
            for f in try jsonl(path) { out.append((f["id"] as! String, f["question"] as! String, f["similar"] as? [String] ?? [])) }
        }
        let csv = try files(in: "faqs", ext: ".csv")
        XCTAssertFalse(csv.isEmpty, "at least one FAQ file in CSV")
        return out
    }

    func testNoDuplicateFAQQuestionsAndNoEvalQuestionCopiesAFAQ() throws {
        let faqs = try allFAQs()
        var questions: [String: String] = [:]
        var wordings = Set<String>()
        for f in faqs {
            let q = key(f.question)
            XCTAssertNil(questions[q], "\(f.id) repeats the question of \(questions[q] ?? "")")
            questions[q] = f.id
            XCTAssertGreaterThanOrEqual(f.similar.count, 3, f.id)
            for s in f.similar { XCTAssertNotEqual(key(s), q, "\(f.id): a similar question copies the question") }
            wordings.insert(q)
            for s in f.similar { wordings.insert(key(s)) }
        }
        let eval = try jsonl("eval/questions.jsonl")
        XCTAssertGreaterThanOrEqual(eval.count, 150)
        for e in eval {
            XCTAssertFalse(wordings.contains(key(e["question"] as! String)), "eval question copies a FAQ: \(e["question"]!)")
        }
    }

    func testEvaluationSetsMeetTheirMinimums() throws {
        XCTAssertGreaterThanOrEqual(try jsonl("eval/intents.jsonl").count, 100)
        XCTAssertGreaterThanOrEqual(try jsonl("eval/entities.jsonl").count, 50)
        XCTAssertGreaterThanOrEqual(try jsonl("eval/attribute_questions.jsonl").count, 40)
        XCTAssertGreaterThanOrEqual(try jsonl("eval/facts.jsonl").count, 60)
        XCTAssertGreaterThanOrEqual(try jsonl("eval/nba.jsonl").count, 40)
        XCTAssertGreaterThanOrEqual(try jsonl("eval/qa_turns.jsonl").count, 40)
        XCTAssertGreaterThanOrEqual(try jsonl("eval/tickets.jsonl").count, 60)
    }
}
