@testable import Graph
import TextAnalysis
import XCTest

/// Word-start containment of folded attribute terms.
final class AttributeTextTests: XCTestCase {
    func testLatinTermsMatchWholeWordsAndPrefixesOnlyWithAStar() {
        XCTAssertTrue(AttributeText.contains("what is the range of the e9", "range"))
        XCTAssertFalse(AttributeText.contains("how do i arrange a visit", "range"))
        XCTAssertFalse(AttributeText.contains("powertrain warranty", "power"))
        XCTAssertTrue(AttributeText.contains("home charger price", "charg*"))
        XCTAssertTrue(AttributeText.contains("range", "range"))
        XCTAssertFalse(AttributeText.contains("ranges", "range"))
        XCTAssertTrue(AttributeText.contains("0-100 km/h in 3.9 s", "0-100"))
        XCTAssertFalse(AttributeText.contains("café range", "caf"))
        XCTAssertTrue(AttributeText.contains("续航range是多少", "range"), "an ideograph is not part of a Latin word")
    }

    func testChineseTermsMatchAnywhere() {
        XCTAssertTrue(AttributeText.contains("e7的续航是多少", "续航"))
        XCTAssertFalse(AttributeText.contains("e7的价格", "续航"))
        XCTAssertFalse(AttributeText.contains("", "续航"))
        XCTAssertFalse(AttributeText.contains("续", "续航"))
        XCTAssertFalse(AttributeText.contains("anything", "*"))
    }

    /// Folding as first written, Character by Character, then split and joined: the oracle
    /// the one-pass `fold` must agree with.
    static func plainFold(_ text: String) -> String {
        var out = ""
        for ch in Normalizer.normalize(text) {
            if "–—−~～".contains(ch) { out.append("-"); continue }
            if ch.isLetter || ch.isNumber || "-%./+'".contains(ch) { out.append(ch) } else { out.append(" ") }
        }
        return out.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    func testFoldingAgreesWithThePlainDefinition() {
        XCTAssertEqual(AttributeText.fold("  E7 的续航—多少？ 0~100 km/h, 3.9s!! "), "e7 的续航-多少 0-100 km/h 3.9s")
        XCTAssertEqual(AttributeText.fold("…"), "...", "NFKC spells the ellipsis with dots, which are kept")
        // Random strings over letters, digits, marks, CJK, dashes, combining accents, emoji and spaces.
        let pieces: [String] = ["a", "Z", "7", "٣", "é", "e\u{301}", "-", "–", "—", "−", "~", "～", "~\u{301}", "%", ".", "/", "+", "'",
                                "’", ",", "，", "？", "!", " ", "\t", "\n", "\u{3000}", "续", "航", "ｅ", "Ⅻ", "½", "👍", "🇨🇳", "\u{200D}", "ß", "İ"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            XCTAssertEqual(AttributeText.fold(text), Self.plainFold(text), text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
        }
    }
}
