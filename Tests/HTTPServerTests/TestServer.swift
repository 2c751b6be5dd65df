import Engine
import Foundation
import HTTPServer
import Logging
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real server on a free loopback port, with a fresh data folder, for end-to-end tests.
/// By default in dev mode (no API keys); pass `ServerSettings(host: "127.0.0.1", port: 0)` to
/// require keys, create them with `engine.createAPIKey(name:role:)` and send them with `key:`.
final class TestServer: @unchecked Sendable {
    let engine: Engine
    let bases: KnowledgeBases
    let dir: URL
    private(set) var port = 0
    private var task: Task<Void, any Error>?

    /// `extraBases` are knowledge bases (tenants) served beside the primary one.
    init(settings: ServerSettings = ServerSettings(host: "127.0.0.1", port: 0, dev: true), extraBases: [String] = []) async throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("http-tests-\(UUID().uuidString)")
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        for name in extraBases {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("bases/\(name)"), withIntermediateDirectories: true)
        }
        bases = try KnowledgeBases.open(dataDirectory: dir, config: EngineConfig(), logger: logger)
        engine = bases.primary
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = try buildApplication(engine: engine, bases: bases, settings: settings, logger: logger) { port in continuation.yield(port) }
        task = Task { try await app.run() }
        for await p in stream { port = p; break }
    }

    func stop() async {
        task?.cancel()
        _ = try? await task?.value
        try? FileManager.default.removeItem(at: dir)
    }

    struct Reply {
        var status: Int
        var data: Data
        var headers: [AnyHashable: Any]
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:] }
        var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
        var errorMessage: String? { (json["error"] as? [String: Any])?["message"] as? String }
    }

    func request(_ method: String, _ path: String, body: Data? = nil, contentType: String? = "application/json",
                 key: String? = nil, headers: [String: String] = [:]) async throws -> Reply {
        var req = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        req.httpMethod = method
        req.httpBody = body
        if let key { req.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { req.setValue(value, forHTTPHeaderField: name) }
        if let contentType, body != nil { req.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        let (data, response) = try await URLSession.shared.data(for: req)
        let http = response as! HTTPURLResponse
        return Reply(status: http.statusCode, data: data, headers: http.allHeaderFields)
    }

    func post(_ path: String, json: Any, key: String? = nil) async throws -> Reply {
        try await request("POST", path, body: try JSONSerialization.data(withJSONObject: json), key: key)
    }
}
