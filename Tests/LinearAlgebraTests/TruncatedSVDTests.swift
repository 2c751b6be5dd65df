import XCTest
@testable import LinearAlgebra

final class TruncatedSVDTests: XCTestCase {
    /// Geometric decay 0.85^i: the regime the randomized range finder is designed for.
    private func decaying(_ n: Int) -> [Float] { (0..<n).map { 100 * Float(pow(0.85, Double($0))) } }

    func testDenseMatchesExactSVD() throws {
        let a = try matrixWithSpectrum(rows: 300, cols: 120, spectrum: decaying(120), seed: 1)
        let exact = try LAPACK.singularValues(a)
        let approx = try truncatedSVD(a, rank: 20, seed: 9)
        XCTAssertEqual(approx.s.count, 20)
        for i in 0..<20 {
            XCTAssertEqual(approx.s[i], exact[i], accuracy: exact[i] * 1e-3, "σ\(i)")
        }
        XCTAssertLessThan(orthonormalityError(columnsOf: approx.u), 1e-4)
        XCTAssertLessThan(orthonormalityError(columnsOf: approx.vt.transposed), 1e-4)
        // Close to the best rank-20 approximation (Eckart–Young).
        let best = try LAPACK.svd(a).truncated(to: 20).reconstructed()
        XCTAssertLessThan(relativeError(approx.reconstructed(), best), 1e-2)
    }

    func testSparseMatchesExactSVD() throws {
        // A sparse matrix with a decaying spectrum: sparse rows scaled by decaying weights.
        var entries: [[(col: Int, value: Float)]] = []
        var rng = SplitMix64(seed: 5)
        for r in 0..<400 {
            let weight = Float(pow(0.97, Double(r)))
            var row: [(col: Int, value: Float)] = []
            for c in 0..<150 where rng.nextUnitDouble() < 0.08 { row.append((c, weight * rng.nextNormal())) }
            entries.append(row)
        }
        let s = try CSRMatrix(cols: 150, rowEntries: entries)
        let exact = try LAPACK.singularValues(s.dense())
        let approx = try truncatedSVD(s, rank: 10, oversample: 10, powerIterations: 2, seed: 3)
        for i in 0..<10 {
            XCTAssertEqual(approx.s[i], exact[i], accuracy: exact[i] * 2e-2, "σ\(i)")
        }
        // Sparse and dense inputs run the same algorithm: same values up to rounding.
        let dense = try truncatedSVD(s.dense(), rank: 10, oversample: 10, powerIterations: 2, seed: 3)
        XCTAssertLessThan(relativeError(dense.s, approx.s), 1e-4)
    }

    func testDeterministicForSeed() throws {
        let a = try matrixWithSpectrum(rows: 80, cols: 60, spectrum: decaying(60), seed: 2)
        let x = try truncatedSVD(a, rank: 5, seed: 11), y = try truncatedSVD(a, rank: 5, seed: 11)
        XCTAssertEqual(x.s, y.s)
        XCTAssertEqual(x.u, y.u)
    }

    func testRankLargerThanOversampledSpaceIsClamped() throws {
        let a = try matrixWithSpectrum(rows: 30, cols: 12, spectrum: decaying(12), seed: 4)
        let r = try truncatedSVD(a, rank: 12)
        XCTAssertLessThan(relativeError(r.s, try LAPACK.singularValues(a)), 1e-4)
    }

    func testBadArgumentsThrow() {
        let a = Matrix.randomNormal(rows: 10, cols: 5, seed: 1)
        XCTAssertThrowsError(try truncatedSVD(a, rank: 0))
        XCTAssertThrowsError(try truncatedSVD(a, rank: 6)) { error in
            XCTAssertTrue("\(error)".contains("1...5"), "\(error)")
        }
        XCTAssertThrowsError(try truncatedSVD(a, rank: 2, oversample: -1))
        var bad = a
        bad[0, 0] = .nan
        XCTAssertThrowsError(try truncatedSVD(bad, rank: 2))
    }
}
