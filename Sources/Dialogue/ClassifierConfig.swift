import Foundation

/// Everything the intent and sentiment trainers read: features, optimization, calibration and
/// decision thresholds. `Models/intent.json` and `Models/sentiment.json` hold the shipped values;
/// `Models/DIALOGUE.md` explains each key.
///
/// JSON keys are snake_case. Every key is optional when decoding (a missing key keeps the default
/// below) and unknown keys are ignored, so an older file keeps working when a field is added.
public struct ClassifierConfig: Sendable, Codable, Equatable {
    // MARK: Features

    /// Feature buckets are `2^hashBits`.
    public var hashBits: Int = 20
    /// Weight of single words (Latin words, stemmed; CJK unigrams and bigrams).
    public var wordWeight: Float = 1
    /// Weight of adjacent Latin word pairs; 0 disables them.
    public var wordBigramWeight: Float = 0.5
    /// Weight of adjacent Latin word triples ("how do i"); 0 (the default) disables them.
    public var wordTrigramWeight: Float = 0
    /// Latin character n-grams over `<word>` (boundary markers), from `latinNgramMin` to `latinNgramMax`.
    public var latinNgramMin: Int = 2
    /// Longest Latin character n-gram; below the minimum disables them.
    public var latinNgramMax: Int = 4
    /// Weight of Latin character n-grams.
    public var latinNgramWeight: Float = 0.5
    /// CJK character n-grams inside each CJK run beyond the analyzer's uni/bigrams.
    public var cjkNgramMin: Int = 3
    /// Longest CJK character n-gram; below the minimum disables them.
    public var cjkNgramMax: Int = 4
    /// Weight of CJK character n-grams.
    public var cjkNgramWeight: Float = 0.5
    /// Porter-stem Latin words.
    public var stem: Bool = true
    /// Term frequency as `1 + ln(tf)`.
    public var sublinearTF: Bool = true
    /// Words after a negator (same clause) that are marked as negated; 0 disables negation marking.
    public var negationScope: Int = 0
    /// Mark the word after an intensifier ("very", "非常") as intensified.
    public var markIntensifiers: Bool = false
    /// Weight of the polarity-class features: one per polar word of `SentimentLexicon`'s lists
    /// (`+`, `-`, negated `¬+`/`¬-` inside a negation's scope, intensified `↑…`). 0 (the default)
    /// disables them, leaving every other feature unchanged.
    public var polarityWeight: Float = 0
    /// Weight of the utterance-edge features: the text's first and last unit (a CJK character
    /// or a Latin word) and first and last pair of units, marked as such ("^打开", "吗$"), so
    /// that where a word stands counts ("打开…" asks for an app, "…打开了吗" for a state).
    /// 0 (the default) disables them, leaving every other feature unchanged.
    public var edgeWeight: Float = 0
    /// Features (hashed buckets) in fewer training texts than this get no weight (they count as
    /// unseen ones). 2 drops the n-grams of a single example: fewer weights to train, and
    /// on small intent sets no loss (Models/DIALOGUE.md).
    public var minDF: Int = 1
    /// How the linear part is trained: "adam" (minibatch, the keys below), "lbfgs" (full batch
    /// to convergence, `ClassifierLBFGS`) or "auto" (L-BFGS when `features × labels` ≤ 3·10⁶).
    public var solver: String = "adam"
    /// L-BFGS: the L2 penalty `λ/2 · ‖W‖²` added to the mean cross-entropy.
    public var lbfgsL2: Float = 1e-5
    /// L-BFGS: at most this many iterations.
    public var lbfgsIterations: Int = 200
    /// L-BFGS: stop when an iteration lowers the objective by less than this share of it.
    public var lbfgsTolerance: Double = 1e-6
    /// Naive-Bayes feature scaling β (NBSVM-style): each feature's IDF is multiplied by
    /// `(1 − β) + β · r / r̄`, with `r` its largest one-vs-rest log-count ratio over the labels
    /// (`r̄` the mean over features). Features that separate labels get more room under the same
    /// L2. 0 (the default) disables it.
    public var nbWeight: Float = 0
    /// Weight of the sentence encoder's unit vector appended to each row (its dense block; the
    /// TF-IDF part has norm 1). Used only when an encoder is supplied (`DenseEncoder`); 0 (the
    /// default) disables the block even then.
    public var denseWeight: Float = 0
    /// Which vectors of a pretrained encoder make the dense block: `contextual` (the default: the
    /// encoder run on each text, milliseconds per text) or `static` (its word-piece vectors,
    /// distilled once per model, averaged per text: microseconds; `BertStaticVectors`). The caller
    /// that supplies the encoder reads this; the classifier only sees the vectors.
    public var denseVectors: String = "contextual"

    // MARK: Optimization (minibatch softmax regression, lazy Adam)

    /// Passes over the training rows.
    public var epochs: Int = 12
    /// At least this many minibatch steps: small training sets get more epochs
    /// (`max(epochs, ⌈min_steps / batches per epoch⌉)`); 0 disables.
    public var minSteps: Int = 0
    /// Rows per minibatch.
    public var batchSize: Int = 32
    /// Adam step size.
    public var learningRate: Float = 0.02
    /// The learning rate is multiplied by this after each epoch.
    public var learningRateDecay: Float = 0.85
    /// The returned weights are the mean of those at the end of the last `average_epochs` epochs
    /// (tail averaging: less dependence on the last minibatches); 0 or 1 keeps the last weights.
    public var averageEpochs: Int = 0
    /// L2 strength λ of `(λ/2)·‖W‖²`, applied to the rows a batch touches (decoupled, as AdamW).
    public var l2: Float = 1e-4
    /// Example weight `(n̄ / n_class)^classBalance`: 0 = plain, 1 = fully class-balanced.
    public var classBalance: Float = 0.5
    /// Seed of every random choice (held-out split, row order).
    public var seed: UInt64 = 42
    /// Models trained with seeds `seed, seed + 1, ...` (in parallel) whose weights are averaged:
    /// a linear model, so this is exactly the average of their logits. 1 (the default) = one model.
    public var ensembleSize: Int = 1

    // MARK: Hidden layer (non-linear part, `HiddenLayer`)

    /// ReLU units of the hidden layer fused with the linear scores; 0 (the default) disables it.
    public var hiddenUnits: Int = 0
    /// Passes of the hidden layer's trainer.
    public var hiddenEpochs: Int = 10
    /// At least this many minibatch steps for the hidden layer (as `min_steps` for the linear part); 0 disables.
    public var hiddenMinSteps: Int = 0
    /// Adam step size of the hidden layer (decayed by `learning_rate_decay` after each epoch).
    public var hiddenLearningRate: Float = 0.002
    /// Dropout probability of the hidden units while training.
    public var hiddenDropout: Float = 0.3
    /// Features in fewer training texts than this are no input of the hidden layer.
    public var hiddenMinDF: Int = 2
    /// Standard deviation of the initial first-layer weights.
    public var hiddenInitScale: Float = 0.1
    /// Weight of the hidden layer's scores against the linear ones, in [0, 1]; negative (the
    /// default) tunes it on the held-out split (0.5 without one).
    public var hiddenMix: Float = -1
    /// Largest weight the held-out tuning of `hidden_mix` may choose (the held-out split is drawn
    /// from the training texts, so it favours the sharper hidden layer more than new phrasings do).
    public var hiddenMixMax: Float = 0.5

    // MARK: Calibration and decisions

    /// Fraction of each label's examples held out to fit the temperature and the thresholds.
    public var heldOutFraction: Double = 0.15
    /// After calibrating, retrain on all examples (keeping temperature and thresholds).
    public var refit: Bool = true
    /// Weight of out-of-scope recall against in-scope accuracy when tuning the rejection threshold
    /// (objective: `inScopeAccuracy + oosWeight · oosRecall` on the held-out split).
    public var oosWeight: Double = 1
    /// Held-out oos recall the rejection threshold must reach, when some threshold does (0 = no
    /// constraint; see `IntentThreshold`).
    public var oosRecallTarget: Double = 0
    /// Without out-of-scope examples: the threshold is this quantile of the calibrated confidence
    /// of correctly classified held-out examples (0.02 → 98% of them are accepted).
    public var inScopeQuantile: Double = 0.02
    /// Labels whose calibrated probability reaches this are listed in `IntentPrediction.intents`.
    public var multiIntentThreshold: Float = 0.3
    /// Length of `IntentPrediction.ranking`.
    public var rankingSize: Int = 5
    /// Texts longer than this many characters are rejected by `predict` (the API maps it to 400).
    public var maxTextLength: Int = 4000

    /// The defaults.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case hashBits = "hash_bits", wordWeight = "word_weight", wordBigramWeight = "word_bigram_weight"
        case wordTrigramWeight = "word_trigram_weight", nbWeight = "nb_weight", denseWeight = "dense_weight", denseVectors = "dense_vectors", ensembleSize = "ensemble_size", averageEpochs = "average_epochs"
        case hiddenUnits = "hidden_units", hiddenEpochs = "hidden_epochs", hiddenMinSteps = "hidden_min_steps", hiddenLearningRate = "hidden_learning_rate"
        case hiddenDropout = "hidden_dropout", hiddenMinDF = "hidden_min_df", hiddenInitScale = "hidden_init_scale", hiddenMix = "hidden_mix"
        case hiddenMixMax = "hidden_mix_max"
        case latinNgramMin = "latin_ngram_min", latinNgramMax = "latin_ngram_max", latinNgramWeight = "latin_ngram_weight"
        case cjkNgramMin = "cjk_ngram_min", cjkNgramMax = "cjk_ngram_max", cjkNgramWeight = "cjk_ngram_weight"
        case stem, sublinearTF = "sublinear_tf", negationScope = "negation_scope", markIntensifiers = "mark_intensifiers"
        case polarityWeight = "polarity_weight", edgeWeight = "edge_weight"
        case minDF = "min_df", solver, lbfgsL2 = "lbfgs_l2", lbfgsIterations = "lbfgs_iterations", lbfgsTolerance = "lbfgs_tolerance"
        case epochs, minSteps = "min_steps", batchSize = "batch_size", learningRate = "learning_rate", learningRateDecay = "learning_rate_decay"
        case l2, classBalance = "class_balance", seed
        case heldOutFraction = "held_out_fraction", refit, oosWeight = "oos_weight", oosRecallTarget = "oos_recall_target", inScopeQuantile = "in_scope_quantile"
        case multiIntentThreshold = "multi_intent_threshold", rankingSize = "ranking_size", maxTextLength = "max_text_length"
    }

    /// Decodes a configuration; missing keys keep their defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func read<T: Decodable>(_ key: CodingKeys, _ value: inout T) throws {
            if let v = try c.decodeIfPresent(T.self, forKey: key) { value = v }
        }
        try read(.hashBits, &hashBits); try read(.wordWeight, &wordWeight); try read(.wordBigramWeight, &wordBigramWeight)
        try read(.wordTrigramWeight, &wordTrigramWeight); try read(.nbWeight, &nbWeight); try read(.denseWeight, &denseWeight); try read(.denseVectors, &denseVectors); try read(.ensembleSize, &ensembleSize)
        try read(.averageEpochs, &averageEpochs)
        try read(.hiddenUnits, &hiddenUnits); try read(.hiddenEpochs, &hiddenEpochs); try read(.hiddenMinSteps, &hiddenMinSteps); try read(.hiddenLearningRate, &hiddenLearningRate)
        try read(.hiddenDropout, &hiddenDropout); try read(.hiddenMinDF, &hiddenMinDF); try read(.hiddenInitScale, &hiddenInitScale)
        try read(.hiddenMix, &hiddenMix); try read(.hiddenMixMax, &hiddenMixMax)
        try read(.latinNgramMin, &latinNgramMin); try read(.latinNgramMax, &latinNgramMax)
        try read(.latinNgramWeight, &latinNgramWeight)
        try read(.cjkNgramMin, &cjkNgramMin); try read(.cjkNgramMax, &cjkNgramMax); try read(.cjkNgramWeight, &cjkNgramWeight)
        try read(.stem, &stem); try read(.sublinearTF, &sublinearTF)
        try read(.negationScope, &negationScope); try read(.markIntensifiers, &markIntensifiers)
        try read(.polarityWeight, &polarityWeight); try read(.edgeWeight, &edgeWeight)
        try read(.minDF, &minDF); try read(.solver, &solver); try read(.lbfgsL2, &lbfgsL2); try read(.lbfgsIterations, &lbfgsIterations)
        try read(.lbfgsTolerance, &lbfgsTolerance)
        try read(.epochs, &epochs); try read(.minSteps, &minSteps); try read(.batchSize, &batchSize); try read(.learningRate, &learningRate)
        try read(.learningRateDecay, &learningRateDecay); try read(.l2, &l2); try read(.classBalance, &classBalance)
        try read(.seed, &seed)
        try read(.heldOutFraction, &heldOutFraction); try read(.refit, &refit); try read(.oosWeight, &oosWeight); try read(.oosRecallTarget, &oosRecallTarget)
        try read(.inScopeQuantile, &inScopeQuantile); try read(.multiIntentThreshold, &multiIntentThreshold)
        try read(.rankingSize, &rankingSize); try read(.maxTextLength, &maxTextLength)
    }

    /// Reads a configuration file such as `Models/intent.json`.
    /// - Throws: `ClassifierError.invalidConfig` when the file is unreadable or a value is out of range.
    public static func load(from url: URL) throws -> ClassifierConfig {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ClassifierError.invalidConfig("cannot read \(url.path): \(error.localizedDescription)")
        }
        let config: ClassifierConfig
        do { config = try JSONDecoder().decode(ClassifierConfig.self, from: data) } catch {
            throw ClassifierError.invalidConfig("\(url.lastPathComponent) is not a valid configuration: \(error)")
        }
        try config.validate()
        return config
    }

    /// Throws `ClassifierError.invalidConfig` naming the first field out of range.
    public func validate() throws {
        func check(_ ok: Bool, _ message: String) throws {
            if !ok { throw ClassifierError.invalidConfig(message) }
        }
        try check((8...24).contains(hashBits), "hash_bits \(hashBits) not in 8...24")
        try check(wordWeight >= 0 && wordBigramWeight >= 0 && wordTrigramWeight >= 0 && latinNgramWeight >= 0 && cjkNgramWeight >= 0,
                  "feature weights must be ≥ 0")
        try check(latinNgramMin >= 1 && cjkNgramMin >= 1 && latinNgramMax <= 8 && cjkNgramMax <= 8,
                  "n-gram lengths must be in 1...8")
        try check(negationScope >= 0 && negationScope <= 10, "negation_scope must be in 0...10")
        try check(polarityWeight >= 0 && polarityWeight <= 16, "polarity_weight must be in [0, 16]")
        try check(edgeWeight >= 0 && edgeWeight <= 16, "edge_weight must be in [0, 16]")
        try check(minDF >= 1 && minDF <= 1000, "min_df must be in 1...1000")
        try check(["adam", "lbfgs", "auto"].contains(solver), "solver must be adam, lbfgs or auto; got '\(solver)'")
        try check(lbfgsL2 >= 0 && lbfgsL2 <= 1, "lbfgs_l2 must be in [0, 1]")
        try check(lbfgsIterations >= 1 && lbfgsIterations <= 10_000, "lbfgs_iterations must be in 1...10000")
        try check(lbfgsTolerance >= 0 && lbfgsTolerance <= 1, "lbfgs_tolerance must be in [0, 1]")
        try check(epochs >= 1 && batchSize >= 1, "epochs and batch_size must be ≥ 1")
        try check(nbWeight >= 0 && nbWeight <= 1, "nb_weight must be in [0, 1]")
        try check(denseWeight >= 0 && denseWeight <= 16, "dense_weight must be in [0, 16]")
        try check(["contextual", "static"].contains(denseVectors), "dense_vectors must be contextual or static; got '\(denseVectors)'")
        try check(averageEpochs >= 0 && averageEpochs <= 1000, "average_epochs must be in 0...1000")
        try check(ensembleSize >= 1 && ensembleSize <= 8, "ensemble_size must be in 1...8")
        try check(hiddenUnits >= 0 && hiddenUnits <= 4096, "hidden_units must be in 0...4096")
        try check(hiddenEpochs >= 1 && hiddenEpochs <= 1000, "hidden_epochs must be in 1...1000")
        try check(hiddenMinSteps >= 0 && hiddenMinSteps <= 1_000_000, "hidden_min_steps must be in 0...1000000")
        try check(hiddenLearningRate > 0 && hiddenLearningRate.isFinite, "hidden_learning_rate must be > 0")
        try check(hiddenDropout >= 0 && hiddenDropout < 1, "hidden_dropout must be in [0, 1)")
        try check(hiddenMinDF >= 1, "hidden_min_df must be ≥ 1")
        try check(hiddenInitScale > 0 && hiddenInitScale.isFinite, "hidden_init_scale must be > 0")
        try check(hiddenMix <= 1 && hiddenMix.isFinite, "hidden_mix must be ≤ 1 (negative = tuned)")
        try check(hiddenMixMax >= 0 && hiddenMixMax <= 1, "hidden_mix_max must be in [0, 1]")
        try check(minSteps >= 0 && minSteps <= 1_000_000, "min_steps must be in 0...1000000")
        try check(learningRate > 0 && learningRate.isFinite, "learning_rate must be > 0")
        try check(learningRateDecay > 0 && learningRateDecay <= 1, "learning_rate_decay must be in (0, 1]")
        try check(l2 >= 0 && l2.isFinite, "l2 must be ≥ 0")
        try check(classBalance >= 0 && classBalance <= 1, "class_balance must be in [0, 1]")
        try check(heldOutFraction >= 0 && heldOutFraction < 1, "held_out_fraction must be in [0, 1)")
        try check(oosWeight >= 0, "oos_weight must be ≥ 0")
        try check(oosRecallTarget >= 0 && oosRecallTarget <= 1, "oos_recall_target must be in [0, 1]")
        try check(inScopeQuantile >= 0 && inScopeQuantile < 1, "in_scope_quantile must be in [0, 1)")
        try check(multiIntentThreshold > 0 && multiIntentThreshold <= 1, "multi_intent_threshold must be in (0, 1]")
        try check(rankingSize >= 1, "ranking_size must be ≥ 1")
        try check(maxTextLength >= 1, "max_text_length must be ≥ 1")
    }
}
