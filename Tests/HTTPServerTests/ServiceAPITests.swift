import Engine
import Foundation
import XCTest

/// Service and marketing end to end on the real server: customers with derived signals, campaigns
/// as next-best actions (never after a complaint), QA alerts and scorecards, summaries and tickets
/// at close, batch QA of imported transcripts, and the 4xx answers for bad input.
final class ServiceAPITests: XCTestCase {
    var server: TestServer!

    override func tearDown() async throws {
        await server?.stop()
    }

    func importKnowledge() async throws {
        let lexicon = """
            {"id":"model_e7","name":"E7","type":"model","aliases":["澜途E7"]}
            {"id":"fault_charging","name":"charging fault","type":"fault","aliases":["won't charge"]}
            """
        let customers = #"{"id":"C1","name":"Emma","city":"Hangzhou","lifecycle":"loyal","tags":[],"vehicles":[{"model":"E7","purchase_date":"2024-05-01","mileage_km":30000,"last_service_date":"2025-10-01","last_service_km":21000}]}"#
        let programs = #"{"model":"E7","powertrain":"ev","service_interval_km":20000,"service_interval_months":24,"first_service_km":5000,"first_service_months":6,"warranty_years":4,"warranty_km":120000}"#
        let campaigns = """
            {"id":"CMP-WALLBOX","name":"Wallbox offer","condition":"vehicle.model == 'E7' and conversation.intents contains 'range_question'","value":800,"priority":3,"script":{"en":"We can install a wallbox at home."}}
            {"id":"CMP-SORRY","name":"Goodwill voucher","condition":"conversation.complained == true","value":500,"priority":1,"service_recovery":true,"script":{"en":"Let me get you a voucher."}}
            """
        let rules = """
            {"id":"QA-1","name":"Greeting","severity":"low","type":"required_opening","patterns":["hello","thank you for calling"],"within_turns":1}
            {"id":"QA-9","name":"No promises","severity":"high","type":"forbidden","patterns":["I guarantee"]}
            """
        let routing = """
            {"kind":"department","id":"after_sales","name_en":"After-sales","intents":["range_question","book_maintenance"],"keywords":["charge","service"]}
            {"kind":"department","id":"complaints","name_en":"Complaints","intents":["complaint"],"keywords":["complain","unacceptable"]}
            {"kind":"cues","lang":"en","action":["arranged","booked"],"escalation":["escalate"],"ticket":["ticket"],"promise":["call you back"],"deadline":["within 24 hours"],"unresolved":["not solved"]}
            """
        let sessions = #"{"session":"S1","channel":"call","lang":"en","customer_id":"C1","agent_id":"A1","agent_name":"Max","outcome":"resolved"}"#
        let turns = """
            {"session":"S1","turn":1,"speaker":"customer","text":"my E7 range is poor","ts":0}
            {"session":"S1","turn":2,"speaker":"agent","text":"I guarantee it gets better","ts":5}
            """
        var intents: [String] = []
        for (label, texts) in [("range_question", ["how far can it go", "what is the range", "the range is poor", "range dropped a lot", "range on a full charge"]),
                               ("book_maintenance", ["I want to book a service", "book my car in", "schedule a service appointment", "service booking please"]),
                               ("complaint", ["I want to complain", "this is unacceptable", "I am making a complaint", "terrible service, I complain"])] {
            for t in texts { intents.append(#"{"text":"\#(t)","label":"\#(label)"}"#) }
        }
        for (name, content) in [("lexicon.jsonl", lexicon), ("customers.jsonl", customers), ("programs.jsonl", programs),
                                ("campaigns.jsonl", campaigns), ("qa.jsonl", rules), ("routing.jsonl", routing),
                                ("sessions.jsonl", sessions), ("turns.jsonl", turns), ("intents.jsonl", intents.joined(separator: "\n"))] {
            let r = try await server.post("/v1/documents", json: ["name": name, "content": content])
            XCTAssertEqual(r.status, 201, "\(name): \(String(decoding: r.data, as: UTF8.self))")
        }
        try server.engine.train()
    }

    func testCustomersCampaignsAndRulesWithTheirErrors() async throws {
        server = try await TestServer()
        try await importKnowledge()
        let c1 = try await server.request("GET", "/v1/customers/C1")
        XCTAssertEqual(c1.status, 200)
        let names = (c1.json["signals"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        XCTAssertTrue(names.contains { $0.contains("km_to_service") }, "\(names)")
        XCTAssertEqual(c1.json["lifecycle"] as? String, "loyal")

        let unknown = try await server.request("GET", "/v1/customers/NOPE")
        XCTAssertEqual(unknown.status, 404)
        XCTAssertEqual(unknown.errorCode, "customer_not_found")
        let unknownCall = try await server.post("/v1/conversations", json: ["customer_id": "NOPE"])
        XCTAssertEqual(unknownCall.status, 404)

        let badCondition = try await server.post("/v1/campaigns", json: ["id": "CMP-X", "name": "x", "condition": "vehicle.age_years >= and true", "value": 1])
        XCTAssertEqual(badCondition.status, 400)
        XCTAssertEqual(badCondition.errorCode, "invalid_condition")
        let message = ((badCondition.json["error"] as? [String: Any])?["message"] as? String) ?? ""
        XCTAssertTrue(message.contains("condition") && message.contains("offset"), message)
        let unknownVariable = try await server.post("/v1/campaigns", json: ["id": "CMP-Y", "name": "y", "condition": "vehicle.colour == 'red'"])
        XCTAssertEqual(unknownVariable.errorCode, "invalid_condition")

        let badRule = try await server.post("/v1/qa/rules", json: ["id": "QA-X", "name": "x", "severity": "high", "type": "forbidden", "patterns": ["ok", "re:(unclosed"]])
        XCTAssertEqual(badRule.status, 400)
        XCTAssertEqual(badRule.errorCode, "invalid_rule")
        let ruleMessage = ((badRule.json["error"] as? [String: Any])?["message"] as? String) ?? ""
        XCTAssertTrue(ruleMessage.contains("patterns[1]") && ruleMessage.contains("position"), ruleMessage)

        let created = try await server.post("/v1/campaigns", json: ["id": "CMP-NEW", "name": "New", "condition": "customer.lifecycle == 'loyal'", "value": 100])
        XCTAssertEqual(created.status, 201)
        XCTAssertEqual(created.json["editable"] as? Bool, true)
        let imported = try await server.request("DELETE", "/v1/campaigns/CMP-WALLBOX")
        XCTAssertEqual(imported.status, 409)
        let deleted = try await server.request("DELETE", "/v1/campaigns/CMP-NEW")
        XCTAssertEqual(deleted.status, 200)
    }

    func testActionsAlertsAndCloseWithSummaryScorecardAndTicket() async throws {
        server = try await TestServer()
        try await importKnowledge()
        let opened = try await server.post("/v1/conversations", json: ["channel": "call", "customer_id": "C1", "agent_id": "A7"])
        let id = try XCTUnwrap(opened.json["id"] as? String)
        let agentHello = try await server.post("/v1/conversations/\(id)/turns", json: ["speaker": "agent", "text": "Hello, thank you for calling.", "ts": 0])
        XCTAssertEqual((agentHello.json["alerts"] as? [Any])?.count, 0)
        let range = try await server.post("/v1/conversations/\(id)/turns", json: ["speaker": "customer", "text": "The range of my E7 dropped a lot", "ts": 4]).json
        let actions = (range["actions"] as? [[String: Any]]) ?? []
        XCTAssertEqual(actions.first?["campaign_id"] as? String, "CMP-WALLBOX", "\(range)")
        XCTAssertFalse((actions.first?["reason"] as? String ?? "").isEmpty)
        XCTAssertNotNil(range["purchase_intent"] as? Double)
        XCTAssertEqual(range["lifecycle"] as? String, "loyal")
        XCTAssertTrue((range["learned_tags"] as? [String])?.contains("interested_in_ev") ?? false, "\(range)")

        let promise = try await server.post("/v1/conversations/\(id)/turns", json: ["speaker": "agent", "text": "I guarantee it will be fixed.", "ts": 9]).json
        XCTAssertEqual(((promise["alerts"] as? [[String: Any]])?.first)?["rule_id"] as? String, "QA-9")

        let complaint = try await server.post("/v1/conversations/\(id)/turns", json: ["speaker": "customer", "text": "This is unacceptable, I want to complain", "ts": 15]).json
        let after = ((complaint["actions"] as? [[String: Any]]) ?? []).compactMap { $0["campaign_id"] as? String }
        XCTAssertFalse(after.contains("CMP-WALLBOX"), "no sales offer after a complaint: \(after)")
        XCTAssertEqual(after.first, "CMP-SORRY", "only service recovery")

        _ = try await server.post("/v1/conversations/\(id)/turns", json: ["speaker": "agent", "text": "I have logged it and our team will call you back within 24 hours.", "ts": 20])
        let closed = try await server.post("/v1/conversations/\(id)/close", json: [:])
        XCTAssertEqual(closed.status, 200)
        let summary = try XCTUnwrap(closed.json["summary"] as? [String: Any])
        XCTAssertEqual(summary["language"] as? String, "en")
        XCTAssertFalse((summary["text"] as? String ?? "").isEmpty)
        let scorecard = try XCTUnwrap(closed.json["scorecard"] as? [String: Any])
        XCTAssertLessThan(scorecard["score"] as? Double ?? 100, 100)
        let ticket = try XCTUnwrap(closed.json["ticket"] as? [String: Any], "a call-back promise needs a ticket: \(closed.json)")
        XCTAssertEqual(ticket["status"] as? String, "held", "no webhook configured: kept for pick-up")
        let draft = try XCTUnwrap(ticket["draft"] as? [String: Any])
        XCTAssertEqual((draft["departments"] as? [Any])?.count, 2)

        let cards = try await server.request("GET", "/v1/qa/scorecards?agent=A7")
        XCTAssertEqual((cards.json["scorecards"] as? [[String: Any]])?.first?["conversation_id"] as? String, id)
        let one = try await server.request("GET", "/v1/qa/scorecards/\(id)")
        XCTAssertNotNil(one.json["summary"] as? [String: Any])
        let tickets = try await server.request("GET", "/v1/tickets?status=held")
        XCTAssertEqual((tickets.json["tickets"] as? [[String: Any]])?.count, 1)
        let ticketID = try XCTUnwrap(ticket["id"] as? String)
        let detail = try await server.request("GET", "/v1/tickets/\(ticketID)")
        XCTAssertNotNil(detail.json["ticket"] as? [String: Any])
        let retry = try await server.request("POST", "/v1/tickets/\(ticketID)/retry")
        XCTAssertEqual(retry.errorCode, "no_webhook")
        let again = try await server.post("/v1/conversations/\(id)/close", json: [:])
        XCTAssertEqual(again.status, 409)
    }

    func testBatchQAOfImportedTranscripts() async throws {
        server = try await TestServer()
        try await importKnowledge()
        let batch = try await server.post("/v1/qa/batch", json: [:])
        XCTAssertEqual(batch.status, 200)
        XCTAssertEqual(batch.json["calls"] as? Int, 1)
        let agents = (batch.json["agents"] as? [[String: Any]]) ?? []
        XCTAssertEqual(agents.first?["agent_id"] as? String, "A1")
        let hits = (agents.first?["hits_per_rule"] as? [String: Int]) ?? [:]
        XCTAssertEqual(hits["QA-9"], 1)
        XCTAssertEqual(hits["QA-1"], 1, "the agent never greeted")
        let stored = try await server.request("GET", "/v1/qa/scorecards?source=batch")
        XCTAssertEqual((stored.json["scorecards"] as? [[String: Any]])?.first?["conversation_id"] as? String, "transcript:S1")
        let missing = try await server.post("/v1/qa/batch", json: ["sessions": ["S404"]])
        XCTAssertEqual(missing.status, 404)
    }
}
