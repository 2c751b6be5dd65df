import Foundation
import LinearAlgebra

/// The training protocol shared by the intent and sentiment models:
///
/// 1. extract every text's features once;
/// 2. hold out `held_out_fraction` of each label's examples (seeded, stratified; labels with fewer
///    than 3 examples keep them all in training);
/// 3. train on the rest (the linear part and, with `hidden_units` > 0, the hidden layer side by
///    side), tune the hidden layer's `mix` on the held-out scores (when `hidden_mix` is negative;
///    a mix of 0 drops the layer), fit the temperature on the held-out fused logits, and keep the
///    held-out calibrated probabilities (the intent model tunes its thresholds on them);
/// 4. with `refit`, train again on all examples with the same settings and keep the temperature
///    and the mix.
enum ClassifierFitting {
    /// A trained, calibrated classifier and its held-out evidence.
    struct Result {
        var classifier: LinearClassifier
        /// Calibrated probabilities of the held-out examples (from the model trained without them).
        var heldOut: [(probabilities: [Float], label: Int)]
    }

    /// `unbalancedClass` keeps example weight 1 under `class_balance` (see `ClassifierTrainer.weights`).
    /// `dense` (the texts' unit vectors from `encoder`, `[texts × encoder.dimension]`) adds a dense
    /// block weighted by `dense_weight` to every row (`ClassifierDense.swift`).
    static func fit(texts: [String], labels y: [Int], labelNames: [String], config: ClassifierConfig,
                    unbalancedClass: Int? = nil, dense: (encoder: DenseEncoder, vectors: Matrix)? = nil) -> Result {
        let featurizer = TextFeaturizer(config: config)
        func denseRows(_ idx: [Int]) -> Matrix? {
            guard let dense else { return nil }
            var out = [Float](), d = dense.encoder.dimension, w = config.denseWeight
            out.reserveCapacity(idx.count * d)
            for i in idx { out.append(contentsOf: dense.vectors.row(i).map { $0 * w }) }
            return Matrix(rows: idx.count, cols: d, values: out)
        }
        let raw = FeatureSpace.extract(texts, featurizer: featurizer)
        let (trainIdx, heldIdx) = split(y, classCount: labelNames.count, fraction: config.heldOutFraction, seed: config.seed)

        /// `warm`: a model whose linear weights the L-BFGS solver starts from.
        func train(_ idx: [Int], hiddenMix: Float?, warm: LinearClassifier? = nil) -> LinearClassifier {
            let part = idx.map { raw[$0] }, partLabels = idx.map { y[$0] }
            var space = FeatureSpace.fit(part, featurizer: featurizer, minDF: config.minDF)
            if config.nbWeight > 0 {
                space = space.naiveBayesScaled(part, labels: partLabels, classCount: labelNames.count, weight: config.nbWeight)
            }
            if let dense { space = space.withDense(dense.encoder, weight: config.denseWeight) }
            let x = space.rows(part, dense: denseRows(idx))
            // The linear ensemble and the hidden layer train side by side (each single-threaded).
            let parts = ParallelMap.map(count: hiddenMix == nil ? 1 : 2) { i -> Trained in
                i == 0 ? .linear(trainEnsemble(x: x, y: partLabels, classCount: labelNames.count, config: config,
                                               unbalancedClass: unbalancedClass,
                                               start: warm.flatMap { ClassifierLBFGS.applies(config, features: x.cols, labels: labelNames.count)
                                                   ? ClassifierLBFGS.start(from: $0, for: space) : nil }))
                       : .hidden(HiddenLayerTrainer.train(x: x, y: partLabels, classCount: labelNames.count, config: config,
                                                          unbalancedClass: unbalancedClass))
            }
            var model: LinearClassifier? = nil
            var hidden: HiddenLayer? = nil
            for p in parts {
                switch p {
                case .linear(let params): model = LinearClassifier(labels: labelNames, space: space, weights: params.weights, bias: params.bias)
                case .hidden(let layer): hidden = layer
                }
            }
            guard var result = model else { preconditionFailure("ClassifierFitting: no linear part") }
            if var hidden, let hiddenMix {
                hidden.mix = hiddenMix
                result.hidden = hidden
            }
            return result
        }

        let fixedMix: Float? = config.hiddenUnits > 0 ? (config.hiddenMix >= 0 ? config.hiddenMix : 0.5) : nil
        var model = train(trainIdx, hiddenMix: fixedMix)
        var heldOut: [(probabilities: [Float], label: Int)] = []
        if !heldIdx.isEmpty {
            let heldX = model.space.rows(heldIdx.map { raw[$0] }, dense: denseRows(heldIdx))
            let heldLabels = heldIdx.map { y[$0] }
            var mix = fixedMix
            if let hidden = model.hidden, config.hiddenMix < 0 {
                mix = tuneMix(linear: model.linearLogits(heldX), hidden: hidden.logits(heldX), labels: heldLabels,
                              maximum: config.hiddenMixMax)
                model.hidden?.mix = mix ?? 0
            }
            if mix == 0 { model.hidden = nil; mix = nil }                   // the hidden layer did not help
            let logits = model.logits(heldX)
            let t = Calibration.fitTemperature(logits, labels: heldLabels)
            heldOut = (0..<logits.rows).map { (Calibration.softmax(Array(logits.row($0)), temperature: t), heldLabels[$0]) }
            if config.refit { model = train(Array(0..<texts.count), hiddenMix: mix, warm: model) }
            model.temperature = t
        }
        return Result(classifier: model, heldOut: heldOut)
    }

    /// What one parallel training task returns.
    enum Trained: Sendable {
        case linear(ClassifierTrainer.Parameters)
        case hidden(HiddenLayer)
    }

    /// The hidden layer's weight in `0, 0.1, …, maximum` with the lowest held-out negative
    /// log-likelihood of the fused scores after temperature fitting (smoother than held-out
    /// accuracy, which on a few hundred held-out texts moves in steps of a text).
    static func tuneMix(linear: Matrix, hidden: Matrix, labels: [Int], maximum: Float) -> Float {
        var best: (mix: Float, loss: Double) = (0, .infinity)
        for step in 0...10 where Float(step) / 10 <= maximum + 1e-6 {
            let mix = Float(step) / 10
            let z = LinearClassifier.fuse(linear, hidden, mix: mix)
            let t = Calibration.fitTemperature(z, labels: labels)
            var loss = 0.0
            for r in 0..<z.rows {
                let p = Calibration.softmax(Array(z.row(r)), temperature: t)
                loss -= log(Double(max(p[labels[r]], 1e-12)))
            }
            if loss < best.loss { best = (mix, loss) }
        }
        return best.mix
    }

    /// `ensemble_size` models with seeds `seed, seed + 1, ...`, trained in parallel, their weights
    /// and biases averaged (for a linear model that is the average of their logits). Deterministic:
    /// each member is single-threaded and the average is taken in seed order. When the L-BFGS
    /// solver applies (`ClassifierLBFGS.applies`), one full-batch fit instead, from `start` if given.
    static func trainEnsemble(x: CSRMatrix, y: [Int], classCount: Int, config: ClassifierConfig,
                              unbalancedClass: Int?, start: [Float]? = nil) -> ClassifierTrainer.Parameters {
        if ClassifierLBFGS.applies(config, features: x.cols, labels: classCount) {
            return ClassifierLBFGS.train(x: x, y: y, classCount: classCount, config: config, unbalancedClass: unbalancedClass,
                                         start: start)
        }
        let n = max(1, config.ensembleSize)
        let members = ParallelMap.map(count: n) { m in
            var member = config
            member.seed = config.seed &+ UInt64(m)
            return ClassifierTrainer.train(x: x, y: y, classCount: classCount, config: member, unbalancedClass: unbalancedClass)
        }
        guard n > 1, var sum = members.first else { return members[0] }
        let scale = 1 / Float(n)
        sum.weights.withUnsafeMutableBufferPointer { w in
            for member in members.dropFirst() {
                member.weights.withUnsafeBufferPointer { v in for i in 0..<w.count { w[i] += v[i] } }
            }
            for i in 0..<w.count { w[i] *= scale }
        }
        for k in sum.bias.indices { sum.bias[k] = members.reduce(0) { $0 + $1.bias[k] } * scale }
        return sum
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
