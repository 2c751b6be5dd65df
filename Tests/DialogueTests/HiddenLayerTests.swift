import Foundation
import XCTest
@testable import Dialogue

/// The hidden layer fused with the linear scores (`hidden_units` > 0): deterministic, still
/// classifying, saved and loaded with the model, and old linear artifacts still load.
final class HiddenLayerTests: XCTestCase {
    static func config(mix: Float = 0.5) -> ClassifierConfig {
        var c = IntentFixture.config()
        c.hiddenUnits = 16
        c.hiddenEpochs = 20
        c.hiddenLearningRate = 0.01
        c.hiddenMinDF = 1
        c.hiddenMix = mix
        return c
    }

    func testHiddenLayerIsDeterministicAndClassifies() throws {
        let a = try IntentModel.train(examples: IntentFixture.examples, config: Self.config())
        let b = try IntentModel.train(examples: IntentFixture.examples, config: Self.config())
        let hidden = try XCTUnwrap(a.classifier.hidden)
        XCTAssertEqual(hidden.units, 16)
        XCTAssertEqual(hidden.mix, 0.5)
        XCTAssertEqual(hidden.w1, try XCTUnwrap(b.classifier.hidden).w1)
        XCTAssertEqual(a.classifier.weights, b.classifier.weights)
        XCTAssertEqual(try a.predict("can I schedule a service for the car"), try b.predict("can I schedule a service for the car"))
        XCTAssertEqual(try a.predict("can I schedule a service for the car").intent, "book_maintenance")
        XCTAssertEqual(try a.predict("附近哪里有充电桩").intent, "charging_station")
        // One text scores as in a batch.
        let single = a.classifier.logits("is my battery under warranty")
        let batch = a.classifier.logits(["is my battery under warranty"])
        for k in single.indices { XCTAssertEqual(single[k], batch[0, k], accuracy: 1e-4) }
    }

    func testTunedMixStaysInRange() throws {
        let model = try IntentModel.train(examples: IntentFixture.examples, config: Self.config(mix: -1))
        if let hidden = model.classifier.hidden { XCTAssert(hidden.mix > 0 && hidden.mix <= 1) }
        XCTAssertEqual(try model.predict("find a charger near me").intent, "charging_station")
    }

    func testArtifactKeepsTheHiddenLayer() throws {
        let model = try IntentModel.train(examples: IntentFixture.examples, config: Self.config())
        let loaded = try IntentModel(serialized: try model.serialized())
        XCTAssertEqual(loaded.classifier.hidden?.mix, model.classifier.hidden?.mix)
        XCTAssertEqual(loaded.classifier.hidden?.inputs, model.classifier.hidden?.inputs)
        for text in ["book a service", "附近的充电桩", "tell me a joke", "warranty of the x5"] {
            XCTAssertEqual(try loaded.predict(text), try model.predict(text))
        }
        var data = try model.serialized()
        data.removeLast(3)
        XCTAssertThrowsError(try IntentModel(serialized: data)) {
            guard case .corruptArtifact = $0 as? ClassifierError else { return XCTFail("\($0)") }
        }
    }

    func testVersionOneLinearArtifactsLoadAndNewerVersionsAreRefused() throws {
        let linear = try IntentModel.train(examples: IntentFixture.examples, config: IntentFixture.config())
        var data = try linear.serialized()
        data[4] = 1                                                  // a version-1 file has the same linear layout
        let loaded = try IntentModel(serialized: data)
        XCTAssertNil(loaded.classifier.hidden)
        XCTAssertEqual(try loaded.predict("book a service"), try linear.predict("book a service"))
        data[4] = 99
        XCTAssertThrowsError(try IntentModel(serialized: data)) {
            guard case .unsupportedVersion(found: 99, supported: ClassifierArtifact.formatVersion) = $0 as? ClassifierError else { return XCTFail("\($0)") }
        }
    }

    func testHiddenKeysValidate() throws {
        var c = ClassifierConfig()
        c.hiddenUnits = -1
        XCTAssertThrowsError(try c.validate())
        c = ClassifierConfig()
        c.hiddenDropout = 1
        XCTAssertThrowsError(try c.validate())
        c = ClassifierConfig()
        c.hiddenMix = 1.5
        XCTAssertThrowsError(try c.validate())
        let decoded = try JSONDecoder().decode(ClassifierConfig.self, from: Data(#"{"hidden_units": 64, "hidden_mix": 0.3}"#.utf8))
        XCTAssertEqual(decoded.hiddenUnits, 64)
        XCTAssertEqual(decoded.hiddenMix, 0.3)
        XCTAssertEqual(decoded.hiddenEpochs, ClassifierConfig().hiddenEpochs)
    }
}
