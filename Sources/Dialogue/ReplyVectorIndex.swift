import Foundation
import Learning
import LinearAlgebra
import TextAnalysis

/// Past customer turns (and the turns before them) as L2-normalized hashed TF-IDF vectors
/// (`Learning.TFIDFModel`, IDF fitted once on the initial pairs), searched by cosine through
/// inverted lists: cosine(customer) + `previousTurnWeight` × cosine(previous).
struct ReplyVectorIndex: Sendable {
    let model: TFIDFModel
    /// bucket → (pair, value), for customer turns and previous turns.
    private var customerLists: [Int32: [(pair: Int32, value: Float)]] = [:]
    private var previousLists: [Int32: [(pair: Int32, value: Float)]] = [:]
    private(set) var count = 0

    init(fittedOn pairs: [ReplyPair], analyzer: Analyzer) {
        var config = EncoderConfig()
        config.cjkNgramWeight = 0
        config.removeStopwords = analyzer.options.removeStopwords
        let extractor = FeatureExtractor(config: config, lexicon: analyzer.lexicon)
        let corpus = pairs.map(\.customer) + pairs.compactMap(\.previous)
        model = TFIDFModel.fit(corpus: corpus, extractor: extractor)
        let customers = model.transform(pairs.map(\.customer))
        let previous = model.transform(pairs.map { $0.previous ?? ReplyTranscriptIndex.startTerm })
        for i in pairs.indices { append(customers, row: i, previous, row: i) }
    }

    mutating func add(_ pair: ReplyPair) {
        let rows = model.transform([pair.customer, pair.previous ?? ReplyTranscriptIndex.startTerm])
        append(rows, row: 0, rows, row: 1)
    }

    private mutating func append(_ a: CSRMatrix, row i: Int, _ b: CSRMatrix, row j: Int) {
        let pair = Int32(count)
        for p in a.rowPtr[i]..<a.rowPtr[i + 1] { customerLists[a.colIdx[p], default: []].append((pair, a.values[p])) }
        for p in b.rowPtr[j]..<b.rowPtr[j + 1] { previousLists[b.colIdx[p], default: []].append((pair, b.values[p])) }
        count += 1
    }

    /// The best `limit` pairs by cosine(customer) + weight × cosine(previous), best first.
    func neighbours(customer: String, previous: String?, previousWeight: Double, limit: Int) -> [(pair: Int, score: Double)] {
        guard count > 0 else { return [] }
        let scores = allScores(customer: customer, previous: previous, previousWeight: previousWeight)
        var top = TopKHeap(k: limit)
        for (i, s) in scores.enumerated() where s > 0 { top.push(label: i, score: s) }
        return top.sorted().map { (pair: $0.index, score: Double($0.score)) }
    }

    /// cosine(customer) + weight × cosine(previous) for every indexed pair.
    func allScores(customer: String, previous: String?, previousWeight: Double) -> [Float] {
        let rows = model.transform([customer, previous ?? ReplyTranscriptIndex.startTerm])
        var scores = [Float](repeating: 0, count: count)
        for p in rows.rowPtr[0]..<rows.rowPtr[1] {
            let v = rows.values[p]
            for e in customerLists[rows.colIdx[p]] ?? [] { scores[Int(e.pair)] += v * e.value }
        }
        if previousWeight > 0 {
            let w = Float(previousWeight)
            for p in rows.rowPtr[1]..<rows.rowPtr[2] {
                let v = rows.values[p] * w
                for e in previousLists[rows.colIdx[p]] ?? [] { scores[Int(e.pair)] += v * e.value }
            }
        }
        return scores
    }

    /// Cosine of `text` with each of `others` (TF-IDF vectors of the same model).
    func cosines(_ text: String, _ others: [String]) -> [Double] {
        guard !others.isEmpty else { return [] }
        let rows = model.transform([text] + others)
        var query: [Int32: Float] = [:]
        for p in rows.rowPtr[0]..<rows.rowPtr[1] { query[rows.colIdx[p]] = rows.values[p] }
        return (1...others.count).map { r in
            var dot: Float = 0
            for p in rows.rowPtr[r]..<rows.rowPtr[r + 1] { dot += (query[rows.colIdx[p]] ?? 0) * rows.values[p] }
            return Double(dot)
        }
    }
}
