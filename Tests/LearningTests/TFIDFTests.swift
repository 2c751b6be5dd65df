import LinearAlgebra
import XCTest
@testable import Learning

/// IDF fitting and the TF-IDF transform.
final class TFIDFTests: XCTestCase {
    let corpus = ["reset my password", "password reset link", "opening hours of the store", "store hours today"]

    func model() -> TFIDFModel {
        TFIDFModel.fit(corpus: corpus, extractor: FeatureExtractor(config: EncoderConfig()))
    }

    func testRowsAreUnitLength() {
        let x = model().transform(corpus + ["completely unseen words here", ""])
        XCTAssertEqual(x.rows, 6)
        XCTAssertEqual(x.cols, 1 << 18)
        for r in 0..<5 {
            let norm = x.values[x.rowPtr[r]..<x.rowPtr[r + 1]].reduce(0) { $0 + $1 * $1 }.squareRoot()
            XCTAssertEqual(norm, 1, accuracy: 1e-5, "row \(r)")
        }
        XCTAssertEqual(x.rowPtr[6] - x.rowPtr[5], 0, "an empty text gives an empty row")
    }

    func testIDFFormulaAndUnseenFeatures() {
        let m = model()
        XCTAssertEqual(m.documentCount, 4)
        XCTAssertEqual(m.unseenIDF, logf(5) + 1, accuracy: 1e-6)
        XCTAssertEqual(m.idf.max()!, logf(5 / 2) + 1, accuracy: 1e-6, "a feature in one text")
        XCTAssertTrue(m.idf.allSatisfy { $0 >= 1 && $0 < m.unseenIDF })
        // "password" (stemmed "password") is in two texts: idf ln(5/3) + 1.
        var h = StableHash()
        h.combine(byte: FeatureExtractor.Family.term.rawValue)
        h.combine(string: "password")
        let column = m.column[h.bucket(mask: (1 << 18) - 1)]
        XCTAssertGreaterThanOrEqual(column, 0)
        XCTAssertEqual(m.idf[Int(column)], logf(5.0 / 3.0) + 1, accuracy: 1e-6)
    }

    func testCompactRowsKeepSeenColumnsOfTheFullRow() {
        let m = model()
        let texts = ["reset the store password", "unseen zebra"]
        let raw = m.extractor.extract(texts)
        let full = m.transform(texts), compact = m.compactRows(raw)
        XCTAssertEqual(compact.cols, m.featureCount)
        for r in 0..<2 {
            var fromFull: [Int: Float] = [:]
            for k in full.rowPtr[r]..<full.rowPtr[r + 1] where m.column[Int(full.colIdx[k])] >= 0 {
                fromFull[Int(m.column[Int(full.colIdx[k])])] = full.values[k]
            }
            var fromCompact: [Int: Float] = [:]
            for k in compact.rowPtr[r]..<compact.rowPtr[r + 1] { fromCompact[Int(compact.colIdx[k])] = compact.values[k] }
            XCTAssertEqual(fromFull, fromCompact)
        }
        XCTAssertLessThan(compact.rowPtr[2] - compact.rowPtr[1], full.rowPtr[2] - full.rowPtr[1])
    }
}
