import Engine
import Foundation
import HTTPServer
import Hummingbird
import Logging
import XCTest

/// API keys, roles, rate limits, the audit log, metrics and request ids, against the real server.
final class AccessTests: XCTestCase {
    var server: TestServer!

    /// A server that requires keys, with the given limits.
    func start(rate: Double = 200, burst: Int = 400, authFailures: Int = 20) async throws {
        server = try await TestServer(settings: ServerSettings(host: "127.0.0.1", port: 0, rateLimitPerSecond: rate, rateLimitBurst: burst,
                                                               authFailuresPerMinute: authFailures))
    }

    override func tearDown() async throws {
        await server?.stop()
    }

    func key(_ role: Role, _ name: String) throws -> String {
        try server.engine.createAPIKey(name: name, role: role).key
    }

    let doc: [String: Any] = ["name": "guide.md", "content": "# Guide\n\n## Tyres\n\nKeep the tyre pressure at 2.7 bar.\n"]

    func testMissingInvalidRevokedKeysAndRoles() async throws {
        try await start()
        let editor = try key(.editor, "ana")

        let health = try await server.request("GET", "/healthz")
        XCTAssertEqual(health.status, 200, "public without a key")

        let missing = try await server.request("GET", "/v1/documents")
        XCTAssertEqual(missing.status, 401)
        XCTAssertEqual(missing.errorCode, "missing_key")
        XCTAssertEqual(missing.headers["Www-Authenticate"] as? String ?? missing.headers["WWW-Authenticate"] as? String, "Bearer")

        let invalid = try await server.request("GET", "/v1/documents", key: "sb_000000000000_nope")
        XCTAssertEqual(invalid.status, 401)
        XCTAssertEqual(invalid.errorCode, "invalid_key")
        let garbage = try await server.request("GET", "/v1/documents", key: "not a key at all")
        XCTAssertEqual(garbage.errorCode, "invalid_key")

        let ok = try await server.request("GET", "/v1/documents", key: editor)
        XCTAssertEqual(ok.status, 200)
        let viaHeader = try await server.request("GET", "/v1/documents", headers: ["X-API-Key": editor])
        XCTAssertEqual(viaHeader.status, 200)

        // A right secret with another key's id, and a wrong secret with the right id.
        let parts = editor.split(separator: "_", maxSplits: 2)
        let wrongSecret = try await server.request("GET", "/v1/documents", key: "sb_\(parts[1])_\(String(parts[2]).reversed())")
        XCTAssertEqual(wrongSecret.errorCode, "invalid_key")

        let forbidden = try await server.request("GET", "/v1/admin/audit", key: editor)
        XCTAssertEqual(forbidden.status, 403)
        XCTAssertEqual(forbidden.errorCode, "forbidden")
        XCTAssertTrue((forbidden.json["error"] as? [String: Any])?["message"].map { "\($0)" }?.contains("admin") ?? false)

        let id = try XCTUnwrap(server.engine.apiKeys().first { $0.name == "ana" }?.id)
        try server.engine.revokeAPIKey(id)
        let revoked = try await server.request("GET", "/v1/documents", key: editor)
        XCTAssertEqual(revoked.status, 401)
        XCTAssertEqual(revoked.errorCode, "invalid_key")
    }

    func testABotCanSearchButNotImportAndAnAgentCannotEditKnowledge() async throws {
        try await start()
        let editor = try key(.editor, "ana"), bot = try key(.bot, "web-bot"), agent = try key(.agent, "desk-7")
        let created = try await server.post("/v1/documents", json: doc, key: editor)
        XCTAssertEqual(created.status, 201, String(decoding: created.data, as: UTF8.self))

        let search = try await server.post("/v1/search", json: ["query": "tyre pressure"], key: bot)
        XCTAssertEqual(search.status, 200)
        XCTAssertEqual((search.json["hits"] as? [[String: Any]])?.first?["section"] as? String, "Tyres")

        let botImport = try await server.post("/v1/documents", json: doc, key: bot)
        XCTAssertEqual(botImport.status, 403)
        XCTAssertEqual(botImport.errorCode, "forbidden")
        let agentEdit = try await server.post("/v1/graph/edits", json: ["op": "create_entity", "entity_id": "x", "name": "X", "type": "model"], key: agent)
        XCTAssertEqual(agentEdit.status, 403)
        let agentSearch = try await server.post("/v1/search", json: ["query": "tyre"], key: agent)
        XCTAssertEqual(agentSearch.status, 200)
    }

    func testRateLimitAnswers429WithRetryAfter() async throws {
        try await start(rate: 1, burst: 3)
        let bot = try key(.bot, "web-bot")
        var statuses: [Int] = []
        var last: TestServer.Reply?
        for _ in 0..<5 {
            let r = try await server.post("/v1/search", json: ["query": "tyre"], key: bot)
            statuses.append(r.status)
            last = r
        }
        XCTAssertEqual(Array(statuses.prefix(3)), [200, 200, 200])
        XCTAssertEqual(statuses.last, 429)
        XCTAssertEqual(last?.errorCode, "rate_limited")
        let retry = try XCTUnwrap(last?.headers["Retry-After"] as? String)
        XCTAssertGreaterThanOrEqual(Int(retry) ?? 0, 1)
        // Another key has its own bucket.
        let other = try key(.bot, "other-bot")
        let fresh = try await server.post("/v1/search", json: ["query": "tyre"], key: other)
        XCTAssertEqual(fresh.status, 200)
    }

    func testRepeatedBadKeysFromOneAddressAreRefused() async throws {
        try await start(authFailures: 3)
        let admin = try key(.admin, "root")
        for _ in 0..<3 {
            let r = try await server.request("GET", "/v1/documents", key: "sb_0123456789ab_guess")
            XCTAssertEqual(r.status, 401)
        }
        let blocked = try await server.request("GET", "/v1/documents", key: admin)
        XCTAssertEqual(blocked.status, 429, "even a valid key waits once the address is over the limit")
        XCTAssertEqual(blocked.errorCode, "rate_limited")
        XCTAssertNotNil(blocked.headers["Retry-After"])
        let health = try await server.request("GET", "/healthz")
        XCTAssertEqual(health.status, 200, "public routes stay open")
    }

    func testWritesAreAuditedWithTheKeysNameAndNeverTheKey() async throws {
        try await start()
        let admin = try key(.admin, "root"), editor = try key(.editor, "ana")
        let created = try await server.post("/v1/documents", json: doc, key: editor)
        let docID = try XCTUnwrap(created.json["document_id"] as? String)
        let deleted = try await server.request("DELETE", "/v1/documents/\(docID)", key: editor)
        XCTAssertEqual(deleted.status, 200)
        _ = try await server.post("/v1/search", json: ["query": "tyre"], key: editor)  // a query: not audited
        let refused = try await server.post("/v1/documents", json: doc, key: try key(.bot, "web-bot"))
        XCTAssertEqual(refused.status, 403)

        let audit = try await server.request("GET", "/v1/admin/audit?limit=10", key: admin)
        XCTAssertEqual(audit.status, 200)
        let entries = try XCTUnwrap(audit.json["entries"] as? [[String: Any]])
        XCTAssertEqual(entries.map { $0["action"] as? String }, ["POST /v1/documents", "DELETE /v1/documents/\(docID)", "POST /v1/documents"],
                       "newest first, searches not recorded")
        XCTAssertEqual(entries[0]["actor"] as? String, "web-bot")
        XCTAssertEqual(entries[0]["status"] as? Int, 403)
        XCTAssertEqual(entries[1]["actor"] as? String, "ana")
        XCTAssertEqual(entries[1]["target"] as? String, docID)
        XCTAssertEqual(entries[1]["status"] as? Int, 200)
        XCTAssertEqual(entries[2]["actor"] as? String, "ana")
        XCTAssertEqual(entries[2]["status"] as? Int, 201)
        let raw = String(decoding: audit.data, as: UTF8.self)
        for secret in [admin, editor] {
            XCTAssertFalse(raw.contains(secret))
            XCTAssertFalse(raw.contains(String(secret.split(separator: "_", maxSplits: 2)[2])))
        }
        XCTAssertFalse(raw.contains("tyre pressure"), "no request bodies")
        let bad = try await server.request("GET", "/v1/admin/audit?limit=x", key: admin)
        XCTAssertEqual(bad.status, 400)
    }

    func testGraphEditsRecordTheKeysNameNotTheClaimedActor() async throws {
        try await start()
        let editor = try key(.editor, "ana")
        let r = try await server.post("/v1/graph/edits", json: ["op": "create_entity", "entity_id": "model_x9", "name": "X9", "type": "model",
                                                             "actor": "someone-else"], key: editor)
        XCTAssertEqual(r.status, 201, String(decoding: r.data, as: UTF8.self))
        XCTAssertEqual(r.json["actor"] as? String, "ana")
    }

    func testMetricsCountRequestsPerRoute() async throws {
        try await start()
        let bot = try key(.bot, "web-bot")
        for _ in 0..<3 { _ = try await server.post("/v1/search", json: ["query": "tyre"], key: bot) }
        _ = try await server.request("GET", "/v1/documents")  // 401
        _ = try await server.request("GET", "/no/such/route", key: bot)  // 404
        let m = try await server.request("GET", "/metrics")
        XCTAssertEqual(m.status, 200)
        XCTAssertTrue((m.headers["Content-Type"] as? String ?? "").hasPrefix("text/plain"))
        let text = String(decoding: m.data, as: UTF8.self)
        XCTAssertTrue(text.contains(#"switchboard_requests_total{route="/v1/search",method="POST",status="200"} 3"#), text)
        XCTAssertTrue(text.contains(#"switchboard_requests_total{route="unmatched",method="GET",status="404"} 1"#), text)
        XCTAssertTrue(text.contains("status=\"401\"} 1"), text)
        XCTAssertTrue(text.contains("# TYPE switchboard_request_duration_seconds histogram"))
        XCTAssertTrue(text.contains(#"switchboard_request_duration_seconds_bucket{route="/v1/search",method="POST",le="0.0005"}"#), text)
        XCTAssertTrue(text.contains(#"switchboard_request_duration_seconds_bucket{route="/v1/search",method="POST",le="+Inf"} 3"#), text)
        XCTAssertTrue(text.contains(#"switchboard_request_duration_seconds_count{route="/v1/search",method="POST"} 3"#), text)
        XCTAssertTrue(text.contains("\nswitchboard_documents 0\n"), text)
        XCTAssertTrue(text.contains("# TYPE process_resident_memory_bytes gauge"), text)
        // Every sample line is `name{labels} value` or `name value`.
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            XCTAssertNotNil(line.range(of: #"^[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? [-+0-9.eInfNa]+$"#, options: .regularExpression), String(line))
        }
    }

    func testRequestIDsAreKeptWhenSaneAndGeneratedOtherwise() async throws {
        server = try await TestServer()
        let kept = try await server.request("GET", "/healthz", headers: ["X-Request-Id": "abc-123.x:y_z"])
        XCTAssertEqual(kept.headers["X-Request-Id"] as? String, "abc-123.x:y_z")
        let fresh = try await server.request("GET", "/healthz")
        let generated = try XCTUnwrap(fresh.headers["X-Request-Id"] as? String)
        XCTAssertEqual(generated.count, 32)
        let long = try await server.request("GET", "/healthz", headers: ["X-Request-Id": String(repeating: "a", count: 200)])
        XCTAssertEqual((long.headers["X-Request-Id"] as? String)?.count, 32)
        let odd = try await server.request("GET", "/healthz", headers: ["X-Request-Id": "a<b>"])
        XCTAssertNotEqual(odd.headers["X-Request-Id"] as? String, "a<b>")
        let error = try await server.request("GET", "/nope", headers: ["X-Request-Id": "err-1"])
        XCTAssertEqual(error.status, 404)
        XCTAssertEqual(error.headers["X-Request-Id"] as? String, "err-1", "errors carry the id too")
    }

    func testDevModeNeedsNoKeyAndRefusesANonLoopbackHost() async throws {
        server = try await TestServer()
        let r = try await server.post("/v1/documents", json: doc)
        XCTAssertEqual(r.status, 201)
        let audit = try await server.request("GET", "/v1/admin/audit")
        XCTAssertEqual((audit.json["entries"] as? [[String: Any]])?.first?["actor"] as? String, "dev")

        var logger = Logger(label: "test")
        logger.logLevel = .critical
        for host in ["0.0.0.0", "192.168.1.10", "::", "example.com"] {
            XCTAssertThrowsError(try buildApplication(engine: server.engine, settings: ServerSettings(host: host, port: 0, dev: true), logger: logger),
                                 host) { error in
                XCTAssertTrue("\(error)".contains("loopback"), "\(error)")
            }
        }
        for host in ["127.0.0.1", "::1", "localhost", "127.0.0.2"] {
            XCTAssertTrue(ServerSettings.isLoopback(host), host)
            XCTAssertNoThrow(try ServerSettings(host: host, dev: true).validate())
        }
        XCTAssertNoThrow(try ServerSettings(host: "0.0.0.0", dev: false).validate(), "keys: any host")
    }

    func testRouteTableDefaults() {
        func roles(_ method: HTTPRequest.Method, _ path: String) -> [Role] {
            let rule = AccessTable.rule(method: method, path: path)
            return Role.allCases.filter { rule.admits($0) }
        }
        XCTAssertEqual(roles(.get, "/v1/documents/abc"), [.admin, .editor, .agent, .bot])
        XCTAssertEqual(roles(.post, "/v1/faqs"), [.admin, .editor])
        XCTAssertEqual(roles(.post, "/v1/intents"), [.admin, .editor])
        XCTAssertEqual(roles(.post, "/v1/intents/classify"), [.admin, .editor, .agent])
        XCTAssertEqual(roles(.post, "/v1/replies/suggest"), [.admin, .editor, .agent])
        XCTAssertEqual(roles(.delete, "/v1/intents/x"), [.admin, .editor])
        XCTAssertEqual(roles(.post, "/v1/answer"), [.admin, .editor, .agent, .bot])
        XCTAssertEqual(roles(.post, "/v1/conversations/c1/turns"), [.admin, .agent])
        XCTAssertEqual(roles(.get, "/v1/conversations/c1/events"), [.admin, .agent])
        XCTAssertEqual(roles(.post, "/v1/feedback"), [.admin, .agent, .bot])
        XCTAssertEqual(roles(.get, "/v1/admin/audit"), [.admin])
        XCTAssertEqual(AccessTable.rule(method: .get, path: "/metrics").audience, .everyone)
        XCTAssertFalse(AccessTable.rule(method: .post, path: "/v1/search").isAudited(.post))
        XCTAssertTrue(AccessTable.rule(method: .post, path: "/v1/faqs").isAudited(.post))
        XCTAssertFalse(AccessTable.rule(method: .get, path: "/v1/faqs").isAudited(.get))
    }
}
