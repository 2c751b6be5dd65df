import LinearAlgebra

/// The parameters of a BERT encoder, copied out of a safetensors file and rearranged for the
/// forward pass. Linear weights stay as PyTorch stores them, `[out × in]`, and are used
/// transposed by gemm.
public struct BertWeights: Sendable {
    /// One transformer layer.
    public struct Layer: Sendable {
        /// Query, key and value weights stacked, `[3H × H]`; the query rows (and bias) are
        /// pre-multiplied by `1/√headSize`, so scores need no scaling.
        public var qkvWeight: Matrix
        /// `[3H]`, scaled like the weights.
        public var qkvBias: [Float]
        /// Attention output projection `[H × H]` and bias `[H]`.
        public var outWeight: Matrix
        public var outBias: [Float]
        /// Layer norm after attention (`[H]` each).
        public var attentionNormGamma: [Float], attentionNormBeta: [Float]
        /// Feed-forward `[I × H]`, `[I]`, then `[H × I]`, `[H]`.
        public var upWeight: Matrix, upBias: [Float]
        public var downWeight: Matrix, downBias: [Float]
        /// Layer norm after the feed-forward block.
        public var outputNormGamma: [Float], outputNormBeta: [Float]
    }

    /// Word embeddings `[V × H]`.
    public var wordEmbeddings: Matrix
    /// Position embeddings plus the token-type-0 embedding, `[P × H]` (single-sentence inputs
    /// always have type 0, so the sum is taken once at load).
    public var positionEmbeddings: Matrix
    /// Embedding layer norm.
    public var embeddingNormGamma: [Float], embeddingNormBeta: [Float]
    /// The transformer layers, first to last.
    public var layers: [Layer]

    /// Reads every tensor of `config` from `file` (names with or without a `bert.` prefix).
    /// - Throws: `PretrainedError.missingTensor`, `.wrongDType`, `.wrongShape`.
    public static func load(from file: SafeTensorsFile, config c: BertConfig) throws -> BertWeights {
        let prefix = file.tensors["embeddings.word_embeddings.weight"] == nil
            && file.tensors["bert.embeddings.word_embeddings.weight"] != nil ? "bert." : ""
        func mat(_ name: String, _ rows: Int, _ cols: Int) throws -> Matrix {
            try file.matrix(prefix + name, rows: rows, cols: cols)
        }
        func vec(_ name: String, _ n: Int) throws -> [Float] { try file.vector(prefix + name, count: n) }
        let h = c.hiddenSize, i = c.intermediateSize
        let words = try mat("embeddings.word_embeddings.weight", c.vocabularySize, h)
        var positions = try mat("embeddings.position_embeddings.weight", c.maxPositions, h)
        let types = try mat("embeddings.token_type_embeddings.weight", c.typeVocabularySize, h)
        for p in 0..<c.maxPositions {
            for j in 0..<h { positions[p, j] += types[0, j] }
        }
        let scale = 1 / Float(c.headSize).squareRoot()
        var layers: [Layer] = []
        for l in 0..<c.layers {
            let n = "encoder.layer.\(l)."
            var q = try mat(n + "attention.self.query.weight", h, h)
            var qb = try vec(n + "attention.self.query.bias", h)
            q.withUnsafeMutableBufferPointer { p in for k in p.indices { p[k] *= scale } }
            for k in qb.indices { qb[k] *= scale }
            var qkv = q
            qkv.appendRows(try mat(n + "attention.self.key.weight", h, h))
            qkv.appendRows(try mat(n + "attention.self.value.weight", h, h))
            let bias = qb + (try vec(n + "attention.self.key.bias", h)) + (try vec(n + "attention.self.value.bias", h))
            layers.append(Layer(
                qkvWeight: qkv, qkvBias: bias,
                outWeight: try mat(n + "attention.output.dense.weight", h, h),
                outBias: try vec(n + "attention.output.dense.bias", h),
                attentionNormGamma: try vec(n + "attention.output.LayerNorm.weight", h),
                attentionNormBeta: try vec(n + "attention.output.LayerNorm.bias", h),
                upWeight: try mat(n + "intermediate.dense.weight", i, h),
                upBias: try vec(n + "intermediate.dense.bias", i),
                downWeight: try mat(n + "output.dense.weight", h, i),
                downBias: try vec(n + "output.dense.bias", h),
                outputNormGamma: try vec(n + "output.LayerNorm.weight", h),
                outputNormBeta: try vec(n + "output.LayerNorm.bias", h)))
        }
        return BertWeights(wordEmbeddings: words, positionEmbeddings: positions,
                           embeddingNormGamma: try vec("embeddings.LayerNorm.weight", h),
                           embeddingNormBeta: try vec("embeddings.LayerNorm.bias", h),
                           layers: layers)
    }
}
