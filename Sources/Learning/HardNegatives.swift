import LinearAlgebra

/// Mined hard negatives: for each text of a group, the texts nearest to it under the LSA
/// projection W0 that are *not* paraphrases of it. Random in-batch negatives are mostly easy
/// (another topic); these teach the fine distinctions ("delete my account" vs "deactivate my
/// account", "手机丢了" vs "手机坏了").
///
/// Candidates are the members of the other groups — or, with `fromCorpus`, every text of the
/// table except the text's own group members and the `excluded` ones (held-out texts). Corpus
/// texts belong to no known group, so a corpus candidate may be an unlabeled paraphrase (a FAQ's
/// own answer, say): use that source only when the corpus is mostly unrelated texts.
struct HardNegatives: Sendable {
    /// `pool` nearest non-paraphrases of each text (empty for texts in no group). `[N][≤ pool]`
    var candidates: [[Int]]
    /// First group of each text, -1 for none. `[N]`
    var groupOf: [Int]

    /// Mines up to `pool` candidates per group member.
    static func mine(x: CSRMatrix, w0: Matrix, groups: TrainingGroups, pool: Int, fromCorpus: Bool,
                     excluded: Set<Int>) -> HardNegatives {
        let n = x.rows
        var groupsOf = [[Int]](repeating: [], count: n)
        for (g, members) in groups.members.enumerated() where groups.weights[g] > 0 {
            for t in members { groupsOf[t].append(g) }
        }
        let queries = (0..<n).filter { !groupsOf[$0].isEmpty }
        let pool = max(0, pool)
        var result = HardNegatives(candidates: [[Int]](repeating: [], count: n),
                                   groupOf: groupsOf.map { $0.first ?? -1 })
        guard pool > 0, !queries.isEmpty else { return result }
        let targets = (0..<n).filter { !excluded.contains($0) && (fromCorpus || !groupsOf[$0].isEmpty) }
        let e = x.gatherRows(targets).multiply(w0).normalizedRows()                // [T × d]
        let slack = groups.members.map(\.count).max() ?? 1
        for start in stride(from: 0, to: queries.count, by: 512) {
            let block = Array(queries[start..<min(start + 512, queries.count)])
            let q = x.gatherRows(block).multiply(w0).normalizedRows()              // [b × d]
            let scores = Kernels.matmul(q, .none, e, .transpose)                   // [b × T]
            for (i, top) in TopK.rows(of: scores, k: pool + slack + 1).enumerated() {
                let t = block[i], own = Set(groupsOf[t])
                result.candidates[t] = top.lazy.map { targets[$0.index] }
                    .filter { $0 != t && own.isDisjoint(with: groupsOf[$0]) }
                    .prefix(pool).map { $0 }
            }
        }
        return result
    }
}

extension Matrix {
    /// A copy with every row scaled to unit length (zero rows stay zero).
    func normalizedRows() -> Matrix {
        var m = self
        Kernels.normalizeRows(&m)
        return m
    }
}
