import XCTest
@testable import LinearAlgebra

final class MatrixTests: XCTestCase {
    func testInitFromRowsAndAccess() throws {
        let m = try Matrix(rows: [[1, 2, 3], [4, 5, 6]])
        XCTAssertEqual(m.rows, 2)
        XCTAssertEqual(m.cols, 3)
        XCTAssertEqual(m.values, [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(m[1, 2], 6)
        XCTAssertEqual(Array(m.row(1)), [4, 5, 6])
        XCTAssertEqual(m.rowArrays, [[1, 2, 3], [4, 5, 6]])
    }

    func testRaggedRowsThrow() {
        XCTAssertThrowsError(try Matrix(rows: [[1, 2], [3]])) { error in
            guard case LinearAlgebraError.shapeMismatch(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("row 1"), message)
        }
        XCTAssertThrowsError(try Matrix(rows: [[1, 2]], cols: 3))
    }

    func testEmptyRowsKeepColumnCount() throws {
        let m = try Matrix(rows: [], cols: 4)
        XCTAssertEqual(m.rows, 0)
        XCTAssertEqual(m.cols, 4)
        XCTAssertTrue(m.isEmpty)
    }

    func testTransposeRoundTripAndValues() {
        let m = Matrix.randomNormal(rows: 37, cols: 70, seed: 3)
        let t = m.transposed
        XCTAssertEqual(t.rows, 70)
        XCTAssertEqual(t.cols, 37)
        for r in [0, 5, 36] {
            for c in [0, 33, 69] { XCTAssertEqual(t[c, r], m[r, c]) }
        }
        XCTAssertEqual(t.transposed, m)
    }

    func testRandomIsDeterministicAndRoughlyNormal() {
        let a = Matrix.randomNormal(rows: 100, cols: 100, seed: 42)
        XCTAssertEqual(a, Matrix.randomNormal(rows: 100, cols: 100, seed: 42))
        XCTAssertNotEqual(a, Matrix.randomNormal(rows: 100, cols: 100, seed: 43))
        let mean = a.values.reduce(0, +) / Float(a.values.count)
        let variance = a.values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(a.values.count)
        XCTAssertEqual(mean, 0, accuracy: 0.05)
        XCTAssertEqual(variance, 1, accuracy: 0.05)
        let u = Matrix.randomUniform(rows: 10, cols: 10, in: -2..<3, seed: 1)
        XCTAssertTrue(u.values.allSatisfy { $0 >= -2 && $0 < 3 })
    }

    func testSplitMixKnownSequence() {
        // Reference values of SplitMix64 seeded with 0 (from the published C implementation).
        var rng = SplitMix64(seed: 0)
        XCTAssertEqual(rng.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(rng.next(), 0x6E78_9E6A_A1B9_65F4)
    }

    func testRowAndColumnSlices() {
        let m = Matrix(rows: 4, cols: 3, values: (0..<12).map(Float.init))
        XCTAssertEqual(m.rows(1..<3).values, [3, 4, 5, 6, 7, 8])
        XCTAssertEqual(m.columns(1..<3).values, [1, 2, 4, 5, 7, 8, 10, 11])
        let sum = m.withUnsafeRows(2..<4) { view -> Float in
            XCTAssertEqual(view.rows, 2)
            XCTAssertEqual(Array(view.row(1)), [9, 10, 11])
            return view.rows(1..<2).row(0).reduce(0, +)
        }
        XCTAssertEqual(sum, 30)
    }

    func testAppendRetainAndSetRow() {
        var m = Matrix(rows: 0, cols: 2)
        m.appendRow([1, 2])
        m.appendRow([3, 4])
        m.appendRows(Matrix(rows: 2, cols: 2, values: [5, 6, 7, 8]))
        XCTAssertEqual(m.rows, 4)
        m.setRow(0, to: [9, 9])
        m.retainRows { $0 != 1 }
        XCTAssertEqual(m.rows, 3)
        XCTAssertEqual(m.values, [9, 9, 5, 6, 7, 8])
        var fresh = Matrix(rows: 0, cols: 0)
        fresh.appendRows(m)
        XCTAssertEqual(fresh, m)
    }

    func testCopyOnWriteKeepsCopiesIndependent() {
        let a = Matrix.identity(3)
        var b = a
        b[0, 1] = 5
        XCTAssertEqual(a[0, 1], 0)
        XCTAssertEqual(b[0, 1], 5)
    }
}
