import XCTest
@testable import TextAnalysis

final class EnglishAnalysisTests: XCTestCase {
    let analyzer = Analyzer()

    func testSentenceWithStopwordsAndStemming() {
        XCTAssertEqual(analyzer.terms("How do I reset the OTA update on my X5?"),
                       ["reset", "ota", "updat", "x5"])
        XCTAssertEqual(analyzer.terms("The batteries are charging slowly"),
                       ["batteri", "charg", "slowli"])
    }

    func testDuplicatesAreKept() {
        XCTAssertEqual(analyzer.terms("brake brakes braking"), ["brake", "brake", "brake"])
    }

    func testModelCodesAndNumbersStayWhole() {
        let cases: [(String, [String])] = [
            ("X5", ["x5"]),
            ("2.0T", ["2.0t"]),
            ("0W-20", ["0w-20"]),
            ("R2026-01", ["r2026-01"]),
            ("400-820-6688", ["400-820-6688"]),
            ("OTA", ["ota"]),
            ("E7's", ["e7"]),
            ("3.5%", ["3.5"]),
            ("10:30", ["10:30"]),
            ("v1.2.3", ["v1.2.3"]),
            ("1,299 yuan", ["1299", "yuan"]),
            ("items 1,2,3", ["item", "1", "2", "3"]),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(analyzer.terms(input), expected, input)
        }
    }

    func testTokensWithDigitsAreNeverStemmed() {
        XCTAssertEqual(analyzer.terms("100kms 4s"), ["100kms", "4s"])
    }

    func testLetterSegmentsOfChainsAreSeparateWords() {
        XCTAssertEqual(analyzer.terms("X5-Pro"), ["x5", "pro"])
        XCTAssertEqual(analyzer.terms("e-mail"), ["e", "mail"])
        XCTAssertEqual(analyzer.terms("visit lanto.com"), ["visit", "lanto", "com"])
    }

    func testApostrophes() {
        let keep = Analyzer(options: AnalyzerOptions(removeStopwords: false))
        // Contractions keep an ASCII apostrophe (curly ones are normalized) and are not stemmed.
        XCTAssertEqual(keep.terms("won't"), ["won't"])
        XCTAssertEqual(keep.terms("won\u{2019}t"), ["won't"])
        XCTAssertEqual(keep.terms("rock'n'roll"), ["rock'n'roll"])
        // Possessive 's is dropped; a trailing apostrophe is punctuation.
        XCTAssertEqual(analyzer.terms("customer's customers' E7's"), ["custom", "custom", "e7"])
        // Contractions are stopwords with or without the apostrophe.
        XCTAssertEqual(analyzer.terms("I don't know, dont care"), ["know", "care"])
    }

    func testStopwordSwitch() {
        let keep = Analyzer(options: AnalyzerOptions(stem: false, removeStopwords: false))
        XCTAssertEqual(keep.terms("the car is on"), ["the", "car", "is", "on"])
        // Porter (as published) stems short words too: "is" → "i".
        XCTAssertEqual(Analyzer(options: AnalyzerOptions(removeStopwords: false)).terms("is"), ["i"])
        XCTAssertEqual(analyzer.terms("the car is on"), ["car"])
        XCTAssertTrue(Stopwords.isEnglishStopword("the"))
        XCTAssertFalse(Stopwords.isEnglishStopword("car"))
        XCTAssertGreaterThanOrEqual(Stopwords.english.count, 150)
    }

    func testStemSwitch() {
        let raw = Analyzer(options: AnalyzerOptions(stem: false))
        XCTAssertEqual(raw.terms("Charging batteries"), ["charging", "batteries"])
    }

    func testFullWidthInputMatchesHalfWidth() {
        XCTAssertEqual(analyzer.terms("ＯＴＡ　Ｕｐｄａｔｅ　Ｘ５"), analyzer.terms("OTA Update X5"))
        XCTAssertEqual(analyzer.terms("０Ｗ－２０"), ["0w-20"])
    }

    func testNonEnglishLettersAreWordsButNotStemmed() {
        XCTAssertEqual(analyzer.terms("Café Ελλάδα привет"), ["café", "ελλάδα", "привет"])
        // Folding can produce plain ASCII, which is then an ordinary (stemmable) word.
        XCTAssertEqual(analyzer.terms("STRASSE Straße"), ["strass", "strass"])
    }

    func testOverlongTokensAreSkipped() {
        let blob = String(repeating: "a1", count: 100)
        XCTAssertEqual(analyzer.terms("key \(blob) end"), ["kei", "end"])
        let long = Analyzer(options: AnalyzerOptions(maxTokenLength: 1000))
        XCTAssertEqual(long.terms(blob), [blob])
    }
}
