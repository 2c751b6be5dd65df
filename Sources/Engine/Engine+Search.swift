import Foundation
import KnowledgeModel
import Retrieval

extension Engine {
    /// The search modes `SearchRequest.mode` accepts.
    public static let searchModes = ["bm25"]

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
        let mode = request.mode ?? "bm25"
        guard Self.searchModes.contains(mode) else {
            throw EngineError.badRequest("invalid_mode", "mode must be one of \(Self.searchModes.joined(separator: ", ")); got '\(mode)'")
        }
        let filter = try Self.filter(request.filters)
        let s = try snapshot()
        let terms = s.analyzer.terms(query)
        let scored = s.index.search(terms: terms, parameters: config.bm25, limit: limit, filter: filter)
        var hits: [SearchHit] = []
        for (i, sc) in scored.enumerated() {
            guard let chunk = s.chunks[sc.chunkID] else { continue }
            let explanation = request.explain == true
                ? s.index.explain(chunkID: sc.chunkID, terms: terms, parameters: config.bm25) : nil
            hits.append(SearchHit(rank: i + 1, score: sc.score, chunk: chunk,
                                  documentName: s.documentNames[chunk.documentID], explanation: explanation))
        }
        let took = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        return SearchResponse(query: query, mode: mode, tookMs: took, hits: hits)
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
