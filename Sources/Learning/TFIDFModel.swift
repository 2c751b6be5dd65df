import Foundation
import LinearAlgebra

/// Hashed features of several texts, before IDF: row `r` is `buckets/values[rowPtr[r]..<rowPtr[r+1]]`
/// with strictly increasing buckets (the `FeatureExtractor` output, concatenated).
struct RawFeatureRows: Sendable {
    /// `[count + 1]` row offsets.
    var rowPtr: [Int] = [0]
    /// `[nnz]` bucket ids.
    var buckets: [Int32] = []
    /// `[nnz]` feature values (`familyWeight · tf'`).
    var values: [Float] = []

    /// Number of rows.
    var count: Int { rowPtr.count - 1 }

    /// Appends the rows of `other`.
    mutating func append(_ other: RawFeatureRows) {
        let base = buckets.count
        buckets.append(contentsOf: other.buckets)
        values.append(contentsOf: other.values)
        rowPtr.append(contentsOf: other.rowPtr.dropFirst().map { $0 + base })
    }
}

extension FeatureExtractor {
    /// The raw features of every text, extracted on all cores when `parallel` and the batch is
    /// large (rows stay in input order, so the result does not depend on the thread count).
    func extract(_ texts: [String], parallel: Bool = true) -> RawFeatureRows {
        let chunks = parallel && texts.count >= 256 ? min(64, max(1, texts.count / 128)) : 1
        let parts = Parallel.map(count: chunks) { c -> RawFeatureRows in
            var rows = RawFeatureRows()
            var keys: [UInt64] = []
            let lo = texts.count * c / chunks, hi = texts.count * (c + 1) / chunks
            rows.buckets.reserveCapacity((hi - lo) * 64)
            rows.values.reserveCapacity((hi - lo) * 64)
            for i in lo..<hi {
                append(texts[i], keys: &keys, buckets: &rows.buckets, values: &rows.values)
                rows.rowPtr.append(rows.buckets.count)
            }
            return rows
        }
        var all = parts[0]
        for part in parts.dropFirst() { all.append(part) }
        return all
    }
}

/// Inverse document frequencies fitted on a corpus, and the TF-IDF transform.
///
/// `idf(f) = ln((1 + N) / (1 + df(f))) + 1` (smoothed, always ≥ 1) for the `N` corpus texts.
/// **Unseen features** (df = 0) get the largest value, `ln(1 + N) + 1`: a feature the corpus never
/// showed is treated as rarer than any it did. They stay in the sparse TF-IDF vector (and in its
/// norm) but have no row in the projection W, so they add nothing to a dense embedding.
///
/// A TF-IDF vector is `value(f) = familyWeight · tf'(f) · idf(f)`, L2-normalized over all its
/// features. The *seen* features (df > 0) are numbered `0..<featureCount` in bucket order: those
/// are W's rows.
public struct TFIDFModel: Sendable {
    /// The feature extractor the IDF was fitted with.
    public let extractor: FeatureExtractor
    /// Number of corpus texts N.
    public let documentCount: Int
    /// The seen buckets, increasing (`[featureCount]`).
    public let buckets: [Int32]
    /// IDF of each seen bucket (`[featureCount]`).
    public let idf: [Float]
    /// IDF of a feature absent from the corpus.
    public let unseenIDF: Float
    /// Bucket → seen-feature number, -1 when unseen (`[2^hashBits]`).
    let column: [Int32]

    /// A model from stored parts (`buckets` increasing, in range; `idf` the same length).
    init(extractor: FeatureExtractor, documentCount: Int, buckets: [Int32], idf: [Float]) {
        precondition(buckets.count == idf.count, "TFIDFModel: \(buckets.count) buckets, \(idf.count) idf values")
        self.extractor = extractor
        self.documentCount = documentCount
        self.buckets = buckets
        self.idf = idf
        self.unseenIDF = logf(Float(1 + documentCount)) + 1
        var column = [Int32](repeating: -1, count: extractor.bucketCount)
        for (i, b) in buckets.enumerated() { column[Int(b)] = Int32(i) }
        self.column = column
    }

    /// Number of seen features (W's row count).
    public var featureCount: Int { buckets.count }

    /// Fits the IDF on `corpus`.
    public static func fit(corpus: [String], extractor: FeatureExtractor) -> TFIDFModel {
        fit(extractor.extract(corpus), extractor: extractor)
    }

    /// Fits the IDF on already extracted rows.
    static func fit(_ rows: RawFeatureRows, extractor: FeatureExtractor) -> TFIDFModel {
        var df = [Int32](repeating: 0, count: extractor.bucketCount)
        for b in rows.buckets { df[Int(b)] += 1 }          // buckets are distinct within a row
        var buckets: [Int32] = [], idf: [Float] = []
        let n = Float(rows.count)
        for (b, d) in df.enumerated() where d > 0 {
            buckets.append(Int32(b))
            idf.append(logf((1 + n) / (1 + Float(d))) + 1)
        }
        return TFIDFModel(extractor: extractor, documentCount: rows.count, buckets: buckets, idf: idf)
    }

    /// The L2-normalized hashed TF-IDF vectors of `texts`, `[texts.count × 2^hashBits]`, columns
    /// increasing within a row. A text without features gives an empty row.
    public func transform(_ texts: [String]) -> CSRMatrix {
        weighted(extractor.extract(texts), compact: false)
    }

    /// TF-IDF rows restricted to the seen features, `[rows × featureCount]`: the rows of the full
    /// transform with unseen columns dropped (the norm still counts them).
    func compactRows(_ raw: RawFeatureRows) -> CSRMatrix {
        weighted(raw, compact: true)
    }

    private func weighted(_ raw: RawFeatureRows, compact: Bool) -> CSRMatrix {
        var rowPtr = [0], colIdx: [Int32] = [], values: [Float] = []
        rowPtr.reserveCapacity(raw.count + 1)
        colIdx.reserveCapacity(raw.buckets.count)
        values.reserveCapacity(raw.buckets.count)
        for r in 0..<raw.count {
            let start = values.count
            var sumSquares: Float = 0
            for p in raw.rowPtr[r]..<raw.rowPtr[r + 1] {
                let b = Int(raw.buckets[p]), c = column[b]
                let v = raw.values[p] * (c >= 0 ? idf[Int(c)] : unseenIDF)
                sumSquares += v * v
                if compact && c < 0 { continue }
                colIdx.append(compact ? c : Int32(b))
                values.append(v)
            }
            if sumSquares > 0 {
                let scale = 1 / sumSquares.squareRoot()
                for k in start..<values.count { values[k] *= scale }
            }
            rowPtr.append(values.count)
        }
        // Columns are in range by construction (bucket < 2^bits, compact column < featureCount).
        return CSRMatrix(trustedRows: raw.count, cols: compact ? featureCount : extractor.bucketCount,
                              rowPtr: rowPtr, colIdx: colIdx, values: values)
    }
}
