import Foundation
import LinearAlgebra

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
