import KnowledgeModel
import TextAnalysis
import XCTest
@testable import Ingestion

final class ChunkerTests: XCTestCase {
    /// Small sizes so short fixtures exercise the limits: target 30 chars (90 Latin letters), max 60.
    let small = ChunkerOptions(targetChars: 30, maxChars: 60, overlapSentences: 1)

    func sentences(_ count: Int, prefix: String = "S") -> [String] {
        (1...count).map { "\(prefix)\($0) has a few plain words here." }
    }

    func testMeasure() {
        XCTAssertEqual(TextMeasure.thirds("abc"), 3)
        XCTAssertEqual(TextMeasure.chars("abcdef"), 2)
        XCTAssertEqual(TextMeasure.chars("保修期"), 3)
        XCTAssertEqual(TextMeasure.chars("E7续航"), 3)          // 2 Latin thirds + 2 CJK
        XCTAssertEqual(TextMeasure.thirds("é—"), 2)            // Latin-1 and general punctuation count 1/3
        XCTAssertEqual(TextMeasure.thirds("，。"), 6)           // CJK punctuation counts 1
    }

    func testHeadingsStartNewChunksAndBuildPaths() {
        let blocks = [
            TextBlock(.heading(level: 1), "Guide"),
            TextBlock(.paragraph, "Intro text."),
            TextBlock(.heading(level: 2), "Charging"),
            TextBlock(.heading(level: 3), "Home"),
            TextBlock(.paragraph, "Use the wall box."),
            TextBlock(.heading(level: 2), "Empty section"),
            TextBlock(.heading(level: 2), "Warranty"),
            TextBlock(.paragraph, "Four years."),
            TextBlock(.heading(level: 1), "Appendix"),
            TextBlock(.listItem, "Item."),
        ]
        let chunks = Chunker(options: small).chunk(blocks, documentID: "dabc", title: "Guide")
        XCTAssertEqual(chunks.map(\.text), ["Intro text.", "Use the wall box.", "Four years.", "Item."])
        XCTAssertEqual(chunks.map(\.sectionPath), [[], ["Charging", "Home"], ["Warranty"], ["Appendix"]])
        XCTAssertEqual(chunks.map(\.id), ["dabc#0", "dabc#1", "dabc#2", "dabc#3"])
        XCTAssertTrue(chunks.allSatisfy { $0.title == "Guide" && $0.kind == .passage && $0.documentID == "dabc" })
    }

    func testBoundedSizesWholeSentencesAndOverlap() {
        let all = sentences(12)
        let blocks = stride(from: 0, to: all.count, by: 3).map { TextBlock(.paragraph, all[$0..<($0 + 3)].joined(separator: " ")) }
        let chunks = Chunker(options: small).chunk(blocks, documentID: "d", title: "T")
        XCTAssertGreaterThan(chunks.count, 2)
        for chunk in chunks {
            XCTAssertLessThanOrEqual(TextMeasure.chars(chunk.text), small.maxChars, chunk.text)
            XCTAssertFalse(chunk.text.isEmpty)
        }
        // No sentence is cut: every sentence appears whole in some chunk.
        for sentence in all {
            XCTAssertTrue(chunks.contains { $0.text.contains(sentence) }, sentence)
        }
        // One sentence of overlap: each chunk starts with the previous chunk's last sentence.
        for (previous, next) in zip(chunks, chunks.dropFirst()) {
            let last = SentenceSplitter.split(previous.text).last!
            XCTAssertTrue(next.text.hasPrefix(last), "\(previous.text) | \(next.text)")
        }
    }

    func testNoOverlapAcrossSectionsOrWhenDisabled() {
        let blocks = [TextBlock(.paragraph, sentences(2).joined(separator: " ")), TextBlock(.heading(level: 2), "Next"),
                      TextBlock(.paragraph, "Fresh start here.")]
        let chunks = Chunker(options: small).chunk(blocks, documentID: "d", title: "T")
        XCTAssertEqual(chunks.last?.text, "Fresh start here.")
        let noOverlap = ChunkerOptions(targetChars: 30, maxChars: 60, overlapSentences: 0)
        let long = sentences(8).map { TextBlock(.paragraph, $0) }
        let plain = Chunker(options: noOverlap).chunk(long, documentID: "d", title: "T")
        XCTAssertEqual(plain.map(\.text).joined(separator: "\n"), sentences(8).joined(separator: "\n"))
    }

    func testOversizedParagraphIsCutBetweenSentences() {
        let paragraph = sentences(10, prefix: "P").joined(separator: " ")
        XCTAssertGreaterThan(TextMeasure.chars(paragraph), small.maxChars)
        let chunks = Chunker(options: small).chunk([TextBlock(.paragraph, paragraph)], documentID: "d", title: "T")
        XCTAssertGreaterThan(chunks.count, 1)
        for chunk in chunks {
            XCTAssertLessThanOrEqual(TextMeasure.chars(chunk.text), small.maxChars)
            for piece in SentenceSplitter.split(chunk.text) {
                XCTAssertTrue(sentences(10, prefix: "P").contains(piece), "cut inside a sentence: \(piece)")
            }
        }
    }

    func testSingleHugeSentenceIsHardSplit() {
        let cjk = String(repeating: "电池保修八年或十六万公里", count: 20)  // 240 CJK chars, no punctuation
        let latin = Array(repeating: "word", count: 200).joined(separator: " ")
        for text in [cjk, latin] {
            let chunks = Chunker(options: small).chunk([TextBlock(.paragraph, text)], documentID: "d", title: "T")
            XCTAssertGreaterThan(chunks.count, 1)
            for chunk in chunks { XCTAssertLessThanOrEqual(TextMeasure.chars(chunk.text), small.maxChars) }
            if text == latin {
                XCTAssertTrue(chunks.allSatisfy { !$0.text.hasPrefix(" ") && $0.text.split(separator: " ").allSatisfy { $0 == "word" } })
            } else {
                XCTAssertEqual(chunks.map(\.text).joined().count, cjk.count, "no characters lost when overlap is disabled for parts")
            }
        }
    }

    func testListItemsAndTableRowsStayWhole() {
        let items = (1...10).map { TextBlock(.listItem, "Item \($0): check tyre pressure and brake fluid") }
        let rows = (1...6).map { TextBlock(.tableRow, "Model: E\($0); Range: \($0 * 100) km; Price: ¥\($0),000") }
        let chunks = Chunker(options: small).chunk(items + rows, documentID: "d", title: "T")
        for block in items + rows {
            XCTAssertTrue(chunks.contains { $0.text.components(separatedBy: "\n").contains(block.text) }, block.text)
        }
    }

    func testNoEmptyChunks() {
        let blocks = [TextBlock(.heading(level: 2), "A"), TextBlock(.paragraph, "   "), TextBlock(.heading(level: 2), "B")]
        XCTAssertEqual(Chunker(options: small).chunk(blocks, documentID: "d", title: "T"), [])
        XCTAssertEqual(Chunker().chunk([], documentID: "d", title: "T"), [])
    }

    func testDefaultOptionsPackMarkdownIntoFewChunks() throws {
        let paragraphs = (1...30).map { "Paragraph \($0) explains how the Lanto Link app schedules charging at night when power is cheaper." }
        let file = try parse("long.md", "# Long\n\n" + paragraphs.joined(separator: "\n\n"))
        XCTAssertGreaterThan(file.chunks.count, 1)
        XCTAssertLessThan(file.chunks.count, 10)
        for chunk in file.chunks {
            XCTAssertLessThanOrEqual(TextMeasure.chars(chunk.text), ChunkerOptions().maxChars)
        }
    }

    func testOverlapOfATableRowIsTheWholeRow() {
        let rows = (1...8).map { TextBlock(.tableRow, "Store: Centre \($0); City: Hangzhou; Services: sales; repairs; charging") }
        let chunks = Chunker(options: ChunkerOptions(targetChars: 60, maxChars: 120)).chunk(rows, documentID: "d", title: "T")
        XCTAssertGreaterThan(chunks.count, 2)
        for chunk in chunks {
            for line in chunk.text.components(separatedBy: "\n") {
                XCTAssertTrue(rows.map(\.text).contains(line), "row fragment: \(line)")
            }
        }
        for (previous, next) in zip(chunks, chunks.dropFirst()) {
            XCTAssertEqual(next.text.components(separatedBy: "\n").first, previous.text.components(separatedBy: "\n").last)
        }
    }
}
