import Engine
import Foundation
import XCTest

/// The graph is stored in SQLite and kept up to date document by document: an import adds that
/// document's facts, a delete removes the facts only it supported, a restart loads the stored
/// facts, and a lexicon change reads every document again.
final class GraphStoreEngineTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("graph-engine-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

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
