import Foundation

/// Which purchase-intent model produced a score.
public enum PurchaseIntentSource: String, Sendable, Hashable, Codable {
    /// Logistic regression fitted on outcome-labelled calls (MAP, Gaussian prior at the rules).
    case learned
    /// The hand-set rule weights (too few labelled calls to learn from).
    case rules
}

/// A call's purchase intent in 0...1 with the features that moved it most.
public struct PurchaseIntentScore: Sendable, Hashable {
    public var probability: Double
    public var source: PurchaseIntentSource
    /// The largest contributions (feature, weight × value), strongest first.
    public var contributions: [(feature: String, weight: Double)]

    public static func == (a: Self, b: Self) -> Bool {
        a.probability == b.probability && a.source == b.source && a.contributions.map(\.feature) == b.contributions.map(\.feature)
    }
    public func hash(into h: inout Hasher) { h.combine(probability); h.combine(source) }
}

/// A small logistic model of "this call ends in a sale" over `PurchaseIntentFeatures`.
///
/// `train` fits it on outcome-labelled calls by full-batch gradient descent on the log-loss plus
/// `l2 × ‖w − prior‖²` (a Gaussian prior centred at the rule weights, so with few examples it
/// stays close to the rules), deterministically (fixed steps, sorted features). With fewer than
/// `minPositives` sales or `minNegatives` other outcomes it returns the rules unchanged.
public struct PurchaseIntentModel: Sendable, Hashable {
    public var weights: [String: Double]
    public var source: PurchaseIntentSource
    /// Labelled calls it was trained on (positives, negatives).
    public var trainedOn: (positives: Int, negatives: Int)

    public static func == (a: Self, b: Self) -> Bool { a.weights == b.weights && a.source == b.source }
    public func hash(into h: inout Hasher) { h.combine(source); h.combine(weights.count) }

    /// The rule-based model.
    public init(rules: PurchaseIntentRules = .default) {
        weights = rules.weights; source = .rules; trainedOn = (0, 0)
    }

    /// Fits the model, or falls back to `rules` when there are too few labelled calls.
    public static func train(examples: [(features: [String: Double], sale: Bool)], rules: PurchaseIntentRules = .default,
                             l2: Double = 1.0, steps: Int = 400, learningRate: Double = 0.5,
                             minPositives: Int = 10, minNegatives: Int = 10) -> PurchaseIntentModel {
        let pos = examples.filter(\.sale).count, neg = examples.count - pos
        var model = PurchaseIntentModel(rules: rules)
        model.trainedOn = (pos, neg)
        guard pos >= minPositives, neg >= minNegatives else { return model }
        let names = Array(Set(examples.flatMap(\.features.keys)).union(rules.weights.keys)).sorted()
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let prior = names.map { rules.weights[$0] ?? 0 }
        var w = prior
        let rows = examples.map { e in e.features.compactMap { k, v in index[k].map { ($0, v) } }.sorted { $0.0 < $1.0 } }
        let n = Double(examples.count)
        for _ in 0..<steps {
            var grad = names.indices.map { 2 * l2 * (w[$0] - prior[$0]) / n }
            for (r, e) in zip(rows, examples) {
                let z = r.reduce(0) { $0 + w[$1.0] * $1.1 }
                let err = 1 / (1 + exp(-z)) - (e.sale ? 1 : 0)
                for (j, v) in r { grad[j] += err * v / n }
            }
            for j in w.indices { w[j] -= learningRate * grad[j] }
        }
        model.weights = Dictionary(uniqueKeysWithValues: zip(names, w))
        model.source = .learned
        return model
    }

    /// The purchase intent of a call with `features`.
    public func score(_ features: [String: Double]) -> PurchaseIntentScore {
        var parts: [(feature: String, weight: Double)] = []
        var z = 0.0
        for (k, v) in features.sorted(by: { $0.key < $1.key }) {
            guard let w = weights[k], w != 0 else { continue }
            z += w * v
            if k != "bias" { parts.append((k, w * v)) }
        }
        parts.sort { abs($0.weight) != abs($1.weight) ? abs($0.weight) > abs($1.weight) : $0.feature < $1.feature }
        return PurchaseIntentScore(probability: 1 / (1 + exp(-z)), source: source, contributions: Array(parts.prefix(5)))
    }

    /// The purchase intent of the call `signals` describe.
    public func score(_ signals: ProfileSignals) -> PurchaseIntentScore {
        score(PurchaseIntentFeatures.extract(signals))
    }
}
