import LinearAlgebra

/// One minibatch: the TF-IDF rows of the anchors, the positives and the mined hard negatives,
/// over the *touched* features only (the union of the batch's non-zero columns).
struct PairBatch: Sendable {
    /// Global feature numbers (rows of W) the batch touches, increasing (`[U]`).
    var touched: [Int32]
    /// Anchor rows over local columns `0..<U` (`[B × U]`).
    var anchors: CSRMatrix
    /// Positive rows over local columns (`[B × U]`).
    var positives: CSRMatrix
    /// Hard-negative rows over local columns (`[H × U]`, H may be 0).
    var negatives: CSRMatrix
    /// Group of each pair (`[B]`) and of each hard negative (`[H]`, -1 for none).
    var groups: [Int]
    var negativeGroups: [Int]
    /// Loss weight of each pair (`[B]`).
    var weights: [Float]

    /// Gathers rows of `x` (`[N × F]`) into a batch. `scratch` is a `[F]` array of -1, restored
    /// before returning. With `dropout` > 0 each stored entry of a gathered row is dropped with
    /// that probability (from `rng`; a row keeps its first entry): the model cannot lean on a
    /// single feature of a wording.
    init(x: CSRMatrix, anchorRows: [Int], positiveRows: [Int], negativeRows: [Int] = [],
         groups: [Int], negativeGroups: [Int] = [], weights: [Float],
         scratch: inout [Int32], dropout: Float = 0, rng: inout SplitMix64) {
        let rows = anchorRows + positiveRows + negativeRows
        // keep[i][k]: entry k of gathered row i survives dropout.
        var keep: [[Bool]] = rows.map { r in [Bool](repeating: true, count: x.rowPtr[r + 1] - x.rowPtr[r]) }
        if dropout > 0 {
            for i in keep.indices where keep[i].count > 1 {
                for k in 1..<keep[i].count where rng.nextUnitFloat() < dropout { keep[i][k] = false }
            }
        }
        var touched: [Int32] = []
        for (i, r) in rows.enumerated() {
            for k in x.rowPtr[r]..<x.rowPtr[r + 1] where keep[i][k - x.rowPtr[r]] && scratch[Int(x.colIdx[k])] < 0 {
                scratch[Int(x.colIdx[k])] = 0
                touched.append(x.colIdx[k])
            }
        }
        touched.sort()
        for (local, global) in touched.enumerated() { scratch[Int(global)] = Int32(local) }
        func gather(_ part: Range<Int>) -> CSRMatrix {
            var rowPtr = [0], colIdx: [Int32] = [], values: [Float] = []
            for i in part {
                let r = rows[i]
                for k in x.rowPtr[r]..<x.rowPtr[r + 1] where keep[i][k - x.rowPtr[r]] {
                    colIdx.append(scratch[Int(x.colIdx[k])])
                    values.append(x.values[k])
                }
                rowPtr.append(colIdx.count)
            }
            // Local columns are < touched.count by construction.
            return CSRMatrix(trustedRows: part.count, cols: touched.count, rowPtr: rowPtr, colIdx: colIdx, values: values)
        }
        let b = anchorRows.count
        anchors = gather(0..<b)
        positives = gather(b..<(2 * b))
        negatives = gather((2 * b)..<rows.count)
        for global in touched { scratch[Int(global)] = -1 }
        self.touched = touched
        self.groups = groups
        self.negativeGroups = negativeGroups
        self.weights = weights
    }
}

/// The per-batch contrastive objective as a function of the projection W (`[F × d]`):
///
/// `L(W) = InfoNCE(Xa·W, Xp·W, Xn·W)` (see `InfoNCELoss`; embeddings are row-normalized inside)
///
/// Only rows of W that the batch touches appear in it, so its gradient is row-sparse: for those
/// rows `G = Xaᵀ·dZa + Xpᵀ·dZp + Xnᵀ·dZn` (`[U × d]`), zero elsewhere. (The pull toward W0 is
/// applied by the optimizer as a decoupled decay, see `RowSparseAdam`.)
struct BatchObjective: Sendable {
    /// The contrastive loss on the embeddings.
    var loss: InfoNCELoss

    /// The loss and the gradient rows (`[U × d]`, row `k` is feature `batch.touched[k]`).
    func evaluate(w: Matrix, batch: PairBatch) -> (loss: Float, gradient: Matrix) {
        // Rows of W the batch touches. [U × d]
        let wLocal = gatherRows(w, batch.touched)
        // Embeddings before normalization. [B × d], [B × d], [H × d]
        let za = batch.anchors.multiply(wLocal), zp = batch.positives.multiply(wLocal)
        let zn = batch.negatives.rows > 0 ? batch.negatives.multiply(wLocal) : nil
        // Contrastive loss and its gradient with respect to the embeddings.
        let (contrastive, dza, dzp, dzn) = loss.evaluate(za: za, zp: zp, zn: zn, groups: batch.groups,
                                                         negativeGroups: batch.negativeGroups, weights: batch.weights)
        // Back through the sparse products: G = Xaᵀ·dZa + Xpᵀ·dZp + Xnᵀ·dZn. [U × d]
        var gradient = batch.anchors.transposeMultiply(dza)
        for extra in [batch.positives.transposeMultiply(dzp)] + (zn == nil ? [] : [batch.negatives.transposeMultiply(dzn)]) {
            gradient.withUnsafeMutableBufferPointer { g in
                extra.withUnsafeBufferPointer { e in
                    for i in 0..<g.count { g[i] += e[i] }
                }
            }
        }
        return (contrastive, gradient)
    }

    /// Rows `rows` of `m` as a new matrix `[rows.count × m.cols]`.
    func gatherRows(_ m: Matrix, _ rows: [Int32]) -> Matrix {
        var out = Matrix(rows: rows.count, cols: m.cols)
        let d = m.cols
        m.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for (k, r) in rows.enumerated() {
                    (dst.baseAddress! + k * d).update(from: src.baseAddress! + Int(r) * d, count: d)
                }
            }
        }
        return out
    }
}
