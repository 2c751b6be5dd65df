import Foundation

/// Everything the encoder trainer reads: features, projection, refinement. `Models/encoder.json`
/// holds the shipped values and `Models/README.md` explains how to tune each one.
///
/// JSON keys are snake_case (`hash_bits`, `learning_rate`, ...). Every key is optional when
/// decoding: a missing key takes the default below, so an old file keeps working when a field is
/// added. Unknown keys are ignored. `validate()` checks ranges; the trainer calls it.
public struct EncoderConfig: Sendable, Codable, Equatable {
    // MARK: Features

    /// Feature buckets are `2^hashBits` (default 18 → 262,144).
    public var hashBits: Int = 18
    /// Weight of analyzer terms (stemmed Latin words, CJK uni/bigrams, lexicon words); 0 drops them.
    public var termWeight: Float = 1.0
    /// Shortest Latin character n-gram (over `<word>` with boundary markers).
    public var latinNgramMin: Int = 3
    /// Longest Latin character n-gram; 0 (or below the minimum) disables Latin n-grams.
    public var latinNgramMax: Int = 3
    /// Weight of Latin character n-grams relative to terms.
    public var latinNgramWeight: Float = 0.5
    /// Shortest CJK character n-gram beyond the analyzer's uni/bigrams.
    public var cjkNgramMin: Int = 3
    /// Longest CJK character n-gram; 0 (or below the minimum) disables them.
    public var cjkNgramMax: Int = 3
    /// Weight of CJK character n-grams relative to terms.
    public var cjkNgramWeight: Float = 0.5
    /// Porter-stem Latin terms (the analyzer's switch).
    public var stem: Bool = true
    /// Drop English stopwords and Chinese stop characters from the terms.
    public var removeStopwords: Bool = true
    /// Term frequency as `1 + ln(tf)` instead of `tf`.
    public var sublinearTF: Bool = true

    // MARK: Projection (LSA)

    /// Embedding dimension d (capped by the corpus size and the number of seen features).
    public var dimension: Int = 256
    /// Extra random directions of the randomized SVD.
    public var oversample: Int = 10
    /// Power (subspace) iterations of the randomized SVD.
    public var powerIterations: Int = 2
    /// W0 = V · diag(S)^p: 0 keeps plain LSA (x·V), negative values whiten toward small components.
    public var singularValuePower: Float = 0

    // MARK: Refinement (InfoNCE)

    /// Maximum passes over the training pairs (0 keeps the LSA projection as is).
    public var epochs: Int = 30
    /// Pairs per minibatch (each pair's partner is the positive, the other pairs the negatives).
    public var batchSize: Int = 64
    /// Adam step size (W0 is scaled to unit RMS entries, so this is relative to W's scale).
    public var learningRate: Float = 0.01
    /// The learning rate is multiplied by this after every epoch (1 keeps it constant).
    public var learningRateDecay: Float = 1
    /// Softmax temperature τ of the logits A·Pᵀ/τ.
    public var temperature: Float = 0.05
    /// Strength λ of the pull (λ/2)·‖W − W0‖² on the rows a batch touches.
    public var regularization: Float = 0.01
    /// Loss weight of weak groups (intent examples of one label) relative to strong ones.
    public var weakGroupWeight: Float = 0.5
    /// Mined hard negatives added per pair (nearest non-paraphrases under W0); 0 disables mining.
    public var hardNegatives: Int = 0
    /// Each text's hard negatives are drawn from its this many nearest non-paraphrases.
    public var hardNegativePool: Int = 10
    /// Mine among all corpus texts (not only other groups' members); see `HardNegatives`.
    public var hardNegativesFromCorpus: Bool = false
    /// Probability of dropping each feature of a training text in a batch (augmentation).
    public var featureDropout: Float = 0
    /// At most this many pairs per group per epoch (large intent groups do not dominate).
    public var maxPairsPerGroup: Int = 4
    /// Fraction of the groups (with ≥ 2 texts) that lend one text to the held-out set.
    public var validationFraction: Double = 0.1
    /// Stop after this many epochs without a better held-out score.
    public var patience: Int = 3
    /// After early stopping, retrain from W0 on all texts for the best epoch count.
    public var refit: Bool = true
    /// Seed of every random choice (SVD test matrix, held-out split, pair order).
    public var seed: UInt64 = 42

    /// The defaults.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case hashBits = "hash_bits", termWeight = "term_weight"
        case latinNgramMin = "latin_ngram_min", latinNgramMax = "latin_ngram_max", latinNgramWeight = "latin_ngram_weight"
        case cjkNgramMin = "cjk_ngram_min", cjkNgramMax = "cjk_ngram_max", cjkNgramWeight = "cjk_ngram_weight"
        case stem, removeStopwords = "remove_stopwords", sublinearTF = "sublinear_tf"
        case dimension, oversample, powerIterations = "power_iterations", singularValuePower = "singular_value_power"
        case epochs, batchSize = "batch_size", learningRate = "learning_rate", learningRateDecay = "learning_rate_decay"
        case temperature, regularization
        case weakGroupWeight = "weak_group_weight", maxPairsPerGroup = "max_pairs_per_group", featureDropout = "feature_dropout"
        case hardNegatives = "hard_negatives", hardNegativePool = "hard_negative_pool"
        case hardNegativesFromCorpus = "hard_negatives_from_corpus"
        case validationFraction = "validation_fraction", patience, refit, seed
    }

    /// Decodes a configuration; missing keys keep their defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func read<T: Decodable>(_ key: CodingKeys, _ value: inout T) throws {
            if let v = try c.decodeIfPresent(T.self, forKey: key) { value = v }
        }
        try read(.hashBits, &hashBits); try read(.termWeight, &termWeight)
        try read(.latinNgramMin, &latinNgramMin); try read(.latinNgramMax, &latinNgramMax)
        try read(.latinNgramWeight, &latinNgramWeight)
        try read(.cjkNgramMin, &cjkNgramMin); try read(.cjkNgramMax, &cjkNgramMax)
        try read(.cjkNgramWeight, &cjkNgramWeight)
        try read(.stem, &stem); try read(.removeStopwords, &removeStopwords); try read(.sublinearTF, &sublinearTF)
        try read(.dimension, &dimension); try read(.oversample, &oversample)
        try read(.powerIterations, &powerIterations); try read(.singularValuePower, &singularValuePower)
        try read(.epochs, &epochs); try read(.batchSize, &batchSize); try read(.learningRate, &learningRate)
        try read(.learningRateDecay, &learningRateDecay)
        try read(.temperature, &temperature); try read(.regularization, &regularization)
        try read(.weakGroupWeight, &weakGroupWeight); try read(.maxPairsPerGroup, &maxPairsPerGroup)
        try read(.featureDropout, &featureDropout)
        try read(.hardNegatives, &hardNegatives); try read(.hardNegativePool, &hardNegativePool)
        try read(.hardNegativesFromCorpus, &hardNegativesFromCorpus)
        try read(.validationFraction, &validationFraction); try read(.patience, &patience)
        try read(.refit, &refit); try read(.seed, &seed)
    }

    /// Reads a configuration file such as `Models/encoder.json`.
    public static func load(from url: URL) throws -> EncoderConfig {
        try JSONDecoder().decode(EncoderConfig.self, from: Data(contentsOf: url))
    }

    /// The configuration as canonical JSON (sorted keys): what the artifact stores and the
    /// fingerprint hashes.
    public func canonicalJSON() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain numbers, strings and booleans cannot fail.
        return (try? encoder.encode(self)) ?? Data()
    }

    /// Throws `EncoderError.invalidConfig` naming the first field out of range.
    public func validate() throws {
        func check(_ ok: Bool, _ message: String) throws {
            if !ok { throw EncoderError.invalidConfig(message) }
        }
        try check((4...24).contains(hashBits), "hash_bits \(hashBits) not in 4...24")
        try check(termWeight >= 0 && latinNgramWeight >= 0 && cjkNgramWeight >= 0,
                  "feature weights must be ≥ 0")
        try check(latinNgramMin >= 1 && cjkNgramMin >= 1, "n-gram minimums must be ≥ 1")
        try check(latinNgramMax <= 8 && cjkNgramMax <= 8, "n-gram maximums must be ≤ 8")
        try check(dimension >= 1, "dimension must be ≥ 1")
        try check(oversample >= 0 && powerIterations >= 0, "oversample and power_iterations must be ≥ 0")
        try check(singularValuePower.isFinite && abs(singularValuePower) <= 2, "singular_value_power must be in -2...2")
        try check(epochs >= 0 && batchSize >= 2, "epochs must be ≥ 0 and batch_size ≥ 2")
        try check(learningRate > 0 && learningRate.isFinite, "learning_rate must be > 0")
        try check(learningRateDecay > 0 && learningRateDecay <= 1, "learning_rate_decay must be in (0, 1]")
        try check(temperature > 0 && temperature.isFinite, "temperature must be > 0")
        try check(regularization >= 0 && weakGroupWeight >= 0, "regularization and weak_group_weight must be ≥ 0")
        try check(maxPairsPerGroup >= 1, "max_pairs_per_group must be ≥ 1")
        try check(hardNegatives >= 0 && hardNegativePool >= 1, "hard_negatives must be ≥ 0 and hard_negative_pool ≥ 1")
        try check(featureDropout >= 0 && featureDropout < 1, "feature_dropout must be in [0, 1)")
        try check(validationFraction >= 0 && validationFraction <= 1, "validation_fraction must be in [0, 1]")
        try check(patience >= 1, "patience must be ≥ 1")
    }
}

/// Errors of the Learning module's training entry points.
public enum EncoderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A configuration field is out of range.
    case invalidConfig(String)
    /// The corpus has no text with any feature.
    case emptyCorpus

    public var description: String {
        switch self {
        case let .invalidConfig(m): return "invalid encoder configuration: \(m)"
        case .emptyCorpus: return "the training corpus has no text with any feature"
        }
    }
}
