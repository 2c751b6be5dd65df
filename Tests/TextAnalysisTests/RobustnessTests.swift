import XCTest
@testable import TextAnalysis

final class RobustnessTests: XCTestCase {
    let analyzer = Analyzer(lexicon: Lexicon(words: ["保养套餐", "Lanto Pilot", "X5"]))

    static let oddInputs: [String] = [
        "", " ", "\n\n\t", "\u{3000}\u{3000}", "😀", "👨‍👩‍👧‍👦🏳️‍🌈", "5️⃣", "🇨🇳🇺🇸",
        "\u{301}", "\u{301}\u{302}abc", "a\u{200D}b", "\u{FEFF}bom", "soft\u{AD}hyphen",
        "\u{0}\u{1}\u{7F}", "\u{FFFD}\u{FFFD}", "'", "''s", "'s", "x's", "-", "--a--", "1,", ",123",
        "1,2345", "...", ".5", "5.", "a.", "。", "！？", "ﾞ", "\u{3099}", "e\u{301}\u{301}\u{301}",
        String(decoding: [0xFF, 0xFE, 0xC3, 0x28, 0xE2, 0x82, 0x41, 0xF0, 0x9F, 0x98], as: UTF8.self),
        String(repeating: "字", count: 5_000), String(repeating: "a", count: 10_000),
        String(repeating: "1-", count: 3_000), "ǅungla ǈ ǋ", "İı", "ﷺ", "ㄅㄆㄇ", "ไทยภาษา",
    ]

    func testOddInputsNeverCrashAndStayConsistent() {
        for text in Self.oddInputs {
            let terms = analyzer.terms(text)
            let tokens = analyzer.tokens(text)
            XCTAssertEqual(tokens.map(\.term), terms, "terms/tokens differ for \(text.debugDescription)")
            check(tokens, in: text)
            XCTAssertFalse(terms.contains(""), text.debugDescription)
            for s in SentenceSplitter.split(text) { XCTAssertFalse(s.trimmingWhitespace().isEmpty) }
            _ = LanguageDetector.detect(text)
            _ = Normalizer.normalize(text)
            _ = PorterStemmer.stem(text)
            _ = Lexicon(words: [text]).matches(in: text)
        }
    }

    func testEmptyAndBlank() {
        XCTAssertEqual(analyzer.terms(""), [])
        XCTAssertEqual(analyzer.terms(" \n\t\u{3000} "), [])
        XCTAssertEqual(analyzer.tokens(""), [])
        XCTAssertEqual(analyzer.terms("😀 !!! ？？"), [])
        XCTAssertEqual(analyzer.terms("hello😀world"), ["hello", "world"])
    }

    func testRandomMixedInputFuzz() {
        var rng = SplitMix64(seed: 0x5EED)
        let pieces: [String] = [
            "保", "养", "的", "套餐", "X5", "Ｘ５", "lanto", " ", "  ", "\n", "\n\n", ".", "。", "！", "?", "-", "'",
            "’s", "2.0T", "0W-20", "1,299", "😀", "\u{301}", "é", "ß", "ｶﾞ", "가", "の", "\u{200D}", "Mr.", "e.g.",
            "“", "”", "（", "）", "3.5%", "№", "ﬁ", "\u{FEFF}", "Pilot", "\t", "/", ":", "_", ",",
        ]
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<Int(rng.next() % 40) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
            let tokens = analyzer.tokens(text)
            XCTAssertEqual(tokens.map(\.term), analyzer.terms(text))
            check(tokens, in: text)
            let sentences = SentenceSplitter.split(text)
            for s in sentences {
                XCTAssertFalse(s.isEmpty)
                XCTAssertEqual(s, s.trimmingWhitespace())
            }
        }
    }

    func testLongTextsAnalyzedInPiecesGiveIdenticalResults() {
        var rng = SplitMix64(seed: 42)
        let pieces = ["保养套餐", "Lanto Pilot", "X5", "！", "。", "，", "(", ")", "?", "!", " ", "\n", "0W-20", "1,299",
                      "e\u{301}", "😀", "👍🏽", "的", "won't", "E7's", "\"", ";", "、", "ﬁ", "Ｘ５", "2.0T", "lanto-pilot"]
        for _ in 0..<20 {
            var text = ""
            for _ in 0..<400 { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
            let whole = analyzer.terms(text, pieceSize: 1 << 40)
            XCTAssertEqual(analyzer.terms(text, pieceSize: 64), whole)
            XCTAssertEqual(analyzer.terms(text), whole)
            let wholeTokens = analyzer.tokens(text, pieceSize: 1 << 40)
            let pieceTokens = analyzer.tokens(text, pieceSize: 64)
            XCTAssertEqual(pieceTokens, wholeTokens)
            check(pieceTokens, in: text)
        }
        // Cuts fall right after the full stop, never inside the CJK run or the word.
        let bytes = Array("保养。".utf8) + Array(repeating: 0x61, count: 300)
        XCTAssertEqual(bytes.withUnsafeBufferPointer { TextPieces.cutPoints($0, size: 2) }, [9])
    }

    /// Every range lies inside the text, is non-empty and consistent across units.
    private func check(_ tokens: [Token], in text: String) {
        let utf8 = text.utf8.count, utf16 = text.utf16.count, chars = text.count
        for t in tokens {
            XCTAssertFalse(t.term.isEmpty)
            XCTAssertTrue(t.utf8Range.lowerBound >= 0 && t.utf8Range.upperBound <= utf8 && !t.utf8Range.isEmpty)
            XCTAssertTrue(t.utf16Range.lowerBound >= 0 && t.utf16Range.upperBound <= utf16 && !t.utf16Range.isEmpty)
            XCTAssertTrue(t.characterRange.lowerBound >= 0 && t.characterRange.upperBound <= chars
                          && !t.characterRange.isEmpty, "\(t) in \(text.debugDescription)")
            _ = text[t.range(in: text)]
        }
    }
}

/// Small deterministic PRNG for the fuzz test.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
