import Engine
import Foundation
import XCTest

/// A misspelt query word is mended against the knowledge's own words before searching, real words
/// are left alone, and the response says what was searched.
final class SpellingCorrectionTests: XCTestCase {
    /// A config whose word list holds `words` (a temporary file, removed after the test).
    func config(words: String) throws -> EngineConfig {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("words-\(UUID().uuidString)")
        try words.write(to: file, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(at: file) }
        var config = EngineConfig()
        config.spellingWords = file.path
        return config
    }

    func testAMisspeltWordIsMendedAndARealWordIsNot() throws {
        var config = try config(words: "catch\nwarranty\nbattery\n")
        let words = config.spellingWords
        let faqs = """
            {"id":"F1","question":"How long is the battery warranty?","answer":"Eight years or 160,000 km."}
            {"id":"F2","question":"Can I watch videos on the screen while parked?","answer":"Yes, in the media app."}
            {"id":"F3","question":"Where is the nearest supercharger?","answer":"See the map in the app."}
            """
        try withImported([("faq.jsonl", faqs)], config: config) { engine in
            let r = try engine.search(SearchRequest(query: "how long is the batery warrenty", mode: "bm25"))
            XCTAssertEqual(r.correctedQuery, "how long is the battery warranty")
            XCTAssertEqual(r.query, "how long is the batery warrenty", "the query is echoed as asked")
            XCTAssertEqual(r.hits.first?.faqID, "F1")
            // "catch" is a real word (in the list): not turned into "watch" although the knowledge has only that.
            XCTAssertNil(try engine.search(SearchRequest(query: "what is the catch", mode: "bm25")).correctedQuery)
            // "superchargers" is known to the index as "supercharger"'s stem: not changed.
            XCTAssertNil(try engine.search(SearchRequest(query: "superchargers near me", mode: "bm25")).correctedQuery)
            let answer = try engine.answer(AnswerRequest(question: "how long is the batery warrenty"))
            XCTAssertEqual(answer.sources.first?.faqID, "F1")
        }
        config.spellingCorrection = false
        try withImported([("faq.jsonl", faqs)], config: config) { engine in
            XCTAssertNil(try engine.search(SearchRequest(query: "how long is the batery warrenty", mode: "bm25")).correctedQuery)
        }
        config.spellingCorrection = true
        config.spellingWords = words + ".missing"
        try withImported([("faq.jsonl", faqs)], config: config) { engine in
            XCTAssertNil(try engine.search(SearchRequest(query: "how long is the batery warrenty", mode: "bm25")).correctedQuery,
                         "without a word list nothing is mended")
        }
    }

    func testADeletedDocumentsWordsAreNoLongerCorrections() throws {
        let config = try config(words: "battery\n")
        try withImported([("a.md", "# Warranty\n\nThe warranty lasts eight years."), ("b.md", "# Tyres\n\nCheck the pressure monthly.")],
                         config: config) { engine in
            XCTAssertEqual(try engine.search(SearchRequest(query: "warrenty", mode: "bm25")).correctedQuery, "warranty")
            _ = try engine.deleteDocument("a.md")
            XCTAssertNil(try engine.search(SearchRequest(query: "warrenty", mode: "bm25")).correctedQuery)
        }
    }
}
