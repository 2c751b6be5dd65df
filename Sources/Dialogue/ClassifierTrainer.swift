import Foundation
import LinearAlgebra

/// Trains `LinearClassifier` weights by minibatch gradient descent on the softmax cross-entropy.
///
/// Per minibatch: the forward pass is one CSR × dense product (`CSRMatrix.multiply`, LinearAlgebra);
/// the gradient `Xᵀ(P − Y)` touches only the rows of `W` whose features occur in the batch, and
/// only those rows take a lazy Adam step with decoupled L2 decay (`W[r] −= lr·λ·W[r]`). The bias is
/// updated densely. Row order comes from a `SplitMix64` seeded with `config.seed`, and the work
/// is single-threaded, so a seed gives the same weights every run. With `average_epochs` = k > 1
/// the result is the mean of the weights at the end of the last k epochs (tail averaging).
enum ClassifierTrainer {
    /// Trained parameters.
    struct Parameters {
        var weights: Matrix
        var bias: [Float]
    }

    /// Trains on TF-IDF rows `x` with label indices `y` (in `0..<classCount`).
    /// `unbalancedClass` (the intent model's "oos") keeps weight 1 under `class_balance`.
    static func train(x: CSRMatrix, y: [Int], classCount c: Int, config: ClassifierConfig,
                      unbalancedClass: Int? = nil) -> Parameters {
        precondition(x.rows == y.count, "ClassifierTrainer: \(x.rows) rows, \(y.count) labels")
        let d = x.cols, n = x.rows
        var w = [Float](repeating: 0, count: d * c)
        var bias = [Float](repeating: 0, count: c)
        let sampleWeight = weights(y, classCount: c, power: config.classBalance, unbalancedClass: unbalancedClass)
        var adam = LazyAdam(rows: d, cols: c)
        var biasAdam = LazyAdam(rows: 1, cols: c)
        var rng = SplitMix64(seed: config.seed)
        var order = Array(0..<n)
        var slotOf = [Int32](repeating: -1, count: d)
        var touched: [Int32] = []
        var grad: [Float] = []
        var learningRate = config.learningRate
        let batchSize = max(1, config.batchSize)
        let batchesPerEpoch = max(1, (n + batchSize - 1) / batchSize)
        let epochs = max(config.epochs, (config.minSteps + batchesPerEpoch - 1) / batchesPerEpoch)
        let averaged = min(epochs, max(1, config.averageEpochs))
        var averageW = [Float](repeating: 0, count: averaged > 1 ? d * c : 0)
        var averageBias = [Float](repeating: 0, count: c)
        for epoch in 0..<epochs where !TrainingStop.isRequested {
            shuffle(&order, &rng)
            for start in stride(from: 0, to: n, by: batchSize) {
                let batch = Array(order[start..<min(start + batchSize, n)])
                let xb = x.selectRows(batch)
                var z = xb.multiply(Matrix(rows: d, cols: c, values: w))       // forward: [B × c]
                var biasGrad = [Float](repeating: 0, count: c)
                var totalWeight: Float = 0
                for i in batch.indices { totalWeight += sampleWeight[batch[i]] }
                z.withUnsafeMutableBufferPointer { zp in
                    for i in batch.indices {
                        let row = UnsafeMutableBufferPointer(rebasing: zp[(i * c)..<(i * c + c)])
                        for k in 0..<c { row[k] += bias[k] }
                        Calibration.softmaxInPlace(row)
                        row[y[batch[i]]] -= 1                                 // P − Y
                        let scale = sampleWeight[batch[i]] / totalWeight
                        for k in 0..<c { row[k] *= scale; biasGrad[k] += row[k] }
                    }
                }
                // Backward: gradient rows of the features in the batch only.
                touched.removeAll(keepingCapacity: true)
                for p in 0..<xb.nonZeroCount where slotOf[Int(xb.colIdx[p])] < 0 {
                    slotOf[Int(xb.colIdx[p])] = Int32(touched.count)
                    touched.append(xb.colIdx[p])
                }
                grad.removeAll(keepingCapacity: true)
                grad.append(contentsOf: repeatElement(0, count: touched.count * c))
                z.withUnsafeBufferPointer { g in
                    grad.withUnsafeMutableBufferPointer { gp in
                        for r in 0..<xb.rows {
                            for p in xb.rowPtr[r]..<xb.rowPtr[r + 1] {
                                let s = Int(slotOf[Int(xb.colIdx[p])]), v = xb.values[p]
                                axpy(v, g.baseAddress! + r * c, gp.baseAddress! + s * c, c)
                            }
                        }
                    }
                }
                adam.step(&w, rows: touched, gradient: grad, learningRate: learningRate, decay: config.l2)
                biasAdam.step(&bias, rows: [0], gradient: biasGrad, learningRate: learningRate, decay: 0)
                for t in touched { slotOf[Int(t)] = -1 }
            }
            learningRate *= config.learningRateDecay
            if averaged > 1 && epoch >= epochs - averaged {                              // tail average of the last epochs
                for i in 0..<w.count { averageW[i] += w[i] }
                for k in 0..<c { averageBias[k] += bias[k] }
            }
        }
        if averaged > 1 {
            let scale = 1 / Float(averaged)
            for i in 0..<w.count { w[i] = averageW[i] * scale }
            for k in 0..<c { bias[k] = averageBias[k] * scale }
        }
        return Parameters(weights: Matrix(rows: d, cols: c, values: w), bias: bias)
    }

    /// `o[0..<n] += a · x[0..<n]`, eight lanes at a time.
    @inline(__always)
    static func axpy(_ a: Float, _ x: UnsafePointer<Float>, _ o: UnsafeMutablePointer<Float>, _ n: Int) {
        var j = 0
        while j + 8 <= n {
            let sum = UnsafeRawPointer(o + j).loadUnaligned(as: SIMD8<Float>.self)
                + a * UnsafeRawPointer(x + j).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(o + j).storeBytes(of: sum, as: SIMD8<Float>.self)
            j += 8
        }
        while j < n { o[j] += a * x[j]; j += 1 }
    }

    /// Example weights `(mean class size / class size)^power`; `unbalancedClass` keeps 1 (a large
    /// "oos" class of varied chatter would otherwise be weighted down and recalled less).
    static func weights(_ y: [Int], classCount: Int, power: Float, unbalancedClass: Int? = nil) -> [Float] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in y { counts[label] += 1 }
        let mean = Float(y.count) / Float(max(1, counts.filter { $0 > 0 }.count))
        return y.map { $0 == unbalancedClass ? 1 : powf(mean / Float(counts[$0]), power) }
    }

    /// Fisher–Yates with the seeded generator.
    static func shuffle<T>(_ a: inout [T], _ rng: inout SplitMix64) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            let j = Int(rng.next() % UInt64(i + 1))
            a.swapAt(i, j)
        }
    }
}

/// Adam (Kingma & Ba) for a row-major parameter block where each step touches a few rows;
/// untouched rows and their moments are left alone ("lazy"). L2 is decoupled (AdamW).
struct LazyAdam {
    var m: [Float], v: [Float]
    let cols: Int
    var step = 0
    let beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8

    init(rows: Int, cols: Int) {
        self.cols = cols
        m = [Float](repeating: 0, count: rows * cols)
        v = m
    }

    /// `gradient` row `k` (`[rows.count × cols]`) is the gradient of parameter row `rows[k]`.
    mutating func step(_ w: inout [Float], rows: [Int32], gradient: [Float], learningRate: Float, decay: Float) {
        step += 1
        let c1 = 1 - powf(beta1, Float(step)), c2 = 1 - powf(beta2, Float(step))
        let stepSize = learningRate / c1, inverseC2 = 1 / c2, shrink = learningRate * decay
        let b1 = beta1, b2 = beta2, eps = epsilon, d = cols
        w.withUnsafeMutableBufferPointer { wp in
            m.withUnsafeMutableBufferPointer { mp in
                v.withUnsafeMutableBufferPointer { vp in
                    gradient.withUnsafeBufferPointer { gp in
                        for (k, row) in rows.enumerated() {
                            LazyAdam.updateRow(d, g: gp.baseAddress! + k * d, w: wp.baseAddress! + Int(row) * d,
                                               m: mp.baseAddress! + Int(row) * d, v: vp.baseAddress! + Int(row) * d,
                                               b1: b1, b2: b2, stepSize: stepSize, inverseC2: inverseC2, eps: eps, shrink: shrink)
                        }
                    }
                }
            }
        }
    }

    /// One row's update, eight lanes at a time (the scalar loop does not vectorize: the compiler
    /// cannot prove the four pointers distinct).
    @inline(__always)
    static func updateRow(_ d: Int, g: UnsafePointer<Float>, w: UnsafeMutablePointer<Float>, m: UnsafeMutablePointer<Float>,
                          v: UnsafeMutablePointer<Float>, b1: Float, b2: Float, stepSize: Float, inverseC2: Float,
                          eps: Float, shrink: Float) {
        typealias V8 = SIMD8<Float>
        var j = 0
        while j + 8 <= d {
            let gj = UnsafeRawPointer(g + j).loadUnaligned(as: V8.self)
            let mj = b1 * UnsafeRawPointer(m + j).loadUnaligned(as: V8.self) + (1 - b1) * gj
            let vj = b2 * UnsafeRawPointer(v + j).loadUnaligned(as: V8.self) + (1 - b2) * gj * gj
            let wj = UnsafeRawPointer(w + j).loadUnaligned(as: V8.self)
            let next = wj - stepSize * mj / ((vj * inverseC2).squareRoot() + eps) - shrink * wj
            UnsafeMutableRawPointer(m + j).storeBytes(of: mj, as: V8.self)
            UnsafeMutableRawPointer(v + j).storeBytes(of: vj, as: V8.self)
            UnsafeMutableRawPointer(w + j).storeBytes(of: next, as: V8.self)
            j += 8
        }
        while j < d {
            m[j] = b1 * m[j] + (1 - b1) * g[j]
            v[j] = b2 * v[j] + (1 - b2) * g[j] * g[j]
            w[j] -= stepSize * m[j] / ((v[j] * inverseC2).squareRoot() + eps) + shrink * w[j]
            j += 1
        }
    }
}

extension CSRMatrix {
    /// The rows `indices` (in that order) as a new CSR matrix with the same columns.
    func selectRows(_ indices: [Int]) -> CSRMatrix {
        var ptr = [0], cols: [Int32] = [], vals: [Float] = []
        ptr.reserveCapacity(indices.count + 1)
        for r in indices {
            let span = rowPtr[r]..<rowPtr[r + 1]
            cols.append(contentsOf: colIdx[span])
            vals.append(contentsOf: values[span])
            ptr.append(cols.count)
        }
        return CSRMatrix(trustedRows: indices.count, cols: self.cols, rowPtr: ptr, colIdx: cols, values: vals)
    }
}
