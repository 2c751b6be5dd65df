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
    /// Each leader's scalar histogram (`histogramBuckets` counts per cluster, see `histogram`).
    private var histograms: [UInt16] = []

    /// An empty index.
    public init() {}

    /// Adds one reply; returns its cluster number.
    @discardableResult
    public mutating func insert(_ text: String) -> Int {
        let form = ReplyText.maskedScalars(text)
        let wording = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let grams = Self.bigrams(form)
        let id: Int
        if let known = find(form, grams: grams) {
            id = known
        } else {
            id = clusters.count
            clusters.append(Cluster(leader: form, count: 0, variants: [:], representative: wording, representativeCount: 0))
            histograms += Self.histogram(form)
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
        let form = ReplyText.maskedScalars(text)
        return find(form, grams: Self.bigrams(form))
    }

    /// The oldest cluster whose leader is near-identical to `form`. Candidates are the short leaders
    /// of a compatible length and the leaders sharing enough bigrams; they are compared exactly in
    /// order of age, so the first match is the answer. Shared bigrams are counted in an array over
    /// the clusters: in Latin text most leaders share common bigrams ("th", "yo"), and a dictionary
    /// of counts was most of an English import's time.
    private func find(_ form: [Unicode.Scalar], grams: Set<UInt64>) -> Int? {
        if let id = byForm[form] { return id }
        var candidates: [Int] = []
        // Short forms (few bigrams): every short leader of a compatible length.
        let allowed = Int(Double(form.count) * 0.25) + 1        // |a - b| ≤ 0.2·max ⇒ ≤ 0.25·min
        for length in max(0, form.count - allowed)...(form.count + allowed) {
            candidates += shortByLength[length] ?? []
        }
        if !grams.isEmpty {
            var shared = [Int32](repeating: 0, count: clusters.count)
            for g in grams {
                guard let ids = byBigram[g] else { continue }
                shared.withUnsafeMutableBufferPointer { counts in
                    for id in ids { counts[id] &+= 1 }
                }
            }
            for id in shared.indices where shared[id] > 0 {
                let leader = clusters[id].leader
                let edits = Self.allowedEdits(leader.count, form.count)
                if abs(leader.count - form.count) <= edits && Int(shared[id]) >= grams.count - 2 * edits { candidates.append(id) }
            }
        }
        guard !candidates.isEmpty else { return nil }
        candidates.sort()
        let probe = Probe(form: form)
        var last = -1
        for id in candidates where id != last {
            last = id
            if leader(id, isNearDuplicateOf: probe) { return id }
        }
        return nil
    }

    /// A reply's masked form with its histogram, to compare with many leaders.
    public struct Probe: Sendable {
        let form: [Unicode.Scalar]
        let counts: [UInt16]
        /// The form prepared for the bit-parallel edit distance (ASCII forms: Latin-script replies).
        let pattern: ReplyText.EditPattern?

        init(form: [Unicode.Scalar]) {
            self.form = form
            counts = ReplyClusterIndex.histogram(form)
            pattern = ReplyText.EditPattern(form)
        }

        /// The probe of a reply text.
        public init(_ text: String) { self.init(form: ReplyText.maskedScalars(text)) }
    }

    /// Whether cluster `id`'s leader is near-identical to the probe's reply: lengths, then
    /// histograms, then the edit distance.
    public func leader(_ id: Int, isNearDuplicateOf probe: Probe) -> Bool {
        let leader = clusters[id].leader
        let edits = Self.allowedEdits(leader.count, probe.form.count)
        guard abs(leader.count - probe.form.count) <= edits, histogramDistance(probe.counts, id) <= 2 * edits else { return false }
        if let pattern = probe.pattern { return pattern.distance(to: leader) <= edits }
        return ReplyText.nearDuplicate(probe.form, leader)
    }

    /// The most edits two forms of these lengths may differ by and still be near-identical.
    static func allowedEdits(_ a: Int, _ b: Int) -> Int {
        ReplyText.allowedEdits(max(a, b))
    }

    static let histogramBuckets = 32

    /// How often each scalar occurs, folded into `histogramBuckets` buckets (ASCII by its low 5 bits,
    /// others hashed). One edit changes the L1 distance of two histograms by at most 2, and folding
    /// only merges counts, so `L1 > 2e` proves that more than `e` edits are needed: a filter far
    /// cheaper than the edit distance, and strong on Latin text, whose bigrams most replies share.
    static func histogram(_ form: [Unicode.Scalar]) -> [UInt16] {
        var h = [UInt16](repeating: 0, count: histogramBuckets)
        for u in form {
            let v = u.value
            let bucket = v < 0x80 ? Int(v & 31) : Int((v &* 0x9E37_79B1) >> 27)
            h[bucket] &+= 1
        }
        return h
    }

    /// L1 distance of `counts` to cluster `id`'s histogram.
    private func histogramDistance(_ counts: [UInt16], _ id: Int) -> Int {
        let base = id * Self.histogramBuckets
        var d = 0
        for k in 0..<Self.histogramBuckets { d += abs(Int(counts[k]) - Int(histograms[base + k])) }
        return d
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
