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

/// A test case with a fresh folder `dir` under the temporary directory, removed afterwards.
class TemporaryDirectoryTestCase: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(type(of: self))-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }
}
