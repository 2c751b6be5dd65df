import XCTest
import KnowledgeModel
import TextAnalysis
@testable import Graph

/// Lexicon matching: leftmost-longest, boundaries, conflicts, offsets into the original text.
final class EntityMatcherTests: XCTestCase {
    let lexicon = [
        LexiconEntity(id: "model_e7", name: "E7", type: "model", aliases: ["澜途E7", "Lanto E7"]),
        LexiconEntity(id: "trim_e7_max", name: "E7 Max", type: "trim"),
        LexiconEntity(id: "trim_x5_pro", name: "X5 Pro", type: "trim", aliases: ["pro"]),
        LexiconEntity(id: "warning_tpms", name: "胎压灯", type: "warning_light", aliases: ["胎压"]),
        LexiconEntity(id: "feature_tpms", name: "胎压监测", type: "feature", aliases: ["胎压"]),
        LexiconEntity(id: "part_filter", name: "ﬁlter", type: "part"),
    ]

    func testLeftmostLongestAndConflicts() {
        let m = EntityMatcher(entities: lexicon)
        XCTAssertEqual(m.conflicts, [.init(surface: "胎压", entityIDs: ["feature_tpms", "warning_tpms"])])
        let found = m.mentions(in: "我的E7 Max胎压灯亮了，澜途E7的胎压监测")
        XCTAssertEqual(found.map(\.entityID), ["trim_e7_max", "warning_tpms", "model_e7", "feature_tpms"])
        XCTAssertEqual(found.map(\.surface), ["E7 Max", "胎压灯", "澜途E7", "胎压监测"])
        XCTAssertTrue(m.mentions(in: "只说胎压").isEmpty, "ambiguous alias is kept for neither")
    }

    func testLatinWordBoundaries() {
        let m = EntityMatcher(entities: lexicon)
        XCTAssertTrue(m.mentions(in: "be7x product e7s").isEmpty)
        XCTAssertEqual(m.mentions(in: "E7, pro? (e7)").map(\.entityID), ["model_e7", "trim_x5_pro", "model_e7"])
        XCTAssertEqual(m.mentions(in: "买E7还是X5 Pro").map(\.entityID), ["model_e7", "trim_x5_pro"])
    }

    func testOffsetsMapToOriginalText() {
        let m = EntityMatcher(entities: lexicon)
        // Full-width letters, an emoji (two UTF-16 units), a ligature that normalizes to two
        // scalars and a decomposed accent before the matches.
        let text = "😀Cafe\u{301} ＥＷ ｅ７ ＭＡＸ and the ﬁlter"
        let found = m.mentions(in: text)
        XCTAssertEqual(found.map(\.entityID), ["trim_e7_max", "part_filter"])
        let u = Array(text.utf16)
        for f in found {
            XCTAssertEqual(String(decoding: u[f.start..<f.end], as: UTF16.self), f.surface)
            XCTAssertEqual(f.source, .lexicon)
        }
        XCTAssertEqual(found[0].surface, "ｅ７ ＭＡＸ")
        XCTAssertEqual(found[1].surface, "ﬁlter")
    }

    func testCodePatternMentions() {
        let m = EntityMatcher(entities: lexicon)
        let found = m.mentions(in: "E7报P0A80，召回R2026-01，VIN LNBSCB3F5JW123456")
        XCTAssertEqual(found.map(\.entityID), ["model_e7", "code:p0a80", "code:r2026-01", "code:lnbscb3f5jw123456"])
        XCTAssertEqual(found.dropFirst().map(\.source), [.pattern, .pattern, .pattern])
        XCTAssertEqual(found[1].surface, "P0A80")
        let off = EntityMatcher(entities: lexicon, includeCodePatterns: false)
        XCTAssertEqual(off.mentions(in: "P0A80").count, 0)
    }

    func testSourceMapAgreesWithNormalizer() {
        var rng = AhoCorasickTests.SplitMix(state: 3)
        let pieces = ["E7", "ｅ７", "ＭＡＸ", "胎压", "，", "。", " ", "ﬁ", "①", "Cafe\u{301}", "😀", "Straße",
                      "ｶﾞ", "Ａ", "é", "\u{301}", "X5 Pro", "P0A80", "\n", "Ⅻ", "㎞", "한국"]
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let mapped = SourceMappedText(text)
            XCTAssertEqual(mapped.scalars, Normalizer.normalize(text).unicodeScalars.map(\.value), text)
            let u16 = Array(text.utf16)
            XCTAssertEqual(mapped.length16, u16.count)
            if mapped.count > 0 {
                XCTAssertEqual(mapped.utf16Range(0, mapped.count), 0..<u16.count, text)
            }
        }
    }
}
