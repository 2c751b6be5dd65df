import Foundation
import LinearAlgebra

/// A multinomial linear classifier (softmax regression) over hashed TF-IDF features.
///
/// `p(label | x) = softmax((x · W + b) / T)` with `x` the L2-normalized TF-IDF row of the text
/// (`FeatureSpace`), `W` `[featureCount × labels]`, `b` `[labels]` and `T` the calibration
/// temperature (`Calibration`). An immutable value: share it across tasks.
public struct LinearClassifier: Sendable {
    /// Class names; column `k` of `W` is `labels[k]`.
    public let labels: [String]
    /// Features and IDF.
    public let space: FeatureSpace
    /// `[featureCount × labels.count]`.
    public let weights: Matrix
    /// `[labels.count]`.
    public let bias: [Float]
    /// Softmax temperature fitted on held-out data (1 = uncalibrated).
    public internal(set) var temperature: Float

    /// A classifier from its parts (shapes must agree).
    init(labels: [String], space: FeatureSpace, weights: Matrix, bias: [Float], temperature: Float = 1) {
        precondition(weights.rows == space.featureCount && weights.cols == labels.count && bias.count == labels.count,
                     "LinearClassifier: W \(weights.rows)×\(weights.cols), \(space.featureCount) features, \(labels.count) labels")
        self.labels = labels
        self.space = space
        self.weights = weights
        self.bias = bias
        self.temperature = temperature
    }

    /// Raw scores `x · W + b` of many texts, `[texts × labels]` (one sparse × dense product).
    public func logits(_ texts: [String]) -> Matrix {
        logits(space.rows(texts))
    }

    /// Raw scores of TF-IDF rows.
    func logits(_ x: CSRMatrix) -> Matrix {
        var z = x.multiply(weights)
        let c = labels.count
        z.withUnsafeMutableBufferPointer { p in
            for r in 0..<x.rows { for k in 0..<c { p[r * c + k] += bias[k] } }
        }
        return z
    }

    /// Raw scores of one text (`[labels]`), gathering the rows of `W` its features select.
    public func logits(_ text: String) -> [Float] {
        let (cols, values) = space.row(text)
        var z = bias
        let c = labels.count
        weights.withUnsafeBufferPointer { w in
            z.withUnsafeMutableBufferPointer { out in
                for (col, v) in zip(cols, values) {
                    let row = UnsafeBufferPointer(rebasing: w[(Int(col) * c)..<(Int(col) * c + c)])
                    Kernels.axpy(v, row, out)
                }
            }
        }
        return z
    }

    /// Calibrated probabilities of one text (`softmax(logits / T)`).
    public func probabilities(_ text: String) -> [Float] {
        Calibration.softmax(logits(text), temperature: temperature)
    }
}
