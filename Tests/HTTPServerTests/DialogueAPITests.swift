import Foundation
import XCTest
@testable import Engine

/// Intent, sentiment and reply suggestion over HTTP, trained from imported knowledge.
final class DialogueAPITests: XCTestCase {
    /// Examples uploaded to a server are trained in the background; meanwhile a classification
    /// is 503 saying so, with `Retry-After`, and the model answers once trained (no
    /// `switchboard train` needed). Without a training under way the 503 has no `Retry-After`.
    func testUploadedExamplesTrainInTheBackgroundAndTheWaitIsSaid() async throws {
        let server = try await TestServer()
        server.engine.dialogue.withLock { $0.modelsTraining = true }
        let waiting = try await server.post("/v1/intents/classify", json: ["text": "hello"])
        XCTAssertEqual(waiting.status, 503)
        XCTAssertEqual(waiting.errorCode, "model_unavailable")
        XCTAssertEqual(waiting.headers["Retry-After"] as? String, "2")
        XCTAssertTrue(((waiting.json["error"] as? [String: Any])?["message"] as? String ?? "").contains("being trained"), "\(waiting.json)")
        server.engine.dialogue.withLock { $0.modelsTraining = false }
        let never = try await server.post("/v1/sentiment", json: ["text": "hello"])
        XCTAssertEqual(never.status, 503)
        XCTAssertNil(never.headers["Retry-After"])

        let examples = [("book a service", "booking"), ("service appointment please", "booking"), ("schedule my maintenance", "booking"),
                        ("how much is the E7", "price"), ("price of the car", "price"), ("what does it cost", "price")]
        let content = examples.map { #"{"text":"\#($0.0)","label":"\#($0.1)"}"# }.joined(separator: "\n")
        let upload = try await server.post("/v1/documents", json: ["name": "intents.jsonl", "content": content])
        XCTAssertEqual(upload.status, 201)
        var answered: [String: Any] = [:]
        for _ in 0..<600 {
            let r = try await server.post("/v1/intents/classify", json: ["text": "I want to book a service"])
            if r.status == 200 { answered = r.json; break }
            XCTAssertEqual(r.status, 503)
            XCTAssertEqual(r.headers["Retry-After"] as? String, "2", "a model is under way: \(r.json)")
            try await Task.sleep(for: .milliseconds(100))
        }
        XCTAssertEqual(answered["intent"] as? String, "booking")
        await server.stop()
    }

    func testClassifySentimentSuggestAndTheirErrors() async throws {
        let server = try await TestServer()
        // Before any training: a clear 503, not a crash.
        let early = try await server.post("/v1/intents/classify", json: ["text": "hello"])
        XCTAssertEqual(early.status, 503)
        XCTAssertEqual(early.errorCode, "model_unavailable")

        var intents: [String] = []
        for (label, texts) in [("book_maintenance", ["I want to book a service", "book my car in for maintenance", "schedule a service appointment", "我想预约保养", "帮我约个保养"]),
                               ("charging", ["how fast does it charge", "where can I charge my car", "charging takes too long", "充电要多久", "附近有充电桩吗"]),
                               ("complaint", ["I want to complain", "your service is terrible", "this is unacceptable", "我要投诉", "服务太差了"])] {
            for t in texts { intents.append(#"{"text":"\#(t)","label":"\#(label)"}"#) }
        }
        var sentiment: [String] = []
        for (label, texts) in [("negative", ["terrible service", "I am very angry", "this is awful", "太差了", "非常不满意"]),
                               ("positive", ["great, thank you", "very happy with it", "excellent service", "太好了，谢谢", "非常满意"]),
                               ("neutral", ["what time is it", "my car is an E7", "I live in Shanghai", "我在上海", "明天可以吗"])] {
            for t in texts { sentiment.append(#"{"text":"\#(t)","sentiment":"\#(label)"}"#) }
        }
        let replies = """
            {"id":"R1","intent":"book_maintenance","stage":"discovery","lang":"en","text":"Sure {customer_name}, which day suits you for the {model} service?"}
            {"id":"R2","intent":"charging","stage":"discovery","lang":"en","text":"A fast charger takes the {model} from 10% to 80% in about 30 minutes."}
            """
        for (name, content) in [("intents.jsonl", intents.joined(separator: "\n")), ("sentiment.jsonl", sentiment.joined(separator: "\n")),
                                ("replies.jsonl", replies)] {
            let r = try await server.post("/v1/documents", json: ["name": name, "content": content])
            XCTAssertEqual(r.status, 201, "\(name): \(String(decoding: r.data, as: UTF8.self))")
        }
        try server.engine.train()

        let intent = try await server.post("/v1/intents/classify", json: ["text": "I'd like to book a service for my car"]).json
        XCTAssertEqual(intent["intent"] as? String, "book_maintenance")
        XCTAssertNotNil(intent["confidence"] as? Double)
        XCTAssertNotNil(intent["out_of_scope"] as? Bool)
        XCTAssertGreaterThan((intent["ranking"] as? [Any])?.count ?? 0, 1)

        let mood = try await server.post("/v1/sentiment", json: ["turns": [["speaker": "customer", "text": "great, thanks"],
                                                                          ["speaker": "customer", "text": "this is terrible, I am angry"]]]).json
        XCTAssertEqual(mood["label"] as? String, "negative")
        XCTAssertEqual((mood["turns"] as? [Double])?.count, 2)
        XCTAssertNotNil(mood["escalate"] as? Bool)

        let suggested = try await server.post("/v1/replies/suggest", json: [
            "turns": [["speaker": "customer", "text": "I want to book a service"]], "slots": ["customer_name": "Emma"]]).json
        let first = try XCTUnwrap((suggested["suggestions"] as? [[String: Any]])?.first)
        XCTAssertEqual(first["source"] as? String, "script:R1")
        XCTAssertEqual(first["text"] as? String, "Sure Emma, which day suits you for the {model} service?", "an unknown slot stays visible")
        XCTAssertEqual(first["unfilled_slots"] as? [String], ["model"])

        for (path, body, code) in [("/v1/intents/classify", ["text": "  "] as [String: Any], "empty_text"),
                                   ("/v1/intents/classify", ["text": String(repeating: "a", count: 2001)], "text_too_long"),
                                   ("/v1/sentiment", [:], "missing_text"),
                                   ("/v1/replies/suggest", ["turns": [["speaker": "robot", "text": "hi"]]], "invalid_speaker"),
                                   ("/v1/replies/suggest", ["turns": [] as [Any]], "invalid_turns"),
                                   ("/v1/replies/suggest", ["turns": [["speaker": "customer", "text": "hi", "ts": -1]]], "invalid_ts"),
                                   ("/v1/sentiment", ["turns": [["speaker": "customer", "text": "hi", "ts": 2e12]]], "invalid_ts"),
                                   // 1,001 characters, 2,002 code points: the limit counts code points, as the spec's maxLength.
                                   ("/v1/intents/classify", ["text": String(repeating: "e\u{301}", count: 1001)], "text_too_long")] {
            let r = try await server.post(path, json: body)
            XCTAssertEqual(r.status, 400, path)
            XCTAssertEqual(r.errorCode, code, path)
        }
        await server.stop()
    }
}
