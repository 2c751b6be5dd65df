import Foundation
import XCTest
@testable import Dialogue
import KnowledgeModel

/// A small bilingual intent set: three intents plus out-of-scope chatter.
enum IntentFixture {
    static let examples: [(text: String, label: String)] = {
        var out: [(text: String, label: String)] = []
        let cars = ["car", "e7", "x5", "sedan", "suv", "vehicle"]
        for (i, car) in cars.enumerated() {
            out.append(("I want to book a maintenance appointment for my \(car)", "book_maintenance"))
            out.append(("can I schedule a service for the \(car) next week", "book_maintenance"))
            out.append(("my \(car) needs its yearly service, please book it", "book_maintenance"))
            out.append(("where is the nearest charging station for my \(car)", "charging_station"))
            out.append(("find a charger near me for the \(car)", "charging_station"))
            out.append(("is there a fast charging pile close by for \(car) number \(i)", "charging_station"))
            out.append(("what does the warranty cover on the \(car)", "ask_warranty"))
            out.append(("how long is the \(car) warranty valid", "ask_warranty"))
            out.append(("is the battery of my \(car) still under warranty", "ask_warranty"))
        }
        for model in ["E7", "X5", "S3"] {
            out.append(("我想给我的\(model)预约保养", "book_maintenance"))
            out.append(("\(model)保养怎么预约", "book_maintenance"))
            out.append(("附近哪里有\(model)的充电桩", "charging_station"))
            out.append(("\(model)去哪里充电", "charging_station"))
            out.append(("\(model)的质保期是多久", "ask_warranty"))
            out.append(("\(model)电池质保包括什么", "ask_warranty"))
        }
        let chatter = ["what is the weather like in paris", "tell me a joke", "who won the football game yesterday",
                       "recommend a good pizza recipe", "how tall is mount everest", "play some jazz music",
                       "what is the capital of australia", "translate hello into french", "今天天气怎么样",
                       "给我讲个笑话", "明天股市会涨吗", "推荐一部电影", "how do I bake bread", "what time is it in tokyo",
                       "set an alarm for seven", "who wrote hamlet", "best hiking trails nearby", "唱首歌吧"]
        for text in chatter { out.append((text, "oos")) }
        return out
    }()

    static func config(seed: UInt64 = 7) -> ClassifierConfig {
        var c = ClassifierConfig()
        c.hashBits = 16
        c.epochs = 15
        c.heldOutFraction = 0.2
        c.seed = seed
        return c
    }
}

final class IntentTests: XCTestCase {
    func testSameSeedGivesIdenticalModel() throws {
        let a = try IntentModel.train(examples: IntentFixture.examples, config: IntentFixture.config())
        let b = try IntentModel.train(examples: IntentFixture.examples, config: IntentFixture.config())
        XCTAssertEqual(a.classifier.weights, b.classifier.weights)
        XCTAssertEqual(a.classifier.bias, b.classifier.bias)
        XCTAssertEqual(a.threshold, b.threshold)
        XCTAssertEqual(a.classifier.temperature, b.classifier.temperature)
        XCTAssertEqual(try a.predict("book a service for my e7"), try b.predict("book a service for my e7"))
    }

    func testRecognizesInScopeIntentsInBothLanguages() throws {
        let model = try IntentModel.train(examples: IntentFixture.examples, config: IntentFixture.config())
        XCTAssertEqual(try model.predict("please book a maintenance appointment for my suv").intent, "book_maintenance")
        XCTAssertEqual(try model.predict("where can I find a charging station").intent, "charging_station")
        XCTAssertEqual(try model.predict("我的车质保多久").intent, "ask_warranty")
        let p = try model.predict("how long is the warranty on my sedan")
        XCTAssertFalse(p.outOfScope)
        XCTAssertEqual(p.ranking.first?.label, p.intent)
        XCTAssertEqual(p.ranking.count, min(model.config.rankingSize, model.labels.count))
        XCTAssertEqual(p.ranking.map(\.score), p.ranking.map(\.score).sorted(by: >))
        XCTAssertTrue(p.intents.contains("ask_warranty"))
    }

    func testOutOfScopeTextsAreRejected() throws {
        let model = try IntentModel.train(examples: IntentFixture.examples, config: IntentFixture.config())
        for text in ["what is the weather like in berlin", "tell me a funny joke", "给我讲个故事"] {
            let p = try model.predict(text)
            XCTAssertTrue(p.outOfScope, text)
            XCTAssertEqual(p.intent, "oos")
            XCTAssertTrue(p.intents.isEmpty)
        }
    }

    func testWithoutOOSExamplesThresholdComesFromHeldOutData() throws {
        let inScope = IntentFixture.examples.filter { $0.label != "oos" }
        let model = try IntentModel.train(examples: inScope, config: IntentFixture.config())
        XCTAssertFalse(model.labels.contains("oos"))
        XCTAssertGreaterThan(model.threshold, 0)
        XCTAssertLessThanOrEqual(model.threshold, 0.5)
        XCTAssertFalse(try model.predict("book a maintenance appointment for my car").outOfScope)
    }

    func testEmptyAndOversizedTextsThrow() throws {
        var config = IntentFixture.config()
        config.maxTextLength = 50
        let model = try IntentModel.train(examples: IntentFixture.examples, config: config)
        XCTAssertThrowsError(try model.predict("")) { XCTAssertEqual($0 as? ClassifierError, .emptyText) }
        XCTAssertThrowsError(try model.predict("   \n")) { XCTAssertEqual($0 as? ClassifierError, .emptyText) }
        XCTAssertThrowsError(try model.predict(String(repeating: "a", count: 51))) {
            XCTAssertEqual($0 as? ClassifierError, .textTooLong(length: 51, limit: 50))
        }
        // Text without any known feature still gets an answer (the bias decides, usually out of scope).
        XCTAssertNoThrow(try model.predict("🙂🙂"))
    }

    func testTrainingErrors() {
        XCTAssertThrowsError(try IntentModel.train(examples: [] as [IntentExample])) { XCTAssertEqual($0 as? ClassifierError, .noExamples) }
        XCTAssertThrowsError(try IntentModel.train(examples: [("hi", "greeting"), ("hello", "greeting")])) {
            XCTAssertEqual($0 as? ClassifierError, .tooFewLabels(["greeting"]))
        }
        var bad = ClassifierConfig()
        bad.epochs = 0
        XCTAssertThrowsError(try IntentModel.train(examples: IntentFixture.examples, config: bad)) {
            guard case .invalidConfig = $0 as? ClassifierError else { return XCTFail("\($0)") }
        }
    }

    func testArtifactRoundTrip() throws {
        let model = try IntentModel.train(examples: IntentFixture.examples, config: IntentFixture.config())
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("intent-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.save(to: url)
        let loaded = try IntentModel.load(from: url)
        XCTAssertEqual(loaded.labels, model.labels)
        XCTAssertEqual(loaded.threshold, model.threshold)
        XCTAssertEqual(loaded.config, model.config)
        XCTAssertEqual(loaded.classifier.weights, model.classifier.weights)
        for text in ["book a service", "附近的充电桩", "tell me a joke"] {
            XCTAssertEqual(try loaded.predict(text), try model.predict(text))
        }
        // A damaged or foreign file is refused with a typed error.
        var data = try model.serialized()
        data.removeLast(7)
        XCTAssertThrowsError(try IntentModel(serialized: data)) {
            guard case .corruptArtifact = $0 as? ClassifierError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try IntentModel(serialized: Data("hello".utf8)))
        let sentiment = try SentimentModel.train(examples: [("good", .positive), ("bad", .negative)])
        XCTAssertThrowsError(try IntentModel(serialized: try sentiment.serialized()))
    }

    func testShippedConfigurationsDecodeAndValidate() throws {
        let models = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Models")
        for name in ["intent.json", "sentiment.json"] {
            let url = models.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("no \(name) next to the tests") }
            XCTAssertNoThrow(try ClassifierConfig.load(from: url), name)
        }
    }
}
