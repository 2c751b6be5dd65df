import Retrieval
import TextAnalysis

/// The engine's tunable settings. Defaults live here and in Server/switchboard.json (kept equal by a test).
public struct EngineConfig: Sendable, Codable, Equatable {
    /// BM25F parameters for lexical search.
    public var bm25: BM25Parameters
    /// How text is cut into terms (for indexing and queries alike).
    public var analyzer: AnalyzerSettings
    /// How BM25 and vector candidates are combined in `hybrid` mode.
    public var fusion: FusionParameters
    /// The nearest-neighbour structure for chunk vectors.
    public var vectorIndex: VectorIndexKind
    /// The encoder's configuration file (read when present; built-in defaults otherwise).
    public var encoderConfigFile: String
    /// The intent and sentiment classifiers' configuration files (built-in defaults when absent).
    public var intentConfigFile: String
    public var sentimentConfigFile: String
    /// The assist models' configuration file (profile signals, purchase intent; defaults when absent).
    public var assistConfigFile: String = "Models/assist.json"
    /// Retrain in the background once this share of the chunks changed since the last training.
    public var retrainFraction: Double
    /// Graph boost: a hit's score is multiplied by 1 + entityBoost × (share of the query's linked
    /// entities that the chunk mentions). 0 turns entity linking off in ranking.
    public var entityBoost: Double
    /// A conversation's context (entities carried to the next question) is forgotten after
    /// this many seconds without a turn.
    public var sessionTTLSeconds: Double
    /// `POST /v1/answer` hands off to a human below this confidence.
    public var handoffThreshold: Double
    /// Largest file accepted by an import, in bytes.
    public var maxFileBytes: Int
    /// Default and largest number of hits a search returns.
    public var defaultLimit: Int
    public var maxLimit: Int
    /// Whether a query word the knowledge does not know is replaced by the most frequent known word
    /// one edit away before searching ("warrenty" → "warranty"; `SpellingVocabulary`).
    public var spellingCorrection: Bool = true
    /// A list of real words, one per line, that are never mended (Debian's `wamerican`, which
    /// `scripts/install-deps.sh` installs). Without it no word is mended: a real word the knowledge
    /// does not use ("catch") is too often one edit from one it does ("watch").
    public var spellingWords: String = "/usr/share/dict/words"
    /// A pretrained sentence encoder used beside (hybrid) or instead of the self-trained one.
    public var pretrainedEncoder: PretrainedEncoderConfig = PretrainedEncoderConfig()
    /// Where ticket drafts are delivered (a webhook), and how hard to try.
    public var tickets: TicketDeliveryConfig = TicketDeliveryConfig()

    public init(bm25: BM25Parameters = BM25Parameters(), analyzer: AnalyzerSettings = AnalyzerSettings(),
                fusion: FusionParameters = FusionParameters(), vectorIndex: VectorIndexKind = .auto,
                encoderConfigFile: String = "Models/encoder.json",
                intentConfigFile: String = "Models/intent.json", sentimentConfigFile: String = "Models/sentiment.json", retrainFraction: Double = 0.2, entityBoost: Double = 0.1, sessionTTLSeconds: Double = 1800, handoffThreshold: Double = 0.45, maxFileBytes: Int = 32 << 20,
                defaultLimit: Int = 10, maxLimit: Int = 100) {
        self.bm25 = bm25
        self.analyzer = analyzer
        self.fusion = fusion
        self.vectorIndex = vectorIndex
        self.encoderConfigFile = encoderConfigFile
        self.intentConfigFile = intentConfigFile
        self.sentimentConfigFile = sentimentConfigFile
        self.retrainFraction = retrainFraction
        self.entityBoost = entityBoost
        self.sessionTTLSeconds = sessionTTLSeconds
        self.handoffThreshold = handoffThreshold
        self.maxFileBytes = maxFileBytes
        self.defaultLimit = defaultLimit
        self.maxLimit = maxLimit
    }

    enum CodingKeys: String, CodingKey {
        case bm25, analyzer, fusion, vectorIndex = "vector_index", encoderConfigFile = "encoder_config", intentConfigFile = "intent_config", sentimentConfigFile = "sentiment_config", retrainFraction = "retrain_fraction", entityBoost = "entity_boost", sessionTTLSeconds = "session_ttl_seconds", handoffThreshold = "handoff_threshold", maxFileBytes = "max_file_bytes", defaultLimit = "default_limit", maxLimit = "max_limit"
        case tickets, assistConfigFile = "assist_config", pretrainedEncoder = "pretrained_encoder", spellingCorrection = "spelling_correction"
        case spellingWords = "spelling_words"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = EngineConfig()
        bm25 = try c.decodeIfPresent(BM25Parameters.self, forKey: .bm25) ?? d.bm25
        analyzer = try c.decodeIfPresent(AnalyzerSettings.self, forKey: .analyzer) ?? d.analyzer
        fusion = try c.decodeIfPresent(FusionParameters.self, forKey: .fusion) ?? d.fusion
        vectorIndex = try c.decodeIfPresent(VectorIndexKind.self, forKey: .vectorIndex) ?? d.vectorIndex
        encoderConfigFile = try c.decodeIfPresent(String.self, forKey: .encoderConfigFile) ?? d.encoderConfigFile
        intentConfigFile = try c.decodeIfPresent(String.self, forKey: .intentConfigFile) ?? d.intentConfigFile
        sentimentConfigFile = try c.decodeIfPresent(String.self, forKey: .sentimentConfigFile) ?? d.sentimentConfigFile
        retrainFraction = try c.decodeIfPresent(Double.self, forKey: .retrainFraction) ?? d.retrainFraction
        entityBoost = try c.decodeIfPresent(Double.self, forKey: .entityBoost) ?? d.entityBoost
        sessionTTLSeconds = try c.decodeIfPresent(Double.self, forKey: .sessionTTLSeconds) ?? d.sessionTTLSeconds
        handoffThreshold = try c.decodeIfPresent(Double.self, forKey: .handoffThreshold) ?? d.handoffThreshold
        maxFileBytes = try c.decodeIfPresent(Int.self, forKey: .maxFileBytes) ?? d.maxFileBytes
        defaultLimit = try c.decodeIfPresent(Int.self, forKey: .defaultLimit) ?? d.defaultLimit
        maxLimit = try c.decodeIfPresent(Int.self, forKey: .maxLimit) ?? d.maxLimit
        tickets = try c.decodeIfPresent(TicketDeliveryConfig.self, forKey: .tickets) ?? d.tickets
        assistConfigFile = try c.decodeIfPresent(String.self, forKey: .assistConfigFile) ?? d.assistConfigFile
        pretrainedEncoder = try c.decodeIfPresent(PretrainedEncoderConfig.self, forKey: .pretrainedEncoder) ?? d.pretrainedEncoder
        spellingCorrection = try c.decodeIfPresent(Bool.self, forKey: .spellingCorrection) ?? d.spellingCorrection
        spellingWords = try c.decodeIfPresent(String.self, forKey: .spellingWords) ?? d.spellingWords
    }
}

/// Ticket delivery: a JSON POST of each ticket draft to `webhook_url`, retried with exponential
/// back-off (`backoff_seconds` × 2^attempt, at most 10 minutes) until `max_attempts`, then kept as a
/// dead letter (listed by `GET /v1/tickets?status=dead_letter`, re-queued by `POST /v1/tickets/{id}/retry`).
/// Without a URL, tickets are kept (`held`) and listed for pick-up.
public struct TicketDeliveryConfig: Sendable, Codable, Equatable {
    public var webhookURL: String?
    public var maxAttempts: Int
    public var backoffSeconds: Double
    public var timeoutSeconds: Double

    public init(webhookURL: String? = nil, maxAttempts: Int = 5, backoffSeconds: Double = 2, timeoutSeconds: Double = 5) {
        self.webhookURL = webhookURL; self.maxAttempts = maxAttempts; self.backoffSeconds = backoffSeconds; self.timeoutSeconds = timeoutSeconds
    }

    enum CodingKeys: String, CodingKey {
        case webhookURL = "webhook_url", maxAttempts = "max_attempts", backoffSeconds = "backoff_seconds", timeoutSeconds = "timeout_seconds"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = TicketDeliveryConfig()
        webhookURL = try c.decodeIfPresent(String.self, forKey: .webhookURL)
        maxAttempts = try c.decodeIfPresent(Int.self, forKey: .maxAttempts) ?? d.maxAttempts
        backoffSeconds = try c.decodeIfPresent(Double.self, forKey: .backoffSeconds) ?? d.backoffSeconds
        timeoutSeconds = try c.decodeIfPresent(Double.self, forKey: .timeoutSeconds) ?? d.timeoutSeconds
    }
}

/// The analyzer switches as they appear in the config file (snake_case keys, all optional).
public struct AnalyzerSettings: Sendable, Codable, Equatable {
    public var options: AnalyzerOptions

    public init(_ options: AnalyzerOptions = AnalyzerOptions()) { self.options = options }

    enum CodingKeys: String, CodingKey {
        case stem, removeStopwords = "remove_stopwords", cjkUnigrams = "cjk_unigrams", cjkBigrams = "cjk_bigrams"
        case lexiconWords = "lexicon_words"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var o = AnalyzerOptions()
        o.stem = try c.decodeIfPresent(Bool.self, forKey: .stem) ?? o.stem
        o.removeStopwords = try c.decodeIfPresent(Bool.self, forKey: .removeStopwords) ?? o.removeStopwords
        o.cjkUnigrams = try c.decodeIfPresent(Bool.self, forKey: .cjkUnigrams) ?? o.cjkUnigrams
        o.cjkBigrams = try c.decodeIfPresent(Bool.self, forKey: .cjkBigrams) ?? o.cjkBigrams
        o.lexiconWords = try c.decodeIfPresent(Bool.self, forKey: .lexiconWords) ?? o.lexiconWords
        options = o
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(options.stem, forKey: .stem)
        try c.encode(options.removeStopwords, forKey: .removeStopwords)
        try c.encode(options.cjkUnigrams, forKey: .cjkUnigrams)
        try c.encode(options.cjkBigrams, forKey: .cjkBigrams)
        try c.encode(options.lexiconWords, forKey: .lexiconWords)
    }
}
