import Engine
import Foundation
import HTTPServer
import KnowledgeModel
import XCTest

/// Two knowledge bases in one server: each key reaches only its own base's documents, search,
/// analytics, exports and audit log.
final class TenantTests: XCTestCase {
    var server: TestServer!

    override func tearDown() async throws {
        await server?.stop()
    }

    func testNoQueryAnalyticsOrExportCrossesBases() async throws {
        server = try await TestServer(settings: ServerSettings(host: "127.0.0.1", port: 0, rateLimitPerSecond: 0), extraBases: ["acme"])
        let acme = try XCTUnwrap(server.bases.engine(named: "acme"))
        _ = try server.engine.importData(name: "zebra.md", data: Data("# Zebra widget\n\nThe zebra widget hums quietly at night.\n".utf8), format: .markdown)
        _ = try acme.importData(name: "quokka.md", data: Data("# Quokka gearbox\n\nThe quokka gearbox shifts smoothly uphill.\n".utf8), format: .markdown)
        let keyA = try server.engine.createAPIKey(name: "primary-admin", role: .admin).key
        let keyB = try acme.createAPIKey(name: "acme-admin", role: .admin).key

        func hits(_ query: String, _ key: String) async throws -> [[String: Any]] {
            let r = try await server.post("/v1/search", json: ["query": query], key: key)
            XCTAssertEqual(r.status, 200)
            return r.json["hits"] as? [[String: Any]] ?? []
        }
        let zebraA = try await hits("zebra widget", keyA), zebraB = try await hits("zebra widget", keyB)
        let quokkaA = try await hits("quokka gearbox", keyA), quokkaB = try await hits("quokka gearbox", keyB)
        XCTAssertFalse(zebraA.isEmpty)
        XCTAssertTrue(zebraB.isEmpty, "the acme key found the primary base's document")
        XCTAssertTrue(quokkaA.isEmpty, "the primary key found acme's document")
        XCTAssertFalse(quokkaB.isEmpty)

        let docsA = try await server.request("GET", "/v1/documents", key: keyA)
        let docsB = try await server.request("GET", "/v1/documents", key: keyB)
        XCTAssertTrue(String(decoding: docsA.data, as: UTF8.self).contains("zebra.md"))
        XCTAssertFalse(String(decoding: docsA.data, as: UTF8.self).contains("quokka"))
        XCTAssertFalse(String(decoding: docsB.data, as: UTF8.self).contains("zebra"))

        // Questions asked in acme are acme's analytics only.
        for _ in 0..<3 { _ = try await server.post("/v1/answer", json: ["question": "where is the quokka gearbox made?"], key: keyB) }
        let summaryA = try await server.request("GET", "/v1/analytics/summary", key: keyA)
        let summaryB = try await server.request("GET", "/v1/analytics/summary", key: keyB)
        XCTAssertEqual(summaryA.json["questions"] as? Int, 0)
        XCTAssertEqual(summaryB.json["questions"] as? Int, 3)

        let exportA = try await server.request("GET", "/v1/graph/export", key: keyA)
        XCTAssertEqual(exportA.status, 200)
        XCTAssertFalse(String(decoding: exportA.data, as: UTF8.self).lowercased().contains("quokka"))

        // A key reaches its own base only, whatever the header asks for.
        let wrong = try await server.request("GET", "/v1/documents", key: keyA, headers: ["X-Switchboard-Base": "acme"])
        XCTAssertEqual(wrong.status, 403)
        XCTAssertEqual(wrong.errorCode, "wrong_base")
        let own = try await server.request("GET", "/v1/documents", key: keyB, headers: ["X-Switchboard-Base": "acme"])
        XCTAssertEqual(own.status, 200)

        // Writes are audited in the base they changed.
        let created = try await server.post("/v1/faqs", json: ["question": "Does the quokka gearbox need oil?", "answer": "Every 30,000 km."], key: keyB)
        XCTAssertEqual(created.status, 201)
        let auditA = String(decoding: try await server.request("GET", "/v1/admin/audit", key: keyA).data, as: UTF8.self)
        let auditB = String(decoding: try await server.request("GET", "/v1/admin/audit", key: keyB).data, as: UTF8.self)
        XCTAssertFalse(auditA.contains("/v1/faqs"))
        XCTAssertTrue(auditB.contains("/v1/faqs"))
        let faqA = try await hits("quokka gearbox oil", keyA)
        XCTAssertTrue(faqA.isEmpty)
    }

    func testDevModeChoosesTheBaseByHeaderAndRejectsUnknownOnes() async throws {
        server = try await TestServer(extraBases: ["acme"])
        let acme = try XCTUnwrap(server.bases.engine(named: "acme"))
        _ = try acme.importData(name: "quokka.md", data: Data("# Quokka gearbox\n\nThe quokka gearbox shifts smoothly.\n".utf8), format: .markdown)
        let inAcme = try await server.request("GET", "/v1/documents", headers: ["X-Switchboard-Base": "acme"])
        XCTAssertTrue(String(decoding: inAcme.data, as: UTF8.self).contains("quokka.md"))
        let inDefault = try await server.request("GET", "/v1/documents")
        XCTAssertFalse(String(decoding: inDefault.data, as: UTF8.self).contains("quokka.md"))
        let unknown = try await server.request("GET", "/v1/documents", headers: ["X-Switchboard-Base": "nope"])
        XCTAssertEqual(unknown.status, 404)
        XCTAssertEqual(unknown.errorCode, "base_not_found")
    }

    func testBaseNames() {
        XCTAssertTrue(KnowledgeBases.isValidName("acme-2"))
        XCTAssertFalse(KnowledgeBases.isValidName("../etc"))
        XCTAssertFalse(KnowledgeBases.isValidName("Acme"))
        XCTAssertFalse(KnowledgeBases.isValidName(""))
    }
}
