import Engine
import Foundation
import Graph
import XCTest

/// Editors' changes are logged and replayed over every rebuild; exports re-import to the same graph.
final class GraphEditEngineTests: XCTestCase {
    var dirs: [URL] = []

    override func tearDownWithError() throws {
        for d in dirs { try? FileManager.default.removeItem(at: d) }
    }

    func engine() throws -> (Engine, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("graph-edit-\(UUID().uuidString)")
        dirs.append(dir)
        return (try quietEngine(dir), dir)
    }

    let lexicon = """
        {"id":"model_e7","name":"E7","type":"model"}
        {"id":"feature_hud","name":"HUD","type":"feature"}
        {"id":"feature_hud2","name":"head-up display","type":"feature"}
        """
    let doc = "# E7 cockpit\n\nThe E7 comes with a head-up display. Range: 650 km\n"

    func testEntityEditsAreLoggedAndOutliveAReImportOfTheLexicon() throws {
        let (e, dir) = try engine()
        _ = try e.importData(name: "lexicon.jsonl", data: Data(lexicon.utf8), format: nil)
        _ = try e.importData(name: "a.md", data: Data(doc.utf8), format: nil)
        let merge = try e.editGraph(GraphEdit(op: .mergeEntities, entityID: "feature_hud2", targetID: "feature_hud"), actor: "ana")
        XCTAssertEqual(merge.actor, "ana")
        _ = try e.editGraph(GraphEdit(op: .addAlias, entityID: "model_e7", alias: "Lanto Seven"), actor: "bo")

        // The merged name now links to the target, so the pattern relation lands there.
        XCTAssertThrowsError(try e.graphEntity("feature_hud2"))
        let hud = try e.graphEntity("feature_hud")
        XCTAssertTrue(hud.aliases.contains("head-up display"))
        XCTAssertTrue(hud.relations.contains { $0.subject == "model_e7" && $0.type == "has_feature" })
        XCTAssertEqual(try e.graphEntities(query: "Lanto Seven").first?.id, "model_e7")

        // Re-importing the lexicon (changed) keeps the edits; a restart too.
        _ = try e.importData(name: "lexicon.jsonl", data: Data((lexicon + "\n{\"id\":\"model_e9\",\"name\":\"E9\",\"type\":\"model\"}").utf8), format: nil)
        let reopened = try quietEngine(dir)
        XCTAssertEqual(try reopened.graphEntities(query: "Lanto Seven").first?.id, "model_e7")
        XCTAssertThrowsError(try reopened.graphEntity("feature_hud2"))
        XCTAssertEqual(try reopened.graphEditLog().map(\.actor), ["bo", "ana"])
        XCTAssertNotNil(try reopened.graphEntity("model_e9"))
    }

    func testRelationEditsApplyAtOnceAndBadEditsAreRefused() throws {
        let (e, _) = try engine()
        _ = try e.importData(name: "lexicon.jsonl", data: Data(lexicon.utf8), format: nil)
        _ = try e.editGraph(.relation(.createRelation, subject: "model_e7", type: "has_feature", object: "feature_hud"), actor: "ana")
        let r = try XCTUnwrap(try e.graphEntity("model_e7").relations.first { $0.object == "feature_hud" })
        XCTAssertEqual(r.method, "edit")
        _ = try e.editGraph(.relation(.deleteRelation, subject: "model_e7", type: "has_feature", object: "feature_hud"), actor: "ana")
        XCTAssertNil(try e.graphEntity("model_e7").relations.first { $0.object == "feature_hud" })

        func code(_ edit: GraphEdit) -> (EngineError.Kind, String)? {
            do { _ = try e.editGraph(edit, actor: "ana"); return nil } catch { return (error.kind, error.code) }
        }
        XCTAssertEqual(code(GraphEdit(op: .addAlias, entityID: "nope", alias: "x"))?.0, .notFound)
        XCTAssertEqual(code(GraphEdit(op: .addAlias, entityID: "model_e7"))?.0, .badRequest)
        XCTAssertEqual(code(GraphEdit(op: .mergeEntities, entityID: "model_e7", targetID: "model_e7"))?.1, "merge_into_self")
        XCTAssertEqual(code(GraphEdit(op: .createEntity, entityID: "model_e7", name: "E7", type: "model"))?.0, .conflict)
        XCTAssertEqual(code(.relation(.deleteRelation, subject: "model_e7", type: "has_feature", object: "feature_hud"))?.0, .notFound)
        XCTAssertEqual(try e.graphEditLog().count, 2, "refused edits are not logged")
    }

    func testAnExportReImportsToTheSameGraphInEveryFormat() throws {
        let (a, _) = try engine()
        _ = try a.importData(name: "lexicon.jsonl", data: Data(lexicon.utf8), format: nil)
        _ = try a.importData(name: "a.md", data: Data(doc.utf8), format: nil)
        _ = try a.importData(name: "b.md", data: Data("# E7\n\nThe E7 and the HUD. The HUD of the E7.\n".utf8), format: nil)
        let original = try a.exportGraph(format: "json").data
        XCTAssertGreaterThan(try GraphJSON.decode(original).relations.count, 1)
        for format in ["json", "graphml", "neo4j"] {
            let (b, _) = try engine()
            let result: FileImportResult
            if format == "neo4j" {
                result = try b.importGraph(name: "g", format: format, data: a.exportGraph(format: "neo4j_nodes").data,
                                           relationships: a.exportGraph(format: "neo4j_relationships").data)
            } else {
                result = try b.importGraph(name: "g", format: format, data: a.exportGraph(format: format).data)
            }
            XCTAssertEqual(result.status, .created)
            XCTAssertEqual(try GraphJSON.decode(b.exportGraph(format: "json").data), try GraphJSON.decode(original), format)
            // Deleting the imported document removes what it brought.
            _ = try b.deleteDocument("g")
            XCTAssertTrue(try GraphJSON.decode(b.exportGraph(format: "json").data).entities.isEmpty)
        }
        let (c, _) = try engine()
        XCTAssertThrowsError(try c.importGraph(name: "bad", format: "graphml", data: Data("<graphml><node".utf8))) { error in
            XCTAssertEqual((error as? EngineError)?.kind, .badRequest)
        }
    }
}
