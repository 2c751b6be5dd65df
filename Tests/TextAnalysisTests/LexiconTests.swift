import XCTest
@testable import TextAnalysis

final class LexiconTests: XCTestCase {
    func testForwardLongestMatchWithOverlappingEntries() {
        let lexicon = Lexicon(words: ["保养", "保养套餐", "套餐价格"])
        // At 保 the longest entry is 保养套餐; matching resumes at 价, so 套餐价格 is not found.
        XCTAssertEqual(lexicon.matches(in: "保养套餐价格"), ["保养套餐"])
        XCTAssertEqual(lexicon.matches(in: "套餐价格和保养"), ["套餐价格", "保养"])
        let analyzer = Analyzer(lexicon: lexicon)
        XCTAssertEqual(analyzer.terms("保养套餐价格"),
                       ["保养套餐", "保", "保养", "养", "养套", "套", "套餐", "餐", "餐价", "价", "价格", "格"])
    }

    func testTwoCharacterEntryIsAnExtraTermBesideItsBigram() {
        let analyzer = Analyzer(lexicon: Lexicon(words: ["保养"]))
        XCTAssertEqual(analyzer.terms("保养"), ["保养", "保", "保养", "养"])
        XCTAssertEqual(analyzer.tokens("保养").map(\.kind), [.lexicon, .cjkUnigram, .cjkBigram, .cjkUnigram])
    }

    func testLatinPhraseBecomesUnderscoreTerm() {
        let analyzer = Analyzer(lexicon: Lexicon(words: ["Lanto Pilot"]))
        XCTAssertEqual(analyzer.terms("Enable Lanto Pilot now"), ["enabl", "lanto_pilot", "lanto", "pilot", "now"])
        XCTAssertEqual(analyzer.terms("LANTO-PILOT"), ["lanto_pilot", "lanto", "pilot"])
        XCTAssertEqual(analyzer.terms("ＬＡＮＴＯ　ＰＩＬＯＴ"), ["lanto_pilot", "lanto", "pilot"])
        // Sentence punctuation between the words breaks the phrase.
        XCTAssertEqual(analyzer.terms("Lanto. Pilot"), ["lanto", "pilot"])
    }

    func testLongestLatinPhraseWins() {
        let lexicon = Lexicon(words: ["X5", "X5 Pro", "Pro Max"])
        XCTAssertEqual(lexicon.matches(in: "my X5 Pro Max"), ["x5_pro"])
        XCTAssertEqual(Analyzer(lexicon: lexicon).terms("X5 Pro Max"), ["x5_pro", "x5", "pro", "max"])
    }

    func testPhraseWithStopwordsInside() {
        let analyzer = Analyzer(lexicon: Lexicon(words: ["bring your own device"]))
        XCTAssertEqual(analyzer.terms("Bring your own device policy"),
                       ["bring_your_own_device", "bring", "devic", "polici"])
    }

    func testMixedScriptEntry() {
        let analyzer = Analyzer(lexicon: Lexicon(words: ["蓝图X5"]))
        XCTAssertEqual(analyzer.terms("我的蓝图X5"), ["我", "我的", "的蓝", "蓝图x5", "蓝", "蓝图", "图", "x5"])
    }

    func testSingleWordEntriesAreProtected() {
        XCTAssertEqual(Analyzer().terms("Ares IT support"), ["ar", "support"])
        let analyzer = Analyzer(lexicon: Lexicon(words: ["Ares", "IT"]))
        XCTAssertEqual(analyzer.terms("Ares IT support"), ["ares", "it", "support"])
    }

    func testLexiconSwitch() {
        let lexicon = Lexicon(words: ["保养套餐", "Lanto Pilot", "Ares"])
        let off = Analyzer(lexicon: lexicon, options: AnalyzerOptions(lexiconWords: false))
        XCTAssertEqual(off.terms("保养套餐"), Analyzer().terms("保养套餐"))
        XCTAssertEqual(off.terms("Lanto Pilot Ares"), ["lanto", "pilot", "ar"])
    }

    func testEntriesAreNormalized() {
        var lexicon = Lexicon(words: ["  ＬＡＮＴＯ Pilot ", "", "   ", "!!!"])
        XCTAssertEqual(lexicon.words, ["lanto pilot"])
        XCTAssertEqual(lexicon.count, 1)
        XCTAssertTrue(lexicon.contains("Lanto Pilot"))
        XCTAssertFalse(lexicon.contains("Lanto"))
        lexicon.insert("保养套餐")
        XCTAssertEqual(lexicon.count, 2)
        XCTAssertTrue(Lexicon().isEmpty)
        XCTAssertTrue(Lexicon(words: ["", "  ", "!!!"]).isEmpty)
        XCTAssertEqual(Lexicon(words: ["Ｘ５", "保养"]), Lexicon(words: ["保养", "x5", "X5"]))
        XCTAssertNotEqual(Lexicon(words: ["x5"]), Lexicon(words: ["x6"]))
    }

    func testTokensOfLexiconMatchSpanTheWholeMatch() {
        let analyzer = Analyzer(lexicon: Lexicon(words: ["Lanto Pilot"]))
        let text = "Use Lanto  Pilot."
        let token = analyzer.tokens(text).first { $0.kind == .lexicon }
        XCTAssertEqual(token?.term, "lanto_pilot")
        XCTAssertEqual(token.map { String(text[$0.range(in: text)]) }, "Lanto  Pilot")
    }
}
