import Foundation
import Graph
import KnowledgeModel
import Retrieval
import TextAnalysis

extension Engine {
    /// The search modes `SearchRequest.mode` accepts. Without `mode`, a search is `hybrid`
    /// when an encoder has been trained and `bm25` otherwise.
    public static let searchModes = ["bm25", "vector", "hybrid"]

    /// Runs a search. Validates the request first: an empty query, a limit out of range,
    /// an unknown mode or kind is a `bad_request` error.
    public func search(_ request: SearchRequest) throws(EngineError) -> SearchResponse {
        try searchEncoded(request).response
    }

    /// `search`, also returning the query's vector when the search encoded it (hybrid and vector
    /// modes), so that callers scoring the same text against chunks need not encode it again, and
    /// the query's analyzed terms (for the same reason).
    func searchEncoded(_ request: SearchRequest) throws(EngineError) -> (response: SearchResponse, queryVector: [Float]?, terms: AnalyzedText) {
        let start = DispatchTime.now().uptimeNanoseconds
        let asked = Self.trimmed(request.query)
        guard !asked.isEmpty else { throw EngineError.badRequest("empty_query", "query must not be empty") }
        guard asked.count <= 4000 else { throw EngineError.badRequest("query_too_long", "query is longer than 4000 characters") }
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
        // Words the knowledge does not know, mended first, so that every stage reads the mended query.
        // Real words are left alone, and so are words the index knows in another form.
        var corrected: String?
        if let words = spellingWords {
            corrected = s.spelling.corrected(asked, isKnown: { word in
                words.contains(word) || s.analyzer.terms(word).allSatisfy { s.index.documentFrequency(of: $0) > 0 }
            })?.text
        }
        // The mentions are found once: linking, and the attribute question, read them.
        var mentions = s.linker?.mentions(in: corrected ?? asked) ?? []
        var query = corrected ?? asked, resolved: String?
        let context = request.sessionID.map { sessions.context($0) }
        // The typed mentions only matter to a session (its next question may rewrite this one).
        var typed = context == nil ? [] : EllipticalQuestion.typed(mentions, types: s.entityTypes)
        if let context, let r = EllipticalQuestion.rewrite(query, mentions: typed, previous: context.previous) {
            // "What about the L3?": the previous question, about the L3.
            (query, resolved) = (r, r)
            mentions = s.linker?.mentions(in: r) ?? []
            typed = EllipticalQuestion.typed(mentions, types: s.entityTypes)
        }
        let entities = linkedEntities(named: Set(mentions.map(\.entityID)), sessionID: request.sessionID, context: context, in: s)
        let queryVector = mode == "bm25" ? nil : s.semantic?.encoder.encode(query)
        // The query's terms, analyzed once for ranking and for the relations it names.
        let terms = s.analyzer.terms(query)
        let rankTerms = followUpTerms(query: query, terms: terms, entities: entities, sessionID: request.sessionID,
                                      asked: EllipticalQuestion.Previous(text: query, mentions: typed,
                                                                         carriedTypes: Set(entities.carried.compactMap { s.entityTypes[$0] })))
        let ranked = linkEntities(entities, queryTerms: terms, limit: limit, in: s) { pool, extra in
            rank(query: query, terms: rankTerms, mode: mode, limit: pool, filter: filter, explain: request.explain == true, in: s, extra: extra,
                 queryVector: queryVector)
        }
        var hits: [SearchHit] = []
        for (i, r) in ranked.enumerated() {
            guard let chunk = s.chunks[r.chunkID] else { continue }
            hits.append(SearchHit(rank: i + 1, score: r.score, chunk: chunk,
                                  documentName: s.documentNames[chunk.documentID], explanation: r.explanation))
        }
        let took = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        var response = SearchResponse(query: asked, mode: mode, tookMs: took, hits: hits,
                                      entities: entities.all.isEmpty ? nil : entities.views(in: s),
                                      fact: factAnswer(query, mentions: mentions, carried: entities.carried, in: s), sessionID: request.sessionID)
        response.resolvedQuery = resolved
        response.correctedQuery = corrected
        return (response, queryVector, AnalyzedText(text: query, terms: terms))
    }

    /// `text.trimmingCharacters(in: .whitespacesAndNewlines)` without Foundation, and without a
    /// copy when there is nothing to trim.
    static func trimmed(_ text: String) -> String {
        let t = UnicodeSpaces.trimmedLikeFoundation(text)
        return t.startIndex == text.startIndex && t.endIndex == text.endIndex ? text : String(t)
    }

    struct Ranked {
        var chunkID: String
        var score: Double
        var explanation: ScoreExplanation?
    }

    /// The ranking of one mode, with explanations when asked for.
    /// `extra` are candidates the graph found: they are scored like every other chunk and compete
    /// for the same places. `queryVector` is the query encoded already (encoded here when nil).
    /// `terms` are the query's analyzed terms.
    func rank(query: String, terms: [String], mode: String, limit: Int, filter: SearchFilter, explain: Bool, in s: KnowledgeSnapshot,
              extra: [String] = [], queryVector: [Float]? = nil) -> [Ranked] {
        let params = config.bm25
        func lexicalExplanation(_ id: String) -> ScoreExplanation? {
            explain ? s.index.explain(chunkID: id, terms: terms, parameters: params) : nil
        }
        let accept: (String) -> Bool = { id in filter.isEmpty || s.index.accepts(chunkID: id, filter: filter) }
        let extra = extra.filter(accept)
        if mode == "bm25" {
            var (hits, all) = s.index.searchScored(terms: terms, parameters: params, limit: limit, filter: filter)
            let listed = Set(hits.map(\.chunkID))
            for id in extra where !listed.contains(id) {
                let score = all.score(of: id)
                if score > 0 { hits.append(ScoredChunk(chunkID: id, score: score)) }
            }
            return hits.map {
                Ranked(chunkID: $0.chunkID, score: $0.score, explanation: lexicalExplanation($0.chunkID))
            }
        }
        guard let semantic = s.semantic else { return [] }
        let q = queryVector ?? semantic.encoder.encode(query)
        // Exact index: every chunk's cosine in one pass, ranked and looked up from one table.
        let cosines = semantic.index.scoreAll(q)
        let cosine: (String) -> Float? = { id in cosines.map { $0.cosine(of: id) } ?? semantic.index.similarity(q, chunkID: id) }
        func vectorSearch(_ k: Int) -> [(chunkID: String, score: Float)] {
            cosines?.top(k: k, accept: filter.isEmpty ? nil : accept) ?? semantic.index.search(q, k: k, accept: accept)
        }
        if mode == "vector" {
            var hits = vectorSearch(limit)
            let listed = Set(hits.map(\.chunkID))
            for id in extra where !listed.contains(id) {
                if let c = cosine(id) { hits.append((chunkID: id, score: c)) }
            }
            return hits.map { hit in
                Ranked(chunkID: hit.chunkID, score: Double(hit.score), explanation: explain
                    ? ScoreExplanation(value: Double(hit.score), description: "cosine of the best wording (\(semantic.encoder.name))")
                    : nil)
            }
        }
        let n = max(config.fusion.candidates, limit)
        let (lexical, bm25) = s.index.searchScored(terms: terms, parameters: params, limit: n, filter: filter)
        let vector = vectorSearch(n)
        let fused = HybridFusion.fuse(bm25: lexical, vector: vector,
                                      bm25Score: bm25.score(of:),
                                      cosine: cosine,
                                      parameters: fusion, limit: limit + extra.count, extra: extra, explain: explain)
        return fused.map { f in
            var e = f.explanation
            if explain, let lex = lexicalExplanation(f.chunkID) { e.details.append(lex) }
            return Ranked(chunkID: f.chunkID, score: f.score, explanation: explain ? e : nil)
        }
    }

    /// The graph's part in ranking. Entities linked in the query (lexicon names and aliases), and
    /// those carried from earlier questions of the session, do three things:
    /// - the chunks that support their relations join the candidates (scored like any other chunk);
    /// - chunks that mention them rise (fully when they are about them, see `mentionCredit`),
    ///   chunks about another entity of the same type sink (a question about the E7 answered
    ///   with the E9's FAQ);
    /// - chunks that support a relation between two of them, or a fact whose attribute the query
    ///   names, rise a little more.
    /// `rank` is asked for a wider pool first (`fusion.candidates`) so that a chunk just below the cut can rise; scores
    /// are multiplied, so every mode's scale is kept:
    /// `factor = 1 + boost × (Σ credit − contradicted) / linked + boost / 2 × [supports a relation]`.
    func linkEntities(_ entities: LinkedEntities, queryTerms: [String], limit: Int, in s: KnowledgeSnapshot,
                      rank: (Int, [String]) -> [Ranked]) -> [Ranked] {
        let linked = entities.all
        guard config.entityBoost > 0, !linked.isEmpty else { return rank(limit, []) }
        let support = relationSupport(linked: linked, queryTerms: Set(queryTerms), in: s)
        // The closures below read these two tables only: capturing them, not the whole snapshot,
        // saves a copy of the snapshot (a retain per field) per candidate.
        let types = s.entityTypes, chunkEntities = s.chunkEntities
        let linkedTypes = linked.sorted().map { (id: $0, type: types[$0]) }
        let empty = ChunkEntities(subjects: [], body: [])
        var pool = rank(max(limit, config.fusion.candidates), support.candidates).map { r -> Ranked in
            let supported = support.reasons.isEmpty ? nil : support.reasons[r.chunkID]
            let mentioned = chunkEntities[r.chunkID]
            // A chunk that names no entity earns no credit and contradicts none.
            guard mentioned != nil || supported != nil else { return r }
            let chunk = mentioned ?? empty
            let credit = linkedTypes.reduce(0.0) { $0 + Self.mentionCredit($1.id, type: $1.type, chunk) }
            let contradictions = Self.contradictions(linkedTypes, chunk)
            guard credit > 0 || contradictions > 0 || supported != nil else { return r }
            let n = Double(linked.count)
            let factor = max(0, 1 + config.entityBoost * (credit - Double(contradictions)) / n
                                  + (supported == nil ? 0 : config.entityBoost / 2))
            var out = r
            out.score = r.score * factor
            if let e = r.explanation {
                let shared = linked.intersection(chunk.allList)
                let subjectTypes = Set(chunk.typedSubjects.filter { !linked.contains($0.id) }.map(\.type))
                let contradicted = linked.subtracting(chunk.allList).filter { id in types[id].map(subjectTypes.contains) ?? false }
                var parts: [String] = []
                if !shared.isEmpty { parts.append("mentions \(shared.sorted().joined(separator: ", ")) (credit \(String(format: "%.2f", credit)))") }
                if !contradicted.isEmpty { parts.append("is about another \(contradicted.sorted().compactMap { types[$0] }.joined(separator: ", ")) than \(contradicted.sorted().joined(separator: ", "))") }
                if let supported { parts.append("supports \(supported)") }
                let carried = entities.carried.isEmpty ? "" : ", \(entities.carried.count) carried from the session"
                out.explanation = ScoreExplanation(value: out.score, description: "× \(String(format: "%.3f", factor)) entity match: \(parts.joined(separator: "; ")) (\(linked.count) linked in the query\(carried))",
                                                   details: [e])
            }
            return out
        }
        pool.sort { $0.score > $1.score || ($0.score == $1.score && $0.chunkID < $1.chunkID) }
        return Array(pool.prefix(limit))
    }

    /// How much a chunk's mention of a linked entity counts: 1 when the chunk is about it (its
    /// title, headings or FAQ question name it); ½ when only its body names it and it is the only
    /// entity of its type there; 0 when the body names others of its type too (a section listing
    /// products as examples is about none of them).
    static let bodyMentionCredit = 0.25

    /// How many linked entities the chunk names not at all while its subject is another entity
    /// of their type (counted without building the sets the explanation lists).
    /// `linkedTypes` lists every linked entity with its type.
    static func contradictions(_ linkedTypes: [(id: String, type: String?)], _ chunk: ChunkEntities) -> Int {
        var count = 0
        for (id, type) in linkedTypes {
            guard let type, !chunk.allList.contains(id) else { continue }
            let other = chunk.typedSubjects.contains { s in s.type == type && !linkedTypes.contains { $0.id == s.id } }
            if other { count += 1 }
        }
        return count
    }

    /// `type` is the entity's type (nil when it has none).
    static func mentionCredit(_ id: String, type: String?, _ chunk: ChunkEntities) -> Double {
        if chunk.subjectList.contains(id) { return 1 }
        guard chunk.allList.contains(id) else { return 0 }
        // The chunk's entities of this type include this one: another one makes two.
        return chunk.count(ofType: type) >= 2 ? 0 : Self.bodyMentionCredit
    }

    /// The chunks that support relations of the linked entities: those of a relation between two
    /// linked entities or of a fact whose attribute the query names come first (they are also
    /// boosted, with the relation as the reason), then the others by confidence; at most 30.
    func relationSupport(linked: Set<String>, queryTerms: Set<String>, in s: KnowledgeSnapshot) -> (candidates: [String], reasons: [String: String]) {
        var reasons: [String: String] = [:]
        var candidates: [String] = []
        var seen = Set<String>()
        let relations = s.attributes?.relations ?? [:]
        let tables = linked.sorted().compactMap { relations[$0] }
        for table in tables {
            for i in table.strongRows(linked: linked, queryTerms: queryTerms) {
                let row = table.rows[i]
                var what: String?   // described once per row, when a chunk first needs it
                for c in row.sources where s.chunks.index(forKey: c) != nil {
                    if reasons[c] == nil {
                        if what == nil {
                            let edge = s.graph.edges[row.edge]
                            what = "\(edge.subject) —\(edge.type)→ \(edge.literalValue ?? edge.object)\(edge.attribute.map { " (\($0))" } ?? "")"
                        }
                        reasons[c] = what
                    }
                    if seen.insert(c).inserted { candidates.append(c) }
                }
            }
        }
        // Then the other sources by confidence (ties: the entity first in name order, then row
        // order), merged from each entity's ranked list; only the first 30 candidates are kept.
        // A chunk of a strong row is seen already, so ranking it among all rows changes nothing.
        var next = [Int](repeating: 0, count: tables.count)
        while candidates.count < 30 {
            var pick: Int?
            for t in tables.indices where next[t] < tables[t].ranked.count {
                guard let p = pick else { pick = t; continue }
                let a = tables[t].ranked[next[t]], b = tables[p].ranked[next[p]]
                if a.confidence > b.confidence { pick = t }
            }
            guard let t = pick else { break }
            let c = tables[t].ranked[next[t]].chunk
            next[t] += 1
            if !seen.contains(c) && s.chunks.index(forKey: c) != nil {
                seen.insert(c)
                candidates.append(c)
            }
        }
        return (Array(candidates.prefix(30)), reasons)
    }

    /// The graph fact that answers an attribute question, or nil when the question asks for no
    /// attribute of an entity it names (or, failing that, of an entity carried from the session).
    /// `mentions` are the linker's mentions in `question`.
    func factAnswer(_ question: String, mentions: [EntityMention], carried: Set<String>, in s: KnowledgeSnapshot) -> FactAnswer? {
        guard s.linker != nil, let resolver = s.attributes?.resolver else { return nil }
        // The lexicon mentions, each entity once, as `AttributeQuestionResolver.answer(question:matcher:)` reads them.
        var ids: [String] = [], surfaces: [String] = []
        for m in mentions where m.source == .lexicon && !ids.contains(m.entityID) {
            ids.append(m.entityID)
            surfaces.append(m.surface)
        }
        guard let a = resolver.answer(question: question, linkedEntityIDs: ids, contextEntityIDs: carried.sorted(), mentionSurfaces: surfaces)
        else { return nil }
        let label = a.keyEntityID.flatMap { s.graph.entities[$0]?.name }
            ?? a.sources.lazy.compactMap { s.chunks[$0].flatMap { AttributeLabel.restoringCase(of: a.attribute, in: $0.text) } }.first
        return FactAnswer(entityID: a.entityID, entityName: a.entityName, attribute: a.attribute, value: a.value,
                          confidence: a.confidence, sources: a.sources.map { source(chunkID: $0, in: s) },
                          attributeLabel: label)
    }

    /// The entities of a question: those it names, and (with a session) those carried from
    /// the session's earlier questions for the types it does not name. Records the turn.
    /// `named` are the entities the linker found in the query.
    /// `context` is the session's context read already (read here when nil).
    func linkedEntities(named: Set<String>, sessionID: String?, context: SessionContext? = nil, in s: KnowledgeSnapshot) -> LinkedEntities {
        guard let sessionID else { return LinkedEntities(named: named, carried: []) }
        let carried = (context ?? sessions.context(sessionID)).carried(into: named, types: s.entityTypes).map(\.id)
        sessions.update(sessionID) { c in c.record(named.sorted().map { ($0, s.entityTypes[$0] ?? "") }) }
        return LinkedEntities(named: named, carried: Set(carried))
    }

    /// The terms BM25 ranks a session's question by. A question that refers back ("and how far
    /// can it go?", "它多少钱？") but names no entity, in a session that carries none, is about the
    /// previous question's topic: the knowledge may have no entity for it (a product name seen
    /// twice is not one). Then the previous topic's terms it lacks join the query at half the
    /// weight of its own terms (BM25's query term frequency: its own terms count twice), so
    /// "it" ranks the FAQ of the product asked about before; the vector side keeps the question
    /// alone. Records the session's topic, and `asked` as the question the next may ask again
    /// about another entity. Other questions rank by their own terms.
    func followUpTerms(query: String, terms: [String], entities: LinkedEntities, sessionID: String?,
                       asked: EllipticalQuestion.Previous) -> [String] {
        guard let sessionID else { return terms }
        let borrows = entities.all.isEmpty && Self.refersBack(query)
        var carried: [String] = []
        // One look-up: the previous topic is read and the new one written under the same lock.
        sessions.update(sessionID) { c in
            if borrows {
                let own = Set(terms)
                carried = c.topicTerms.filter { !own.contains($0) }
            }
            c.topicTerms = Array((terms + carried).prefix(Self.maxTopicTerms))
            // A long question is kept out of the session (memory per session stays small); a
            // follow-up that only names an entity rarely follows one.
            c.previous = asked.text.utf16.count <= EllipticalQuestion.maxPreviousLength ? asked : nil
        }
        return carried.isEmpty ? terms : terms + terms + carried
    }

    static let maxTopicTerms = 24

    /// Words that point back to something said before: English pronouns and determiners, Chinese
    /// pronouns and demonstratives, and a short Chinese question ending in 呢 ("续航呢？").
    static func refersBack(_ query: String) -> Bool {
        let lowered = query.lowercased()
        let words = lowered.split { !$0.isLetter && $0 != "'" }
        if words.contains(where: { englishBackReferences.contains(String($0)) }) { return true }
        if chineseBackReferences.contains(where: { ByteSearch.contains(lowered, $0) }) { return true }
        // A short question ending in 呢: look at the end first, count only when it is 呢.
        guard lowered.reversed().first(where: { !$0.isPunctuation && !$0.isWhitespace }) == "呢" else { return false }
        return lowered.lazy.filter { !$0.isPunctuation && !$0.isWhitespace }.prefix(9).count <= 8
    }

    static let englishBackReferences: Set<String> = ["it", "its", "it's", "they", "them", "their", "theirs", "this", "that",
                                                     "these", "those"]
    static let chineseBackReferences = ["它", "这款", "那款", "这个", "那个", "这辆", "那辆", "该车", "这车", "那车"]

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
