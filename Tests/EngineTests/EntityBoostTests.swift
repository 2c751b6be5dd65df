import Engine
import Foundation
import Logging
import XCTest

/// Entities linked in the query lift the chunks that mention them: "E7 快充要多久" must not be
/// answered with the E9's FAQ just because its wording is closer.
final class EntityBoostTests: XCTestCase {
    func engine(boost: Double) throws -> (Engine, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("boost-\(UUID().uuidString)")
        let e = try quietEngine(dir, config: EngineConfig(entityBoost: boost))
        let lexicon = """
            {"id":"model_e7","name":"E7","type":"model","aliases":["澜途E7"]}
            {"id":"model_e9","name":"E9","type":"model","aliases":["澜途E9"]}
            """
        let faqs = """
            {"id":"F9","question":"E9快充要多久？","answer":"10%到80%约20分钟。"}
            {"id":"F7","question":"E7快充需要多长时间？","answer":"10%到80%约18分钟。"}
            """
        _ = try e.importData(name: "lexicon.jsonl", data: Data(lexicon.utf8), format: nil)
        _ = try e.importData(name: "faq.jsonl", data: Data(faqs.utf8), format: nil)
        return (e, dir)
    }

    func testALinkedModelLiftsItsOwnFAQAndSaysWhy() throws {
        let (off, d1) = try engine(boost: 0)
        defer { try? FileManager.default.removeItem(at: d1) }
        XCTAssertEqual(try off.search(SearchRequest(query: "E7 快充要多久", mode: "bm25")).hits.first?.faqID, "F9",
                       "without the graph the closer wording wins")
        let (on, d2) = try engine(boost: 0.5)
        defer { try? FileManager.default.removeItem(at: d2) }
        let r = try on.search(SearchRequest(query: "E7 快充要多久", mode: "bm25", explain: true))
        XCTAssertEqual(r.hits.first?.faqID, "F7")
        let e = try XCTUnwrap(r.hits.first?.explanation)
        XCTAssertTrue(e.description.contains("entity match") && e.description.contains("model_e7"), e.description)
        let second = try XCTUnwrap(r.hits.dropFirst().first?.explanation)
        XCTAssertTrue(second.description.contains("is about another model"), second.description)
        XCTAssertEqual(e.value, r.hits.first!.score, accuracy: 1e-9)
    }
}
