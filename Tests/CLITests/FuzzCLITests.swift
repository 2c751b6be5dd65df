import Foundation
import XCTest

/// `switchboard bench fuzz` through the built binary: a short run over generated hostile inputs
/// ends without a crash, a hang or a failure, and prints its summary.
final class FuzzCLITests: XCTestCase {
    func testShortFuzzRunPasses() throws {
        var binary = Bundle.main.bundleURL
        while !FileManager.default.fileExists(atPath: binary.appendingPathComponent("switchboard").path), binary.path != "/" {
            binary.deleteLastPathComponent()
        }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let process = Process()
        process.executableURL = binary.appendingPathComponent("switchboard")
        // Generous time limit: debug builds on a shared machine are slow; crashes are what this catches.
        process.arguments = ["bench", "fuzz", "--cases", "300", "--seed", "7", "--timeout", "60", "--max-bytes", "65536", "--out", out.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, output)
        XCTAssertTrue(output.contains("fuzz: "), output)
        XCTAssertTrue(output.contains("failures: 0"), output)
    }
}
