#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The element-wise parts of the BERT forward pass on raw row-major buffers, vectorized with
/// `SIMD16<Float>`: bias + exact GELU, bias + residual layer norm, softmax. The matrix products
/// are BLAS gemms (`Kernels.gemm`); `BertReference` computes the same with plain loops.
enum BertKernels {
    typealias V = SIMD16<Float>

    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> V {
        UnsafeRawPointer(p).loadUnaligned(as: V.self)
    }

    @inline(__always) static func store(_ v: V, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self)
    }

    // MARK: - erf and GELU

    /// `erf(x)` as `x·P(x²)/Q(x²)` on `|x| ≤ 4`, ±1 beyond: a rational fit made for this module
    /// (Benchmarks/bert/fit_erf.py), max abs error 4e-7 evaluated in Float (`erff`: ~1e-7).
    /// Written as scalar code with selects and no calls, so that loops over it vectorize.
    @inline(__always) static func erf(_ x: Float) -> Float {
        let xc = x < -4 ? -4 : (x > 4 ? 4 : x)
        let z = xc * xc
        var p: Float = 1.9217145208472175e-08
        p = p * z - 1.990307282540016e-06
        p = p * z + 0.00015553463890682906
        p = p * z + 0.00429297611117363
        p = p * z + 0.05243324115872383
        p = p * z + 0.2139429897069931
        p = p * z + 1.1283786296844482
        var q: Float = 0.0010980182560160756
        q = q * z + 0.015550941228866577
        q = q * z + 0.12079891562461853
        q = q * z + 0.5229296684265137
        q = q * z + 1.0
        let r = xc * p / q
        return r < -1 ? -1 : (r > 1 ? 1 : r)
    }

    /// `x = gelu(x + bias)` for every row of `x` (`rows × cols`, contiguous), with the exact
    /// GELU `0.5·v·(1 + erf(v/√2))`.
    static func addBiasGELU(_ x: UnsafeMutablePointer<Float>, rows: Int, cols: Int, bias: UnsafePointer<Float>) {
        let invSqrt2: Float = 0.70710678118654752
        for r in 0..<rows {
            let row = x + r * cols
            for c in 0..<cols {
                let v = row[c] + bias[c]
                row[c] = 0.5 * v * (1 + erf(v * invSqrt2))
            }
        }
    }

    /// `x += bias` for every row.
    static func addBias(_ x: UnsafeMutablePointer<Float>, rows: Int, cols: Int, bias: UnsafePointer<Float>) {
        let vecEnd = cols - cols % 16
        for r in 0..<rows {
            let row = x + r * cols
            var c = 0
            while c < vecEnd { store(load(row + c) + load(bias + c), row + c); c += 16 }
            while c < cols { row[c] += bias[c]; c += 1 }
        }
    }

    // MARK: - Layer norm

    /// `x = layerNorm(x + bias) · gamma + beta` per row, in place (two-pass mean and variance;
    /// `bias` may be nil).
    static func layerNorm(_ x: UnsafeMutablePointer<Float>, rows: Int, cols: Int, bias: UnsafePointer<Float>?,
                          gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, eps: Float) {
        let vecEnd = cols - cols % 16
        for r in 0..<rows {
            let row = x + r * cols
            if let bias { addBias(row, rows: 1, cols: cols, bias: bias) }
            var acc = V(repeating: 0)
            var c = 0
            while c < vecEnd { acc += load(row + c); c += 16 }
            var sum = acc.sum()
            while c < cols { sum += row[c]; c += 1 }
            let mean = sum / Float(cols)
            acc = V(repeating: 0)
            c = 0
            while c < vecEnd { let d = load(row + c) - mean; acc += d * d; c += 16 }
            var sq = acc.sum()
            while c < cols { let d = row[c] - mean; sq += d * d; c += 1 }
            let inv = 1 / (sq / Float(cols) + eps).squareRoot()
            c = 0
            while c < vecEnd {
                store((load(row + c) - mean) * inv * load(gamma + c) + load(beta + c), row + c)
                c += 16
            }
            while c < cols { row[c] = (row[c] - mean) * inv * gamma[c] + beta[c]; c += 1 }
        }
    }

    // MARK: - Softmax

    /// Softmax of each row `[0, cols)` of a `rows × cols` block with row stride `ld`, in place.
    static func softmaxRows(_ s: UnsafeMutablePointer<Float>, rows: Int, cols: Int, ld: Int) {
        for r in 0..<rows {
            let row = s + r * ld
            var m = -Float.infinity
            for c in 0..<cols { m = max(m, row[c]) }
            var sum: Float = 0
            for c in 0..<cols {
                let e = expf(row[c] - m)
                row[c] = e
                sum += e
            }
            let inv = 1 / sum
            for c in 0..<cols { row[c] *= inv }
        }
    }
}
