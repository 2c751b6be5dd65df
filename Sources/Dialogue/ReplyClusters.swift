import Foundation

/// Groups near-identical replies so that each is suggested once, with how often it was said.
///
/// Two replies join one cluster when their masked forms (see `ReplyText`) are equal, or when a
/// new reply's form has edit similarity ≥ 0.8 with a cluster's first form (its *leader*). Leaders
/// are found through their character bigrams: `e` edits destroy at most `2e` distinct bigrams, so
/// only leaders sharing enough bigrams (and of a compatible length) are compared exactly.
public struct ReplyClusterIndex: Sendable {
    /// One group of near-identical replies.
    public struct Cluster: Sendable, Hashable {
        /// The masked form of the first reply (what new replies are compared with).
        public var leader: [Unicode.Scalar]
        /// How many replies the cluster holds.
        public var count: Int
        /// Each distinct wording (trimmed) with its count.
        public var variants: [String: Int]
        /// The most frequent wording (first seen wins ties): what is shown.
        public var representative: String
        /// How often `representative` was seen.
        var representativeCount: Int
    }

    /// The clusters, in order of creation.
    public private(set) var clusters: [Cluster] = []
    /// The size of the largest cluster (0 when empty).
    public private(set) var largestCount = 0
    private var byForm: [[Unicode.Scalar]: Int] = [:]
    private var byBigram: [UInt64: [Int]] = [:]
    /// Leaders too short to have enough bigrams, by length.
    private var shortByLength: [Int: [Int]] = [:]

    /// An empty index.
    public init() {}

    /// Adds one reply; returns its cluster number.
    @discardableResult
    public mutating func insert(_ text: String) -> Int {
        let form = ReplyText.maskedScalars(text)
        let wording = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let id: Int
        if let known = find(form) {
            id = known
        } else {
            id = clusters.count
            clusters.append(Cluster(leader: form, count: 0, variants: [:], representative: wording, representativeCount: 0))
            let grams = Self.bigrams(form)
            if Self.needsLengthScan(form, bigramCount: grams.count) { shortByLength[form.count, default: []].append(id) }
            for g in grams { byBigram[g, default: []].append(id) }
        }
        byForm[form] = id
        var c = clusters[id]
        c.count += 1
        largestCount = max(largestCount, c.count)
        let n = (c.variants[wording] ?? 0) + 1
        c.variants[wording] = n
        if n > c.representativeCount { c.representative = wording; c.representativeCount = n }
        clusters[id] = c
        return id
    }

    /// The cluster a reply would join, nil when it would start a new one.
    public func cluster(of text: String) -> Int? {
        find(ReplyText.maskedScalars(text))
    }

    private func find(_ form: [Unicode.Scalar]) -> Int? {
        if let id = byForm[form] { return id }
        var best: Int?
        func consider(_ id: Int) {
            if let b = best, b < id { return }               // the oldest matching cluster wins
            if ReplyText.nearDuplicate(form, clusters[id].leader) { best = id }
        }
        // Short forms (few bigrams): compare with every short leader of a compatible length.
        let allowed = Int(Double(form.count) * 0.25) + 1        // |a - b| ≤ 0.2·max ⇒ ≤ 0.25·min
        for length in max(0, form.count - allowed)...(form.count + allowed) {
            for id in shortByLength[length] ?? [] { consider(id) }
        }
        let grams = Self.bigrams(form)
        guard !grams.isEmpty else { return best }
        var shared: [Int: Int] = [:]
        for g in grams { for id in byBigram[g] ?? [] { shared[id, default: 0] += 1 } }
        for (id, n) in shared {
            let leader = clusters[id].leader
            let longest = max(leader.count, form.count)
            let edits = Int(Double(longest) * (1 - ReplyText.nearDuplicateSimilarity) + 1e-9)
            if n >= grams.count - 2 * edits { consider(id) }
        }
        return best
    }

    /// Forms whose bigram count could fall to zero within the allowed edits are found by length.
    /// (A partner is at most 1.25× as long, so at most ⌊0.25·len⌋ + 1 edits are allowed.)
    private static func needsLengthScan(_ form: [Unicode.Scalar], bigramCount: Int) -> Bool {
        let edits = Int(Double(form.count) * 0.25) + 1
        return bigramCount <= 2 * edits
    }

    /// Distinct character bigrams of a form, packed in 64 bits.
    static func bigrams(_ form: [Unicode.Scalar]) -> Set<UInt64> {
        guard form.count > 1 else { return [] }
        var out = Set<UInt64>()
        for i in 0..<(form.count - 1) { out.insert(UInt64(form[i].value) << 32 | UInt64(form[i + 1].value)) }
        return out
    }
}
