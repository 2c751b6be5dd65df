import LinearAlgebra

/// Scratch buffers of one forward pass, sized for `maxTokens` packed tokens and sequences of at
/// most `maxLength` tokens; allocated once per `encode` call and reused for every batch and layer.
final class BertWorkspace {
    let maxTokens: Int
    let maxLength: Int
    /// Hidden states `[T × H]`.
    let hidden: UnsafeMutablePointer<Float>
    /// Query, key, value `[T × 3H]`.
    let qkv: UnsafeMutablePointer<Float>
    /// Attention context `[T × H]`.
    let context: UnsafeMutablePointer<Float>
    /// Feed-forward activations `[T × I]`.
    let intermediate: UnsafeMutablePointer<Float>
    /// Attention scores of one head of one sequence `[L × L]`.
    let scores: UnsafeMutablePointer<Float>

    init(config c: BertConfig, maxTokens: Int, maxLength: Int) {
        self.maxTokens = maxTokens
        self.maxLength = maxLength
        hidden = .allocate(capacity: max(1, maxTokens * c.hiddenSize))
        qkv = .allocate(capacity: max(1, maxTokens * 3 * c.hiddenSize))
        context = .allocate(capacity: max(1, maxTokens * c.hiddenSize))
        intermediate = .allocate(capacity: max(1, maxTokens * c.intermediateSize))
        scores = .allocate(capacity: max(1, maxLength * maxLength))
    }

    deinit {
        hidden.deallocate(); qkv.deallocate(); context.deallocate()
        intermediate.deallocate(); scores.deallocate()
    }
}

/// One batch of sequences packed without padding: sequence `s` is rows
/// `offsets[s] ..< offsets[s + 1]` of every `[T × ·]` buffer. Each sequence attends only to its
/// own rows, which is exactly what an attention mask does to a padded batch (padded keys get
/// zero weight, padded queries are discarded) — without computing the padding.
struct PackedBatch {
    /// Token ids of all sequences, concatenated (`T`).
    var ids: [Int32] = []
    /// Row offsets (`count + 1`, starting at 0).
    var offsets: [Int] = [0]

    var count: Int { offsets.count - 1 }
    var tokenCount: Int { ids.count }

    mutating func append(_ sequence: [Int32]) {
        ids.append(contentsOf: sequence)
        offsets.append(ids.count)
    }
}

extension BertEncoder {
    /// Runs the encoder on `batch` and writes one pooled (and, if configured, L2-normalized)
    /// row per sequence to `output` (`[batch.count × H]`, row stride `H`).
    func forward(_ batch: PackedBatch, workspace ws: BertWorkspace, output: UnsafeMutablePointer<Float>) {
        let c = config, h = c.hiddenSize, t = batch.tokenCount
        precondition(t <= ws.maxTokens, "forward: \(t) tokens for a workspace of \(ws.maxTokens)")
        embed(batch, into: ws.hidden)
        for layer in weights.layers {
            encoderLayer(layer, batch, ws)
        }
        // Pooling over each sequence's rows.
        for s in 0..<batch.count {
            let r0 = batch.offsets[s], r1 = batch.offsets[s + 1]
            let out = output + s * h
            switch pooling {
            case .cls:
                out.update(from: ws.hidden + r0 * h, count: h)
            case .mean:
                out.update(repeating: 0, count: h)
                for r in r0..<r1 {
                    let row = ws.hidden + r * h
                    for j in 0..<h { out[j] += row[j] }
                }
                let inv = 1 / Float(max(1, r1 - r0))
                for j in 0..<h { out[j] *= inv }
            }
            if normalize { Kernels.normalize(UnsafeMutableBufferPointer(start: out, count: h)) }
        }
    }

    /// `hidden[t] = layerNorm(word[id] + position[pos] + type[0])`.
    private func embed(_ batch: PackedBatch, into hidden: UnsafeMutablePointer<Float>) {
        let h = config.hiddenSize
        weights.wordEmbeddings.withUnsafeBufferPointer { words in
            weights.positionEmbeddings.withUnsafeBufferPointer { positions in
                guard let wb = words.baseAddress, let pb = positions.baseAddress else { return }
                for s in 0..<batch.count {
                    for r in batch.offsets[s]..<batch.offsets[s + 1] {
                        let id = Int(batch.ids[r]), pos = r - batch.offsets[s]
                        let dst = hidden + r * h, w = wb + id * h, p = pb + pos * h
                        for j in 0..<h { dst[j] = w[j] + p[j] }
                    }
                }
            }
        }
        withVectors(weights.embeddingNormGamma, weights.embeddingNormBeta) { g, b in
            BertKernels.layerNorm(hidden, rows: batch.tokenCount, cols: h, bias: nil, gamma: g, beta: b,
                                  eps: config.layerNormEps)
        }
    }

    /// One transformer layer on `ws.hidden`, in place.
    private func encoderLayer(_ layer: BertWeights.Layer, _ batch: PackedBatch, _ ws: BertWorkspace) {
        let c = config, h = c.hiddenSize, t = batch.tokenCount, dh = c.headSize, i = c.intermediateSize
        let hidden = MutableMatrixRef(base: ws.hidden, rows: t, cols: h)
        // Q, K, V in one gemm: [T × H] · [3H × H]ᵀ (the query part is pre-scaled by 1/√dh).
        let qkv = MutableMatrixRef(base: ws.qkv, rows: t, cols: 3 * h)
        linear(hidden.readOnly, layer.qkvWeight, into: qkv)
        layer.qkvBias.withUnsafeBufferPointer { b in
            if let bb = b.baseAddress { BertKernels.addBias(ws.qkv, rows: t, cols: 3 * h, bias: bb) }
        }
        // Attention per sequence and head: softmax(Q Kᵀ) V into the head's columns of context.
        for s in 0..<batch.count {
            let r0 = batch.offsets[s], n = batch.offsets[s + 1] - r0
            let scores = MutableMatrixRef(base: ws.scores, rows: n, cols: n)
            for head in 0..<c.heads {
                let q = MatrixRef(base: ws.qkv + r0 * 3 * h + head * dh, rows: n, cols: dh, ld: 3 * h)
                let k = MatrixRef(base: ws.qkv + r0 * 3 * h + h + head * dh, rows: n, cols: dh, ld: 3 * h)
                let v = MatrixRef(base: ws.qkv + r0 * 3 * h + 2 * h + head * dh, rows: n, cols: dh, ld: 3 * h)
                Kernels.gemm(q, .none, k, .transpose, into: scores)
                BertKernels.softmaxRows(ws.scores, rows: n, cols: n, ld: n)
                let ctx = MutableMatrixRef(base: ws.context + r0 * h + head * dh, rows: n, cols: dh, ld: h)
                Kernels.gemm(scores.readOnly, .none, v, .none, into: ctx)
            }
        }
        // hidden = layerNorm(hidden + context · Woᵀ + bo): the gemm accumulates into hidden.
        let context = MatrixRef(base: ws.context, rows: t, cols: h)
        linear(context, layer.outWeight, into: hidden, accumulate: true)
        withVectors(layer.outBias, layer.attentionNormGamma, layer.attentionNormBeta) { b, g, be in
            BertKernels.layerNorm(ws.hidden, rows: t, cols: h, bias: b, gamma: g, beta: be, eps: c.layerNormEps)
        }
        // Feed-forward: gelu(hidden · W1ᵀ + b1) · W2ᵀ + b2, residual, layer norm.
        let up = MutableMatrixRef(base: ws.intermediate, rows: t, cols: i)
        linear(hidden.readOnly, layer.upWeight, into: up)
        layer.upBias.withUnsafeBufferPointer { b in
            if let bb = b.baseAddress { BertKernels.addBiasGELU(ws.intermediate, rows: t, cols: i, bias: bb) }
        }
        linear(up.readOnly, layer.downWeight, into: hidden, accumulate: true)
        withVectors(layer.downBias, layer.outputNormGamma, layer.outputNormBeta) { b, g, be in
            BertKernels.layerNorm(ws.hidden, rows: t, cols: h, bias: b, gamma: g, beta: be, eps: c.layerNormEps)
        }
    }
}

/// Multiply-adds per gemm call below which OpenBLAS runs its unpacked small-matrix kernels.
/// Measured with `T` = 18 tokens through all six MiniLM layers (42.5 MB of weights, more than
/// the L3 cache): one gemm per weight 8.4–10.3 ms, blocks of ≤ 250k multiply-adds 6.8–7.6 ms
/// (125k and 60k the same, 500k slower); whole-model batch-1 latency, interleaved A/B on the busy
/// machine: 12.9 / 15.9 / 16.3 ms against 17.4 / 18.6 / 20.6 ms. From 64 tokens on, whole gemms
/// are as fast.
let smallProductBudget = 250_000
/// Token counts up to which projections are split into row blocks of the weight.
let smallBatchTokens = 48

/// `y = x · Wᵀ` (or `y += x · Wᵀ` when `accumulate`) for a PyTorch-layout weight `[out × in]`:
/// one gemm, or for few tokens, gemms over blocks of the weight's rows (output columns of `y`).
func linear(_ x: MatrixRef, _ weight: Matrix, into y: MutableMatrixRef, accumulate: Bool = false) {
    let beta: Float = accumulate ? 1 : 0
    weight.withUnsafeRef { w in
        guard x.rows <= smallBatchTokens else {
            Kernels.gemm(x, .none, w, .transpose, into: y, beta: beta)
            return
        }
        let block = max(8, min(w.rows, smallProductBudget / max(1, x.rows * w.cols) / 8 * 8))
        var r0 = 0
        while r0 < w.rows {
            let n = min(block, w.rows - r0)
            Kernels.gemm(x, .none, w.rows(r0..<(r0 + n)), .transpose,
                         into: MutableMatrixRef(base: y.base + r0, rows: y.rows, cols: n, ld: y.ld), beta: beta)
            r0 += n
        }
    }
}

/// Calls `body` with base pointers of two non-empty vectors.
@inline(__always)
func withVectors(_ a: [Float], _ b: [Float], _ body: (UnsafePointer<Float>, UnsafePointer<Float>) -> Void) {
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            if let x = pa.baseAddress, let y = pb.baseAddress { body(x, y) }
        }
    }
}

/// Calls `body` with base pointers of three non-empty vectors.
@inline(__always)
func withVectors(_ a: [Float], _ b: [Float], _ c: [Float],
                 _ body: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>) -> Void) {
    a.withUnsafeBufferPointer { pa in
        withVectors(b, c) { y, z in if let x = pa.baseAddress { body(x, y, z) } }
    }
}
