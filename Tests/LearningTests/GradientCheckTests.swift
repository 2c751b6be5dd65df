import LinearAlgebra
import XCTest
@testable import Learning

/// The analytic gradient of the batch objective against central finite differences on a tiny
/// problem (8 features, d = 4, 4 pairs from 3 groups plus 2 hard negatives, one of them from a
/// batch group, so same-group entries are masked).
final class GradientCheckTests: XCTestCase {
    /// A tiny problem: random sparse non-negative rows X [8 × 8], W [8 × 4].
    func tinyProblem() -> (x: CSRMatrix, w: Matrix) {
        var rng = SplitMix64(seed: 7)
        var entries: [[(col: Int, value: Float)]] = []
        for _ in 0..<8 {
            var row: [(col: Int, value: Float)] = []
            for c in 0..<8 where rng.nextUnitFloat() < 0.5 { row.append((col: c, value: 0.2 + rng.nextUnitFloat())) }
            if row.isEmpty { row.append((col: 0, value: 1)) }
            entries.append(row)
        }
        let x = try! CSRMatrix(cols: 8, rowEntries: entries)
        return (x, Matrix.randomNormal(rows: 8, cols: 4, seed: 11))
    }

    func testBatchObjectiveGradientMatchesFiniteDifferences() {
        let (x, w) = tinyProblem()
        var scratch = [Int32](repeating: -1, count: x.cols)
        var rng = SplitMix64(seed: 1)
        let batch = PairBatch(x: x, anchorRows: [0, 2, 4, 6], positiveRows: [1, 3, 5, 7], negativeRows: [3, 5],
                              groups: [0, 1, 0, 2], negativeGroups: [1, -1], weights: [1, 0.5, 1, 2],
                              scratch: &scratch, rng: &rng)
        XCTAssertEqual(scratch, [Int32](repeating: -1, count: x.cols), "scratch must be restored")
        let objective = BatchObjective(loss: InfoNCELoss(temperature: 0.5))
        let (_, gradient) = objective.evaluate(w: w, batch: batch)
        XCTAssertEqual(gradient.rows, batch.touched.count)
        let eps: Float = 1e-2
        var worst: Float = 0
        for (k, row) in batch.touched.enumerated() {
            for j in 0..<w.cols {
                var plus = w, minus = w
                plus[Int(row), j] += eps
                minus[Int(row), j] -= eps
                let numeric = (objective.evaluate(w: plus, batch: batch).loss
                    - objective.evaluate(w: minus, batch: batch).loss) / (2 * eps)
                let analytic = gradient[k, j]
                let error = abs(numeric - analytic) / max(1e-2, abs(numeric) + abs(analytic))
                worst = max(worst, error)
                XCTAssertLessThan(error, 2e-2, "dL/dW[\(row), \(j)]: analytic \(analytic), numeric \(numeric)")
            }
        }
        XCTAssertLessThan(worst, 2e-2)
    }

    func testInfoNCEGradientWithRespectToEmbeddings() {
        let za = Matrix.randomNormal(rows: 5, cols: 3, seed: 1), zp = Matrix.randomNormal(rows: 5, cols: 3, seed: 2)
        let groups = [0, 1, 1, 2, 3], weights: [Float] = [1, 1, 0.5, 2, 1]
        let loss = InfoNCELoss(temperature: 0.3)
        let zn = Matrix.randomNormal(rows: 2, cols: 3, seed: 3), negativeGroups = [1, -1]
        let (_, ga, gp, gn) = loss.evaluate(za: za, zp: zp, zn: zn, groups: groups, negativeGroups: negativeGroups,
                                            weights: weights)
        func value(_ a: Matrix, _ p: Matrix, _ n: Matrix) -> Float {
            loss.evaluate(za: a, zp: p, zn: n, groups: groups, negativeGroups: negativeGroups, weights: weights).loss
        }
        let eps: Float = 1e-2
        for (which, z) in [(0, za), (1, zp), (2, zn)] {
            for i in 0..<z.rows {
                for j in 0..<z.cols {
                    var plus = z, minus = z
                    plus[i, j] += eps
                    minus[i, j] -= eps
                    let numeric: Float
                    switch which {
                    case 0: numeric = (value(plus, zp, zn) - value(minus, zp, zn)) / (2 * eps)
                    case 1: numeric = (value(za, plus, zn) - value(za, minus, zn)) / (2 * eps)
                    default: numeric = (value(za, zp, plus) - value(za, zp, minus)) / (2 * eps)
                    }
                    let analytic = [ga, gp, gn][which][i, j]
                    XCTAssertEqual(analytic, numeric, accuracy: 2e-2 * max(1, abs(numeric)), "\(which) [\(i), \(j)]")
                }
            }
        }
    }

    func testLossIsSmallWhenPairsAlignAndLargeWhenSwapped() {
        let a = Matrix.identity(4)
        let loss = InfoNCELoss(temperature: 0.1)
        let aligned = loss.evaluate(za: a, zp: a, groups: [0, 1, 2, 3], weights: [1, 1, 1, 1]).loss
        var swapped = a
        swapped.setRow(0, to: a.row(1))
        swapped.setRow(1, to: a.row(0))
        let crossed = loss.evaluate(za: a, zp: swapped, groups: [0, 1, 2, 3], weights: [1, 1, 1, 1]).loss
        XCTAssertLessThan(aligned, 1e-3)
        XCTAssertGreaterThan(crossed, 1)
    }
}
