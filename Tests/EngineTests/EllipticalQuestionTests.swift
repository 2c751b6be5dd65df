@testable import Engine
import Graph
import Foundation
import TestSupport
import XCTest

/// A question that only names another entity asks the previous question again about it.
final class EllipticalQuestionTests: XCTestCase {
    typealias Mention = EllipticalQuestion.Mention

    /// The mention of `surface` in `text` (UTF-16 offsets), of `type`.
    func mention(_ surface: String, in text: String, type: String = "model") -> Mention {
        let range = (text as NSString).range(of: surface)
        return Mention(start: range.location, end: range.location + range.length, surface: surface, type: type)
    }

    func testQuestionsThatOnlyNameAnEntity() {
        for (q, name) in [("What about the L3?", "L3"), ("and the X5?", "X5"), ("How about the L3's, then?", "L3"), ("L3呢？", "L3"),
                          ("那X5呢", "X5"), ("如果是X5呢？", "X5"), ("X5", "X5")] {
            XCTAssertTrue(EllipticalQuestion.onlyNames(q, mentions: [mention(name, in: q)]), q)
        }
    }

    func testQuestionsThatSayMore() {
        for (q, name) in [("What about the L3's price?", "L3"), ("What about the 2024 L3?", "L3"), ("L3多少钱呢？", "L3"),
                          ("L3怎么样", "L3"), ("Tell me about the X5", "X5")] {
            XCTAssertFalse(EllipticalQuestion.onlyNames(q, mentions: [mention(name, in: q)]), q)
        }
        XCTAssertFalse(EllipticalQuestion.onlyNames("What about it?", mentions: []), "no entity named")
    }

    func testTheNewEntityTakesThePlaceOfTheOneOfItsType() {
        let before = "What is the range of the E7 in winter?"
        let previous = EllipticalQuestion.Previous(text: before, mentions: [mention("E7", in: before)])
        let q = "What about the L3?"
        XCTAssertEqual(EllipticalQuestion.rewrite(q, mentions: [mention("L3", in: q)], previous: previous),
                       "What is the range of the L3 in winter?")
        let zh = "续航呢？那E9呢"
        XCTAssertNil(EllipticalQuestion.rewrite(zh, mentions: [mention("E9", in: zh)], previous: previous),
                     "续航 is an attribute, not filler")
        XCTAssertEqual(EllipticalQuestion.rewrite("E9呢", mentions: [mention("E9", in: "E9呢")], previous: previous),
                       "What is the range of the E9 in winter?")
        // Another type than the previous question named: only when one of it was carried into it.
        let city = mention("Chengdu", in: "and Chengdu?", type: "city")
        XCTAssertNil(EllipticalQuestion.rewrite("and Chengdu?", mentions: [city], previous: previous))
        var carried = previous
        carried.carriedTypes = ["city"]
        XCTAssertEqual(EllipticalQuestion.rewrite("and Chengdu?", mentions: [city], previous: carried),
                       "Chengdu: What is the range of the E7 in winter?")
        XCTAssertNil(EllipticalQuestion.rewrite(q, mentions: [mention("L3", in: q)], previous: nil), "no previous question")
    }

    func testTwoOfATypeAreAmbiguous() {
        let before = "Is the E7 faster than the E9?"
        let previous = EllipticalQuestion.Previous(text: before, mentions: [mention("E7", in: before), mention("E9", in: before)])
        XCTAssertNil(EllipticalQuestion.rewrite("and the L3?", mentions: [mention("L3", in: "and the L3?")], previous: previous))
    }

    func testOverlappingMentionsKeepTheLongest() {
        // "E7 Performance AWD range": the trim's name holds the model's.
        let mentions = [EntityMention(entityID: "model_e7", surface: "E7", start: 0, end: 2, source: .lexicon),
                        EntityMention(entityID: "trim_e7_perf", surface: "E7 Performance AWD", start: 0, end: 18, source: .lexicon),
                        EntityMention(entityID: "unknown", surface: "range", start: 19, end: 24, source: .pattern)]
        let typed = EllipticalQuestion.typed(mentions, types: ["model_e7": "model", "trim_e7_perf": "trim"])
        XCTAssertEqual(typed.map(\.surface), ["E7 Performance AWD"], "untyped mentions are left out")
    }

    func testAnEngineSessionAsksTheLastQuestionAgainAboutTheNewModel() throws {
        let lexicon = """
            {"id":"model_e7","name":"E7","type":"model"}
            {"id":"model_e9","name":"E9","type":"model"}
            """
        try withImported([("lexicon.jsonl", lexicon),
                          ("e7.md", "# E7 Spec Sheet\n\n| Item | Value |\n|---|---|\n| Range (CLTC) | 650 km |\n| Price | 239,900 |\n"),
                          ("e9.md", "# E9 Spec Sheet\n\n| Item | Value |\n|---|---|\n| Range (CLTC) | 720 km |\n| Price | 329,900 |\n")]) { engine in
            XCTAssertEqual(try engine.search(SearchRequest(query: "What is the range of the E7?", mode: "bm25", sessionID: "s")).fact?.value, "650 km")
            let next = try engine.search(SearchRequest(query: "What about the E9?", mode: "bm25", sessionID: "s"))
            XCTAssertEqual(next.query, "What about the E9?")
            XCTAssertEqual(next.resolvedQuery, "What is the range of the E9?")
            XCTAssertEqual(next.fact?.value, "720 km")
            // The rewritten question is the one the next rewrites: back to the E7. (A session id
            // is read without the spaces around it.)
            let answer = try engine.answer(AnswerRequest(question: "E7呢？", sessionID: " s\n"))
            XCTAssertEqual(answer.sessionID, "s")
            XCTAssertEqual(answer.answer, "E7 — Range: 650 km")
            XCTAssertEqual(answer.resolvedQuestion, "What is the range of the E7?")

            // A question that says more is read as it is; without a session nothing is rewritten.
            let more = try engine.search(SearchRequest(query: "What about the E9's price?", mode: "bm25", sessionID: "s"))
            XCTAssertNil(more.resolvedQuery)
            XCTAssertEqual(more.fact?.value, "329,900")
            let alone = try engine.search(SearchRequest(query: "What about the E9?", mode: "bm25"))
            XCTAssertNil(alone.resolvedQuery)
            XCTAssertNil(alone.fact)
            let json = try XCTUnwrap(String(data: JSONEncoder().encode(next), encoding: .utf8))
            XCTAssertTrue(json.contains(#""resolved_query":"What is the range of the E9?""#), json)

            // A long question is not kept for the next to rewrite.
            let long = "What is the range of the E7? " + String(repeating: "I drive a lot on motorways. ", count: 20)
            _ = try engine.search(SearchRequest(query: long, mode: "bm25", sessionID: "t"))
            XCTAssertNil(try engine.search(SearchRequest(query: "and the E9?", mode: "bm25", sessionID: "t")).resolvedQuery)
        }
    }
}
