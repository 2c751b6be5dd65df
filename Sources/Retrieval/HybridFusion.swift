import KnowledgeModel

/// How lexical (BM25) and semantic (vector) candidates are combined.
///
/// - `linear`: `score = vectorWeight · cosine + (1 − vectorWeight) · bm25 / max bm25 of the query`,
///   computed for every candidate of either list (the missing side is scored exactly).
/// - `rrf`: reciprocal-rank fusion, `Σ 1 / (rrfK + rank)` over the two lists.
public struct FusionParameters: Sendable, Codable, Equatable {
    public var method: String
    public var vectorWeight: Double
    public var rrfK: Double
    /// How many candidates each side contributes (and how deep the entity boost reranks).
    /// 30 and 50 gave the same top-10 lists and answers on the 396 Knowledge/eval questions in
    /// every mode, and the same R@1/R@5/MRR on StackFAQ (bare and grown) and LCQMC (2,000 test
    /// queries over 12,088 entries); 20 moved a few places below the third.
    public var candidates: Int

    public init(method: String = "linear", vectorWeight: Double = 0.65, rrfK: Double = 60, candidates: Int = 30) {
        self.method = method
        self.vectorWeight = vectorWeight
        self.rrfK = rrfK
        self.candidates = candidates
    }

    enum CodingKeys: String, CodingKey {
        case method, vectorWeight = "vector_weight", rrfK = "rrf_k", candidates
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = FusionParameters()
        method = try c.decodeIfPresent(String.self, forKey: .method) ?? d.method
        vectorWeight = try c.decodeIfPresent(Double.self, forKey: .vectorWeight) ?? d.vectorWeight
        rrfK = try c.decodeIfPresent(Double.self, forKey: .rrfK) ?? d.rrfK
        candidates = try c.decodeIfPresent(Int.self, forKey: .candidates) ?? d.candidates
    }
}

/// One fused candidate with the parts of its score.
public struct FusedCandidate: Sendable {
    public var chunkID: String
    public var score: Double
    public var bm25: Double
    public var bm25Rank: Int?
    public var cosine: Double
    public var vectorRank: Int?
    public var explanation: ScoreExplanation
}

/// Combines BM25 and vector candidate lists into one ranking whose every score is explainable.
public enum HybridFusion {
    /// - Parameters:
    ///   - bm25: BM25 hits, best first.
    ///   - vector: vector hits (chunk id, cosine), best first.
    ///   - bm25Score: exact BM25 score of any chunk (0 when no query term matches it).
    ///   - cosine: exact cosine of any chunk with the query (nil when it has no vector).
    ///   - extra: further candidates found another way (the graph), scored like the others.
    ///   - explain: whether to write each candidate's `explanation` (formatting it is a good part
    ///     of the cost of fusing); without, explanations only carry the score.
    public static func fuse(bm25: [ScoredChunk], vector: [(chunkID: String, score: Float)],
                            bm25Score: (String) -> Double, cosine: (String) -> Float?,
                            parameters p: FusionParameters, limit: Int, extra: [String] = [], explain: Bool = true) -> [FusedCandidate] {
        // One table from chunk id to its place: its first BM25 and vector ranks and its BM25 score.
        var ids: [String] = []
        var place: [String: Int] = [:]
        var bm25Ranks: [Int?] = [], vectorRanks: [Int?] = []
        let most = bm25.count + vector.count + extra.count
        ids.reserveCapacity(most); place.reserveCapacity(most); bm25Ranks.reserveCapacity(most); vectorRanks.reserveCapacity(most)
        func add(_ id: String) -> Int {
            if let i = place[id] { return i }
            place[id] = ids.count
            ids.append(id); bm25Ranks.append(nil); vectorRanks.append(nil)
            return ids.count - 1
        }
        for (r, h) in bm25.enumerated() { let i = add(h.chunkID); if bm25Ranks[i] == nil { bm25Ranks[i] = r + 1 } }
        for (r, h) in vector.enumerated() { let i = add(h.chunkID); if vectorRanks[i] == nil { vectorRanks[i] = r + 1 } }
        for id in extra { _ = add(id) }
        let bm25Values = ids.indices.map { i in bm25Ranks[i].map { bm25[$0 - 1].score } ?? bm25Score(ids[i]) }
        let maxBM25 = max(bm25Values.max() ?? 0, 1e-9)
        let cosines = ids.indices.map { i in Double(vectorRanks[i].map { vector[$0 - 1].score } ?? cosine(ids[i]) ?? 0) }
        // Scores first; candidates (with their explanations) only for the places kept.
        let scores = ids.indices.map { i -> Double in
            if p.method == "rrf" {
                return (bm25Ranks[i].map { 1 / (p.rrfK + Double($0)) } ?? 0) + (vectorRanks[i].map { 1 / (p.rrfK + Double($0)) } ?? 0)
            }
            return (1 - p.vectorWeight) * bm25Values[i] / maxBM25 + p.vectorWeight * cosines[i]
        }
        let kept = ids.indices.sorted { a, b in scores[a] > scores[b] || (scores[a] == scores[b] && ids[a] < ids[b]) }.prefix(limit)
        return kept.map { i in
            let b = bm25Values[i], c = cosines[i], score = scores[i]
            let bm25Rank = bm25Ranks[i], vectorRank = vectorRanks[i]
            var parts: [ScoreExplanation] = []
            if explain {
                if p.method == "rrf" {
                    if let r = bm25Rank {
                        parts.append(ScoreExplanation(value: 1 / (p.rrfK + Double(r)), description: "BM25 rank \(r): 1/(\(p.rrfK)+\(r)) (bm25 \(fmt(b)))"))
                    }
                    if let r = vectorRank {
                        parts.append(ScoreExplanation(value: 1 / (p.rrfK + Double(r)), description: "vector rank \(r): 1/(\(p.rrfK)+\(r)) (cosine \(fmt(c)))"))
                    }
                } else {
                    parts.append(ScoreExplanation(value: p.vectorWeight * c, description: "cosine \(fmt(c)) × vector weight \(p.vectorWeight)"))
                    parts.append(ScoreExplanation(value: (1 - p.vectorWeight) * b / maxBM25,
                                                  description: "bm25 \(fmt(b)) / query max \(fmt(maxBM25)) × \(fmt(1 - p.vectorWeight))"))
                }
            }
            return FusedCandidate(chunkID: ids[i], score: score, bm25: b, bm25Rank: bm25Rank, cosine: c, vectorRank: vectorRank,
                                  explanation: ScoreExplanation(value: score, description: explain ? "hybrid (\(p.method))" : "", details: parts))
        }
    }

    static func fmt(_ x: Double) -> String { String(format: "%.3f", x) }
}
