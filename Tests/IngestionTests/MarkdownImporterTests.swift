import Foundation
import KnowledgeModel
import XCTest
@testable import Ingestion

final class MarkdownImporterTests: XCTestCase {
    let sample = """
    ---
    author: docs team
    tags: [warranty]
    ---
    # E7 Owner Guide

    Intro paragraph with **bold**, _italic_, `code` and a [link](https://lanto-motors.example/e7 "E7").
    It continues on a second line.
    <!-- editor note: check numbers -->

    ## Charging

    ### Home charger

    - Install the **11 kW** wall box.
    - [x] Check the fuse
    1. Plug in
    2) Start in the ![app icon](img.png) Lanto Link app

    > Quoted tip: precondition the battery.

    | Item | Value |
    |------|------:|
    | AC max | 11 kW |
    | DC max | 240 kW |

    | Model | Range | Price |
    |---|---|---|
    | E5 | 480 km | ¥149,800 |
    | E7 | 650 km | |

    ```swift
    let x = 1 // kept as text
    ```

    ## Warranty
    保修期为四年或十二万公里，
    以先到者为准。

    Setext Heading
    --------------

    snake_case stays, 2 * 3 stays, ~5 km stays, a \\*star\\* escaped &amp; decoded.
    """

    func testTitleSectionsAndBlocks() throws {
        let file = try parse("docs/en/e7-guide.md", sample)
        XCTAssertEqual(file.document.title, "E7 Owner Guide")
        XCTAssertEqual(file.document.format, .markdown)
        XCTAssertEqual(file.document.id, DocumentID.make(name: "docs/en/e7-guide.md"))
        XCTAssertEqual(file.document.fingerprint, SHA256.hex(Data(sample.utf8)))
        XCTAssertEqual(file.document.byteCount, sample.utf8.count)
        let doc = MarkdownParser.parse(Array(sample.utf8))
        let texts = doc.blocks.map(\.text)
        XCTAssertEqual(doc.blocks.first, TextBlock(.heading(level: 1), "E7 Owner Guide"))
        XCTAssertTrue(texts.contains("Intro paragraph with bold, italic, code and a link. It continues on a second line."), "\(texts)")
        XCTAssertFalse(texts.joined().contains("editor note"))
        XCTAssertFalse(texts.joined().contains("author"))
        XCTAssertTrue(doc.blocks.contains(TextBlock(.listItem, "Install the 11 kW wall box.")))
        XCTAssertTrue(doc.blocks.contains(TextBlock(.listItem, "Check the fuse")))
        XCTAssertTrue(doc.blocks.contains(TextBlock(.listItem, "Plug in")))
        XCTAssertTrue(doc.blocks.contains(TextBlock(.listItem, "Start in the app icon Lanto Link app")))
        XCTAssertTrue(doc.blocks.contains(TextBlock(.paragraph, "Quoted tip: precondition the battery.")))
        XCTAssertTrue(doc.blocks.contains(TextBlock(.tableRow, "AC max: 11 kW")))
        XCTAssertTrue(doc.blocks.contains(TextBlock(.tableRow, "DC max: 240 kW")))
        XCTAssertFalse(texts.contains("Item: Value"))
        XCTAssertFalse(texts.contains("Item | Value"), "a generic value column is not named")
        // A two-column table whose value column says what its values are: that header first.
        XCTAssertEqual(TableRows.render([["Model", "Cold pressure (bar)"], ["L3", "2.3"], ["L5", "2.4"]]),
                       ["Model | Cold pressure (bar)", "L3: 2.3", "L5: 2.4"])
        XCTAssertEqual(TableRows.render([["车型", "机油加注量"], ["L3", "4.2升"]]), ["车型 | 机油加注量", "L3: 4.2升"])
        XCTAssertEqual(TableRows.render([["项目", "参数"], ["电池", "60 kWh"]]), ["电池: 60 kWh"])
        XCTAssertEqual(TableRows.render([["Item", "Value (km)"], ["Range", "650"]]), ["Range: 650"], "a unit does not name the values")
        XCTAssertEqual(TableRows.render([["Model", ""], ["L3", "2.3 bar"]]), ["L3: 2.3 bar"], "no header line without both names")
        XCTAssertEqual(TableRows.render([["Model", "Pressure"]]), [], "no header line without rows")
        XCTAssertTrue(doc.blocks.contains(TextBlock(.tableRow, "Model: E5; Range: 480 km; Price: ¥149,800")))
        XCTAssertTrue(doc.blocks.contains(TextBlock(.tableRow, "Model: E7; Range: 650 km")))
        XCTAssertTrue(doc.blocks.contains(TextBlock(.code, "let x = 1 // kept as text")))
        XCTAssertTrue(doc.blocks.contains(TextBlock(.paragraph, "保修期为四年或十二万公里，以先到者为准。")), "CJK lines join without a space")
        XCTAssertTrue(doc.blocks.contains(TextBlock(.heading(level: 2), "Setext Heading")))
        XCTAssertTrue(texts.contains("snake_case stays, 2 * 3 stays, ~5 km stays, a *star* escaped & decoded."), "\(texts)")
    }

    func testChunksCarrySectionPathWithoutTitle() throws {
        let file = try parse("guide.md", sample)
        XCTAssertFalse(file.chunks.isEmpty)
        XCTAssertTrue(file.chunks.allSatisfy { $0.kind == .passage && $0.title == "E7 Owner Guide" && !$0.text.isEmpty })
        XCTAssertEqual(file.chunks.first?.sectionPath, [])
        XCTAssertTrue(file.chunks.first?.text.hasPrefix("Intro paragraph") ?? false)
        let home = file.chunks.first { $0.text.contains("wall box") }
        XCTAssertEqual(home?.sectionPath, ["Charging", "Home charger"])
        let warranty = file.chunks.first { $0.text.contains("保修期") }
        XCTAssertEqual(warranty?.sectionPath, ["Warranty"])
        let setext = file.chunks.first { $0.text.contains("snake_case") }
        XCTAssertEqual(setext?.sectionPath, ["Setext Heading"])
        for (i, chunk) in file.chunks.enumerated() {
            XCTAssertEqual(chunk.ordinal, i)
            XCTAssertEqual(chunk.id, "\(file.document.id)#\(i)")
            XCTAssertEqual(chunk.documentID, file.document.id)
        }
    }

    func testTitleFallsBackToReadableFileName() throws {
        let file = try parse("docs/en/home_charging-faq.md", "## Only a section\n\nSome text.")
        XCTAssertEqual(file.document.title, "Home charging faq")
        XCTAssertEqual(file.chunks.map(\.sectionPath), [["Only a section"]])
    }

    func testClosingHashesAndUnclosedConstructs() {
        let doc = MarkdownParser.parse(Array("## Heading ##\n\nText with [unclosed link and `unclosed code and <b>tag</b>.\n\n```\nunterminated fence".utf8))
        XCTAssertEqual(doc.blocks.first, TextBlock(.heading(level: 2), "Heading"))
        XCTAssertEqual(doc.blocks[1].text, "Text with [unclosed link and `unclosed code and tag.")
        XCTAssertEqual(doc.blocks.last, TextBlock(.code, "unterminated fence"))
    }

    func testMultiLineCommentAndReferenceLink() {
        let doc = MarkdownParser.parse(Array("Before <!-- start\nstill comment\nend --> after\n\nSee [the manual][man] now.\n\n[man]: https://x".utf8))
        XCTAssertEqual(doc.blocks.first?.text, "Before after")
        XCTAssertEqual(doc.blocks[1].text, "See the manual now.")
    }
}
