/// What one training run did, how well and how long it took.
public struct TrainingReport: Sendable, Codable, Equatable {
    /// One refinement epoch of the model-selection run.
    public struct Epoch: Sendable, Codable, Equatable {
        /// 1-based epoch number.
        public var epoch: Int
        /// Mean InfoNCE batch loss over the epoch.
        public var loss: Double
        /// Held-out Recall@1 after the epoch (0 without a held-out set).
        public var heldOutRecallAt1: Double
        /// Held-out MRR after the epoch (0 without a held-out set).
        public var heldOutMRR: Double
        /// Held-out cross-entropy over groups after the epoch: the early-stopping criterion.
        public var heldOutLoss: Double
    }

    /// Distinct training texts (corpus plus group texts).
    public var textCount = 0
    /// Groups with at least two distinct texts that have features (strong and weak).
    public var groupCount = 0
    /// Seen features: the rows of W.
    public var featureCount = 0
    /// Stored entries of the training TF-IDF matrix.
    public var nonZeroCount = 0
    /// Embedding dimension actually used (≤ the configured one).
    public var dimension = 0
    /// Held-out wordings used for early stopping (0: no early stopping, all epochs run).
    public var heldOutQueries = 0
    /// Held-out Recall@1 of the plain LSA projection W0.
    public var initialRecallAt1 = 0.0
    /// Held-out MRR of W0.
    public var initialMRR = 0.0
    /// Held-out cross-entropy of W0.
    public var initialLoss = 0.0
    /// Held-out Recall@1 at the best epoch.
    public var heldOutRecallAt1 = 0.0
    /// Held-out MRR at the best epoch.
    public var heldOutMRR = 0.0
    /// Held-out cross-entropy at the best epoch.
    public var heldOutLoss = 0.0
    /// Best epoch of the selection run (0: W0 was best or no refinement).
    public var bestEpoch = 0
    /// Epochs run in the selection run.
    public var epochsRun = 0
    /// Epochs of the refit on all texts (0 when there was none).
    public var refitEpochs = 0
    /// Per-epoch log of the selection run.
    public var epochs: [Epoch] = []
    /// Seconds spent on features and IDF.
    public var featureSeconds = 0.0
    /// Seconds spent on the SVD.
    public var svdSeconds = 0.0
    /// Seconds spent on refinement (selection run and refit).
    public var refineSeconds = 0.0
    /// Seconds for the whole training.
    public var totalSeconds = 0.0
    /// The trained encoder's fingerprint.
    public var fingerprint = ""

    /// An empty report.
    public init() {}
}
