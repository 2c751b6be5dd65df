import Foundation
import KnowledgeModel
import Retrieval

extension Engine {
    /// The search modes `SearchRequest.mode` accepts. Without `mode`, a search is `hybrid`
    /// when an encoder has been trained and `bm25` otherwise.
    public static let searchModes = ["bm25", "vector", "hybrid"]

    /// Runs a search. Validates the request first: an empty query, a limit out of range,
    /// an unknown mode or kind is a `bad_request` error.
    public func search(_ request: SearchRequest) throws(EngineError) -> SearchResponse {
        let start = DispatchTime.now().uptimeNanoseconds
        let query = request.query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !query.isEmpty else { throw EngineError.badRequest("empty_query", "query must not be empty") }
        guard query.count <= 4000 else { throw EngineError.badRequest("query_too_long", "query is longer than 4000 characters") }
        let limit = request.limit ?? config.defaultLimit
        guard (1...config.maxLimit).contains(limit) else {
            throw EngineError.badRequest("invalid_limit", "limit must be between 1 and \(config.maxLimit)")
        }
        if let mode = request.mode, !Self.searchModes.contains(mode) {
            throw EngineError.badRequest("invalid_mode", "mode must be one of \(Self.searchModes.joined(separator: ", ")); got '\(mode)'")
        }
        let filter = try Self.filter(request.filters)
        let s = try snapshot()
        let mode = request.mode ?? (s.semantic == nil ? "bm25" : "hybrid")
        if mode != "bm25" && s.semantic == nil {
            throw EngineError(.unavailable, code: "vectors_unavailable",
                              "mode '\(mode)' needs a trained encoder; run `switchboard train` (or import knowledge first)")
        }
        let ranked = linkEntities(query: query, limit: limit, in: s) { pool in
            rank(query: query, mode: mode, limit: pool, filter: filter, explain: request.explain == true, in: s)
        }
        var hits: [SearchHit] = []
        for (i, r) in ranked.enumerated() {
            guard let chunk = s.chunks[r.chunkID] else { continue }
            hits.append(SearchHit(rank: i + 1, score: r.score, chunk: chunk,
                                  documentName: s.documentNames[chunk.documentID], explanation: r.explanation))
        }
        let took = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        return SearchResponse(query: query, mode: mode, tookMs: took, hits: hits)
    }

    struct Ranked {
        var chunkID: String
        var score: Double
        var explanation: ScoreExplanation?
    }

    /// The ranking of one mode, with explanations when asked for.
    func rank(query: String, mode: String, limit: Int, filter: SearchFilter, explain: Bool, in s: KnowledgeSnapshot) -> [Ranked] {
        let terms = s.analyzer.terms(query)
        let params = config.bm25
        func lexicalExplanation(_ id: String) -> ScoreExplanation? {
            explain ? s.index.explain(chunkID: id, terms: terms, parameters: params) : nil
        }
        if mode == "bm25" {
            return s.index.search(terms: terms, parameters: params, limit: limit, filter: filter).map {
                Ranked(chunkID: $0.chunkID, score: $0.score, explanation: lexicalExplanation($0.chunkID))
            }
        }
        guard let semantic = s.semantic else { return [] }
        let q = semantic.encoder.encode(query)
        let accept: (String) -> Bool = { id in filter.isEmpty || s.index.accepts(chunkID: id, filter: filter) }
        if mode == "vector" {
            return semantic.index.search(q, k: limit, accept: accept).map { hit in
                Ranked(chunkID: hit.chunkID, score: Double(hit.score), explanation: explain
                    ? ScoreExplanation(value: Double(hit.score), description: "cosine of the best wording (self-trained encoder \(semantic.encoder.fingerprint.prefix(8)))")
                    : nil)
            }
        }
        let n = max(config.fusion.candidates, limit)
        let lexical = s.index.search(terms: terms, parameters: params, limit: n, filter: filter)
        let vector = semantic.index.search(q, k: n, accept: accept)
        let fused = HybridFusion.fuse(bm25: lexical, vector: vector,
                                      bm25Score: { s.index.score(chunkID: $0, terms: terms, parameters: params) },
                                      cosine: { semantic.index.similarity(q, chunkID: $0) },
                                      parameters: config.fusion, limit: limit)
        return fused.map { f in
            var e = f.explanation
            if explain, let lex = lexicalExplanation(f.chunkID) { e.details.append(lex) }
            return Ranked(chunkID: f.chunkID, score: f.score, explanation: explain ? e : nil)
        }
    }

    /// The graph's part in ranking: entities linked in the query (names and aliases from the
    /// lexicon) lift the chunks that mention them and lower the chunks that mention, instead, another
    /// entity of the same type (a question about the E7 answered with the E9's FAQ). `rank` is asked
    /// for a wider pool first so that a chunk just below the cut can rise; scores are multiplied, so
    /// every mode's scale is kept:
    /// `factor = 1 + boost × (shared / linked) − boost × (contradicted / linked)`.
    func linkEntities(query: String, limit: Int, in s: KnowledgeSnapshot, rank: (Int) -> [Ranked]) -> [Ranked] {
        guard config.entityBoost > 0, let linker = s.linker else { return rank(limit) }
        let linked = linker.entityIDs(in: query)
        guard !linked.isEmpty else { return rank(limit) }
        var pool = rank(max(limit, 50)).map { r -> Ranked in
            let mentioned = s.chunkEntities[r.chunkID] ?? []
            let shared = linked.intersection(mentioned)
            let otherTypes = Set(mentioned.subtracting(linked).compactMap { s.entityTypes[$0] })
            let contradicted = linked.subtracting(mentioned).filter { id in s.entityTypes[id].map(otherTypes.contains) ?? false }
            guard !shared.isEmpty || !contradicted.isEmpty else { return r }
            let n = Double(linked.count)
            let factor = max(0, 1 + config.entityBoost * (Double(shared.count) - Double(contradicted.count)) / n)
            var out = r
            out.score = r.score * factor
            if let e = r.explanation {
                var parts: [String] = []
                if !shared.isEmpty { parts.append("mentions \(shared.sorted().joined(separator: ", "))") }
                if !contradicted.isEmpty { parts.append("names another \(contradicted.sorted().compactMap { s.entityTypes[$0] }.joined(separator: ", ")) than \(contradicted.sorted().joined(separator: ", "))") }
                out.explanation = ScoreExplanation(value: out.score, description: "× \(String(format: "%.3f", factor)) entity match: \(parts.joined(separator: "; ")) (\(linked.count) linked in the query)",
                                                   details: [e])
            }
            return out
        }
        pool.sort { $0.score > $1.score || ($0.score == $1.score && $0.chunkID < $1.chunkID) }
        return Array(pool.prefix(limit))
    }

    static func filter(_ f: SearchFilters?) throws(EngineError) -> SearchFilter {
        guard let f else { return SearchFilter() }
        var kinds: [ChunkKind] = []
        for k in f.kinds ?? [] {
            guard let kind = ChunkKind(rawValue: k) else {
                throw EngineError.badRequest("invalid_filter", "filters.kinds: '\(k)' is not one of passage, faq")
            }
            kinds.append(kind)
        }
        return SearchFilter(tags: f.tags ?? [], documentIDs: f.documentIDs ?? [], kinds: kinds)
    }
}

extension Engine {
    /// The analyzer's terms for a text (what a query is matched with).
    public func analyze(_ text: String) throws(EngineError) -> [String] {
        try snapshot().analyzer.terms(text)
    }

    /// Every chunk with its analyzed text (title and body terms, space-separated), for benchmark peers.
    public func analyzedChunks() throws(EngineError) -> [(String, String)] {
        let s = try snapshot()
        return s.chunks.values.map { c in
            (c.id, (s.analyzer.terms(c.title) + s.analyzer.terms(c.question ?? "") + s.analyzer.terms(c.text)).joined(separator: " "))
        }
    }
}
