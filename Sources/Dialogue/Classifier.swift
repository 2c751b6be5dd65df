import Foundation
import LinearAlgebra

/// A multinomial linear classifier (softmax regression) over hashed TF-IDF features, optionally
/// fused with a hidden layer.
///
/// `p(label | x) = softmax(z(x) / T)` with `x` the L2-normalized TF-IDF row of the text
/// (`FeatureSpace`), `W` `[featureCount × labels]`, `b` `[labels]`, `T` the calibration
/// temperature (`Calibration`) and `z(x) = x · W + b`, or, with a `hidden` layer,
/// `z(x) = (1 − mix) · (x · W + b) + mix · hidden(x)`. With a dense block (`space.dense`), `x` ends
/// with the encoder's scaled unit vector. An immutable value: share it across tasks.
public struct LinearClassifier: Sendable {
    /// Class names; column `k` of `W` is `labels[k]`.
    public let labels: [String]
    /// Features and IDF.
    public internal(set) var space: FeatureSpace
    /// `[featureCount × labels.count]`.
    public let weights: Matrix
    /// `[labels.count]`.
    public let bias: [Float]
    /// Softmax temperature fitted on held-out data (1 = uncalibrated).
    public internal(set) var temperature: Float
    /// The non-linear part (`hidden_units` > 0), or nil for a purely linear model.
    public internal(set) var hidden: HiddenLayer?

    /// A classifier from its parts (shapes must agree).
    init(labels: [String], space: FeatureSpace, weights: Matrix, bias: [Float], temperature: Float = 1,
         hidden: HiddenLayer? = nil) {
        precondition(weights.rows == space.featureCount && weights.cols == labels.count && bias.count == labels.count,
                     "LinearClassifier: W \(weights.rows)×\(weights.cols), \(space.featureCount) features, \(labels.count) labels")
        self.labels = labels
        self.space = space
        self.weights = weights
        self.bias = bias
        self.temperature = temperature
        self.hidden = hidden
    }

    /// Raw scores `x · W + b` of many texts, `[texts × labels]` (one sparse × dense product; the
    /// dense block, if any, encoded in one batch).
    public func logits(_ texts: [String]) -> Matrix {
        logits(space.rows(texts))
    }

    /// Raw scores of many texts.
    /// - Throws: `ClassifierError.encoderMismatch` when the dense encoder is missing or misbehaves.
    func checkedLogits(_ texts: [String]) throws -> Matrix {
        logits(try space.checkedRows(texts))
    }

    /// Raw scores of TF-IDF rows (fused with the hidden layer's when there is one).
    func logits(_ x: CSRMatrix) -> Matrix {
        let linear = linearLogits(x)
        guard let hidden else { return linear }
        return LinearClassifier.fuse(linear, hidden.logits(x), mix: hidden.mix)
    }

    /// `(1 − mix) · a + mix · b`.
    static func fuse(_ a: Matrix, _ b: Matrix, mix: Float) -> Matrix {
        var out = a
        out.withUnsafeMutableBufferPointer { o in
            b.withUnsafeBufferPointer { v in for i in 0..<o.count { o[i] = (1 - mix) * o[i] + mix * v[i] } }
        }
        return out
    }

    /// Scores of the linear part alone, `x · W + b`.
    func linearLogits(_ x: CSRMatrix) -> Matrix {
        var z = x.multiply(weights)
        let c = labels.count
        z.withUnsafeMutableBufferPointer { p in
            for r in 0..<x.rows { for k in 0..<c { p[r * c + k] += bias[k] } }
        }
        return z
    }

    /// Raw scores of one text (`[labels]`), gathering the rows of `W` its features select. When
    /// the dense encoder fails (see `checkedLogits`), the text is scored without its dense block.
    public func logits(_ text: String) -> [Float] {
        if let z = try? checkedLogits(text) { return z }
        let m = space.rows([space.featurizer.features(text)])
        return logits(cols: m.colIdx, values: m.values)
    }

    /// Raw scores of one text.
    /// - Throws: `ClassifierError.encoderMismatch` when the dense encoder is missing or misbehaves.
    func checkedLogits(_ text: String) throws -> [Float] {
        let (cols, values) = try space.row(text)
        return logits(cols: cols, values: values)
    }

    /// Raw scores of one feature row given as its entries.
    func logits(cols: [Int32], values: [Float]) -> [Float] {
        if let hidden {
            let x = CSRMatrix(trustedRows: 1, cols: space.featureCount, rowPtr: [0, cols.count], colIdx: cols, values: values)
            return Array(logits(x).values)
        }
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

    /// Calibrated probabilities of one text, `softmax(logits / T)`.
    /// - Throws: `ClassifierError.encoderMismatch` when the dense encoder is missing or misbehaves.
    func checkedProbabilities(_ text: String) throws -> [Float] {
        Calibration.softmax(try checkedLogits(text), temperature: temperature)
    }

    /// Calibrated probabilities of one text (`softmax(logits / T)`).
    public func probabilities(_ text: String) -> [Float] {
        Calibration.softmax(logits(text), temperature: temperature)
    }
}
