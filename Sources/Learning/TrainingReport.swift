/// What one training run did and how long it took.
public struct TrainingReport: Sendable, Codable, Equatable {
    /// One refinement epoch of the model-selection run.
    public struct Epoch: Sendable, Codable, Equatable {
        /// 1-based epoch number.
        public var epoch: Int
        /// Mean batch objective (InfoNCE + pull) over the epoch.
        public var loss: Double
        /// Held-out Recall@1 after the epoch (0 without a held-out set).
        public var heldOutRecallAt1: Double
        /// Held-out MRR after the epoch.
        public var heldOutMRR: Double
        /// Held-out cross-entropy over groups after the epoch (the early-stopping criterion).
        public var heldOutLoss: Double
    }

    /// Distinct training texts (corpus plus group texts).
    public var textCount = 0
    /// Groups with at least two distinct texts (strong and weak).
    public var groupCount = 0
    /// Seen features (rows of W) and their total hashed non-zeros in the corpus.
    public var featureCount = 0
    public var nonZeroCount = 0
    /// Embedding dimension actually used (≤ the configured one).
    public var dimension = 0
    /// Held-out queries used for early stopping (0: no early stopping, all epochs run).
    public var heldOutQueries = 0
    /// Held-out Recall@1, MRR and cross-entropy of the plain LSA projection W0.
    public var initialRecallAt1 = 0.0
    public var initialMRR = 0.0
    public var initialLoss = 0.0
    /// Held-out Recall@1, MRR and cross-entropy at the best epoch.
    public var heldOutRecallAt1 = 0.0
    public var heldOutMRR = 0.0
    public var heldOutLoss = 0.0
    /// Best epoch of the selection run (0: W0 was best or no refinement).
    public var bestEpoch = 0
    /// Epochs run in the selection run, and by the refit on all groups (0 when none).
    public var epochsRun = 0
    public var refitEpochs = 0
    /// Per-epoch log of the selection run.
    public var epochs: [Epoch] = []
    /// Seconds per stage: features + IDF, SVD, refinement (selection and refit), all.
    public var featureSeconds = 0.0
    public var svdSeconds = 0.0
    public var refineSeconds = 0.0
    public var totalSeconds = 0.0
    /// The trained encoder's fingerprint.
    public var fingerprint = ""

    /// An empty report.
    public init() {}
}
