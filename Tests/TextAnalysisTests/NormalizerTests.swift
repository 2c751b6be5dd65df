import XCTest
@testable import TextAnalysis

final class NormalizerTests: XCTestCase {
    func testFullWidthLatinDigitsAndPunctuationBecomeASCII() {
        XCTAssertEqual(Normalizer.normalize("ＬＡＮＴＯ　Ｘ５（２．０Ｔ）"), "lanto x5(2.0t)")
        XCTAssertEqual(Normalizer.normalize("０Ｗ－２０"), "0w-20")
    }

    func testCaseFolding() {
        XCTAssertEqual(Normalizer.normalize("OTA Update"), "ota update")
        XCTAssertEqual(Normalizer.normalize("Straße"), "strasse")
        XCTAssertEqual(Normalizer.normalize("ΣΑΣ"), "σασ")
        XCTAssertEqual(Normalizer.normalize("ПРИВЕТ"), "привет")
    }

    func testNFKCCompatibilityAndComposition() {
        XCTAssertEqual(Normalizer.normalize("ﬁle"), "file")
        XCTAssertEqual(Normalizer.normalize("①②"), "12")
        XCTAssertEqual(Normalizer.normalize("e\u{301}t\u{E9}"), "\u{E9}t\u{E9}")       // composed
        XCTAssertEqual(Normalizer.normalize("ｶﾞｿﾘﾝ"), "ガソリン")                          // half-width kana
        XCTAssertEqual(Normalizer.normalize("㎞"), "km")
    }

    func testChinesePunctuationStaysDistinguishable() {
        // Sentence/clause marks Chinese uses natively are kept full-width…
        XCTAssertEqual(Normalizer.normalize("好！真的？是；对，注意："), "好！真的？是；对，注意：")
        XCTAssertEqual(Normalizer.normalize("你好。、「」"), "你好。、「」")
        // …while the ASCII versions stay ASCII.
        XCTAssertEqual(Normalizer.normalize("Hi! OK? a;b,c:d"), "hi! ok? a;b,c:d")
    }

    func testHanAndHangulUnchanged() {
        XCTAssertEqual(Normalizer.normalize("保养套餐 안녕"), "保养套餐 안녕")
    }

    func testEmptyAndIdempotent() {
        XCTAssertEqual(Normalizer.normalize(""), "")
        for s in ["ＡＢＣ１２３", "Straße ﬁ ①", "我的Ｘ５保养！", "Ἀθῆναι", "👍🏽 e\u{301}"] {
            let once = Normalizer.normalize(s)
            XCTAssertEqual(Normalizer.normalize(once), once, s)
        }
    }
}
