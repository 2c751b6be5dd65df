import Foundation
import XCTest

final class APITests: XCTestCase {
    var server: TestServer!

    override func setUp() async throws {
        server = try await TestServer()
    }

    override func tearDown() async throws {
        await server.stop()
    }

    let markdown = """
        # E7 Owner Guide

        ## Charging

        The E7 charges from 10% to 80% in 18 minutes on a 240 kW fast charger.

        ## Tyres

        Keep the tyre pressure at 2.7 bar when the tyres are cold.
        """

    let faqs = """
        {"id":"FAQ-1","question":"How long is the battery warranty?","similar":["battery guarantee years"],"answer":"Eight years or 160,000 km.","tags":["warranty"]}
        {"id":"FAQ-2","question":"How do I book a service?","similar":["make a service appointment"],"answer":"Use the app or call the hotline.","tags":["service"]}
        """

    func testHealthz() async throws {
        let r = try await server.request("GET", "/healthz")
        XCTAssertEqual(r.status, 200)
        XCTAssertEqual(r.json["status"] as? String, "ok")
    }

    func testImportThenSearchReturnsHitsWithTheirSource() async throws {
        let created = try await server.post("/v1/documents", json: ["name": "guide.md", "content": markdown])
        XCTAssertEqual(created.status, 201, String(decoding: created.data, as: UTF8.self))
        XCTAssertEqual(created.json["status"] as? String, "created")
        let faq = try await server.post("/v1/documents", json: ["name": "faq.jsonl", "format": "faq_jsonl", "content": faqs])
        XCTAssertEqual(faq.status, 201)

        let r = try await server.post("/v1/search", json: ["query": "tyre pressure", "limit": 3])
        XCTAssertEqual(r.status, 200)
        let hits = r.json["hits"] as! [[String: Any]]
        XCTAssertEqual(hits.first?["section"] as? String, "Tyres")
        XCTAssertEqual(hits.first?["title"] as? String, "E7 Owner Guide")
        for key in ["document_id", "chunk_id", "text", "score"] { XCTAssertNotNil(hits.first?[key], key) }

        let f = try await server.post("/v1/search", json: ["query": "battery warranty", "explain": true])
        let top = (f.json["hits"] as! [[String: Any]]).first!
        XCTAssertEqual(top["faq_id"] as? String, "FAQ-1")
        XCTAssertEqual(top["question"] as? String, "How long is the battery warranty?")
        let explanation = top["explanation"] as! [String: Any]
        XCTAssertEqual(explanation["value"] as! Double, top["score"] as! Double, accuracy: 1e-3)
    }

    /// A JSON export of no known record kind and a CSV table are documents over HTTP too: their
    /// text is searchable under its keys' sections; a broken JSON body is a 400 naming its line.
    func testAJSONExportAndACSVTableImportAsDocuments() async throws {
        let export = """
            {
              "Charging": {"summary": "Home charging", "steps": [
                {"title": "Wall box", "text": "A 7 kW wall box fills the E7 battery overnight at the off-peak electricity rate."}
              ]},
              "Tyres": {"pressure_bar": 2.7}
            }
            """
        let json = try await server.post("/v1/documents", json: ["name": "exports/kb.json", "content": export])
        XCTAssertEqual(json.status, 201, String(decoding: json.data, as: UTF8.self))
        XCTAssertEqual(json.json["format"] as? String, "json")
        let csv = try await server.post("/v1/documents", json: ["name": "specs.csv", "content": "model,range_km\nE7,620\n"])
        XCTAssertEqual(csv.json["format"] as? String, "csv")
        let r = try await server.post("/v1/search", json: ["query": "wall box overnight", "limit": 1])
        let top = (r.json["hits"] as! [[String: Any]]).first
        XCTAssertEqual(top?["document_name"] as? String, "exports/kb.json")
        XCTAssertEqual(top?["section_path"] as? [String], ["Charging", "steps", "Wall box"])
        let broken = try await server.post("/v1/documents", json: ["name": "broken.json", "content": "{\n  \"a\": [1,,2]\n}"])
        XCTAssertEqual(broken.status, 400)
        XCTAssertTrue(broken.errorMessage?.contains("line 2") ?? false, String(decoding: broken.data, as: UTF8.self))
    }

    func testReimportingTheSameBodyChangesNothing() async throws {
        _ = try await server.post("/v1/documents", json: ["name": "guide.md", "content": markdown])
        let again = try await server.post("/v1/documents", json: ["name": "guide.md", "content": markdown])
        XCTAssertEqual(again.status, 200)
        XCTAssertEqual(again.json["status"] as? String, "unchanged")
    }

    func testMultipartUpload() async throws {
        let boundary = "XyZ123"
        var body = Data()
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.md\"\r\nContent-Type: text/markdown\r\n\r\n".utf8))
        body.append(Data(markdown.utf8))
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        let r = try await server.request("POST", "/v1/documents", body: body, contentType: "multipart/form-data; boundary=\(boundary)")
        XCTAssertEqual(r.status, 201, String(decoding: r.data, as: UTF8.self))
        let list = try await server.request("GET", "/v1/documents")
        XCTAssertEqual((list.json["documents"] as? [[String: Any]])?.first?["name"] as? String, "notes.md")
    }

    func testDeleteRemovesTheDocumentFromSearch() async throws {
        let created = try await server.post("/v1/documents", json: ["name": "guide.md", "content": markdown])
        let id = created.json["document_id"] as! String
        let detail = try await server.request("GET", "/v1/documents/\(id)")
        XCTAssertEqual((detail.json["chunks"] as? [Any])?.count, 2)
        let deleted = try await server.request("DELETE", "/v1/documents/\(id)")
        XCTAssertEqual(deleted.status, 200)
        let r = try await server.post("/v1/search", json: ["query": "tyre pressure"])
        XCTAssertEqual((r.json["hits"] as? [Any])?.count, 0)
        let again = try await server.request("DELETE", "/v1/documents/\(id)")
        XCTAssertEqual(again.status, 404)
        XCTAssertEqual(again.errorCode, "document_not_found")
    }

    func testBadInputGetsA4xxJSONErrorAndChangesNothing() async throws {
        _ = try await server.post("/v1/documents", json: ["name": "guide.md", "content": markdown])
        let before = try await server.request("GET", "/v1/stats").json

        let notJSON = try await server.request("POST", "/v1/search", body: Data("{nope".utf8))
        XCTAssertEqual(notJSON.status, 400)
        XCTAssertEqual(notJSON.errorCode, "invalid_json")
        XCTAssertEqual((notJSON.json["error"] as? [String: Any])?["message"] as? String, "the body is not valid JSON")

        // Foundation's decoder calls an integer past 64 bits "not valid JSON"; the message says what it is.
        let huge = try await server.request("POST", "/v1/search", body: Data(#"{"query":"x","limit":123456789012345678901234}"#.utf8))
        XCTAssertEqual(huge.status, 400)
        XCTAssertEqual(huge.errorCode, "invalid_json")
        XCTAssertEqual((huge.json["error"] as? [String: Any])?["message"] as? String,
                       "a number in the body is out of range (integers must fit in 64 bits)")

        let empty = try await server.post("/v1/search", json: ["query": "  "])
        XCTAssertEqual(empty.status, 400)
        XCTAssertEqual(empty.errorCode, "empty_query")

        let limit = try await server.post("/v1/search", json: ["query": "x", "limit": 0])
        XCTAssertEqual(limit.errorCode, "invalid_limit")

        let mode = try await server.post("/v1/search", json: ["query": "x", "mode": "magic"])
        XCTAssertEqual(mode.errorCode, "invalid_mode")

        let format = try await server.post("/v1/documents", json: ["name": "x.bin", "format": "pdfx", "content": "hi"])
        XCTAssertEqual(format.status, 415)

        let csv = try await server.post("/v1/documents", json: ["name": "faq.csv", "format": "faq_csv", "content": "question,tags\nq,t\n"])
        XCTAssertEqual(csv.status, 400)
        XCTAssertEqual(csv.errorCode, "missing_column")

        let emptyFile = try await server.post("/v1/documents", json: ["name": "e.md", "content": "   \n"])
        XCTAssertEqual(emptyFile.status, 400)
        XCTAssertEqual(emptyFile.errorCode, "empty_file")

        let route = try await server.request("GET", "/v1/nothing-here")
        XCTAssertEqual(route.status, 404)
        XCTAssertEqual(route.errorCode, "not_found")

        let after = try await server.request("GET", "/v1/stats").json
        XCTAssertEqual(before["chunks"] as? Int, after["chunks"] as? Int)
        XCTAssertEqual(before["documents"] as? Int, after["documents"] as? Int)
    }

    func testVectorModesNeedAnEncoderThenHybridIsTheDefault() async throws {
        _ = try await server.post("/v1/documents", json: ["name": "faq.jsonl", "content": faqs])
        let early = try await server.post("/v1/search", json: ["query": "battery guarantee", "mode": "vector"])
        XCTAssertEqual(early.status, 503)
        XCTAssertEqual(early.errorCode, "vectors_unavailable")
        try server.engine.train()
        let r = try await server.post("/v1/search", json: ["query": "battery guarantee years"])
        XCTAssertEqual(r.json["mode"] as? String, "hybrid")
        XCTAssertEqual((r.json["hits"] as? [[String: Any]])?.first?["faq_id"] as? String, "FAQ-1")
        let stats = try await server.request("GET", "/v1/stats").json
        XCTAssertEqual(stats["vector_index"] as? String, "exact")
    }

    func testStatsCountsWithPlainNames() async throws {
        _ = try await server.post("/v1/documents", json: ["name": "faq.jsonl", "content": faqs])
        let s = try await server.request("GET", "/v1/stats").json
        XCTAssertEqual(s["documents"] as? Int, 1)
        XCTAssertEqual(s["faqs"] as? Int, 2)
        XCTAssertEqual(s["chunks"] as? Int, 2)
    }
}

final class BodyLimitTests: XCTestCase {
    func testOversizedBodyGets413() async throws {
        let server = try await TestServer(settings: .init(host: "127.0.0.1", port: 0, maxBodyBytes: 1000, dev: true))
        let big = String(repeating: "a", count: 5000)
        let r = try await server.post("/v1/documents", json: ["name": "big.md", "content": big])
        XCTAssertEqual(r.status, 413)
        XCTAssertEqual(r.errorCode, "body_too_large")
        await server.stop()
    }
}

final class GraphAPITests: XCTestCase {
    func testEntitiesRelationsWithSourcesNeighboursPathsAndErrors() async throws {
        let server = try await TestServer()
        let lexicon = """
            {"id":"model_e7","name":"E7","type":"model","aliases":["澜途E7"],"relations":[{"type":"has_trim","target":"trim_e7_max"}]}
            {"id":"trim_e7_max","name":"E7 Max","type":"trim","aliases":[]}
            """
        _ = try await server.post("/v1/documents", json: ["name": "lexicon.jsonl", "content": lexicon])
        _ = try await server.post("/v1/documents", json: ["name": "e7.md", "content": "# E7 Spec Sheet\n\n| Item | Value |\n|---|---|\n| Range (CLTC) | 650 km |\n"])
        let found = try await server.request("GET", "/v1/graph/entities?q=%E6%BE%9C%E9%80%94e7")
        XCTAssertEqual(((found.json["entities"] as? [[String: Any]])?.first)?["id"] as? String, "model_e7")
        let detail = try await server.request("GET", "/v1/graph/entities/model_e7").json
        XCTAssertEqual(detail["aliases"] as? [String], ["澜途E7"])
        let relations = try XCTUnwrap(detail["relations"] as? [[String: Any]])
        let range = try XCTUnwrap(relations.first { $0["attribute"] as? String == "range" })
        XCTAssertEqual(range["value"] as? String, "650 km")
        XCTAssertEqual(((range["sources"] as? [[String: Any]])?.first)?["document_name"] as? String, "e7.md")
        let neighbors = try await server.request("GET", "/v1/graph/entities/model_e7/neighbors?hops=1").json
        XCTAssertEqual(((neighbors["neighbors"] as? [[String: Any]])?.first?["entity"] as? [String: Any])?["id"] as? String, "trim_e7_max")
        let path = try await server.request("GET", "/v1/graph/paths?from=trim_e7_max&to=model_e7").json
        XCTAssertEqual((path["path"] as? [Any])?.count, 1)
        let missing = try await server.request("GET", "/v1/graph/entities/nope")
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(missing.errorCode, "entity_not_found")
        let badHops = try await server.request("GET", "/v1/graph/entities/model_e7/neighbors?hops=x")
        XCTAssertEqual(badHops.status, 400)
        await server.stop()
    }
}
