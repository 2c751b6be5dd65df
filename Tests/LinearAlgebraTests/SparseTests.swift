import XCTest
@testable import LinearAlgebra

final class SparseTests: XCTestCase {
    func testValidationThrows() {
        XCTAssertThrowsError(try CSRMatrix(rows: 2, cols: 3, rowPtr: [0, 1], colIdx: [0], values: [1]))
        XCTAssertThrowsError(try CSRMatrix(rows: 1, cols: 3, rowPtr: [0, 1], colIdx: [3], values: [1]))
        XCTAssertThrowsError(try CSRMatrix(rows: 2, cols: 3, rowPtr: [0, 2, 1], colIdx: [0], values: [1]))
        XCTAssertThrowsError(try CSRMatrix(rows: 1, cols: 3, rowPtr: [0, 1], colIdx: [0], values: [1, 2]))
        XCTAssertThrowsError(try CSRMatrix(cols: 2, rowEntries: [[(col: 2, value: 1)]]))
    }

    func testDenseRoundTripAndRepeatedColumnsAdd() throws {
        let s = try CSRMatrix(cols: 4, rowEntries: [[(col: 1, value: 2), (col: 3, value: -1), (col: 1, value: 0.5)],
                                                    [],
                                                    [(col: 0, value: 7)]])
        XCTAssertEqual(s.dense().values, [0, 2.5, 0, -1, 0, 0, 0, 0, 7, 0, 0, 0])
        let d = Matrix.randomNormal(rows: 5, cols: 6, seed: 1)
        XCTAssertEqual(CSRMatrix(dense: d).dense(), d)
    }

    func testTransposedMatchesDenseTranspose() {
        let s = CSRMatrix.random(rows: 40, cols: 25, density: 0.2, seed: 3)
        XCTAssertEqual(s.transposed.dense(), s.dense().transposed)
        XCTAssertEqual(s.transposed.transposed.dense(), s.dense())
    }

    func testMultiplyMatchesReference() {
        let s = CSRMatrix.random(rows: 60, cols: 45, density: 0.1, seed: 4)
        let x = Matrix.randomNormal(rows: 45, cols: 13, seed: 5)
        assertClose(s.multiply(x), Reference.multiply(s, x), tolerance: 1e-5)
    }

    func testTransposeMultiplyMatchesReference() {
        let s = CSRMatrix.random(rows: 60, cols: 45, density: 0.1, seed: 6)
        let x = Matrix.randomNormal(rows: 60, cols: 9, seed: 7)
        assertClose(s.transposeMultiply(x), Reference.transposeMultiply(s, x), tolerance: 1e-5)
        assertClose(s.transposed.multiply(x), Reference.transposeMultiply(s, x), tolerance: 1e-5)
    }

    func testLargeMultiplyUsesAllCoresAndStaysExact() {
        // Big enough to take the multi-threaded path (work ≥ 2²²).
        let s = CSRMatrix.random(rows: 3000, cols: 500, density: 0.05, seed: 8)
        let x = Matrix.randomNormal(rows: 500, cols: 64, seed: 9)
        XCTAssertGreaterThanOrEqual(s.nonZeroCount * 64, 1 << 22)
        assertClose(s.multiply(x), Kernels.matmul(s.dense(), .none, x, .none), tolerance: 1e-4)
    }

    func testEmptyShapes() throws {
        let s = try CSRMatrix(rows: 0, cols: 3, rowPtr: [0], colIdx: [], values: [])
        XCTAssertEqual(s.multiply(Matrix(rows: 3, cols: 2)).rows, 0)
        XCTAssertEqual(s.transposeMultiply(Matrix(rows: 0, cols: 2)), Matrix(rows: 3, cols: 2))
    }
}
