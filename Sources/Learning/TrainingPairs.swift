import Foundation
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

/// Held-out texts for early stopping: one member taken out of a random subset of the groups.
///
/// The metric is the FAQ task itself: each held-out text is a query; every group (of the same
/// strength) is represented by its remaining members and scored by its best cosine ("max over
/// wordings"); Recall@1 and MRR of the query's own group, and the cross-entropy
/// `−ln softmax(best / τ)[own group]` — the smooth score early stopping uses.
struct HeldOutSplit: Sendable {
    /// The groups minus the held-out texts (what training sees during model selection).
    var training: TrainingGroups
    /// Held-out text numbers and their groups.
    var queries: [(text: Int, group: Int)]

    /// Holds out one random member from `round(fraction · eligible)` random groups; eligible are
    /// the strong groups with ≥ 2 members (the weak ones when there is no strong group). No split
    /// (empty `queries`) when that leaves fewer than 5 queries.
    init(_ groups: TrainingGroups, fraction: Double, rng: inout SplitMix64) {
        training = groups
        queries = []
        let anyStrong = groups.isStrong.contains(true)
        var eligible = (0..<groups.count).filter { groups.members[$0].count >= 2 && groups.isStrong[$0] == anyStrong }
        let take = Int((fraction * Double(eligible.count)).rounded())
        guard take >= 5 else { return }
        groups.shuffle(&eligible, &rng)
        for g in eligible.prefix(take).sorted() {
            let k = Int(rng.next() % UInt64(groups.members[g].count))
            queries.append((text: groups.members[g][k], group: g))
            training.members[g].remove(at: k)
        }
    }

    /// Recall@1, MRR and cross-entropy (at temperature τ) of the held-out queries with embeddings
    /// from `embed` (text numbers → unit rows `[n × d]`).
    func evaluate(temperature: Float, _ embed: ([Int]) -> Matrix) -> HeldOutScore {
        guard !queries.isEmpty else { return HeldOutScore() }
        let tau = Double(temperature)
        let strength = training.isStrong[queries[0].group]
        var candidates: [Int] = [], candidateGroup: [Int] = []
        for (g, group) in training.members.enumerated() where training.isStrong[g] == strength {
            candidates.append(contentsOf: group)
            candidateGroup.append(contentsOf: repeatElement(g, count: group.count))
        }
        let q = embed(queries.map(\.text)), t = embed(candidates)          // [V × d], [M × d]
        let scores = Kernels.matmul(q, .none, t, .transpose)               // [V × M]
        var hits = 0.0, reciprocal = 0.0, crossEntropy = 0.0
        var best = [Float](repeating: -.infinity, count: training.count)
        for (i, query) in queries.enumerated() {
            for g in 0..<best.count { best[g] = -.infinity }
            for (c, g) in candidateGroup.enumerated() { best[g] = max(best[g], scores[i, c]) }
            let own = best[query.group]
            guard own > -.infinity else { continue }
            let rank = 1 + best.enumerated().filter { $0.offset != query.group && $0.element >= own }.count
            let top = Double(best.max()!)
            let sum = best.reduce(0.0) { $1 > -.infinity ? $0 + exp((Double($1) - top) / tau) : $0 }
            crossEntropy += log(sum) - (Double(own) - top) / tau
            if rank == 1 { hits += 1 }
            reciprocal += 1 / Double(rank)
        }
        return HeldOutScore(recallAt1: hits / Double(queries.count), mrr: reciprocal / Double(queries.count),
                            crossEntropy: crossEntropy / Double(queries.count))
    }
}

/// Held-out Recall@1, mean reciprocal rank and cross-entropy over groups.
struct HeldOutScore: Sendable {
    var recallAt1 = 0.0
    var mrr = 0.0
    var crossEntropy = Double.infinity
}
