import Foundation
import LinearAlgebra

/// The training protocol shared by the intent and sentiment models:
///
/// 1. extract every text's features once;
/// 2. hold out `held_out_fraction` of each label's examples (seeded, stratified; labels with fewer
///    than 3 examples keep them all in training);
/// 3. train on the rest, fit the temperature on the held-out logits, and keep the held-out
///    calibrated probabilities (the intent model tunes its thresholds on them);
/// 4. with `refit`, train again on all examples with the same settings and keep the temperature.
enum ClassifierFitting {
    /// A trained, calibrated classifier and its held-out evidence.
    struct Result {
        var classifier: LinearClassifier
        /// Calibrated probabilities of the held-out examples (from the model trained without them).
        var heldOut: [(probabilities: [Float], label: Int)]
    }

    /// `unbalancedClass` keeps example weight 1 under `class_balance` (see `ClassifierTrainer.weights`).
    static func fit(texts: [String], labels y: [Int], labelNames: [String], config: ClassifierConfig,
                    unbalancedClass: Int? = nil) -> Result {
        let featurizer = TextFeaturizer(config: config)
        let raw = FeatureSpace.extract(texts, featurizer: featurizer)
        let (trainIdx, heldIdx) = split(y, classCount: labelNames.count, fraction: config.heldOutFraction, seed: config.seed)

        func train(_ idx: [Int]) -> LinearClassifier {
            let part = idx.map { raw[$0] }
            let space = FeatureSpace.fit(part, featurizer: featurizer)
            let p = ClassifierTrainer.train(x: space.rows(part), y: idx.map { y[$0] }, classCount: labelNames.count, config: config,
                                          unbalancedClass: unbalancedClass)
            return LinearClassifier(labels: labelNames, space: space, weights: p.weights, bias: p.bias)
        }

        var model = train(trainIdx)
        var heldOut: [(probabilities: [Float], label: Int)] = []
        if !heldIdx.isEmpty {
            let logits = model.logits(model.space.rows(heldIdx.map { raw[$0] }))
            let heldLabels = heldIdx.map { y[$0] }
            let t = Calibration.fitTemperature(logits, labels: heldLabels)
            heldOut = (0..<logits.rows).map { (Calibration.softmax(Array(logits.row($0)), temperature: t), heldLabels[$0]) }
            if config.refit { model = train(Array(0..<texts.count)) }
            model.temperature = t
        }
        return Result(classifier: model, heldOut: heldOut)
    }

    /// Stratified split: `round(fraction · n_label)` examples of each label with ≥ 3 examples go to
    /// the held-out part (at least one). Both parts keep the input order.
    static func split(_ y: [Int], classCount: Int, fraction: Double, seed: UInt64) -> (train: [Int], heldOut: [Int]) {
        guard fraction > 0 else { return (Array(y.indices), []) }
        var byClass = [[Int]](repeating: [], count: classCount)
        for (i, label) in y.enumerated() { byClass[label].append(i) }
        var rng = SplitMix64(seed: seed ^ 0x5EED_0F_5B11)
        var held = [Bool](repeating: false, count: y.count)
        for var members in byClass where members.count >= 3 {
            ClassifierTrainer.shuffle(&members, &rng)
            let take = max(1, Int((fraction * Double(members.count)).rounded()))
            for i in members.prefix(take) { held[i] = true }
        }
        return (y.indices.filter { !held[$0] }, y.indices.filter { held[$0] })
    }
}
