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

final class BLASCoreTypeTests: XCTestCase {
    let avx512: Set<String> = ["sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"]

    func testAFallbackCoreOnAnAVXCPUGetsTheKernelsTheCPUCanRun() {
        XCTAssertEqual(BLASCoreType.better(than: "Prescott", cpuFlags: avx512, userSetting: nil), "SkylakeX")
        XCTAssertEqual(BLASCoreType.better(than: "prescott", cpuFlags: ["avx", "avx2", "fma"], userSetting: nil), "Haswell")
        // AVX-512 foundation alone is not what the SkylakeX kernels need.
        XCTAssertEqual(BLASCoreType.better(than: "Core2", cpuFlags: ["avx2", "fma", "avx512f"], userSetting: nil), "Haswell")
        XCTAssertEqual(BLASCoreType.better(than: "Sandybridge", cpuFlags: avx512, userSetting: nil), "SkylakeX")
    }

    func testOpenBLASsOwnChoiceAndTheUsersStand() {
        // A core with AVX2 kernels is OpenBLAS's informed choice.
        for core in ["Haswell", "SkylakeX", "Cooperlake", "Zen"] {
            XCTAssertNil(BLASCoreType.better(than: core, cpuFlags: avx512, userSetting: nil), core)
        }
        // The user's OPENBLAS_CORETYPE wins, even a slow one.
        XCTAssertNil(BLASCoreType.better(than: "Prescott", cpuFlags: avx512, userSetting: "Prescott"))
        // A CPU without AVX2 has nothing better; another BLAS has no core name.
        XCTAssertNil(BLASCoreType.better(than: "Prescott", cpuFlags: ["sse3", "avx"], userSetting: nil))
        XCTAssertNil(BLASCoreType.better(than: nil, cpuFlags: avx512, userSetting: nil))
    }

    func testReadsThisMachinesFlags() {
        #if os(Linux) && arch(x86_64)
        XCTAssertTrue(BLASCoreType.cpuFlags().contains("sse2"), "every x86-64 CPU lists sse2 in /proc/cpuinfo")
        #endif
    }
}
