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
