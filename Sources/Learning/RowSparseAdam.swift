import Foundation
import LinearAlgebra

/// Adam (Kingma & Ba 2015) for a parameter matrix whose gradients touch a few rows per step:
/// only the given rows and their moment estimates are updated ("lazy" Adam). Bias correction
/// uses the global step count.
///
/// The L2 pull toward the anchor W0 is *decoupled* (AdamW, Loshchilov & Hutter 2019): it is not
/// part of the gradient Adam rescales — there, a row whose contrastive gradient is tiny would be
/// pulled back at full step size — but a separate shrink of the touched rows toward W0.
///
/// For a touched row r: `m = β1·m + (1−β1)·g`, `v = β2·v + (1−β2)·g²`,
/// `W[r] -= lr · ((m / (1 − β1ᵗ)) / (√(v / (1 − β2ᵗ)) + ε) + λ·(W[r] − W0[r]))`.
struct RowSparseAdam: Sendable {
    /// Step size.
    var learningRate: Float
    var beta1: Float = 0.9
    var beta2: Float = 0.999
    var epsilon: Float = 1e-8
    /// First and second moments, `[F × d]` each.
    private var m: [Float]
    private var v: [Float]
    /// Steps taken.
    private(set) var step = 0

    /// An optimizer for a `[rows × cols]` parameter matrix.
    init(rows: Int, cols: Int, learningRate: Float) {
        self.learningRate = learningRate
        m = [Float](repeating: 0, count: rows * cols)
        v = m
    }

    /// Applies one step: `gradient` row `k` is the gradient of `w` row `rows[k]` (`[U × d]`);
    /// `pull` is λ of the decay toward `anchor` (W0, same shape as `w`).
    mutating func update(_ w: inout Matrix, rows: [Int32], gradient: Matrix, anchor: Matrix, pull: Float) {
        precondition(gradient.rows == rows.count && gradient.cols == w.cols && anchor.cols == w.cols,
                     "RowSparseAdam: gradient \(gradient.rows)×\(gradient.cols) for \(rows.count) rows of width \(w.cols)")
        step += 1
        let d = w.cols
        let c1 = 1 - powf(beta1, Float(step)), c2 = 1 - powf(beta2, Float(step))
        let k = Constants(beta1: beta1, beta2: beta2, stepSize: learningRate / c1, inverseC2: 1 / c2,
                          epsilon: epsilon, decay: learningRate * pull)
        gradient.withUnsafeBufferPointer { g in
            anchor.withUnsafeBufferPointer { w0 in
                w.withUnsafeMutableBufferPointer { wp in
                    m.withUnsafeMutableBufferPointer { mp in
                        v.withUnsafeMutableBufferPointer { vp in
                            for (i, row) in rows.enumerated() {
                                let base = Int(row) * d
                                RowSparseAdam.updateRow(d, k, g: g.baseAddress! + i * d, w: wp.baseAddress! + base,
                                                        w0: w0.baseAddress! + base, m: mp.baseAddress! + base,
                                                        v: vp.baseAddress! + base)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Per-step constants: `stepSize = lr / (1 − β1ᵗ)`, `inverseC2 = 1 / (1 − β2ᵗ)`, `decay = lr·λ`.
    struct Constants {
        var beta1: Float, beta2: Float, stepSize: Float, inverseC2: Float, epsilon: Float, decay: Float
    }

    /// The update of one row of length `d`, eight lanes at a time (the scalar loop does not
    /// vectorize: the compiler cannot prove the five pointers distinct).
    @inline(__always)
    static func updateRow(_ d: Int, _ k: Constants, g: UnsafePointer<Float>, w: UnsafeMutablePointer<Float>,
                          w0: UnsafePointer<Float>, m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>) {
        typealias V8 = SIMD8<Float>
        var j = 0
        while j + 8 <= d {
            let gj = UnsafeRawPointer(g + j).loadUnaligned(as: V8.self)
            let mj = k.beta1 * UnsafeRawPointer(m + j).loadUnaligned(as: V8.self) + (1 - k.beta1) * gj
            let vj = k.beta2 * UnsafeRawPointer(v + j).loadUnaligned(as: V8.self) + (1 - k.beta2) * gj * gj
            let wj = UnsafeRawPointer(w + j).loadUnaligned(as: V8.self)
            let delta = wj - UnsafeRawPointer(w0 + j).loadUnaligned(as: V8.self)
            let next = wj - k.stepSize * mj / ((vj * k.inverseC2).squareRoot() + k.epsilon) - k.decay * delta
            UnsafeMutableRawPointer(m + j).storeBytes(of: mj, as: V8.self)
            UnsafeMutableRawPointer(v + j).storeBytes(of: vj, as: V8.self)
            UnsafeMutableRawPointer(w + j).storeBytes(of: next, as: V8.self)
            j += 8
        }
        while j < d {
            let gj = g[j]
            m[j] = k.beta1 * m[j] + (1 - k.beta1) * gj
            v[j] = k.beta2 * v[j] + (1 - k.beta2) * gj * gj
            w[j] -= k.stepSize * m[j] / ((v[j] * k.inverseC2).squareRoot() + k.epsilon) + k.decay * (w[j] - w0[j])
            j += 1
        }
    }
}
