import Foundation
import KnowledgeModel
import XCTest
@testable import Ingestion

final class PlainTextImporterTests: XCTestCase {
    let text = "First paragraph\nstill first.\n\n\n  Second 第二段\n第二行。\r\n\r\nThird\tone.  \n"

    func testParagraphsSplitOnBlankLines() {
        XCTAssertEqual(PlainTextParser.parse(Array(text.utf8)).blocks, [
            TextBlock(.paragraph, "First paragraph still first."),
            TextBlock(.paragraph, "Second 第二段第二行。"),
            TextBlock(.paragraph, "Third\tone."),
        ])
    }

    func testImporterUsesReadableFileNameAsTitle() throws {
        let file = try parse("notes/roadside_help.txt", text)
        XCTAssertEqual(file.document.format, .text)
        XCTAssertEqual(file.document.title, "Roadside help")
        XCTAssertEqual(file.chunks.map(\.text), ["First paragraph still first.\nSecond 第二段第二行。\nThird\tone."])
        XCTAssertEqual(file.chunks.first?.sectionPath, [])
    }

    func testReadableNames() {
        XCTAssertEqual(TextUtil.readableName("docs/en/warranty-policy_2026.md"), "Warranty policy 2026")
        XCTAssertEqual(TextUtil.readableName("E7--specs.txt"), "E7 specs")
        XCTAssertEqual(TextUtil.readableName("保修政策.txt"), "保修政策")
        XCTAssertEqual(TextUtil.readableName(".hidden"), ".hidden")
        XCTAssertEqual(TextUtil.readableName("noext"), "Noext")
    }
}
