import Foundation
import LinearAlgebra
import TestSupport
import XCTest
@testable import Pretrained

/// The encoder distilled into word-piece vectors: each row is the encoder's vector of that token
/// alone, a text is the mean of its pieces' rows, and a saved table comes back only for its model.
final class StaticVectorsTests: XCTestCase {
    func tinyEncoder(intermediate: Int = 64) throws -> BertEncoder {
        let dir = try makeTempDirectory()
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        try writeTinyModel(to: dir, intermediate: intermediate)
        return try BertEncoder.load(directory: dir)
    }

    func row(_ table: BertStaticVectors, _ token: String) throws -> [Float] {
        let id = Int(try XCTUnwrap(table.tokenizer.id(of: token), token))
        return Array(table.table[(id * table.dimension)..<((id + 1) * table.dimension)])
    }

    func testEachRowIsTheEncoderOnThatTokenAlone() throws {
        let bert = try tinyEncoder()
        let table = BertStaticVectors.distill(bert)
        XCTAssertEqual(table.dimension, bert.dimension)
        XCTAssertEqual(table.table.count, bert.tokenizer.vocabularySize * bert.dimension)
        XCTAssertEqual(table.fingerprint, "static:" + bert.fingerprint)
        let t = bert.tokenizer
        for token in ["car", "battery", "##ing", "充", "?"] {
            let id = try XCTUnwrap(t.id(of: token))
            let expected = Array(try bert.encode(tokenIDs: [[t.clsID, id, t.sepID]]).row(0))
            let got = try row(table, token)
            XCTAssertLessThan(zip(got, expected).map { abs($0 - $1) }.max() ?? 1, 1e-5, token)
        }
        XCTAssertEqual(try row(table, "[UNK]"), [Float](repeating: 0, count: table.dimension), "an unknown word adds nothing")
    }

    func testATextIsTheMeanOfItsPieces() throws {
        let table = BertStaticVectors.distill(try tinyEncoder())
        // "charges the car zzz" → charge ##s the car [UNK]; the unknown word is skipped.
        XCTAssertEqual(table.tokenizer.pieceIDs("charges the car zzz").count, 5)
        let v = table.encode(["charges the car zzz", "zzz", ""])
        XCTAssertEqual(v.rows, 3)
        let pieces = try ["charge", "##s", "the", "car"].map { try row(table, $0) }
        for k in 0..<table.dimension {
            XCTAssertEqual(v.row(0)[k], pieces.map { $0[k] }.reduce(0, +) / 4, accuracy: 1e-5)
        }
        XCTAssertEqual(Array(v.row(1)), [Float](repeating: 0, count: table.dimension), "only unknown words: a zero row")
        XCTAssertEqual(Array(v.row(2)), [Float](repeating: 0, count: table.dimension))
        XCTAssertEqual(Array(table.encode(["car"]).row(0)), try row(table, "car"))
    }

    func testASavedTableComesBackOnlyForItsModel() throws {
        let bert = try tinyEncoder()
        let table = BertStaticVectors.distill(bert)
        let data = table.serialized()
        let back = try XCTUnwrap(BertStaticVectors(serialized: data, encoder: bert))
        XCTAssertEqual(back.table, table.table)
        XCTAssertEqual(back.fingerprint, table.fingerprint)
        XCTAssertNil(BertStaticVectors(serialized: data.prefix(data.count - 4), encoder: bert), "truncated")
        XCTAssertNil(BertStaticVectors(serialized: Data(data.prefix(10)), encoder: bert), "shorter than the header")
        var damaged = data
        damaged[0] ^= 0xFF
        XCTAssertNil(BertStaticVectors(serialized: damaged, encoder: bert), "wrong magic")
        let other = try tinyEncoder(intermediate: 48)          // same dimension, another model
        XCTAssertEqual(other.dimension, bert.dimension)
        XCTAssertNotEqual(other.fingerprint, bert.fingerprint)
        XCTAssertNil(BertStaticVectors(serialized: data, encoder: other), "distilled from another model")
    }
}
