import Engine
import Foundation
import Logging
import XCTest

/// An engine on `dir` that logs only critical messages, for tests.
func quietEngine(_ dir: URL, config: EngineConfig = EngineConfig()) throws -> Engine {
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    return try Engine(dataDirectory: dir, config: config, logger: logger)
}

/// Runs `body` on a quiet engine in a fresh temporary folder with `documents` (name, content)
/// imported in order; the folder is removed afterwards.
func withImported(_ documents: [(String, String)], config: EngineConfig = EngineConfig(), _ body: (Engine) throws -> Void) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("engine-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let engine = try quietEngine(dir, config: config)
    for (name, content) in documents {
        _ = try engine.importData(name: name, data: Data(content.utf8), format: nil)
    }
    try body(engine)
}
