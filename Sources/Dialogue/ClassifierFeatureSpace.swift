import Foundation
import LinearAlgebra

/// The features seen in training, their IDF, and the TF-IDF transform into CSR rows.
///
/// Seen buckets are numbered `0..<featureCount` in increasing bucket order (the weight matrix's
/// rows). `idf(f) = ln((1 + N) / (1 + df(f))) + 1`. A row is `value · idf`, L2-normalized over
/// all its features; features never seen in training count in the norm (with the largest IDF)
/// but have no column, so they add nothing to the scores.
///
/// With a dense block (`dense_weight` > 0 and an encoder, `ClassifierDense.swift`) every row also
/// holds the encoder's unit vector times the weight in `dense.dimension` columns after the
/// buckets, so the linear part, the hidden layer and calibration see them as ordinary features.
public struct FeatureSpace: Sendable {
    /// The featurizer.
    public let featurizer: TextFeaturizer
    /// Seen buckets, increasing.
    public let buckets: [Int32]
    /// IDF of each seen bucket.
    public let idf: [Float]
    /// IDF of a bucket not seen in training.
    public let unseenIDF: Float
    /// Number of training texts the IDF was fitted on.
    public let documentCount: Int
    /// Bucket → column (-1 when unseen).
    let column: [Int32]
    /// The dense columns after the buckets, or nil (a purely sparse space).
    public internal(set) var dense: DenseBlock?
    /// The encoder of the dense block (nil until attached, and always nil without a block).
    var encoder: DenseEncoder?

    /// A space from stored parts (`buckets` increasing and within the featurizer's range).
    init(featurizer: TextFeaturizer, buckets: [Int32], idf: [Float], documentCount: Int) {
        self.featurizer = featurizer
        self.buckets = buckets
        self.idf = idf
        self.unseenIDF = logf(Float(1 + documentCount)) + 1
        self.documentCount = documentCount
        var column = [Int32](repeating: -1, count: featurizer.bucketCount)
        for (i, b) in buckets.enumerated() { column[Int(b)] = Int32(i) }
        self.column = column
    }

    /// Number of columns: the seen buckets, then the dense block's.
    public var featureCount: Int { buckets.count + (dense?.dimension ?? 0) }

    /// Raw features of many texts, extracted on both cores (order preserved).
    static func extract(_ texts: [String], featurizer: TextFeaturizer) -> [(buckets: [Int32], values: [Float])] {
        let chunks = texts.count >= 512 ? 8 : 1
        let parts = ParallelMap.map(count: chunks) { c in
            let lo = texts.count * c / chunks, hi = texts.count * (c + 1) / chunks
            return (lo..<hi).map { featurizer.features(texts[$0]) }
        }
        return parts.flatMap { $0 }
    }

    /// Fits the IDF on raw training rows. A bucket in fewer than `minDF` of them gets no column:
    /// it counts in a row's norm as an unseen one does, and carries no weight.
    static func fit(_ raw: [(buckets: [Int32], values: [Float])], featurizer: TextFeaturizer, minDF: Int = 1) -> FeatureSpace {
        var df = [Int32](repeating: 0, count: featurizer.bucketCount)
        for row in raw { for b in row.buckets { df[Int(b)] += 1 } }
        var buckets: [Int32] = [], idf: [Float] = []
        let n = Float(raw.count)
        let least = Int32(max(1, minDF))
        for (b, d) in df.enumerated() where d >= least {
            buckets.append(Int32(b))
            idf.append(logf((1 + n) / (1 + Float(d))) + 1)
        }
        return FeatureSpace(featurizer: featurizer, buckets: buckets, idf: idf, documentCount: raw.count)
    }

    /// TF-IDF rows `[raw.count × featureCount]` (columns increasing within a row), each followed
    /// by its row of `dense` (already scaled, `[raw.count × dense.dimension]`) when the space has a
    /// dense block; a missing `dense` leaves those columns empty.
    func rows(_ raw: [(buckets: [Int32], values: [Float])], dense vectors: Matrix? = nil) -> CSRMatrix {
        var rowPtr = [0], cols: [Int32] = [], values: [Float] = []
        rowPtr.reserveCapacity(raw.count + 1)
        let first = Int32(buckets.count), width = vectors != nil ? (dense?.dimension ?? 0) : 0
        precondition(width == 0 || (vectors?.rows == raw.count && vectors?.cols == width), "FeatureSpace: dense block shape")
        for (r, row) in raw.enumerated() {
            let start = values.count
            var sumSquares: Float = 0
            for (b, v) in zip(row.buckets, row.values) {
                let c = column[Int(b)]
                let w = v * (c >= 0 ? idf[Int(c)] : unseenIDF)
                sumSquares += w * w
                if c >= 0 { cols.append(c); values.append(w) }
            }
            if sumSquares > 0 {
                let scale = 1 / sumSquares.squareRoot()
                for k in start..<values.count { values[k] *= scale }
            }
            if width > 0, let vectors {
                for (k, v) in vectors.row(r).enumerated() where v != 0 { cols.append(first + Int32(k)); values.append(v) }
            }
            rowPtr.append(values.count)
        }
        return CSRMatrix(trustedRows: raw.count, cols: featureCount, rowPtr: rowPtr, colIdx: cols, values: values)
    }

    /// Feature rows of texts (the dense block encoded in one batch). When the encoder fails
    /// (see `checkedRows`), the dense columns stay empty.
    public func rows(_ texts: [String]) -> CSRMatrix {
        (try? checkedRows(texts)) ?? rows(FeatureSpace.extract(texts, featurizer: featurizer))
    }

    /// Feature rows of texts.
    /// - Throws: `ClassifierError.encoderMismatch` when the space has a dense block and its encoder
    ///   is missing or returns the wrong shape.
    func checkedRows(_ texts: [String]) throws -> CSRMatrix {
        rows(FeatureSpace.extract(texts, featurizer: featurizer), dense: try denseVectors(texts))
    }

    /// The entries of one text (columns increasing); the dense block's too when there is one.
    func row(_ text: String) throws -> (cols: [Int32], values: [Float]) {
        let m = rows([featurizer.features(text)], dense: try denseVectors([text]))
        return (m.colIdx, m.values)
    }
}

/// Order-preserving parallel map over chunk indices (results in index order, independent of scheduling).
enum ParallelMap {
    static func map<T: Sendable>(count: Int, _ body: (Int) -> T) -> [T] {
        if count <= 1 || ProcessInfo.processInfo.activeProcessorCount < 2 { return (0..<count).map(body) }
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            let out = Slots(base: buffer.baseAddress!)
            withoutActuallyEscaping(body) { body in
                let work = Work(body: body)
                DispatchQueue.concurrentPerform(iterations: count) { i in out.base[i] = work.body(i) }
            }
        }
        return results.compactMap { $0 }
    }

    private struct Slots<T>: @unchecked Sendable { let base: UnsafeMutablePointer<T?> }
    private struct Work<T>: @unchecked Sendable { let body: (Int) -> T }
}
