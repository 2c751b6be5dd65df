import Engine
import Foundation
import TestSupport
import XCTest

/// The graph is stored in SQLite and kept up to date document by document: an import adds that
/// document's facts, a delete removes the facts only it supported, a restart loads the stored
/// facts, and a lexicon change reads every document again.
final class GraphStoreEngineTests: TemporaryDirectoryTestCase {
    let lexicon = """
        {"id":"model_e7","name":"E7","type":"model"}
        {"id":"feature_hud","name":"HUD","type":"feature","aliases":["head-up display"]}
        {"id":"feature_nav","name":"Navigation","type":"feature","aliases":["导航"]}
        """

    func features(_ engine: Engine) throws -> Set<String> {
        Set(try engine.graphEntity("model_e7").relations.filter { $0.type == "has_feature" }.compactMap(\.object))
    }

    func testFactsFollowImportsAndDeletesAndSurviveARestart() throws {
        let engine = try quietEngine(dir)
        _ = try engine.importData(name: "lexicon.jsonl", data: Data(lexicon.utf8), format: nil)
        _ = try engine.importData(name: "a.md", data: Data("# E7 cockpit\n\nThe E7 comes with a HUD.\n".utf8), format: nil)
        _ = try engine.importData(name: "b.md", data: Data("# E7 maps\n\nThe E7 is equipped with Navigation.\n".utf8), format: nil)
        XCTAssertEqual(try features(engine), ["feature_hud", "feature_nav"])

        // A changed document replaces its own facts only.
        _ = try engine.importData(name: "a.md", data: Data("# E7 cockpit\n\nA big screen.\n".utf8), format: nil)
        XCTAssertEqual(try features(engine), ["feature_nav"])

        // A restart reads the stored facts (no document is read again).
        let reopened = try quietEngine(dir)
        XCTAssertEqual(try features(reopened), ["feature_nav"])
        let sources = try reopened.graphEntity("model_e7").relations.first { $0.object == "feature_nav" }?.sources
        XCTAssertEqual(sources?.first?.documentName, "b.md")

        _ = try reopened.deleteDocument("b.md")
        XCTAssertEqual(try features(reopened), [])
        XCTAssertEqual(try quietEngine(dir).graphEntity("model_e7").relations.filter { $0.type == "has_feature" }.count, 0)
    }

    func testALexiconChangeReadsEveryDocumentAgain() throws {
        let engine = try quietEngine(dir)
        _ = try engine.importData(name: "lexicon.jsonl", data: Data(#"{"id":"model_e7","name":"E7","type":"model"}"#.utf8), format: nil)
        _ = try engine.importData(name: "a.md", data: Data("# E7 cockpit\n\nThe E7 comes with a HUD.\n".utf8), format: nil)
        XCTAssertEqual(try features(engine), [], "HUD is not an entity yet")
        _ = try engine.importData(name: "lexicon.jsonl", data: Data(lexicon.utf8), format: nil)
        XCTAssertEqual(try features(engine), ["feature_hud"])
        XCTAssertEqual(try features(quietEngine(dir)), ["feature_hud"])
    }
}

/// The entities of a conversation are carried forward: a follow-up that names no model is about
/// the model the session named last.
final class SessionCarryForwardTests: XCTestCase {
    func testAFollowUpIsAboutTheModelNamedBefore() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("carry-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let engine = try quietEngine(dir, config: EngineConfig(entityBoost: 0.5))
        let lexicon = """
            {"id":"model_e7","name":"E7","type":"model"}
            {"id":"model_e9","name":"E9","type":"model"}
            """
        let faqs = """
            {"id":"P9","question":"How much does the E9 cost?","answer":"The E9 starts at 329,900."}
            {"id":"P7","question":"E7 price list: how much does the E7 cost with each option?","answer":"The E7 starts at 239,900."}
            {"id":"R7","question":"Tell me about the E7","answer":"The E7 is our mid-size electric SUV."}
            """
        _ = try engine.importData(name: "lexicon.jsonl", data: Data(lexicon.utf8), format: nil)
        _ = try engine.importData(name: "faq.jsonl", data: Data(faqs.utf8), format: nil)

        XCTAssertEqual(try engine.search(SearchRequest(query: "how much does it cost?", mode: "bm25")).hits.first?.faqID, "P9",
                       "without a session the closer wording wins")
        let first = try engine.search(SearchRequest(query: "tell me about the E7", mode: "bm25", sessionID: "s1"))
        XCTAssertEqual(first.entities?.map(\.id), ["model_e7"])
        XCTAssertEqual(first.entities?.first?.carried, false)
        let followUp = try engine.search(SearchRequest(query: "how much does it cost?", mode: "bm25", explain: true, sessionID: "s1"))
        XCTAssertEqual(followUp.entities, [LinkedEntityView(id: "model_e7", name: "E7", type: "model", carried: true)])
        XCTAssertEqual(followUp.hits.first?.faqID, "P7")
        XCTAssertTrue(followUp.hits.first?.explanation?.description.contains("carried from the session") ?? false)

        // Naming another model replaces the carried one; another session knows nothing.
        _ = try engine.search(SearchRequest(query: "and the E9?", mode: "bm25", sessionID: "s1"))
        XCTAssertEqual(try engine.search(SearchRequest(query: "how much does it cost?", mode: "bm25", sessionID: "s1")).hits.first?.faqID, "P9")
        XCTAssertNil(try engine.search(SearchRequest(query: "how much does it cost?", mode: "bm25", sessionID: "s2")).entities)
    }
}

final class RelationSupportTests: XCTestCase {
    func testAChunkSupportingARelationBetweenTheQuerysEntitiesRisesAndSaysWhy() throws {
        let lexicon = """
            {"id":"model_e7","name":"E7","type":"model"}
            {"id":"feature_hud","name":"HUD","type":"feature"}
            """
        try withImported([("lexicon.jsonl", lexicon), ("a.md", "# Cockpit\n\nThe E7 comes with a HUD.\n"),
                          ("b.md", "# Screens\n\nE7 owners ask about the HUD and the E7 HUD brightness a lot.\n")]) { engine in
            let r = try engine.search(SearchRequest(query: "E7 HUD", mode: "bm25", explain: true))
            XCTAssertEqual(r.hits.first?.documentName, "a.md")
            let why = try XCTUnwrap(r.hits.first?.explanation?.description)
            XCTAssertTrue(why.contains("supports model_e7 —has_feature→ feature_hud"), why)
        }
    }
}

final class FactAnswerTests: XCTestCase {
    func testAttributeQuestionsAreAnsweredFromFactsAlsoAsAFollowUp() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("facts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let engine = try quietEngine(dir)
        _ = try engine.importData(name: "lexicon.jsonl", data: Data(#"{"id":"model_e7","name":"E7","type":"model","aliases":["澜途E7"]}"#.utf8), format: nil)
        _ = try engine.importData(name: "e7.md", data: Data("# E7 Spec Sheet\n\n| Item | Value |\n|---|---|\n| Range (CLTC) | 650 km |\n| Price | 239,900 |\n".utf8), format: nil)

        let r = try engine.search(SearchRequest(query: "What is the range of the E7?", mode: "bm25"))
        XCTAssertEqual(r.fact?.value, "650 km")
        XCTAssertEqual(r.fact?.entityID, "model_e7")
        XCTAssertEqual(r.fact?.sources.first?.documentName, "e7.md")
        XCTAssertEqual([r.fact?.attribute, r.fact?.attributeLabel], ["range", "Range"], "the key as the sheet writes it")
        XCTAssertEqual(try engine.answer(AnswerRequest(question: "What is the range of the E7?")).answer, "E7 — Range: 650 km")
        XCTAssertNil(try engine.search(SearchRequest(query: "Does the E7 have a heat pump?", mode: "bm25")).fact)

        _ = try engine.search(SearchRequest(query: "tell me about the E7", mode: "bm25", sessionID: "s"))
        XCTAssertEqual(try engine.search(SearchRequest(query: "how much does it cost?", mode: "bm25", sessionID: "s")).fact?.value, "239,900")
        XCTAssertNil(try engine.search(SearchRequest(query: "how much does it cost?", mode: "bm25")).fact, "no entity, no session: no fact")
    }

    func testAFactKeyedByAnEntityIsShownWithThatEntitysName() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("facts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let engine = try quietEngine(dir)
        let lexicon = """
            {"id":"part_tyres","name":"Tyres","type":"part","aliases":["tyre"]}
            {"id":"model_l3","name":"L3","type":"model"}
            """
        _ = try engine.importData(name: "lexicon.jsonl", data: Data(lexicon.utf8), format: nil)
        _ = try engine.importData(name: "tyres.md", data: Data("# Tyres\n\n| Model | Pressure |\n|---|---|\n| L3 | 2.3 bar |\n".utf8), format: nil)

        let fact = try XCTUnwrap(try engine.search(SearchRequest(query: "What pressure should the tyres of my L3 have?", mode: "bm25")).fact)
        XCTAssertEqual([fact.entityName, fact.attribute, fact.attributeLabel, fact.value], ["Tyres", "l3", "L3", "2.3 bar"])
        let json = try XCTUnwrap(String(data: JSONEncoder().encode(fact), encoding: .utf8))
        XCTAssertTrue(json.contains(#""attribute_label":"L3""#), json)
        let answer = try engine.answer(AnswerRequest(question: "What pressure should the tyres of my L3 have?"))
        XCTAssertEqual(answer.answer, "Tyres — L3: 2.3 bar")
    }
}
