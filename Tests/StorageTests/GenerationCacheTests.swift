import Foundation
import KnowledgeModel
import TestSupport
import XCTest
@testable import Storage

/// The generation counter is read from memory between writes: every write through any store of
/// the file drops it, and a change by someone else is seen once `GenerationCache.recheck` passed.
final class GenerationCacheTests: TemporaryDirectoryTestCase {
    func document(_ name: String) -> ParsedFile {
        let id = "d-" + name
        let doc = Document(id: id, name: name, title: name, format: .markdown, fingerprint: name, byteCount: 1, importedAt: 1)
        return ParsedFile(document: doc, chunks: [Chunk(id: "\(id)#0", documentID: id, ordinal: 0, title: name, text: "x")])
    }

    func testWritesThroughEitherStoreAreSeenAtOnce() throws {
        let path = dir.appendingPathComponent("k.sqlite").path
        let a = try Store(path: path), b = try Store(path: path)
        let start = try a.generation()
        _ = try a.replace(document("one"))
        XCTAssertEqual(try a.generation(), start + 1)
        XCTAssertEqual(try b.generation(), start + 1)
        _ = try b.replace(document("two"))
        XCTAssertEqual(try a.generation(), start + 2)
    }

    func testAChangeBehindTheStoresBackIsSeenAfterTheRecheck() throws {
        let path = dir.appendingPathComponent("k.sqlite").path
        let store = try Store(path: path)
        let start = try store.generation()
        // Another writer (as another process would), not through a Store.
        try store.pool.writeWithoutTransaction { db in
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('generation', '41') ON CONFLICT(key) DO UPDATE SET value = '41'")
        }
        XCTAssertEqual(try store.generation(), start, "cached until the recheck")
        Thread.sleep(forTimeInterval: Double(GenerationCache.recheck) / 1e9 + 0.05)
        XCTAssertEqual(try store.generation(), 41)
    }
}
