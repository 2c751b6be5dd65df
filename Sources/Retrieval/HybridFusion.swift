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
    /// How many candidates each side contributes.
    public var candidates: Int

    public init(method: String = "linear", vectorWeight: Double = 0.65, rrfK: Double = 60, candidates: Int = 50) {
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
        var ids: [String] = []
        var seen = Set<String>()
        for id in bm25.map(\.chunkID) + vector.map(\.chunkID) + extra where seen.insert(id).inserted { ids.append(id) }
        let bm25Rank = Dictionary(bm25.enumerated().map { ($1.chunkID, $0 + 1) }, uniquingKeysWith: { a, _ in a })
        let vectorRank = Dictionary(vector.enumerated().map { ($1.chunkID, $0 + 1) }, uniquingKeysWith: { a, _ in a })
        let bm25Values = Dictionary(uniqueKeysWithValues: ids.map { ($0, bm25Rank[$0] != nil ? bm25[bm25Rank[$0]! - 1].score : bm25Score($0)) })
        let maxBM25 = max(bm25Values.values.max() ?? 0, 1e-9)
        var out: [FusedCandidate] = []
        for id in ids {
            let b = bm25Values[id] ?? 0
            let c = Double(vectorRank[id].map { vector[$0 - 1].score } ?? cosine(id) ?? 0)
            var parts: [ScoreExplanation] = []
            var score = 0.0
            if p.method == "rrf" {
                if let r = bm25Rank[id] {
                    let v = 1 / (p.rrfK + Double(r))
                    score += v
                    if explain { parts.append(ScoreExplanation(value: v, description: "BM25 rank \(r): 1/(\(p.rrfK)+\(r)) (bm25 \(fmt(b)))")) }
                }
                if let r = vectorRank[id] {
                    let v = 1 / (p.rrfK + Double(r))
                    score += v
                    if explain { parts.append(ScoreExplanation(value: v, description: "vector rank \(r): 1/(\(p.rrfK)+\(r)) (cosine \(fmt(c)))")) }
                }
            } else {
                let lexical = (1 - p.vectorWeight) * b / maxBM25
                let semantic = p.vectorWeight * c
                score = lexical + semantic
                if explain {
                    parts.append(ScoreExplanation(value: semantic, description: "cosine \(fmt(c)) × vector weight \(p.vectorWeight)"))
                    parts.append(ScoreExplanation(value: lexical, description: "bm25 \(fmt(b)) / query max \(fmt(maxBM25)) × \(fmt(1 - p.vectorWeight))"))
                }
            }
            out.append(FusedCandidate(chunkID: id, score: score, bm25: b, bm25Rank: bm25Rank[id], cosine: c, vectorRank: vectorRank[id],
                                      explanation: ScoreExplanation(value: score, description: explain ? "hybrid (\(p.method))" : "", details: parts)))
        }
        out.sort { $0.score > $1.score || ($0.score == $1.score && $0.chunkID < $1.chunkID) }
        return Array(out.prefix(limit))
    }

    static func fmt(_ x: Double) -> String { String(format: "%.3f", x) }
}
