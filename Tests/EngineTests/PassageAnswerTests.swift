import Foundation
import XCTest
@testable import Engine

/// Answers composed from passages' sentences.
final class PassageAnswerTests: XCTestCase {
    /// A Chinese line before a table ends a sentence, so its header line and its rows are two
    /// sentences: the header chosen brings the rows with it.
    func testATableHeaderChosenBringsItsRows() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("passage-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let engine = try quietEngine(dir)
        let doc = "# 车主手册：胎压\n\n## 各车型标准胎压\n\n以下为正常载荷下的冷胎胎压。\n\n| 车型 | 标准冷胎胎压 |\n|---|---|\n| L3 | 2.3 bar |\n| L5 | 2.4 bar |\n"
        _ = try engine.importData(name: "tyres.md", data: Data(doc.utf8), format: nil)
        let answer = try XCTUnwrap(try engine.answer(AnswerRequest(question: "各车型标准胎压是多少")).answer)
        XCTAssertTrue(answer.contains("车型 | 标准冷胎胎压 L3: 2.3 bar\nL5: 2.4 bar"), answer)

        XCTAssertTrue(Engine.endsWithTableHeader("以下为冷胎胎压。\n车型 | 标准冷胎胎压"))
        XCTAssertFalse(Engine.endsWithTableHeader("Model | Price\nL3: ¥99,800"), "the rows are in the sentence already")
        XCTAssertFalse(Engine.endsWithTableHeader("a | b | c"))
    }
}
