import Engine
import Foundation
import TestSupport
import XCTest

/// How relative paths of shipped files are found when the working directory lacks them.
final class ShippedFilesTests: TemporaryDirectoryTestCase {
    func testAMissingRelativePathIsFoundUnderSwitchboardHome() throws {
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("Models"), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: dir.appendingPathComponent("Models/only-here.json"))
        let env = ["SWITCHBOARD_HOME": dir.path]
        XCTAssertEqual(ShippedFiles.resolve("Models/only-here.json", environment: env), dir.appendingPathComponent("Models/only-here.json").path)
        // Not there either: the path comes back unchanged (the caller's fallback decides).
        XCTAssertEqual(ShippedFiles.resolve("Models/nowhere.json", environment: env), "Models/nowhere.json")
        // Absolute paths are never rewritten.
        XCTAssertEqual(ShippedFiles.resolve("/nonexistent/Models/only-here.json", environment: env), "/nonexistent/Models/only-here.json")
    }

    func testTheWorkingDirectoryComesFirst() throws {
        // The tests run from the checkout, whose Models/ folder is used as is (no rewriting).
        XCTAssertTrue(FileManager.default.fileExists(atPath: "Models/intent.json"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("Models"), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: dir.appendingPathComponent("Models/intent.json"))
        XCTAssertEqual(ShippedFiles.resolve("Models/intent.json", environment: ["SWITCHBOARD_HOME": dir.path]), "Models/intent.json")
    }
}
