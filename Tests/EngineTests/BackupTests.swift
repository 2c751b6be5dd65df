import Engine
import Foundation
import XCTest

/// A backup taken while documents are being imported restores to a consistent knowledge base.
final class BackupTests: XCTestCase {
    func testABackupUnderWriteLoadRestoresConsistently() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("backup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let engine = try quietEngine(root.appendingPathComponent("data"))
        for i in 0..<20 {
            _ = try engine.importData(name: "doc\(i).md", data: Data("# Doc \(i)\n\nText \(i) about charging.\n\n## More\n\nSecond part \(i).\n".utf8), format: nil)
        }
        // Imports keep going while the backup is taken.
        let writer = Task.detached {
            for i in 20..<120 {
                _ = try engine.importData(name: "doc\(i).md", data: Data("# Doc \(i)\n\nText \(i).\n\n## More\n\nSecond part \(i).\n".utf8), format: nil)
            }
        }
        try await Task.sleep(nanoseconds: 20_000_000)
        let folder = root.appendingPathComponent("backup1")
        let manifest = try engine.backup(to: folder)
        try await writer.value
        XCTAssertGreaterThanOrEqual(manifest.documents, 20)
        XCTAssertEqual(manifest.chunks, manifest.documents * 2, "every document in the backup is whole (two chunks each)")
        XCTAssertThrowsError(try engine.backup(to: folder), "a backup never overwrites")

        let restored = root.appendingPathComponent("restored")
        let back = try Engine.restore(from: folder, to: restored)
        XCTAssertEqual(back.generation, manifest.generation)
        let again = try quietEngine(restored)
        let stats = try again.stats()
        XCTAssertEqual(stats.documents, manifest.documents)
        XCTAssertEqual(stats.chunks, manifest.chunks)
        XCTAssertFalse(try again.search(SearchRequest(query: "Second part", mode: "bm25")).hits.isEmpty)

        // A damaged backup is refused; a non-empty target is refused.
        try Data("garbage".utf8).write(to: folder.appendingPathComponent("knowledge.sqlite"))
        XCTAssertThrowsError(try Engine.restore(from: folder, to: root.appendingPathComponent("other")))
        XCTAssertThrowsError(try Engine.restore(from: folder, to: restored))
    }
}
