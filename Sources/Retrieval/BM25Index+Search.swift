import Foundation
import KnowledgeModel
import LinearAlgebra

/// Which chunks a search may return. Empty lists mean "no restriction".
public struct SearchFilter: Sendable, Codable, Equatable {
    public var tags: [String]
    public var documentIDs: [String]
    public var kinds: [ChunkKind]

    public init(tags: [String] = [], documentIDs: [String] = [], kinds: [ChunkKind] = []) {
        self.tags = tags
        self.documentIDs = documentIDs
        self.kinds = kinds
    }

    public var isEmpty: Bool { tags.isEmpty && documentIDs.isEmpty && kinds.isEmpty }

    func accepts(_ c: IndexedChunk) -> Bool {
        if !kinds.isEmpty && !kinds.contains(c.kind) { return false }
        if !documentIDs.isEmpty && !documentIDs.contains(c.documentID) { return false }
        if !tags.isEmpty && !tags.contains(where: { c.tags.contains($0) }) { return false }
        return true
    }
}

/// Every chunk's BM25 score for one query (`BM25Index.searchScored`).
public struct BM25Scores: Sendable {
    /// By document number; 0 where no query term matches.
    let scores: [Float]
    let docNumbers: [String: UInt32]

    /// The chunk's score: 0 when no query term matches it or it is not indexed.
    public func score(of chunkID: String) -> Double {
        guard let d = docNumbers[chunkID], Int(d) < scores.count else { return 0 }
        return Double(scores[Int(d)])
    }
}

/// One scored chunk from the BM25 index.
public struct ScoredChunk: Sendable {
    public var chunkID: String
    public var score: Double

    public init(chunkID: String, score: Double) {
        self.chunkID = chunkID
        self.score = score
    }
}

extension BM25Index {
    /// The `limit` best chunks for the analyzed query terms, best first.
    /// Repeated query terms count once per repetition.
    public func search(terms: [String], parameters p: BM25Parameters, limit: Int,
                       filter: SearchFilter = SearchFilter()) -> [ScoredChunk] {
        searchScored(terms: terms, parameters: p, limit: limit, filter: filter).hits
    }

    /// `search`, also returning every chunk's score from the same pass over the postings, so
    /// that candidates found another way (vector search) are scored without looking their
    /// postings up again.
    public func searchScored(terms: [String], parameters p: BM25Parameters, limit: Int,
                             filter: SearchFilter = SearchFilter()) -> (hits: [ScoredChunk], all: BM25Scores) {
        let none = BM25Scores(scores: [], docNumbers: [:])
        guard limit > 0, liveCount > 0 else { return ([], none) }
        let query = queryTermIDs(terms)
        if query.isEmpty { return ([], none) }
        let avg = averageLengths
        let b = Float(p.b), k1 = Float(p.k1)
        let weights = SIMD4<Float>(Float(p.titleWeight), Float(p.sectionWeight), Float(p.questionWeight), Float(p.bodyWeight))
        var scores = [Float](repeating: 0, count: chunks.count)
        var wtf = [Float](repeating: 0, count: chunks.count)
        var touched: [UInt32] = []
        var candidates: [UInt32] = []
        for (term, qtf) in query {
            let idf = Float(idf(term)) * Float(qtf)
            for field in 0..<4 {
                let w = weights[field]
                if w == 0 { continue }
                for posting in postings[Int(term) &* 4 &+ field] {
                    let d = Int(posting.doc)
                    if !alive[d] { continue }
                    let norm = 1 - b + b * lengths[d][field] / avg[field]
                    if wtf[d] == 0 { touched.append(posting.doc) }
                    wtf[d] += w * Float(posting.tf) / norm
                }
            }
            for doc in touched {
                let d = Int(doc)
                if scores[d] == 0 { candidates.append(doc) }
                scores[d] += idf * wtf[d] * (k1 + 1) / (wtf[d] + k1)
                wtf[d] = 0
            }
            touched.removeAll(keepingCapacity: true)
        }
        var top = TopKHeap(k: limit)
        for doc in candidates where filter.isEmpty || filter.accepts(chunks[Int(doc)]) {
            top.push(label: Int(doc), score: scores[Int(doc)])
        }
        let hits = top.sorted().map { ScoredChunk(chunkID: chunks[$0.index].chunkID, score: Double($0.score)) }
        return (hits, BM25Scores(scores: scores, docNumbers: docNumbers))
    }

    /// The parts of one chunk's score: per query term its idf, and per field the term
    /// frequency, the length normalization and the weighted contribution.
    public func explain(chunkID: String, terms: [String], parameters p: BM25Parameters) -> ScoreExplanation? {
        guard let doc = docNumbers[chunkID] else { return nil }
        let d = Int(doc)
        let avg = averageLengths
        var total = 0.0
        var parts: [ScoreExplanation] = []
        for (term, qtf) in queryTermIDs(terms) {
            var wtf = 0.0
            var fieldParts: [ScoreExplanation] = []
            for field in SearchField.allCases {
                guard let posting = posting(term: term, field: field.rawValue, doc: doc) else { continue }
                let norm = 1 - p.b + p.b * Double(lengths[d][field.rawValue]) / Double(avg[field.rawValue])
                let contribution = p.weight(field) * Double(posting.tf) / norm
                wtf += contribution
                fieldParts.append(ScoreExplanation(
                    value: contribution,
                    description: "\(field.name): tf=\(posting.tf), weight=\(p.weight(field)), length=\(Int(lengths[d][field.rawValue])), avg length=\(String(format: "%.1f", avg[field.rawValue]))"))
            }
            guard wtf > 0 else { continue }
            let idf = self.idf(term)
            let value = idf * Double(qtf) * wtf * (p.k1 + 1) / (wtf + p.k1)
            total += value
            let name = termIDs.first(where: { $0.value == term })?.key ?? "?"
            parts.append(ScoreExplanation(
                value: value,
                description: "term \"\(name)\": idf=\(String(format: "%.3f", idf)) × query tf=\(qtf) × saturated weighted tf (k1=\(p.k1), b=\(p.b))",
                details: fieldParts))
        }
        return ScoreExplanation(value: total, description: "BM25F: sum over query terms", details: parts)
    }

    /// The BM25F score of one chunk for the query terms (0 when none matches): what `search`
    /// would give it, for scoring candidates that came from elsewhere (vector search).
    /// (Hybrid search reads its candidates' scores from `searchScored`'s table instead.)
    public func score(chunkID: String, terms: [String], parameters p: BM25Parameters) -> Double {
        guard let doc = docNumbers[chunkID] else { return 0 }
        let avg = averageLengths
        var total = 0.0
        for (term, qtf) in queryTermIDs(terms) {
            var wtf = 0.0
            for field in SearchField.allCases {
                guard let posting = posting(term: term, field: field.rawValue, doc: doc) else { continue }
                let norm = 1 - p.b + p.b * Double(lengths[Int(doc)][field.rawValue]) / Double(avg[field.rawValue])
                wtf += p.weight(field) * Double(posting.tf) / norm
            }
            if wtf > 0 { total += idf(term) * Double(qtf) * wtf * (p.k1 + 1) / (wtf + p.k1) }
        }
        return total
    }

    /// The posting of `doc` in a term's list for one field (lists are sorted by doc: binary search).
    func posting(term: UInt32, field: Int, doc: UInt32) -> Posting? {
        let list = postings[Int(term) &* 4 &+ field]
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid].doc < doc { lo = mid + 1 } else { hi = mid }
        }
        return lo < list.count && list[lo].doc == doc ? list[lo] : nil
    }

    /// Whether a chunk passes a filter (false for an unknown chunk).
    public func accepts(chunkID: String, filter: SearchFilter) -> Bool {
        guard let doc = docNumbers[chunkID] else { return false }
        return filter.accepts(chunks[Int(doc)])
    }

    /// Query terms known to the index, with their repetition count, in first-seen order.
    func queryTermIDs(_ terms: [String]) -> [(UInt32, Int)] {
        var out: [(UInt32, Int)] = []
        out.reserveCapacity(terms.count)
        // Queries are short: repeats are found by scanning what is kept (no table to build);
        // long texts (a whole document as a query) count them in a table.
        if terms.count <= 64 {
            for t in terms {
                guard let id = termIDs[t] else { continue }
                if let i = out.firstIndex(where: { $0.0 == id }) { out[i].1 += 1 } else { out.append((id, 1)) }
            }
            return out
        }
        var position: [UInt32: Int] = [:]
        for t in terms {
            guard let id = termIDs[t] else { continue }
            if let i = position[id] { out[i].1 += 1 } else { position[id] = out.count; out.append((id, 1)) }
        }
        return out
    }
}
