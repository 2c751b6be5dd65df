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
}
