import Foundation

/// Naive-Bayes feature scaling (after Wang & Manning's NBSVM), generalized to several labels.
///
/// For feature `j` and label `k`, with binarized counts (a feature counts once per text) and
/// add-one smoothing, `p_kj` is the share of label `k`'s feature occurrences that are `j` and
/// `q_kj` the same share among the other labels; `r_j = max_k |ln(p_kj / q_kj)|`. The IDF of `j`
/// is multiplied by `(1 − β) + β · r_j / r̄` (`r̄` the mean of `r` over features), so features that
/// separate the labels take larger values and need smaller weights under the same L2 decay.
/// The scale lives in the IDF, so the artifact and prediction are unchanged.
extension FeatureSpace {
    /// A copy whose IDF carries the naive-Bayes scale of the labelled rows `raw` (`β` = `weight`).
    func naiveBayesScaled(_ raw: [(buckets: [Int32], values: [Float])], labels y: [Int], classCount: Int,
                          weight beta: Float) -> FeatureSpace {
        let f = featureCount
        guard beta > 0, f > 0, classCount >= 2, raw.count == y.count else { return self }
        var total = [Int32](repeating: 0, count: f)          // texts containing j, all labels
        var byClass = [[Int]](repeating: [], count: classCount)
        for (i, row) in raw.enumerated() {
            byClass[y[i]].append(i)
            for b in row.buckets { let c = column[Int(b)]; if c >= 0 { total[Int(c)] += 1 } }
        }
        let grandTotal = total.reduce(0) { $0 + Double($1) }
        var ratio = [Float](repeating: 0, count: f)
        var counts = [Int32](repeating: 0, count: f)
        for members in byClass where !members.isEmpty {
            for k in counts.indices { counts[k] = 0 }
            var classTotal = 0.0
            for i in members {
                for b in raw[i].buckets { let c = column[Int(b)]; if c >= 0 { counts[Int(c)] += 1; classTotal += 1 } }
            }
            let inDenominator = Float(Double(f) + classTotal), outDenominator = Float(Double(f) + grandTotal - classTotal)
            for j in 0..<f {
                let p = (1 + Float(counts[j])) / inDenominator
                let q = (1 + Float(total[j] - counts[j])) / outDenominator
                ratio[j] = max(ratio[j], abs(logf(p / q)))
            }
        }
        let mean = ratio.reduce(0, +) / Float(f)
        guard mean > 0 else { return self }
        let scaled = (0..<f).map { idf[$0] * ((1 - beta) + beta * ratio[$0] / mean) }
        return FeatureSpace(featurizer: featurizer, buckets: buckets, idf: scaled, documentCount: documentCount)
    }
}
