import Foundation
import LinearAlgebra

/// A pretrained encoder distilled into one vector per word piece: the encoder's own sentence
/// vector of each vocabulary token alone (`[CLS] token [SEP]`, pooled as the encoder pools). A
/// text's vector is then the mean of its pieces' vectors: a table lookup per piece instead of six
/// transformer layers, so it costs microseconds where the encoder costs milliseconds. The vectors
/// keep much of what the encoder knows about words (that "reschedule" is near "move" and
/// "appointment") and lose word order and context.
///
/// Distilling runs the encoder once over the vocabulary (30,522 tokens for MiniLM: about 15 s on
/// two cores); `serialized()` and `init(serialized:encoder:)` keep the table (vocabulary ×
/// dimension floats, 47 MB for MiniLM) so that it is made once per model.
///
/// ```swift
/// let bert = try BertEncoder.load(directory: "data/models/minilm-l6-v2")
/// let table = BertStaticVectors.distill(bert)
/// let v = table.encode(["how do i move my service appointment"])   // [1 × 384]
/// ```
public struct BertStaticVectors: Sendable {
    /// The tokenizer of the encoder the table was distilled from.
    public let tokenizer: WordPieceTokenizer
    /// Length of each vector (the encoder's).
    public let dimension: Int
    /// `static:` + the encoder's fingerprint: dense weights trained on these vectors mean nothing
    /// for the encoder's contextual vectors, and the reverse.
    public let fingerprint: String
    /// Row `id` is the vector of token `id`, `[vocabularySize × dimension]`; the unknown token's
    /// row is zero (an unknown word adds nothing).
    let table: [Float]

    private init(tokenizer: WordPieceTokenizer, dimension: Int, fingerprint: String, table: [Float]) {
        self.tokenizer = tokenizer; self.dimension = dimension; self.fingerprint = fingerprint; self.table = table
    }

    /// Runs `encoder` on every token of its vocabulary alone.
    public static func distill(_ encoder: BertEncoder) -> BertStaticVectors {
        var bert = encoder
        bert.maxBatchSize = 256                     // three-token sequences: wide batches keep gemm busy
        let t = encoder.tokenizer
        let ids = (0..<Int32(t.vocabularySize)).map { [t.clsID, $0, t.sepID] }
        // Every id is below the tokenizer's vocabulary size, which init checked against the model.
        var table = bert.encodeValidated(ids).values
        let d = encoder.dimension, unknown = Int(t.unknownID)
        for k in 0..<d { table[unknown * d + k] = 0 }
        return BertStaticVectors(tokenizer: t, dimension: d, fingerprint: "static:" + encoder.fingerprint, table: table)
    }

    /// The mean piece vector of each text, `[texts.count × dimension]`, not normalized (a text with
    /// no known piece gets a zero row).
    public func encode(_ texts: [String]) -> Matrix {
        var out = Matrix(rows: texts.count, cols: dimension)
        let d = dimension, unknown = tokenizer.unknownID
        table.withUnsafeBufferPointer { tp in
            out.withUnsafeMutableBufferPointer { op in
                for (r, text) in texts.enumerated() {
                    let row = op.baseAddress! + r * d
                    var n = 0
                    for id in tokenizer.pieceIDs(text) where id != unknown {
                        let src = tp.baseAddress! + Int(id) * d
                        for k in 0..<d { row[k] += src[k] }
                        n += 1
                    }
                    if n > 1 {
                        let scale = 1 / Float(n)
                        for k in 0..<d { row[k] *= scale }
                    }
                }
            }
        }
        return out
    }

    /// The table as bytes: a small header (magic, dimension, rows, fingerprint) and the floats,
    /// little-endian.
    public func serialized() -> Data {
        var data = Data()
        let fp = Array(fingerprint.utf8)
        for v in [Self.magic, UInt32(dimension), UInt32(table.count / dimension), UInt32(fp.count)] {
            withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) }
        }
        data.append(contentsOf: fp)
        table.withUnsafeBytes { data.append(contentsOf: $0) }          // little-endian hosts only (x86-64, arm64)
        return data
    }

    /// A table from `serialized()` bytes for `encoder`; nil when they are damaged or were distilled
    /// from another model (the caller distills again).
    public init?(serialized data: Data, encoder: BertEncoder) {
        let expected = "static:" + encoder.fingerprint
        let d = encoder.dimension, rows = encoder.tokenizer.vocabularySize
        // Read in place: the table is tens of MB, copied once, into the floats.
        let table = data.withUnsafeBytes { raw -> [Float]? in
            guard raw.count >= 16 else { return nil }
            func word(_ offset: Int) -> Int { Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))) }
            let fpLength = word(12), start = 16 + word(12)
            guard UInt32(word(0)) == Self.magic, word(4) == d, word(8) == rows, raw.count == start + rows * d * 4,
                  String(decoding: UnsafeRawBufferPointer(rebasing: raw[16..<(16 + fpLength)]), as: UTF8.self) == expected
            else { return nil }
            return [Float](unsafeUninitializedCapacity: rows * d) { out, count in
                UnsafeMutableRawBufferPointer(out).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start...]))
                count = rows * d
            }
        }
        guard let table, table.allSatisfy(\.isFinite) else { return nil }
        self.init(tokenizer: encoder.tokenizer, dimension: d, fingerprint: expected, table: table)
    }

    /// "SBSV" little-endian.
    static let magic: UInt32 = 0x5653_4253
}
