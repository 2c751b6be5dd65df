import Foundation
import KnowledgeModel
import LinearAlgebra

/// One label of a ranking with its calibrated probability.
public struct RankedLabel: Sendable, Codable, Equatable {
    /// The intent label.
    public var label: String
    /// Its calibrated probability.
    public var score: Float

    /// Creates a ranked label.
    public init(label: String, score: Float) {
        self.label = label
        self.score = score
    }
}

/// What `IntentModel.predict` says about a text.
public struct IntentPrediction: Sendable, Codable, Equatable {
    /// The recognized intent, or `IntentExample.outOfScopeLabel` ("oos") when out of scope.
    public var intent: String
    /// Calibrated probability of the best label (the first of `ranking`).
    public var confidence: Float
    /// The best labels with calibrated probabilities, best first (`ranking_size` of them).
    public var ranking: [RankedLabel]
    /// True when the best label is "oos" or its probability is below the tuned threshold.
    public var outOfScope: Bool
    /// Every in-scope label whose probability reaches `multi_intent_threshold` (multi-intent
    /// utterances), best first; at least the best label when in scope; empty when out of scope.
    public var intents: [String]
}

/// The intent classifier with out-of-scope rejection.
///
/// A calibrated `LinearClassifier` over the intent labels (an "oos" label, when the examples have
/// one, is trained as an ordinary class) plus a rejection threshold on the calibrated top
/// probability, tuned on a held-out split (`IntentThreshold`). Immutable and `Sendable`.
///
/// With an encoder (`DenseEncoder`) and `dense_weight` > 0, each feature row also holds the
/// text's sentence vector (`ClassifierDense.swift`): training encodes the texts once, in one
/// batch, and `predict` encodes the one text. The model keeps the encoder; a saved model records
/// its fingerprint and dimension and must be loaded with the same encoder.
public struct IntentModel: Sendable {
    /// The calibrated classifier.
    public let classifier: LinearClassifier
    /// The configuration it was trained with.
    public let config: ClassifierConfig
    /// Texts whose best calibrated probability is below this are out of scope.
    public let threshold: Float

    static let artifactKind = "intent"

    /// Trains on `(text, label)` pairs; label "oos" marks out-of-scope examples. With an `encoder`
    /// and `dense_weight` > 0 the rows get a dense block of the encoder's vectors (otherwise the
    /// encoder is not used and the model is the sparse one).
    /// - Throws: `ClassifierError.noExamples`, `.tooFewLabels`, `.invalidConfig`,
    ///   `.encoderMismatch` (the encoder returned vectors of the wrong shape).
    public static func train(examples: [(text: String, label: String)], config: ClassifierConfig = ClassifierConfig(),
                             encoder: DenseEncoder? = nil) throws -> IntentModel {
        try config.validate()
        let usable = examples.filter { !$0.text.allSatisfy(\.isWhitespace) && !$0.label.isEmpty }
        guard !usable.isEmpty else { throw ClassifierError.noExamples }
        let labels = Array(Set(usable.map(\.label))).sorted()
        guard labels.count >= 2 else { throw ClassifierError.tooFewLabels(labels) }
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let y = usable.map { index[$0.label] ?? 0 }
        let oos = index[IntentExample.outOfScopeLabel]
        let texts = usable.map(\.text)
        let fit = ClassifierFitting.fit(texts: texts, labels: y, labelNames: labels, config: config,
                                        unbalancedClass: oos, dense: try denseRows(texts, encoder: encoder, config: config))
        let threshold = IntentThreshold.tune(fit.heldOut, oosIndex: oos, config: config)
        return IntentModel(classifier: fit.classifier, config: config, threshold: threshold)
    }

    /// Trains on the knowledge's intent examples (with an optional dense `encoder`, as above).
    public static func train(examples: [IntentExample], config: ClassifierConfig = ClassifierConfig(),
                             encoder: DenseEncoder? = nil) throws -> IntentModel {
        try train(examples: examples.map { (text: $0.text, label: $0.label) }, config: config, encoder: encoder)
    }

    /// A model from its parts.
    init(classifier: LinearClassifier, config: ClassifierConfig, threshold: Float) {
        self.classifier = classifier
        self.config = config
        self.threshold = threshold
    }

    /// The intent labels (including "oos" when it was trained).
    public var labels: [String] { classifier.labels }

    /// The dense block (encoder fingerprint, dimension, weight), or nil for a sparse model.
    public var dense: DenseBlock? { classifier.space.dense }

    /// Classifies one text (encoding it first when the model has a dense block).
    /// - Throws: `ClassifierError.emptyText` or `.textTooLong` (the API maps both to 400),
    ///   `.encoderMismatch` when the encoder returns vectors of the wrong shape.
    public func predict(_ text: String) throws -> IntentPrediction {
        try validateInput(text, limit: config.maxTextLength)
        return decide(try classifier.checkedProbabilities(text))
    }

    /// The decision for calibrated probabilities `p` (`[labels]`).
    func decide(_ p: [Float]) -> IntentPrediction {
        let labels = classifier.labels
        var order = Array(p.indices)
        order.sort { p[$0] != p[$1] ? p[$0] > p[$1] : $0 < $1 }
        let best = order[0]
        let oos = IntentExample.outOfScopeLabel
        let outOfScope = labels[best] == oos || p[best] < threshold
        let ranking = order.prefix(config.rankingSize).map { RankedLabel(label: labels[$0], score: p[$0]) }
        let intents = outOfScope ? [] : order.filter { labels[$0] != oos && p[$0] >= config.multiIntentThreshold }.map { labels[$0] }
        return IntentPrediction(intent: outOfScope ? oos : labels[best], confidence: p[best], ranking: ranking,
                                outOfScope: outOfScope, intents: intents.isEmpty && !outOfScope ? [labels[best]] : intents)
    }

    /// The model as a versioned binary artifact (see `ClassifierArtifact`).
    public func serialized() throws -> Data {
        try ClassifierArtifact.encode(classifier, kind: IntentModel.artifactKind, config: config, threshold: threshold)
    }

    /// Writes the artifact to `url` atomically.
    public func save(to url: URL) throws {
        try serialized().write(to: url, options: .atomic)
    }

    /// Reads a model written by `serialized()`. A model with a dense block needs the `encoder` it
    /// was trained with (same fingerprint and dimension); for a sparse model the encoder is ignored.
    /// - Throws: `ClassifierError.corruptArtifact`, `.unsupportedVersion`, or `.encoderMismatch`
    ///   (a dense model loaded without its encoder or with another one: train again).
    public init(serialized data: Data, encoder: DenseEncoder? = nil) throws {
        var parts = try ClassifierArtifact.decode(data, kind: IntentModel.artifactKind)
        parts.classifier.space = try parts.classifier.space.attaching(encoder)
        self.init(classifier: parts.classifier, config: parts.config, threshold: parts.threshold)
    }

    /// Reads a model saved with `save(to:)` (see `init(serialized:encoder:)`).
    public static func load(from url: URL, encoder: DenseEncoder? = nil) throws -> IntentModel {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ClassifierError.corruptArtifact("cannot read \(url.path): \(error.localizedDescription)")
        }
        return try IntentModel(serialized: data, encoder: encoder)
    }
}
