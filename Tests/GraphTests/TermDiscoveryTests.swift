import XCTest
import KnowledgeModel
@testable import Graph

/// Term discovery on a synthetic corpus with planted terms.
final class TermDiscoveryTests: XCTestCase {
    /// Deterministic corpus: random filler with "胎压监测" and "battery thermal management"
    /// planted in varied contexts. Random fragments of the filler recur by chance.
    static func corpus() -> [String] {
        var rng = AhoCorasickTests.SplitMix(state: 7)
        let zhFiller = Array("我今天车开去店里问下师傅说这个问题可能要等几天再看情况如果还是不行就换新的零件吧明天下午有空")
        let zhBefore = ["我的", "车辆", "提示", "关于", "打开", "检查", "系统", "仪表", "售后", "昨天"]
        let zhAfter = ["报警", "失灵", "功能", "怎么", "正常", "异常", "故障", "设置", "灯亮", "不准"]
        let enFiller = ["car", "drive", "customer", "dealer", "phone", "window", "seat", "road", "city", "light", "door", "service"]
        let enBefore = ["check", "the", "a", "our", "improve", "new", "reset", "about", "faulty", "its"]
        let enAfter = ["system", "fault", "update", "works", "warning", "today", "settings", "module", "issue", "again"]
        func zh(_ n: Int) -> String { String((0..<n).map { _ in zhFiller.randomElement(using: &rng)! }) }
        func en(_ n: Int) -> String { (0..<n).map { _ in enFiller.randomElement(using: &rng)! }.joined(separator: " ") }
        var texts: [String] = []
        for i in 0..<60 {
            texts.append(zh(Int.random(in: 4...10, using: &rng)) + zhBefore[i % 10] + "胎压监测" + zhAfter[(i * 3) % 10]
                + zh(Int.random(in: 3...8, using: &rng)) + "。")
            texts.append(en(Int.random(in: 2...6, using: &rng)) + " \(enBefore[i % 10]) battery thermal management "
                + "\(enAfter[(i * 7) % 10]) " + en(Int.random(in: 2...5, using: &rng)) + ".")
        }
        return texts
    }

    func testPlantedTermsRankFirst() {
        let found = TermDiscovery().discover(in: Self.corpus())
        let zh = found.filter { $0.language == .chinese }
        let en = found.filter { $0.language == .english }
        XCTAssertEqual(zh.first?.term, "胎压监测", "\(zh.prefix(5).map(\.term))")
        XCTAssertEqual(en.first?.term, "battery thermal management", "\(en.prefix(5).map(\.term))")
        XCTAssertEqual(Set(found.prefix(2).map(\.term)), ["胎压监测", "battery thermal management"])
        // Fragments of the planted terms are subsumed; chance fragments of the filler score
        // far below the planted terms.
        for fragment in ["胎压", "压监测", "监测", "thermal management", "battery thermal"] {
            XCTAssertFalse(found.contains { $0.term == fragment }, fragment)
        }
        if zh.count > 1 { XCTAssertLessThan(zh[1].score, zh[0].score / 2, zh[1].term) }
        let top = zh.first!
        XCTAssertEqual(top.frequency, 60)
        XCTAssertEqual(top.examples.count, 3)
        XCTAssertTrue(top.examples.allSatisfy { $0.contains("胎压监测") && $0.count <= 40 })
        XCTAssertEqual(found.map(\.score), found.map(\.score).sorted(by: >))
    }

    func testLexiconTermsAreExcluded() {
        let lexicon = [
            LexiconEntity(id: "feature_tpms", name: "TPMS", type: "feature", aliases: ["胎压监测系统", "Battery Thermal Management"]),
        ]
        let found = TermDiscovery(lexicon: lexicon).discover(in: Self.corpus())
        XCTAssertFalse(found.contains { $0.term == "胎压监测" || $0.term == "battery thermal management" })
    }

    func testEmptyAndTinyCorpora() {
        XCTAssertTrue(TermDiscovery().discover(in: []).isEmpty)
        XCTAssertTrue(TermDiscovery().discover(in: ["胎压监测", "battery thermal management"]).isEmpty)
    }
}
