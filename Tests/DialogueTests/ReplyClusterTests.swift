import XCTest
@testable import Dialogue

/// Near-duplicate detection and clustering of replies.
final class ReplyClusterTests: XCTestCase {
    func testMaskedFormDropsPunctuationSpacesCaseAndMasksNumbers() {
        XCTAssertEqual(ReplyText.maskedForm("订单 12345 已发货！OK?"), "订单#已发货ok")
        XCTAssertEqual(ReplyText.maskedForm("ＡＢＣ１２３ 好的"), "#好的")
        XCTAssertEqual(ReplyText.maskedForm("[订单x]"), "订单x")
        XCTAssertEqual(ReplyText.maskedForm("Got it, on 20 July 2023 # ok"), "gotiton#july#ok")   // numbers masked word by word
        XCTAssertEqual(ReplyText.maskedForm("x5-pro 2.0t"), "#pro##")
    }

    func testEditSimilarityThreshold() {
        XCTAssertEqual(ReplyText.similarity("abcde", "abcdx"), 0.8, accuracy: 1e-9)
        XCTAssertTrue(ReplyText.nearDuplicate(ReplyText.maskedScalars("请问还有其他可以帮到您的吗"),
                                              ReplyText.maskedScalars("请问还有其他还可以帮到您的吗?")))
        XCTAssertFalse(ReplyText.nearDuplicate(ReplyText.maskedScalars("好的"), ReplyText.maskedScalars("好的呢")))
        XCTAssertEqual(ReplyText.levenshtein(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)), 3)
        // Similarity exactly 0.8 counts: 1 edit in 5 scalars, 3 in 15 (0.2 is not exact in binary).
        XCTAssertTrue(ReplyText.nearDuplicate(ReplyText.maskedScalars("abcde"), ReplyText.maskedScalars("abcdx")))
        XCTAssertTrue(ReplyText.nearDuplicate(ReplyText.maskedScalars("abcdefghijklmno"), ReplyText.maskedScalars("xbcdefgyijklmnz")))
        XCTAssertFalse(ReplyText.nearDuplicate(ReplyText.maskedScalars("abcde"), ReplyText.maskedScalars("abcxy")))
    }

    /// Random strings over a small alphabet (so that distances vary), from a fixed seed.
    private func randomForms(_ count: Int, maxLength: Int, alphabet: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var out: [[Unicode.Scalar]] = []
        for _ in 0..<count {
            var base = (0..<next(maxLength + 1)).map { _ in alphabet[next(alphabet.count)] }
            if let previous = out.last, next(2) == 0 {           // often a few edits away from the last one
                base = previous
                for _ in 0..<next(6) where !base.isEmpty { base[next(base.count)] = alphabet[next(alphabet.count)] }
                if next(2) == 0 { base.insert(alphabet[next(alphabet.count)], at: next(base.count + 1)) }
            }
            out.append(base)
        }
        return out
    }

    func testBandedAndBitParallelDistancesAgreeWithTheFullTable() {
        // Lengths up to 150 put patterns over one, two and three 64-bit words.
        let forms = randomForms(160, maxLength: 150, alphabet: Array("abc#".unicodeScalars) + ["好"])
        func table(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
            var previous = Array(0...b.count)
            for i in a.indices {
                var current = [i + 1]
                for j in b.indices { current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (a[i] == b[j] ? 0 : 1))) }
                previous = current
            }
            return previous[b.count]
        }
        for (a, b) in zip(forms, forms.dropFirst()) {
            let exact = table(a, b)
            XCTAssertEqual(ReplyText.levenshtein(a, b), exact)
            for bound in [0, 1, 3, 10, 40] {
                XCTAssertEqual(ReplyText.levenshtein(a, b, bound: bound), min(exact, bound + 1), "bound \(bound)")
            }
            if let pattern = ReplyText.EditPattern(a) {
                XCTAssertEqual(pattern.distance(to: b), exact, "\(a.count) × \(b.count)")
            } else {
                XCTAssertTrue(a.isEmpty || a.contains("好"))        // only ASCII forms get a pattern
            }
        }
    }

    func testClusteringMergesNearDuplicatesAndCountsThem() {
        var index = ReplyClusterIndex()
        let a = index.insert("请问还有其他还可以帮到您的吗?")
        let b = index.insert("请问还有其他可以帮到您的吗?")
        let c = index.insert("请问还有其他还可以帮到您的吗?")
        let d = index.insert("感谢您对京东的支持，祝您生活愉快，再见!")
        let e = index.insert("订单123已退款")
        let f = index.insert("订单 4567 已退款。")
        XCTAssertEqual(a, b)
        XCTAssertEqual(a, c)
        XCTAssertNotEqual(a, d)
        XCTAssertEqual(e, f)
        XCTAssertEqual(index.clusters.count, 3)
        XCTAssertEqual(index.clusters[a].count, 3)
        XCTAssertEqual(index.clusters[a].representative, "请问还有其他还可以帮到您的吗?")   // the most frequent wording
        XCTAssertEqual(index.largestCount, 3)
        XCTAssertEqual(index.cluster(of: "请问还有其他还能帮到您的吗"), a)
        XCTAssertNil(index.cluster(of: "完全不同的一句话"))
    }

    func testClusteringAgreesWithPairwiseNearDuplicateTest() {
        // Leader clustering: every member is a near-duplicate of its cluster's leader, and no
        // reply was put in a new cluster while an older leader was a near-duplicate of it.
        let words = ["好的", "好的呢", "是的", "您好", "稍等", "正在为您查询", "还请您稍等，正在为您查询~", "还请您稍等，马上为您查询~",
                     "有什么问题我可以帮您处理或解决呢?", "您好，有什么问题我可以帮您处理或解决呢?", "嗯嗯", "亲", "a", "ab", "abc"]
        var index = ReplyClusterIndex()
        var leaders: [[Unicode.Scalar]] = []
        for w in words {
            let form = ReplyText.maskedScalars(w)
            let expected = leaders.firstIndex { ReplyText.nearDuplicate(form, $0) }
            let id = index.insert(w)
            if let expected { XCTAssertEqual(id, expected, w) } else { XCTAssertEqual(id, leaders.count, w); leaders.append(form) }
        }
    }

    func testLatinClusteringAgreesWithPairwiseNearDuplicateTest() {
        // ASCII forms take the bit-parallel path; clusters and look-ups must not change.
        let forms = randomForms(400, maxLength: 90, alphabet: Array("abcde".unicodeScalars))
        var index = ReplyClusterIndex()
        var leaders: [[Unicode.Scalar]] = []
        for form in forms {
            let text = String(String.UnicodeScalarView(form))
            let expected = leaders.firstIndex { ReplyText.nearDuplicate(form, $0) }
            XCTAssertEqual(index.cluster(of: text), expected, text)
            let id = index.insert(text)
            if let expected { XCTAssertEqual(id, expected, text) } else { XCTAssertEqual(id, leaders.count, text); leaders.append(form) }
        }
        XCTAssertGreaterThan(leaders.count, 20)
        XCTAssertLessThan(leaders.count, forms.count)                 // some did merge
        let probe = ReplyClusterIndex.Probe("Is there anything else I can help you with?")
        var english = ReplyClusterIndex()
        let id = english.insert("Is there anything else I can help you with today?")
        XCTAssertTrue(english.leader(id, isNearDuplicateOf: probe))
        XCTAssertFalse(english.leader(id, isNearDuplicateOf: ReplyClusterIndex.Probe("What time would you like to leave?")))
    }
}
