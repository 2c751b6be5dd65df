import Foundation
import KnowledgeModel
import TextAnalysis
import XCTest
@testable import Ingestion

/// The fast paths added for issue #10 (32 MiB files under 2 s) must give exactly what the code
/// they replaced gave. Each test compares a fast path with the former implementation, kept here
/// as the reference, or pins the output of a parser on input that exercises the fast path.
final class FastPathEquivalenceTests: XCTestCase {
    /// Every scalar: the table-free predicate equals Unicode White_Space (what `trimmedSpaces`
    /// used), and with U+200B Foundation's whitespacesAndNewlines (what `normalizeHeader` used).
    func testUnicodeSpacesMatchThePropertyAndFoundation() {
        let foundation = CharacterSet.whitespacesAndNewlines
        for v in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let fast = UnicodeSpaces.isWhitespace(scalar)
            XCTAssertEqual(fast, scalar.properties.isWhitespace, "U+\(String(v, radix: 16))")
            XCTAssertEqual(fast || v == 0x200B, foundation.contains(scalar), "U+\(String(v, radix: 16))")
        }
    }

    func testNormalizeHeaderMatchesTheFormerImplementation() {
        var samples = ["id", " Question ", "Similar-Questions", "similar questions", "FAQ_ID", "\u{3000}答案\u{3000}",
                       "E7款", " 30% E7款", "a - b", "-x-", "_", " ", "", "Über Straße", "A\u{0301}-B", "a -\u{0301} b",
                       "\u{00A0}tags\u{2003}", "x\r\ny", "Ǆ-ǅ", "ß_SS", "İstanbul", "a\tb", "a \u{200D} b", "\u{85}q\u{85}", "\u{200B}zw\u{200B}"]
        var random = SystemRandomNumberGenerator()
        let pieces = [" ", "-", "_", "\t", "a", "Z", "é", "\u{0301}", "款", "\u{3000}", "\u{00A0}", "\r", "\n", "İ", "\u{200D}", "|", "\u{200B}", "中", "、", "ア", "\u{3099}", "\u{302A}", "Ａ", "ｶ", "\u{FF9E}", "한", "\u{1100}", "%"]
        for _ in 0..<2000 {
            samples.append((0..<Int.random(in: 0...8, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined())
        }
        for s in samples {
            XCTAssertEqual(CSVParser.normalizeHeader(s), Self.formerNormalizeHeader(s), "\(Array(s.unicodeScalars))")
        }
    }

    func testTrimmedSpacesMatchesFoundationTrimming() {
        for s in ["", " ", "a", " a ", "\u{3000}中文。\u{3000}", "\u{2028}x\u{205F}", "\u{1680}\u{180E}", "x\u{0301} ", " \u{0301}x"] {
            XCTAssertEqual(s.trimmedSpaces(), s.trimmingCharacters(in: .whitespacesAndNewlines), "\(Array(s.unicodeScalars))")
        }
    }

    func testThirdsMatchesTheFormerLoop() {
        var random = SystemRandomNumberGenerator()
        let pieces = ["a", " ", "é", "—", "€", "中", "。", "😀", "ｱ", "\u{2E80}", "\u{E000}", "\u{3000}"]
        for _ in 0..<500 {
            let s = (0..<Int.random(in: 0...40, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
            var former = 0
            for b in s.utf8 {
                if b < 0x80 || (b >= 0xC0 && b < 0xE0) { former += 1 } else if b >= 0xE3 { former += 3 } else if b >= 0xE0 { former += 1 }
            }
            XCTAssertEqual(TextMeasure.thirds(s), former, s)
        }
    }

    /// The word-at-a-time ASCII skip must find the same first invalid byte as the byte loop.
    func testFirstInvalidUTF8MatchesTheFormerLoop() {
        var random = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [[0x61], Array("abcdefghijklmnop".utf8), [0xC3, 0xA9], [0xE4, 0xB8, 0xAD], [0xF0, 0x9F, 0x98, 0x80],
                                 [0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE4, 0xB8], [0xFF]]
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...30, using: &random) {
                let valid = Int.random(in: 0..<10, using: &random) > 0
                bytes += pieces[valid ? Int.random(in: 0...4, using: &random) : Int.random(in: 5..<pieces.count, using: &random)]
            }
            let start = Int.random(in: 0...min(3, bytes.count), using: &random)
            XCTAssertEqual(TextDecoding.firstInvalidUTF8(bytes[start...]), Self.formerFirstInvalidUTF8(bytes[start...]), "\(bytes)")
        }
    }

    /// Table cells are now slices of the line; escapes, code spans and inline markup stay as they were.
    func testMarkdownTableCellsArePinned() throws {
        let md = "# T\n\n| 名称 | 值 |\n|---|:--:|\n| **续航** | 600 km |\n| a \\| b | `x | y` |\n| [链接](u) | &amp; _e_ |\n| 只有一格 |\n"
        let file = try Importer().parse(name: "t.md", data: Data(md.utf8), importedAt: 0)
        XCTAssertEqual(file.chunks.map(\.text), ["续航: 600 km\na | b: x | y\n链接: & e\n只有一格"])
    }

    /// Runs of plain text are copied at once; every markup byte still goes through the rules.
    func testInlineReductionIsPinned() {
        let cases: [(String, String)] = [
            ("plain text only", "plain text only"),
            ("a*b* _c_ ~~d~~ `e` \\* [f](g) ![h](i) <b>j</b> &lt; k!", "ab c d e * f h j < k!"),
            ("中文行\n继续\nnext line", "中文行继续 next line"),
            ("trailing \\\nbreak", "trailing break"),
            ("<https://x.example/a> and <br>", "https://x.example/a and"),
            ("!!!!! ??? ***", "!!!!! ??? ***"),
        ]
        for (src, expected) in cases {
            XCTAssertEqual(MarkdownInline.reduce(Array(src.utf8)[...]), expected, src)
        }
    }

    /// A wide header line is normalised quickly (it took 3.5 s for 7 MB in a release build).
    func testWideHeaderIsFast() {
        let header = Array(String(repeating: "E7款, 30% ", count: 40_000).utf8)
        let start = Date()
        XCTAssertEqual(FormatDetection.csvKind(header), .csv)  // no record kind: a table
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }

    /// A duplicate FAQ id is reported at its line, without the rows after it being converted.
    func testDuplicateFAQIDStillNamesItsLine() {
        let csv = "id,question,answer\n" + String(repeating: "F1,q,a\n", count: 3)
        XCTAssertThrowsError(try Importer().parse(name: "f.csv", data: Data(csv.utf8), importedAt: 0)) { error in
            XCTAssertEqual((error as? IngestionError)?.message, "line 3: duplicate FAQ id F1")
        }
    }

    // MARK: former implementations

    /// The general (character by character) path after Foundation's trimming: what
    /// `normalizeHeader` did for every name before its byte path and own trimming.
    static func formerNormalizeHeader(_ name: String) -> String {
        CSVParser.normalizedTrimmedHeader(Substring(name.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// The offset of the first ill-formed byte by the standard library's UTF-8 parser (an
    /// independent reference for the hand-written validator).
    static func formerFirstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var input = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &input) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
