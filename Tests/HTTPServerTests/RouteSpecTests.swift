import Foundation
import XCTest

/// Every route the server registers is described in Server/openapi.yaml, and the spec names no
/// route the server lacks.
final class RouteSpecTests: XCTestCase {
    func testEveryRouteIsInTheSpecAndEverySpecPathIsARoute() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sources = root.appendingPathComponent("Sources/HTTPServer")
        var routes = Set<String>()
        let pattern = try NSRegularExpression(pattern: #"router\.(get|post|put|patch|delete)\("([^"]+)"\)"#)
        for file in try FileManager.default.contentsOfDirectory(atPath: sources.path) where file.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let method = String(text[Range(m.range(at: 1), in: text)!])
                let path = String(text[Range(m.range(at: 2), in: text)!])
                routes.insert("\(method) \(path)")
            }
        }
        XCTAssertGreaterThan(routes.count, 30, "the route scan found too few routes: \(routes.sorted())")

        // The spec's paths and their methods, read from the YAML's indentation (two spaces for a
        // path, four for a method).
        let spec = try String(contentsOf: root.appendingPathComponent("Server/openapi.yaml"), encoding: .utf8)
        var documented = Set<String>()
        var current: String?
        var inPaths = false
        for line in spec.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" { inPaths = true; continue }
            if inPaths, !line.hasPrefix(" "), !line.isEmpty { inPaths = false }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":") { current = String(line.dropFirst(2).dropLast()); continue }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("    "), !line.hasPrefix("     "), let current,
               ["get:", "post:", "put:", "patch:", "delete:"].contains(trimmed) {
                documented.insert("\(trimmed.dropLast()) \(current)")
            }
        }
        XCTAssertEqual(routes.subtracting(documented).sorted(), [], "routes missing from Server/openapi.yaml")
        XCTAssertEqual(documented.subtracting(routes).sorted(), [], "documented routes the server does not have")
    }
}

final class MethodNotAllowedTests: XCTestCase {
    func testAKnownPathWithAnUnservedMethodIs405WithAllow() async throws {
        let server = try await TestServer()
        let wrong = try await server.request("PUT", "/v1/search", body: Data("{}".utf8))
        XCTAssertEqual(wrong.status, 405)
        XCTAssertEqual(wrong.errorCode, "method_not_allowed")
        XCTAssertEqual(wrong.headers["Allow"] as? String, "POST")
        let entity = try await server.request("DELETE", "/v1/graph/entities/model_e7")
        XCTAssertEqual(entity.status, 405)
        let unknown = try await server.request("GET", "/v1/nothing-here")
        XCTAssertEqual(unknown.status, 404)
        await server.stop()
    }
}
