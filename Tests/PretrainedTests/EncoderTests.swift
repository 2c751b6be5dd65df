import XCTest
import LinearAlgebra
@testable import Pretrained
import TestSupport

/// The packed, gemm-based forward pass against the plain-loop padded-batch reference, on a tiny
/// random BERT written to a temp dir; and the load errors for broken model directories.
final class EncoderTests: XCTestCase {
    private let texts = ["How do I charge my car?", "the battery", "what is the range in winter? my car charges at home.",
                         "充电在哪", "", "unable abc cafe!"]

    func testPackedForwardMatchesPaddedReference() throws {
        let dir = try makeTempDirectory()
        try writeTinyModel(to: dir)
        let encoder = try BertEncoder.load(directory: dir)
        XCTAssertEqual(encoder.dimension, 32)
        XCTAssertEqual(encoder.pooling, .mean)
        // Twice the texts: a batch of more than `smallBatchTokens` tokens (whole-weight gemms);
        // the single-text encodes below go through the row-blocked gemms.
        let texts = self.texts + self.texts.reversed()
        let ids = texts.map { encoder.tokenizer.encode($0) }
        XCTAssertGreaterThan(ids.map(\.count).reduce(0, +), smallBatchTokens)
        let fast = encoder.encode(texts)
        let reference = BertReference.encode(encoder, sequences: ids)
        for (i, row) in reference.enumerated() {
            let got = Array(fast.row(i))
            XCTAssertGreaterThan(cosine(got, row), 0.99999, texts[i])
            XCTAssertLessThan(zip(got, row).map { abs($0 - $1) }.max() ?? 1, 1e-4, texts[i])
            XCTAssertEqual(got.reduce(0) { $0 + $1 * $1 }, 1, accuracy: 1e-4)
            XCTAssertGreaterThan(cosine(encoder.encode(texts[i]), row), 0.99999, texts[i])
        }
    }

    func testBatchingDoesNotChangeEmbeddings() throws {
        let dir = try makeTempDirectory()
        try writeTinyModel(to: dir)
        var encoder = try BertEncoder.load(directory: dir)
        let together = encoder.encode(texts)
        encoder.maxBatchSize = 1
        let alone = encoder.encode(texts)
        encoder.maxBatchSize = 4
        encoder.maxBatchTokens = 1    // a batch per sequence through the token budget
        let budget = encoder.encode(texts)
        for i in texts.indices {
            XCTAssertGreaterThan(cosine(Array(together.row(i)), Array(alone.row(i))), 0.999999)
            XCTAssertGreaterThan(cosine(Array(together.row(i)), Array(budget.row(i))), 0.999999)
        }
        XCTAssertEqual(encoder.encode([]).rows, 0)
    }

    func testErfFitMatchesLibm() {
        var worst: Float = 0
        for i in -6000...6000 {
            let x = Float(i) / 1000
            worst = max(worst, abs(BertKernels.erf(x) - erff(x)))
        }
        XCTAssertLessThan(worst, 1e-6)
    }

    func testTokenIDsAreValidated() throws {
        let dir = try makeTempDirectory()
        try writeTinyModel(to: dir)
        let encoder = try BertEncoder.load(directory: dir)
        XCTAssertThrowsError(try encoder.encode(tokenIDs: [[2, 999, 3]])) { error in
            XCTAssertEqual(error as? PretrainedError, .tokenOutOfRange(id: 999, vocabularySize: tinyVocabulary.count))
        }
        XCTAssertThrowsError(try encoder.encode(tokenIDs: [[]]))
        let ok = try encoder.encode(tokenIDs: [[2, 5, 6, 3]])
        XCTAssertEqual(Array(ok.row(0)), encoder.encode("the car"))
    }

    func testFingerprintFollowsTheFiles() throws {
        let dir = try makeTempDirectory()
        try writeTinyModel(to: dir)
        let first = try BertEncoder.load(directory: dir).fingerprint
        XCTAssertTrue(first.hasPrefix("bert-") && first.count == 21, first)
        XCTAssertEqual(first, try BertEncoder.load(directory: dir).fingerprint)
        XCTAssertNotEqual(first, try BertEncoder.load(directory: dir, maxLength: 16).fingerprint)
        let changed = tinyVocabulary.map { $0 == "winter" ? "summer" : $0 }
        try write(changed.joined(separator: "\n") + "\n", to: dir + "/vocab.txt")
        XCTAssertNotEqual(first, try BertEncoder.load(directory: dir).fingerprint)
    }

    func testConfiguredButMissingModelSaysSo() throws {
        let dir = try makeTempDirectory()
        XCTAssertNil(try BertEncoder.loadIfConfigured(directory: nil))
        XCTAssertNil(try BertEncoder.loadIfConfigured(directory: ""))
        XCTAssertThrowsError(try BertEncoder.loadIfConfigured(directory: dir + "/minilm")) { error in
            guard case PretrainedError.modelNotInstalled(_, let missing) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(missing, ["config.json", "model.safetensors", "tokenizer.json or vocab.txt"])
            XCTAssertTrue("\(error)".contains("install-minilm.sh"), "\(error)")
        }
    }

    func testMissingVocabularyIsAClearError() throws {
        let dir = try makeTempDirectory()
        try writeTinyModel(to: dir)
        try FileManager.default.removeItem(atPath: dir + "/vocab.txt")
        XCTAssertThrowsError(try BertEncoder.load(directory: dir)) { error in
            XCTAssertEqual(error as? PretrainedError, .modelNotInstalled(directory: dir, missing: ["tokenizer.json or vocab.txt"]))
        }
    }

    func testTruncatedWeightsAreAClearError() throws {
        let dir = try makeTempDirectory()
        try writeTinyModel(to: dir)
        let path = dir + "/model.safetensors"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try BertEncoder.load(directory: dir)) { error in
            guard case PretrainedError.truncated(let p, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(p, path)
        }
    }

    func testWrongDTypeAndShapeAreClearErrors() throws {
        let dir = try makeTempDirectory()
        try writeTinyModel(to: dir)
        // Re-write one tensor as F16 and check the error names it.
        let file = try SafeTensorsFile(path: dir + "/model.safetensors")
        var tensors: [TestTensor] = []
        for name in file.tensors.keys.sorted() {
            let info = file.tensors[name]!
            if name == "encoder.layer.1.output.dense.bias" {
                tensors.append(TestTensor(name, dtype: "F16", shape: info.shape, bytes: [UInt8](repeating: 0, count: 2 * info.elementCount)))
            } else {
                tensors.append(TestTensor(name, shape: info.shape, floats: try file.floats(name, shape: info.shape)))
            }
        }
        try write(safetensorsBytes(tensors), to: dir + "/model.safetensors")
        XCTAssertThrowsError(try BertEncoder.load(directory: dir)) { error in
            XCTAssertEqual(error as? PretrainedError,
                           .wrongDType(name: "encoder.layer.1.output.dense.bias", expected: "F32", found: "F16"))
        }
        // A config that disagrees with the weights: wrong shape.
        let other = try makeTempDirectory()
        try writeTinyModel(to: other)
        let config = try String(contentsOfFile: other + "/config.json", encoding: .utf8)
            .replacingOccurrences(of: "\"intermediate_size\": 64", with: "\"intermediate_size\": 48")
        try write(config, to: other + "/config.json")
        XCTAssertThrowsError(try BertEncoder.load(directory: other)) { error in
            XCTAssertEqual(error as? PretrainedError,
                           .wrongShape(name: "encoder.layer.0.intermediate.dense.weight", expected: [48, 32], found: [64, 32]))
        }
    }

    func testUnsupportedConfigurationIsRejected() throws {
        let dir = try makeTempDirectory()
        try writeTinyModel(to: dir)
        try write(#"{"model_type": "bert", "hidden_act": "relu", "hidden_size": 32, "num_hidden_layers": 2, "#
                  + #""num_attention_heads": 4, "intermediate_size": 64, "vocab_size": 35, "max_position_embeddings": 64}"#,
                  to: dir + "/config.json")
        XCTAssertThrowsError(try BertEncoder.load(directory: dir)) { error in
            guard case PretrainedError.badConfiguration(_, let detail) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.contains("relu"), detail)
        }
    }
}
