import Foundation
import LinearAlgebra
import TestSupport
import TextAnalysis
import XCTest
@testable import Learning

/// The binary artifact: round trip and clear errors for bad files.
final class ArtifactTests: TemporaryDirectoryTestCase {

    func trained() throws -> Encoder {
        var config = TrainingTests.tinyConfig()
        config.epochs = 3
        return try EncoderTrainer.train(corpus: TrainingTests.corpus, groups: TrainingTests.groups,
                                        lexicon: Lexicon(words: ["保养周期", "Lanto Pilot"]), config: config).0
    }

    func testRoundTripGivesIdenticalEncoder() throws {
        let encoder = try trained()
        let url = dir.appendingPathComponent("encoder.bin")
        try encoder.save(to: url)
        let loaded = try Encoder.load(from: url)
        XCTAssertEqual(loaded.config, encoder.config)
        XCTAssertEqual(loaded.fingerprint, encoder.fingerprint)
        XCTAssertEqual(loaded.lexicon, encoder.lexicon)
        XCTAssertEqual(loaded.tfidf.buckets, encoder.tfidf.buckets)
        XCTAssertEqual(loaded.tfidf.idf, encoder.tfidf.idf)
        XCTAssertEqual(loaded.tfidf.documentCount, encoder.tfidf.documentCount)
        XCTAssertEqual(loaded.projection, encoder.projection)
        let probe = TrainingTests.corpus + ["保养周期多久", "unseen words only"]
        XCTAssertEqual(loaded.encode(probe), encoder.encode(probe), "bit-identical embeddings")
        XCTAssertEqual(try Encoder(artifact: encoder.artifactData()).projection, encoder.projection)
        XCTAssertEqual(encoder.artifactData(), encoder.artifactData(), "deterministic bytes")
    }

    func testWrongMagicIsRejected() throws {
        var data = try trained().artifactData()
        data[0] = UInt8(ascii: "X")
        XCTAssertThrowsError(try Encoder(artifact: data)) { XCTAssertEqual($0 as? EncoderArtifactError, .badMagic) }
        XCTAssertThrowsError(try Encoder(artifact: Data("{\"json\": true}".utf8))) {
            XCTAssertEqual($0 as? EncoderArtifactError, .badMagic)
        }
    }

    func testUnsupportedVersionIsRejected() throws {
        var data = try trained().artifactData()
        data[8] = 9
        XCTAssertThrowsError(try Encoder(artifact: data)) {
            XCTAssertEqual($0 as? EncoderArtifactError, .unsupportedVersion(9))
        }
    }

    func testTruncatedFilesAreRejected() throws {
        let data = try trained().artifactData()
        for length in [0, 5, 12, 40, data.count / 2, data.count - 1] {
            XCTAssertThrowsError(try Encoder(artifact: data.prefix(length)), "length \(length)") { error in
                guard case EncoderArtifactError.truncated(_, let actual) = error else {
                    return XCTFail("length \(length): \(error)")
                }
                XCTAssertEqual(actual, length)
            }
        }
    }

    func testCorruptedBytesAreRejected() throws {
        var data = try trained().artifactData()
        data[data.count - 20] ^= 0x40                              // a bit of W
        XCTAssertThrowsError(try Encoder(artifact: data)) { error in
            guard case EncoderArtifactError.corrupt(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("checksum"), message)
        }
        XCTAssertThrowsError(try Encoder(artifact: try trained().artifactData() + Data([0]))) { error in
            guard case EncoderArtifactError.corrupt = error else { return XCTFail("\(error)") }
        }
    }

    func testMissingFileThrowsAFileError() {
        XCTAssertThrowsError(try Encoder.load(from: dir.appendingPathComponent("absent.bin")))
    }

    func testErrorsDescribeThemselves() {
        XCTAssertTrue(EncoderArtifactError.unsupportedVersion(3).description.contains("version 3"))
        XCTAssertTrue(EncoderArtifactError.truncated(expected: 100, actual: 10).description.contains("truncated"))
    }
}
