import Foundation
import KnowledgeModel
import XCTest
@testable import Ingestion

/// Inputs the importer fuzzer (`switchboard bench fuzz`) found, kept as regressions.
final class FuzzFindingsTests: XCTestCase {
    /// A hard split whose cut lands just before a run of spaces used to start the next piece
    /// past the scan position and trap (a 3.7 KB upload stopped the server).
    func testAHardSplitBeforeARunOfSpacesDoesNotTrap() throws {
        let text = String(repeating: "a", count: 2099) + "  " + String(repeating: "b", count: 1600)
        let file = try Importer().parse(name: "min.txt", data: Data(text.utf8), importedAt: 0)
        XCTAssertEqual(file.chunks.map(\.text).joined().filter { $0 != " " }.count, 3699)
    }

    /// A long run of unclosed brackets is scanned within a budget (it took 2.4 s for 400 KB).
    func testUnclosedBracketsStayLinear() throws {
        let text = "# T\n\n" + String(repeating: "[", count: 400_000)
        let start = Date()
        let file = try Importer().parse(name: "b.md", data: Data(text.utf8), importedAt: 0)
        XCTAssertLessThan(Date().timeIntervalSince(start), 1.5)
        XCTAssertFalse(file.chunks.isEmpty)
    }

    func testLinksStillWorkAfterTheBudgetChange() throws {
        let file = try Importer().parse(name: "l.md", data: Data("# T\n\nSee [the guide](https://x.example) and [[nested] link](u).\n".utf8), importedAt: 0)
        XCTAssertTrue(file.chunks[0].text.contains("See the guide and [nested] link."), file.chunks[0].text)
    }
}
