import XCTest
@testable import TextAnalysis

final class ChineseAnalysisTests: XCTestCase {
    let analyzer = Analyzer()

    func testRunGivesUnigramsAndBigramsInOrder() {
        XCTAssertEqual(analyzer.terms("保养套餐"), ["保", "保养", "养", "养套", "套", "套餐", "餐"])
    }

    func testStopCharactersDroppedFromUnigramsOnly() {
        // 的 and 么 lose their unigram but stay inside bigrams.
        XCTAssertEqual(analyzer.terms("好的，怎么办"), ["好", "好的", "怎", "怎么", "么办", "办"])
        let keep = Analyzer(options: AnalyzerOptions(removeStopwords: false))
        XCTAssertEqual(keep.terms("好的"), ["好", "好的", "的"])
        XCTAssertTrue(Stopwords.isChineseStopCharacter("的"))
        XCTAssertFalse(Stopwords.isChineseStopCharacter("车"))
    }

    func testMixedTextKeepsScriptsApart() {
        XCTAssertEqual(analyzer.terms("我的X5保养"), ["我", "我的", "x5", "保", "保养", "养"])
        XCTAssertEqual(analyzer.terms("OTA升级失败"), ["ota", "升", "升级", "级", "级失", "失", "失败", "败"])
        XCTAssertEqual(analyzer.terms("换0W-20机油"), ["换", "0w-20", "机", "机油", "油"])
    }

    func testFullWidthMixedInput() {
        XCTAssertEqual(analyzer.terms("我的Ｘ５保养！"), analyzer.terms("我的X5保养!"))
        XCTAssertEqual(analyzer.terms("电话：４００－８２０－６６８８"), ["电", "电话", "话", "400-820-6688"])
    }

    func testSingleCharacterRuns() {
        XCTAssertEqual(analyzer.terms("车"), ["车"])
        XCTAssertEqual(analyzer.terms("X5 车 OTA"), ["x5", "车", "ota"])
        XCTAssertEqual(analyzer.terms("的"), [])
        // A one-character run still gives its unigram when only bigrams are enabled.
        let bigramOnly = Analyzer(options: AnalyzerOptions(cjkUnigrams: false))
        XCTAssertEqual(bigramOnly.terms("车 保养"), ["车", "保养"])
    }

    func testWhitespaceAndPunctuationEndRuns() {
        XCTAssertEqual(analyzer.terms("保养 套餐"), ["保", "保养", "养", "套", "套餐", "餐"])
        XCTAssertEqual(analyzer.terms("保养。套餐"), ["保", "保养", "养", "套", "套餐", "餐"])
    }

    func testUnigramAndBigramSwitches() {
        let bigramsOnly = Analyzer(options: AnalyzerOptions(cjkUnigrams: false))
        XCTAssertEqual(bigramsOnly.terms("我的X5保养"), ["我的", "x5", "保养"])
        let unigramsOnly = Analyzer(options: AnalyzerOptions(cjkBigrams: false))
        XCTAssertEqual(unigramsOnly.terms("我的X5保养"), ["我", "x5", "保", "养"])
        let none = Analyzer(options: AnalyzerOptions(cjkUnigrams: false, cjkBigrams: false))
        XCTAssertEqual(none.terms("我的X5保养"), ["x5"])
    }

    func testKanaAndHangulAreCJKRuns() {
        XCTAssertEqual(analyzer.terms("ガソリン"), ["ガ", "ガソ", "ソ", "ソリ", "リ", "リン", "ン"])
        XCTAssertEqual(analyzer.terms("ｶﾞｿﾘﾝ"), analyzer.terms("ガソリン"))
        XCTAssertEqual(analyzer.terms("안녕"), ["안", "안녕", "녕"])
    }

    func testRareHanOutsideTheBMP() {
        // U+20BB7 𠮷 (extension B) is a Han character like any other.
        XCTAssertEqual(analyzer.terms("𠮷野家"), ["𠮷", "𠮷野", "野", "野家", "家"])
    }
}
