import Foundation

/// The dimensions of a BERT encoder (Hugging Face `config.json`, keys in snake_case).
public struct BertConfig: Sendable, Equatable {
    /// Hidden width H (384 for MiniLM-L6).
    public var hiddenSize: Int
    /// Number of transformer layers.
    public var layers: Int
    /// Attention heads per layer (H must be a multiple).
    public var heads: Int
    /// Width of the feed-forward layer.
    public var intermediateSize: Int
    /// Rows of the word-embedding table.
    public var vocabularySize: Int
    /// Rows of the position-embedding table: the longest input.
    public var maxPositions: Int
    /// Rows of the token-type table (only type 0 is used for single sentences).
    public var typeVocabularySize: Int
    /// Layer-norm epsilon (1e-12 in BERT).
    public var layerNormEps: Float

    /// Width of one attention head, `hiddenSize / heads`.
    public var headSize: Int { hiddenSize / heads }

    public init(hiddenSize: Int, layers: Int, heads: Int, intermediateSize: Int, vocabularySize: Int,
                maxPositions: Int, typeVocabularySize: Int = 2, layerNormEps: Float = 1e-12) {
        self.hiddenSize = hiddenSize
        self.layers = layers
        self.heads = heads
        self.intermediateSize = intermediateSize
        self.vocabularySize = vocabularySize
        self.maxPositions = maxPositions
        self.typeVocabularySize = typeVocabularySize
        self.layerNormEps = layerNormEps
    }

    /// Reads `config.json`.
    /// - Throws: `PretrainedError.badConfiguration` for a missing key, a non-BERT model, an
    ///   activation other than exact GELU, non-absolute positions or inconsistent sizes.
    public static func load(path: String) throws -> BertConfig {
        let o = try jsonObject(path)
        func bad(_ detail: String) -> PretrainedError { .badConfiguration(path: path, detail: detail) }
        func int(_ key: String) throws -> Int {
            guard let v = (o[key] as? NSNumber)?.intValue, v > 0 else { throw bad("\(key) is missing or not a positive integer") }
            return v
        }
        if let type = o["model_type"] as? String, type != "bert" {
            throw bad("model_type \(type) is not bert")
        }
        if let act = o["hidden_act"] as? String, act != "gelu" {
            throw bad("hidden_act \(act) is not supported (exact \"gelu\" only)")
        }
        if let pos = o["position_embedding_type"] as? String, pos != "absolute" {
            throw bad("position_embedding_type \(pos) is not supported (absolute only)")
        }
        let config = BertConfig(hiddenSize: try int("hidden_size"), layers: try int("num_hidden_layers"),
                                heads: try int("num_attention_heads"), intermediateSize: try int("intermediate_size"),
                                vocabularySize: try int("vocab_size"), maxPositions: try int("max_position_embeddings"),
                                typeVocabularySize: (o["type_vocab_size"] as? NSNumber)?.intValue ?? 2,
                                layerNormEps: (o["layer_norm_eps"] as? NSNumber)?.floatValue ?? 1e-12)
        guard config.hiddenSize % config.heads == 0 else {
            throw bad("hidden_size \(config.hiddenSize) is not a multiple of num_attention_heads \(config.heads)")
        }
        guard config.typeVocabularySize >= 1 else { throw bad("type_vocab_size must be at least 1") }
        return config
    }
}
