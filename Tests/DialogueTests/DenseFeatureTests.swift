import Foundation
import KnowledgeModel
import LinearAlgebra
import XCTest
@testable import Dialogue

/// Dense features from a caller-supplied encoder (`dense_weight` > 0): they change predictions,
/// training stays deterministic, the artifact records the encoder, and a wrong encoder is a clear error.
final class DenseFeatureTests: XCTestCase {
    /// A stand-in encoder: one direction per topic, found by keywords ("plugzap" is a made-up word
    /// for charging that no training text contains, so only the dense block can know it).
    static func encoder(fingerprint: String = "fake-topics-v1", dimension: Int = 4) -> DenseEncoder {
        let topics: [[String]] = [["charg", "充电", "plugzap"], ["servic", "maintenance", "保养"], ["warranty", "质保"]]
        return DenseEncoder(fingerprint: fingerprint, dimension: dimension) { texts in
            var m = Matrix(rows: texts.count, cols: dimension)
            for (r, text) in texts.enumerated() {
                let lower = text.lowercased()
                var any = false
                for (k, words) in topics.enumerated() where k < dimension && words.contains(where: { lower.contains($0) }) {
                    m[r, k] = 1
                    any = true
                }
                if !any { m[r, dimension - 1] = 1 }                      // everything else: the chatter direction
            }
            return m
        }
    }

    static func config(weight: Float = 2) -> ClassifierConfig {
        var c = IntentFixture.config()
        c.denseWeight = weight
        return c
    }

    func testDenseFeaturesChangePredictionsAndStayDeterministic() throws {
        let sparse = try IntentModel.train(examples: IntentFixture.examples, config: Self.config())
        let a = try IntentModel.train(examples: IntentFixture.examples, config: Self.config(), encoder: Self.encoder())
        let b = try IntentModel.train(examples: IntentFixture.examples, config: Self.config(), encoder: Self.encoder())
        XCTAssertNil(sparse.dense)
        XCTAssertEqual(a.dense, DenseBlock(fingerprint: "fake-topics-v1", dimension: 4, weight: 2))
        XCTAssertEqual(a.classifier.weights.rows, a.classifier.space.buckets.count + 4)
        XCTAssertEqual(a.classifier.weights, b.classifier.weights)
        XCTAssertEqual(a.classifier.bias, b.classifier.bias)
        XCTAssertEqual(a.threshold, b.threshold)
        XCTAssertEqual(try a.predict("plugzap please"), try b.predict("plugzap please"))
        // Only the dense block knows the made-up word.
        XCTAssertEqual(try a.predict("plugzap please").ranking.first?.label, "charging_station")
        XCTAssertNotEqual(try sparse.predict("plugzap please").ranking.first?.label, "charging_station")
        XCTAssertEqual(try a.predict("can I schedule a service for the car").intent, "book_maintenance")
        // One text scores as in a batch.
        let single = a.classifier.logits("is my battery under warranty")
        let batch = try a.classifier.checkedLogits(["is my battery under warranty"])
        for k in single.indices { XCTAssertEqual(single[k], batch[0, k], accuracy: 1e-4) }
    }

    func testWithoutWeightOrEncoderTheModelIsSparse() throws {
        let plain = try IntentModel.train(examples: IntentFixture.examples, config: IntentFixture.config())
        let unused = try IntentModel.train(examples: IntentFixture.examples, config: IntentFixture.config(), encoder: Self.encoder())
        let noEncoder = try IntentModel.train(examples: IntentFixture.examples, config: Self.config())
        XCTAssertNil(unused.dense)
        XCTAssertEqual(plain.classifier.weights, unused.classifier.weights)
        XCTAssertEqual(try plain.serialized()[4], 2)                   // sparse models keep format 2
        XCTAssertNil(noEncoder.dense)
    }

    /// Sentiment takes the same dense block: a polarity word only the encoder knows ("glorbish"
    /// is made up and sits on the encoder's "good" direction), saved and refused like the intents'.
    func testSentimentTakesADenseBlockToo() throws {
        let mood = DenseEncoder(fingerprint: "fake-mood-v1", dimension: 2) { texts in
            var m = Matrix(rows: texts.count, cols: 2)
            for (r, text) in texts.enumerated() {
                let t = text.lowercased()
                m[r, ["great", "love", "excellent", "glorbish"].contains(where: t.contains) ? 0 : 1] = 1
            }
            return m
        }
        let examples: [(text: String, label: SentimentLabel)] = [
            ("great car", .positive), ("i love it", .positive), ("excellent service", .positive), ("great range", .positive),
            ("awful car", .negative), ("i hate it", .negative), ("terrible service", .negative), ("bad range", .negative),
        ]
        var config = ClassifierConfig()
        config.denseWeight = 2
        config.polarityWeight = 0
        let sparse = try SentimentModel.train(examples: examples, config: ClassifierConfig())
        let dense = try SentimentModel.train(examples: examples, config: config, encoder: mood)
        XCTAssertNil(sparse.dense)
        XCTAssertEqual(dense.dense, DenseBlock(fingerprint: "fake-mood-v1", dimension: 2, weight: 2))
        XCTAssertEqual(try dense.predict("a glorbish dealer").label, .positive)
        XCTAssertGreaterThan(try dense.predict("a glorbish dealer").score, try sparse.predict("a glorbish dealer").score)
        let data = try dense.serialized()
        XCTAssertEqual(try SentimentModel(serialized: data, encoder: mood).predict("a glorbish dealer"),
                       try dense.predict("a glorbish dealer"))
        XCTAssertThrowsError(try SentimentModel(serialized: data)) {
            guard case .encoderMismatch = $0 as? ClassifierError else { return XCTFail("\($0)") }
        }
    }

    func testArtifactRecordsTheEncoderAndRefusesAnotherOne() throws {
        let model = try IntentModel.train(examples: IntentFixture.examples, config: Self.config(), encoder: Self.encoder())
        let data = try model.serialized()
        XCTAssertEqual(data[4], 3)
        let loaded = try IntentModel(serialized: data, encoder: Self.encoder())
        XCTAssertEqual(loaded.dense, model.dense)
        for text in ["plugzap please", "附近的充电桩", "tell me a joke", "warranty of the x5"] {
            XCTAssertEqual(try loaded.predict(text), try model.predict(text))
        }
        for encoder in [nil, Self.encoder(fingerprint: "another-model"), Self.encoder(dimension: 5)] {
            XCTAssertThrowsError(try IntentModel(serialized: data, encoder: encoder)) {
                guard case .encoderMismatch(let message) = $0 as? ClassifierError else { return XCTFail("\($0)") }
                XCTAssert(message.contains("fake-topics-v1"), message)
            }
        }
    }

    func testWrongDimensionEncoderIsAClearError() throws {
        let liar = DenseEncoder(fingerprint: "liar", dimension: 8) { Matrix(rows: $0.count, cols: 3, repeating: 1) }
        XCTAssertThrowsError(try IntentModel.train(examples: IntentFixture.examples, config: Self.config(), encoder: liar)) {
            guard case .encoderMismatch(let message) = $0 as? ClassifierError else { return XCTFail("\($0)") }
            XCTAssert(message.contains("expected"), message)
        }
        // An encoder that starts returning another shape after training: predict throws, it does not crash.
        let flaky = DenseEncoder(fingerprint: "flaky", dimension: 4) { texts in
            texts.count > 1 ? DenseFeatureTests.encoder().body(texts) : Matrix(rows: 1, cols: 2)
        }
        let model = try IntentModel.train(examples: IntentFixture.examples, config: Self.config(), encoder: flaky)
        XCTAssertThrowsError(try model.predict("find a charger")) {
            guard case .encoderMismatch = $0 as? ClassifierError else { return XCTFail("\($0)") }
        }
    }

    func testHiddenLayerSeesTheDenseBlock() throws {
        var config = HiddenLayerTests.config()
        config.denseWeight = 2
        let a = try IntentModel.train(examples: IntentFixture.examples, config: config, encoder: Self.encoder())
        let b = try IntentModel.train(examples: IntentFixture.examples, config: config, encoder: Self.encoder())
        let hidden = try XCTUnwrap(a.classifier.hidden)
        let firstDense = Int32(a.classifier.space.buckets.count)
        XCTAssert(hidden.inputs.contains(firstDense))
        XCTAssertEqual(hidden.w1, try XCTUnwrap(b.classifier.hidden).w1)
        let loaded = try IntentModel(serialized: try a.serialized(), encoder: Self.encoder())
        XCTAssertEqual(try loaded.predict("plugzap please"), try a.predict("plugzap please"))
    }

    func testDenseWeightKeyDecodesAndValidates() throws {
        let config = try JSONDecoder().decode(ClassifierConfig.self, from: Data(#"{"dense_weight": 1.5}"#.utf8))
        XCTAssertEqual(config.denseWeight, 1.5)
        XCTAssertEqual(ClassifierConfig().denseWeight, 0)
        var bad = ClassifierConfig()
        bad.denseWeight = -1
        XCTAssertThrowsError(try bad.validate())
    }
}
