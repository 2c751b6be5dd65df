import Foundation
import XCTest

/// Graph edits, facts, subgraphs, the edit log, candidates, export and import over HTTP.
final class GraphEditAPITests: XCTestCase {
    func testEditExportImportAndTheirErrors() async throws {
        let server = try await TestServer()
        let lexicon = """
            {"id":"model_e7","name":"E7","type":"model"}
            {"id":"feature_hud","name":"HUD","type":"feature"}
            """
        _ = try await server.post("/v1/documents", json: ["name": "lexicon.jsonl", "content": lexicon])
        _ = try await server.post("/v1/documents", json: ["name": "e7.md", "content": "# E7 Spec Sheet\n\n| Item | Value |\n|---|---|\n| Range (CLTC) | 650 km |\n| Price, Pro | 239,900 |\n"])

        let created = try await server.post("/v1/graph/edits", json: ["op": "create_relation", "subject": "model_e7", "type": "has_feature", "object": "feature_hud", "actor": "ana"])
        XCTAssertEqual(created.status, 201)
        XCTAssertEqual(created.json["actor"] as? String, "ana")
        let log = try await server.request("GET", "/v1/graph/edits").json["edits"] as? [[String: Any]]
        XCTAssertEqual(log?.count, 1)
        XCTAssertEqual((log?.first?["edit"] as? [String: Any])?["op"] as? String, "create_relation")

        let unknown = try await server.post("/v1/graph/edits", json: ["op": "add_alias", "entity_id": "nope", "alias": "x"])
        XCTAssertEqual(unknown.status, 404)
        let malformed = try await server.post("/v1/graph/edits", json: ["op": "add_alias", "entity_id": "model_e7"])
        XCTAssertEqual(malformed.status, 400)
        XCTAssertEqual(malformed.errorCode, "missing_field")
        let badOp = try await server.post("/v1/graph/edits", json: ["op": "explode"])
        XCTAssertEqual(badOp.status, 400)

        let facts = try await server.request("GET", "/v1/graph/entities/model_e7/facts?attribute=price").json["facts"] as? [[String: Any]]
        XCTAssertEqual(facts?.first?["value"] as? String, "239,900")
        let sub = try await server.request("GET", "/v1/graph/subgraph?ids=model_e7&hops=1").json
        XCTAssertEqual((sub["entities"] as? [Any])?.count, 2)
        let noIDs = try await server.request("GET", "/v1/graph/subgraph")
        XCTAssertEqual(noIDs.status, 400)
        let candidates = try await server.request("GET", "/v1/graph/candidates?limit=5")
        XCTAssertEqual(candidates.status, 200)
        XCTAssertNotNil(candidates.json["candidates"] as? [Any])

        let proposals = try await server.request("GET", "/v1/graph/merge-proposals")
        XCTAssertEqual(proposals.status, 200)
        XCTAssertNotNil(proposals.json["proposals"] as? [Any])

        let graphml = try await server.request("GET", "/v1/graph/export?format=graphml")
        XCTAssertEqual(graphml.status, 200)
        XCTAssertTrue(String(decoding: graphml.data, as: UTF8.self).contains("<graphml"))
        let exported = try await server.request("GET", "/v1/graph/export?format=json")
        let badFormat = try await server.request("GET", "/v1/graph/export?format=pdf")
        XCTAssertEqual(badFormat.status, 400)
        await server.stop()

        // Into an empty knowledge base: the same graph comes back.
        let other = try await TestServer()
        let imported = try await other.post("/v1/graph/import", json: ["name": "graph.graphml", "format": "graphml",
                                                                        "content": String(decoding: graphml.data, as: UTF8.self)])
        XCTAssertEqual(imported.status, 201)
        let again = try await other.request("GET", "/v1/graph/export?format=json")
        XCTAssertEqual(try JSONSerialization.jsonObject(with: again.data) as? NSDictionary,
                       try JSONSerialization.jsonObject(with: exported.data) as? NSDictionary)
        let broken = try await other.post("/v1/graph/import", json: ["name": "x.graphml", "format": "graphml", "content": "<graphml><node"])
        XCTAssertEqual(broken.status, 400)
        XCTAssertEqual(broken.errorCode, "invalid_graph")
        await other.stop()
    }
}
