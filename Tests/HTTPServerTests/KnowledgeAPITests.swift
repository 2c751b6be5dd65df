import Foundation
import XCTest

/// Feedback, analytics and knowledge editing over HTTP.
final class KnowledgeAPITests: XCTestCase {
    func testFAQCrudFeedbackAndAnalyticsOverHTTP() async throws {
        let server = try await TestServer()
        let imported = try await server.post("/v1/documents", json: ["name": "faqs.jsonl",
                                                                     "content": #"{"id":"F1","question":"How long is the warranty?","answer":"Four years."}"#])
        XCTAssertEqual(imported.status, 201)

        let created = try await server.post("/v1/faqs", json: ["question": "Can the E7 tow a trailer?", "similar": ["E7 towing capacity"],
                                                               "answer": "Yes, up to 1,500 kg braked."])
        XCTAssertEqual(created.status, 201, String(decoding: created.data, as: UTF8.self))
        let id = try XCTUnwrap(created.json["id"] as? String)
        XCTAssertEqual(created.json["editable"] as? Bool, true)
        let hits = try await server.post("/v1/search", json: ["query": "towing capacity"]).json["hits"] as? [[String: Any]]
        XCTAssertEqual(hits?.first?["faq_id"] as? String, id)

        let shown = try await server.request("GET", "/v1/faqs/\(id)")
        XCTAssertEqual(shown.json["question"] as? String, "Can the E7 tow a trailer?")
        let listed = try await server.request("GET", "/v1/faqs?limit=1")
        XCTAssertEqual(listed.json["total"] as? Int, 2)
        XCTAssertEqual((listed.json["faqs"] as? [Any])?.count, 1)

        let put = try await server.request("PUT", "/v1/faqs/\(id)", body: try JSONSerialization.data(withJSONObject: ["question": "Can the E7 pull a caravan?", "answer": "Yes."]))
        XCTAssertEqual(put.status, 200)
        XCTAssertEqual(put.json["question"] as? String, "Can the E7 pull a caravan?")

        for (method, path, body, status, code) in [
            ("POST", "/v1/faqs", ["question": ""] as [String: Any], 400, "missing_question"),
            ("POST", "/v1/faqs", ["answer": "no question"], 400, "invalid_json"),
            ("POST", "/v1/faqs", ["id": "F1", "question": "Clash?"], 409, "faq_exists"),
            ("PUT", "/v1/faqs/F1", ["question": "Edit an imported one?"], 409, "not_editable"),
            ("PUT", "/v1/faqs/nope", ["question": "q"], 404, "faq_not_found"),
            ("POST", "/v1/feedback", ["kind": "liked"], 400, "invalid_kind"),
            ("POST", "/v1/feedback", ["kind": "answer_rated", "rating": "meh"], 400, "invalid_rating"),
            ("POST", "/v1/intents", ["label": "towing"], 400, "missing_text"),
            ("POST", "/v1/synonyms", ["terms": ["one"]], 400, "empty_terms"),
        ] {
            let r = try await server.request(method, path, body: try JSONSerialization.data(withJSONObject: body))
            XCTAssertEqual(r.status, status, "\(method) \(path) \(body)")
            XCTAssertEqual(r.errorCode, code, "\(method) \(path) \(body)")
        }
        for (path, code) in [("/v1/faqs/nope", "faq_not_found"), ("/v1/analytics/hits?kind=page", "invalid_kind"),
                             ("/v1/analytics/gaps?since=yesterday", "invalid_since"), ("/v1/analytics/summary?since=", "invalid_since"), ("/v1/analytics/gaps?min_count=x", "invalid_parameter"),
                             ("/v1/analytics/gaps?limit=1001", "invalid_parameter"), ("/v1/faqs?offset=-1", "invalid_parameter"),
                             ("/v1/intents/none", "intent_not_found"), ("/v1/replies/none", "reply_not_found")] {
            let r = try await server.request("GET", path)
            XCTAssertEqual(r.errorCode, code, path)
        }

        let deleted = try await server.request("DELETE", "/v1/faqs/\(id)")
        XCTAssertEqual(deleted.status, 200)
        let r1 = try await server.request("GET", "/v1/faqs/\(id)")
        XCTAssertEqual(r1.status, 404)

        // Intents, replies and synonyms round trips.
        let r2 = try await server.post("/v1/intents", json: ["label": "towing", "examples": ["can I tow", "trailer weight"]])
        XCTAssertEqual(r2.status, 201)
        let intents = try await server.request("GET", "/v1/intents").json["intents"] as? [[String: Any]]
        XCTAssertEqual(intents?.first?["label"] as? String, "towing")
        XCTAssertEqual(intents?.first?["total"] as? Int, 2)
        let r3 = try await server.request("DELETE", "/v1/intents/towing")
        XCTAssertEqual(r3.json["deleted"] as? Int, 2)
        let reply = try await server.post("/v1/replies", json: ["id": "RE-1", "intent": "towing", "stage": "solution", "text": "Up to {weight}."])
        XCTAssertEqual(reply.status, 201)
        XCTAssertEqual(reply.json["slots"] as? [String], ["weight"])
        let r4 = try await server.request("GET", "/v1/replies/RE-1")
        XCTAssertEqual(r4.status, 200)
        let r5 = try await server.request("DELETE", "/v1/replies/RE-1")
        XCTAssertEqual(r5.status, 200)
        let synonyms = try await server.post("/v1/synonyms", json: ["terms": ["trailer", "caravan"]])
        XCTAssertEqual(synonyms.status, 201)
        let synonymID = try XCTUnwrap(synonyms.json["id"] as? String)
        let r6 = try await server.request("DELETE", "/v1/synonyms/\(synonymID)")
        XCTAssertEqual(r6.status, 200)

        // Feedback and analytics.
        let question = server.engine.recordQuestion("How do I pair my phone?", sessionID: "s1", channel: "web", answered: false,
                                                    confidence: 0.1, handoff: true, sources: [])
        let rated = try await server.post("/v1/feedback", json: ["kind": "answer_rated", "question_id": question, "rating": "down"])
        XCTAssertEqual(rated.status, 201, String(decoding: rated.data, as: UTF8.self))
        let accepted = try await server.post("/v1/feedback", json: ["kind": "suggestion_accepted", "session_id": "s1",
                                                                    "suggestion_source": "script:R1", "text": "Open Settings, then Bluetooth."])
        XCTAssertEqual(accepted.status, 201)
        XCTAssertEqual(accepted.json["learned"] as? Bool, true)
        XCTAssertEqual(accepted.json["customer_text"] as? String, "How do I pair my phone?")
        let gaps = try await server.request("GET", "/v1/analytics/gaps?since=2020-01-01&min_count=1")
        XCTAssertEqual(gaps.status, 200)
        let cluster = try XCTUnwrap((gaps.json["clusters"] as? [[String: Any]])?.first)
        XCTAssertEqual((cluster["suggested_faq"] as? [String: Any])?["question"] as? String, "How do I pair my phone?")
        let summary = try await server.request("GET", "/v1/analytics/summary").json
        XCTAssertEqual(summary["questions"] as? Int, 1)
        XCTAssertEqual(summary["suggestion_acceptance_rate"] as? Double, 1)
        let r7 = try await server.request("GET", "/v1/analytics/hits?kind=faq&limit=5")
        XCTAssertEqual(r7.status, 200)
        await server.stop()
    }
}
