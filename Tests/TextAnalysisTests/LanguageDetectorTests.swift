import XCTest
@testable import TextAnalysis

final class LanguageDetectorTests: XCTestCase {
    func testChinese() {
        XCTAssertEqual(LanguageDetector.detect("我的车需要保养吗？"), .zh)
        // Product names and codes inside Chinese text do not make it mixed.
        XCTAssertEqual(LanguageDetector.detect("蓝图X5 Pro的OTA升级失败怎么办"), .zh)
    }

    func testEnglish() {
        XCTAssertEqual(LanguageDetector.detect("How do I reset the OTA update?"), .en)
        XCTAssertEqual(LanguageDetector.detect("Please book a 保养 appointment for my car"), .en)
        XCTAssertEqual(LanguageDetector.detect("ＦＵＬＬ　ＷＩＤＴＨ ｔｅｘｔ"), .en)
        XCTAssertEqual(LanguageDetector.detect("Café crème brûlée"), .en)
    }

    func testMixed() {
        XCTAssertEqual(LanguageDetector.detect("这个 function is broken 怎么办"), .mixed)
        XCTAssertEqual(LanguageDetector.detect("保养 maintenance"), .mixed)
    }

    func testOther() {
        XCTAssertEqual(LanguageDetector.detect(""), .other)
        XCTAssertEqual(LanguageDetector.detect("   "), .other)
        XCTAssertEqual(LanguageDetector.detect("400-820-6688"), .other)
        XCTAssertEqual(LanguageDetector.detect("😀👍🏽!!"), .other)
        XCTAssertEqual(LanguageDetector.detect("Привет, как дела?"), .other)
        XCTAssertEqual(LanguageDetector.detect("これはペンです"), .other)
        XCTAssertEqual(LanguageDetector.detect("東京に行きます"), .other)
        XCTAssertEqual(LanguageDetector.detect("안녕하세요"), .other)
    }

    func testRawValuesAreStable() throws {
        XCTAssertEqual(Language.allCases.map(\.rawValue), ["zh", "en", "mixed", "other"])
    }

    func testCountsOfSeveralTextsAddUpToTheCountsOfTheirConcatenation() {
        let parts = ["我的E7", "needs a service", "保养", "がありますか", "", "Привет", "ok", "续航多少 km?"]
        for n in 0...parts.count {
            var counts = LanguageDetector.Counts()
            for p in parts.prefix(n) { counts.add(p) }
            XCTAssertEqual(counts.isEmpty, parts.prefix(n).joined().allSatisfy { !$0.isLetter }, "\(n) parts")
            XCTAssertEqual(counts.language, LanguageDetector.detect(parts.prefix(n).joined()), "\(n) parts")
        }
    }
}
