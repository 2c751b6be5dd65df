import XCTest
@testable import LinearAlgebra

final class FactorizationTests: XCTestCase {
    func testQROrthonormalizesAndSpansInput() throws {
        let a = Matrix.randomNormal(rows: 200, cols: 30, seed: 1)
        let q = try LAPACK.orthonormalize(a)
        XCTAssertEqual(q.rows, 200)
        XCTAssertEqual(q.cols, 30)
        XCTAssertLessThan(orthonormalityError(columnsOf: q), 1e-5)
        // A lies in span(Q): Q·Qᵀ·A == A.
        let projected = Kernels.matmul(q, .none, Kernels.matmul(q, .transpose, a, .none), .none)
        assertClose(projected, a, tolerance: 1e-4)
    }

    func testQRRejectsWideAndNonFiniteInput() {
        XCTAssertThrowsError(try LAPACK.orthonormalize(Matrix(rows: 3, cols: 5))) { error in
            XCTAssertTrue("\(error)".contains("rows ≥ cols"), "\(error)")
        }
        var bad = Matrix.randomNormal(rows: 5, cols: 2, seed: 1)
        bad[2, 1] = .nan
        XCTAssertThrowsError(try LAPACK.orthonormalize(bad)) { error in
            guard case LinearAlgebraError.nonFiniteInput = error else { return XCTFail("\(error)") }
        }
    }

    func testSVDReconstructsTallAndWide() throws {
        for (m, n) in [(60, 25), (25, 60)] {
            let a = Matrix.randomNormal(rows: m, cols: n, seed: UInt64(m))
            let svd = try LAPACK.svd(a)
            XCTAssertEqual(svd.s.count, 25)
            XCTAssertEqual(svd.u.rows, m)
            XCTAssertEqual(svd.vt.cols, n)
            XCTAssertTrue(zip(svd.s, svd.s.dropFirst()).allSatisfy { $0 >= $1 })
            assertClose(svd.reconstructed(), a, tolerance: 1e-4)
            XCTAssertLessThan(orthonormalityError(columnsOf: svd.u), 1e-5)
            XCTAssertLessThan(orthonormalityError(columnsOf: svd.vt.transposed), 1e-5)
            XCTAssertLessThan(relativeError(try LAPACK.singularValues(a), svd.s), 1e-5)
        }
    }

    func testSVDOfKnownSpectrum() throws {
        let spectrum: [Float] = [10, 5, 2, 1, 0.5]
        let a = try matrixWithSpectrum(rows: 40, cols: 30, spectrum: spectrum, seed: 3)
        let s = try LAPACK.singularValues(a)
        XCTAssertLessThan(relativeError(Array(s.prefix(5)), spectrum), 1e-5)
        XCTAssertLessThan(s[5], 1e-4)
    }

    func testSVDNonFiniteThrowsAndEmptyIsFine() throws {
        var bad = Matrix.identity(3)
        bad[0, 0] = .infinity
        XCTAssertThrowsError(try LAPACK.svd(bad))
        let empty = try LAPACK.svd(Matrix(rows: 0, cols: 4))
        XCTAssertEqual(empty.s, [])
        XCTAssertEqual(empty.vt.cols, 4)
    }

    func testTruncateKeepsLeadingTriplets() throws {
        let svd = try LAPACK.svd(Matrix.randomNormal(rows: 10, cols: 8, seed: 4)).truncated(to: 3)
        XCTAssertEqual(svd.u.cols, 3)
        XCTAssertEqual(svd.s.count, 3)
        XCTAssertEqual(svd.vt.rows, 3)
    }

    func testJobCharIsASCII() {
        XCTAssertEqual(Int(LAPACK.jobChar("S")), 83)
        XCTAssertEqual(Int(LAPACK.jobChar("N")), 78)
    }

    func testLAPACKErrorMessages() {
        XCTAssertTrue(LinearAlgebraError.lapackFailure(routine: "LAPACKE_sgesdd", info: -4).description
            .contains("argument 4"))
        XCTAssertTrue(LinearAlgebraError.lapackFailure(routine: "LAPACKE_sgesdd", info: 2).description
            .contains("converge"))
    }
}
