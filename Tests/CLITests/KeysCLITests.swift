import Foundation
import XCTest
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `switchboard keys create/list/revoke` and `serve` with keys and in dev mode, through the built binary.
extension CLITests {
    func testKeysCreateListRevokeAndTheServerHonoursThem() throws {
        let data = dir.appendingPathComponent("data").path
        let created = try run(["keys", "create", "--role", "editor", "--name", "ana", "--data", data])
        XCTAssertEqual(created.status, 0, created.stderr)
        let key = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertNotNil(key.range(of: #"^sb_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$"#, options: .regularExpression), key)
        XCTAssertTrue(created.stderr.contains("shown only now"), created.stderr)

        let list = try run(["keys", "list", "--json", "--data", data])
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertFalse(list.stdout.contains(String(key.split(separator: "_", maxSplits: 2)[2])), "no secrets in the list")
        let keys = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])?["keys"] as? [[String: Any]])
        XCTAssertEqual(keys.count, 1)
        XCTAssertEqual(keys[0]["name"] as? String, "ana")
        XCTAssertEqual(keys[0]["role"] as? String, "editor")
        XCTAssertNil(keys[0]["revoked_at"])
        let id = try XCTUnwrap(keys[0]["id"] as? String)
        XCTAssertTrue(key.hasPrefix("sb_\(id)_"))

        // The server (another process) accepts the key, then refuses it once revoked.
        let server = try startServer(["--data", data])
        defer { server.stop() }
        XCTAssertEqual(try status(server.port, "/v1/documents", key: nil), 401)
        XCTAssertEqual(try status(server.port, "/v1/documents", key: key), 200)
        let revoked = try run(["keys", "revoke", id, "--data", data])
        XCTAssertEqual(revoked.status, 0, revoked.stderr)
        XCTAssertTrue(revoked.stdout.contains("revoked \(id)"), revoked.stdout)
        XCTAssertEqual(try status(server.port, "/v1/documents", key: key), 401)

        let listed = try run(["keys", "list", "--data", data])
        XCTAssertTrue(listed.stdout.contains("revoked"), listed.stdout)
    }

    func testKeysMistakesAndDevModeOnANonLoopbackHostExitWithCode2() throws {
        let data = dir.appendingPathComponent("data").path
        for args in [["keys", "create", "--role", "root", "--name", "x", "--data", data],
                     ["keys", "create", "--role", "admin", "--name", " ", "--data", data],
                     ["keys", "revoke", "000000000000", "--data", data],
                     ["serve", "--dev", "--host", "0.0.0.0", "--port", "0", "--data", data]] {
            let r = try run(args)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(args): one line, got \(r.stderr)")
        }
        let dev = try run(["serve", "--dev", "--host", "0.0.0.0", "--port", "0", "--data", data])
        XCTAssertTrue(dev.stderr.contains("loopback"), dev.stderr)
    }

    func testServeWithoutKeysSaysHowToCreateTheAdminKey() throws {
        let server = try startServer(["--data", dir.appendingPathComponent("data").path])
        defer { server.stop() }
        XCTAssertTrue(server.log.contains("switchboard keys create --role admin"), server.log)
        XCTAssertEqual(try status(server.port, "/healthz", key: nil), 200)
    }

    struct ServerDidNotStart: Error { var log: String }

    struct RunningServer {
        var process: Process
        var port: Int
        var log: String
        func stop() {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }
    }

    func startServer(_ args: [String]) throws -> RunningServer {
        let p = Process()
        p.executableURL = binary
        p.arguments = ["serve", "--port", "0"] + args
        p.currentDirectoryURL = dir
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        var log = ""
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            log += String(decoding: chunk, as: UTF8.self)
            if let range = log.range(of: #"listening on http://127\.0\.0\.1:(\d+)"#, options: .regularExpression),
               let port = Int(log[range].split(separator: ":").last ?? "") {
                return RunningServer(process: p, port: port, log: log)
            }
        }
        kill(p.processIdentifier, SIGTERM)
        throw ServerDidNotStart(log: log)
    }

    func status(_ port: Int, _ path: String, key: String?) throws -> Int {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var status = 0
        URLSession.shared.dataTask(with: request) { _, response, _ in
            status = (response as? HTTPURLResponse)?.statusCode ?? 0
            done.signal()
        }.resume()
        done.wait()
        return status
    }
}
