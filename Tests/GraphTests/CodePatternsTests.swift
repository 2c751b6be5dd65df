import XCTest
@testable import Graph

/// The code scanners: each kind, boundaries and look-alikes that must not match.
final class CodePatternsTests: XCTestCase {
    func testClassify() {
        XCTAssertEqual(CodePatterns.classify("P0A80"), .faultCode)
        XCTAssertEqual(CodePatterns.classify("u0100"), .faultCode)
        XCTAssertEqual(CodePatterns.classify("R2026-01"), .campaignCode)
        XCTAssertEqual(CodePatterns.classify("SC-2026-03"), .campaignCode)
        XCTAssertEqual(CodePatterns.classify("LNBSCB3F5JW123456"), .vin)
        XCTAssertEqual(CodePatterns.classify("BMS-12345"), .partNumber)
        XCTAssertEqual(CodePatterns.classify("TPMS-4411-A"), .partNumber)
        for no in ["P5A80", "cafe1", "P0A8", "R26-01", "LNBSCB3F5JW12345O", "ABCDEFGHJKLMNPRST", "B-123", "hello", "E7"] {
            XCTAssertNil(CodePatterns.classify(no), no)
        }
    }

    func testScanBoundaries() {
        let text = "故障码P0A80亮了, recall R2026-01 and xP0A80 plus SC-2026-03."
        let scalars = Normalizer_scalars(text)
        let found = CodePatterns.scan(scalars).map(\.code)
        XCTAssertEqual(found, ["p0a80", "r2026-01", "sc-2026-03"])
    }

    private func Normalizer_scalars(_ s: String) -> [UInt32] { SourceMappedText(s).scalars }
}
