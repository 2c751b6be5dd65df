import Dialogue
import Foundation
import TestSupport
import XCTest
@testable import Engine

/// A configured pretrained encoder feeding the conversation models: intents through its static
/// word-piece vectors (distilled once, saved in the data folder, read back by the next engine),
/// sentiment through its contextual vectors; a model trained with dense features is retrained,
/// not used blind, when the configuration drops them. The second engine finding nothing to
/// retrain also guards the training fingerprint: it once hashed JSON whose key order changed from
/// one encode to the next, so the models were retrained at every start.
final class DenseDialogueEngineTests: TemporaryDirectoryTestCase {
    func writeConfig(_ name: String, _ change: (inout ClassifierConfig) -> Void) throws -> String {
        var c = ClassifierConfig()
        change(&c)
        let url = dir.appendingPathComponent(name)
        try JSONEncoder().encode(c).write(to: url)
        return url.path
    }

    func engine(intentConfig: String, sentimentConfig: String) throws -> Engine {
        var config = EngineConfig()
        config.pretrainedEncoder = PretrainedEncoderConfig(directory: dir.appendingPathComponent("model").path)
        config.intentConfigFile = intentConfig
        config.sentimentConfigFile = sentimentConfig
        return try quietEngine(dir.appendingPathComponent("data"), config: config)
    }

    func importExamples(_ engine: Engine) throws {
        var intents: [String] = [], sentiment: [String] = []
        for (label, texts) in [("charging", ["how do i charge my car", "charge the battery at home", "charging at home", "where do i charge"]),
                               ("range", ["what is the range", "range in winter", "how far does my car go", "the range of the battery"])] {
            for t in texts { intents.append(#"{"text":"\#(t)","label":"\#(label)"}"#) }
        }
        for (label, texts) in [("positive", ["great car", "i love my car", "the battery is great"]),
                               ("negative", ["terrible range", "i hate charging", "the car is bad"])] {
            for t in texts { sentiment.append(#"{"text":"\#(t)","sentiment":"\#(label)"}"#) }
        }
        for (name, rows) in [("intents.jsonl", intents), ("sentiment.jsonl", sentiment)] {
            _ = try engine.importData(name: name, data: Data(rows.joined(separator: "\n").utf8), format: nil)
        }
    }

    func testDenseFeaturesFromThePretrainedEncoder() throws {
        let model = dir.appendingPathComponent("model")
        try FileManager.default.createDirectory(at: model, withIntermediateDirectories: true)
        try writeTinyModel(to: model.path)
        let staticIntents = try writeConfig("intent.json") { $0.denseWeight = 1; $0.denseVectors = "static" }
        let contextualSentiment = try writeConfig("sentiment.json") { $0.denseWeight = 1 }
        let sparse = try writeConfig("sparse.json") { _ in }

        let first = try engine(intentConfig: staticIntents, sentimentConfig: contextualSentiment)
        try importExamples(first)
        let trained = try first.train(force: true)
        XCTAssertEqual(trained.intent?.status, "trained")
        XCTAssertEqual(trained.sentiment?.status, "trained")
        let table = dir.appendingPathComponent("data/models/static-vectors.bin")
        let made = try FileManager.default.attributesOfItem(atPath: table.path)[.modificationDate] as? Date
        XCTAssertNotNil(made, "the distilled table is saved in the data folder")

        // The artifacts carry dense blocks: loading them without an encoder is refused.
        let intentFile = dir.appendingPathComponent("data/models/intent.bin")
        XCTAssertThrowsError(try IntentModel.load(from: intentFile))
        XCTAssertThrowsError(try SentimentModel.load(from: dir.appendingPathComponent("data/models/sentiment.bin")))
        let answer = try first.classifyIntent("charge my car at home")
        XCTAssertEqual(answer.intent, "charging")
        let mood = try first.sentiment(text: "i love the battery", turns: nil)

        // A second engine on the same folder: nothing to retrain, the table is read (not made again).
        let second = try engine(intentConfig: staticIntents, sentimentConfig: contextualSentiment)
        let again = try second.train()
        XCTAssertEqual(again.intent?.status, "unchanged")
        XCTAssertEqual(again.sentiment?.status, "unchanged")
        let secondAnswer = try second.classifyIntent("charge my car at home")
        XCTAssertEqual(secondAnswer.intent, answer.intent)
        XCTAssertEqual(secondAnswer.confidence, answer.confidence, accuracy: 1e-6)
        XCTAssertEqual(try second.sentiment(text: "i love the battery", turns: nil).score, mood.score, accuracy: 1e-6)
        let kept = try FileManager.default.attributesOfItem(atPath: table.path)[.modificationDate] as? Date
        XCTAssertEqual(kept, made)

        // Dense features dropped from the configuration: retrained sparse, not loaded with a missing encoder.
        let third = try engine(intentConfig: sparse, sentimentConfig: sparse)
        let sparseTrain = try third.train()
        XCTAssertEqual(sparseTrain.intent?.status, "trained")
        XCTAssertEqual(sparseTrain.sentiment?.status, "trained")
        XCTAssertNoThrow(try IntentModel.load(from: intentFile))
        XCTAssertEqual(try third.classifyIntent("charge my car at home").intent, "charging")
    }

    /// A damaged saved model is retrained by the next training, though its fingerprint stamp
    /// still matched the examples and configuration.
    func testADamagedModelIsRetrained() throws {
        let data = dir.appendingPathComponent("data")
        let first = try quietEngine(data)
        try importExamples(first)
        XCTAssertEqual(try first.train().sentiment?.status, "trained")
        try Data("not a model".utf8).write(to: data.appendingPathComponent("models/sentiment.bin"))
        let second = try quietEngine(data)
        _ = try? second.sentiment(text: "great car", turns: nil)         // loads the models: the damaged one is dropped
        XCTAssertEqual(try second.train().sentiment?.status, "trained")
        XCTAssertEqual(try second.train().sentiment?.status, "unchanged")
        XCTAssertEqual(try second.sentiment(text: "i love my car", turns: nil).label, "positive")
    }
}
