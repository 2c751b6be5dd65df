import Engine
import Foundation
import Logging
import XCTest

final class ImportTests: XCTestCase {
    var dir: URL!
    var engine: Engine!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("engine-tests-\(UUID().uuidString)")
        engine = try quietEngine(dir.appendingPathComponent("data"))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func write(_ name: String, _ content: String) throws -> URL {
        let url = dir.appendingPathComponent("kb").appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(content.utf8).write(to: url)
        return url
    }

    func testAFolderImportReportsBadFilesAndKeepsTheGoodOnes() throws {
        _ = try write("good.md", "# Warranty\n\nThe battery warranty is eight years.\n")
        _ = try write("sub/faq.jsonl", #"{"id":"F1","question":"保修期多长？","answer":"整车质保4年或12万公里。"}"# + "\n")
        _ = try write("bad.csv", "question,tags\nwhat,x\n")
        _ = try write("empty.txt", "  \n")
        _ = try write("broken.docx", "not a zip")
        let report = try engine.importPaths([dir.appendingPathComponent("kb").path])
        XCTAssertEqual(report.files.count, 5)
        XCTAssertEqual(report.created, 2)
        XCTAssertEqual(report.failed, 3)
        let codes = Set(report.files.compactMap { $0.error?.code })
        XCTAssertEqual(codes, ["missing_column", "empty_file", "not_a_zip"])
        for f in report.files where f.status == .failed {
            XCTAssertTrue(f.error!.message.contains(f.name), "error names the file: \(f.error!.message)")
        }
        XCTAssertEqual(try engine.stats().documents, 2)
        XCTAssertEqual(try engine.search(SearchRequest(query: "保修期")).hits.first?.faqID, "F1")
    }

    func testUnchangedFilesAreSkippedAndChangedOnesReplaced() throws {
        let url = try write("guide.md", "# Guide\n\nOld text about brake pads.\n")
        XCTAssertEqual(try engine.importPaths([url.path]).created, 1)
        XCTAssertEqual(try engine.search(SearchRequest(query: "brake pads")).hits.count, 1)
        XCTAssertEqual(try engine.importPaths([url.path]).unchanged, 1)
        _ = try write("guide.md", "# Guide\n\nNew text about wiper blades.\n")
        XCTAssertEqual(try engine.importPaths([url.path]).updated, 1)
        XCTAssertEqual(try engine.search(SearchRequest(query: "brake pads")).hits.count, 0)
        XCTAssertEqual(try engine.search(SearchRequest(query: "wiper blades")).hits.count, 1)
        XCTAssertEqual(try engine.stats().documents, 1)
    }

    func testDeleteByNameOrIdRemovesChunks() throws {
        let url = try write("guide.md", "# Guide\n\nText about tyre pressure.\n")
        _ = try engine.importPaths([url.path])
        let deleted = try engine.deleteDocument("guide.md")
        XCTAssertEqual(deleted.chunks, 1)
        XCTAssertEqual(try engine.search(SearchRequest(query: "tyre")).hits.count, 0)
        XCTAssertThrowsError(try engine.deleteDocument(deleted.id)) { error in
            XCTAssertEqual((error as? EngineError)?.code, "document_not_found")
        }
    }

    func testAMissingPathIsAClearError() throws {
        XCTAssertThrowsError(try engine.importPaths(["/no/such/path"])) { error in
            XCTAssertEqual((error as? EngineError)?.kind, .notFound)
            XCTAssertTrue("\(error)".contains("/no/such/path"))
        }
    }

    func testAFileOverTheLimitIsRefusedAndNothingChanges() throws {
        let small = try quietEngine(dir.appendingPathComponent("data2"), config: EngineConfig(maxFileBytes: 100))
        let url = try write("big.md", "# Big\n\n" + String(repeating: "word ", count: 100))
        let report = try small.importPaths([url.path])
        XCTAssertEqual(report.files.first?.error?.code, "too_large")
        XCTAssertEqual(try small.stats().documents, 0)
    }

    func testMixedChineseAndEnglishQueriesFindTheirChunks() throws {
        _ = try write("x5.md", "# X5 保养\n\n## 保养周期\n\n澜途X5每10000公里或12个月保养一次。\n\n## OTA\n\nX5的OTA升级需要在P挡进行。\n")
        _ = try engine.importPaths([dir.appendingPathComponent("kb").path])
        XCTAssertEqual(try engine.search(SearchRequest(query: "我的X5保养")).hits.first?.section, "保养周期")
        XCTAssertEqual(try engine.search(SearchRequest(query: "X5的OTA怎么升级")).hits.first?.section, "OTA")
    }
}
