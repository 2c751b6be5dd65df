import Foundation
import XCTest
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `switchboard customers|qa|tickets` and `--base` through the built binary.
extension CLITests {
    func testServiceCommandsMirrorTheAPIAndMistakesExitWithCode2() throws {
        let data = dir.appendingPathComponent("data").path
        let folder = dir.appendingPathComponent("kb")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try #"{"id":"C1","name":"Emma","lifecycle":"loyal","vehicles":[{"model":"E7","purchase_date":"2020-01-01","mileage_km":90000}]}"#
            .write(to: folder.appendingPathComponent("customers.jsonl"), atomically: true, encoding: .utf8)
        try """
            {"id":"QA-9","name":"No promises","severity":"high","type":"forbidden","patterns":["I guarantee"]}
            """.write(to: folder.appendingPathComponent("qa.jsonl"), atomically: true, encoding: .utf8)
        try """
            {"session":"S1","turn":1,"speaker":"customer","text":"my car is broken"}
            {"session":"S1","turn":2,"speaker":"agent","text":"I guarantee it is fine"}
            """.write(to: folder.appendingPathComponent("turns.jsonl"), atomically: true, encoding: .utf8)
        let imported = try run(["import", folder.path, "--data", data])
        XCTAssertEqual(imported.status, 0, imported.stderr)

        let shown = try run(["customers", "show", "C1", "--json", "--data", data])
        XCTAssertEqual(shown.status, 0, shown.stderr)
        let customer = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((customer["profile"] as? [String: Any])?["name"] as? String, "Emma")
        XCTAssertNotNil(customer["purchase_intent"] as? Double)

        let batch = try run(["qa", "batch", "--json", "--data", data])
        XCTAssertEqual(batch.status, 0, batch.stderr)
        XCTAssertTrue(batch.stdout.contains("\"QA-9\""), batch.stdout)

        for args in [["customers", "show", "NOPE", "--data", data],
                     ["tickets", "list", "--status", "lost", "--data", data],
                     ["qa", "batch", "--session", "S404", "--data", data],
                     ["stats", "--base", "../escape", "--data", data]] {
            let r = try run(args)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(args): one line, got \(r.stderr)")
        }

        // A base of its own: its store is data/bases/NAME and holds only what was imported there.
        let other = try run(["import", folder.appendingPathComponent("qa.jsonl").path, "--base", "acme", "--data", data])
        XCTAssertEqual(other.status, 0, other.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("data/bases/acme/knowledge.sqlite").path))
        let stats = try run(["stats", "--json", "--base", "acme", "--data", data])
        let counts = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(counts["customers"] as? Int, 0)
        XCTAssertEqual(counts["qa_rules"] as? Int, 1)
    }
}

extension CLITests {
    /// A desktop watching a conversation's event stream, or one that went away, does not hold up
    /// the server's shutdown.
    func testSIGTERMStopsTheServerWithAnEventStreamOpen() throws {
        let server = try startServer(["--dev", "--data", dir.appendingPathComponent("data").path])
        var open = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/v1/conversations")!)
        open.httpMethod = "POST"
        let (created, _) = try syncRequest(open)
        let id = try XCTUnwrap((try JSONSerialization.jsonObject(with: created) as? [String: Any])?["id"] as? String)
        // One watcher that gives up after a second (its connection is left half-closed) and one that stays.
        var short = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/v1/conversations/\(id)/events")!)
        short.timeoutInterval = 1
        _ = try? syncRequest(short)
        let long = URLSession.shared.dataTask(with: URL(string: "http://127.0.0.1:\(server.port)/v1/conversations/\(id)/events")!)
        long.resume()
        Thread.sleep(forTimeInterval: 0.5)
        let start = Date()
        kill(server.process.processIdentifier, SIGTERM)
        while server.process.isRunning, Date().timeIntervalSince(start) < 15 { Thread.sleep(forTimeInterval: 0.1) }
        let stopped = !server.process.isRunning
        if !stopped { kill(server.process.processIdentifier, SIGKILL) }
        long.cancel()
        XCTAssertTrue(stopped, "the server was still running 15 s after SIGTERM")
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
    }

    func syncRequest(_ request: URLRequest) throws -> (Data, URLResponse?) {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: (Data?, URLResponse?, (any Error)?) = (nil, nil, nil)
        URLSession.shared.dataTask(with: request) { d, r, e in result = (d, r, e); done.signal() }.resume()
        done.wait()
        if let e = result.2 { throw e }
        return (result.0 ?? Data(), result.1)
    }
}
