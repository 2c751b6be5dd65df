import LinearAlgebra

/// A pretrained BERT-family sentence encoder (e.g. all-MiniLM-L6-v2): WordPiece tokens →
/// embeddings → transformer layers (multi-head attention, exact-GELU feed-forward, post layer
/// norm) → mean pooling → L2 normalization.
///
/// Texts are tokenized, sorted by length (length bucketing) and run in batches of at most
/// `maxBatchSize` sequences; a batch is packed without padding and every projection is one BLAS
/// gemm over all its tokens (`Kernels.gemm`, with the weights used transposed as PyTorch stores
/// them). Attention runs per sequence and head with two small gemms. The encoder is an immutable
/// value: share it across tasks; each `encode` call uses its own scratch buffers.
///
/// ```swift
/// let encoder = try BertEncoder.load(directory: "data/models/minilm-l6-v2")
/// let vectors = encoder.encode(["How do I charge my car?", "充电桩在哪里"])   // [2 × 384]
/// ```
public struct BertEncoder: Sendable {
    /// How token states become one vector.
    public enum Pooling: String, Sendable {
        /// The mean over all tokens of the sequence (`[CLS]` and `[SEP]` included).
        case mean
        /// The `[CLS]` token's state.
        case cls
    }

    /// Model dimensions.
    public let config: BertConfig
    /// The tokenizer (its `maxLength` is the model's maximum sequence length).
    public let tokenizer: WordPieceTokenizer
    /// The parameters.
    public let weights: BertWeights
    /// Pooling mode.
    public let pooling: Pooling
    /// Whether embeddings are L2-normalized (sentence-transformers' `Normalize` module).
    public let normalize: Bool
    /// Identifies the model files (see `load(directory:)`): vectors stored with another
    /// fingerprint were made by another model and must be re-encoded.
    public let fingerprint: String
    /// Most sequences per forward batch (32 by default).
    public var maxBatchSize: Int = 32
    /// Most tokens per forward batch; bounds scratch memory (~`maxBatchTokens × 12 KB` for MiniLM).
    public var maxBatchTokens: Int = 8192

    /// An encoder from its parts.
    /// - Throws: `PretrainedError.badConfiguration` when the tokenizer's vocabulary or length
    ///   does not fit the model.
    public init(config: BertConfig, tokenizer: WordPieceTokenizer, weights: BertWeights,
                pooling: Pooling = .mean, normalize: Bool = true, fingerprint: String = "") throws {
        guard tokenizer.vocabularySize <= config.vocabularySize else {
            throw PretrainedError.badConfiguration(path: "tokenizer", detail: "vocabulary of \(tokenizer.vocabularySize) ids "
                                                   + "for a model with \(config.vocabularySize) word embeddings")
        }
        guard tokenizer.maxLength <= config.maxPositions else {
            throw PretrainedError.badConfiguration(path: "tokenizer", detail: "max length \(tokenizer.maxLength) exceeds "
                                                   + "the model's \(config.maxPositions) positions")
        }
        self.config = config
        self.tokenizer = tokenizer
        self.weights = weights
        self.pooling = pooling
        self.normalize = normalize
        self.fingerprint = fingerprint
    }

    /// The embedding length (H, 384 for MiniLM-L6).
    public var dimension: Int { config.hiddenSize }

    /// The embeddings of `texts`, `[texts.count × dimension]`, in input order (unit rows when
    /// `normalize`).
    public func encode(_ texts: [String]) -> Matrix {
        // Token ids from the tokenizer are always inside the vocabulary checked at init.
        encodeValidated(texts.map { tokenizer.encode($0) })
    }

    /// The embedding of one text.
    public func encode(_ text: String) -> [Float] {
        Array(encode([text]).row(0))
    }

    /// The embeddings of already-tokenized sequences (each with its `[CLS]` … `[SEP]`).
    /// - Throws: `PretrainedError.tokenOutOfRange` for an id outside the word embeddings,
    ///   `.badConfiguration` for an empty or too long sequence.
    public func encode(tokenIDs: [[Int32]]) throws -> Matrix {
        for seq in tokenIDs {
            guard !seq.isEmpty, seq.count <= config.maxPositions else {
                throw PretrainedError.badConfiguration(path: "input", detail: "sequence of \(seq.count) tokens "
                                                       + "(1...\(config.maxPositions) allowed)")
            }
            if let bad = seq.first(where: { $0 < 0 || Int($0) >= config.vocabularySize }) {
                throw PretrainedError.tokenOutOfRange(id: bad, vocabularySize: config.vocabularySize)
            }
        }
        return encodeValidated(tokenIDs)
    }

    /// Length-bucketed batched forward passes over valid sequences.
    func encodeValidated(_ sequences: [[Int32]]) -> Matrix {
        let h = config.hiddenSize
        var out = Matrix(rows: sequences.count, cols: h)
        guard !sequences.isEmpty else { return out }
        // Bucketing: shortest first, so every batch holds sequences of similar length.
        let order = sequences.indices.sorted { sequences[$0].count < sequences[$1].count }
        let longest = sequences[order[order.count - 1]].count
        let batchSize = max(1, maxBatchSize)
        let tokenBudget = max(longest, maxBatchTokens)
        var batches: [[Int]] = []
        var current: [Int] = []
        var tokens = 0
        for index in order {
            let n = sequences[index].count
            if !current.isEmpty && (current.count == batchSize || tokens + n > tokenBudget) {
                batches.append(current); current = []; tokens = 0
            }
            current.append(index)
            tokens += n
        }
        batches.append(current)
        let maxTokens = batches.map { $0.reduce(0) { $0 + sequences[$1].count } }.max() ?? 0
        let workspace = BertWorkspace(config: config, maxTokens: maxTokens, maxLength: longest)
        let pooled = UnsafeMutablePointer<Float>.allocate(capacity: batchSize * h)
        defer { pooled.deallocate() }
        out.withUnsafeMutableBufferPointer { dst in
            guard let base = dst.baseAddress else { return }
            for members in batches {
                var batch = PackedBatch()
                batch.ids.reserveCapacity(maxTokens)
                for index in members { batch.append(sequences[index]) }
                forward(batch, workspace: workspace, output: pooled)
                for (s, index) in members.enumerated() {
                    (base + index * h).update(from: pooled + s * h, count: h)
                }
            }
        }
        return out
    }
}
