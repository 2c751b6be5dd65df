#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LinearAlgebra

/// The BERT forward pass written out with plain loops, the way the model is usually described:
/// a padded batch `[B × L]` with a 0/1 attention mask, additive `-∞`-style masking of padded
/// keys, libm `erff` GELU and mask-weighted mean pooling. Slow; it is the oracle that the
/// packed, gemm-based `BertEncoder.encode` is tested against.
public enum BertReference {
    /// Embeddings of `sequences` (each with its `[CLS]` … `[SEP]`, ids inside the vocabulary),
    /// one row per sequence, computed as one padded batch.
    public static func encode(_ encoder: BertEncoder, sequences: [[Int32]]) -> [[Float]] {
        let c = encoder.config, w = encoder.weights
        let h = c.hiddenSize, heads = c.heads, dh = c.headSize
        let length = sequences.map(\.count).max() ?? 0
        var results: [[Float]] = []
        for seq in sequences {
            // Pad to the batch length; mask[t] = 1 for real tokens.
            let ids = seq + [Int32](repeating: encoder.tokenizer.padID, count: length - seq.count)
            let mask = [Float](repeating: 1, count: seq.count) + [Float](repeating: 0, count: length - seq.count)
            var x = (0..<length).map { t in
                (0..<h).map { j in w.wordEmbeddings[Int(ids[t]), j] + w.positionEmbeddings[t, j] }
            }
            x = x.map { norm($0, w.embeddingNormGamma, w.embeddingNormBeta, c.layerNormEps) }
            for layer in w.layers {
                let qkv = x.map { linear($0, layer.qkvWeight, layer.qkvBias) }   // [L][3H], q pre-scaled
                var context = [[Float]](repeating: [Float](repeating: 0, count: h), count: length)
                for head in 0..<heads {
                    for i in 0..<length {
                        var scores = [Float](repeating: 0, count: length)
                        for j in 0..<length {
                            var s: Float = 0
                            for d in 0..<dh { s += qkv[i][head * dh + d] * qkv[j][h + head * dh + d] }
                            // Additive mask: padded keys get a huge negative score (weight 0).
                            scores[j] = s + (1 - mask[j]) * -1e30
                        }
                        let m = scores.max() ?? 0
                        let e = scores.map { expf($0 - m) }
                        let total = e.reduce(0, +)
                        for j in 0..<length {
                            for d in 0..<dh { context[i][head * dh + d] += e[j] / total * qkv[j][2 * h + head * dh + d] }
                        }
                    }
                }
                for t in 0..<length {
                    let attn = linear(context[t], layer.outWeight, layer.outBias)
                    x[t] = norm(zip(x[t], attn).map { $0 + $1 }, layer.attentionNormGamma, layer.attentionNormBeta,
                                c.layerNormEps)
                    let up = linear(x[t], layer.upWeight, layer.upBias).map { v in 0.5 * v * (1 + erff(v / Float(2).squareRoot())) }
                    let down = linear(up, layer.downWeight, layer.downBias)
                    x[t] = norm(zip(x[t], down).map { $0 + $1 }, layer.outputNormGamma, layer.outputNormBeta,
                                c.layerNormEps)
                }
            }
            var pooled = [Float](repeating: 0, count: h)
            switch encoder.pooling {
            case .cls:
                pooled = x[0]
            case .mean:
                let count = mask.reduce(0, +)
                for t in 0..<length { for j in 0..<h { pooled[j] += mask[t] * x[t][j] / count } }
            }
            if encoder.normalize {
                let n = pooled.reduce(0) { $0 + $1 * $1 }.squareRoot()
                if n > 0 { pooled = pooled.map { $0 / n } }
            }
            results.append(pooled)
        }
        return results
    }

    /// `W·x + b` for a PyTorch-layout weight `[out × in]`.
    static func linear(_ x: [Float], _ weight: Matrix, _ bias: [Float]) -> [Float] {
        (0..<weight.rows).map { o in
            var s = bias[o]
            for k in 0..<weight.cols { s += weight[o, k] * x[k] }
            return s
        }
    }

    /// Layer norm of one vector.
    static func norm(_ x: [Float], _ gamma: [Float], _ beta: [Float], _ eps: Float) -> [Float] {
        let n = Float(x.count)
        let mean = x.reduce(0, +) / n
        let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        let inv = 1 / (variance + eps).squareRoot()
        return x.indices.map { (x[$0] - mean) * inv * gamma[$0] + beta[$0] }
    }
}
