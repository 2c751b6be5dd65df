import Foundation
import KnowledgeModel

/// What `SentimentModel.predict` says about a text.
public struct SentimentPrediction: Sendable, Codable, Equatable {
    /// The most probable polarity.
    public var label: SentimentLabel
    /// `p(positive) − p(negative)`, in [-1, 1].
    public var score: Float
    /// Calibrated probability of `label`.
    public var confidence: Float
    /// Calibrated probabilities (0 for a polarity the model was not trained on, e.g. neutral on SST-2).
    public var negative: Float, neutral: Float, positive: Float
}

/// The sentiment classifier: negative / neutral / positive with a score in [-1, 1].
///
/// A calibrated `LinearClassifier` whose features include negation-scope and intensifier marks
/// (`SentimentLexicon`, `negation_scope`, `mark_intensifiers`). Trained on whichever of the three
/// polarities the examples use (two for binary sets such as SST-2 and ChnSentiCorp).
public struct SentimentModel: Sendable {
    /// The calibrated classifier (labels are `SentimentLabel` raw values).
    public let classifier: LinearClassifier
    /// The configuration it was trained with.
    public let config: ClassifierConfig

    static let artifactKind = "sentiment"

    /// Reads a polarity: `negative|neutral|positive` (any case) or `0`/`1` (binary sets: 0 is
    /// negative, 1 positive).
    /// - Throws: `ClassifierError.unknownLabel`.
    public static func parseLabel(_ raw: String) throws -> SentimentLabel {
        let s = raw.trimmingCharacters(in: .whitespaces).lowercased()
        switch s {
        case "0", "neg": return .negative
        case "1", "pos": return .positive
        default:
            guard let label = SentimentLabel(rawValue: s) else { throw ClassifierError.unknownLabel(raw) }
            return label
        }
    }

    /// Trains on labelled texts. With an `encoder` and `dense_weight` > 0 the rows also hold its
    /// vectors (a dense block, as for intents; see `DenseEncoder`).
    /// - Throws: `ClassifierError.noExamples`, `.tooFewLabels`, `.invalidConfig`, `.encoderMismatch`.
    public static func train(examples: [(text: String, label: SentimentLabel)], config: ClassifierConfig = ClassifierConfig(),
                             encoder: DenseEncoder? = nil) throws -> SentimentModel {
        try config.validate()
        let usable = examples.filter { !$0.text.allSatisfy(\.isWhitespace) }
        guard !usable.isEmpty else { throw ClassifierError.noExamples }
        let labels = SentimentLabel.allCases.filter { l in usable.contains { $0.label == l } }.map(\.rawValue)
        guard labels.count >= 2 else { throw ClassifierError.tooFewLabels(labels) }
        let y = usable.map { e in labels.firstIndex(of: e.label.rawValue) ?? 0 }
        let texts = usable.map(\.text)
        let fit = ClassifierFitting.fit(texts: texts, labels: y, labelNames: labels, config: config,
                                        dense: try denseRows(texts, encoder: encoder, config: config))
        return SentimentModel(classifier: fit.classifier, config: config)
    }

    /// Trains on the knowledge's sentiment examples (with an optional dense `encoder`, as above).
    public static func train(examples: [SentimentExample], config: ClassifierConfig = ClassifierConfig(),
                             encoder: DenseEncoder? = nil) throws -> SentimentModel {
        try train(examples: examples.map { (text: $0.text, label: $0.label) }, config: config, encoder: encoder)
    }

    init(classifier: LinearClassifier, config: ClassifierConfig) {
        self.classifier = classifier
        self.config = config
    }

    /// Classifies one text.
    /// - Throws: `ClassifierError.emptyText` or `.textTooLong` (the API maps both to 400).
    public func predict(_ text: String) throws -> SentimentPrediction {
        try validateInput(text, limit: config.maxTextLength)
        return decide(try classifier.checkedProbabilities(text))
    }

    func decide(_ p: [Float]) -> SentimentPrediction {
        var probability: [SentimentLabel: Float] = [:]
        for (k, name) in classifier.labels.enumerated() {
            if let label = SentimentLabel(rawValue: name) { probability[label] = p[k] }
        }
        var best = 0
        for k in p.indices where p[k] > p[best] { best = k }
        let label = SentimentLabel(rawValue: classifier.labels[best]) ?? .neutral
        let neg = probability[.negative] ?? 0, neu = probability[.neutral] ?? 0, pos = probability[.positive] ?? 0
        return SentimentPrediction(label: label, score: max(-1, min(1, pos - neg)), confidence: p[best],
                                   negative: neg, neutral: neu, positive: pos)
    }

    /// The model as a versioned binary artifact (see `ClassifierArtifact`).
    public func serialized() throws -> Data {
        try ClassifierArtifact.encode(classifier, kind: SentimentModel.artifactKind, config: config, threshold: 0)
    }

    /// Writes the artifact to `url` atomically.
    public func save(to url: URL) throws {
        try serialized().write(to: url, options: .atomic)
    }

    /// Reads a model written by `serialized()`; a model with a dense block needs its `encoder`
    /// (as `IntentModel.init(serialized:encoder:)`).
    public init(serialized data: Data, encoder: DenseEncoder? = nil) throws {
        var parts = try ClassifierArtifact.decode(data, kind: SentimentModel.artifactKind)
        parts.classifier.space = try parts.classifier.space.attaching(encoder)
        self.init(classifier: parts.classifier, config: parts.config)
    }

    /// Reads a model saved with `save(to:)`.
    public static func load(from url: URL, encoder: DenseEncoder? = nil) throws -> SentimentModel {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ClassifierError.corruptArtifact("cannot read \(url.path): \(error.localizedDescription)")
        }
        return try SentimentModel(serialized: data, encoder: encoder)
    }

    /// The dense block (encoder fingerprint, dimension, weight), or nil for a sparse model.
    public var dense: DenseBlock? { classifier.space.dense }
}
