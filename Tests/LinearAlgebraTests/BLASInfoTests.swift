import XCTest
@testable import LinearAlgebra

final class BLASInfoTests: XCTestCase {
    func testFindsTheLoadedBLAS() {
        let info = BLASInfo.current
        XCTAssertNotEqual(info.kind, .unknown, info.summary)
        XCTAssertFalse(info.blasPaths.isEmpty)
        XCTAssertTrue(info.summary.hasPrefix("BLAS: "))
        if info.kind == .openBLAS {
            XCTAssertNil(info.warning)
            XCTAssertNotNil(info.openBLASConfig)
        }
        if info.isReference { XCTAssertNotNil(info.warning) }
    }

    func testBenchHelpersReturnPositiveRates() {
        XCTAssertGreaterThan(LinearAlgebraBench.sgemmGFLOPS(n: 64, repeats: 1), 0)
        XCTAssertGreaterThan(LinearAlgebraBench.referenceGemmGFLOPS(n: 32, repeats: 1), 0)
        XCTAssertTrue(LinearAlgebraBench.report(n: 64, referenceN: 32, repeats: 1).contains("GFLOP/s"))
    }
}
