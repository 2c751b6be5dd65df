import Foundation
import KnowledgeModel
import TestSupport
import XCTest
@testable import Storage

final class StoreTests: TemporaryDirectoryTestCase {
    func makeStore() throws -> Store { try Store(path: dir.appendingPathComponent("k.sqlite").path) }

    func parsed(name: String, fingerprint: String, chunks: [String], faqs: [FAQ] = []) -> ParsedFile {
        let id = "d-" + name
        let doc = Document(id: id, name: name, title: name, format: .markdown, fingerprint: fingerprint, byteCount: 10, importedAt: 1)
        let cs = chunks.enumerated().map { Chunk(id: "\(id)#\($0.offset)", documentID: id, ordinal: $0.offset, title: name, text: $0.element) }
        return ParsedFile(document: doc, chunks: cs, faqs: faqs)
    }

    func testMigrationsAreNamedAndApplyOnceInOrder() throws {
        let store = try makeStore()
        XCTAssertEqual(try store.appliedMigrations(), ["v1-documents-chunks", "v2-records", "v3-graph", "v4-access", "v5-feedback", "v6-service", "v7-question-sentiment", "v8-document-reader-version"])
        // Reopening runs nothing twice and keeps data.
        try store.replace(parsed(name: "a.md", fingerprint: "1", chunks: ["x"]))
        let again = try makeStore()
        XCTAssertEqual(try again.appliedMigrations().count, 8)
        XCTAssertEqual(try again.counts().documents, 1)
        XCTAssertEqual(try again.integrityCheck(), "ok")
    }

    func testStoreIsInWALMode() throws {
        let store = try makeStore()
        let mode = try store.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        XCTAssertEqual(mode, "wal")
    }

    func testReplaceCreatesSkipsUnchangedAndReplacesChanged() throws {
        let store = try makeStore()
        XCTAssertEqual(try store.replace(parsed(name: "a.md", fingerprint: "1", chunks: ["one", "two", "three"])), .created)
        XCTAssertEqual(try store.replace(parsed(name: "a.md", fingerprint: "1", chunks: ["one", "two", "three"])), .unchanged)
        XCTAssertEqual(try store.replace(parsed(name: "a.md", fingerprint: "2", chunks: ["new"])), .updated)
        let chunks = try store.allChunks()
        XCTAssertEqual(chunks.map(\.text), ["new"])
        XCTAssertEqual(try store.documents().first?.fingerprint, "2")
    }

    /// A document an older version of the importers read is read again though its bytes are the
    /// same; one the current version read is not.
    func testADocumentReadByOlderImportersIsReplacedByTheSameBytes() throws {
        let store = try makeStore()
        var old = parsed(name: "a.md", fingerprint: "1", chunks: ["L3: 2.3 bar"])
        old.document.readerVersion = 1
        XCTAssertEqual(try store.replace(old), .created)
        XCTAssertFalse(try XCTUnwrap(store.document(named: "a.md")).isCurrent(fingerprint: "1"))
        XCTAssertEqual(try store.replace(old), .unchanged, "the same reader: nothing to do")
        let current = parsed(name: "a.md", fingerprint: "1", chunks: ["Model | Pressure\nL3: 2.3 bar"])
        XCTAssertEqual(current.document.readerVersion, Document.currentReaderVersion)
        XCTAssertEqual(try store.replace(current), .updated)
        XCTAssertEqual(try store.allChunks().map(\.text), ["Model | Pressure\nL3: 2.3 bar"])
        let stored = try XCTUnwrap(store.document(named: "a.md"))
        XCTAssertEqual(stored.readerVersion, Document.currentReaderVersion)
        XCTAssertTrue(stored.isCurrent(fingerprint: "1"))
        XCTAssertFalse(stored.isCurrent(fingerprint: "2"))
        XCTAssertEqual(try store.replace(current), .unchanged)
    }

    /// Documents stored before the reader version existed (rows written without it, which the
    /// migration's column default fills) were read by version 1.
    func testDocumentsStoredWithoutAReaderVersionWereReadByVersionOne() throws {
        let store = try makeStore()
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO documents (id, name, title, format, fingerprint, byte_count, imported_at, tags)
                VALUES ('d-a.md', 'a.md', 'a', 'markdown', '1', 1, 0, '[]')
                """)
        }
        XCTAssertEqual(try store.document(named: "a.md")?.readerVersion, 1)
        XCTAssertEqual(try store.replace(parsed(name: "a.md", fingerprint: "1", chunks: ["x"])), .updated)
    }

    func testDeleteRemovesChunksFAQsAndRecords() throws {
        let store = try makeStore()
        var p = parsed(name: "f.jsonl", fingerprint: "1", chunks: ["ans"], faqs: [FAQ(id: "F1", question: "q?", answer: "ans")])
        p.replies = [ReplyScript(id: "R1", intent: "greeting", stage: "opening", lang: "en", text: "Hello")]
        try store.replace(p)
        XCTAssertEqual(try store.counts().records["reply"], 1)
        XCTAssertTrue(try store.deleteDocument(id: p.document.id))
        let c = try store.counts()
        XCTAssertEqual([c.documents, c.chunks, c.faqs], [0, 0, 0])
        XCTAssertTrue(c.records.isEmpty)
        XCTAssertFalse(try store.deleteDocument(id: p.document.id))
    }

    func testConflictingFAQIdLeavesStoreUnchanged() throws {
        let store = try makeStore()
        try store.replace(parsed(name: "a.jsonl", fingerprint: "1", chunks: ["a"], faqs: [FAQ(id: "F1", question: "q", answer: "a")]))
        let clash = parsed(name: "b.jsonl", fingerprint: "1", chunks: ["b"], faqs: [FAQ(id: "F1", question: "q2", answer: "b")])
        XCTAssertThrowsError(try store.replace(clash)) { error in
            guard case StorageError.conflict(let m) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(m.contains("F1") && m.contains("a.jsonl"), m)
        }
        XCTAssertEqual(try store.documents().map(\.name), ["a.jsonl"])
        XCTAssertEqual(try store.allChunks().map(\.text), ["a"])
    }

    func testRecordsRoundTripAndLexiconWords() throws {
        let store = try makeStore()
        var p = parsed(name: "lex.jsonl", fingerprint: "1", chunks: [])
        p.lexiconEntities = [LexiconEntity(id: "model_e7", name: "E7", type: "model", aliases: ["澜途E7"], relations: [])]
        p.synonymGroups = [SynonymGroup(terms: ["保养", "维护"])]
        try store.replace(p)
        let entities = try store.records(kind: .entity, as: LexiconEntity.self)
        XCTAssertEqual(entities.first?.aliases, ["澜途E7"])
        XCTAssertEqual(Set(try store.lexiconWords()), ["E7", "澜途E7", "保养", "维护"])
    }

    func testChunkFieldsSurviveTheRoundTrip() throws {
        let store = try makeStore()
        let doc = Document(id: "d1", name: "faq.jsonl", title: "FAQ", format: .faqJSONL, fingerprint: "x", byteCount: 1, importedAt: 2, tags: ["t"])
        let chunk = Chunk(id: "d1#0", documentID: "d1", ordinal: 0, kind: .faq, title: "FAQ", sectionPath: ["A", "B"], text: "answer",
                          faqID: "F9", question: "question?", similarQuestions: ["q1", "q2"], tags: ["warranty"])
        try store.replace(ParsedFile(document: doc, chunks: [chunk]))
        XCTAssertEqual(try store.allChunks(), [chunk])
        XCTAssertEqual(try store.document(named: "faq.jsonl"), doc)
    }

    func testOpeningAFileThatIsNotADatabaseFailsClearly() throws {
        let path = dir.appendingPathComponent("junk.sqlite").path
        try Data("this is not sqlite at all, just text".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try Store(path: path)) { error in
            XCTAssertTrue("\(error)".contains("cannot open the store"), "\(error)")
        }
    }
}
