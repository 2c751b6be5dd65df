import Foundation
import LinearAlgebra
import XCTest
@testable import Learning

/// `EncoderConfig` decoding and validation, and the shipped `Models/encoder.json`.
final class ConfigTests: XCTestCase {
    func testMissingKeysTakeDefaults() throws {
        let c = try JSONDecoder().decode(EncoderConfig.self, from: Data(#"{"dimension": 64, "learning_rate": 0.5}"#.utf8))
        XCTAssertEqual(c.dimension, 64)
        XCTAssertEqual(c.learningRate, 0.5)
        var expected = EncoderConfig()
        expected.dimension = 64
        expected.learningRate = 0.5
        XCTAssertEqual(c, expected)
        XCTAssertEqual(try JSONDecoder().decode(EncoderConfig.self, from: Data("{}".utf8)), EncoderConfig())
    }

    func testSnakeCaseRoundTrip() throws {
        var c = EncoderConfig()
        c.hashBits = 16
        c.hardNegativesFromCorpus = true
        c.seed = 99
        let json = String(decoding: c.canonicalJSON(), as: UTF8.self)
        XCTAssertTrue(json.contains("\"hash_bits\":16"), json)
        XCTAssertTrue(json.contains("\"hard_negatives_from_corpus\":true"), json)
        XCTAssertEqual(try JSONDecoder().decode(EncoderConfig.self, from: c.canonicalJSON()), c)
    }

    func testShippedConfigurationDecodesAndValidates() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Models/encoder.json")
        let c = try EncoderConfig.load(from: url)
        XCTAssertNoThrow(try c.validate())
        // Every field of the type is spelled out in the file (so the README's table is complete).
        let keys = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        let all = try JSONSerialization.jsonObject(with: EncoderConfig().canonicalJSON()) as! [String: Any]
        XCTAssertEqual(Set(keys.keys), Set(all.keys))
    }

    func testValidationNamesTheBadField() {
        var c = EncoderConfig()
        c.hashBits = 40
        XCTAssertThrowsError(try c.validate()) { error in
            XCTAssertTrue("\(error)".contains("hash_bits"), "\(error)")
        }
        c = EncoderConfig()
        c.batchSize = 1
        XCTAssertThrowsError(try c.validate())
        c = EncoderConfig()
        c.validationFraction = 1.5
        XCTAssertThrowsError(try c.validate())
    }
}
