import Foundation
import LinearAlgebra

/// Symmetric InfoNCE over in-batch negatives (plus optional mined hard negatives), with its
/// gradient, written out step by step.
///
/// Input: a batch of `B` pairs whose *unnormalized* embeddings are the rows of `Za` and `Zp`
/// (`[B × d]` each); pair `i` is `(Za[i], Zp[i])`, from group `g[i]`, with loss weight `w[i]`;
/// and `H` extra negatives `Zn` (`[H × d]`, groups `h[k]`, -1 for texts of no group).
///
/// Forward:
/// 1. `A = rownorm(Za)`, `P = rownorm(Zp)`, `N = rownorm(Zn)` (cosine geometry);
/// 2. logits `S = A·[P; N]ᵀ / τ` `[B × (B + H)]`; an entry `(i, j)` other than `(i, i)` whose
///    column belongs to group `g[i]` is masked (a paraphrase is not a negative);
/// 3. `R = softmax over each row of S` (anchor i against every candidate),
///    `C = softmax over each of the first B columns, down the rows` (positive j against every anchor);
/// 4. `L = Σᵢ wᵢ · (−ln R[i,i] − ln C[i,i]) / (2 · Σᵢ wᵢ)`.
///
/// Backward (`ω_i = wᵢ / (2 Σ w)`):
/// 5. `dS[i,j] = ω_i · (R[i,j] − δᵢⱼ) + ω_j · (C[i,j] − δᵢⱼ)` (the second term only for j < B;
///    zero on masked entries);
/// 6. `dA = dS·[P; N] / τ`, `d[P; N] = dSᵀ·A / τ`;
/// 7. through the normalization `a = z/‖z‖`: `dz = (da − a·⟨a, da⟩) / ‖z‖` (a zero row gets zero).
struct InfoNCELoss: Sendable {
    /// Softmax temperature τ.
    var temperature: Float

    /// The loss and its gradients `dL/dZa`, `dL/dZp` (`[B × d]`) and `dL/dZn` (`[H × d]`).
    func evaluate(za: Matrix, zp: Matrix, zn: Matrix? = nil, groups: [Int], negativeGroups: [Int] = [],
                  weights: [Float]) -> (loss: Float, gradA: Matrix, gradP: Matrix, gradN: Matrix) {
        let b = za.rows, d = za.cols, h = zn?.rows ?? 0
        precondition(zp.rows == b && zp.cols == d && groups.count == b && weights.count == b
                     && negativeGroups.count == h && (zn?.cols ?? d) == d,
                     "InfoNCE: Za \(za.rows)×\(za.cols), Zp \(zp.rows)×\(zp.cols), Zn \(h), \(groups.count) groups")
        // 1. Normalize; candidates = [P; N]. A [B × d], K [(B + H) × d]
        var a = za, k = zp
        if let zn { k.appendRows(zn) }
        let normA = Kernels.normalizeRows(&a), normK = Kernels.normalizeRows(&k)
        let columnGroups = groups + negativeGroups
        // 2. Logits with masked same-group candidates. S [B × (B + H)]
        var s = Matrix(rows: b, cols: b + h)
        Kernels.gemm(a, .none, k, .transpose, into: &s, alpha: 1 / temperature)
        for i in 0..<b {
            for j in 0..<(b + h) where j != i && columnGroups[j] == groups[i] { s[i, j] = -.infinity }
        }
        // 3. Row softmax over all candidates, column softmax over the anchors for the positives.
        let r = InfoNCELoss.softmaxRows(s)                                  // [B × (B + H)]
        let c = InfoNCELoss.softmaxRows(s.columns(0..<b).transposed).transposed   // [B × B]
        // 4. Weighted loss.
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0 else {
            return (0, Matrix(rows: b, cols: d), Matrix(rows: b, cols: d), Matrix(rows: h, cols: d))
        }
        let omega = weights.map { $0 / (2 * totalWeight) }
        var loss: Float = 0
        for i in 0..<b {
            loss -= omega[i] * (logf(max(r[i, i], .leastNormalMagnitude)) + logf(max(c[i, i], .leastNormalMagnitude)))
        }
        // 5. Gradient of the logits. dS [B × (B + H)]
        var ds = Matrix(rows: b, cols: b + h)
        for i in 0..<b {
            for j in 0..<(b + h) {
                let delta: Float = i == j ? 1 : 0
                ds[i, j] = omega[i] * (r[i, j] - delta) + (j < b ? omega[j] * (c[i, j] - delta) : 0)
            }
        }
        // 6. Gradient of the normalized embeddings. dA [B × d], dK [(B + H) × d]
        var da = Matrix(rows: b, cols: d), dk = Matrix(rows: b + h, cols: d)
        Kernels.gemm(ds, .none, k, .none, into: &da, alpha: 1 / temperature)
        Kernels.gemm(ds, .transpose, a, .none, into: &dk, alpha: 1 / temperature)
        // 7. Back through the normalization.
        let dzk = InfoNCELoss.normalizationBackward(dk, unit: k, norms: normK)
        return (loss, InfoNCELoss.normalizationBackward(da, unit: a, norms: normA),
                dzk.rows(0..<b), dzk.rows(b..<(b + h)))
    }

    /// Softmax of every row (`-∞` entries get probability 0). `[n × m]` → `[n × m]`.
    static func softmaxRows(_ x: Matrix) -> Matrix {
        var out = x
        for i in 0..<x.rows {
            var top = -Float.infinity
            for j in 0..<x.cols { top = max(top, x[i, j]) }
            var sum: Float = 0
            for j in 0..<x.cols {
                let e = x[i, j] == -.infinity ? 0 : expf(x[i, j] - top)
                out[i, j] = e
                sum += e
            }
            for j in 0..<x.cols { out[i, j] /= sum }
        }
        return out
    }

    /// `dz = (da − a·⟨a, da⟩) / ‖z‖` per row, for `a = z / ‖z‖`. `[n × d]` → `[n × d]`.
    static func normalizationBackward(_ da: Matrix, unit a: Matrix, norms: [Float]) -> Matrix {
        var dz = da
        let d = da.cols
        for i in 0..<da.rows {
            guard norms[i] > 0 else {
                for k in 0..<d { dz[i, k] = 0 }
                continue
            }
            var dot: Float = 0
            for k in 0..<d { dot += a[i, k] * da[i, k] }
            for k in 0..<d { dz[i, k] = (da[i, k] - a[i, k] * dot) / norms[i] }
        }
        return dz
    }
}
