import Foundation
import KnowledgeModel

/// What the index keeps about each chunk: enough to filter and to report a hit.
public struct IndexedChunk: Sendable {
    public var chunkID: String
    public var documentID: String
    public var kind: ChunkKind
    public var tags: [String]

    public init(chunkID: String, documentID: String, kind: ChunkKind, tags: [String]) {
        self.chunkID = chunkID
        self.documentID = documentID
        self.kind = kind
        self.tags = tags
    }
}

/// An in-memory inverted index scored with BM25F.
///
/// Layout: every chunk gets a dense number (`doc`); for each term and field a posting list of
/// (doc, term frequency) in increasing doc order. Removal leaves tombstones that searches skip;
/// `compacted()` rebuilds without them once they pile up. The index is a value type: readers
/// keep scoring an old copy while a writer builds the next one (copy-on-write arrays).
public struct BM25Index: Sendable {
    struct Posting: Sendable {
        var doc: UInt32
        var tf: UInt16
    }

    var termIDs: [String: UInt32] = [:]
    /// postings[term * 4 + field]: one flat level, so an append checks uniqueness of two arrays, not three.
    var postings: [[Posting]] = []
    /// Number of documents (dead ones included) that contain the term in any field.
    var docFrequency: [UInt32] = []
    var chunks: [IndexedChunk] = []
    var lengths: [SIMD4<Float>] = []
    var alive: [Bool] = []
    var docNumbers: [String: UInt32] = [:]
    var byDocument: [String: [UInt32]] = [:]
    var totalLength = SIMD4<Double>(repeating: 0)
    public internal(set) var liveCount = 0
    public internal(set) var deadCount = 0

    public init() {}

    /// Number of distinct terms.
    public var termCount: Int { termIDs.count }

    /// How many chunks (removed ones included until compaction) hold `term` in any field; 0 for a
    /// term the index does not know.
    public func documentFrequency(of term: String) -> Int {
        termIDs[term].map { Int(docFrequency[Int($0)]) } ?? 0
    }

    /// Adds a chunk with its analyzed fields (terms per `SearchField`, in field order).
    /// A chunk id already present is replaced.
    public mutating func add(_ chunk: IndexedChunk, fields: [SearchField: [String]]) {
        if docNumbers[chunk.chunkID] != nil { remove(chunkID: chunk.chunkID) }
        let doc = UInt32(chunks.count)
        chunks.append(chunk)
        alive.append(true)
        docNumbers[chunk.chunkID] = doc
        byDocument[chunk.documentID, default: []].append(doc)
        var len = SIMD4<Float>(repeating: 0)
        var seen = Set<UInt32>()
        var ids: [UInt32] = []
        for field in SearchField.allCases {
            let terms = fields[field] ?? []
            len[field.rawValue] = Float(terms.count)
            // Term ids sorted, so that equal ids form runs: run length = term frequency.
            ids.removeAll(keepingCapacity: true)
            for t in terms { ids.append(termID(t)) }
            ids.sort()
            var i = 0
            while i < ids.count {
                let id = ids[i]
                var j = i + 1
                while j < ids.count && ids[j] == id { j += 1 }
                postings[Int(id) &* 4 &+ field.rawValue].append(Posting(doc: doc, tf: UInt16(min(j - i, Int(UInt16.max)))))
                if seen.insert(id).inserted { docFrequency[Int(id)] += 1 }
                i = j
            }
        }
        lengths.append(len)
        totalLength += SIMD4<Double>(len)
        liveCount += 1
    }

    private mutating func termID(_ term: String) -> UInt32 {
        if let id = termIDs[term] { return id }
        let id = UInt32(docFrequency.count)
        termIDs[term] = id
        postings.append(contentsOf: repeatElement([], count: SearchField.allCases.count))
        docFrequency.append(0)
        return id
    }

    /// Marks one chunk as removed.
    public mutating func remove(chunkID: String) {
        guard let doc = docNumbers.removeValue(forKey: chunkID), alive[Int(doc)] else { return }
        alive[Int(doc)] = false
        totalLength -= SIMD4<Double>(lengths[Int(doc)])
        liveCount -= 1
        deadCount += 1
        let documentID = chunks[Int(doc)].documentID
        byDocument[documentID]?.removeAll { $0 == doc }
        if byDocument[documentID]?.isEmpty == true { byDocument[documentID] = nil }
    }

    /// Marks every chunk of a document as removed.
    public mutating func remove(documentID: String) {
        for doc in byDocument[documentID] ?? [] { remove(chunkID: chunks[Int(doc)].chunkID) }
    }

    /// True when tombstones make up more than a quarter of the index.
    public var needsCompaction: Bool { deadCount > 64 && deadCount * 4 > chunks.count }

    /// The chunk ids currently indexed.
    public var chunkIDs: [String] { Array(docNumbers.keys) }

    /// Average field lengths over live chunks.
    var averageLengths: SIMD4<Float> {
        guard liveCount > 0 else { return SIMD4(repeating: 1) }
        let avg = totalLength / Double(liveCount)
        let f = SIMD4<Float>(avg)
        return f.replacing(with: 1, where: f .< 1e-6)
    }

    /// The share of a query's information that one chunk holds: the IDF of the distinct query
    /// `terms` found in any of its fields over the IDF of all of them, a term that no chunk holds
    /// counting with the largest IDF. 0 for no terms or a chunk not indexed.
    public func idfCoverage(of terms: [String], chunkID: String) -> Double {
        guard let doc = docNumbers[chunkID], alive[Int(doc)] else { return 0 }
        let unknown = log1p((Double(max(liveCount, 1)) + 0.5) / 0.5)
        var all = Double(Set(terms.lazy.filter { self.termIDs[$0] == nil }).count) * unknown, held = 0.0
        for (id, _) in queryTermIDs(terms) {
            let w = idf(id)
            all += w
            if SearchField.allCases.contains(where: { posting(term: id, field: $0.rawValue, doc: doc) != nil }) { held += w }
        }
        return all > 0 ? held / all : 0
    }

    func idf(_ term: UInt32) -> Double {
        let n = Double(max(liveCount, 1))
        let df = min(Double(docFrequency[Int(term)]), n)
        return log1p((n - df + 0.5) / (df + 0.5))  // Lucene's idf: never negative
    }
}

