import LinearAlgebra
import XCTest
@testable import Learning

/// Pair sampling, the held-out split, the optimizer and the LSA projection.
final class OptimizationTests: XCTestCase {
    func testEpochPairsUseEachMemberAndStayInTheirGroup() {
        let groups = TrainingGroups(members: [[0, 1, 2, 3], [4, 5, 6], [7], [8, 9]], weights: [1, 1, 1, 0],
                                    isStrong: [true, true, true, true])
        var rng = SplitMix64(seed: 1)
        let pairs = groups.epochPairs(maxPerGroup: 4, rng: &rng)
        XCTAssertEqual(pairs.count, 2 + 2)                // 4 members → 2 pairs, 3 → 2, 1 → 0, weight 0 → 0
        for p in pairs {
            XCTAssertNotEqual(p.anchor, p.positive)
            XCTAssertTrue(groups.members[p.group].contains(p.anchor) && groups.members[p.group].contains(p.positive))
        }
        XCTAssertEqual(Set(pairs.filter { $0.group == 0 }.flatMap { [$0.anchor, $0.positive] }), [0, 1, 2, 3])
        XCTAssertEqual(groups.epochPairs(maxPerGroup: 1, rng: &rng).count, 2)
        let batches = TrainingGroups.batches(Array(repeating: pairs[0], count: 70), batchSize: 32)
        XCTAssertEqual(batches.map(\.count), [23, 23, 24])
    }

    func testHeldOutSplitTakesOneMemberPerChosenGroup() {
        let members = (0..<20).map { g in [3 * g, 3 * g + 1, 3 * g + 2] }
        let groups = TrainingGroups(members: members, weights: Array(repeating: 1, count: 20),
                                    isStrong: Array(repeating: true, count: 20))
        var rng = SplitMix64(seed: 3)
        let split = HeldOutSplit(groups, fraction: 0.5, rng: &rng)
        XCTAssertEqual(split.queries.count, 10)
        for q in split.queries {
            XCTAssertTrue(members[q.group].contains(q.text))
            XCTAssertFalse(split.training.members[q.group].contains(q.text))
            XCTAssertEqual(split.training.members[q.group].count, 2)
        }
        // Perfect embeddings (one axis per group) give R@1 = MRR = 1.
        let score = split.evaluate(temperature: 0.1) { texts in
            var m = Matrix(rows: texts.count, cols: 20)
            for (i, t) in texts.enumerated() { m[i, t / 3] = 1 }
            return m
        }
        XCTAssertEqual(score.recallAt1, 1)
        XCTAssertEqual(score.mrr, 1)
        XCTAssertLessThan(score.crossEntropy, 1e-3)
        var small = SplitMix64(seed: 3)
        XCTAssertTrue(HeldOutSplit(groups, fraction: 0.1, rng: &small).queries.isEmpty, "fewer than 5 queries: no split")
    }

    func testAdamMovesTouchedRowsAgainstTheGradientAndPullsTowardTheAnchor() {
        let w0 = Matrix(rows: 3, cols: 9, repeating: 1)
        var w = w0
        var adam = RowSparseAdam(rows: 3, cols: 9, learningRate: 0.1)
        var g = Matrix(rows: 1, cols: 9, repeating: 2)
        g[0, 8] = -2
        adam.update(&w, rows: [1], gradient: g, anchor: w0, pull: 0)
        XCTAssertEqual(w.row(0), w0.row(0), "untouched rows stay")
        XCTAssertEqual(w[1, 0], 0.9, accuracy: 1e-5, "first Adam step is lr · sign(g)")
        XCTAssertEqual(w[1, 8], 1.1, accuracy: 1e-5, "the scalar tail (d = 9) too")
        // With fresh moments and a zero gradient only the pull acts: W moves lr·λ of the way to W0.
        var fresh = RowSparseAdam(rows: 3, cols: 9, learningRate: 0.1)
        fresh.update(&w, rows: [1], gradient: Matrix(rows: 1, cols: 9), anchor: w0, pull: 0.5)
        XCTAssertEqual(w[1, 0], 0.9 + 0.1 * 0.5 * 0.1, accuracy: 1e-5)
        XCTAssertEqual(w[1, 8], 1.1 - 0.1 * 0.5 * 0.1, accuracy: 1e-5)
    }

    func testLSAFindsTheTopRightSingularVectors() throws {
        // Rows in two blocks of features: the top singular directions span each block.
        let x = try CSRMatrix(cols: 6, rowEntries: [
            [(col: 0, value: 3), (col: 1, value: 3)], [(col: 0, value: 2), (col: 1, value: 2)],
            [(col: 2, value: 1), (col: 3, value: 1)], [(col: 2, value: 1)], [(col: 4, value: 0.1)],
        ])
        let (v, s) = try LatentSemanticProjection.rightSingularVectors(x, rank: 2, oversample: 3, powerIterations: 2, seed: 1)
        XCTAssertEqual(v.rows, 6)
        XCTAssertEqual(v.cols, 2)
        XCTAssertEqual(s[0], (26.0 as Float).squareRoot(), accuracy: 1e-3)   // ‖[3 3; 2 2]‖ = √26
        XCTAssertGreaterThan(s[0], s[1])
        XCTAssertEqual(abs(v[0, 0]), Float(0.5).squareRoot(), accuracy: 1e-3)
        XCTAssertEqual(abs(v[1, 0]), Float(0.5).squareRoot(), accuracy: 1e-3)
        let gram = Kernels.matmul(v, .transpose, v, .none)
        XCTAssertEqual(gram[0, 0], 1, accuracy: 1e-4)
        XCTAssertEqual(gram[1, 1], 1, accuracy: 1e-4)
        XCTAssertEqual(gram[0, 1], 0, accuracy: 1e-4)
    }
}
