import Foundation
import LinearAlgebra

/// Softmax, temperature scaling (Guo et al. 2017) and reliability measures.
///
/// Temperature scaling divides the logits by one scalar `T > 0` fitted on held-out examples to
/// minimize their negative log-likelihood. It never changes the ranking (so accuracy stays the
/// same) but makes `max p` track the probability of being right, which the out-of-scope threshold
/// relies on.
public enum Calibration {
    /// `softmax(z / T)`, computed stably (max subtracted).
    public static func softmax(_ z: [Float], temperature: Float = 1) -> [Float] {
        var p = z
        if temperature != 1 { for k in p.indices { p[k] /= temperature } }
        p.withUnsafeMutableBufferPointer { softmaxInPlace($0) }
        return p
    }

    /// Replaces `z` by `softmax(z)`.
    static func softmaxInPlace(_ z: UnsafeMutableBufferPointer<Float>) {
        guard let top = z.max() else { return }
        var sum: Float = 0
        for k in z.indices { z[k] = expf(z[k] - top); sum += z[k] }
        if sum > 0 { for k in z.indices { z[k] /= sum } }
    }

    /// Mean negative log-likelihood of `labels` under `softmax(logits / T)` (rows of `logits`).
    public static func negativeLogLikelihood(_ logits: Matrix, labels: [Int], temperature: Float) -> Double {
        guard logits.rows > 0 else { return 0 }
        var total = 0.0
        for r in 0..<logits.rows {
            let row = logits.row(r)
            let top = row.max() ?? 0
            var sum = 0.0
            for v in row { sum += exp(Double((v - top) / temperature)) }
            total += log(sum) - Double((row[row.startIndex + labels[r]] - top) / temperature)
        }
        return total / Double(logits.rows)
    }

    /// The temperature in `[0.05, 20]` minimizing the held-out NLL (golden-section search on log T;
    /// the NLL is convex in 1/T). 1 when there is nothing to fit on.
    public static func fitTemperature(_ logits: Matrix, labels: [Int]) -> Float {
        guard logits.rows > 0 else { return 1 }
        var lo = log(0.05), hi = log(20.0)
        let ratio = (5.0.squareRoot() - 1) / 2
        func f(_ t: Double) -> Double { negativeLogLikelihood(logits, labels: labels, temperature: Float(exp(t))) }
        var a = hi - ratio * (hi - lo), b = lo + ratio * (hi - lo)
        var fa = f(a), fb = f(b)
        for _ in 0..<40 {
            if fa < fb { hi = b; b = a; fb = fa; a = hi - ratio * (hi - lo); fa = f(a) } else {
                lo = a; a = b; fa = fb; b = lo + ratio * (hi - lo); fb = f(b)
            }
        }
        return Float(exp((lo + hi) / 2))
    }

    /// One confidence bucket of a reliability diagram.
    public struct Bucket: Sendable, Codable, Equatable {
        /// Bucket bounds on the confidence.
        public var lower: Float, upper: Float
        /// Examples whose confidence falls in the bucket.
        public var count: Int
        /// Their mean confidence and their accuracy.
        public var meanConfidence: Double, accuracy: Double
    }

    /// Reliability buckets (equal width over [0, 1]) of `(confidence, correct)` pairs.
    public static func reliability(_ outcomes: [(confidence: Float, correct: Bool)], buckets: Int = 10) -> [Bucket] {
        var out = (0..<buckets).map {
            Bucket(lower: Float($0) / Float(buckets), upper: Float($0 + 1) / Float(buckets), count: 0, meanConfidence: 0, accuracy: 0)
        }
        for o in outcomes {
            let b = min(buckets - 1, max(0, Int(o.confidence * Float(buckets))))
            out[b].count += 1
            out[b].meanConfidence += Double(o.confidence)
            out[b].accuracy += o.correct ? 1 : 0
        }
        for b in out.indices where out[b].count > 0 {
            out[b].meanConfidence /= Double(out[b].count)
            out[b].accuracy /= Double(out[b].count)
        }
        return out
    }

    /// Expected calibration error: `Σ (count/N) · |accuracy − meanConfidence|` over the buckets.
    public static func expectedCalibrationError(_ outcomes: [(confidence: Float, correct: Bool)], buckets: Int = 10) -> Double {
        guard !outcomes.isEmpty else { return 0 }
        return reliability(outcomes, buckets: buckets).reduce(0) {
            $0 + Double($1.count) / Double(outcomes.count) * abs($1.accuracy - $1.meanConfidence)
        }
    }
}
