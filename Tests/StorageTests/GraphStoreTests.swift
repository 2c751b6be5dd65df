import Foundation
import KnowledgeModel
import TestSupport
import XCTest
@testable import Storage

final class GraphStoreTests: TemporaryDirectoryTestCase {
    func makeStore() throws -> Store { try Store(path: dir.appendingPathComponent("k.sqlite").path) }

    func parsed(_ name: String, fingerprint: String = "1") -> ParsedFile {
        let id = "d-" + name
        let doc = Document(id: id, name: name, title: name, format: .markdown, fingerprint: fingerprint, byteCount: 10, importedAt: 1)
        return ParsedFile(document: doc, chunks: [Chunk(id: "\(id)#0", documentID: id, ordinal: 0, title: name, text: "x")])
    }

    func fact(_ doc: String, _ subject: String, _ object: String, confidence: Double = 0.9) -> StoredRelation {
        StoredRelation(documentID: "d-" + doc, chunkID: "d-\(doc)#0", subject: subject, type: "has_feature", object: object,
                       attribute: "", confidence: confidence, method: "pattern")
    }

    func relations(_ store: Store) throws -> Set<String> {
        Set(try store.graphFacts().values.flatMap(\.relations).map { "\($0.subject)>\($0.object)" })
    }

    func testDeletingADocumentRemovesOnlyTheFactsItAloneSupported() throws {
        let store = try makeStore()
        try store.replace(parsed("a.md"), graph: StoredGraphFacts(relations: [fact("a.md", "e7", "hud"), fact("a.md", "e7", "nav")]))
        try store.replace(parsed("b.md"), graph: StoredGraphFacts(relations: [fact("b.md", "e7", "nav", confidence: 0.5)]))
        XCTAssertEqual(try store.graphCounts().relations["has_feature"], 2)
        XCTAssertEqual(try store.graphFacts()["d-a.md"]?.relations.count, 2)

        XCTAssertTrue(try store.deleteDocument(id: "d-a.md"))
        XCTAssertEqual(try relations(store), ["e7>nav"], "nav is still supported by b.md; hud was only in a.md")
        XCTAssertEqual(try store.graphCounts().relations["has_feature"], 1)
        XCTAssertEqual(try store.integrityCheck(), "ok")
    }

    func testReplacingADocumentReplacesItsFacts() throws {
        let store = try makeStore()
        try store.replace(parsed("a.md"), graph: StoredGraphFacts(
            relations: [fact("a.md", "e7", "hud")],
            sentences: [StoredSentence(documentID: "d-a.md", chunkID: "d-a.md#0", entityIDs: ["e7", "hud"])]))
        try store.replace(parsed("a.md", fingerprint: "2"), graph: StoredGraphFacts(relations: [fact("a.md", "e9", "hud")]))
        XCTAssertEqual(try relations(store), ["e9>hud"])
        XCTAssertEqual(try store.graphFacts()["d-a.md"]?.sentences.count ?? 0, 0)
    }

    func testAFailedImportWritesNoFacts() throws {
        let store = try makeStore()
        let faq = FAQ(id: "F1", question: "q", answer: "a")
        var first = parsed("a.md")
        first.faqs = [faq]
        try store.replace(first)
        var clash = parsed("b.md")
        clash.faqs = [faq]
        XCTAssertThrowsError(try store.replace(clash, graph: StoredGraphFacts(relations: [fact("b.md", "e7", "hud")])))
        XCTAssertTrue(try relations(store).isEmpty)
    }

    func testReplaceGraphRewritesEntitiesAndFactsAndStampsTheFingerprint() throws {
        let store = try makeStore()
        try store.replace(parsed("a.md"), graph: StoredGraphFacts(relations: [fact("a.md", "e7", "hud")]))
        XCTAssertNil(try store.graphFingerprint())
        let entities = [StoredEntity(id: "e7", name: "E7", type: "model", aliases: ["澜途E7", "Lanto E7"], origin: "lexicon"),
                        StoredEntity(id: "hud", name: "HUD", type: "feature", aliases: [], origin: "edit")]
        try store.replaceGraph(entities: entities, facts: ["d-a.md": StoredGraphFacts(relations: [fact("a.md", "e7", "nav")]),
                                                           "d-gone.md": StoredGraphFacts(relations: [fact("gone.md", "x", "y")])],
                               fingerprint: "fp1")
        XCTAssertEqual(try store.graphFingerprint(), "fp1")
        XCTAssertEqual(try store.graphEntities(), entities)
        XCTAssertEqual(try relations(store), ["e7>nav"], "facts of unknown documents are not stored")
    }

    func testEditsAreAnAppendOnlyLogInOrder() throws {
        let store = try makeStore()
        let first = try store.appendGraphEdit(actor: "ana", op: "create_entity", json: #"{"op":"create_entity"}"#, at: 10)
        let second = try store.appendGraphEdit(actor: "bo", op: "delete_entity", json: #"{"op":"delete_entity"}"#, at: 11)
        XCTAssertLessThan(first.seq, second.seq)
        let log = try makeStore().graphEdits()
        XCTAssertEqual(log.map(\.actor), ["ana", "bo"])
        XCTAssertEqual(log.map(\.op), ["create_entity", "delete_entity"])
        // Re-importing documents leaves the log alone.
        try store.replace(parsed("a.md"))
        try store.replace(parsed("a.md", fingerprint: "2"))
        XCTAssertEqual(try store.graphEdits().count, 2)
    }
}
