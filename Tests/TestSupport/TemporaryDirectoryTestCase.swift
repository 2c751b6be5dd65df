import Foundation
import XCTest

/// A test case with a fresh folder `dir` under the temporary directory, removed afterwards.
/// Shared by the test targets that write files (a library target of the tests only).
open class TemporaryDirectoryTestCase: XCTestCase {
    public var dir: URL!

    open override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(type(of: self))-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    open override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }
}
