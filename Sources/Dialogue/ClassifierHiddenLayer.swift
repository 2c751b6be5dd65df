import Foundation
import LinearAlgebra

/// The non-linear part of a classifier: one hidden layer of ReLU units over the TF-IDF row.
///
/// `z_hidden(x) = relu(x' · W1 + b1) · W2 + b2`, where `x'` keeps only the features seen in at
/// least `hidden_min_df` training texts (rarer ones stay with the linear part; this bounds the
/// size of `W1`). The classifier's scores are `(1 − mix) · z_linear + mix · z_hidden`, with `mix`
/// tuned on the held-out split (`ClassifierFitting`) or fixed by `hidden_mix`.
public struct HiddenLayer: Sendable {
    /// Feature column of each input row of `W1` (increasing).
    public let inputs: [Int32]
    /// Number of hidden units `H`.
    public let units: Int
    /// `[inputs.count × H]`, row-major.
    let w1: [Float]
    /// `[H]`.
    let b1: [Float]
    /// `[H × labels]`.
    let w2: Matrix
    /// `[labels]`.
    let b2: [Float]
    /// Weight of the hidden layer's scores in the fused scores, in [0, 1].
    public internal(set) var mix: Float
    /// Feature column → input row of `W1` (-1 when the feature is not an input).
    let inputRow: [Int32]

    /// A layer from its parts (shapes must agree; `featureCount` is the feature space's).
    init(inputs: [Int32], units: Int, w1: [Float], b1: [Float], w2: Matrix, b2: [Float], mix: Float, featureCount: Int) {
        precondition(w1.count == inputs.count * units && b1.count == units && w2.rows == units && w2.cols == b2.count,
                     "HiddenLayer: W1 \(w1.count) for \(inputs.count)×\(units), W2 \(w2.rows)×\(w2.cols)")
        self.inputs = inputs
        self.units = units
        self.w1 = w1
        self.b1 = b1
        self.w2 = w2
        self.b2 = b2
        self.mix = mix
        var row = [Int32](repeating: -1, count: featureCount)
        for (i, col) in inputs.enumerated() where Int(col) < featureCount { row[Int(col)] = Int32(i) }
        inputRow = row
    }

    /// Hidden activations of TF-IDF rows, `[rows × H]` (no dropout).
    func activations(_ x: CSRMatrix) -> Matrix {
        let h = units
        var out = [Float](repeating: 0, count: x.rows * h)
        w1.withUnsafeBufferPointer { w in
            out.withUnsafeMutableBufferPointer { o in
                for r in 0..<x.rows {
                    let dst = o.baseAddress! + r * h
                    for k in 0..<h { dst[k] = b1[k] }
                    for p in x.rowPtr[r]..<x.rowPtr[r + 1] {
                        let i = Int(inputRow[Int(x.colIdx[p])])
                        if i >= 0 { ClassifierTrainer.axpy(x.values[p], w.baseAddress! + i * h, dst, h) }
                    }
                    for k in 0..<h where dst[k] < 0 { dst[k] = 0 }
                }
            }
        }
        return Matrix(rows: x.rows, cols: h, values: out)
    }

    /// Scores `[rows × labels]` of TF-IDF rows (one gemm after the sparse first layer).
    func logits(_ x: CSRMatrix) -> Matrix {
        var z = Kernels.matmul(activations(x), .none, w2, .none)
        let c = w2.cols
        z.withUnsafeMutableBufferPointer { p in
            for r in 0..<x.rows { for k in 0..<c { p[r * c + k] += b2[k] } }
        }
        return z
    }
}

/// Trains a `HiddenLayer` by minibatch Adam on the softmax cross-entropy, with dropout on the
/// hidden units. Single-threaded and seeded (row order, initialization, dropout masks), so a seed
/// gives the same weights every run. `W1` takes lazy Adam steps on the rows a batch touches, as
/// the linear trainer does; `W2` and the biases are dense (gemm through `Kernels`).
enum HiddenLayerTrainer {
    static func train(x: CSRMatrix, y: [Int], classCount c: Int, config: ClassifierConfig,
                      unbalancedClass: Int?) -> HiddenLayer {
        let n = x.rows, h = config.hiddenUnits
        // Inputs: features in at least `hidden_min_df` rows.
        var df = [Int32](repeating: 0, count: x.cols)
        for p in 0..<x.nonZeroCount { df[Int(x.colIdx[p])] += 1 }
        let inputs = (0..<x.cols).filter { df[$0] >= Int32(config.hiddenMinDF) }.map { Int32($0) }
        var inputRow = [Int32](repeating: -1, count: x.cols)
        for (i, col) in inputs.enumerated() { inputRow[Int(col)] = Int32(i) }
        let f = inputs.count

        var rng = SplitMix64(seed: config.seed ^ 0x4D4C_5000)
        let r1 = config.hiddenInitScale * Float(3).squareRoot()
        var w1 = (0..<(f * h)).map { _ in (rng.nextUnitFloat() * 2 - 1) * r1 }
        var b1 = [Float](repeating: 0, count: h)
        let r2 = (6 / Float(h + c)).squareRoot()
        var w2 = (0..<(h * c)).map { _ in (rng.nextUnitFloat() * 2 - 1) * r2 }
        var b2 = [Float](repeating: 0, count: c)
        var adam1 = LazyAdam(rows: f, cols: h), adamB1 = LazyAdam(rows: 1, cols: h)
        var adam2 = LazyAdam(rows: h, cols: c), adamB2 = LazyAdam(rows: 1, cols: c)
        let allW2Rows = (0..<h).map { Int32($0) }

        let sampleWeight = ClassifierTrainer.weights(y, classCount: c, power: config.classBalance, unbalancedClass: unbalancedClass)
        let batchSize = max(1, config.batchSize)
        let batchesPerEpoch = max(1, (n + batchSize - 1) / batchSize)
        let epochs = max(config.hiddenEpochs, (config.hiddenMinSteps + batchesPerEpoch - 1) / batchesPerEpoch)
        let keep = 1 - config.hiddenDropout, inverseKeep = 1 / max(1e-6, 1 - config.hiddenDropout)
        var learningRate = config.hiddenLearningRate
        var order = Array(0..<n)
        var slotOf = [Int32](repeating: -1, count: f)
        var touched: [Int32] = [], grad: [Float] = []

        for _ in 0..<epochs where !TrainingStop.isRequested {
            ClassifierTrainer.shuffle(&order, &rng)
            for start in stride(from: 0, to: n, by: batchSize) {
                let batch = Array(order[start..<min(start + batchSize, n)])
                let b = batch.count
                // Forward: pre-activations, then ReLU and inverted dropout (the mask kept as a scale).
                var pre = [Float](repeating: 0, count: b * h)
                var scale = [Float](repeating: 0, count: b * h)
                w1.withUnsafeBufferPointer { w in
                    pre.withUnsafeMutableBufferPointer { o in
                        for (r, row) in batch.enumerated() {
                            let dst = o.baseAddress! + r * h
                            for k in 0..<h { dst[k] = b1[k] }
                            for p in x.rowPtr[row]..<x.rowPtr[row + 1] {
                                let i = Int(inputRow[Int(x.colIdx[p])])
                                if i >= 0 { ClassifierTrainer.axpy(x.values[p], w.baseAddress! + i * h, dst, h) }
                            }
                        }
                    }
                }
                var act = pre
                for k in 0..<(b * h) {
                    let kept = rng.nextUnitFloat() < keep
                    scale[k] = pre[k] > 0 && kept ? inverseKeep : 0
                    act[k] = pre[k] * scale[k]
                }
                let a = Matrix(rows: b, cols: h, values: act)
                var z = Kernels.matmul(a, .none, Matrix(rows: h, cols: c, values: w2), .none)
                var totalWeight: Float = 0
                for row in batch { totalWeight += sampleWeight[row] }
                var b2Grad = [Float](repeating: 0, count: c)
                z.withUnsafeMutableBufferPointer { zp in
                    for (r, row) in batch.enumerated() {
                        let out = UnsafeMutableBufferPointer(rebasing: zp[(r * c)..<(r * c + c)])
                        for k in 0..<c { out[k] += b2[k] }
                        Calibration.softmaxInPlace(out)
                        out[y[row]] -= 1
                        let s = sampleWeight[row] / totalWeight
                        for k in 0..<c { out[k] *= s; b2Grad[k] += out[k] }
                    }
                }
                // Backward through W2 (gemm), the mask, and the touched rows of W1.
                let w2Grad = Kernels.matmul(a, .transpose, z, .none)                       // [H × c]
                var dh = Kernels.matmul(z, .none, Matrix(rows: h, cols: c, values: w2), .transpose).values  // [B × H]
                var b1Grad = [Float](repeating: 0, count: h)
                for k in 0..<(b * h) { dh[k] *= scale[k]; b1Grad[k % h] += dh[k] }
                touched.removeAll(keepingCapacity: true)
                for row in batch {
                    for p in x.rowPtr[row]..<x.rowPtr[row + 1] {
                        let i = Int(inputRow[Int(x.colIdx[p])])
                        if i >= 0 && slotOf[i] < 0 { slotOf[i] = Int32(touched.count); touched.append(Int32(i)) }
                    }
                }
                grad.removeAll(keepingCapacity: true)
                grad.append(contentsOf: repeatElement(0, count: touched.count * h))
                dh.withUnsafeBufferPointer { g in
                    grad.withUnsafeMutableBufferPointer { gp in
                        for (r, row) in batch.enumerated() {
                            for p in x.rowPtr[row]..<x.rowPtr[row + 1] {
                                let i = Int(inputRow[Int(x.colIdx[p])])
                                if i >= 0 {
                                    ClassifierTrainer.axpy(x.values[p], g.baseAddress! + r * h, gp.baseAddress! + Int(slotOf[i]) * h, h)
                                }
                            }
                        }
                    }
                }
                adam1.step(&w1, rows: touched, gradient: grad, learningRate: learningRate, decay: config.l2)
                adamB1.step(&b1, rows: [0], gradient: b1Grad, learningRate: learningRate, decay: 0)
                adam2.step(&w2, rows: allW2Rows, gradient: w2Grad.values, learningRate: learningRate, decay: config.l2)
                adamB2.step(&b2, rows: [0], gradient: b2Grad, learningRate: learningRate, decay: 0)
                for t in touched { slotOf[Int(t)] = -1 }
            }
            learningRate *= config.learningRateDecay
        }
        return HiddenLayer(inputs: inputs, units: h, w1: w1, b1: b1, w2: Matrix(rows: h, cols: c, values: w2), b2: b2,
                           mix: config.hiddenMix >= 0 ? config.hiddenMix : 0.5, featureCount: x.cols)
    }
}
