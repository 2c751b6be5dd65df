import Foundation
import LinearAlgebra

/// Which nearest-neighbour structure holds the vectors.
public enum VectorIndexKind: String, Sendable, Codable, CaseIterable {
    /// Brute force (blocked sgemv): exact, and fastest below a few tens of thousands of vectors.
    case exact
    /// HNSW graph: approximate, sub-millisecond on hundreds of thousands of vectors.
    case hnsw
    /// `exact` up to `SemanticIndex.autoHNSWThreshold` vectors, `hnsw` above.
    case auto
}

/// Dense vectors of chunks. A chunk has one or more *wordings*, each with its own vector (a
/// passage: its text; a FAQ: its question, each similar question and its answer); a chunk's
/// similarity to a query is the best of its wordings, so a FAQ matches whichever way a customer
/// phrases it. Vectors are kept beside the ANN structure so that any chunk (for example a BM25
/// candidate the ANN search did not return) can be scored exactly.
public struct SemanticIndex: Sendable {
    public static let autoHNSWThreshold = 50_000

    public let dimension: Int
    public let kind: VectorIndexKind
    var backend: VectorBackend
    /// Row-major `[nextID × dimension]`: the vector of every wording id ever assigned.
    var store: [Float] = []
    var nextID: UInt32 = 0
    /// Wording ids of each live chunk.
    var wordings: [String: [UInt32]] = [:]
    /// Owner chunk of each live wording id.
    var owner = WordingOwners()
    /// Chunk ids of each document.
    var byDocument: [String: [String]] = [:]

    public init(dimension: Int, kind: VectorIndexKind = .auto, hnsw: HNSWParameters = .default) {
        self.dimension = dimension
        self.kind = kind
        backend = kind == .hnsw ? .hnsw(HNSWIndex(dimension: dimension, parameters: hnsw)) : .exact(ExactVectorIndex(dimension: dimension))
    }

    /// Number of chunks with vectors.
    public var chunkCount: Int { wordings.count }
    /// Number of live wording vectors.
    public var vectorCount: Int { owner.count }
    /// The structure in use now.
    public var backendName: String { backend.name }

    /// Adds (or replaces) a chunk's wordings; `vectors` is `[wordings × dimension]`, rows need not be normalized.
    public mutating func add(chunkID: String, documentID: String, vectors: Matrix) throws {
        precondition(vectors.cols == dimension, "SemanticIndex: expected \(dimension) columns, got \(vectors.cols)")
        if wordings[chunkID] != nil { remove(chunkID: chunkID) }
        var ids: [UInt32] = []
        var normalized = vectors
        _ = Kernels.normalizeRows(&normalized)
        for r in 0..<normalized.rows {
            ids.append(nextID)
            store.append(contentsOf: normalized.row(r))
            nextID += 1
        }
        owner.set(ids, to: chunkID)
        try backend.add(ids: ids, vectors: normalized)
        wordings[chunkID] = ids
        byDocument[documentID, default: []].append(chunkID)
        if kind == .auto, backend.isExact, owner.count > Self.autoHNSWThreshold { try switchToHNSW() }
    }

    /// Removes one chunk's vectors.
    public mutating func remove(chunkID: String) {
        guard let ids = wordings.removeValue(forKey: chunkID) else { return }
        for id in ids {
            owner.clear(id)
            backend.remove(id: id)
        }
    }

    /// Removes every chunk of a document.
    public mutating func remove(documentID: String) {
        for c in byDocument.removeValue(forKey: documentID) ?? [] { remove(chunkID: c) }
    }

    /// The `k` chunks most similar to `query` (unit length), best first, each with its best wording's cosine.
    /// `accept` filters chunks (tags, kinds) before they take a place in the top k.
    public func search(_ query: [Float], k: Int, accept: (String) -> Bool = { _ in true }) -> [(chunkID: String, score: Float)] {
        guard k > 0, !owner.isEmpty else { return [] }
        var want = k * 4
        while true {
            let hits = backend.search(query, k: want)
            // Each chunk once, at its best wording's score, in first-seen order (one look-up per
            // hit, keyed by the chunk's first wording id rather than its name).
            var position: [UInt32: Int] = [:]
            position.reserveCapacity(hits.count)
            var ranked: [(chunkID: String, score: Float)] = []
            for h in hits {
                guard let (c, first) = owner.chunk(of: h.id) else { continue }
                if let p = position[first] {
                    if p >= 0 { ranked[p].score = max(ranked[p].score, h.score) }
                } else if accept(c) {
                    position[first] = ranked.count
                    ranked.append((c, max(-2, h.score)))
                } else {
                    position[first] = -1
                }
            }
            if ranked.count >= k || hits.count < want || want >= owner.count {
                ranked.sort { a, b in a.score > b.score || (a.score == b.score && a.chunkID < b.chunkID) }
                return Array(ranked.prefix(k))
            }
            want *= 4
        }
    }

    /// Every chunk's cosine with `query` (unit length) at once, from one pass over the exact
    /// index's scores, or nil when the index is HNSW (which scores only what it visits). Hybrid
    /// search ranks the vector side and looks up the cosine of the BM25 side's candidates in
    /// the same table, instead of a top-k over wordings and a dot product per candidate.
    public func scoreAll(_ query: [Float]) -> ChunkCosines? {
        guard let exact = backend.exact else { return nil }
        var best = [Float](repeating: -.infinity, count: Int(nextID))
        best.withUnsafeMutableBufferPointer { best in
            // Only live rows are visited, and every live id has an owner.
            owner.withFirsts { firsts in
                exact.forEachScore(query) { id, score in
                    let i = Int(firsts[Int(id)])
                    if score > best[i] { best[i] = score }
                }
            }
        }
        return ChunkCosines(index: self, best: best)
    }

    /// The exact cosine of a chunk (its best wording) with `query` (unit length), or nil without vectors.
    public func similarity(_ query: [Float], chunkID: String) -> Float? {
        guard let ids = wordings[chunkID] else { return nil }
        var best: Float = -2
        store.withUnsafeBufferPointer { s in
            query.withUnsafeBufferPointer { q in
                for id in ids {
                    let row = UnsafeBufferPointer(rebasing: s[Int(id) * dimension ..< (Int(id) + 1) * dimension])
                    best = max(best, Kernels.dot(row, q))
                }
            }
        }
        return best
    }

    private mutating func switchToHNSW() throws {
        var index = HNSWIndex(dimension: dimension)
        let ids = owner.liveIDs
        var m = Matrix(rows: ids.count, cols: dimension)
        for (r, id) in ids.enumerated() { m.setRow(r, to: store[Int(id) * dimension ..< (Int(id) + 1) * dimension]) }
        try index.add(ids: ids, vectors: m)
        backend = .hnsw(index)
    }
}

/// Every chunk's best-wording cosine with one query (`SemanticIndex.scoreAll`).
public struct ChunkCosines: Sendable {
    let index: SemanticIndex
    /// By a chunk's first wording id; -∞ for other ids.
    let best: [Float]

    /// The cosine of a chunk, or nil when it has no vectors.
    public func cosine(of chunkID: String) -> Float? {
        guard let first = index.wordings[chunkID]?.min() else { return nil }
        return max(-2, best[Int(first)])
    }

    /// The `k` chunks with the highest cosine that `accept` takes (nil: every chunk), best first
    /// (ties by chunk id): what `SemanticIndex.search` returns on the exact index.
    public func top(k: Int, accept: ((String) -> Bool)? = nil) -> [(chunkID: String, score: Float)] {
        guard k > 0 else { return [] }
        var firsts: [UInt32] = [], scores: [Float] = []
        firsts.reserveCapacity(index.chunkCount)
        scores.reserveCapacity(index.chunkCount)
        for (i, s) in best.enumerated() where s > -.infinity {
            firsts.append(UInt32(i))
            scores.append(s)
        }
        // Without a filter the best k + 1; with one the best 2k + 1 first. More when the filter
        // leaves fewer than k, or when the k-th and the next tie (ties go by chunk id).
        var want = min(scores.count, (accept == nil ? k : 2 * k) + 1)
        while true {
            let picked = scores.withUnsafeBufferPointer { s in
                firsts.withUnsafeBufferPointer { f in TopK.best(k: want, scores: s, labels: f) }
            }
            var out: [(chunkID: String, score: Float)] = []
            for p in picked {
                guard let (chunkID, _) = index.owner.chunk(of: UInt32(p.index)), accept?(chunkID) ?? true else { continue }
                out.append((chunkID, max(-2, p.score)))
            }
            out.sort { a, b in a.score > b.score || (a.score == b.score && a.chunkID < b.chunkID) }
            let tiedAtCut = out.count > k && out[k - 1].score == out[k].score
            if (out.count >= k && !tiedAtCut) || want >= scores.count { return Array(out.prefix(k)) }
            want = min(scores.count, want * 4)
        }
    }
}

/// The ANN structure behind a `SemanticIndex`: exactly one of the two is set. (Optionals rather
/// than an enum with payloads, so that mutation happens in place instead of copying the index.)
struct VectorBackend: Sendable {
    var exact: ExactVectorIndex?
    var hnsw: HNSWIndex?

    static func exact(_ i: ExactVectorIndex) -> VectorBackend { VectorBackend(exact: i, hnsw: nil) }
    static func hnsw(_ i: HNSWIndex) -> VectorBackend { VectorBackend(exact: nil, hnsw: i) }

    var name: String { hnsw != nil ? "hnsw" : "exact" }
    var isExact: Bool { exact != nil }

    mutating func add(ids: [UInt32], vectors: Matrix) throws {
        if exact != nil { try exact!.add(ids: ids, vectors: vectors) } else { try hnsw!.add(ids: ids, vectors: vectors) }
    }

    mutating func remove(id: UInt32) {
        if exact != nil { exact!.remove(id: id) } else { hnsw!.remove(id: id) }
    }

    func search(_ q: [Float], k: Int) -> [(id: UInt32, score: Float)] {
        exact?.search(q, k: k) ?? hnsw?.search(q, k: k) ?? []
    }
}

/// The owner chunk of each wording id, in arrays indexed by id (ids are dense: they count up),
/// with the first wording id of the owner (an integer key for the chunk).
struct WordingOwners: Sendable {
    private var chunks: [String?] = []
    private var firsts: [UInt32] = []
    /// Number of live wording ids.
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    /// The owner chunk of `id` and the first wording id of that chunk, or nil for a dead id.
    func chunk(of id: UInt32) -> (chunkID: String, first: UInt32)? {
        let i = Int(id)
        guard i < chunks.count, let c = chunks[i] else { return nil }
        return (c, firsts[i])
    }

    /// The first wording id of each id's owner, by id (meaningless for dead ids).
    func withFirsts<R>(_ body: (UnsafeBufferPointer<UInt32>) -> R) -> R {
        firsts.withUnsafeBufferPointer(body)
    }

    /// Gives `ids` (one chunk's wordings) to `chunkID`.
    mutating func set(_ ids: [UInt32], to chunkID: String) {
        guard let first = ids.min() else { return }
        for id in ids {
            let i = Int(id)
            if i >= chunks.count {
                chunks.append(contentsOf: repeatElement(nil, count: i + 1 - chunks.count))
                firsts.append(contentsOf: repeatElement(0, count: i + 1 - firsts.count))
            }
            if chunks[i] == nil { count += 1 }
            chunks[i] = chunkID
            firsts[i] = first
        }
    }

    /// Marks `id` dead.
    mutating func clear(_ id: UInt32) {
        let i = Int(id)
        guard i < chunks.count, chunks[i] != nil else { return }
        chunks[i] = nil
        count -= 1
    }

    /// The live ids, ascending.
    var liveIDs: [UInt32] { chunks.indices.compactMap { chunks[$0] == nil ? nil : UInt32($0) } }
}
