import Engine
import Foundation
import HTTPServer
import XCTest

/// The defaults are written twice, in code and in Server/switchboard.json; this keeps them equal.
final class DefaultConfigTests: XCTestCase {
    func testServerDefaultFileEqualsTheBuiltInDefaults() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Server/switchboard.json")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let server = try JSONDecoder().decode(ServerSettings.self, from: JSONSerialization.data(withJSONObject: object["server"]!))
        let engine = try JSONDecoder().decode(EngineConfig.self, from: JSONSerialization.data(withJSONObject: object["search"]!))
        XCTAssertEqual(server, ServerSettings())
        XCTAssertEqual(engine, EngineConfig())
        XCTAssertEqual(object["data"] as? String, "./data")
    }
}
