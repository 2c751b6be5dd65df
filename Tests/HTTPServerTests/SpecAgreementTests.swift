import Foundation
import XCTest

/// Requests that schemathesis found Server/openapi.yaml and the server judging differently (a
/// request the spec allows refused, or one it forbids accepted), each now answered as the spec says.
final class SpecAgreementTests: XCTestCase {
    func testTheServerAnswersAsTheSpecSays() async throws {
        let server = try await TestServer()
        func send(_ method: String, _ path: String, _ body: [String: Any]) async throws -> TestServer.Reply {
            try await server.request(method, path, body: try JSONSerialization.data(withJSONObject: body))
        }

        // Text under a name without an extension, whose content names no format, is plain text;
        // both content fields at once is a 400 (the spec's oneOf).
        let plain = try await send("POST", "/v1/documents", ["name": "Return policy", "content": "A car can be returned within seven days."])
        XCTAssertEqual(plain.status, 201, String(decoding: plain.data, as: UTF8.self))
        XCTAssertEqual(plain.json["format"] as? String, "text")
        let sniffed = try await send("POST", "/v1/documents", ["name": "faq", "content": #"{"question":"How long is the warranty?","answer":"Four years."}"#])
        XCTAssertEqual(sniffed.json["format"] as? String, "faq_jsonl")
        let unknownExtension = try await send("POST", "/v1/documents", ["name": "notes.xyz", "content": "0"])
        XCTAssertEqual(unknownExtension.status, 415)
        let both = try await send("POST", "/v1/documents", ["name": "x.md", "content": "# A", "content_base64": "IyBB"])
        XCTAssertEqual(both.errorCode, "ambiguous_content")

        // 1000 examples and a text are within the spec (examples maxItems 1000); 1001 examples are not.
        let many = try await send("POST", "/v1/intents", ["label": "towing", "text": "can I tow", "examples": (0..<1000).map { "towing question \($0)" }])
        XCTAssertEqual(many.status, 201, String(decoding: many.data, as: UTF8.self))
        let tooMany = try await send("POST", "/v1/intents", ["label": "towing", "examples": (0...1000).map { "towing question \($0)" }])
        XCTAssertEqual(tooMany.errorCode, "too_many_items")

        // A PUT body naming another resource than the path is a conflict (RFC 9110 §9.3.4); a body
        // label is checked as a label first (the spec's pattern and maxLength).
        for (label, status, code) in [("other", 409, "label_mismatch"), ("", 400, "missing_label"),
                                      (" towing" + String(repeating: " ", count: 100), 400, "invalid_label")] {
            let r = try await send("PUT", "/v1/intents/towing", ["label": label, "text": "trailer weight"])
            XCTAssertEqual(r.status, status, "label '\(label)'")
            XCTAssertEqual(r.errorCode, code, "label '\(label)'")
        }
        let same = try await send("PUT", "/v1/intents/towing", ["label": " towing ", "text": "trailer weight"])
        XCTAssertEqual(same.status, 200)
        let faq = try await send("POST", "/v1/faqs", ["question": "Can the E7 tow?", "answer": "Yes."])
        let faqID = try XCTUnwrap(faq.json["id"] as? String)
        let reply = try await send("POST", "/v1/replies", ["intent": "towing", "stage": "solution", "text": "It can tow 1,500 kg."])
        let replyID = try XCTUnwrap(reply.json["id"] as? String, String(decoding: reply.data, as: UTF8.self))
        for (path, body) in [("/v1/faqs/\(faqID)", ["id": "another", "question": "q"]),
                             ("/v1/replies/\(replyID)", ["id": "another", "intent": "towing", "stage": "solution", "text": "t"])] {
            let r = try await send("PUT", path, body)
            XCTAssertEqual(r.status, 409, path)
            XCTAssertEqual(r.errorCode, "id_mismatch", path)
        }

        // Blank names and labels are refused as the spec's `\S` patterns say, new lines included;
        // ids are ASCII, as the spec's pattern says.
        for (path, body, code) in [
            ("/v1/customers", ["id": "C1", "name": "Emma", "vehicles": [["model": "\n"]]] as [String: Any], "invalid_customer"),
            ("/v1/customers", ["id": "C1", "name": "\n"], "invalid_customer"),
            ("/v1/replies", ["intent": "towing", "stage": "\n", "text": "t"], "missing_stage"),
            ("/v1/replies", ["intent": "tow\u{0B}ing", "stage": "solution", "text": "t"], "invalid_label"),
            ("/v1/faqs", ["question": " \n"], "missing_question"),
            // U+0085 (next line) is white space to the server, and the spec's patterns say so.
            ("/v1/faqs", ["question": "\u{85}"], "missing_question"),
            ("/v1/intents", ["label": "tow\u{85}ing", "text": "can I tow"], "invalid_label"),
            // The spec's `uniqueItems`: a term given twice is refused.
            ("/v1/synonyms", ["terms": ["tow bar", "towbar", "tow bar"]], "duplicate_terms"),
            // Its `minLength: 1`: an empty term is refused, not dropped.
            ("/v1/synonyms", ["terms": ["tow bar", "towbar", ""]], "empty_term"),
            ("/v1/qa/rules", ["id": "QA-X", "name": " ", "severity": "low", "type": "forbidden", "patterns": ["idiot"]], "invalid_rule"),
            ("/v1/faqs", ["id": "问题1", "question": "q"], "invalid_id"),
            ("/v1/intents", ["text": "can I tow"], "missing_label"),
            ("/v1/intents", ["label": " " + String(repeating: "a", count: 100), "text": "can I tow"], "invalid_label"),
            ("/v1/faqs", ["id": " F1", "question": "q"], "invalid_id"),
            ("/v1/customers", ["id": "C\u{E03CE}", "name": "Emma"], "invalid_id"),
        ] {
            let r = try await send("POST", path, body)
            XCTAssertEqual(r.status, 400, "\(path) \(body)")
            XCTAssertEqual(r.errorCode, code, "\(path) \(body)")
        }

        let inline = try await send("POST", "/v1/conversations", ["customer": ["id": "\u{84}", "name": "Emma"]])
        XCTAssertEqual(inline.errorCode, "invalid_id")

        // Feedback on a reply whose session has neither a live conversation nor a logged question: 404.
        let feedback = try await send("POST", "/v1/feedback", ["kind": "suggestion_accepted", "text": "Sure.", "session_id": "nobody"])
        XCTAssertEqual(feedback.status, 404)
        XCTAssertEqual(feedback.errorCode, "session_not_found")

        // Blank suggestion filters read as absent.
        let suggest = try await send("POST", "/v1/replies/suggest", ["turns": [["speaker": "customer", "text": "can my car tow a trailer"]],
                                                                     "intent": " ", "stage": "", "customer_id": ""])
        XCTAssertEqual(suggest.status, 200, String(decoding: suggest.data, as: UTF8.self))
        await server.stop()
    }

    /// Schemathesis sent a FAQ question "\u0000": SQLite read it back empty, and every later FAQ
    /// edit failed to re-import the editor document. A body's NUL is now U+FFFD.
    func testANULInABodyBecomesAReplacementCharacterAndLaterEditsStillWork() async throws {
        let server = try await TestServer()
        let faq = try await server.request("POST", "/v1/faqs", body: Data(#"{"question":"\u0000"}"#.utf8))
        XCTAssertEqual(faq.status, 201, String(decoding: faq.data, as: UTF8.self))
        XCTAssertEqual(faq.json["question"] as? String, "\u{FFFD}")
        let intent = try await server.request("POST", "/v1/intents", body: Data(#"{"label":"x","text":"a\u0000b"}"#.utf8))
        XCTAssertEqual(((intent.json["examples"] as? [[String: Any]])?.first?["text"]) as? String, "a\u{FFFD}b")
        let ok = try await server.post("/v1/faqs", json: ["question": "Is a backslash-u text kept? \\u0000"])
        XCTAssertEqual(ok.status, 201, String(decoding: ok.data, as: UTF8.self))
        XCTAssertEqual(ok.json["question"] as? String, "Is a backslash-u text kept? \\u0000")
        let next = try await server.post("/v1/faqs", json: ["question": "And the next one?"])
        XCTAssertEqual(next.status, 201)
        await server.stop()
    }
}
