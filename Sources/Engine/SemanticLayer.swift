import Foundation
import KnowledgeModel
import Learning
import LinearAlgebra
import Retrieval

/// The encoder and the vectors of every chunk it encoded: the semantic half of a snapshot.
struct SemanticLayer: Sendable {
    var encoder: SentenceEncoder
    var index: SemanticIndex

    /// Encodes every chunk's wordings (one batched encode call) and indexes them.
    static func build(encoder: SentenceEncoder, chunks: [Chunk], kind: VectorIndexKind) throws -> SemanticLayer {
        var layer = SemanticLayer(encoder: encoder, index: SemanticIndex(dimension: encoder.dimension, kind: kind))
        try layer.add(chunks)
        return layer
    }

    /// Encodes and indexes chunks (replacing any with the same id).
    mutating func add(_ chunks: [Chunk]) throws {
        var texts: [String] = []
        var spans: [(Chunk, Range<Int>)] = []
        for c in chunks {
            let w = Wordings.of(c)
            guard !w.isEmpty else { continue }
            spans.append((c, texts.count..<texts.count + w.count))
            texts.append(contentsOf: w)
        }
        guard !texts.isEmpty else { return }
        let vectors = encoder.encode(texts)
        for (c, range) in spans {
            try index.add(chunkID: c.id, documentID: c.documentID, vectors: vectors.rows(range))
        }
    }
}

extension SemanticLayer {
    /// What a saved vector index must match to be reused: the encoder and the store's generation.
    static func tag(encoder: SentenceEncoder, generation: Int) -> String { "\(encoder.fingerprint)@\(generation)" }
}

/// Where trained models and derived indexes live in the data folder.
enum ModelFiles {
    static func encoder(in data: URL) -> URL { data.appendingPathComponent("models/encoder.bin") }
    static func vectors(in data: URL) -> URL { data.appendingPathComponent("index/vectors.bin") }
    /// A conversation model (`intent`, `sentiment`), with `<file>.fingerprint` beside it.
    static func dialogue(_ name: String, in data: URL) -> URL { data.appendingPathComponent("models/\(name).bin") }
    /// The pretrained encoder's distilled word-piece vectors (`BertStaticVectors`).
    static func staticVectors(in data: URL) -> URL { data.appendingPathComponent("models/static-vectors.bin") }

    /// Writes through a temporary file and a rename, so a crash never leaves half a model.
    static func writeAtomically(_ data: Data, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let tmp = url.appendingPathExtension("tmp-\(UUID().uuidString)")
        try data.write(to: tmp)
        // rename(2) replaces the target atomically on the same file system.
        guard rename(tmp.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: tmp)
            throw EngineError(.internal, code: "write_failed", "cannot write \(url.path): \(reason)")
        }
    }
}
