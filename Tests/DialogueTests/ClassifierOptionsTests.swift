import Foundation
import XCTest
@testable import Dialogue

/// The optional training knobs: seed ensembles, tail averaging, word trigrams, naive-Bayes scaling,
/// the oos recall target. All default to off; turned on they must stay deterministic and sound.
final class ClassifierOptionsTests: XCTestCase {
    func testEnsembleAndTailAveragingAreDeterministicAndStillClassify() throws {
        var config = IntentFixture.config()
        config.ensembleSize = 3
        config.averageEpochs = 4
        config.wordTrigramWeight = 0.5
        config.nbWeight = 0.5
        let a = try IntentModel.train(examples: IntentFixture.examples, config: config)
        let b = try IntentModel.train(examples: IntentFixture.examples, config: config)
        XCTAssertEqual(a.classifier.weights, b.classifier.weights)
        XCTAssertEqual(a.classifier.bias, b.classifier.bias)
        XCTAssertEqual(try a.predict("can I schedule a service for the car").intent, "book_maintenance")
        XCTAssertEqual(try a.predict("附近哪里有充电桩").intent, "charging_station")
        let single = try IntentModel.train(examples: IntentFixture.examples, config: IntentFixture.config())
        XCTAssertNotEqual(a.classifier.weights, single.classifier.weights)
    }

    func testTrigramsAddFeaturesOnlyWhenEnabled() {
        var config = ClassifierConfig()
        let plain = TextFeaturizer(config: config).features("how do i book a service")
        config.wordTrigramWeight = 0.5
        let more = TextFeaturizer(config: config).features("how do i book a service")
        XCTAssertGreaterThan(more.buckets.count, plain.buckets.count)
    }

    func testNaiveBayesScaleFavoursSeparatingFeatures() {
        let featurizer = TextFeaturizer(config: ClassifierConfig())
        let texts = ["great film", "great acting", "great story", "awful film", "awful acting", "awful story"]
        let raw = FeatureSpace.extract(texts, featurizer: featurizer)
        let space = FeatureSpace.fit(raw, featurizer: featurizer)
        let scaled = space.naiveBayesScaled(raw, labels: [0, 0, 0, 1, 1, 1], classCount: 2, weight: 1)
        func ratio(_ word: String) -> Float {
            let bucket = featurizer.features(word).buckets[0]
            guard let c = space.buckets.firstIndex(of: bucket) else { return .nan }
            return scaled.idf[c] / space.idf[c]
        }
        XCTAssertGreaterThan(ratio("great"), ratio("film"))
        XCTAssertEqual(space.naiveBayesScaled(raw, labels: [0, 0, 0, 1, 1, 1], classCount: 2, weight: 0).idf, space.idf)
    }

    func testOOSRecallTargetRaisesTheThreshold() {
        // Held-out: in-scope label 0 at confidence 0.9 (right), oos (label 1) predicted in-scope at 0.4 and 0.6.
        let heldOut: [(probabilities: [Float], label: Int)] = [
            ([0.9, 0.1], 0), ([0.9, 0.1], 0), ([0.4, 0.35], 1), ([0.6, 0.3], 1), ([0.2, 0.8], 1),
        ]
        var config = ClassifierConfig()
        config.oosWeight = 0
        XCTAssertEqual(IntentThreshold.tune(heldOut, oosIndex: 1, config: config), 0)
        config.oosRecallTarget = 1
        XCTAssertEqual(IntentThreshold.tune(heldOut, oosIndex: 1, config: config), 0.8)
        config.oosRecallTarget = 0.6
        XCTAssertEqual(IntentThreshold.tune(heldOut, oosIndex: 1, config: config), 0.6)
    }

    func testNewKeysValidate() {
        var config = ClassifierConfig()
        config.ensembleSize = 0
        XCTAssertThrowsError(try config.validate())
        config = ClassifierConfig(); config.nbWeight = 2
        XCTAssertThrowsError(try config.validate())
        config = ClassifierConfig(); config.oosRecallTarget = 1.5
        XCTAssertThrowsError(try config.validate())
    }
}
