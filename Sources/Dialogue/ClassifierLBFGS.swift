import Foundation
import LinearAlgebra

/// Full-batch L-BFGS for the linear part (`solver` "lbfgs", or "auto" when the weights are small
/// enough): minimizes the weighted mean cross-entropy over all training rows plus
/// `lbfgs_l2 / 2 · ‖W‖²` (the bias is not penalized), run to convergence.
///
/// Why beside the minibatch trainer: Adam scales each weight's step by that weight's own gradient
/// history, so a feature seen in one training text moves as fast as a frequent one, and on a
/// small intent set (tens of examples per label) the rare n-grams end up carrying the labels.
/// The L2-penalized optimum gives them little weight. On the default knowledge's intents (5-fold
/// cross-validation) it classified 4–5 points more texts right (Models/DIALOGUE.md). L-BFGS keeps
/// `2 · history` copies of the weights, so "auto" uses it only up to ``autoLimit`` weights (a
/// knowledge base's intents; not CLINC150's 150 labels × 10⁵ features).
///
/// Per iteration: one `CSRMatrix.multiply` for the logits and one `transposeMultiply` for the
/// gradient; the two-loop recursion and the line search are vectorized loops (see the helpers).
/// Deterministic (no random order), so `ensemble_size` adds nothing and is not used.
enum ClassifierLBFGS {
    /// The largest `features × labels` that `solver: auto` trains with L-BFGS.
    static let autoLimit = 3_000_000
    /// Correction pairs kept.
    static let history = 8

    /// Whether `config` trains a `features × labels` linear part with L-BFGS.
    static func applies(_ config: ClassifierConfig, features: Int, labels: Int) -> Bool {
        switch config.solver {
        case "lbfgs": return true
        case "auto": return features * labels <= autoLimit
        default: return false
        }
    }

    /// `start` (`W` row-major, then the bias), when given, is where the search begins: the refit
    /// on all examples starts from the held-out fit's weights and needs fewer iterations.
    static func train(x: CSRMatrix, y: [Int], classCount c: Int, config: ClassifierConfig,
                      unbalancedClass: Int? = nil, start: [Float]? = nil) -> ClassifierTrainer.Parameters {
        let d = x.cols, n = x.rows, dc = d * c
        let objective = Objective(x: x, y: y, classCount: c, lambda: config.lbfgsL2,
                                  weights: ClassifierTrainer.weights(y, classCount: c, power: config.classBalance,
                                                                     unbalancedClass: unbalancedClass))
        var theta = [Float](repeating: 0, count: dc + c)
        if let start, start.count == theta.count { theta = start }
        guard n > 0 else { return parameters(theta, d: d, c: c) }
        var g = [Float](repeating: 0, count: theta.count)
        var f = objective.evaluate(theta, gradient: &g)
        var s: [[Float]] = [], yv: [[Float]] = [], rho: [Float] = []
        for iteration in 0..<config.lbfgsIterations where !TrainingStop.isRequested {
            // Two-loop recursion: direction = −H·g.
            var q = g
            var alpha = [Float](repeating: 0, count: s.count)
            for i in s.indices.reversed() {
                alpha[i] = rho[i] * dot(s[i], q)
                axpy(-alpha[i], yv[i], &q)
            }
            if let sl = s.last, let yl = yv.last {
                let yy = dot(yl, yl)
                if yy > 0 { scale(&q, dot(sl, yl) / yy) }
            } else {
                scale(&q, 1 / max(1, norm(g)))            // first step: unit length at most
            }
            for i in s.indices {
                let beta = rho[i] * dot(yv[i], q)
                axpy(alpha[i] - beta, s[i], &q)
            }
            var slope = -dot(g, q)
            if !(slope < 0) {                                      // not a descent direction: restart
                s.removeAll(); yv.removeAll(); rho.removeAll()
                q = g
                scale(&q, 1 / max(1, norm(g)))
                slope = -dot(g, q)
                if !(slope < 0) { break }
            }
            // Backtracking (Armijo) along −q.
            var step: Float = 1
            var next = theta, nextG = g, nextF = f
            var accepted = false
            for _ in 0..<30 {
                next = theta
                axpy(-step, q, &next)
                nextF = objective.evaluate(next, gradient: &nextG)
                if nextF <= f + 1e-4 * Double(step) * Double(slope) { accepted = true; break }
                step *= 0.5
            }
            guard accepted else { break }
            var sNew = next, yNew = nextG
            axpy(-1, theta, &sNew)
            axpy(-1, g, &yNew)
            let sy = dot(sNew, yNew)
            if sy > 1e-10 {
                s.append(sNew); yv.append(yNew); rho.append(1 / sy)
                if s.count > history { s.removeFirst(); yv.removeFirst(); rho.removeFirst() }
            }
            let decrease = f - nextF
            theta = next; g = nextG; f = nextF
            if iteration > 0 && decrease <= config.lbfgsTolerance * max(1, abs(f)) { break }
        }
        return parameters(theta, d: d, c: c)
    }

    /// `model`'s weights laid out for `space` (rows matched by bucket, dense columns by position;
    /// a bucket `model` lacks starts at 0), then its bias: a starting point for `train`.
    static func start(from model: LinearClassifier, for space: FeatureSpace) -> [Float]? {
        let c = model.labels.count, old = model.space
        guard model.bias.count == c, (old.dense?.dimension ?? 0) == (space.dense?.dimension ?? 0) else { return nil }
        var theta = [Float](repeating: 0, count: space.featureCount * c + c)
        model.weights.withUnsafeBufferPointer { w in
            for (j, b) in space.buckets.enumerated() {
                let i = Int(old.column[Int(b)])
                guard i >= 0 else { continue }
                for k in 0..<c { theta[j * c + k] = w[i * c + k] }
            }
            let dense = space.dense?.dimension ?? 0
            for k in 0..<dense {
                let i = old.buckets.count + k, j = space.buckets.count + k
                for l in 0..<c { theta[j * c + l] = w[i * c + l] }
            }
        }
        for k in 0..<c { theta[space.featureCount * c + k] = model.bias[k] }
        return theta
    }

    static func parameters(_ theta: [Float], d: Int, c: Int) -> ClassifierTrainer.Parameters {
        ClassifierTrainer.Parameters(weights: Matrix(rows: d, cols: c, values: Array(theta[0..<(d * c)])),
                                     bias: Array(theta[(d * c)...]))
    }

    // Vector helpers: loops the compiler vectorizes, on the calling thread. Not BLAS: unless it is
    // limited to one thread (as `serve` does), OpenBLAS spreads a level-1 call on a million floats
    // over both cores, one of which trains the hidden layer meanwhile.

    static func dot(_ x: [Float], _ y: [Float]) -> Float {
        precondition(x.count == y.count, "ClassifierLBFGS.dot: lengths \(x.count) and \(y.count)")
        return x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in
                var acc = SIMD8<Float>(), j = 0
                let n = px.count
                while j + 8 <= n {
                    acc += UnsafeRawPointer(px.baseAddress! + j).loadUnaligned(as: SIMD8<Float>.self)
                        * UnsafeRawPointer(py.baseAddress! + j).loadUnaligned(as: SIMD8<Float>.self)
                    j += 8
                }
                var sum = acc.sum()
                while j < n { sum += px[j] * py[j]; j += 1 }
                return sum
            }
        }
    }

    /// `y += a · x`.
    static func axpy(_ a: Float, _ x: [Float], _ y: inout [Float]) {
        precondition(x.count == y.count, "ClassifierLBFGS.axpy: lengths \(x.count) and \(y.count)")
        x.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in
                guard let xb = px.baseAddress, let yb = py.baseAddress else { return }
                ClassifierTrainer.axpy(a, xb, yb, px.count)
            }
        }
    }

    static func norm(_ v: [Float]) -> Float { dot(v, v).squareRoot() }

    static func scale(_ v: inout [Float], _ a: Float) {
        for i in v.indices { v[i] *= a }
    }

    /// The penalized weighted mean cross-entropy and its gradient.
    struct Objective {
        let x: CSRMatrix
        let y: [Int]
        let classCount: Int
        let lambda: Float
        /// Example weights divided by their sum.
        let share: [Float]

        init(x: CSRMatrix, y: [Int], classCount: Int, lambda: Float, weights: [Float]) {
            self.x = x
            self.y = y
            self.classCount = classCount
            self.lambda = lambda
            let total = weights.reduce(0, +)
            share = weights.map { total > 0 ? $0 / total : 0 }
        }

        /// The objective at `theta` (`W` row-major, then the bias); writes its gradient.
        func evaluate(_ theta: [Float], gradient: inout [Float]) -> Double {
            let c = classCount, d = x.cols, dc = d * c
            var z = x.multiply(Matrix(rows: d, cols: c, values: Array(theta[0..<dc])))
            var loss = 0.0
            var biasGrad = [Float](repeating: 0, count: c)
            z.withUnsafeMutableBufferPointer { zp in
                for i in 0..<x.rows {
                    let row = UnsafeMutableBufferPointer(rebasing: zp[(i * c)..<(i * c + c)])
                    for k in 0..<c { row[k] += theta[dc + k] }
                    let top = row.max() ?? 0
                    var sum = 0.0
                    for k in 0..<c { sum += Double(expf(row[k] - top)) }
                    loss += Double(share[i]) * (Double(top) + log(sum) - Double(row[y[i]]))
                    Calibration.softmaxInPlace(row)
                    row[y[i]] -= 1
                    for k in 0..<c { row[k] *= share[i]; biasGrad[k] += row[k] }
                }
            }
            let g = x.transposeMultiply(z)
            var penalty = 0.0
            g.withUnsafeBufferPointer { gp in
                gradient.withUnsafeMutableBufferPointer { out in
                    theta.withUnsafeBufferPointer { t in
                        for j in 0..<dc {
                            out[j] = gp[j] + lambda * t[j]
                            penalty += Double(t[j] * t[j])
                        }
                    }
                }
            }
            for k in 0..<c { gradient[dc + k] = biasGrad[k] }
            return loss + 0.5 * Double(lambda) * penalty
        }
    }
}
