import Foundation
import LinearAlgebra

// A tiny randomly initialized BERT model folder and the safetensors writer it needs, shared by the
// pretrained-encoder tests and the engine tests that configure a pretrained encoder.

/// One tensor to write: name, dtype, shape and its raw little-endian bytes.
public struct TestTensor {
    public var name: String
    public var dtype: String = "F32"
    public var shape: [Int]
    public var bytes: [UInt8]

    public init(_ name: String, shape: [Int], floats: [Float]) {
        self.name = name
        self.shape = shape
        self.bytes = floats.withUnsafeBytes { Array($0) }
    }

    public init(_ name: String, dtype: String, shape: [Int], bytes: [UInt8]) {
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.bytes = bytes
    }
}

/// The bytes of a safetensors file holding `tensors` (header padded to 8 bytes, as writers do).
public func safetensorsBytes(_ tensors: [TestTensor], metadata: [String: String] = ["format": "pt"]) -> [UInt8] {
    var entries: [String] = []
    var offset = 0
    for t in tensors {
        entries.append("\"\(t.name)\":{\"dtype\":\"\(t.dtype)\",\"shape\":\(t.shape),"
                       + "\"data_offsets\":[\(offset),\(offset + t.bytes.count)]}")
        offset += t.bytes.count
    }
    let meta = metadata.map { "\"\($0.key)\":\"\($0.value)\"" }.joined(separator: ",")
    var header = Array(("{\"__metadata__\":{\(meta)}," + entries.joined(separator: ",") + "}").utf8)
    while (8 + header.count) % 8 != 0 { header.append(32) }
    var out: [UInt8] = []
    withUnsafeBytes(of: UInt64(header.count).littleEndian) { out.append(contentsOf: $0) }
    out.append(contentsOf: header)
    for t in tensors { out.append(contentsOf: t.bytes) }
    return out
}

public func write(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

public func write(_ text: String, to path: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

/// The vocabulary of the tiny test model (ids = positions).
public let tinyVocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "car", "charge", "##s", "##ing",
                      "battery", "home", "how", "do", "i", "my", "?", ",", ".", "!", "充", "电", "在", "哪",
                      "cafe", "un", "##able", "##d", "a", "##b", "##c", "what", "is", "range", "winter"]

/// A randomly initialized BERT small enough for the plain-loop reference, written as a model
/// directory (config.json, model.safetensors, vocab.txt; `tokenizerJSON` adds a tokenizer.json).
public func writeTinyModel(to dir: String, hidden: Int = 32, layers: Int = 2, heads: Int = 4, intermediate: Int = 64,
                    positions: Int = 64, tokenizerJSON: Bool = false, seed: UInt64 = 7) throws {
    let v = tinyVocabulary.count
    var seedCounter = seed
    func random(_ shape: [Int], scale: Float) -> [Float] {
        seedCounter += 1
        let n = shape.reduce(1, *)
        return Matrix.randomNormal(rows: 1, cols: n, seed: seedCounter).values.map { $0 * scale }
    }
    func norm(_ prefix: String) -> [TestTensor] {
        [TestTensor(prefix + ".weight", shape: [hidden], floats: random([hidden], scale: 0.1).map { 1 + $0 }),
         TestTensor(prefix + ".bias", shape: [hidden], floats: random([hidden], scale: 0.1))]
    }
    func linear(_ prefix: String, out: Int, in inputs: Int) -> [TestTensor] {
        [TestTensor(prefix + ".weight", shape: [out, inputs], floats: random([out, inputs], scale: 0.3)),
         TestTensor(prefix + ".bias", shape: [out], floats: random([out], scale: 0.1))]
    }
    var tensors = [
        TestTensor("embeddings.word_embeddings.weight", shape: [v, hidden], floats: random([v, hidden], scale: 1)),
        TestTensor("embeddings.position_embeddings.weight", shape: [positions, hidden],
                   floats: random([positions, hidden], scale: 0.5)),
        TestTensor("embeddings.token_type_embeddings.weight", shape: [2, hidden], floats: random([2, hidden], scale: 0.5)),
    ] + norm("embeddings.LayerNorm")
    for l in 0..<layers {
        let p = "encoder.layer.\(l)."
        tensors += linear(p + "attention.self.query", out: hidden, in: hidden)
        tensors += linear(p + "attention.self.key", out: hidden, in: hidden)
        tensors += linear(p + "attention.self.value", out: hidden, in: hidden)
        tensors += linear(p + "attention.output.dense", out: hidden, in: hidden)
        tensors += norm(p + "attention.output.LayerNorm")
        tensors += linear(p + "intermediate.dense", out: intermediate, in: hidden)
        tensors += linear(p + "output.dense", out: hidden, in: intermediate)
        tensors += norm(p + "output.LayerNorm")
    }
    try write(safetensorsBytes(tensors), to: dir + "/model.safetensors")
    try write("""
        {"model_type": "bert", "hidden_act": "gelu", "hidden_size": \(hidden), "num_hidden_layers": \(layers),
         "num_attention_heads": \(heads), "intermediate_size": \(intermediate), "vocab_size": \(v),
         "max_position_embeddings": \(positions), "type_vocab_size": 2, "layer_norm_eps": 1e-12,
         "position_embedding_type": "absolute"}
        """, to: dir + "/config.json")
    try write(tinyVocabulary.joined(separator: "\n") + "\n", to: dir + "/vocab.txt")
    if tokenizerJSON {
        let vocab = tinyVocabulary.enumerated().map { "\"\($0.element)\": \($0.offset)" }.joined(separator: ", ")
        try write("""
            {"truncation": {"max_length": 16}, "normalizer": {"type": "BertNormalizer", "clean_text": true,
             "handle_chinese_chars": true, "strip_accents": null, "lowercase": true},
             "pre_tokenizer": {"type": "BertPreTokenizer"},
             "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                       "max_input_chars_per_word": 100, "vocab": {\(vocab)}}}
            """, to: dir + "/tokenizer.json")
    }
}
