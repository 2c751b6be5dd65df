import Engine
import Foundation
import XCTest

/// The service end to end on the real server: a bot session whose follow-up resolves by context,
/// and an agent conversation whose results arrive over Server-Sent Events.
final class AssistAPITests: XCTestCase {
    func importKnowledge(_ server: TestServer) async throws {
        let lexicon = """
            {"id":"model_e7","name":"E7","type":"model","aliases":["澜途E7"]}
            {"id":"model_e9","name":"E9","type":"model"}
            """
        let faqs = """
            {"id":"F1","question":"How long is the battery warranty?","similar":["battery guarantee years"],"answer":"Eight years or 160,000 km."}
            {"id":"F2","question":"How do I book a service?","similar":["make a service appointment"],"answer":"Use the app or call the hotline."}
            """
        let spec = "# E7 Spec Sheet\n\n| Item | Value |\n|---|---|\n| Range (CLTC) | 650 km |\n| Price | 239,900 |\n"
        let e9 = "# E9 Spec Sheet\n\n| Item | Value |\n|---|---|\n| Range (CLTC) | 720 km |\n| Price | 329,900 |\n"
        let rules = #"""
            {"id":"QA-9","name":"No promises","severity":"high","type":"forbidden","patterns":["I guarantee"]}
            {"id":"QA-10","name":"No long silence","severity":"low","type":"max_silence","seconds":30}
            """#
        let replies = #"{"id":"R1","intent":"book_maintenance","stage":"discovery","lang":"en","text":"Happy to book that, {customer_name}."}"#
        var intents: [String] = []
        for (label, texts) in [("book_maintenance", ["I want to book a service", "book my car in", "schedule a service appointment", "service booking please"]),
                               ("range_question", ["how far can it go", "what is the range", "range on a full charge", "how many km per charge"]),
                               ("request_human", ["let me talk to a person", "I want a human agent", "transfer me to an agent", "real person please"])] {
            for t in texts { intents.append(#"{"text":"\#(t)","label":"\#(label)"}"#) }
        }
        for (name, content) in [("lexicon.jsonl", lexicon), ("faq.jsonl", faqs), ("e7.md", spec), ("e9.md", e9), ("qa.jsonl", rules),
                                ("replies.jsonl", replies), ("intents.jsonl", intents.joined(separator: "\n"))] {
            let r = try await server.post("/v1/documents", json: ["name": name, "content": content])
            XCTAssertEqual(r.status, 201, "\(name): \(String(decoding: r.data, as: UTF8.self))")
        }
        try server.engine.train()
    }

    func testABotSessionResolvesAFollowUpAndHandsOffWhenAsked() async throws {
        let server = try await TestServer()
        try await importKnowledge(server)
        let first = try await server.post("/v1/answer", json: ["question": "What is the range of the E9?", "session_id": "bot-1"]).json
        XCTAssertEqual(first["kind"] as? String, "fact")
        XCTAssertTrue((first["answer"] as? String)?.contains("720 km") ?? false, "\(first)")
        XCTAssertEqual(first["session_id"] as? String, "bot-1")
        XCTAssertEqual(first["handoff"] as? Bool, false)
        XCTAssertEqual(((first["sources"] as? [[String: Any]])?.first)?["document_name"] as? String, "e9.md")

        let followUp = try await server.post("/v1/answer", json: ["question": "and how much does it cost?", "session_id": "bot-1"]).json
        XCTAssertTrue((followUp["answer"] as? String)?.contains("329,900") ?? false, "the E9 is carried from the first question: \(followUp)")
        XCTAssertNil(followUp["resolved_question"], "a question that says more than a name is read as it is")
        // Only another model named: the last question again, about it.
        let other = try await server.post("/v1/answer", json: ["question": "What about the E7?", "session_id": "bot-1"]).json
        XCTAssertEqual(other["resolved_question"] as? String, "E7: and how much does it cost?")
        XCTAssertTrue((other["answer"] as? String)?.contains("239,900") ?? false, "\(other)")

        let faq = try await server.post("/v1/answer", json: ["question": "how many years is the battery guarantee"]).json
        XCTAssertEqual(faq["kind"] as? String, "faq")
        XCTAssertEqual(faq["answer"] as? String, "Eight years or 160,000 km.")
        XCTAssertNotNil(faq["session_id"] as? String, "a session id is made when none is given")

        let human = try await server.post("/v1/answer", json: ["question": "I want to talk to a real person", "session_id": "bot-1"]).json
        XCTAssertEqual(human["handoff"] as? Bool, true)
        XCTAssertEqual(human["handoff_reason"] as? String, "customer_asked_for_human")

        let bad = try await server.post("/v1/answer", json: ["question": ""])
        XCTAssertEqual(bad.status, 400)
        await server.stop()
    }

    func testAnAgentConversationStreamsSuggestionsAndAlerts() async throws {
        let server = try await TestServer()
        try await importKnowledge(server)
        let opened = try await server.post("/v1/conversations", json: ["channel": "call", "customer": ["id": "X1", "name": "Emma", "tags": [], "vehicles": [["model": "E7"]]]])
        XCTAssertEqual(opened.status, 201)
        let id = try XCTUnwrap(opened.json["id"] as? String)

        // The desktop watches the stream; it ends when the conversation is closed.
        let events = Task { () async throws -> (Int, Data) in
            let r = try await server.request("GET", "/v1/conversations/\(id)/events")
            return (r.status, r.data)
        }
        try await Task.sleep(nanoseconds: 200_000_000)

        let customer = try await server.post("/v1/conversations/\(id)/turns", json: ["speaker": "customer", "text": "I want to book a service for my E7"]).json
        XCTAssertEqual((customer["intent"] as? [String: Any])?["intent"] as? String, "book_maintenance")
        XCTAssertEqual(((customer["entities"] as? [[String: Any]])?.first)?["id"] as? String, "model_e7")
        XCTAssertFalse((customer["cards"] as? [Any])?.isEmpty ?? true)
        let suggestion = try XCTUnwrap((customer["suggestions"] as? [[String: Any]])?.first)
        XCTAssertEqual(suggestion["text"] as? String, "Happy to book that, Emma.")

        let agent = try await server.post("/v1/conversations/\(id)/turns", json: ["speaker": "agent", "text": "I guarantee it will never break again."]).json
        XCTAssertEqual(((agent["alerts"] as? [[String: Any]])?.first)?["rule_id"] as? String, "QA-9")

        let closing = try await server.post("/v1/conversations/\(id)/close", json: [:]).json
        XCTAssertEqual(closing["turns"] as? Int, 2)
        XCTAssertEqual((closing["summary"] as? [String: Any])?["intents"] as? [String], ["book_maintenance"])
        let hits = ((closing["scorecard"] as? [String: Any])?["hits"] as? [[String: Any]]) ?? []
        XCTAssertEqual(hits.compactMap { $0["rule_id"] as? String }, ["QA-9"], "the scorecard cites the alert")

        let (status, data) = try await events.value
        XCTAssertEqual(status, 200)
        let text = String(decoding: data, as: UTF8.self)
        let turns = text.components(separatedBy: "\n\n").filter { $0.hasPrefix("event: turn") }
        XCTAssertEqual(turns.count, 2, text)
        XCTAssertTrue(turns[0].contains("Happy to book that, Emma."))
        XCTAssertTrue(turns[1].contains("QA-9"))

        let closed = try await server.post("/v1/conversations/\(id)/turns", json: ["speaker": "customer", "text": "hello?"])
        XCTAssertEqual(closed.status, 409)
        let missing = try await server.post("/v1/conversations/nope/turns", json: ["speaker": "customer", "text": "hi"])
        XCTAssertEqual(missing.status, 404)
        await server.stop()
    }
}

extension AssistAPITests {
    /// A turn time no call can have is a 400 that adds no turn; the extreme times still accepted
    /// make a silence alert instead of overflowing (schemathesis once sent 1.8e308 and the
    /// server trapped converting the gap to a whole number).
    func testImpossibleTurnTimesAreRejectedAndExtremeOnesAreSafe() async throws {
        let server = try await TestServer()
        try await importKnowledge(server)
        let opened = try await server.post("/v1/conversations", json: ["channel": "call"]).json
        let id = try XCTUnwrap(opened["id"] as? String)
        for ts in ["1.7976931348623157e308", "-1e300", "-0.5", "1000000000001"] {
            let body = Data(#"{"speaker":"agent","text":"hello","ts":\#(ts)}"#.utf8)
            let r = try await server.request("POST", "/v1/conversations/\(id)/turns", body: body)
            XCTAssertEqual(r.status, 400, ts)
            XCTAssertEqual(r.errorCode, "invalid_ts", ts)
        }
        let first = try await server.post("/v1/conversations/\(id)/turns", json: ["speaker": "agent", "text": "hello", "ts": 0]).json
        XCTAssertEqual(first["turn"] as? Int, 1, "the rejected turns added nothing")
        let second = try await server.post("/v1/conversations/\(id)/turns", json: ["speaker": "agent", "text": "still there?", "ts": 1e12]).json
        let alert = try XCTUnwrap((second["alerts"] as? [[String: Any]])?.first)
        XCTAssertEqual(alert["rule_id"] as? String, "QA-10")
        XCTAssertTrue((alert["message"] as? String)?.hasPrefix("1000000000000 s of silence") ?? false, "\(alert)")
        await server.stop()
    }
}

final class LongConversationTests: XCTestCase {
    func testAVeryLongCallKeepsItsLastTurnsAndKeepsNumbering() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("long-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let engine = try Engine(dataDirectory: dir)
        let id = try engine.openConversation(ConversationStart(channel: "call")).id
        var last = 0
        for i in 1...230 { last = try engine.addTurn(id, ConversationTurn(speaker: i % 2 == 0 ? "agent" : "customer", text: "turn \(i)")).turn }
        XCTAssertEqual(last, 230)
        let view = try engine.conversation(id)
        XCTAssertEqual(view.turns.count, 200)
        XCTAssertEqual(view.turns.first?.turn, 31)
    }
}
