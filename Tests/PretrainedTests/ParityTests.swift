import XCTest
import Foundation
@testable import Pretrained

/// Parity with sentence-transformers on the 200 sentences of Benchmarks/bert/golden.jsonl
/// (written by Benchmarks/bert/make_golden.py): identical token ids and cosine ≥ 0.9999 for every
/// sentence. Runs when all-MiniLM-L6-v2 is installed (scripts/install-minilm.sh) at
/// `$SWITCHBOARD_MINILM_DIR` or `data/models/minilm-l6-v2`; skipped, saying so, otherwise.
final class ParityTests: XCTestCase {
    private struct Golden: Decodable {
        var text: String
        var ids: [Int32]
        var embedding_f32le_base64: String

        var embedding: [Float] {
            guard let data = Data(base64Encoded: embedding_f32le_base64) else { return [] }
            return data.withUnsafeBytes { raw in
                (0..<(data.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
            }
        }
    }

    private func modelDirectory() throws -> String {
        let dir = ProcessInfo.processInfo.environment["SWITCHBOARD_MINILM_DIR"]
            ?? repositoryRoot + "/data/models/minilm-l6-v2"
        let missing = BertEncoder.missingFiles(directory: dir)
        guard missing.isEmpty else {
            throw XCTSkip("all-MiniLM-L6-v2 is not installed at \(dir) (missing \(missing.joined(separator: ", "))); "
                          + "run scripts/install-minilm.sh or set SWITCHBOARD_MINILM_DIR to run the parity test")
        }
        return dir
    }

    private func golden() throws -> [Golden] {
        let path = repositoryRoot + "/Benchmarks/bert/golden.jsonl"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let decoder = JSONDecoder()
        return try text.split(separator: "\n").map { try decoder.decode(Golden.self, from: Data($0.utf8)) }
    }

    func testTokenIDsAndEmbeddingsMatchSentenceTransformers() throws {
        let dir = try modelDirectory()
        let records = try golden()
        XCTAssertEqual(records.count, 200)
        let encoder = try BertEncoder.load(directory: dir)
        var idMismatches: [String] = []
        for r in records where encoder.tokenizer.encode(r.text) != r.ids {
            idMismatches.append(r.text)
        }
        XCTAssertEqual(idMismatches, [], "token ids differ from the reference tokenizer")
        let embeddings = encoder.encode(records.map(\.text))
        var worst: Float = 1, worstText = ""
        for (i, r) in records.enumerated() {
            let c = cosine(Array(embeddings.row(i)), r.embedding)
            if c < worst { worst = c; worstText = r.text }
        }
        print("parity: \(records.count) sentences, min cosine \(worst) (\(worstText.prefix(40)))")
        XCTAssertGreaterThanOrEqual(worst, 0.9999, "worst sentence: \(worstText)")
    }
}
