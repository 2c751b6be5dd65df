import Foundation
import KnowledgeModel
import TextAnalysis

/// Counts entity pairs that occur in the same sentence across many chunks, and turns the
/// strongly associated ones into `related_to` relations scored by normalized PMI.
///
/// Counting unit is the sentence: `n` sentences with at least one mention, `c(a)` sentences
/// mentioning `a`, `c(a,b)` sentences mentioning both. With `p(x) = c(x)/n`,
/// `PMI = log(p(a,b) / (p(a)·p(b)))` and `NPMI = PMI / -log p(a,b)` in -1...1.
public struct CooccurrenceStatistics: Sendable {
    /// Sentences that contained at least one mention.
    public private(set) var sentenceCount = 0
    /// Sentences mentioning each entity.
    public private(set) var entityCounts: [String: Int] = [:]
    /// Sentences mentioning both entities of an (ordered by id) pair.
    public private(set) var pairCounts: [EntityPair: Int] = [:]
    /// Chunk ids of the first co-occurrences of each pair (at most `provenanceLimit`).
    public private(set) var provenance: [EntityPair: [String]] = [:]
    /// How many chunk ids are kept per pair.
    public var provenanceLimit: Int

    /// An unordered entity pair, stored with `a < b`.
    public struct EntityPair: Sendable, Hashable {
        /// The smaller id.
        public let a: String
        /// The larger id.
        public let b: String
        /// Creates the pair in canonical order.
        public init(_ x: String, _ y: String) {
            if x <= y { a = x; b = y } else { a = y; b = x }
        }
    }

    /// Creates empty statistics.
    public init(provenanceLimit: Int = 3) {
        self.provenanceLimit = provenanceLimit
    }

    /// Adds one chunk: its mentions are grouped by sentence, each sentence counted once per
    /// entity and once per pair of distinct entities.
    public mutating func add(chunk: Chunk, mentions: [EntityMention]) {
        for sentence in SentenceRanges.group(mentions, in: chunk.text) {
            addSentence(entityIDs: sentence.map(\.entityID), chunkID: chunk.id)
        }
    }

    /// Adds one sentence given the ids of the entities it mentions.
    public mutating func addSentence(entityIDs: [String], chunkID: String) {
        let ids = Array(Set(entityIDs)).sorted()
        guard !ids.isEmpty else { return }
        sentenceCount += 1
        for id in ids { entityCounts[id, default: 0] += 1 }
        for i in ids.indices {
            for j in ids.indices where j > i {
                let pair = EntityPair(ids[i], ids[j])
                pairCounts[pair, default: 0] += 1
                var chunks = provenance[pair, default: []]
                if chunks.count < provenanceLimit, !chunks.contains(chunkID) {
                    chunks.append(chunkID)
                    provenance[pair] = chunks
                }
            }
        }
    }

    /// Normalized PMI of a pair, or nil when the pair never co-occurred.
    public func npmi(_ x: String, _ y: String) -> Double? {
        let pair = EntityPair(x, y)
        guard let both = pairCounts[pair], both > 0, sentenceCount > 0,
              let ca = entityCounts[pair.a], let cb = entityCounts[pair.b] else { return nil }
        let n = Double(sentenceCount)
        let pab = Double(both) / n
        if pab >= 1 { return 1 }
        let pmi = log(pab / ((Double(ca) / n) * (Double(cb) / n)))
        return pmi / -log(pab)
    }

    /// `related_to` relations for pairs seen together at least `minCount` times with a PMI of
    /// at least `minPMI` (raw PMI, natural log). Confidence is the NPMI clamped to 0...1.
    ///
    /// Pairs already linked by a typed relation in `existing` (either direction) are skipped.
    /// One relation per pair, subject the smaller id; `chunkID` is the first co-occurrence and
    /// ``provenance`` keeps the first few. Sorted by confidence, then by ids.
    public func relatedTo(minCount: Int = 2, minPMI: Double = 0,
                          existing: [ExtractedRelation] = []) -> [ExtractedRelation] {
        let linked = Set(existing.filter { $0.type != "related_to" && $0.literalValue == nil }
            .map { EntityPair($0.subject, $0.object) })
        let n = Double(sentenceCount)
        var out: [ExtractedRelation] = []
        for (pair, count) in pairCounts where count >= minCount && !linked.contains(pair) {
            guard let ca = entityCounts[pair.a], let cb = entityCounts[pair.b] else { continue }
            let pmi = log((Double(count) / n) / ((Double(ca) / n) * (Double(cb) / n)))
            guard pmi >= minPMI, let score = npmi(pair.a, pair.b) else { continue }
            out.append(ExtractedRelation(
                subject: pair.a, type: "related_to", object: pair.b,
                confidence: min(1, max(0, score)), chunkID: provenance[pair]?.first ?? "",
                method: RelationMethod.cooccurrence.rawValue))
        }
        return out.sorted {
            ($0.confidence, $1.subject, $1.object) > ($1.confidence, $0.subject, $0.object)
        }
    }

    /// The chunk ids of the first co-occurrences of two entities (empty when none).
    public func chunks(_ x: String, _ y: String) -> [String] {
        provenance[EntityPair(x, y)] ?? []
    }
}


/// Sentence boundaries as UTF-16 offset ranges, so that entity mentions (UTF-16 offsets into
/// the original text) can be grouped by sentence.
///
/// `SentenceSplitter.split` returns trimmed substrings of the input in order; each one is
/// located again in the text, searching forward from the end of the previous one.
public enum SentenceRanges {
    /// The UTF-16 ranges `start..<end` of the sentences of `text`, in order.
    public static func ranges(in text: String) -> [Range<Int>] {
        let utf16 = text.utf16
        var result: [Range<Int>] = []
        var cursor = text.startIndex
        for sentence in SentenceSplitter.split(text) {
            guard let r = text.range(of: sentence, range: cursor..<text.endIndex) else { continue }
            let lo = utf16.distance(from: utf16.startIndex, to: r.lowerBound)
            let hi = utf16.distance(from: utf16.startIndex, to: r.upperBound)
            result.append(lo..<hi)
            cursor = r.upperBound
        }
        return result
    }

    /// The substring between two UTF-16 offsets, or nil when they are out of range or not on
    /// character boundaries.
    public static func substring(_ text: String, _ start: Int, _ end: Int) -> String? {
        let utf16 = text.utf16
        guard start >= 0, start <= end, end <= utf16.count else { return nil }
        let lo = utf16.index(utf16.startIndex, offsetBy: start)
        let hi = utf16.index(utf16.startIndex, offsetBy: end)
        guard let a = lo.samePosition(in: text), let b = hi.samePosition(in: text) else { return nil }
        return String(text[a..<b])
    }

    /// The mentions of each sentence (sentence order, mentions by start offset); sentences
    /// without mentions are left out.
    public static func group(_ mentions: [EntityMention], in text: String) -> [[EntityMention]] {
        let sorted = mentions.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        return ranges(in: text).compactMap { r in
            let inside = sorted.filter { $0.start >= r.lowerBound && $0.end <= r.upperBound }
            return inside.isEmpty ? nil : inside
        }
    }
}
