import LinearAlgebra

/// Paraphrase groups over a text table, and how training draws pairs from them.
struct TrainingGroups: Sendable {
    /// Text numbers of each group's members (distinct within a group).
    var members: [[Int]]
    /// Loss weight of each group's pairs (1 for strong groups, `weak_group_weight` for weak ones).
    var weights: [Float]
    /// Strong (FAQ wordings) or weak (intent examples) per group.
    var isStrong: [Bool]

    /// One pair of paraphrases and the group it came from.
    struct Pair: Sendable, Equatable {
        var anchor: Int
        var positive: Int
        var group: Int
    }

    /// Number of groups.
    var count: Int { members.count }

    /// The pairs of one epoch, in random order: each group with ≥ 2 members shuffles them and pairs
    /// neighbours (m0,m1), (m2,m3), ... — an odd last member pairs with m0 — keeping at most
    /// `maxPerGroup` pairs, so every text is used about once per epoch.
    func epochPairs(maxPerGroup: Int, rng: inout SplitMix64) -> [Pair] {
        var pairs: [Pair] = []
        for (g, group) in members.enumerated() where group.count >= 2 && weights[g] > 0 {
            var order = group
            shuffle(&order, &rng)
            for k in 0..<min(maxPerGroup, (order.count + 1) / 2) {
                let partner = 2 * k + 1 < order.count ? order[2 * k + 1] : order[0]
                pairs.append(Pair(anchor: order[2 * k], positive: partner, group: g))
            }
        }
        shuffle(&pairs, &rng)
        return pairs
    }

    /// The epoch's pairs cut into `ceil(count / batchSize)` batches of near-equal size (none when
    /// there are fewer than 2 pairs: a pair needs in-batch negatives).
    static func batches(_ pairs: [Pair], batchSize: Int) -> [ArraySlice<Pair>] {
        guard pairs.count >= 2 else { return [] }
        let n = (pairs.count + batchSize - 1) / batchSize
        return (0..<n).map { i in pairs[(pairs.count * i / n)..<(pairs.count * (i + 1) / n)] }
    }

    /// Fisher–Yates shuffle driven by `rng` (deterministic for a seed).
    func shuffle<T>(_ a: inout [T], _ rng: inout SplitMix64) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            let j = Int(rng.next() % UInt64(i + 1))
            a.swapAt(i, j)
        }
    }
}
