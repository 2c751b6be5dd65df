import Engine
import Foundation
import XCTest

/// A pretrained encoder that is configured but not installed stops the engine with a clear error;
/// one that is not configured changes nothing.
final class PretrainedConfigTests: XCTestCase {
    func dir() -> URL { FileManager.default.temporaryDirectory.appendingPathComponent("pretrained-\(UUID().uuidString)") }

    func testConfiguredButMissingIsAClearError() {
        var config = EngineConfig()
        config.pretrainedEncoder = PretrainedEncoderConfig(directory: "/nonexistent/minilm-l6-v2")
        let d = dir()
        defer { try? FileManager.default.removeItem(at: d) }
        XCTAssertThrowsError(try Engine(dataDirectory: d, config: config)) { error in
            let e = error as? EngineError
            XCTAssertEqual(e?.code, "pretrained_encoder_unavailable")
            XCTAssertTrue(e?.message.contains("/nonexistent/minilm-l6-v2") ?? false, e?.message ?? "")
            XCTAssertTrue(e?.message.contains("install-minilm") ?? false, e?.message ?? "")
        }
    }

    func testBadModeOrWeightIsRefused() {
        for c in [PretrainedEncoderConfig(directory: "/x", mode: "both"), PretrainedEncoderConfig(directory: "/x", weight: 2)] {
            var config = EngineConfig()
            config.pretrainedEncoder = c
            let d = dir()
            XCTAssertThrowsError(try Engine(dataDirectory: d, config: config)) { error in
                XCTAssertEqual((error as? EngineError)?.code, "invalid_model_config")
            }
            try? FileManager.default.removeItem(at: d)
        }
    }

    func testNotConfiguredIsTheSelfTrainedEncoder() throws {
        let d = dir()
        defer { try? FileManager.default.removeItem(at: d) }
        XCTAssertNoThrow(try Engine(dataDirectory: d))
    }
}
