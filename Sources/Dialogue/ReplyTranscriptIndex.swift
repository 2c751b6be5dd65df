import Foundation
import Learning
import LinearAlgebra
import KnowledgeModel
import Retrieval
import TextAnalysis

/// Past exchanges indexed by what the customer said, with every reply assigned to a cluster of
/// near-identical replies and counted per position bucket. Search by BM25 (analyzed customer turn in
/// the `question` field, the turn before it in `body`), by TF-IDF cosine (`ReplyVectorIndex`), or by
/// encoder cosine (`ReplyEncoderIndex`); only the structures the configuration uses are built.
struct ReplyTranscriptIndex: Sendable {
    private(set) var pairs: [ReplyPair] = []
    private(set) var clusterOfPair: [Int] = []
    private(set) var clusters = ReplyClusterIndex()
    /// The first pair of each cluster (its source when it is suggested for its popularity alone).
    private(set) var firstPairOfCluster: [Int] = []
    /// Per position bucket (see `positionBucket`): how many replies of each cluster, and the largest count.
    private(set) var bucketCounts: [[Int: Int]] = Array(repeating: [:], count: ReplyTranscriptIndex.bucketCount)
    private(set) var bucketLargest: [Int] = Array(repeating: 0, count: ReplyTranscriptIndex.bucketCount)
    /// Every cluster, largest first (older first on ties); per bucket likewise. Ranked once after
    /// the pairs are added, not on every suggestion.
    private var popularOrder: [Int] = []
    private var bucketPopularOrder: [[Int]] = Array(repeating: [], count: ReplyTranscriptIndex.bucketCount)
    private var index: BM25Index?
    private var vectors: ReplyVectorIndex?
    private var dense: ReplyEncoderIndex?

    /// An index over `pairs`: with `lexical` a BM25 index, with `vectors` TF-IDF vectors (IDF fitted
    /// on `pairs`), with an `encoder` its vectors.
    init(pairs: [ReplyPair] = [], lexical: Bool, vectors: Bool, encoder: Encoder? = nil, analyzer: Analyzer) {
        if lexical { index = BM25Index() }
        if vectors { self.vectors = ReplyVectorIndex(fittedOn: pairs, analyzer: analyzer) }
        if let encoder { dense = ReplyEncoderIndex(encoder: encoder, pairs: pairs) }
        for p in pairs { insert(p, analyzer: analyzer, vector: false) }
        rankPopular()
    }

    /// The term that stands for "no previous turn" (the conversation's first customer turn).
    static let startTerm = "⟨start⟩"

    /// Adds one pair (its vectors too) and re-ranks the clusters by size.
    mutating func add(_ pair: ReplyPair, analyzer: Analyzer) {
        insert(pair, analyzer: analyzer, vector: true)
        rankPopular()
    }

    private mutating func insert(_ pair: ReplyPair, analyzer: Analyzer, vector: Bool) {
        if vector { vectors?.add(pair); dense?.add(pair) }
        let n = pairs.count
        pairs.append(pair)
        let cluster = clusters.insert(pair.reply)
        clusterOfPair.append(cluster)
        if cluster == firstPairOfCluster.count { firstPairOfCluster.append(n) }
        let bucket = Self.positionBucket(pair.turn)
        let inBucket = (bucketCounts[bucket][cluster] ?? 0) + 1
        bucketCounts[bucket][cluster] = inBucket
        bucketLargest[bucket] = max(bucketLargest[bucket], inBucket)
        index?.add(IndexedChunk(chunkID: String(n), documentID: pair.session, kind: .passage, tags: []),
                  fields: Self.fields(customer: pair.customer, previous: pair.previous, analyzer: analyzer))
    }

    /// Cosine (TF-IDF) of a customer turn with each reply text; nil without vectors.
    func replyCosines(_ customer: String, _ replies: [String]) -> [Double]? {
        vectors?.cosines(customer, replies)
    }

    static let bucketCount = 5

    /// Where in a conversation a reply falls, by its turn number: 1-2 (the first reply), 3-4, 5-8, 9-16, later.
    static func positionBucket(_ turn: Int) -> Int {
        switch turn {
        case ...2: return 0
        case 3...4: return 1
        case 5...8: return 2
        case 9...16: return 3
        default: return 4
        }
    }

    /// The `k` largest clusters at a position bucket, largest first (older first on ties).
    func popularClusters(_ k: Int, bucket: Int) -> [Int] {
        guard k > 0 else { return [] }
        return Array(bucketPopularOrder[bucket].prefix(k))
    }

    /// The `k` largest clusters, largest first (older first on ties).
    func popularClusters(_ k: Int) -> [Int] {
        guard k > 0 else { return [] }
        return Array(popularOrder.prefix(k))
    }

    /// Ranks the clusters by size, overall and per position bucket (`popularClusters`).
    private mutating func rankPopular() {
        let all = clusters.clusters
        popularOrder = all.indices.sorted { all[$0].count != all[$1].count ? all[$0].count > all[$1].count : $0 < $1 }
        bucketPopularOrder = bucketCounts.map { counts in
            counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        }
    }

    static func fields(customer: String, previous: String?, analyzer: Analyzer) -> [SearchField: [String]] {
        let before = previous.map { analyzer.terms($0) } ?? [startTerm]
        return [.question: analyzer.terms(customer), .body: before]
    }

    /// The best past pairs for a customer turn, best first: BM25 of the customer turn against past
    /// customer turns picks `4 × neighbours` candidates; the BM25 of the previous turn against their
    /// previous turns, times `previousTurnWeight`, is added; the best `neighbours` are kept.
    func neighbours(customer: String, previous: String?, analyzer: Analyzer,
                    configuration c: ReplyConfiguration) -> [(pair: Int, score: Double)] {
        switch c.similarity {
        case .bm25:
            return lexicalNeighbours(customer: customer, previous: previous, analyzer: analyzer, configuration: c)
        case .encoder where dense != nil:
            guard let dense else { return [] }
            var scores = dense.scores(customer: customer, previous: previous, previousWeight: c.previousTurnWeight)
            if let sparse = vectors?.allScores(customer: customer, previous: previous, previousWeight: c.previousTurnWeight) {
                for i in scores.indices where i < sparse.count { scores[i] = (scores[i] + sparse[i]) / 2 }
            }
            var top = TopKHeap(k: c.neighbours)
            for (i, s) in scores.enumerated() where s > 0 { top.push(label: i, score: s) }
            return top.sorted().map { (pair: $0.index, score: Double($0.score)) }
        case .tfidf, .encoder:
            return vectors?.neighbours(customer: customer, previous: previous, previousWeight: c.previousTurnWeight,
                                       limit: c.neighbours) ?? []
        case .both:
            let lexical = lexicalNeighbours(customer: customer, previous: previous, analyzer: analyzer, configuration: c)
            let cosine = vectors?.neighbours(customer: customer, previous: previous, previousWeight: c.previousTurnWeight,
                                             limit: c.neighbours) ?? []
            var sum: [Int: Double] = [:]
            for list in [lexical, cosine] {
                guard let best = list.first?.score, best > 0 else { continue }
                for hit in list { sum[hit.pair, default: 0] += hit.score / best }
            }
            return sum.map { (pair: $0.key, score: $0.value) }
                .sorted { $0.score != $1.score ? $0.score > $1.score : $0.pair < $1.pair }
                .prefix(c.neighbours).map { $0 }
        }
    }

    func lexicalNeighbours(customer: String, previous: String?, analyzer: Analyzer,
                           configuration c: ReplyConfiguration) -> [(pair: Int, score: Double)] {
        guard let index else { return [] }
        let f = Self.fields(customer: customer, previous: previous, analyzer: analyzer)
        let customerOnly = BM25Parameters(k1: c.k1, b: c.b, titleWeight: 0, sectionWeight: 0, questionWeight: 1, bodyWeight: 0)
        let previousOnly = BM25Parameters(k1: c.k1, b: c.b, titleWeight: 0, sectionWeight: 0, questionWeight: 0, bodyWeight: 1)
        let before = f[.body] ?? []
        var pool = Set<String>()
        var scored: [(pair: Int, score: Double)] = []
        func take(_ id: String, customerScore: Double?) {
            guard pool.insert(id).inserted, let n = Int(id) else { return }
            var s = customerScore ?? index.score(chunkID: id, terms: f[.question] ?? [], parameters: customerOnly)
            if c.previousTurnWeight > 0 && !before.isEmpty {
                s += c.previousTurnWeight * index.score(chunkID: id, terms: before, parameters: previousOnly)
            }
            scored.append((n, s))
        }
        for hit in index.search(terms: f[.question] ?? [], parameters: customerOnly, limit: c.neighbours * 4) {
            take(hit.chunkID, customerScore: hit.score)
        }
        if c.previousTurnWeight > 0 && c.previousPool > 0 {
            for hit in index.search(terms: before, parameters: previousOnly, limit: c.previousPool) {
                take(hit.chunkID, customerScore: nil)
            }
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.pair < $1.pair }
        return Array(scored.prefix(c.neighbours))
    }
}
