import Foundation
import HTTPServer
import XCTest

/// The console's static files: served without a key, with their content types, and nothing
/// outside the folder.
final class ConsoleTests: XCTestCase {
    static let consoleDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Server/console").path

    func testServesTheConsoleWithoutAKeyAndNothingOutsideItsFolder() async throws {
        // Keys required: the static files must still be public.
        let server = try await TestServer(settings: ServerSettings(host: "127.0.0.1", port: 0, consoleDirectory: Self.consoleDirectory))
        defer { Task { await server.stop() } }

        let index = try await server.request("GET", "/console/")
        XCTAssertEqual(index.status, 200)
        XCTAssertEqual(index.headers["Content-Type"] as? String, "text/html; charset=utf-8")
        XCTAssertTrue(String(decoding: index.data, as: UTF8.self).contains("/console/app.js"))

        let script = try await server.request("GET", "/console/app.js")
        XCTAssertEqual(script.status, 200)
        XCTAssertEqual(script.headers["Content-Type"] as? String, "text/javascript; charset=utf-8")
        let style = try await server.request("GET", "/console/style.css")
        XCTAssertEqual(style.headers["Content-Type"] as? String, "text/css; charset=utf-8")

        for path in ["/console/..%2F..%2FPackage.swift", "/console/%2E%2E", "/console/.gitignore", "/console/missing.js", "/console/index"] {
            let reply = try await server.request("GET", path)
            XCTAssertEqual(reply.status, 404, path)
            XCTAssertEqual(reply.errorCode, "not_found", path)
        }
        // `/` leads to the console (URLSession follows the redirect).
        let root = try await server.request("GET", "/")
        XCTAssertEqual(root.status, 200)
        XCTAssertEqual(root.headers["Content-Type"] as? String, "text/html; charset=utf-8")
        // The API itself still needs a key.
        let stats = try await server.request("GET", "/v1/stats")
        XCTAssertEqual(stats.status, 401)
    }
}
