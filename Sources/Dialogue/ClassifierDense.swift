import Foundation
import LinearAlgebra

/// A sentence encoder the caller supplies for dense classifier features (`dense_weight` > 0):
/// the pretrained BERT model, the self-trained `Encoder`, or anything else that maps texts to
/// fixed-length vectors. Dialogue does not depend on the encoder's module; it sees a closure.
///
/// ```swift
/// let bert = try BertEncoder.load(directory: "/models/minilm")
/// let dense = DenseEncoder(fingerprint: bert.fingerprint, dimension: bert.dimension) { bert.encode($0) }
/// let model = try IntentModel.train(examples: examples, config: config, encoder: dense)
/// ```
///
/// The `fingerprint` identifies the model that makes the vectors; an intent artifact records it
/// with the `dimension`, and loading the artifact with another encoder (or none) is refused
/// (`ClassifierError.encoderMismatch`), since its dense weights mean nothing for other vectors.
public struct DenseEncoder: Sendable {
    /// Identifies the encoder's model (for example `BertEncoder.fingerprint`).
    public let fingerprint: String
    /// Length of each vector.
    public let dimension: Int
    let body: @Sendable ([String]) -> Matrix

    /// An encoder from its identity and a batch function returning `[texts.count × dimension]`.
    public init(fingerprint: String, dimension: Int, encode: @escaping @Sendable ([String]) -> Matrix) {
        self.fingerprint = fingerprint
        self.dimension = dimension
        self.body = encode
    }

    /// The L2-normalized vectors of `texts`, `[texts.count × dimension]` (a zero vector stays zero).
    /// - Throws: `ClassifierError.encoderMismatch` when the closure returns another shape or a
    ///   non-finite value.
    func encode(_ texts: [String]) throws -> Matrix {
        guard !texts.isEmpty else { return Matrix(rows: 0, cols: dimension) }
        var m = body(texts)
        guard m.rows == texts.count, m.cols == dimension else {
            throw ClassifierError.encoderMismatch("encoder '\(fingerprint)' returned \(m.rows)×\(m.cols) for \(texts.count) texts; "
                                                  + "expected \(texts.count)×\(dimension)")
        }
        let d = dimension
        var finite = true
        m.withUnsafeMutableBufferPointer { p in
            for r in 0..<texts.count {
                var sum: Float = 0
                for k in 0..<d { sum += p[r * d + k] * p[r * d + k] }
                if !sum.isFinite { finite = false; return }
                if sum > 0 {
                    let scale = 1 / sum.squareRoot()
                    for k in 0..<d { p[r * d + k] *= scale }
                }
            }
        }
        guard finite else { throw ClassifierError.encoderMismatch("encoder '\(fingerprint)' returned a non-finite vector") }
        return m
    }
}

/// The encoder's vectors of the training texts when `dense_weight` asks for a dense block and an
/// encoder is supplied; nil otherwise (the model is the sparse one).
/// - Throws: `ClassifierError.encoderMismatch` for an encoder without dimensions or one that
///   returns vectors of the wrong shape.
func denseRows(_ texts: [String], encoder: DenseEncoder?, config: ClassifierConfig) throws -> (encoder: DenseEncoder, vectors: Matrix)? {
    guard let encoder, config.denseWeight > 0 else { return nil }
    guard encoder.dimension >= 1 else { throw ClassifierError.encoderMismatch("encoder '\(encoder.fingerprint)' has dimension \(encoder.dimension)") }
    return (encoder, try encoder.encode(texts))
}

/// The dense block of a feature space: `dimension` columns after the hashed buckets holding the
/// encoder's unit vector times `weight` (the TF-IDF part of a row has norm 1, so `weight` is the
/// dense part's share of the row's length).
public struct DenseBlock: Sendable, Equatable {
    /// Fingerprint of the encoder the weights were trained on.
    public let fingerprint: String
    /// Columns of the block (the encoder's dimension).
    public let dimension: Int
    /// Multiplier of the unit vector (`dense_weight`).
    public let weight: Float
}

extension FeatureSpace {
    /// A copy with a dense block for `encoder` at `weight`, its columns after the buckets.
    func withDense(_ encoder: DenseEncoder, weight: Float) -> FeatureSpace {
        var copy = self
        copy.dense = DenseBlock(fingerprint: encoder.fingerprint, dimension: encoder.dimension, weight: weight)
        copy.encoder = encoder
        return copy
    }

    /// A copy that encodes with `encoder`, which must be the one the dense block was trained on.
    /// - Throws: `ClassifierError.encoderMismatch` when the space has a dense block and `encoder`
    ///   is nil or has another fingerprint or dimension. Without a dense block the encoder is ignored.
    func attaching(_ encoder: DenseEncoder?) throws -> FeatureSpace {
        guard let dense else { return self }
        guard let encoder else {
            throw ClassifierError.encoderMismatch("the model was trained with dense features of encoder '\(dense.fingerprint)' "
                                                  + "(\(dense.dimension) dimensions); load it with that encoder or train again")
        }
        guard encoder.fingerprint == dense.fingerprint, encoder.dimension == dense.dimension else {
            throw ClassifierError.encoderMismatch("the model was trained with encoder '\(dense.fingerprint)' (\(dense.dimension) "
                                                  + "dimensions), not '\(encoder.fingerprint)' (\(encoder.dimension)); train again")
        }
        var copy = self
        copy.encoder = encoder
        return copy
    }

    /// The scaled dense vectors of `texts` (`[texts × dimension]`), or nil without a dense block.
    /// - Throws: `ClassifierError.encoderMismatch` when no encoder is attached or it misbehaves.
    func denseVectors(_ texts: [String]) throws -> Matrix? {
        guard let dense else { return nil }
        guard let encoder else { return try attaching(nil).denseVectors(texts) }
        var m = try encoder.encode(texts)
        if dense.weight != 1 {
            m.withUnsafeMutableBufferPointer { p in for i in 0..<p.count { p[i] *= dense.weight } }
        }
        return m
    }
}
