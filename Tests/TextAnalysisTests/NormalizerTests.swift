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

/// Traditional characters fold to Simplified ones (ICU's Hant-Hans, read once): a question typed in
/// Taiwan or Hong Kong meets knowledge written in the mainland.
final class TraditionalChineseTests: XCTestCase {
    func testTraditionalCharactersBecomeSimplified() {
        XCTAssertTrue(Normalizer.foldsTraditional, "the tests run with the default")
        XCTAssertEqual(Normalizer.normalize("續航里程是多少"), "续航里程是多少")
        XCTAssertEqual(Normalizer.normalize("電動車充電樁在哪裡"), "电动车充电桩在哪里")
        XCTAssertEqual(Normalizer.normalize("頭髮，發票"), "头发，发票")
        XCTAssertEqual(Normalizer.normalize("Ｅ７的續航"), "e7的续航")
        // Simplified text, and characters both scripts share, stay as they are.
        XCTAssertEqual(Normalizer.normalize("保养套餐的价格是多少？"), "保养套餐的价格是多少？")
        XCTAssertEqual(Normalizer.simplifiedHanzi(0x7E8C), 0x7EED)   // 續 → 续
        XCTAssertEqual(Normalizer.simplifiedHanzi(0x41), 0x41)
    }

    func testFoldingIsIdempotentAndKeepsTheSourceMap() {
        for s in ["續航", "臺灣與香港的門市", "乾隆皇後", "軟體更新"] {
            let once = Normalizer.normalize(s)
            XCTAssertEqual(Normalizer.normalize(once), once, s)
            XCTAssertEqual(once.unicodeScalars.count, s.unicodeScalars.count, "one character for one: \(s)")
        }
        // Every scalar of the table maps to one that maps to itself.
        for i in Normalizer.hanziTable.indices {
            let v = Normalizer.hanziTable[i]
            XCTAssertEqual(Normalizer.hanziTable[Int(v - Normalizer.hanziBase)], v)
        }
        XCTAssertGreaterThan(Normalizer.hanziTable.enumerated().filter { UInt32($0.offset) + Normalizer.hanziBase != $0.element }.count,
                             2000, "ICU's table was read")
        let mapped = NormalizedText("買E7", trackSource: true)
        XCTAssertEqual(mapped.scalars, [0x4E70, 0x65, 0x37])     // 买 e 7
        XCTAssertEqual(mapped.sourceStart, [0, 3, 4])
        XCTAssertEqual(mapped.sourceEnd, [3, 4, 5])
    }
}

/// Taiwan and Hong Kong words become the mainland word after the character fold, as many
/// characters for as many.
final class RegionalWordsTests: XCTestCase {
    func testTaiwanWordsBecomeMainlandWords() {
        XCTAssertEqual(Normalizer.normalize("電池保固多久"), "电池保修多久")
        XCTAssertEqual(Normalizer.normalize("軟體更新失敗"), "软件更新失败")
        XCTAssertEqual(Normalizer.normalize("煞車有異音"), "刹车有异音")
        // Leftmost-longest: the three-character word wins over its two-character prefix.
        XCTAssertEqual(Normalizer.normalize("頭期款要多少"), "首付款要多少")
        XCTAssertEqual(Normalizer.normalize("頭期兩成"), "首付两成")
        // Simplified sources too, and Latin text around the words.
        XCTAssertEqual(Normalizer.normalize("E7的保固"), "e7的保修")
        // Text without a table word is only folded by character.
        XCTAssertEqual(Normalizer.normalize("保養套餐的價格"), "保养套餐的价格")
        XCTAssertEqual(Normalizer.normalize("保"), "保")
    }

    func testEveryEntryIsUsedAndTheFoldIsStable() {
        XCTAssertEqual(RegionalWords.table.words.count, RegionalWords.pairs.count, "every pair has as many characters on both sides")
        let sources = RegionalWords.pairs.map(\.0), targets = RegionalWords.pairs.map(\.1)
        for (source, target) in RegionalWords.pairs {
            XCTAssertEqual(Normalizer.normalize(source), target, source)
            XCTAssertEqual(Normalizer.normalize(target), target, "a mainland word stays: \(target)")
        }
        // Twice changes nothing more, whatever follows or precedes a word.
        for a in sources + targets {
            for b in sources + targets {
                let once = Normalizer.normalize(a + b)
                XCTAssertEqual(Normalizer.normalize(once), once, a + b)
            }
        }
    }

    func testScalarsAndSourceOffsetsAgreeWithTheString() {
        let text = "請問保固和軟體更新"
        let mapped = NormalizedText(text, trackSource: true)
        XCTAssertEqual(String(String.UnicodeScalarView(mapped.scalars.compactMap(Unicode.Scalar.init))), Normalizer.normalize(text))
        XCTAssertEqual(mapped.sourceStart, Array(stride(from: 0, to: 27, by: 3)))
        XCTAssertEqual(mapped.sourceEnd, Array(stride(from: 3, through: 27, by: 3)))
    }
}
