import Foundation
import Learning
import XCTest
@testable import Dialogue

/// The utterance-edge features (`edge_weight`): the first and last unit (CJK character or Latin
/// word) and the first and last pair of units, across clauses; weight 0 changes nothing.
final class EdgeFeatureTests: XCTestCase {
    static func config(edge: Float) -> ClassifierConfig {
        var c = ClassifierConfig()
        c.hashBits = 18
        c.edgeWeight = edge
        return c
    }

    /// The bucket of one edge feature, as the featurizer hashes it.
    func bucket(_ feature: String) -> Int32 {
        var h = StableHash()
        h.combine(byte: TextFeaturizer.Family.edge.tag)
        h.combine(string: feature)
        return Int32(h.bucket(mask: (1 << 18) - 1))
    }

    /// The buckets the edge family adds or changes in `text`.
    func edges(_ text: String) -> Set<Int32> {
        let a = TextFeaturizer(config: Self.config(edge: 0)).features(text)
        let b = TextFeaturizer(config: Self.config(edge: 0.5)).features(text)
        let before = Dictionary(uniqueKeysWithValues: zip(a.buckets, a.values))
        var out: Set<Int32> = []
        for (bucket, value) in zip(b.buckets, b.values) where before[bucket] != value { out.insert(bucket) }
        return out
    }

    func testFirstAndLastUnitsAndPairs() {
        // Chinese: single characters are the units (not the analyzer's bigrams).
        XCTAssertEqual(edges("打开空调吗"), Set(["^打", "吗$", "^打 开", "调 吗$"].map(bucket)))
        // English: stemmed words; the edges reach across clause punctuation.
        XCTAssertEqual(edges("Hello, I want to book a service!"),
                       Set(["^hello", "servic$", "^hello i", "a servic$"].map(bucket)))
        // Mixed: a Latin word next to CJK characters is one unit.
        XCTAssertEqual(edges("E7保养"), Set(["^e7", "养$", "^e7 保", "保 养$"].map(bucket)))
        // One unit: its two edges only; nothing to mark in an empty text.
        XCTAssertEqual(edges("hi"), Set(["^hi", "hi$"].map(bucket)))
        XCTAssertTrue(edges("?!").isEmpty)
        // Where a word stands matters: the same words in another order give other edges.
        XCTAssertNotEqual(edges("打开了吗"), edges("吗打开了"))
    }

    func testWeightZeroChangesNothingAndTheKeyValidates() throws {
        let decoded = try JSONDecoder().decode(ClassifierConfig.self, from: Data(#"{"hash_bits": 18}"#.utf8))
        XCTAssertEqual(decoded, Self.config(edge: 0))
        XCTAssertEqual(ClassifierConfig().edgeWeight, 0)
        let on = try JSONDecoder().decode(ClassifierConfig.self, from: Data(#"{"hash_bits": 18, "edge_weight": 0.5}"#.utf8))
        XCTAssertEqual(on.edgeWeight, 0.5)
        // The value of an edge feature is the weight (times 1 + ln tf, here tf 1).
        let f = TextFeaturizer(config: on).features("hi")
        let values = Dictionary(uniqueKeysWithValues: zip(f.buckets, f.values))
        XCTAssertEqual(values[bucket("^hi")], 0.5)
        var bad = ClassifierConfig()
        bad.edgeWeight = -1
        XCTAssertThrowsError(try bad.validate())
        bad.edgeWeight = .nan
        XCTAssertThrowsError(try bad.validate())
    }
}
