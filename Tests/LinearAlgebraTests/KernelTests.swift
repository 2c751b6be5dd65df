import XCTest
@testable import LinearAlgebra

final class KernelTests: XCTestCase {
    func testGemmAllTransposesMatchReference() {
        let m = 23, k = 17, n = 31
        for opA in [Transpose.none, .transpose] {
            for opB in [Transpose.none, .transpose] {
                let a = opA == .none ? Matrix.randomNormal(rows: m, cols: k, seed: 1)
                                     : Matrix.randomNormal(rows: k, cols: m, seed: 1)
                let b = opB == .none ? Matrix.randomNormal(rows: k, cols: n, seed: 2)
                                     : Matrix.randomNormal(rows: n, cols: k, seed: 2)
                let c0 = Matrix.randomNormal(rows: m, cols: n, seed: 3)
                var fast = c0, slow = c0
                Kernels.gemm(a, opA, b, opB, into: &fast, alpha: 0.5, beta: -2)
                Reference.gemm(a, opA, b, opB, into: &slow, alpha: 0.5, beta: -2)
                assertClose(fast, slow, tolerance: 1e-5, "opA \(opA) opB \(opB)")
            }
        }
    }

    func testGemmBetaZeroOverwritesNaN() {
        let a = Matrix.randomNormal(rows: 4, cols: 3, seed: 1), b = Matrix.randomNormal(rows: 3, cols: 5, seed: 2)
        var c = Matrix(rows: 4, cols: 5, repeating: .nan)
        Kernels.gemm(a, .none, b, .none, into: &c)
        assertClose(c, Reference.matmul(a, .none, b, .none), tolerance: 1e-5)
    }

    func testGemmEmptyInnerDimensionScalesC() {
        let a = Matrix(rows: 3, cols: 0), b = Matrix(rows: 0, cols: 2)
        var c = Matrix(rows: 3, cols: 2, repeating: 4)
        Kernels.gemm(a, .none, b, .none, into: &c, beta: 0.5)
        XCTAssertEqual(c.values, [Float](repeating: 2, count: 6))
        Kernels.gemm(a, .none, b, .none, into: &c, beta: 0)
        XCTAssertEqual(c.values, [Float](repeating: 0, count: 6))
    }

    func testGemmOnRowBlocksWithStride() {
        // Multiply rows 10..<20 of X by Qᵀ, writing into rows 2..<12 of a wider output (ld > cols).
        let x = Matrix.randomNormal(rows: 40, cols: 16, seed: 5)
        let q = Matrix.randomNormal(rows: 7, cols: 16, seed: 6)
        var out = Matrix(rows: 14, cols: 9)
        q.withUnsafeRef { rq in
            x.withUnsafeRows(10..<20) { rx in
                out.withUnsafeMutableRef { ro in
                    let view = MutableMatrixRef(base: ro.base + 2 * 9, rows: 10, cols: 7, ld: 9)
                    Kernels.gemm(rx, .none, rq, .transpose, into: view)
                }
            }
        }
        let expected = Reference.matmul(x.rows(10..<20), .none, q, .transpose)
        for r in 0..<10 {
            XCTAssertLessThan(relativeError(Array(out.row(r + 2).prefix(7)), Array(expected.row(r))), 1e-5)
            XCTAssertEqual(Array(out.row(r + 2).suffix(2)), [0, 0])
        }
    }

    func testGemvBothOrientations() {
        let a = Matrix.randomNormal(rows: 50, cols: 33, seed: 9)
        let x = Matrix.randomNormal(rows: 1, cols: 33, seed: 10).values
        let xt = Matrix.randomNormal(rows: 1, cols: 50, seed: 11).values
        XCTAssertLessThan(relativeError(Kernels.matvec(a, .none, x), Reference.gemv(a, .none, x: x)), 1e-5)
        XCTAssertLessThan(relativeError(Kernels.matvec(a, .transpose, xt), Reference.gemv(a, .transpose, x: xt)), 1e-5)
    }

    func testGemvAlphaBeta() {
        let a = Matrix.randomNormal(rows: 8, cols: 6, seed: 1)
        let x = Matrix.randomNormal(rows: 1, cols: 6, seed: 2).values
        var y = Matrix.randomNormal(rows: 1, cols: 8, seed: 3).values
        let expected = Reference.gemv(a, x: x, y: y, alpha: 2, beta: 0.25)
        a.withUnsafeRef { ra in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    Kernels.gemv(ra, x: px.baseAddress!, into: py.baseAddress!, alpha: 2, beta: 0.25)
                }
            }
        }
        XCTAssertLessThan(relativeError(y, expected), 1e-5)
    }

    func testDotAxpyScalNorm() {
        let x = Matrix.randomNormal(rows: 1, cols: 1000, seed: 1).values
        let y = Matrix.randomNormal(rows: 1, cols: 1000, seed: 2).values
        XCTAssertEqual(Kernels.dot(x, y), Reference.dot(x, y), accuracy: 1e-3)
        XCTAssertEqual(Kernels.dot([], []), 0)
        var z = y
        Kernels.axpy(3, x, &z)
        XCTAssertLessThan(relativeError(z, Reference.axpy(3, x, y)), 1e-6)
        var v: [Float] = [3, 4]
        XCTAssertEqual(Kernels.normalize(&v), 5)
        XCTAssertEqual(v[0], 0.6, accuracy: 1e-6)
        XCTAssertEqual(v[1], 0.8, accuracy: 1e-6)
        var zero: [Float] = [0, 0, 0]
        XCTAssertEqual(Kernels.normalize(&zero), 0)
        XCTAssertEqual(zero, [0, 0, 0])
    }

    func testNormalizeRowsMatchesReference() {
        var m = Matrix.randomNormal(rows: 20, cols: 64, seed: 4)
        m.setRow(7, to: [Float](repeating: 0, count: 64))
        let expected = Reference.normalizeRows(m)
        let norms = Kernels.normalizeRows(&m)
        assertClose(m, expected, tolerance: 1e-6)
        XCTAssertEqual(norms[7], 0)
        for r in 0..<20 where r != 7 {
            XCTAssertEqual(Reference.dot(Array(m.row(r)), Array(m.row(r))), 1, accuracy: 1e-5)
        }
    }
}
