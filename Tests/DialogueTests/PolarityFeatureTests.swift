import Foundation
import Learning
import XCTest
@testable import Dialogue

/// The polarity-class features (`polarity_weight`): a polar word of the lexicon adds `+`/`-`,
/// negated `¬+`/`¬-`, intensified `↑…`; the same class in any language gives the same feature;
/// weight 0 changes nothing.
final class PolarityFeatureTests: XCTestCase {
    /// The shipped sentiment switches (negation scope 3, intensifier marks) with polarity features.
    static func config(polarity: Float) -> ClassifierConfig {
        var c = ClassifierConfig()
        c.hashBits = 18
        c.negationScope = 3
        c.markIntensifiers = true
        c.latinNgramWeight = 0
        c.polarityWeight = polarity
        return c
    }

    static let off = TextFeaturizer(config: config(polarity: 0))
    static let on = TextFeaturizer(config: config(polarity: 0.5))

    /// The buckets the polarity family adds or changes in `text`.
    func polarity(_ text: String) -> Set<Int32> {
        let a = Self.off.features(text), b = Self.on.features(text)
        let before = Dictionary(uniqueKeysWithValues: zip(a.buckets, a.values))
        var out: Set<Int32> = []
        for (bucket, value) in zip(b.buckets, b.values) where before[bucket] != value { out.insert(bucket) }
        return out
    }

    /// The single polarity bucket of `text` (fails when there is not exactly one).
    func one(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Int32 {
        let p = polarity(text)
        XCTAssertEqual(p.count, 1, "\(text): \(p.count) polarity features", file: file, line: line)
        return p.first ?? -1
    }

    func testEnglishClassesAndNegation() {
        let pos = one("good"), neg = one("bad"), notPos = one("not good"), notNeg = one("not bad")
        XCTAssertEqual(Set([pos, neg, notPos, notNeg]).count, 4)
        // Different words of one class share the feature; stemming as for the word features.
        XCTAssertEqual(one("a wonderful film"), pos)
        XCTAssertEqual(one("they were helpful"), pos)
        XCTAssertEqual(one("the plot is boring"), neg)
        XCTAssertEqual(one("it was never boring"), notNeg)
        XCTAssertEqual(one("the staff didn't seem friendly"), notPos)
        XCTAssertEqual(one("the staff did n't seem friendly"), notPos)   // SST-2 tokenization
        // The scope ends at clause punctuation and after three words.
        XCTAssertEqual(polarity("not the film, good"), [pos])
        XCTAssertEqual(polarity("not one two three good"), [pos])
        // An intensifier adds the intensified variant beside the class.
        let veryGood = polarity("very good")
        XCTAssertEqual(veryGood.count, 2)
        XCTAssertTrue(veryGood.contains(pos))
        XCTAssertFalse(polarity("really bad").contains(pos))
        // Words without polarity add nothing; a sentence with both classes has both.
        XCTAssertTrue(polarity("the movie starts at eight").isEmpty)
        XCTAssertEqual(polarity("great acting, terrible plot"), [pos, neg])
    }

    func testChineseLongestMatchAndNegation() {
        let pos = one("good"), neg = one("bad"), notPos = one("not good"), notNeg = one("not bad")
        XCTAssertEqual(one("满意"), pos)
        XCTAssertEqual(one("对服务不满意"), notPos)          // 不 + 满意, not the word 不满
        XCTAssertEqual(one("我对服务不满"), neg)
        XCTAssertEqual(one("房间不错"), pos)                // 不错 is one positive word
        XCTAssertEqual(one("没有问题"), notNeg)
        XCTAssertEqual(one("不太好"), notPos)
        XCTAssertEqual(one("房间太小，隔音差"), neg)
        XCTAssertEqual(polarity("服务好差"), polarity("质量好差"))
        XCTAssertTrue(polarity("不好意思，请问几点开门").isEmpty)   // a non-polar word shadows 不 and 好
        XCTAssertTrue(polarity("我下周出差").isEmpty)
        // 非常 is an intensifier, not the negator 非; 好差 is 好 (intensifier) + 差.
        let veryGood = polarity("服务非常好")
        XCTAssertEqual(veryGood.count, 2)
        XCTAssertTrue(veryGood.contains(pos))
        let soBad = polarity("质量好差")
        XCTAssertEqual(soBad.count, 2)
        XCTAssertTrue(soBad.contains(neg))
        XCTAssertFalse(soBad.contains(pos))
        // Mixed languages in one text add up to the same classes.
        XCTAssertEqual(polarity("酒店干净 but the staff was rude"), polarity("clean, but rude").union(polarity("干净")))
    }

    func testWeightZeroChangesNothing() {
        let texts = ["the car was not good at all, really terrible", "这次体验非常满意，不过价格有点贵",
                     "a wonderful film", "不好意思"]
        var c = Self.config(polarity: 0)
        var decoded = try! JSONDecoder().decode(ClassifierConfig.self, from: Data("""
            {"hash_bits": 18, "negation_scope": 3, "mark_intensifiers": true, "latin_ngram_weight": 0}
            """.utf8))
        XCTAssertEqual(decoded, c)
        decoded.polarityWeight = 0.5
        XCTAssertNotEqual(decoded, c)
        for t in texts {
            let a = Self.off.features(t), b = TextFeaturizer(config: c).features(t)
            XCTAssertEqual(a.buckets, b.buckets)
            XCTAssertEqual(a.values, b.values)
        }
        // The bucket of a word feature is still its hash under the word tag (layout of the keys).
        c.wordBigramWeight = 0
        c.cjkNgramWeight = 0
        var h = StableHash()
        h.combine(byte: 0x41)
        h.combine(string: "good")
        let f = TextFeaturizer(config: c).features("good good")
        XCTAssertEqual(f.buckets, [Int32(h.bucket(mask: (1 << 18) - 1))])
        XCTAssertEqual(f.values[0], 1 + logf(2), accuracy: 1e-6)
        // With a weight, the value of a polarity feature is the weight (times 1 + ln tf).
        c.polarityWeight = 2
        let g = TextFeaturizer(config: c).features("good good")
        XCTAssertEqual(g.buckets.count, 2)
        XCTAssertEqual(Set(g.values), [1 + logf(2), 2 * (1 + logf(2))])
    }

    func testKeyDecodesAndValidates() throws {
        let c = try JSONDecoder().decode(ClassifierConfig.self, from: Data(#"{"polarity_weight": 1.5}"#.utf8))
        XCTAssertEqual(c.polarityWeight, 1.5)
        XCTAssertEqual(ClassifierConfig().polarityWeight, 0)
        var bad = ClassifierConfig()
        bad.polarityWeight = -1
        XCTAssertThrowsError(try bad.validate())
        bad.polarityWeight = .nan
        XCTAssertThrowsError(try bad.validate())
        let shipped = try ClassifierConfig.load(from: URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Models/sentiment.json"))
        XCTAssertNoThrow(try shipped.validate())
    }

    func testWordListsAreCleanAndLarge() {
        var c = ClassifierConfig()
        c.polarityWeight = 1                 // the tables are built only when the features are on
        let f = TextFeaturizer(config: c)
        let positive = f.englishPolarity.values.filter { $0 }.count
        XCTAssertGreaterThan(positive, 250)
        XCTAssertGreaterThan(f.englishPolarity.count - positive, 300)
        XCTAssertGreaterThan(SentimentLexicon.chinesePositive.count, 200)
        XCTAssertGreaterThan(SentimentLexicon.chineseNegative.count, 200)
        // No Chinese word in two lists.
        let lists = [SentimentLexicon.chinesePositive, SentimentLexicon.chineseNegative, SentimentLexicon.chineseNonPolar]
        XCTAssertEqual(lists.map { Set($0).count }.reduce(0, +), Set(lists.joined()).count)
        // Negators and intensifiers never count as polar words.
        for w in ["not", "very", "lacks", "incredibly"] {
            XCTAssertNil(f.englishPolarity[f.analyzer.terms(w).first ?? w], w)
        }
    }

    func testPolarityFeaturesTrainAndPredict() throws {
        var config = SentimentTests.config
        config.polarityWeight = 1
        let model = try SentimentModel.train(examples: SentimentTests.examples, config: config)
        XCTAssertEqual(try model.predict("the hotline was helpful").label, .positive)
        XCTAssertEqual(try model.predict("the hotline was not helpful").label, .negative)
        XCTAssertEqual(try model.predict("售后不满意").label, .negative)
        XCTAssertEqual(model.config.polarityWeight, 1)
    }
}
