import LinearAlgebra
import TextAnalysis
import XCTest
@testable import Learning

/// Feature hashing: stability, the three families, n-gram shapes.
final class FeatureTests: XCTestCase {
    /// A configuration with only the given families switched on.
    func config(terms: Float = 0, latin: Float = 0, cjk: Float = 0) -> EncoderConfig {
        var c = EncoderConfig()
        c.termWeight = terms
        c.latinNgramWeight = latin
        c.cjkNgramWeight = cjk
        return c
    }

    func testStableHashMatchesPublishedFNV1aValues() {
        var empty = StableHash()
        XCTAssertEqual(empty.value, 0xCBF2_9CE4_8422_2325)
        empty.combine(bytes: Array("a".utf8))
        XCTAssertEqual(empty.value, 0xAF63_DC4C_8601_EC8C)           // FNV-1a 64 of "a"
        var foobar = StableHash()
        foobar.combine(bytes: Array("foobar".utf8))
        XCTAssertEqual(foobar.value, 0x8594_4171_F739_67E8)          // FNV-1a 64 of "foobar"
        var scalars = StableHash(), bytes = StableHash()
        for s in "保养é".unicodeScalars { scalars.combine(scalar: s.value) }
        bytes.combine(bytes: Array("保养é".utf8))
        XCTAssertEqual(scalars.value, bytes.value, "scalars hash as their UTF-8 bytes")
    }

    func testFeaturesAreDeterministicAndSorted() {
        let extractor = FeatureExtractor(config: EncoderConfig())
        let text = "How do I reset my Lanto X5 password? 怎么重置密码"
        let a = extractor.features(text), b = FeatureExtractor(config: EncoderConfig()).features(text)
        XCTAssertFalse(a.isEmpty)
        XCTAssertEqual(a.map(\.bucket), b.map(\.bucket))
        XCTAssertEqual(a.map(\.value), b.map(\.value))
        XCTAssertEqual(a.map(\.bucket), a.map(\.bucket).sorted())
        XCTAssertEqual(Set(a.map(\.bucket)).count, a.count, "buckets are merged")
        XCTAssertTrue(a.allSatisfy { $0.bucket >= 0 && $0.bucket < 1 << 18 })
    }

    func testLatinTrigramsUseWordBoundaryMarkers() {
        let extractor = FeatureExtractor(config: config(latin: 1))
        // "cat" → "<ca", "cat", "at>"; "a" → "<a>".
        XCTAssertEqual(extractor.features("cat").count, 3)
        XCTAssertEqual(extractor.features("a").count, 1)
        XCTAssertEqual(extractor.features("CAT").map(\.bucket), extractor.features("cat").map(\.bucket), "normalized first")
        // A typo keeps most trigrams: "strikethrough" and "stikethrough" share 10 of 13 / 12.
        let right = Set(extractor.features("strikethrough").map(\.bucket))
        let typo = Set(extractor.features("stikethrough").map(\.bucket))
        XCTAssertEqual(right.count, 13)
        XCTAssertGreaterThanOrEqual(right.intersection(typo).count, 10)
    }

    func testCJKTrigramsStayInsideRuns() {
        let extractor = FeatureExtractor(config: config(cjk: 1))
        XCTAssertEqual(extractor.features("保养套餐").count, 2)           // 保养套, 养套餐
        XCTAssertEqual(extractor.features("保养，套餐").count, 0)         // runs of 2: no trigram
        XCTAssertEqual(extractor.features("X5保养套餐价格").count, 4)
        // Repeats count once per occurrence: tf 2 → 1 + ln 2 (sublinear).
        let repeated = extractor.features("猫猫猫猫")
        XCTAssertEqual(repeated.count, 1)
        XCTAssertEqual(repeated[0].value, 1 + logf(2), accuracy: 1e-6)
    }

    func testTermsComeFromTheAnalyzerIncludingLexiconWords() {
        let plain = FeatureExtractor(config: config(terms: 1))
        XCTAssertEqual(plain.features("connecting connected").count, 1, "both stem to connect, tf 2")
        XCTAssertEqual(plain.features("connecting connected")[0].value, 1 + logf(2), accuracy: 1e-6)
        XCTAssertEqual(plain.features("保养").count, 3)                   // 保, 保养, 养
        let withLexicon = FeatureExtractor(config: config(terms: 1), lexicon: Lexicon(words: ["保养套餐"]))
        XCTAssertEqual(withLexicon.features("保养套餐").count, plain.features("保养套餐").count + 1)
    }

    func testFamiliesHashApart() {
        // The word "abc" (term) and the trigram "abc" must not share a bucket by construction.
        let terms = FeatureExtractor(config: config(terms: 1)).features("abc")
        let trigrams = FeatureExtractor(config: config(latin: 1)).features("abc")
        XCTAssertTrue(Set(terms.map(\.bucket)).isDisjoint(with: trigrams.map(\.bucket)))
    }

    func testFamilyWeightsScaleValues() {
        let half = FeatureExtractor(config: config(latin: 0.5)).features("cat")
        let full = FeatureExtractor(config: config(latin: 1)).features("cat")
        XCTAssertEqual(half.map { $0.value * 2 }, full.map(\.value))
    }

    func testBatchExtractionMatchesOneByOne() {
        let extractor = FeatureExtractor(config: EncoderConfig())
        let texts = (0..<600).map { "question number \($0) about 充电 and charging \($0 % 7)" }
        let rows = extractor.extract(texts, parallel: true)
        XCTAssertEqual(rows.count, texts.count)
        for i in [0, 1, 299, 599] {
            let one = extractor.features(texts[i])
            XCTAssertEqual(Array(rows.buckets[rows.rowPtr[i]..<rows.rowPtr[i + 1]]).map(Int.init), one.map(\.bucket))
        }
    }
}
